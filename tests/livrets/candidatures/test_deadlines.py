"""The candidature's dates count from what the sources count from: the receipt for the answer
(never the sending), the favourable notification's own date for 004's 18 months (never the
decision's or the receipt's), the silence only as the portal's marked reading; month ends
clamped; what is missing to compute a date is asked for, what the source does not give is
said."""

from __future__ import annotations

from datetime import date

import pytest

from livrets.candidatures.deadlines import (
    FAVOURABLE,
    NO_ANSWER,
    Facts,
    accepted_on,
    date_errors,
    deadlines,
    missing_facts,
    request_state,
    validity_end,
)
from tests.support.journey import AF_DELAYS, AIS_DELAYS, COS_DELAYS


def by_code(items) -> dict:
    return {d.code: d for d in items}


def test_cos_without_a_receipt_date_is_never_accepted_by_silence_and_asks_for_the_receipt():
    """Sent 2026-10-01, no receipt typed, no answer: 004 counts two months from the receipt,
    so the portal announces no acceptance, no end of delay and no validity."""
    facts = Facts(sent_on=date(2026, 10, 1), decision=NO_ANSWER)
    today = date(2027, 3, 1)  # long after two months from the sending
    code, label = request_state(delays=COS_DELAYS, facts=facts, finalised=True, today=today)
    assert code == "sent" and "Acceptée" not in label
    assert accepted_on(delays=COS_DELAYS, facts=facts, today=today) is None
    assert deadlines(delays=COS_DELAYS, facts=facts, today=today) == []
    [asked] = missing_facts(delays=COS_DELAYS, facts=facts, today=today)
    assert "date de réception" in asked and "indiquez" in asked


def test_industries_de_sante_without_a_receipt_date_is_not_accepted_either():
    facts = Facts(sent_on=date(2026, 10, 1), decision=NO_ANSWER)
    today = date(2027, 3, 1)
    code, _ = request_state(delays=AIS_DELAYS, facts=facts, finalised=True, today=today)
    assert code == "sent"
    assert any(
        "date de réception" in t for t in missing_facts(delays=AIS_DELAYS, facts=facts, today=today)
    )


def test_cos_favourable_without_its_notification_date_states_no_validity_end_and_asks_for_it():
    facts = Facts(
        sent_on=date(2026, 10, 1),
        received_on=date(2026, 10, 5),
        decision=FAVOURABLE,
        decision_on=date(2026, 11, 25),
    )
    today = date(2026, 12, 7)
    assert validity_end(delays=COS_DELAYS, facts=facts, today=today) is None
    assert "validity" not in by_code(deadlines(delays=COS_DELAYS, facts=facts, today=today))
    [asked] = missing_facts(delays=COS_DELAYS, facts=facts, today=today)
    assert "notification" in asked
    # Nor from the receipt when no decision date was typed either.
    bare = Facts(sent_on=date(2026, 10, 1), received_on=date(2026, 10, 5), decision=FAVOURABLE)
    assert validity_end(delays=COS_DELAYS, facts=bare, today=today) is None


def test_cos_validity_counts_eighteen_months_from_the_notification_not_the_decision():
    facts = Facts(
        sent_on=date(2026, 10, 1),
        received_on=date(2026, 10, 5),
        decision=FAVOURABLE,
        decision_on=date(2026, 11, 25),
        notified_on=date(2026, 11, 30),
    )
    today = date(2026, 12, 7)
    validity = by_code(deadlines(delays=COS_DELAYS, facts=facts, today=today))["validity"]
    assert validity.day == date(2028, 5, 30)
    assert "valable 18 mois" in validity.because[0]
    assert validity.portal_note == ""  # the source's own start
    assert missing_facts(delays=COS_DELAYS, facts=facts, today=today) == ()


def test_validity_counted_from_the_silence_is_marked_as_the_portals_reading():
    facts = Facts(sent_on=date(2026, 1, 10), received_on=date(2026, 1, 15), decision=NO_ANSWER)
    today = date(2026, 3, 15)
    assert request_state(delays=COS_DELAYS, facts=facts, finalised=True, today=today)[0] == (
        "accepted_by_silence"
    )
    validity = by_code(deadlines(delays=COS_DELAYS, facts=facts, today=today))["validity"]
    assert validity.day == date(2027, 9, 15)
    assert "notification" in validity.portal_note and "silence" in validity.portal_note


def test_the_day_before_the_silence_the_request_is_still_waiting():
    facts = Facts(sent_on=date(2026, 1, 10), received_on=date(2026, 1, 15), decision=NO_ANSWER)
    code, _ = request_state(delays=COS_DELAYS, facts=facts, finalised=True, today=date(2026, 3, 14))
    assert code == "sent"


@pytest.mark.parametrize(
    ("received", "silence", "validity"),
    [
        (date(2026, 12, 31), date(2027, 2, 28), date(2028, 8, 28)),
        (date(2027, 12, 31), date(2028, 2, 29), date(2029, 8, 29)),
        (date(2026, 8, 30), date(2026, 10, 30), date(2028, 4, 30)),
    ],
)
def test_month_ends_are_clamped_for_the_silence_and_its_validity(received, silence, validity):
    facts = Facts(sent_on=received, received_on=received, decision=NO_ANSWER)
    got = by_code(deadlines(delays=COS_DELAYS, facts=facts, today=silence))
    assert got["silence"].day == silence
    assert got["validity"].day == validity


def test_a_notification_on_the_31st_ends_on_the_last_day_of_a_shorter_month():
    facts = Facts(
        sent_on=date(2026, 6, 1),
        received_on=date(2026, 6, 2),
        decision=FAVOURABLE,
        notified_on=date(2026, 8, 31),
    )
    end = validity_end(delays=COS_DELAYS, facts=facts, today=date(2026, 9, 1))
    assert end == date(2028, 2, 29)


@pytest.mark.parametrize("delays", [AIS_DELAYS, AF_DELAYS])
def test_industries_de_sante_and_assistant_formation_say_the_source_gives_no_validity(delays):
    facts = Facts(
        sent_on=date(2026, 1, 10),
        received_on=date(2026, 1, 15),
        decision=FAVOURABLE,
        decision_on=date(2026, 2, 1),
    )
    today = date(2026, 3, 1)
    assert "validity" not in by_code(deadlines(delays=delays, facts=facts, today=today))
    assert missing_facts(delays=delays, facts=facts, today=today) == (
        "La source ne donne pas de durée de validité de la recevabilité.",
    )


def test_a_notification_before_the_decision_is_refused():
    facts = Facts(
        sent_on=date(2026, 1, 10),
        decision=FAVOURABLE,
        decision_on=date(2026, 2, 10),
        notified_on=date(2026, 2, 1),
    )
    errors = date_errors(facts, today=date(2026, 3, 1))
    assert errors == {
        "notified_on": "la date de notification ne peut pas précéder la date de la décision."
    }
