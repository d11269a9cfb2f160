"""The pure rules of the livret 2's deposit and of the jury sessions."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from livrets.desk import rules
from portal.dates import add_months

TODAY = date(2026, 12, 7)
DUE = (
    "Votre dossier de validation doit être transmis au jury professionnel au plus tard 1 mois "
    "avant la session d'évaluation."
)


def _deposit(**kw):
    args = {
        "finalised": True,
        "reopened": False,
        "already_deposited": None,
        "admissible": True,
        "last_day": None,
        "due_text": DUE,
        "today": TODAY,
        **kw,
    }
    return rules.livret_deposit_errors(**args)


def test_admissible_declared_or_by_silence():
    assert rules.is_admissible(desk_status="recevable", silence_on=None, today=TODAY)
    assert rules.is_admissible(desk_status="a_examiner", silence_on=TODAY, today=TODAY)
    assert not rules.is_admissible(
        desk_status="a_examiner", silence_on=date(2026, 12, 8), today=TODAY
    )
    assert not rules.is_admissible(desk_status="a_examiner", silence_on=None, today=TODAY)
    for status in ("", "incomplete", "non_recevable"):
        assert not rules.is_admissible(desk_status=status, silence_on=TODAY, today=TODAY)


def test_last_deposit_day_is_one_month_before_the_session_where_the_source_says():
    assert rules.last_deposit_day(jury_on=date(2027, 3, 31), months_before=1) == date(2027, 2, 28)
    assert rules.last_deposit_day(jury_on=date(2027, 3, 31), months_before=None) is None
    assert rules.last_deposit_day(jury_on=None, months_before=1) is None


def test_a_deposit_is_refused_for_each_reason_in_french():
    assert _deposit() == {}
    assert "déjà déposé, le 01/12/2026" in _deposit(already_deposited=date(2026, 12, 1))[""]
    assert "rouvert" in _deposit(reopened=True)[""]
    assert "Finalisez" in _deposit(finalised=False)[""]
    assert "pas recevable" in _deposit(admissible=False)[""]


@given(st.integers(min_value=-40, max_value=40))
def test_the_last_day_itself_is_in_time_the_day_after_is_refused(offset):
    from datetime import timedelta

    session = TODAY + timedelta(days=offset)
    last = add_months(session, -1)
    errors = _deposit(last_day=last)
    if last >= TODAY:
        assert errors == {}
    else:
        assert f"« {DUE} »" in errors[""]
        assert f"le {last:%d/%m/%Y}" in errors[""]


def test_session_needs_a_date_not_in_the_past_and_a_place():
    assert rules.session_errors(held_on=TODAY, place="Paris", today=TODAY) == {}
    errors = rules.session_errors(held_on=date(2026, 12, 6), place=" ", today=TODAY)
    assert set(errors) == {"held_on", "place"}
    assert "passé" in errors["held_on"]
    assert (
        "Indiquez la date" in rules.session_errors(held_on=None, place="x", today=TODAY)["held_on"]
    )
    assert "200" in rules.session_errors(held_on=TODAY, place="x" * 201, today=TODAY)["place"]


def _seat(**kw):
    args = {
        "same_cqp": True,
        "livret_deposited": True,
        "admissible": True,
        "seated_elsewhere": None,
        "seated_here": False,
        "livret_due_before_jury": False,
        "held_on": TODAY,
        "today": TODAY,
        **kw,
    }
    return rules.seat_errors(**args)


def test_who_may_be_seated():
    assert _seat() == {}
    assert "ce CQP" in _seat(same_cqp=False)["candidature"]
    assert "déjà convoqué à cette session" in _seat(seated_here=True)["candidature"]
    assert "01/01/2027" in _seat(seated_elsewhere=date(2027, 1, 1))["candidature"]
    assert "passée" in _seat(held_on=date(2026, 12, 1))["candidature"]
    # A livret deposited is needed, except where the source has it reach the jury before
    # the session (004): a recevable request is then enough.
    assert "livret 2" in _seat(livret_deposited=False)["candidature"]
    assert _seat(livret_deposited=False, livret_due_before_jury=True) == {}
    refused = _seat(livret_deposited=False, livret_due_before_jury=True, admissible=False)
    assert "pas recevable" in refused["candidature"]


def test_the_inbox_knows_the_new_statuses():
    assert rules.STATUSES[rules.LIVRET_DEPOSITED] == "Livret déposé"
    assert rules.STATUSES[rules.JURY] == "Jury"
