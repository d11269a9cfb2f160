"""The candidate's journey dates: pure date arithmetic over the CQP's stated delays.

Each date counts from what the source counts from and carries the source's sentence:
- the answer to the recevabilité request: from its receipt when the source says so (004:
  "A la réception de votre dossier, l'Ucanss [...] vous adresse un accusé réception [...] soit
  2 mois maximum"); when the source does not say (000), the portal counts from the receipt too
  and says that this starting point is its own;
- the validity of a favourable recevabilité (004: 18 months): from the favourable
  notification, or, without one and when silence is acceptance, from the day the silence
  became acceptance (the end of the answer delay);
- the livret 2 due date: the stated months before the jury's session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from home.referentials.domain import Delays
from portal.dates import add_months, add_months_or_none

__all__ = ["Deadline", "add_months", "answer_start", "deadlines"]
from portal import french

WARN_DAYS = 30
RECEIPT_BY_PORTAL = (
    "La source ne dit pas à partir de quelle date court ce délai : le portail le compte à "
    "partir de la réception de votre demande."
)


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


def answer_start(
    *, delays: Delays, requested_on: date | None, received_on: date | None
) -> tuple[date | None, str]:
    """The day the answer delay counts from, and the portal's note when it chose it."""
    if delays.answer_from == "sending":
        return requested_on, ""
    if delays.answer_from == "receipt":
        return received_on, ""
    return received_on, RECEIPT_BY_PORTAL if received_on else ""


def deadlines(
    *,
    delays: Delays,
    requested_on: date | None,
    notified_on: date | None,
    jury_on: date | None,
    today: date,
    received_on: date | None = None,
) -> list[Deadline]:
    """The dates that follow from the recorded ones, where the CQP states the delay.

    A recorded date too far off to compute from (entered before dates were range-checked)
    gives no deadline rather than an error: the page that shows it must stay usable.
    """
    out = []
    answer_texts = tuple(t for t in (delays.answer_text, delays.silence_text) if t)
    start, note = answer_start(delays=delays, requested_on=requested_on, received_on=received_on)
    answer_end = add_months_or_none(start, delays.answer_months) if delays.answer_months else None
    if answer_end and not notified_on:
        label = (
            "Sans réponse à cette date, votre demande de recevabilité est acceptée"
            if delays.silence_means_acceptance
            else "Fin du délai de réponse à votre demande de recevabilité"
        )
        out.append(
            _deadline("silence", label, answer_end, today, because=answer_texts, portal_note=note)
        )
    if delays.validity_months:
        if notified_on:
            out.append(
                _deadline(
                    "validity",
                    f"Fin de validité de la recevabilité ({delays.validity_months} mois après "
                    "la notification favorable)",
                    add_months_or_none(notified_on, delays.validity_months),
                    today,
                    because=(delays.validity_text,) if delays.validity_text else (),
                )
            )
        elif answer_end and delays.silence_means_acceptance:
            out.append(
                _deadline(
                    "validity",
                    "Si aucune réponse ne vous parvient : fin de validité de la recevabilité, "
                    "comptée du jour où le silence vaut acceptation",
                    add_months_or_none(answer_end, delays.validity_months),
                    today,
                    because=tuple(t for t in (delays.silence_text, delays.validity_text) if t),
                    portal_note=note,
                )
            )
    if jury_on and delays.livret_due_months_before_jury:
        out.append(
            _deadline(
                "livret_due",
                "Date limite d'envoi de votre livret 2",
                add_months_or_none(jury_on, -delays.livret_due_months_before_jury),
                today,
                because=(delays.livret_due_text,) if delays.livret_due_text else (),
            )
        )
    return [d for d in out if d is not None]
