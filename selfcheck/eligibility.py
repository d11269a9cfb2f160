"""The eligibility (recevabilité) engine: plain Python over plain data, no request, no ORM.

The wizard, the result page, its PDF and the public API all call `assess`.

Durations
---------
A period covers every day from its start to its end, both included; an ongoing period (no end)
and a period ending after the reference date count until the reference date included. A period
starting after the reference date counts nothing. The related duration is the number of days in
the union of the counted periods: overlapping periods are counted once, gaps are not counted.

A period is counted when it is declared as related to the CQP and its kind is one the CQP
accepts (source 003: salaried, non-salaried, volunteer, civic volunteering, union, elected
office, top-level sport, internships and work placements during a training). Part-time is
recorded and shown but does not shorten the duration: none of the three CQPs' rules says so.

Months
------
A month is a twelfth of a 365-day year (365 / 12 days), so that a full calendar year (1 January
to 31 December, 365 days) is exactly 12 months. Hence:

- the candidate is eligible when ``related_days * 12 >= required_months * 365`` (exact integer
  arithmetic, no rounding involved);
- ``related_months`` is ``related_days * 12 / 365`` rounded *down* to one decimal (so the figure
  shown is at least the required one exactly when the candidate is eligible);
- the sentence of the verdict uses whole months, rounded down: "14 mois d'expérience en lien
  avec le CQP, 12 requis".

Coverage
--------
For each unit, the declared activity items out of those the referential lists. Whether anything
essential is missing is ``False`` when nothing is missing (or when the referential marks every
element of the unit as non-essential), and ``None`` (unknown) otherwise: the referentials do not
link activity items to essential elements and the sources of these CQPs do not say which
elements are essential. Coverage is guidance, not a verdict.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from home.referentials.domain import EXPERIENCE_KINDS, ActivityItem, Referential, Unit

DAYS_PER_YEAR = 365
MONTHS_PER_YEAR = 12


@dataclass(frozen=True)
class Period:
    """One experience as declared by the candidate."""

    kind: str
    start: date
    end: date | None = None  # None: ongoing
    related: bool = True
    part_time_percent: int = 100
    title: str = ""
    organisation: str = ""

    @property
    def kind_label(self) -> str:
        return EXPERIENCE_KINDS.get(self.kind, self.kind)

    @property
    def ongoing(self) -> bool:
        return self.end is None


@dataclass(frozen=True)
class IgnoredPeriod:
    period: Period
    reason: str


@dataclass(frozen=True)
class UnitCoverage:
    unit: Unit
    name: str  # "Compétence 2", "Bloc de compétences 1"
    declared: tuple[ActivityItem, ...]
    missing: tuple[ActivityItem, ...]
    essential_missing: bool | None  # None: the sources do not say
    advice: str

    @property
    def total(self) -> int:
        return len(self.declared) + len(self.missing)

    @property
    def is_gap(self) -> bool:
        """Nothing declared for this unit."""
        return not self.declared

    @property
    def is_complete(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class Verdict:
    cqp: str
    as_of: date
    eligible: bool
    related_days: int
    required_months: int
    reasons: tuple[str, ...]
    counted: tuple[Period, ...]
    ignored: tuple[IgnoredPeriod, ...]
    coverage: tuple[UnitCoverage, ...]

    @property
    def related_months(self) -> float:
        """Related duration in months, rounded down to one decimal."""
        return (self.related_days * MONTHS_PER_YEAR * 10 // DAYS_PER_YEAR) / 10

    @property
    def related_whole_months(self) -> int:
        return self.related_days * MONTHS_PER_YEAR // DAYS_PER_YEAR

    @property
    def gaps(self) -> tuple[UnitCoverage, ...]:
        return tuple(c for c in self.coverage if c.is_gap)

    @property
    def has_part_time(self) -> bool:
        return any(p.part_time_percent < 100 for p in self.counted)


def clip(period: Period, as_of: date) -> tuple[date, date] | None:
    """The days of a period up to the reference date, both ends included, or None."""
    if period.start > as_of:
        return None
    end = as_of if period.end is None else min(period.end, as_of)
    if end < period.start:
        return None
    return period.start, end


def union_days(intervals: Iterable[tuple[date, date]]) -> int:
    """Number of days in the union of closed date intervals."""
    total = 0
    current: tuple[date, date] | None = None
    for start, end in sorted(intervals):
        if current is None:
            current = (start, end)
        elif start <= current[1] + timedelta(days=1):
            current = (current[0], max(current[1], end))
        else:
            total += (current[1] - current[0]).days + 1
            current = (start, end)
    if current is not None:
        total += (current[1] - current[0]).days + 1
    return total


def related_days(
    referential: Referential, periods: Iterable[Period], *, as_of: date
) -> tuple[int, tuple[Period, ...], tuple[IgnoredPeriod, ...]]:
    """Days of related experience, the periods counted and those ignored with why."""
    accepted = set(referential.recevabilite.accepted_kinds)
    counted: list[Period] = []
    ignored: list[IgnoredPeriod] = []
    intervals: list[tuple[date, date]] = []
    for period in periods:
        span = clip(period, as_of)
        if not period.related:
            ignored.append(IgnoredPeriod(period, "elle n'est pas en lien avec le CQP"))
        elif period.kind not in accepted:
            ignored.append(IgnoredPeriod(period, "ce type d'expérience n'est pas retenu"))
        elif period.end is not None and period.end < period.start:
            ignored.append(IgnoredPeriod(period, "sa date de fin précède sa date de début"))
        elif span is None:
            ignored.append(IgnoredPeriod(period, "elle commence après la date de référence"))
        else:
            counted.append(period)
            intervals.append(span)
    return union_days(intervals), tuple(counted), tuple(ignored)


def _months(n: int) -> str:
    return f"{n} mois"


def coverage(referential: Referential, activities: Iterable[str]) -> tuple[UnitCoverage, ...]:
    """For each unit, the activity items declared and those missing."""
    declared_codes = set(activities)
    result = []
    for unit in referential.units:
        declared = tuple(i for i in unit.activity_items if i.code in declared_codes)
        missing = tuple(i for i in unit.activity_items if i.code not in declared_codes)
        if not missing:
            essential_missing: bool | None = False
        elif unit.elements and all(e.essential is False for e in unit.elements):
            essential_missing = False
        else:
            essential_missing = None
        result.append(
            UnitCoverage(
                unit=unit,
                name=referential.unit_name(unit),
                declared=declared,
                missing=missing,
                essential_missing=essential_missing,
                advice=unit.gap_advice,
            )
        )
    return tuple(result)


def assess(
    referential: Referential,
    *,
    periods: Sequence[Period],
    activities: Iterable[str],
    as_of: date,
) -> Verdict:
    """The verdict on recevabilité for this CQP, with its reasons in figures, and the coverage."""
    days, counted, ignored = related_days(referential, periods, as_of=as_of)
    required = referential.recevabilite.min_months
    eligible = days * MONTHS_PER_YEAR >= required * DAYS_PER_YEAR
    whole = days * MONTHS_PER_YEAR // DAYS_PER_YEAR
    reasons = [f"{_months(whole)} d'expérience en lien avec le CQP, {required} requis."]
    if eligible:
        reasons.append("La durée minimale d'expérience en lien avec le CQP est atteinte.")
    else:
        missing_days = -(-required * DAYS_PER_YEAR // MONTHS_PER_YEAR) - days
        missing_months = -(-missing_days * MONTHS_PER_YEAR // DAYS_PER_YEAR)
        reasons.append(
            f"Il manque environ {_months(missing_months)} d'expérience en lien avec le CQP "
            f"pour atteindre la durée minimale."
        )
    for item in ignored:
        label = item.period.title or item.period.kind_label
        reasons.append(f"La période « {label} » n'est pas comptée : {item.reason}.")
    spans = [s for s in (clip(p, as_of) for p in counted) if s]
    if sum((e - s).days + 1 for s, e in spans) > days:
        reasons.append("Les périodes qui se chevauchent ne sont comptées qu'une fois.")
    if any(p.part_time_percent < 100 for p in counted):
        reasons.append(
            "Le temps partiel est noté mais ne réduit pas la durée : "
            "la règle de ce CQP ne le prévoit pas."
        )
    return Verdict(
        cqp=referential.slug,
        as_of=as_of,
        eligible=eligible,
        related_days=days,
        required_months=required,
        reasons=tuple(reasons),
        counted=counted,
        ignored=ignored,
        coverage=coverage(referential, activities),
    )
