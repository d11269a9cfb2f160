"""The candidature's dates: pure date arithmetic over the CQP's stated delays, written once.

Every page (the livret 2, the recevabilité request, « Mes démarches ») shows what these
functions compute from the candidature's recorded facts. Each date counts from what the
source counts from and carries the source's sentence:
- the answer to the recevabilité request: from its receipt when the source says so (004:
  "A la réception de votre dossier, l'Ucanss [...] vous adresse un accusé réception [...] soit
  2 mois maximum"); when the source does not say (000), the portal counts from the receipt too
  and says that this starting point is its own; never from another event;
- the validity of a favourable recevabilité (004: 18 months): from the favourable
  notification's own date (never from the receipt or the decision), or, when silence is
  acceptance, from the day the silence became acceptance (the end of the answer delay): the
  source counts from a notification, so that start is the portal's reading and says so;
- the livret 2 due date: the stated months before the jury's session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from home.referentials.domain import Delays
from portal import french
from portal.dates import add_months_or_none

WARN_DAYS = 30
RECEIPT_BY_PORTAL = (
    "La source ne dit pas à partir de quelle date court ce délai : le portail le compte à "
    "partir de la réception de votre demande."
)
FAVOURABLE, UNFAVOURABLE, NO_ANSWER = "favourable", "defavorable", "sans_reponse"


@dataclass(frozen=True)
class Facts:
    """What the candidature records, as plain data."""

    sent_on: date | None = None
    received_on: date | None = None
    decision: str = ""
    decision_on: date | None = None
    jury_on: date | None = None
    # The favourable notification's own date (004 counts the validity from it).
    notified_on: date | None = None

    @property
    def favourable_notified_on(self) -> date | None:
        return self.notified_on if self.decision == FAVOURABLE else None

    @property
    def answered(self) -> bool:
        """The certifier's answer is known (favourable or not)."""
        return self.decision in (FAVOURABLE, UNFAVOURABLE)


@dataclass(frozen=True)
class Deadline:
    code: str
    label: str
    day: date
    # "past", "soon" (within WARN_DAYS) or "later"
    state: str
    days_left: int
    # The source's sentences the date follows from.
    because: tuple[str, ...] = ()
    # The portal's own choice in computing it (shown « Proposé par le portail »), if any.
    portal_note: str = ""

    @property
    def warning(self) -> str:
        if self.state == "past":
            return "Date dépassée"
        if self.state == "soon":
            return (
                "Aujourd'hui"
                if self.days_left == 0
                else f"Dans {french.count(self.days_left, 'jour')}"
            )
        return ""


def _deadline(code: str, label: str, day: date | None, today: date, **more) -> Deadline | None:
    if day is None:  # a stored date the arithmetic cannot carry: no deadline, no error
        return None
    left = (day - today).days
    state = "past" if left < 0 else "soon" if left <= WARN_DAYS else "later"
    return Deadline(code, label, day, state, left, **more)


def answer_start(*, delays: Delays, facts: Facts) -> tuple[date | None, str]:
    """The day the answer delay counts from, and the portal's note when it chose it."""
    if delays.answer_from == "sending":
        return facts.sent_on, ""
    if delays.answer_from == "receipt":
        return facts.received_on, ""
    return facts.received_on, RECEIPT_BY_PORTAL if facts.received_on else ""


def answer_end(*, delays: Delays, facts: Facts) -> date | None:
    """The end of the certifier's answer delay, where the source gives one and its start is
    recorded."""
    if not delays.answer_months:
        return None
    start, _ = answer_start(delays=delays, facts=facts)
    return add_months_or_none(start, delays.answer_months)


def silence_day(*, delays: Delays, facts: Facts) -> date | None:
    """The day the certifier's silence becomes acceptance, where the source says it does."""
    return answer_end(delays=delays, facts=facts) if delays.silence_means_acceptance else None


def accepted_on(*, delays: Delays, facts: Facts, today: date) -> date | None:
    """The day the recevabilité was granted: the favourable notification, or the day silence
    became acceptance once it has passed with no answer recorded."""
    if facts.decision == FAVOURABLE:
        return facts.decision_on or facts.notified_on
    if facts.answered:
        return None
    silence = silence_day(delays=delays, facts=facts)
    return silence if silence and today >= silence else None


def validity_start(*, delays: Delays, facts: Facts, today: date) -> date | None:
    """The day the validity counts from: the favourable notification's own date (never the
    decision's or the receipt's), or the day silence became acceptance."""
    if facts.decision == FAVOURABLE:
        return facts.notified_on
    if facts.answered:
        return None
    return accepted_on(delays=delays, facts=facts, today=today)


def validity_end(*, delays: Delays, facts: Facts, today: date) -> date | None:
    start = validity_start(delays=delays, facts=facts, today=today)
    if not (start and delays.validity_months):
        return None
    return add_months_or_none(start, delays.validity_months)


def silence_validity_note(delays: Delays) -> str:
    """The portal's reading when the validity counts from the silence (shown where it is)."""
    return (
        f"La source compte les {delays.validity_months} mois à partir de la notification "
        "favorable ; sans notification, le portail les compte à partir du jour où le silence "
        "vaut acceptation."
    )


def missing_facts(*, delays: Delays, facts: Facts, today: date) -> tuple[str, ...]:
    """What the portal needs, or does not know, to give the dates that follow: French
    sentences (the portal's words), empty when nothing is missing."""
    out = []
    waiting = facts.sent_on and not facts.answered and facts.received_on is None
    if waiting and delays.answer_months and delays.answer_from != "sending":
        out.append(
            "La fin du délai de réponse dépend de la date de réception de votre demande par "
            "le certificateur : indiquez cette date pour que le portail la calcule. Sans "
            "elle, le portail ne peut pas dire si une absence de réponse vaut acceptation."
        )
    if facts.decision == FAVOURABLE and delays.validity_months and not facts.notified_on:
        out.append(
            "La validité de la recevabilité compte à partir de la notification favorable : "
            "indiquez la date de la notification pour connaître sa fin de validité."
        )
    granted = accepted_on(delays=delays, facts=facts, today=today) or facts.decision == FAVOURABLE
    if granted and not delays.validity_months:
        out.append("La source ne donne pas de durée de validité de la recevabilité.")
    return tuple(out)


def _answer_deadline(delays: Delays, facts: Facts, today: date) -> Deadline | None:
    end = answer_end(delays=delays, facts=facts)
    if end is None or facts.answered:
        return None
    _, note = answer_start(delays=delays, facts=facts)
    label = (
        "Sans réponse à cette date, votre demande de recevabilité est acceptée"
        if delays.silence_means_acceptance
        else "Fin du délai de réponse à votre demande de recevabilité"
    )
    texts = tuple(t for t in (delays.answer_text, delays.silence_text) if t)
    return _deadline("silence", label, end, today, because=texts, portal_note=note)


def _validity_deadline(delays: Delays, facts: Facts, today: date) -> Deadline | None:
    if not delays.validity_months:
        return None
    if facts.decision == FAVOURABLE:
        if not facts.notified_on:
            return None
        return _deadline(
            "validity",
            f"Fin de validité de la recevabilité ({delays.validity_months} mois après "
            "la notification favorable)",
            add_months_or_none(facts.notified_on, delays.validity_months),
            today,
            because=(delays.validity_text,) if delays.validity_text else (),
        )
    silence = silence_day(delays=delays, facts=facts)
    if silence is None or facts.answered:
        return None
    _, note = answer_start(delays=delays, facts=facts)
    note = " ".join(n for n in (note, silence_validity_note(delays)) if n)
    return _deadline(
        "validity",
        "Si aucune réponse ne vous parvient : fin de validité de la recevabilité, "
        "comptée du jour où le silence vaut acceptation",
        add_months_or_none(silence, delays.validity_months),
        today,
        because=tuple(t for t in (delays.silence_text, delays.validity_text) if t),
        portal_note=note,
    )


def deadlines(*, delays: Delays, facts: Facts, today: date) -> list[Deadline]:
    """The dates that follow from the recorded ones, where the CQP states the delay.

    A recorded date too far off to compute from (entered before dates were range-checked)
    gives no deadline rather than an error: the page that shows it must stay usable.
    """
    out = [_answer_deadline(delays, facts, today), _validity_deadline(delays, facts, today)]
    if facts.jury_on and delays.livret_due_months_before_jury:
        out.append(
            _deadline(
                "livret_due",
                "Date limite d'envoi de votre livret 2",
                add_months_or_none(facts.jury_on, -delays.livret_due_months_before_jury),
                today,
                because=(delays.livret_due_text,) if delays.livret_due_text else (),
            )
        )
    return [d for d in out if d is not None]


# The order of the recorded dates: (fact, as a subject, as an object, already happened).
STEPS = (
    ("sent_on", "la date d'envoi", "la date d'envoi de votre demande", True),
    ("received_on", "la date de réception", "la date de réception de votre demande", True),
    ("decision_on", "la date de la décision", "la date de la décision", True),
    ("notified_on", "la date de notification", "la date de notification", True),
    ("jury_on", "la date du jury", "", False),  # may be to come
)


def date_errors(facts: Facts, *, today: date, steps=STEPS) -> dict[str, str]:
    """Each recorded date not in the future if it has happened, none before the step before
    it, no receipt or decision without a sending date: fact -> French message. ``steps``
    names the dates as the page that asks for them does."""
    errors: dict[str, str] = {}
    earlier = None
    for name, subject, as_object, happened in steps:
        day = getattr(facts, name)
        if day is None:
            continue
        if happened and day > today:
            errors[name] = f"{subject} ne peut pas être dans le futur."
        elif earlier and day < getattr(facts, earlier[0]):
            errors[name] = f"{subject} ne peut pas précéder {earlier[1]}."
        else:
            earlier = (name, as_object)
    if facts.sent_on is None:
        for name, *_ in steps:
            if name in ("received_on", "decision_on", "notified_on") and getattr(facts, name):
                errors.setdefault(name, "Indiquez d'abord la date d'envoi de votre demande.")
    return errors


def request_state(*, delays: Delays, facts: Facts, finalised: bool, today: date) -> tuple[str, str]:
    """Where the recevabilité request stands: (code, French label)."""
    if not facts.sent_on:
        return ("finalised", "Finalisée, à envoyer") if finalised else ("draft", "En préparation")
    if facts.decision == FAVOURABLE:
        return "accepted", "Recevabilité favorable"
    if facts.decision == UNFAVOURABLE:
        return "refused", "Recevabilité défavorable"
    silence = silence_day(delays=delays, facts=facts)
    if facts.decision == NO_ANSWER:
        if silence is None and not (delays.silence_means_acceptance and delays.answer_months):
            return "unknown", "Pas de réponse"
        # Without the receipt the delay counts from, the portal cannot say it has passed.
        if silence is None:
            return "sent", "Envoyée, en attente de la réponse"
        if today >= silence:
            return "accepted_by_silence", "Acceptée : pas de réponse au terme du délai"
    return "sent", "Envoyée, en attente de la réponse"
