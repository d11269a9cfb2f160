"""The request's rules as pure functions over plain data: completeness, the yearly limit of
VAE requests, and the dates that follow from the certifier's stated delays. No ORM."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from home.referentials.domain import Delays
from home.referentials.provenance import Text
from home.referentials.request import RequestForm
from livrets.candidatures import deadlines
from livrets.candidatures.deadlines import Facts

PROFILE_REQUIRED = ("nom", "prenom", "adresse", "email", "naissance_date", "naissance_lieu")
PHONES = ("telephone_domicile", "telephone_travail", "telephone_portable")
YES = "oui"


@dataclass(frozen=True)
class PeriodContent:
    id: int
    number: int
    kind: str
    title: str = ""
    employer: str = ""
    sector: str = ""
    start: date | None = None
    end: date | None = None
    current: bool = False
    weekly_hours: float | None = None
    total_hours: int | None = None
    related: bool = True
    activities: dict[str, str] = field(default_factory=dict)
    proofs: int = 0

    @property
    def name(self) -> str:
        return f"Période {self.number}" + (f" ({self.title})" if self.title else "")


@dataclass(frozen=True)
class RequestContent:
    profile: dict[str, object] = field(default_factory=dict)
    career: dict[str, str] = field(default_factory=dict)
    periods: tuple[PeriodContent, ...] = ()
    last_class: str = ""
    diplomas: tuple[str, ...] = ()
    diploma_details: dict[str, str] = field(default_factory=dict)
    # Requests made elsewhere this calendar year, as the candidate declares them.
    other_requests_this_year: int | None = None
    # The candidate's other requests the portal knows were made this calendar year.
    portal_requests_this_year: int = 0
    # National form only: the validation sought ("totale", "partielle"; "" while unanswered)
    # and the unit codes of the blocks already held.
    validation_sought: str = ""
    blocks_held: tuple[str, ...] = ()


@dataclass(frozen=True)
class Missing:
    # "identite", "formation", "periode" (with period id) or "declaration"
    part: str
    message: str
    anchor: str
    period: int | None = None


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _identity(form: RequestForm, profile: dict) -> list[Missing]:
    labels = {f.code: f.label for f in form.identity}
    out = [
        Missing("identite", f"{labels.get(code, code)} : à renseigner", f"id_{code}")
        for code in PROFILE_REQUIRED
        if _blank(profile.get(code))
    ]
    if all(_blank(profile.get(p)) for p in PHONES):
        out.append(Missing("identite", "Au moins un numéro de téléphone", "id_telephone_portable"))
    return out


def _career(form: RequestForm, career: dict) -> list[Missing]:
    out = []
    for f in form.career:
        if f.required_if and career.get(f.required_if) != YES:
            continue
        if _blank(career.get(f.code)):
            out.append(Missing("formation", f"{f.label} : à renseigner", f"id_career_{f.code}"))
    return out


def _education(form: RequestForm, content: RequestContent) -> list[Missing]:
    out = []
    if content.last_class not in form.last_class.by_code:
        out.append(Missing("formation", f"{form.last_class.label} : à cocher", "id_last_class"))
    chosen = [form.diplomas.by_code[c] for c in content.diplomas if c in form.diplomas.by_code]
    if not chosen:
        out.append(Missing("formation", f"{form.diplomas.label} : à cocher", "id_diplomas"))
    for d in chosen:
        if d.detail_label and _blank(content.diploma_details.get(d.code)):
            out.append(Missing("formation", f"{d.detail_label} ({d.label})", f"id_detail_{d.code}"))
    return out


def _sought(form: RequestForm, content: RequestContent) -> list[Missing]:
    """The national form's first part: the type of validation sought (the blocks held are
    asked « le cas échéant », never required). A certifier's own form does not ask it."""
    if form.is_own_form or not _blank(content.validation_sought):
        return []
    return [Missing("formation", "Type de validation visée : à cocher", "id_validation_sought_0")]


def _period(form: RequestForm, p: PeriodContent) -> list[Missing]:
    labels = form.period_labels
    wanted = [
        ("title", p.title, str(labels["title"])),
        ("employer", p.employer, str(labels["employer"])),
        ("sector", p.sector, str(labels["sector"])),
        ("start", p.start, "Date de début"),
    ]
    out = [
        Missing("periode", f"{p.name} : {label}", f"id_{key}", p.id)
        for key, value, label in wanted
        if _blank(value)
    ]
    if p.end is None and not p.current:
        out.append(Missing("periode", f"{p.name} : date de fin, ou « en cours »", "id_end", p.id))
    if p.weekly_hours is None and p.total_hours is None:
        out.append(
            Missing(
                "periode",
                f"{p.name} : heures par semaine ou nombre total d'heures",
                "id_weekly_hours",
                p.id,
            )
        )
    if p.related and not any(not _blank(v) for v in p.activities.values()):
        out.append(Missing("periode", f"{p.name} : {labels['activities']}", "activites", p.id))
    if p.related and not p.proofs:
        out.append(Missing("periode", f"{p.name} : pièce justificative", "pieces", p.id))
    return out


def refusal(form: RequestForm, elsewhere: int | None, on_portal: int = 0) -> Text | None:
    """The source's sentence when this request would exceed the yearly limit, else None.

    ``on_portal``: the candidate's other requests made this calendar year that the portal
    knows (counted, never asked); ``elsewhere``: those made elsewhere, as declared (None
    while unanswered). The portal's own count alone may reach the limit."""
    limit = form.max_requests_per_year
    if limit is None:
        return None
    known = on_portal + (elsewhere or 0)
    if elsewhere is None and known < limit:
        return None
    return form.requests_limit_text if known >= limit else None


def missing(form: RequestForm, content: RequestContent) -> list[Missing]:
    """Everything the request still lacks before it can be finalised, in the form's order."""
    out = _identity(form, content.profile)
    out += _sought(form, content)
    out += _career(form, content.career)
    out += _education(form, content)
    if not content.periods:
        out.append(Missing("periode", "Au moins une période d'expérience", "periodes"))
    for p in content.periods:
        out += _period(form, p)
    if form.max_requests_per_year is not None:
        refused = refusal(form, content.other_requests_this_year, content.portal_requests_this_year)
        if content.other_requests_this_year is None and not refused:
            out.append(
                Missing(
                    "declaration",
                    "Le nombre de demandes de VAE déposées ailleurs cette année civile",
                    "id_count-other_requests_this_year",
                )
            )
        elif refused:
            out.append(
                Missing(
                    "declaration",
                    f"Une demande de plus dépasserait la limite : {form.requests_limit_text}",
                    "id_count-other_requests_this_year",
                )
            )
    return out


# Dates ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DateLine:
    code: str
    label: str
    day: date
    source: Text
    note: Text | None = None
    # The choices the source's sentence goes on with, each with whether it applies here.
    options: tuple[tuple[Text, bool], ...] = ()


@dataclass(frozen=True)
class Outcome:
    """Where the request stands once sent, with the dates that follow and their sources."""

    state: str  # draft, finalised, sent, accepted, accepted_by_silence, refused, unknown
    label: str
    dates: tuple[DateLine, ...] = ()
    notes: tuple[Text, ...] = ()
    accepted_on: date | None = None

    @property
    def accepted(self) -> bool:
        return self.state in ("accepted", "accepted_by_silence")


def _silence(form: RequestForm, delays: Delays, facts: Facts) -> DateLine | None:
    day = deadlines.silence_day(delays=delays, facts=facts)
    if not (day and form.answer.silence):
        return None
    return DateLine(
        "silence",
        "Sans réponse à cette date, votre demande vaut décision d'acceptation",
        day,
        form.answer.silence,
        form.answer.start,
    )


def _validity(
    form: RequestForm, delays: Delays, facts: Facts, today: date, referential_changed: bool
) -> list[DateLine]:
    v = form.validity
    end = deadlines.validity_end(delays=delays, facts=facts, today=today)
    if v is None or end is None:
        return []
    applies = v.renewal if referential_changed else v.prorogation
    by_silence = facts.decision != deadlines.FAVOURABLE
    return [
        DateLine(
            "validity",
            "Fin de validité de la recevabilité"
            + (", comptée du jour où le silence vaut acceptation" if by_silence else ""),
            end,
            v.text,
            Text(deadlines.silence_validity_note(delays), from_source=False)
            if by_silence
            else None,
            options=tuple((t, t is applies) for t in (v.renewal, v.prorogation) if t),
        )
    ]


def outcome(
    form: RequestForm,
    *,
    delays: Delays,
    facts: Facts,
    finalised: bool,
    today: date,
    referential_changed: bool = False,
) -> Outcome:
    """Where the request stands, with the dates ``candidatures.deadlines`` computes."""
    state, label = deadlines.request_state(
        delays=delays, facts=facts, finalised=finalised, today=today
    )
    if state in ("draft", "finalised", "refused"):
        return Outcome(state, label)
    silence = _silence(form, delays, facts)
    unknown = (form.answer.unknown,) if silence is None and form.answer.unknown else ()
    missing = tuple(
        Text(t, from_source=False)
        for t in deadlines.missing_facts(delays=delays, facts=facts, today=today)
    )
    validity = tuple(_validity(form, delays, facts, today, referential_changed))
    if state == "accepted":
        return Outcome(state, label, validity, missing, facts.decision_on or facts.notified_on)
    if state == "accepted_by_silence":
        day = silence.day if silence else None
        return Outcome(state, label, (silence, *validity), missing, day)
    if state == "unknown":
        return Outcome(state, label, notes=unknown)
    return Outcome(state, label, (silence,) if silence else (), (*missing, *unknown))
