"""Dates that enter the portal: one range check shared by every form and the API.

Any date a person types (journey dates, experiences, the sworn statement, the eligibility
API) is checked against a plausible range where it enters, so that no arithmetic done later
on it (months added, a day after the end of a period) can overflow. Pages that show dates
stored before this check use ``add_months_or_none`` and never fail on them.
"""

from __future__ import annotations

import calendar
from datetime import date

from django import forms

from portal.widgets import DateInput

# The widest range any date of the portal may take: a career started in 1900 at the
# earliest, nothing planned past 2100. Narrower ranges are passed by the fields that need them.
EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)


def french_day(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def range_error(day: date, *, earliest: date = EARLIEST, latest: date = LATEST) -> str | None:
    """The French reason ``day`` is out of ``[earliest, latest]``, or None when it is in."""
    if earliest <= day <= latest:
        return None
    return f"Saisissez une date entre le {french_day(earliest)} et le {french_day(latest)}."


def in_range(day: date | None) -> bool:
    return day is not None and EARLIEST <= day <= LATEST


def add_months[D: date](day: D, months: int) -> D:
    """Same day ``months`` later (or earlier), clamped to the end of a shorter month; a
    datetime keeps its time and zone. The portal's one month arithmetic.

    Raises ValueError when the result is outside the years Python knows (1 to 9999).
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if not 1 <= year <= 9999:
        raise ValueError("year out of range")
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def add_months_or_none(day: date | None, months: int) -> date | None:
    """``add_months``, or None for a missing date or one the arithmetic cannot carry."""
    if day is None:
        return None
    try:
        return add_months(day, months)
    except ValueError:
        return None


class BoundedDateField(forms.DateField):
    """A date field that refuses, in French, a date outside ``[earliest, latest]``.

    ``earliest`` and ``latest`` may be callables (today's date is not known at import); the
    ``out_of_range`` error message, if given, may name them as ``{earliest}`` and ``{latest}``.
    """

    widget = DateInput

    def __init__(self, *, earliest=EARLIEST, latest=LATEST, **kwargs):
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault(
            "invalid", "Saisissez une date valide, par exemple 15/03/2024."
        )
        super().__init__(**kwargs)
        self.earliest, self.latest = earliest, latest

    def bounds(self) -> tuple[date, date]:
        earliest = self.earliest() if callable(self.earliest) else self.earliest
        latest = self.latest() if callable(self.latest) else self.latest
        return earliest, latest

    def to_python(self, value):
        try:
            day = super().to_python(value)
        except OverflowError:  # a year Python cannot represent
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        return day

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        earliest, latest = self.bounds()
        error = range_error(value, earliest=earliest, latest=latest)
        if error:
            custom = self.error_messages.get("out_of_range")
            if custom:
                error = custom.format(earliest=french_day(earliest), latest=french_day(latest))
            raise forms.ValidationError(error, code="out_of_range")
