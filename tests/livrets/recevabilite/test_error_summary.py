"""Every form of the recevabilité request refused: the shared error summary, linking to each
field in error (templates/includes/error_summary.html, as on every form of the site)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from livrets.recevabilite import services
from tests.support.error_summary import assert_shared_summary
from tests.support.recevabilite import COS, complete, start

pytestmark = pytest.mark.django_db


def test_the_start_form(client_of, referentials, candidate):
    response = client_of(candidate).post(reverse("recevabilite:start"), {"cqp": ""})
    assert response.status_code in (200, 400)
    assert assert_shared_summary(response, response.context["form"]) == ["#id_cqp"]


def test_the_identity_form(client_of, af_request, candidate):
    response = client_of(candidate).post(
        reverse("recevabilite:identity", args=[af_request.pk]),
        {"email": "pas-une-adresse", "naissance_date": "pas une date"},
    )
    assert response.status_code == 400
    links = assert_shared_summary(response, response.context["form"])
    assert {"#id_email", "#id_naissance_date"} <= set(links)


def test_the_education_form(client_of, af_request, candidate):
    response = client_of(candidate).post(
        reverse("recevabilite:education", args=[af_request.pk]),
        {"last_class": "inconnue", "diplomas": ["inconnu"]},
    )
    assert response.status_code == 400
    links = assert_shared_summary(response, response.context["form"])
    assert {"#id_last_class_0", "#id_diplomas_0"} <= set(links)


def test_the_education_form_of_a_national_form_links_the_certification_sought(
    client_of, cos_request, candidate
):
    response = client_of(candidate).post(
        reverse("recevabilite:education", args=[cos_request.pk]),
        {"validation_sought": "inconnue", "blocks_held": ["inconnu"], "diplomas": ["inconnu"]},
    )
    assert response.status_code == 400
    links = assert_shared_summary(response, response.context["form"])
    # In the page's order: the certification sought comes first.
    assert links[:3] == ["#id_validation_sought_0", "#id_blocks_held_0", "#id_diplomas_0"]


def test_the_period_form(client_of, af_request, candidate):
    period = af_request.periods.first()
    response = client_of(candidate).post(
        reverse("recevabilite:period", args=[af_request.pk, period.pk]),
        {"kind": "salarie", "start": "2023-05-01", "end": "2023-01-01", "weekly_hours": "500"},
    )
    assert response.status_code == 400
    links = assert_shared_summary(response, response.context["form"])
    assert {"#id_end", "#id_weekly_hours"} <= set(links)


def test_both_forms_of_the_declaration(client_of, af_request, candidate):
    url = reverse("recevabilite:declaration", args=[af_request.pk])
    client = client_of(candidate)
    response = client.post(url, {"count": "1", "count-other_requests_this_year": "-1"})
    assert response.status_code == 400
    links = assert_shared_summary(
        response, response.context["count_form"], response.context["final_form"]
    )
    assert links == ["#id_count-other_requests_this_year"]
    complete(af_request)  # the finalise form shows once nothing is missing
    response = client.post(url, {"finalise": "1", "final-name": "", "final-date": "2990-01-01"})
    assert response.status_code == 400
    links = assert_shared_summary(
        response, response.context["count_form"], response.context["final_form"]
    )
    assert {"#id_final-name", "#id_final-date"} <= set(links)


def test_the_answer_form(client_of, af_request, candidate):
    complete(af_request)
    services.finalise(request=af_request, sworn_name="A", sworn_place="L", sworn_on=date.today())
    response = client_of(candidate).post(
        reverse("recevabilite:answer", args=[af_request.pk]),
        {"sent_on": "pas une date", "received_on": "31/02/2026"},
    )
    assert response.status_code == 400
    links = assert_shared_summary(response, response.context["form"])
    assert links == ["#id_sent_on", "#id_received_on"]


def test_the_gaps_form(client_of, referentials, candidate):
    """004's gaps typed from the notification: refused on the page, not in a message."""
    request = start(candidate, COS)
    response = client_of(candidate).post(
        reverse("recevabilite:gaps", args=[request.pk]),
        {"units": ["inconnue"], "note": "x" * 4001},
    )
    assert response.status_code == 400
    links = assert_shared_summary(response, response.context["gaps_form"])
    assert links == ["#id_units_0", "#id_note"]


def test_the_accompagnateurs_comment_form(client_of, referentials, candidate, other_candidate):
    from livrets.livret2 import services as livret_services
    from livrets.review import services as review
    from tests.support.data import version_of

    request = start(candidate, COS)
    livret = livret_services.start_livret(owner=candidate, version=version_of(COS))
    review.accept(
        invitation=review.invite(livret=livret, email=other_candidate.email).invitation,
        user=other_candidate,
    )
    response = client_of(other_candidate).post(
        reverse("recevabilite:reading", args=[request.pk]), {"part": "", "body": ""}
    )
    links = assert_shared_summary(response, response.context["comment_form"])
    assert links == ["#id_part", "#id_body"]


def test_no_page_keeps_a_summary_of_its_own():
    templates = Path(settings.BASE_DIR) / "templates"
    own = [
        str(path.relative_to(templates))
        for path in templates.rglob("*.html")
        if 'class="error-summary"' in path.read_text()
    ]
    assert own == ["includes/error_summary.html"]
    assert not (templates / "recevabilite" / "_errors.html").exists()
