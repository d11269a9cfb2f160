"""Dates range-checked where they enter, and pages that stay usable with bad stored dates."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from livrets.candidatures.models import Candidature
from livrets.livret2.models import Answer, Revision
from livrets.review import services as review
from livrets.review.rules import livret_due_on
from portal.dates import add_months, add_months_or_none, range_error
from tests.support.data import complete_cos, make_candidate
from tests.support.journey import COS_DELAYS, journey

EXTREMES = [date(1, 1, 1), date(1, 1, 31), date(9999, 12, 31), date(9999, 6, 15)]


def test_range_error_names_the_range_in_french():
    assert range_error(date(2024, 3, 1)) is None
    assert range_error(date(1, 1, 1)) == "Saisissez une date entre le 01/01/1900 et le 31/12/2100."
    assert range_error(date(2030, 1, 1), earliest=date(2000, 1, 1), latest=date(2029, 12, 31)) == (
        "Saisissez une date entre le 01/01/2000 et le 31/12/2029."
    )


def test_month_arithmetic_on_extreme_dates_gives_none_not_an_error():
    assert add_months_or_none(date(9999, 12, 1), 1) is None
    assert add_months_or_none(date(1, 1, 15), -1) is None
    assert add_months_or_none(date(2025, 1, 31), 1) == date(2025, 2, 28)
    with pytest.raises(ValueError):
        add_months(date(9999, 12, 1), 1)
    today = date(2025, 1, 1)
    first = date(1, 1, 1)
    early = journey(
        delays=COS_DELAYS,
        requested_on=first,
        received_on=first,
        notified_on=None,
        jury_on=first,
        today=today,
    )
    days = {d.code: d.day for d in early}
    assert days["silence"] == date(1, 3, 1)
    assert "livret_due" not in days  # a month before year 1: no date, no error
    last = date(9999, 12, 31)
    late = journey(
        delays=COS_DELAYS,
        requested_on=None,
        received_on=None,
        notified_on=last,
        jury_on=last,
        today=today,
    )
    assert [(d.code, d.day) for d in late] == [("livret_due", date(9999, 11, 30))]
    assert livret_due_on(jury_on=date(1, 1, 15), months_before_jury=1) is None


@pytest.mark.parametrize(
    "raw",
    ["0001-01-01", "9999-12-31", "1999-12-31", "2200-01-01", "10000-01-01", "2025-02-30", "x"],
)
def test_journey_dates_out_of_range_are_refused_with_a_french_message(
    client_of, livret, candidate, raw
):
    client = client_of(candidate)
    response = client.post(
        reverse("livrets:journey", args=[livret.pk]),
        {"requested_on": "", "notified_on": "", "jury_on": raw},
    )
    # The overview again, its error summary linking to the field (nothing saved).
    assert response.status_code == 400
    assert 'href="#id_jury_on"' in response.text
    assert "la date du jury" in response.text
    livret.refresh_from_db()
    assert livret.candidature.jury_on is None


def test_a_plausible_journey_date_is_kept(client_of, livret, candidate):
    client = client_of(candidate)
    client.post(
        reverse("livrets:journey", args=[livret.pk]),
        {"requested_on": "2025-01-10", "notified_on": "", "jury_on": "2025-06-20"},
    )
    livret.refresh_from_db()
    assert livret.candidature.jury_on == date(2025, 6, 20)


@pytest.mark.parametrize("day", EXTREMES)
def test_stored_extreme_dates_never_lock_anyone_out(client_of, livret, candidate, day):
    """Dates stored before the range check: the livret, its dashboard row and the page that
    fixes them still open, and the fix is accepted."""
    coach = make_candidate("coach@example.fr")
    review.accept(invitation=review.invite(livret=livret, email=coach.email).invitation, user=coach)
    Candidature.objects.filter(livrets=livret).update(
        request_sent_on=day, decision="favourable", decision_on=day, jury_on=day
    )
    client = client_of(candidate)
    detail = client.get(reverse("livrets:detail", args=[livret.pk]))
    assert detail.status_code == 200
    assert 'id="parcours"' in detail.text or "parcours" in detail.text
    assert client.get(reverse("livrets:list")).status_code == 200
    fixed = client.post(
        reverse("livrets:journey", args=[livret.pk]),
        {"requested_on": "", "notified_on": "", "jury_on": "2026-06-20"},
    )
    assert fixed.status_code == 302
    Candidature.objects.filter(livrets=livret).update(jury_on=day)
    client.force_login(coach)
    assert client.get(reverse("review:dashboard")).status_code == 200
    assert client.get(reverse("review:livret", args=[livret.pk])).status_code == 200


@pytest.mark.parametrize("raw", ["0001-01-01", "9999-12-31", "2001-01-01"])
def test_finalise_refuses_dates_out_of_range(client_of, livret, candidate, raw):
    complete_cos(livret)
    client = client_of(candidate)
    url = reverse("livrets:finalise", args=[livret.pk])
    response = client.post(
        url, {"sworn": "on", "name": "Alice Martin", "place": "Lyon", "date": raw}
    )
    assert response.status_code == 400
    assert "Saisissez une date entre" in response.text or "ne peut pas précéder" in response.text
    livret.refresh_from_db()
    assert not livret.is_finalised


def test_finalise_name_comes_from_the_identity_section(client_of, livret, candidate):
    complete_cos(livret)  # Identité: Alice Martin; the account has no name
    form = client_of(candidate).get(reverse("livrets:finalise", args=[livret.pk])).text
    assert 'name="name" value="Alice Martin"' in form


def test_a_save_naming_a_version_never_saved_is_a_first_save(client_of, livret, candidate):
    client = client_of(candidate)
    for base in ("7", "1"):
        response = client.post(
            reverse("livrets:autosave", args=[livret.pk]),
            {
                "part": "section:contexte",
                "field": "description",
                "text": f"base {base}",
                "base_version": base,
            },
        )
        assert response.status_code == 200, base
    answer = Answer.objects.get(livret=livret, field_key="description")
    assert (answer.version, answer.text) == (2, "base 1")
    assert Revision.objects.filter(answer=answer).count() == 2


def test_no_javascript_save_naming_a_version_never_saved(client_of, livret, candidate):
    client = client_of(candidate)
    name = "section:motivation|raisons"
    response = client.post(
        reverse("livrets:section", args=[livret.pk, "motivation"]),
        {"fields": [name], name: "Mes raisons", f"v:{name}": "42"},
    )
    assert response.status_code == 302
    assert Answer.objects.get(livret=livret, field_key="raisons").text == "Mes raisons"


def test_journey_latest_is_ten_years_ahead(client_of, livret, candidate):
    client = client_of(candidate)
    far = add_months(timezone.localdate(), 121).isoformat()
    response = client.post(
        reverse("livrets:journey", args=[livret.pk]),
        {"requested_on": "", "notified_on": "", "jury_on": far},
        follow=True,
    )
    assert "la date du jury doit être comprise entre le 01/01/2000 et le" in response.text
    livret.refresh_from_db()
    assert livret.candidature.jury_on is None
