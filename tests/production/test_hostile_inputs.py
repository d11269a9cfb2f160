"""NUL characters and numbers past any database integer, into every form and endpoint.

Every URL of the site map (and every public page) is asked, by the person it is meant for,
with a query string and a form whose every value is hostile: NUL characters inside text,
numbers of 20 and more digits, a situation or a version past any row id; every form of the
site gets its own fields so; every API operation gets a JSON body so. No answer may be a
server error (on PostgreSQL, which refuses NUL in any text, a leak is a 500). The examples
are few and the walk is whole: each example walks every URL.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.pdf import stub_rendering

from .site_map import failed_submits, make_people, targets, wagtail_pages

pytestmark = pytest.mark.django_db

HUGE = ["9" * 20, "-" + "9" * 23, str(2**63), str(2**64 + 1), "1" + "0" * 400]
TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
HOSTILE = st.one_of(
    st.sampled_from(HUGE),
    st.sampled_from(["\x00", "section:\x00", "situation:" + "9" * 20, '"l\'emploi"\x00']),
    st.tuples(TEXT, TEXT).map(lambda t: f"{t[0]}\x00{t[1]}"),
)
# The names the views read from a request besides their forms' own fields.
KEYS = (
    "part",
    "field",
    "text",
    "base_version",
    "section",
    "situation",
    "period",
    "cqp",
    "q",
    "page",
    "body",
    "email",
    "fields",
    "unit",
    "opinion",
)
SUPPRESSED = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


@pytest.fixture
def site(site_pages, monkeypatch):
    """The site map's people and objects; PDFs rendered as a stub."""
    stub_rendering(monkeypatch)
    cache.clear()
    yield make_people()
    cache.clear()


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _json(values: list[str]) -> str:
    first, second, third = values[0], values[1], values[2]
    return json.dumps(
        {
            "cqp": first,
            "as_of": second,
            "experiences": [
                {"kind": first, "start": second, "end": third, "part_time_percent": 10**30}
            ],
            "activities": [third],
            "evaluations": {first: second},
        }
    )


def _server_errors(site, values: list[str]) -> list[str]:
    people, ids = site["people"], site["ids"]
    hostile = dict(zip(KEYS, values, strict=False))
    found, _ = targets(ids)
    errors = []
    for target in [*found, *wagtail_pages()]:
        client = _client(people[target.actor])
        query = urlencode({**target.query, **hostile})
        answers = [client.get(f"{target.url}?{query}")]
        if target.name.startswith("selfcheck_api:"):
            answers.append(client.post(target.url, _json(values), content_type="application/json"))
        else:
            answers.append(client.post(target.url, hostile))
        errors += [
            f"{target.name} {r.request['REQUEST_METHOD']}" for r in answers if r.status_code >= 500
        ]
    for submit in failed_submits(ids):
        client = _client(people[submit.actor])
        for url, data in submit.before:
            client.post(url, data)
        data = {key: values[n % len(values)] for n, key in enumerate(submit.data)}
        for key in ("self_check_wizard-current_step", "fields", "count", "finalise"):
            if key in submit.data:
                data[key] = submit.data[key]  # which form or step is posted stays known
        response = client.post(submit.url, {**hostile, **data})
        if response.status_code >= 500:
            errors.append(f"{submit.name} POST")
    return errors


@settings(max_examples=2, deadline=None, suppress_health_check=SUPPRESSED)
@given(values=st.lists(HOSTILE, min_size=len(KEYS), max_size=len(KEYS)))
def test_no_form_or_endpoint_fails_on_nul_characters_or_huge_numbers(site, values):
    assert _server_errors(site, values) == []


def test_the_values_of_the_probe_are_answered(site):
    """The values the probe sent: a NUL character, a 23-digit version, a 20-digit situation."""
    probe = ["situation:" + "9" * 20, "\x00", "\x00", "9" * 23, "motivation\x00", "9" * 20]
    assert _server_errors(site, [probe[n % len(probe)] for n in range(len(KEYS))]) == []
