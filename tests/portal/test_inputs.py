"""Where every input enters: NUL characters removed once, integers bounded, SQLite settings."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.db import connection

from portal.api.http import HOLDS_NUL
from portal.api.schemas import ELIGIBILITY_EXAMPLE
from portal.inputs import MAX_INT, bounded_int, strip_nul


def test_bounded_int_reads_only_what_a_row_could_have():
    assert bounded_int("42") == 42
    assert bounded_int(" 7 ") == 7
    assert bounded_int(str(MAX_INT)) == MAX_INT
    for raw in ("", None, "x", "9" * 20, "9" * 23, str(MAX_INT + 1), "²", "٣", "1e3", "-"):
        assert bounded_int(raw) is None
    assert bounded_int("-3") is None
    assert bounded_int("-3", low=-5) == -3


def test_strip_nul_goes_through_lists_and_dicts():
    assert strip_nul({"a\x00": ["b\x00", 3, {"c": "\x00d"}]}) == {"a": ["b", 3, {"c": "d"}]}


@pytest.mark.django_db
def test_a_nul_character_in_a_query_string_is_no_server_error(client, site_pages):
    for url in ("/recherche/?q=%00", "/livrets/nouveau/?cqp=%00", "/sante/?x=%00"):
        assert client.get(url).status_code < 500
    assert client.get("/a%00b/").status_code == 400


@pytest.mark.django_db
def test_the_api_refuses_nul_characters_in_json_bodies_in_french(client, referentials):
    """As its document says: a NUL in a key or a text is refused, not silently dropped."""
    period = ELIGIBILITY_EXAMPLE["experiences"][0]
    for body in (
        {**ELIGIBILITY_EXAMPLE, "cqp": "conseiller-offres-\x00services"},
        {**ELIGIBILITY_EXAMPLE, "experiences": [{**period, "title": "\x00"}]},
        {**ELIGIBILITY_EXAMPLE, "experiences": [{**period, "organisation\x00": "x"}]},
    ):
        response = client.post(
            "/api/v1/eligibility", data=json.dumps(body), content_type="application/json"
        )
        assert response.status_code == 400, response.content
        assert response.json() == {"errors": {"$": [HOLDS_NUL]}}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite settings")
def test_sqlite_waits_for_the_lock_and_takes_it_when_a_transaction_begins():
    """Parallel uploads on the development database: a writer waits instead of failing with
    « database is locked », and no transaction must upgrade a read lock to write."""
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["timeout"] >= 10
    assert options["transaction_mode"] == "IMMEDIATE"
    assert connection.transaction_mode == "IMMEDIATE"
