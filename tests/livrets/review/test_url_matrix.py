"""Every id-bearing URL of the whole site, for each kind of visitor.

A URL of the project that takes a keyword argument and has no entry here makes
``test_every_id_bearing_url_has_an_entry`` fail: add its row before shipping it.
"""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse

from livrets.review.models import Comment, Invitation
from tests.support.urls import FIELD, NON_ID_KWARGS, arguments, make_objects, walk

pytestmark = pytest.mark.django_db

# Third-party URL configurations guard their own objects (Wagtail admin permissions, allauth
# keys); they hold no livret data.
THIRD_PARTY = ("wagtail.", "allauth.", "django.")
# Project URLs whose arguments name public things, not anybody's object.
PUBLIC = {"selfcheck:step", "selfcheck_api:cqp"}
# The owner last: some rows change data. The certifier's staff: the COS secretariat and
# evaluator (A's CQP), and the 000 secretariat (another certifier).
STAFF = ("other_staff", "evaluator", "secretariat")
ACTORS = ("anon", "b", "other_coach", "coach", *STAFF, "a")


def row(method, a, coach, *, query=None, data=None, anon=302):
    """Expected status for candidate A (the owner), A's accompagnateur, and the others."""
    return {
        "method": method,
        "query": query or {},
        "data": data or {},
        "expect": {
            "a": a,
            "coach": coach,
            "b": 404,
            "other_coach": 404,
            "anon": anon,
            **dict.fromkeys(STAFF, 404),
        },
    }


def desk_row(method, *, secretariat=200, evaluator=200, data=None):
    """A desk page on the request another candidate deposited at A's CQP's certifier: its
    staff only (its evaluator once named for it, as the fixture does); candidates,
    accompagnateurs and another certifier's staff get 404."""
    spec = row(method, 404, 404, data=data)
    spec["ids"] = {"rpk": "rpk_desk", "fid": "fid_desk"}
    spec["expect"].update(secretariat=secretariat, evaluator=evaluator)
    return spec


def _own_letter(people, ids) -> dict:
    """A's request, completed, deposited and decided by the COS secretariat with a letter;
    the COS evaluator named for it."""
    from livrets.recevabilite.models import RecevabiliteRequest
    from tests.support.desk import assign_evaluators, decided_with_letter

    request = RecevabiliteRequest.objects.get(pk=ids["rpk"])
    letter = decided_with_letter(people["a"], request.cqp.slug, request=request)
    assign_evaluators(request)
    return {"lid": letter.pk}


def letter_row():
    """The certifier's letter on A's request: A, A's accompagnateur (who reads the request)
    and the staff of A's CQP; another candidate, their accompagnateur and another
    certifier's staff get 404."""
    spec = row("get", 200, 200)
    spec["prepare"] = _own_letter
    spec["expect"].update(secretariat=200, evaluator=200)
    return spec


MATRIX = {
    # The candidate's editor: owner only; the accompagnateur reads through review URLs.
    "livrets:detail": row("get", 200, 404),
    "livrets:section": row("get", 200, 404),
    "livrets:add_situation": row("post", 302, 404),
    "livrets:autosave": row(
        "post", 200, 404, data={**FIELD, "text": "x", "base_version": 1}, anon=401
    ),
    "livrets:history": row("get", 200, 404, query=FIELD),
    "livrets:delete_situation": row("get", 200, 404),
    "livrets:situation_history": row("get", 200, 404),
    "livrets:restore": row("post", 302, 404),
    "livrets:upload": row("post", 302, 404),
    "livrets:download": row("get", 200, 404),
    "livrets:delete_document": row("get", 200, 404),
    "livrets:finalise": row("get", 200, 404),
    "livrets:reopen": row("post", 302, 404),
    "livrets:journey": row("post", 302, 404),
    "livrets:pdf": row("get", 200, 200),
    "livrets:pdf_progress": row("get", 200, 200),
    # Review: read for the owner and the invited accompagnateur, never for anyone else.
    "review:livret": row("get", 200, 200),
    "review:section": row("get", 200, 200),
    "review:section_status": row("post", 302, 302, data={"status": "ready"}),
    "review:history": row("get", 200, 200, query=FIELD),
    "review:document": row("get", 200, 200),
    "review:access": row("get", 200, 404),
    "review:revoke": row("post", 302, 404),
    # The owner does not open a comment: refused, on a page with the error summary (400).
    "review:comment_add": row("post", 400, 302, data={**FIELD, "body": "Précisez."}),
    "review:comment_reply": row("post", 302, 302, data={"body": "D'accord."}),
    "review:comment_toggle": row("post", 302, 302, data={"action": "resolve"}),
    # The recevabilité request: the owner edits it; the accompagnateur of a livret 2 of the
    # same CQP reads it, its proofs and its PDF, and comments.
    "recevabilite:detail": row("get", 200, 404),
    "recevabilite:identity": row("get", 200, 404),
    "recevabilite:education": row("get", 200, 404),
    "recevabilite:add_period": row("post", 302, 404),
    "recevabilite:period": row("get", 200, 404),
    "recevabilite:delete_period": row("get", 200, 404),
    "recevabilite:upload": row("post", 302, 404),
    "recevabilite:download": row("get", 200, 200),
    "recevabilite:delete_proof": row("get", 200, 404),
    "recevabilite:declaration": row("get", 200, 404),
    "recevabilite:reopen": row("post", 302, 404),
    "recevabilite:pdf": row("get", 200, 200),
    "recevabilite:pdf_progress": row("get", 200, 200),
    "recevabilite:answer": row("get", 200, 404),
    "recevabilite:gaps": row("post", 302, 404),
    "recevabilite:start_livret": row("post", 302, 404),
    "recevabilite:reading": row("get", 200, 200),
    # Jury preparation: the grid is shared with the accompagnateur, the decision is not.
    "jury:grid": row("get", 200, 200),
    "jury:rate": row("post", 302, 302),
    "jury:history": row("get", 200, 200),
    "jury:interview": row("get", 200, 200),
    "jury:pdf": row("get", 200, 200),
    "jury:pdf_progress": row("get", 200, 200),
    "jury:decision": row("get", 200, 404),
    "jury:follow_up": row("post", 302, 404),
    # The certifier's desk. The owner deposits (A's request is not finalised: refused, back
    # to the follow-up page with the reason); the staff read the request deposited there.
    "desk_candidate:deposit": row("post", 302, 404),
    "desk:request": desk_row("get"),
    # The secretariat withdraws the evaluator the fixture named; the evaluator may not (403).
    "desk:assign": {
        **desk_row(
            "post",
            secretariat=302,
            evaluator=403,
            data={"evaluator": "{evaluator_pk}", "retirer": "1"},
        ),
        "prepare": lambda people, ids: {"evaluator_pk": people["evaluator"].pk},
    },
    "desk:pdf": desk_row("get"),
    "desk:pdf_progress": desk_row("get"),
    "desk:proof": desk_row("get"),
    "desk_candidate:letter": letter_row(),
    # The filled national form: A adds or replaces it (no file: refused, back to the page
    # with the error summary) and reads it, as A's accompagnateur does; the staff read the
    # one deposited at their desk.
    "desk_candidate:national_form": row("get", 200, 200),
    "desk_candidate:national_form_upload": row("post", 302, 404),
    "desk:national_form": desk_row("get"),
    # 004: the commission's gap analysis, POST only; on a request not decided yet the
    # secretariat is refused (400, the page with the error summary), the evaluator 403.
    "desk:gaps": desk_row("post", secretariat=400, evaluator=403, data={"gap-A1": "Un écart."}),
    # The token is the secret: whoever holds a valid one sees the invitation (unknown: 404).
    "review:accept": {
        "method": "get",
        "query": {},
        "data": {},
        "expect": {
            "a": 200,
            "coach": 200,
            "b": 200,
            "other_coach": 200,
            "anon": 302,
            **dict.fromkeys(STAFF, 200),
        },
    },
}


def project_urls_with_arguments() -> dict[str, set[str]]:
    found = {}
    for name, pattern in walk():
        module = getattr(pattern.callback, "__module__", "") or ""
        if arguments(pattern) and not module.startswith(THIRD_PARTY):
            found[name] = arguments(pattern)
    return found


def test_every_id_bearing_url_has_an_entry():
    urls = project_urls_with_arguments()
    missing = sorted(set(urls) - set(MATRIX) - PUBLIC)
    assert not missing, f"id-bearing URLs without a row in the access matrix: {missing}"
    assert len(set(urls) & set(MATRIX)) >= 25


def _objects(people) -> dict:
    """Fresh objects of A's livret for one row of the matrix."""
    return make_objects(people["livret_a"], coach=people["coach"], invite="nouveau@example.fr")


@pytest.fixture
def light_pdf(monkeypatch):
    """The PDF row checks access, not rendering: answer a stub once access is granted."""
    from livrets.desk.views import staff as desk_staff
    from livrets.jury import views as jury_views
    from livrets.livret2.pdf import views as pdf_views
    from livrets.recevabilite.views import after

    monkeypatch.setattr(pdf_views, "export_response", lambda *a, **k: HttpResponse(b"%PDF"))
    monkeypatch.setattr(after, "export_response", lambda *a, **k: HttpResponse(b"%PDF"))
    monkeypatch.setattr(jury_views, "export_response", lambda *a, **k: HttpResponse(b"%PDF"))
    monkeypatch.setattr(desk_staff, "export_response", lambda *a, **k: HttpResponse(b"%PDF"))


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_visitor_gets_exactly_what_it_should(name, people, as_user, light_pdf):
    spec = MATRIX[name]
    ids = _objects(people)
    if "prepare" in spec:
        ids.update(spec["prepare"](people, ids))
    pattern = dict(walk()).get(name)
    if pattern is None:
        pytest.skip(f"{name} is not in the URL configuration (yet)")
    names = spec.get("ids", {})
    kwargs = {k: ids.get(names.get(k, k), NON_ID_KWARGS.get(k)) for k in arguments(pattern)}
    try:
        url = reverse(name, kwargs=kwargs)
    except NoReverseMatch as error:  # pragma: no cover - a row without a fixture value
        pytest.fail(f"{name}: {error}")
    fill = {k: (v.format(**ids) if isinstance(v, str) else v) for k, v in spec["data"].items()}
    query = {k: v.format(**ids) for k, v in spec["query"].items()}
    got = {}
    for actor in ACTORS:
        client = as_user(None if actor == "anon" else people[actor])
        if spec["method"] == "get":
            response = client.get(url, query)
        else:
            response = client.post(
                url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""), fill
            )
        got[actor] = response.status_code
    assert got == spec["expect"], f"{name} ({url})"


def test_unknown_tokens_and_other_livrets_ids_are_404(people, as_user):
    coach = as_user(people["coach"])
    assert coach.get(reverse("review:accept", args=["pas-un-jeton"])).status_code == 404
    # A's accompagnateur naming B's livret, or A's comment under B's livret: 404.
    ids = _objects(people)
    b_pk = people["livret_b"].pk
    assert coach.get(reverse("review:livret", args=[b_pk])).status_code == 404
    reply = reverse("review:comment_reply", args=[b_pk, ids["cid"]])
    assert coach.post(reply, {"body": "x"}).status_code == 404
    assert not Comment.objects.filter(body="x").exists()
    assert Invitation.objects.filter(pk=ids["iid"], revoked_at__isnull=True).exists()


def test_the_desk_inbox_opens_to_staff_only(people, as_user):
    _objects(people)
    url = reverse("desk:inbox")
    got = {actor: as_user(people.get(actor)).get(url).status_code for actor in ACTORS}
    assert got == {
        "anon": 302,
        "b": 404,
        "other_coach": 404,
        "coach": 404,
        "a": 404,
        "other_staff": 200,
        "evaluator": 200,
        "secretariat": 200,
    }
    # Each sees the request deposited at their own certifier only.
    assert "deposante@example.fr" in as_user(people["secretariat"]).get(url).text
    assert "deposante@example.fr" not in as_user(people["other_staff"]).get(url).text
