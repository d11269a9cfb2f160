"""Reads of the candidatures for « Mes démarches »: each candidature drawn as the procedure's
steps with its dates on one time line, in a fixed number of queries whatever their number."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet

from livrets.candidatures import deadlines
from livrets.candidatures.deadlines import Deadline, Facts
from livrets.candidatures.models import Candidature

DONE, CURRENT, TO_COME = "done", "current", "to_come"
STEP_WORDS = {DONE: "Terminé", CURRENT: "En cours", TO_COME: "À venir"}


@dataclass(frozen=True)
class Step:
    code: str
    title: str
    state: str  # DONE, CURRENT or TO_COME
    summary: str
    url_name: str = ""
    url_arg: object = None

    @property
    def state_label(self) -> str:
        return STEP_WORDS[self.state]


@dataclass(frozen=True)
class Event:
    """A date of the time line: recorded by the candidate or on the portal by the certifier's
    desk (``on_portal``), or computed (with its source)."""

    day: date
    label: str
    computed: bool = False
    deadline: Deadline | None = None
    on_portal: bool = False

    @property
    def past(self) -> bool:
        return self.deadline.state == "past" if self.deadline else True


@dataclass
class Overview:
    candidature: Candidature
    title: str
    steps: list[Step] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    request_state: tuple[str, str] = ("", "")
    livret: object = None
    decision: object = None
    no_delay: bool = False
    # What the portal needs, or does not know, to give a date (its own sentences).
    missing: tuple[str, ...] = ()

    @property
    def next_event(self) -> Event | None:
        return next((e for e in self.events if e.computed and not e.past), None) or next(
            (e for e in self.events if not e.past), None
        )


def owned(user) -> QuerySet[Candidature]:
    """The user's candidatures with everything « Mes démarches » shows: three queries."""
    return (
        Candidature.objects.filter(owner=user)
        .select_related("cqp__current", "request__referential_version", "jury_seat")
        .prefetch_related("livrets__referential_version", "jury_decisions")
        .order_by("created_at", "pk")
    )


def _request_of(c: Candidature):
    try:
        return c.request
    except Candidature.request.RelatedObjectDoesNotExist:
        return None


def _events(c: Candidature, facts: Facts, dates: list[Deadline], decision) -> list[Event]:
    held = c.desk_held
    recorded = [
        (facts.sent_on, "Envoi de la demande de recevabilité", "sent_on" in held),
        (facts.received_on, "Réception de la demande par le certificateur", "received_on" in held),
        (
            facts.decision_on,
            f"Décision de recevabilité : {c.get_decision_display().lower()}",
            "decision_on" in held,
        ),
        (
            facts.favourable_notified_on,
            "Notification favorable de la recevabilité",
            "notified_on" in held,
        ),
        (facts.jury_on, "Session du jury", "jury_on" in held),
        (
            decision and decision.decided_on,
            decision and f"Jury : {decision.get_outcome_display()}",
            bool(decision and decision.by_certifier),
        ),
    ]
    events = [Event(day, label, on_portal=held) for day, label, held in recorded if day]
    events += [Event(d.day, d.label, computed=True, deadline=d) for d in dates]
    return sorted(events, key=lambda e: e.day)


def _steps(c: Candidature, request, state: tuple[str, str], livret, decision) -> list[Step]:
    code, label = state
    sent = code not in ("", "draft", "finalised")
    accepted = code in ("accepted", "accepted_by_silence")
    answered = accepted or code == "refused"
    livret_done = bool(livret and livret.is_finalised)
    return [
        Step(
            "selfcheck",
            "Vérification d'éligibilité",
            DONE if c.selfcheck else TO_COME,
            "Faite" if c.selfcheck else "Facultative",
            "selfcheck:start",
        ),
        Step(
            "request",
            "Demande de recevabilité (livret 1)",
            DONE if sent else CURRENT if request else TO_COME,
            label if request or sent else "Pas encore préparée",
            "recevabilite:detail" if request else "recevabilite:start",
            request.pk if request else None,
        ),
        Step(
            "decision",
            "Décision de recevabilité",
            DONE if answered else CURRENT if sent else TO_COME,
            label if sent else "Après l'envoi de la demande",
            "recevabilite:answer" if request and sent else "",
            request.pk if request else None,
        ),
        Step(
            "livret",
            "Livret 2 (dossier de validation)",
            DONE if livret_done else CURRENT if livret else TO_COME,
            f"{livret.get_status_display()} (version {livret.number})"
            if livret
            else "Pas encore commencé",
            "livrets:detail" if livret else "",
            livret.pk if livret else None,
        ),
        Step(
            "jury",
            "Jury",
            DONE if decision else CURRENT if c.jury_on else TO_COME,
            decision.get_outcome_display()
            if decision
            else "Session indiquée"
            if c.jury_on
            else "Pas encore de session",
        ),
    ]


def overview(c: Candidature, *, today: date) -> Overview:
    request = _request_of(c)
    livrets = sorted(c.livrets.all(), key=lambda v: -v.number)
    livret = livrets[0] if livrets else None
    decisions = sorted(c.jury_decisions.all(), key=lambda d: (d.decided_on, d.pk), reverse=True)
    decision = decisions[0] if decisions else None
    version = (
        request.referential_version
        if request
        else livret.referential_version
        if livret
        else c.cqp.current
    )
    delays = version.referential.delays if version else None
    facts = c.facts
    dates = deadlines.deadlines(delays=delays, facts=facts, today=today) if delays else []
    state = (
        deadlines.request_state(
            delays=delays, facts=facts, finalised=request.is_finalised, today=today
        )
        if request and delays
        else ("", "")
    )
    return Overview(
        candidature=c,
        title=version.title if version else c.cqp.slug,
        steps=_steps(c, request, state, livret, decision),
        events=_events(c, facts, dates, decision),
        request_state=state,
        livret=livret,
        decision=decision,
        no_delay=bool(delays and not delays.answer_months and not facts.answered),
        missing=deadlines.missing_facts(delays=delays, facts=facts, today=today) if delays else (),
    )


def overviews(user, *, today: date) -> list[Overview]:
    return [overview(c, today=today) for c in owned(user)]


def livret_identity(user) -> dict[str, str]:
    """The livret 2 identity answers the candidate's profile gives (for a new livret). The
    profile is typed once on the recevabilité request (its ``CandidateProfile``, reached here
    through the user's ``candidate_profile`` relation)."""
    profile = getattr(user, "candidate_profile", None) if user.pk else None
    if profile is None:
        return {}
    data = {f.name: getattr(profile, f.name) for f in profile._meta.concrete_fields}
    born = ", ".join(
        p
        for p in (
            data["naissance_date"].strftime("%d/%m/%Y") if data.get("naissance_date") else "",
            str(data.get("naissance_lieu") or ""),
        )
        if p
    )
    phone = next(
        (
            str(data[k])
            for k in ("telephone_portable", "telephone_domicile", "telephone_travail")
            if data.get(k)
        ),
        "",
    )
    out = {
        "civilite": str(data.get("civilite") or "").capitalize(),
        "nom": str(data.get("nom") or ""),
        "prenom": str(data.get("prenom") or ""),
        "adresse": str(data.get("adresse") or ""),
        "telephone": phone,
        "email": str(data.get("email") or ""),
        "naissance": born,
    }
    return {k: v for k, v in out.items() if v}


# Starting and editing ------------------------------------------------------------------------
