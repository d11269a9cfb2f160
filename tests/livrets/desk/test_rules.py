"""The desk's pure rules: what a decision needs, and the receipt dates whose silence date
has come."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from livrets.desk import rules
from portal.dates import add_months

TODAY = date(2026, 12, 7)


@given(
    day=st.dates(min_value=date(2001, 1, 1), max_value=date(2090, 12, 31)),
    months=st.integers(min_value=1, max_value=36),
)
def test_latest_start_before_is_the_exact_boundary(day, months):
    start = rules.latest_start_before(day, months)
    assert add_months(start, months) <= day
    assert add_months(start + timedelta(days=1), months) > day


def test_the_end_of_a_month_counts_as_the_source_counts():
    # Received on 31 December: two months later is 28 February (clamped), so by 28 February
    # every request received up to 31 December has its silence date.
    assert rules.latest_start_before(date(2027, 2, 28), 2) == date(2026, 12, 31)


def test_a_decision_needs_motifs_when_not_recevable_and_a_date_in_range():
    ok = {"decided_on": TODAY, "deposited_on": TODAY - timedelta(days=2), "today": TODAY}
    assert rules.decision_errors(outcome="recevable", motifs="", **ok) == {}
    assert set(rules.decision_errors(outcome="incomplete", motifs=" ", **ok)) == {"motifs"}
    assert set(rules.decision_errors(outcome="non_recevable", motifs="", **ok)) == {"motifs"}
    assert set(rules.decision_errors(outcome="peut-etre", motifs="x", **ok)) == {"outcome"}
    late = {**ok, "decided_on": TODAY + timedelta(days=1)}
    assert "futur" in rules.decision_errors(outcome="recevable", motifs="", **late)["decided_on"]
    early = {**ok, "decided_on": TODAY - timedelta(days=3)}
    assert (
        "précéder" in rules.decision_errors(outcome="recevable", motifs="", **early)["decided_on"]
    )
    same_day = {**ok, "decided_on": ok["deposited_on"]}
    assert rules.decision_errors(outcome="recevable", motifs="", **same_day) == {}
