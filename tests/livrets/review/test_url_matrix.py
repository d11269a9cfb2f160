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
# The owner last: some rows change data. The certifier's staff: the COS secretariat,
# evaluator and jury member (A's CQP), and the 000 secretariat (another certifier).
STAFF = ("other_staff", "evaluator", "jury", "secretariat")
# The editor of the public pages reads what any other candidate reads (``b``), unless a row
# says otherwise.
ACTORS = ("anon", "b", "other_coach", "editor", "coach", *STAFF, "a")


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


def desk_row(method, *, secretariat=200, evaluator=200, jury=None, data=None, ids=None):
    """A desk page on the request another candidate deposited at A's CQP's certifier: its
    staff only (its evaluator once named for it, as the fixture does; its jury members read
    it as the secretariat does); candidates, accompagnateurs and another certifier's staff
    get 404."""
    spec = row(method, 404, 404, data=data)
    spec["ids"] = ids or {"rpk": "rpk_desk", "fid": "fid_desk"}
    spec["expect"].update(
        secretariat=secretariat,
        evaluator=evaluator,
        jury=secretariat if jury is None else jury,
    )
    return spec


LIVRET_AT_DESK = {"rpk": "rpk_letter", "did": "did_desk"}


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
    spec["expect"].update(secretariat=200, evaluator=200, jury=200)
    return spec


def _grids(people, ids) -> dict:
    """A 002 and a 000 request deposited, the COS evaluator named for both (and made an
    evaluator of both CQPs), the COS secretariat also the 002 secretariat."""
    from tests.support.desk import grid_requests

    return grid_requests(evaluator=people["evaluator"], secretariat=people["secretariat"])


def grid_part_row() -> dict:
    """A compétence of the 002 grid saved: by the evaluator named for it only (the
    secretariat reads: 403); anyone else 404 (the COS jury member too: another CQP)."""
    spec = desk_row(
        "post", secretariat=403, evaluator=302, jury=404, data={"version": "0.0", "points": "x"}
    )
    spec["ids"] = {"rpk": "rpk_grid", "part": "part"}
    spec["prepare"] = lambda people, ids: {**_grids(people, ids), "part": "C1"}
    return spec


def ecertif_row() -> dict:
    """000's « e-certif » file: its secretariat (``other_staff``) and the evaluator named;
    the COS (and 002) secretariat, candidates and accompagnateurs 404."""
    spec = desk_row("get", secretariat=404, evaluator=200)
    spec["ids"] = {"rpk": "rpk_grid_ias"}
    spec["expect"]["other_staff"] = 200
    spec["prepare"] = _grids
    return spec


def api_row(method):
    """The certifiers' API: a bearer token opens it, never a session (nor a CSRF cookie):
    every visitor, staff of the right CQP included, gets its JSON 401 (tokens and their CQP
    scope: tests/portal/api/test_certifier_api.py)."""
    spec = row(method, 401, 401, anon=401, data={})
    spec["ids"] = {"public_id": "public_id_desk"}
    spec["expect"] = dict.fromkeys(spec["expect"], 401)
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
            jury=403,
            data={"evaluator": "{evaluator_pk}", "retirer": "1"},
        ),
        "prepare": lambda people, ids: {"evaluator_pk": people["evaluator"].pk},
    },
    # The jury's decision recorded by the certifier: every staff member of the CQP who reads
    # the candidature sees the page (the secretariat and jury members record; POST tested in
    # tests/livrets/desk/test_jury_decision.py).
    "desk:jury_decision": desk_row("get"),
    "desk:pdf": desk_row("get"),
    "desk:pdf_progress": desk_row("get"),
    "desk:proof": desk_row("get"),
    # The evaluators' grid of the COS request: its source gives none, the page says so.
    "desk:grid": desk_row("get"),
    "desk:grid_pdf": desk_row("get"),
    "desk:grid_pdf_progress": desk_row("get"),
    "desk:grid_part": grid_part_row(),
    "desk:ecertif": ecertif_row(),
    "desk_candidate:letter": letter_row(),
    # The livret 2: A's is not finalised, so A's and (004) A's accompagnateur's deposits are
    # refused, back to the livret with the reason; anyone else gets 404.
    "desk_candidate:livret_deposit": row("post", 302, 302),
    # The livret deposited at A's CQP's certifier, read by its staff (evaluator assigned).
    "desk:livret": desk_row("get", ids=LIVRET_AT_DESK),
    "desk:livret_pdf": desk_row("get", ids=LIVRET_AT_DESK),
    "desk:livret_pdf_progress": desk_row("get", ids=LIVRET_AT_DESK),
    "desk:livret_document": desk_row("get", ids=LIVRET_AT_DESK),
    # A COS jury session: the secretariat and the jury read it, an evaluator does not.
    "desk:session": desk_row("get", evaluator=404, ids={"spk": "spk"}),
    # The filled national form: A adds or replaces it (no file: refused, back to the page
    # with the error summary) and reads it, as A's accompagnateur does; the staff read the
    # one deposited at their desk.
    "desk_candidate:national_form": row("get", 200, 200),
    "desk_candidate:national_form_upload": row("post", 302, 404),
    "desk:national_form": desk_row("get"),
    # 004: the commission's gap analysis, POST only; on a request not decided yet the
    # secretariat is refused (400, the page with the error summary), the evaluator and the
    # jury member 403.
    "desk:gaps": desk_row(
        "post", secretariat=400, evaluator=403, jury=403, data={"gap-A1": "Un écart."}
    ),
    "certifier_api:candidature": api_row("get"),
    "certifier_api:recevabilite": api_row("post"),
    "certifier_api:jury": api_row("post"),
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
    from livrets.desk.views import grid as desk_grid
    from livrets.desk.views import livret as desk_livret
    from livrets.desk.views import staff as desk_staff
    from livrets.jury import views as jury_views
    from livrets.livret2.pdf import views as pdf_views
    from livrets.recevabilite.views import after

    monkeypatch.setattr(pdf_views, "export_response", lambda *a, **k: HttpResponse(b"%PDF"))
    monkeypatch.setattr(after, "export_response", lambda *a, **k: HttpResponse(b"%PDF"))
    monkeypatch.setattr(jury_views, "export_response", lambda *a, **k: HttpResponse(b"%PDF"))
    monkeypatch.setattr(desk_staff, "export_response", lambda *a, **k: HttpResponse(b"%PDF"))
    monkeypatch.setattr(desk_livret, "export_response", lambda *a, **k: HttpResponse(b"%PDF"))
    monkeypatch.setattr(desk_grid, "export_response", lambda *a, **k: HttpResponse(b"%PDF"))
    monkeypatch.setattr(desk_grid, "ecertif_pdf", lambda *a, **k: b"%PDF")


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
    expected = {"editor": spec["expect"]["b"], **spec["expect"]}
    assert got == expected, f"{name} ({url})"


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
        "editor": 404,
        "coach": 404,
        "a": 404,
        "other_staff": 200,
        "evaluator": 200,
        "jury": 200,
        "secretariat": 200,
    }
    # Each sees the request deposited at their own certifier only.
    assert "deposante@example.fr" in as_user(people["secretariat"]).get(url).text
    assert "deposante@example.fr" not in as_user(people["other_staff"]).get(url).text


def test_the_jury_sessions_open_to_the_secretariat_and_the_jury_only(people, as_user):
    _objects(people)
    url = reverse("desk:sessions")
    got = {actor: as_user(people.get(actor)).get(url).status_code for actor in ACTORS}
    assert got == {
        "anon": 302,
        "b": 404,
        "other_coach": 404,
        "editor": 404,
        "coach": 404,
        "a": 404,
        "other_staff": 200,
        "evaluator": 404,
        "jury": 200,
        "secretariat": 200,
    }
    # Each reads their own certifier's sessions only.
    assert "Ucanss, Paris" in as_user(people["jury"]).get(url).text
    assert "Ucanss, Paris" not in as_user(people["other_staff"]).get(url).text
