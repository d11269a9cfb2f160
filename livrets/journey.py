"""The candidate's journey dates: pure date arithmetic over the CQP's stated delays."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from home.referentials.domain import Delays
from portal import french

WARN_DAYS = 30


def add_months(day: date, months: int) -> date:
    """Same day ``months`` later (or earlier), clamped to the end of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Deadline:
    code: str
    label: str
    day: date
    # "past", "soon" (within WARN_DAYS) or "later"
    state: str
    days_left: int

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


def _deadline(code: str, label: str, day: date, today: date) -> Deadline:
    left = (day - today).days
    state = "past" if left < 0 else "soon" if left <= WARN_DAYS else "later"
    return Deadline(code, label, day, state, left)


def deadlines(
    *,
    delays: Delays,
    requested_on: date | None,
    notified_on: date | None,
    jury_on: date | None,
    today: date,
) -> list[Deadline]:
    """The dates that follow from the recorded ones, where the CQP states the delay."""
    out = []
    silence = delays.silence_means_acceptance and delays.answer_months
    if requested_on and silence and not notified_on:
        out.append(
            _deadline(
                "silence",
                "Sans réponse à cette date, votre demande de recevabilité est acceptée",
                add_months(requested_on, delays.answer_months),
                today,
            )
        )
    if notified_on and delays.validity_months:
        out.append(
            _deadline(
                "validity",
                "Fin de validité de la recevabilité",
                add_months(notified_on, delays.validity_months),
                today,
            )
        )
    if jury_on and delays.livret_due_months_before_jury:
        out.append(
            _deadline(
                "livret_due",
                "Date limite d'envoi de votre livret 2",
                add_months(jury_on, -delays.livret_due_months_before_jury),
                today,
            )
        )
    return out
