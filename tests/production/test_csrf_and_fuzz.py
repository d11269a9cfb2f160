"""CSRF on every URL of the configuration; forms and JSON endpoints under hypothesis."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from livrets.models import Answer, Livret, Revision, Situation

from .site_map import make_people, targets, wagtail_pages

pytestmark = pytest.mark.django_db

# Views exempt from CSRF on purpose: they change nothing (a public computation).
STATELESS = {"selfcheck_api:eligibility", "selfcheck_api:cqps", "selfcheck_api:mastery"}


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


TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300)
FUZZ = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


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
@given(email=TEXT, password=TEXT)
def test_signup_never_errors(db, email, password):
    from django.contrib.auth import get_user_model

    before = get_user_model().objects.count()
    response = Client().post(
        "/accounts/signup/", {"email": email, "password1": password, "password2": password}
    )
    assert response.status_code < 500
    assert get_user_model().objects.count() - before in (0, 1)
