"""CSRF on every URL of the configuration; forms and JSON endpoints under hypothesis.

Every URL of the site map (and every public page) takes random methods, fields and values
by the person it is meant for; every date field takes dates over Python's whole range
(years 1 to 9999); no answer may be a server error, and a stored date never breaks a page.
"""

from __future__ import annotations

import json
from datetime import date
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from livrets.candidatures.models import Candidature
from livrets.livret2.models import Answer, Livret, Revision, Situation
from tests.support.pdf import stub_rendering

from .site_map import make_people, targets, wagtail_pages

pytestmark = pytest.mark.django_db

# Views exempt from CSRF on purpose: they change nothing (a public computation). The GET-only
# API views answer a POST with a JSON 405 instead of the CSRF 403.
STATELESS = {"selfcheck_api:eligibility", "selfcheck_api:cqps", "selfcheck_api:mastery"}
API_READS = {"selfcheck_api:cqp", "selfcheck_api:openapi", "certifier_api:openapi"}
# The certifiers' API: a bearer token authenticates it, never a cookie, so no CSRF applies; a
# request without a token (as here) is its JSON 401 (405 for a method it does not route).
BEARER = "certifier_api:"


def _counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Livret, Situation, Answer, Revision))


def _client(user, **kwargs) -> Client:
    client = Client(**kwargs)
    if user is not None:
        client.force_login(user)
    return client


def test_every_post_without_a_csrf_token_is_refused(site_pages):
    site = make_people()
    found, _ = targets(site["ids"])
    clients = {
        actor: _client(user, enforce_csrf_checks=True) for actor, user in site["people"].items()
    }
    before = _counts()
    accepted = []
    for target in [*found, *wagtail_pages()]:
        response = clients[target.actor].post(
            target.url, {"text": "x", "part": f"situation:{site['ids']['sid']}", "field": "titre"}
        )
        if target.name in API_READS and response.status_code == 405:
            continue
        if target.name.startswith(BEARER) and response.status_code in (401, 405):
            continue
        if response.status_code != 403 and target.name not in STATELESS:
            accepted.append(f"{target.name} {target.url}: {response.status_code}")
    assert accepted == []
    assert _counts() == before
    assert len(found) >= 40


@pytest.fixture
def owned(site_pages):
    site = make_people()
    client = _client(site["people"]["owner"])
    return client, site["ids"]


# Generation speed is the machine's load, not the code's: no health check on it.
SUPPRESSED = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300)
FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=SUPPRESSED)


@FUZZ
@given(
    part=st.one_of(TEXT, st.just("situation:{sid}"), st.just("motivation")),
    field=TEXT,
    text=TEXT,
    base=st.one_of(TEXT, st.integers(-5, 10).map(str)),
)
def test_autosave_never_errors_and_writes_all_or_nothing(owned, part, field, text, base):
    client, ids = owned
    before = (Answer.objects.count(), Revision.objects.count())
    response = client.post(
        f"/livrets/{ids['pk']}/enregistrer/",
        {
            "part": part.format(**ids) if "{sid}" in part else part,
            "field": field,
            "text": text,
            "base_version": base,
        },
    )
    assert response.status_code < 500
    answers, revisions = Answer.objects.count(), Revision.objects.count()
    if response.status_code == 200:
        assert revisions == before[1] + 1  # one save: one revision, at most one new answer
        assert answers - before[0] in (0, 1)
    else:
        assert (answers, revisions) == before


@FUZZ
@given(
    payload=st.recursive(
        st.none() | st.booleans() | st.integers() | TEXT,
        lambda children: (
            st.lists(children, max_size=4) | st.dictionaries(TEXT, children, max_size=4)
        ),
        max_leaves=12,
    )
    | st.fixed_dictionaries(
        {"cqp": TEXT, "experiences": st.lists(st.dictionaries(TEXT, TEXT, max_size=4), max_size=3)}
    )
)
def test_eligibility_api_answers_json_without_server_error(site_pages, payload):
    response = Client().post(
        "/api/v1/eligibility", json.dumps(payload), content_type="application/json"
    )
    assert response.status_code < 500
    assert response["Content-Type"].startswith("application/")
    json.loads(response.content)


@FUZZ
@given(data=st.dictionaries(st.sampled_from(["cqp", "csrfmiddlewaretoken", "x"]), TEXT, max_size=3))
def test_start_form_never_errors_and_creates_at_most_one_livret(owned, data):
    client, _ = owned
    before = Livret.objects.count()
    response = client.post("/livrets/nouveau/", data)
    assert response.status_code < 500
    assert Livret.objects.count() - before in (0, 1)


@FUZZ
@given(
    step=st.sampled_from(["cqp", "situation", "experiences", "activities", "verification"]),
    data=st.dictionaries(TEXT, TEXT, max_size=5),
)
def test_wizard_steps_never_error(site_pages, step, data):
    response = Client().post(f"/verifier-mon-eligibilite/etape/{step}/", data)
    assert response.status_code < 500


@FUZZ
@given(email=TEXT, password=TEXT, first=TEXT, last=TEXT)
def test_signup_never_errors(db, email, password, first, last):
    from django.contrib.auth import get_user_model

    before = get_user_model().objects.count()
    response = Client().post(
        "/accounts/signup/",
        {
            "email": email,
            "first_name": first,
            "last_name": last,
            "password1": password,
            "password2": password,
        },
    )
    assert response.status_code < 500
    assert get_user_model().objects.count() - before in (0, 1)


# Dates over Python's whole range, its two ends drawn often (where arithmetic overflows),
# as a browser or a client would send them.
DAYS = st.one_of(
    st.dates(),
    st.dates(max_value=date(1, 12, 31)),
    st.dates(min_value=date(9998, 1, 1)),
)
RAW_DATE = st.one_of(
    DAYS.map(date.isoformat),
    DAYS.map(lambda d: f"{d.day:02d}/{d.month:02d}/{d.year:04d}"),
    st.sampled_from(["", "0000-01-01", "10000-01-01", "2024-02-30", "9999-99-99", "-1-01-01"]),
    TEXT,
)


@pytest.fixture
def site(site_pages, monkeypatch):
    """The people and objects of the site map; PDFs rendered as a stub (speed, not coverage:
    the renderer's own limits are tested apart)."""
    stub_rendering(monkeypatch)
    cache.clear()
    yield make_people()
    cache.clear()


def _pages_of_the_livret_open(site) -> None:
    """The pages showing the journey's dates open for the candidate and the accompagnateur."""
    pk = site["ids"]["pk"]
    owner, coach = _client(site["people"]["owner"]), _client(site["people"]["coach"])
    assert owner.get(f"/livrets/{pk}/").status_code == 200
    assert owner.get("/livrets/").status_code == 200
    assert coach.get("/accompagnement/").status_code == 200
    assert coach.get(f"/accompagnement/livrets/{pk}/").status_code == 200


@FUZZ
@given(requested=RAW_DATE, notified=RAW_DATE, jury=RAW_DATE)
def test_journey_dates_over_the_whole_range(site, requested, notified, jury):
    pk = site["ids"]["pk"]
    response = _client(site["people"]["owner"]).post(
        f"/livrets/{pk}/parcours/",
        {"requested_on": requested, "notified_on": notified, "jury_on": jury},
    )
    # Saved (a redirect), or refused with the errors on the page (400): never a 5xx.
    assert response.status_code in (302, 400)
    stored = Livret.objects.get(pk=pk).candidature
    for day in (stored.request_sent_on, stored.notified_on, stored.jury_on):
        assert day is None or date(2000, 1, 1) <= day
    _pages_of_the_livret_open(site)


@FUZZ
@given(requested=st.none() | DAYS, notified=st.none() | DAYS, jury=st.none() | DAYS)
def test_dates_stored_before_the_checks_never_break_a_page(site, requested, notified, jury):
    Candidature.objects.filter(livrets=site["ids"]["pk"]).update(
        request_sent_on=requested,
        decision="favourable" if notified else "",
        decision_on=notified,
        jury_on=jury,
    )
    _pages_of_the_livret_open(site)


@FUZZ
@given(as_of=RAW_DATE, start=RAW_DATE, end=st.one_of(st.none(), RAW_DATE))
def test_eligibility_api_over_the_whole_date_range(site_pages, as_of, start, end):
    payload = {
        "cqp": "conseiller-offres-services",
        "as_of": as_of,
        "experiences": [
            {"kind": "salarie", "title": "x", "start": start, "end": end, "related": True}
        ],
    }
    response = Client().post(
        "/api/v1/eligibility", json.dumps(payload), content_type="application/json"
    )
    assert response.status_code in (200, 400)
    json.loads(response.content)


@FUZZ
@given(start=RAW_DATE, end=RAW_DATE, ongoing=st.booleans())
def test_wizard_experiences_over_the_whole_date_range(site_pages, start, end, ongoing):
    client = Client()
    step = "self_check_wizard-current_step"
    base = "/verifier-mon-eligibilite/etape/"
    client.post(f"{base}cqp/", {step: "cqp", "cqp-cqp": "conseiller-offres-services"})
    client.post(f"{base}situation/", {step: "situation", "situation-situation": "salarie"})
    data = {
        step: "experiences",
        "experiences-TOTAL_FORMS": "1",
        "experiences-INITIAL_FORMS": "0",
        "experiences-0-kind": "salarie",
        "experiences-0-title": "x",
        "experiences-0-start": start,
        "experiences-0-end": end,
        "experiences-0-part_time_percent": "100",
        "experiences-0-related": "oui",
    }
    if ongoing:
        data["experiences-0-ongoing"] = "on"
    assert client.post(f"{base}experiences/", data).status_code < 500
    for page in (f"{base}verification/", "/verifier-mon-eligibilite/resultat/"):
        assert client.get(page).status_code < 500


@FUZZ
@given(day=RAW_DATE, name=TEXT, place=TEXT)
def test_finalise_over_the_whole_date_range(site, day, name, place):
    pk = site["ids"]["pk"]
    response = _client(site["people"]["owner"]).post(
        f"/livrets/{pk}/finaliser/", {"sworn": "on", "name": name, "place": place, "date": day}
    )
    assert response.status_code < 500


# Field names the site's forms read, so that random values reach real code paths.
FIELD_NAMES = st.sampled_from(
    [
        "text",
        "part",
        "field",
        "base_version",
        "fields",
        "anchor",
        "section",
        "situation",
        "requested_on",
        "notified_on",
        "jury_on",
        "sworn",
        "name",
        "place",
        "date",
        "cqp",
        "email",
        "organisation",
        "body",
        "status",
        "action",
        "detached",
        "next",
        "password",
        "as_candidate",
        "as_reviewer",
        "q",
        "page",
        "certificateur",
        "login",
        "remember",
    ]
)
FIELD_VALUES = st.one_of(
    st.sampled_from(['"', "'", "(", "*", "0", "-1", "99999999999999999999", "section:x", "\x00"]),
    TEXT,
    RAW_DATE,
    st.integers(-(2**70), 2**70).map(str),
    st.just("section:motivation"),
)
METHODS = st.sampled_from(["GET", "POST", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])


@settings(max_examples=120, deadline=None, suppress_health_check=SUPPRESSED)
@given(data=st.data())
def test_every_url_answers_every_method_and_field_without_a_server_error(site, data):
    found, _ = targets(site["ids"])
    target = data.draw(st.sampled_from([*found, *wagtail_pages()]), label="target")
    method = data.draw(METHODS, label="method")
    fields = data.draw(
        st.dictionaries(st.one_of(FIELD_NAMES, TEXT), FIELD_VALUES, max_size=6), label="fields"
    )
    client = _client(site["people"][target.actor])
    if method in ("GET", "HEAD", "OPTIONS", "DELETE"):
        response = client.generic(
            method, target.url, QUERY_STRING=urlencode({**target.query, **fields})
        )
    else:
        response = client.generic(
            method, target.url, urlencode(fields), content_type="application/x-www-form-urlencoded"
        )
    assert response.status_code < 500, f"{method} {target.url} {fields}: {response.status_code}"
