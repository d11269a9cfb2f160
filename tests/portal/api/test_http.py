"""What the API answers whatever the operation: HEAD, wrong methods, oversized bodies."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.django_db


def test_head_is_answered_like_get(client, referentials):
    response = client.head("/api/v1/cqps")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


def test_head_where_only_post_is_accepted_is_refused_in_json(client):
    response = client.head("/api/v1/mastery")
    assert response.status_code == 405
    assert response["Allow"] == "POST"


@pytest.mark.parametrize("url", ["/api/v1/eligibility", "/api/v1/mastery"])
def test_a_body_over_what_django_reads_answers_400_in_json(client, url, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100 * 1024
    raw = json.dumps({"cqp": "x", "padding": "x" * 200_000})
    response = client.post(url, raw, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"errors": {"$": ["Le corps de la requête dépasse 64 Ko."]}}


def test_an_empty_mastery_body_is_not_json(client):
    response = client.post("/api/v1/mastery", "", content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"errors": {"$": ["JSON invalide."]}}


def test_the_answers_are_utf8_not_escaped(client, referentials):
    answer = client.post(
        "/api/v1/eligibility", json.dumps({"cqp": "x"}), content_type="application/json"
    )
    assert "expériences attendue" in answer.content.decode()
