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


def test_after_silence_only_recevable_may_be_recorded_from_the_silence_day_on():
    silence = date(2027, 2, 3)
    ok = {"motifs": "Pièces manquantes.", "deposited_on": date(2026, 12, 3)}

    def errors(outcome, today):
        return rules.decision_errors(
            outcome=outcome, decided_on=today, today=today, silence_on=silence, **ok
        )

    eve = silence - timedelta(days=1)
    assert errors("non_recevable", eve) == {}
    assert errors("incomplete", eve) == {}
    # The silence date itself is acceptance (``deadlines.accepted_on``: today >= silence).
    for day in (silence, silence + timedelta(days=30)):
        for outcome in ("non_recevable", "incomplete"):
            assert errors(outcome, day) == {
                "outcome": "Le silence du certificateur vaut acceptation depuis le 03/02/2027 : "
                "la demande ne peut plus être déclarée non recevable ou incomplète."
            }
        assert errors("recevable", day) == {}
    # No silence rule in the source (002): nothing refused.
    assert (
        rules.decision_errors(
            outcome="incomplete", decided_on=silence, today=silence, silence_on=None, **ok
        )
        == {}
    )


UNITS = ["A1", "A2", "A3", "A4"]


def jury_errors(**kwargs) -> dict[str, str]:
    values = {
        "outcome": "partielle",
        "validated": ["A1"],
        "units": UNITS,
        "unit_plural": "activités",
        "motifs": "A2 à A4 non démontrées.",
        "decided_on": TODAY,
        "admissible_on": TODAY - timedelta(days=30),
        "today": TODAY,
        **kwargs,
    }
    return rules.jury_decision_errors(**values)


def test_a_complete_jury_decision_has_no_error():
    assert jury_errors() == {}
    assert jury_errors(outcome="totale", validated=[], motifs="") == {}
    assert jury_errors(outcome="aucune", validated=[]) == {}
    assert jury_errors(decided_on=TODAY - timedelta(days=30)) == {}


@given(chosen=st.sets(st.sampled_from(UNITS)))
def test_a_partial_validation_is_some_units_never_none_nor_all(chosen):
    errors = jury_errors(validated=sorted(chosen))
    assert ("validated_units" in errors) == (not chosen or chosen == set(UNITS))


def test_a_jury_decision_refused_says_why_in_french():
    assert "validation totale, partielle ou aucune" in jury_errors(outcome="oui")["outcome"]
    unknown = jury_errors(validated=["A1", "B9", "Z1"])["validated_units"]
    assert unknown == "Parties inconnues pour ce CQP : B9, Z1."
    assert "motifs" in jury_errors(motifs=" ")
    assert "motifs" in jury_errors(outcome="aucune", motifs="")
    assert "4000" in jury_errors(motifs="x" * 4001)["motifs"]
    assert "JJ/MM/AAAA" in jury_errors(decided_on=None)["decided_on"]
    assert "futur" in jury_errors(decided_on=TODAY + timedelta(days=1))["decided_on"]
    before = jury_errors(decided_on=TODAY - timedelta(days=31))["decided_on"]
    assert "ne peut pas précéder la recevabilité de la demande, le 07/11/2026" in before
