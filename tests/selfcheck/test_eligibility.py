"""The eligibility engine: pure function, plain data."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from home.referentials.domain import EXPERIENCE_KINDS
from selfcheck.eligibility import Period, assess, coverage, related_days, union_days
from tests.support.data import load_referential

AS_OF = date(2025, 6, 30)
COS = load_referential("conseiller-offres-services")


def period(start, end=None, *, related=True, kind="salarie", part=100, title="Poste"):
    return Period(
        kind=kind,
        start=date.fromisoformat(start),
        end=date.fromisoformat(end) if end else None,
        related=related,
        part_time_percent=part,
        title=title,
    )


def verdict(*periods, activities=(), as_of=AS_OF):
    return assess(COS, periods=list(periods), activities=activities, as_of=as_of)


def test_a_full_calendar_year_is_twelve_months_and_eligible():
    v = verdict(period("2023-01-01", "2023-12-31"))
    assert v.related_days == 365
    assert v.related_months == 12.0
    assert v.eligible
    assert v.reasons[0] == "12 mois d'expérience en lien avec le CQP, 12 requis."


def test_one_day_short_of_a_year_is_not_eligible_and_says_what_is_missing():
    v = verdict(period("2023-01-01", "2023-12-30"))
    assert not v.eligible
    assert v.related_months == 11.9
    assert v.reasons[0] == "11 mois d'expérience en lien avec le CQP, 12 requis."
    assert "Il manque environ 1 mois" in v.reasons[1]


def test_fourteen_months_in_figures():
    v = verdict(period("2023-03-01", "2024-04-30"))
    assert v.eligible
    assert v.reasons[0] == "14 mois d'expérience en lien avec le CQP, 12 requis."
    assert v.related_months == 14.0


def test_overlapping_periods_are_counted_once_and_the_page_says_so():
    v = verdict(period("2023-01-01", "2023-06-30"), period("2023-04-01", "2023-09-30"))
    assert v.related_days == (date(2023, 9, 30) - date(2023, 1, 1)).days + 1
    assert "Les périodes qui se chevauchent ne sont comptées qu'une fois." in v.reasons


def test_gaps_are_not_counted():
    v = verdict(period("2020-01-01", "2020-03-31"), period("2022-01-01", "2022-03-31"))
    assert v.related_days == 91 + 90
    assert not v.eligible


def test_an_ongoing_period_counts_until_the_reference_date():
    v = verdict(period("2024-07-01"), as_of=date(2025, 6, 30))
    assert v.related_days == 365
    assert v.eligible
    assert verdict(period("2024-07-01"), as_of=date(2025, 6, 29)).eligible is False


def test_an_end_after_the_reference_date_is_capped():
    assert verdict(period("2025-06-01", "2026-12-31")).related_days == 30


def test_unrelated_and_future_periods_are_ignored_with_their_reason():
    v = verdict(
        period("2015-01-01", "2020-01-01", related=False, title="Cuisinier"),
        period("2025-07-01", title="Futur poste"),
    )
    assert v.related_days == 0
    assert not v.eligible
    assert "La période « Cuisinier » n'est pas comptée : elle n'est pas en lien avec le CQP." in (
        v.reasons
    )
    assert any("Futur poste" in r and "après la date de référence" in r for r in v.reasons)


def test_every_kind_from_source_003_counts():
    for kind in EXPERIENCE_KINDS:
        assert verdict(period("2023-01-01", "2023-12-31", kind=kind)).eligible, kind


def test_a_kind_the_cqp_does_not_accept_is_ignored():
    narrow = replace(COS, recevabilite=replace(COS.recevabilite, accepted_kinds=("salarie",)))
    v = assess(
        narrow,
        periods=[period("2020-01-01", "2022-01-01", kind="benevole")],
        activities=(),
        as_of=AS_OF,
    )
    assert v.related_days == 0
    assert any("ce type d'expérience n'est pas retenu" in r for r in v.reasons)


def test_part_time_is_shown_but_does_not_shorten_the_duration():
    full = verdict(period("2023-01-01", "2023-12-31"))
    half = verdict(period("2023-01-01", "2023-12-31", part=50))
    assert half.related_days == full.related_days
    assert half.has_part_time
    assert any("temps partiel" in r for r in half.reasons)
    assert not any("temps partiel" in r for r in full.reasons)


def test_the_minimum_comes_from_the_referential():
    formation = load_referential("assistant-formation")
    assert formation.recevabilite.min_months == 12
    longer = replace(COS, recevabilite=replace(COS.recevabilite, min_months=36))
    v = assess(longer, periods=[period("2022-01-01", "2023-12-31")], activities=(), as_of=AS_OF)
    assert not v.eligible
    assert v.reasons[0] == "24 mois d'expérience en lien avec le CQP, 36 requis."


def test_coverage_counts_declared_items_per_unit_and_names_gaps():
    a1 = [i.code for i in COS.units[0].activity_items]
    cov = coverage(COS, [*a1[:2], COS.units[1].activity_items[0].code])
    assert [(c.unit.code, len(c.declared), c.total) for c in cov] == [
        ("A1", 2, 5),
        ("A2", 1, 5),
        ("A3", 0, 3),
        ("A4", 0, 3),
    ]
    assert [c.unit.code for c in cov if c.is_gap] == ["A3", "A4"]
    assert cov[2].advice == COS.units[2].gap_advice and cov[2].advice


def test_essential_missing_is_unknown_when_the_sources_do_not_say():
    everything = [i.code for u in COS.units for i in u.activity_items]
    cov = coverage(COS, everything)
    assert all(c.essential_missing is False for c in cov)
    partial = coverage(COS, everything[1:])
    assert partial[0].essential_missing is None
    assert partial[1].essential_missing is False


def test_unknown_activity_codes_are_ignored_by_coverage():
    cov = coverage(COS, ["ZZ.I9"])
    assert sum(len(c.declared) for c in cov) == 0


# Property-based tests -----------------------------------------------------------------

REF_DATE = date(2025, 1, 1)
days = st.integers(min_value=0, max_value=6000)


@st.composite
def periods(draw, related=None):
    start = REF_DATE - timedelta(days=draw(days))
    length = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=4000)))
    end = None if length is None else start + timedelta(days=length)
    return Period(
        kind=draw(st.sampled_from(sorted(EXPERIENCE_KINDS))),
        start=start,
        end=end,
        related=draw(st.booleans()) if related is None else related,
        part_time_percent=draw(st.integers(min_value=1, max_value=100)),
    )


def duration(ps):
    return related_days(COS, ps, as_of=REF_DATE)[0]


@settings(max_examples=150, deadline=None)
@given(st.lists(periods(), max_size=8))
def test_duration_never_exceeds_the_span_from_the_first_start(ps):
    span = (REF_DATE - min(p.start for p in ps)).days + 1 if ps else 0
    assert 0 <= duration(ps) <= span


@settings(max_examples=150, deadline=None)
@given(st.lists(periods(), max_size=8), periods(related=True))
def test_adding_a_related_period_never_decreases_the_duration(ps, extra):
    assert duration([*ps, extra]) >= duration(ps)


@settings(max_examples=150, deadline=None)
@given(st.lists(periods(), max_size=8), st.lists(periods(related=False), max_size=4))
def test_unrelated_periods_are_ignored(ps, unrelated):
    assert duration([*ps, *unrelated]) == duration(ps)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(periods(), max_size=8).flatmap(lambda ps: st.tuples(st.just(ps), st.permutations(ps)))
)
def test_duration_is_invariant_to_the_order_of_periods(pair):
    ps, shuffled = pair
    assert duration(shuffled) == duration(ps)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(days, days), max_size=6))
def test_union_matches_a_day_by_day_count(raw):
    intervals = [
        (REF_DATE - timedelta(days=max(a, b)), REF_DATE - timedelta(days=min(a, b))) for a, b in raw
    ]
    covered = set()
    for s, e in intervals:
        covered.update(s + timedelta(days=i) for i in range((e - s).days + 1))
    assert union_days(intervals) == len(covered)


def test_a_period_that_ends_before_it_starts_is_not_counted_and_the_verdict_says_why():
    backwards = Period(
        kind="salarie", start=date(2024, 5, 1), end=date(2024, 4, 30), title="Accueil"
    )
    days, counted, ignored = related_days(COS, [backwards], as_of=REF_DATE)
    assert (days, counted) == (0, ())
    assert ignored[0].reason == "sa date de fin précède sa date de début"
    verdict = assess(COS, periods=[backwards], activities=[], as_of=REF_DATE)
    assert (
        "La période « Accueil » n'est pas comptée : sa date de fin précède sa date de début."
        in (verdict.reasons)
    )
