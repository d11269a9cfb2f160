"""The sources' mastery rules: every combination of ratings on a small unit against the rule
read as the source words it, and the cases written from the sources' sentences."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from livrets.jury import rules
from livrets.jury.rules import ACQUIS, NON_ACQUIS, NON_MIS_EN_OEUVRE, Rated

ESSENTIALS = (True, False, None)


def source_002(ratings: list[str], essential: list[bool]) -> bool:
    """« Une compétence est maitrisée si tous les éléments incontournables sont acquis, un ou
    deux éléments non incontournables par compétence peuvent être cochés « non mis en
    œuvre » », with every marking known."""
    for rating, is_essential in zip(ratings, essential, strict=True):
        if is_essential and rating != ACQUIS:
            return False
        if not is_essential and rating not in (ACQUIS, NON_MIS_EN_OEUVRE):
            return False
    return sum(1 for r in ratings if r == NON_MIS_EN_OEUVRE) <= 2


def expected_002(ratings, essential) -> bool | None:
    """Never guessed: decided only if every possible marking of the unknown ones agrees."""
    unknown = [i for i, e in enumerate(essential) if e is None]
    answers = set()
    for guess in itertools.product((True, False), repeat=len(unknown)):
        marks = list(essential)
        for i, g in zip(unknown, guess, strict=True):
            marks[i] = g
        answers.add(source_002(ratings, marks))
    return answers.pop() if len(answers) == 1 else None


def tolerance(ratings, essential):
    elements = [
        Rated(f"C1.E{i}", e, r) for i, (r, e) in enumerate(zip(ratings, essential, strict=True), 1)
    ]
    return rules.elements_tolerance(elements=elements, max_non_implemented=2)


@pytest.mark.parametrize("size", [1, 2, 3, 4])
def test_every_combination_of_ratings_and_markings_on_a_small_unit(size):
    for ratings in itertools.product(rules.RATINGS, repeat=size):
        for essential in itertools.product(ESSENTIALS, repeat=size):
            outcome = tolerance(list(ratings), list(essential))
            assert outcome.mastered == expected_002(ratings, essential), (ratings, essential)
            assert outcome.missing == ()
            assert len(outcome.reasons) >= 1


@pytest.mark.parametrize("size", [1, 2, 3, 4])
def test_with_the_markings_lost_as_in_002(size):
    """All markings unknown, as the data says of 002: the three answers the issue states."""
    for ratings in itertools.product(rules.RATINGS, repeat=size):
        outcome = tolerance(list(ratings), [None] * size)
        absent = ratings.count(NON_MIS_EN_OEUVRE)
        if NON_ACQUIS in ratings or absent >= 3:
            assert outcome.mastered is False
        elif absent in (1, 2):
            assert outcome.mastered is None
            assert "ne dit pas quels éléments sont incontournables" in outcome.reasons[0]
        else:
            assert outcome.mastered is True


@given(
    st.lists(
        st.tuples(st.sampled_from((*rules.RATINGS, None)), st.sampled_from(ESSENTIALS)),
        min_size=1,
        max_size=9,
    )
)
def test_an_element_not_rated_leaves_the_unit_undetermined_and_is_listed(pairs):
    outcome = tolerance([r for r, _ in pairs], [e for _, e in pairs])
    missing = [f"C1.E{i}" for i, (r, _) in enumerate(pairs, 1) if r is None]
    assert list(outcome.missing) == missing
    if missing:
        assert outcome.mastered is None
        assert missing[0] in outcome.reasons[0]


def test_cases_from_the_source_sentence():
    # All acquired: mastered.
    assert tolerance([ACQUIS] * 3, [None] * 3).mastered is True
    # One or two non-essential elements « non mis en œuvre »: the tolerance.
    assert tolerance([NON_MIS_EN_OEUVRE, NON_MIS_EN_OEUVRE, ACQUIS], [False, False, True]).mastered
    # An essential element not acquired: not mastered.
    assert tolerance([NON_MIS_EN_OEUVRE, ACQUIS], [True, False]).mastered is False
    # « Non acquis » is no tolerance, even on a non-essential element.
    outcome = tolerance([NON_ACQUIS, ACQUIS], [False, None])
    assert outcome.mastered is False
    assert tuple(r.replace("\u00a0", " ") for r in outcome.reasons) == (
        "C1.E1 est « non acquis » : la règle ne tolère que « non mis en œuvre », et seulement "
        "sur des éléments non incontournables.",
    )
    # Three « non mis en œuvre »: more than « un ou deux ».
    outcome = tolerance([NON_MIS_EN_OEUVRE] * 3 + [ACQUIS], [False] * 4)
    assert outcome.mastered is False
    assert "C1.E1, C1.E2 et C1.E3" in outcome.reasons[0]
    assert "deux au plus" in outcome.reasons[0]


def criteria(ratings, essential):
    return [
        Rated(f"B1.{i}", e, r) for i, (r, e) in enumerate(zip(ratings, essential, strict=True), 1)
    ]


def source_000(ratings, essential) -> bool:
    """« acquis 80% des critères d'évaluation associés et acquis l'ensemble des critères
    essentiels »."""
    acquired = [r == ACQUIS for r in ratings]
    if any(e and not a for a, e in zip(acquired, essential, strict=True)):
        return False
    return sum(acquired) * 100 >= 80 * len(ratings)


@pytest.mark.parametrize("size", [1, 2, 3, 4, 5])
def test_bloc_threshold_every_combination(size):
    for ratings in itertools.product((ACQUIS, NON_ACQUIS), repeat=size):
        for essential in itertools.product(ESSENTIALS, repeat=size):
            unknown = [i for i, e in enumerate(essential) if e is None]
            answers = set()
            for guess in itertools.product((True, False), repeat=len(unknown)):
                marks = list(essential)
                for i, g in zip(unknown, guess, strict=True):
                    marks[i] = g
                answers.add(source_000(ratings, marks))
            expected = answers.pop() if len(answers) == 1 else None
            outcome = rules.bloc_threshold(
                criteria=criteria(ratings, essential), threshold_percent=80
            )
            assert outcome.mastered == expected, (ratings, essential)


def test_bloc_threshold_cases_from_000():
    # 4 out of 5 is exactly 80 %: obtained when the missed one is not essential.
    five = [ACQUIS] * 4 + [NON_ACQUIS]
    assert rules.bloc_threshold(
        criteria=criteria(five, [True] * 4 + [False]), threshold_percent=80
    ).mastered
    # 3 out of 4 is 75 %: not obtained.
    four = [ACQUIS] * 3 + [NON_ACQUIS]
    assert (
        rules.bloc_threshold(criteria=criteria(four, [False] * 4), threshold_percent=80).mastered
        is False
    )
    # No criteria given (000's data): cannot compute, and says why.
    outcome = rules.bloc_threshold(criteria=[], threshold_percent=80)
    assert outcome.mastered is None
    assert "ne donne pas les critères" in outcome.reasons[0]


@given(st.lists(st.sampled_from((True, False, None)), max_size=8))
def test_all_units(values):
    outcomes = [rules.Outcome(v, ("x",)) for v in values]
    result = rules.all_units(outcomes)
    if False in values:
        assert result is False
    elif values and all(v is True for v in values):
        assert result is True
    else:
        assert result is None


def test_five_years_from_the_decision_and_the_warning():
    until = rules.kept_until(date(2025, 3, 14), 5)
    assert until == date(2030, 3, 14)
    assert rules.kept_until(date(2024, 2, 29), 5) == date(2029, 2, 28)
    assert rules.kept_until(date(2025, 3, 14), None) is None
    assert rules.keeping_state(until=until, today=date(2029, 9, 13)) == "kept"
    assert rules.keeping_state(until=until, today=date(2029, 9, 14)) == "ending"
    assert rules.keeping_state(until=until, today=date(2030, 3, 14)) == "ending"
    assert rules.keeping_state(until=until, today=date(2030, 3, 15)) == "ended"
    assert rules.keeping_state(until=None, today=date(2030, 3, 15)) == ""
    assert rules.warning_from(date(2030, 8, 31)) == date(2030, 2, 28)
