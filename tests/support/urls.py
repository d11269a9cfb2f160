"""The one registry of the site's URLs that take an argument, for every test that walks them.

``REGISTRY`` says, for each URL name, who uses it and which object fills its arguments;
``make_objects`` creates one of each object of a candidate's livret. The quality gates
(``tests/production/site_map.py``), the access matrix (``tests/livrets/review``) and the
ownership test (``tests/livrets/livret2/test_access_and_data.py``) all read it: a URL added later
without an entry here fails them and says so.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver

from tests.support.uploads import PDF

# Keyword arguments of the URLs that are not object ids, with a valid value for each.
NON_ID_KWARGS = {"code": "activite-1", "unit": "A1"}
# The query of the URLs that name one field (history): a situation's title.
FIELD = {"part": "situation:{sid}", "field": "titre"}


def walk(patterns=None, namespace=None):
    """(name, pattern) of every named URL of the configuration, namespaces included."""
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            ns = ":".join(x for x in (namespace, p.namespace) if x) or None
            yield from walk(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield (f"{namespace}:{p.name}" if namespace else p.name), p


def arguments(pattern: URLPattern) -> set[str]:
    regex = getattr(pattern.pattern, "regex", None)
    return set(getattr(pattern.pattern, "converters", {})) | set(regex.groupindex if regex else {})


def _one(**kwargs) -> Callable[[dict], list[tuple[dict, dict]]]:
    """Registry entry: the URL's arguments (format strings over the objects) and its query."""
    query = kwargs.pop("query", {})
    return lambda ids: [
        (
            {k: v.format(**ids) for k, v in kwargs.items()},
            {k: v.format(**ids) for k, v in query.items()},
        )
    ]


def _wizard_steps(ids) -> list[tuple[dict, dict]]:
    from selfcheck.views import STEPS

    return [({"step": name}, {}) for name, _ in STEPS]


def _sections(ids) -> list[tuple[dict, dict]]:
    """A section of situations and the motivation section (its documents, its headings)."""
    return [({"pk": str(ids["pk"]), "code": code}, {}) for code in ("activite-1", "motivation")]


LIVRET = _one(pk="{pk}")
SECTION = _one(pk="{pk}", code=NON_ID_KWARGS["code"])
REQUEST = _one(rpk="{rpk}")


def _requests(ids) -> list[tuple[dict, dict]]:
    """The request on the livret's CQP; where the walk made them, those on the other CQPs."""
    return [({"rpk": ids[k]}, {}) for k in ("rpk", "rpk_af", "rpk_ias") if k in ids]


def _progress(ids) -> list[tuple[dict, dict]]:
    """The livret's PDF progress page; where the walk made one, a PDF being prepared."""
    return [({"pk": ids[k]}, {}) for k in ("pk", "pk_running") if k in ids]


def _deposited(ids) -> list[tuple[dict, dict]]:
    """The request deposited at the desk, where the walk made one (a COS secretariat)."""
    return [({"rpk": ids["rpk_desk"]}, {})] if "rpk_desk" in ids else []


def _at_desk(ids) -> list[tuple[dict, dict]]:
    """The request waiting for a decision, and the request decided with a letter."""
    return [({"rpk": ids[k]}, {}) for k in ("rpk_desk", "rpk_letter") if k in ids]


def _jury_at_desk(ids) -> list[tuple[dict, dict]]:
    """The pending request (no jury decision possible), the recevable one with a livret 2 (the
    form), the one whose jury decision the certifier recorded."""
    return [({"rpk": ids[k]}, {}) for k in ("rpk_desk", "rpk_letter", "rpk_jury") if k in ids]


def _deposited_proof(ids) -> list[tuple[dict, dict]]:
    return [({"rpk": ids["rpk_desk"], "fid": ids["fid_desk"]}, {})] if "rpk_desk" in ids else []


def _livret_at_desk(ids) -> list[tuple[dict, dict]]:
    """The request decided recevable whose livret 2 is deposited at the desk."""
    return [({"rpk": ids["rpk_letter"]}, {})] if "did_desk" in ids else []


def _livret_document_at_desk(ids) -> list[tuple[dict, dict]]:
    return [({"rpk": ids["rpk_letter"], "did": ids["did_desk"]}, {})] if "did_desk" in ids else []


def _session(ids) -> list[tuple[dict, dict]]:
    """The COS jury session where the walk made one (the recevable candidature seated)."""
    return [({"spk": ids["spk"]}, {})] if "spk" in ids else []


def _grids(ids) -> list[tuple[dict, dict]]:
    """The evaluators' grid: of the COS request (no grid in its source: a sentence says so)
    and, where the walk made them, of a 002 and a 000 request (the secretariat's account
    named their evaluator)."""
    return [({"rpk": ids[k]}, {}) for k in ("rpk_desk", "rpk_grid", "rpk_grid_ias") if k in ids]


def _grid_parts(ids) -> list[tuple[dict, dict]]:
    """A compétence of the 002 grid (a POST-only URL)."""
    return [({"rpk": ids["rpk_grid"], "part": "C1"}, {})] if "rpk_grid" in ids else []


def _ecertif(ids) -> list[tuple[dict, dict]]:
    """The 000 « e-certif » file (a PDF)."""
    return [({"rpk": ids["rpk_grid_ias"]}, {})] if "rpk_grid_ias" in ids else []


def _api_candidature(ids) -> list[tuple[dict, dict]]:
    """The deposited request's candidature, as the certifiers' API names it (a bearer token,
    not a session, opens it: every visitor of the site map gets the API's JSON 401)."""
    return [({"public_id": ids["public_id_desk"]}, {})] if "public_id_desk" in ids else []


def _decision_letter(ids) -> list[tuple[dict, dict]]:
    """The letter of a request decided at the desk (read there by the COS secretariat)."""
    return (
        [({"rpk": ids["rpk_letter"], "lid": ids["lid_letter"]}, {})] if "lid_letter" in ids else []
    )


# URL name: (who uses it: "anon", "owner", "coach", "invitee" or "secretariat" (the COS
# certifier's staff); what fills its arguments).
REGISTRY: dict[str, tuple[str, Callable]] = {
    "selfcheck:step": ("anon", _wizard_steps),
    "selfcheck_api:cqp": ("anon", _one(slug="conseiller-offres-services")),
    "livrets:detail": ("owner", LIVRET),
    "livrets:section": ("owner", _sections),
    "livrets:add_situation": ("owner", SECTION),
    "livrets:autosave": ("owner", LIVRET),
    "livrets:history": ("owner", _one(pk="{pk}", query=FIELD)),
    "livrets:delete_situation": ("owner", _one(pk="{pk}", sid="{sid}")),
    "livrets:situation_history": ("owner", _one(pk="{pk}", sid="{sid}")),
    "livrets:restore": ("owner", _one(pk="{pk}", rid="{rid}")),
    "livrets:upload": ("owner", LIVRET),
    "livrets:download": ("owner", _one(pk="{pk}", did="{did}")),
    "livrets:delete_document": ("owner", _one(pk="{pk}", did="{did}")),
    "livrets:finalise": ("owner", LIVRET),
    "livrets:reopen": ("owner", LIVRET),
    "livrets:journey": ("owner", LIVRET),
    "livrets:pdf": ("owner", LIVRET),
    "livrets:pdf_progress": ("owner", _progress),
    "review:accept": ("invitee", _one(token="{token}")),
    "review:livret": ("coach", LIVRET),
    "review:section": ("coach", _sections),
    "review:section_status": ("coach", SECTION),
    "review:history": ("coach", _one(pk="{pk}", query=FIELD)),
    "review:document": ("coach", _one(pk="{pk}", did="{did}")),
    "review:access": ("owner", LIVRET),
    "review:revoke": ("owner", _one(pk="{pk}", iid="{iid}")),
    "review:comment_add": ("coach", LIVRET),
    "review:comment_reply": ("coach", _one(pk="{pk}", cid="{cid}")),
    "review:comment_toggle": ("coach", _one(pk="{pk}", cid="{cid}")),
    **{
        f"recevabilite:{name}": ("owner", _requests)
        for name in ("detail", "identity", "education", "declaration", "pdf_progress", "answer")
    },
    **{
        f"recevabilite:{name}": ("owner", REQUEST)
        for name in ("add_period", "reopen", "pdf", "gaps", "start_livret", "upload")
    },
    "recevabilite:period": ("owner", _one(rpk="{rpk}", pid="{pid}")),
    "recevabilite:delete_period": ("owner", _one(rpk="{rpk}", pid="{pid}")),
    "recevabilite:download": ("owner", _one(rpk="{rpk}", fid="{fid}")),
    "recevabilite:delete_proof": ("owner", _one(rpk="{rpk}", fid="{fid}")),
    "recevabilite:reading": ("coach", REQUEST),
    # The certifier's desk: the candidate deposits; the secretariat reads and decides.
    "desk_candidate:deposit": ("owner", REQUEST),
    "desk:request": ("secretariat", _at_desk),
    "desk:assign": ("secretariat", _deposited),
    "desk:jury_decision": ("secretariat", _jury_at_desk),
    "desk:pdf": ("secretariat", _deposited),
    "desk:pdf_progress": ("secretariat", _deposited),
    "desk:proof": ("secretariat", _deposited_proof),
    # The evaluators' grid, its PDF and 000's « e-certif » file.
    "desk:grid": ("secretariat", _grids),
    "desk:grid_part": ("secretariat", _grid_parts),
    "desk:grid_pdf": ("secretariat", _grids),
    "desk:grid_pdf_progress": ("secretariat", _grids),
    "desk:ecertif": ("secretariat", _ecertif),
    "desk:national_form": ("secretariat", _deposited),
    "desk:gaps": ("secretariat", _deposited),
    # The filled national form beside the preparation file (000, 004): the candidate adds or
    # replaces it (POST), reads it as their accompagnateur does.
    "desk_candidate:national_form": ("owner", REQUEST),
    "desk_candidate:national_form_upload": ("owner", REQUEST),
    # The certifier's decision letter: one address for the candidate, their accompagnateur
    # and the CQP's staff.
    "desk_candidate:letter": ("secretariat", _decision_letter),
    # The livret 2 deposited (by its candidate, or for 004 their accompagnateur) and read at
    # the desk; the jury sessions.
    "desk_candidate:livret_deposit": ("owner", LIVRET),
    "desk:livret": ("secretariat", _livret_at_desk),
    "desk:livret_pdf": ("secretariat", _livret_at_desk),
    "desk:livret_pdf_progress": ("secretariat", _livret_at_desk),
    "desk:livret_document": ("secretariat", _livret_document_at_desk),
    "desk:session": ("secretariat", _session),
    # The certifiers' API: a token per certifier's system (tests/portal/api/test_certifier_api.py).
    "certifier_api:candidature": ("anon", _api_candidature),
    "certifier_api:recevabilite": ("anon", _api_candidature),
    "certifier_api:jury": ("anon", _api_candidature),
    # The jury preparation; where the walk also made a 002 livret (``pk_af``), its pages too.
    "jury:grid": ("owner", lambda ids: _livrets(ids)),
    "jury:rate": ("owner", _one(pk="{pk}", unit=NON_ID_KWARGS["unit"])),
    "jury:history": ("owner", lambda ids: _livrets(ids)),
    "jury:interview": ("owner", lambda ids: _livrets(ids)),
    "jury:pdf": ("owner", LIVRET),
    "jury:pdf_progress": ("owner", LIVRET),
    "jury:decision": ("owner", lambda ids: _livrets(ids)),
    "jury:follow_up": ("owner", _one(pk="{pk}", jdid="{jdid}")),
}


def _livrets(ids) -> list[tuple[dict, dict]]:
    return [({"pk": ids[k]}, {}) for k in ("pk", "pk_af") if k in ids]


def make_objects(livret, *, coach=None, invite: str = "") -> dict:
    """One of each id-bearing object of ``livret``: a filled situation, a document, a
    revision; with ``coach``, their comment; with ``invite`` (an email), a pending invitation."""
    from livrets.livret2 import parts
    from livrets.livret2.models import Revision
    from tests.support.data import fill_situation

    situation = fill_situation(livret, NON_ID_KWARGS["code"])
    document = parts.add_document(
        livret=livret, upload=SimpleUploadedFile("preuve.pdf", PDF), situation=situation
    )
    ids = {
        "pk": livret.pk,
        "sid": situation.pk,
        "did": document.pk,
        "rid": Revision.objects.filter(answer__situation=situation).first().pk,
    }
    ids.update(_recevabilite(livret))
    ids.update(_desk())
    if coach is not None:
        from livrets.review.models import Comment

        comment = Comment.objects.create(
            livret=livret,
            author=coach,
            section_code=NON_ID_KWARGS["code"],
            situation=situation,
            field_key="titre",
            body="Un titre plus précis ?",
        )
        ids["cid"] = comment.pk
    from livrets.jury import services as jury

    ids["jdid"] = jury.record_decision(
        owner=livret.owner,
        livret=livret,
        decided_on=livret.created_at.date(),
        outcome="partielle",
        validated_units=[NON_ID_KWARGS["unit"]],
    ).pk
    if invite:
        from livrets.review import services as review

        pending = review.invite(livret=livret, email=invite)
        ids.update({"iid": pending.invitation.pk, "token": pending.token})
    return ids


def _recevabilite(livret) -> dict:
    """The candidate's recevabilité request on the livret's CQP, a period and its proof."""
    from livrets.recevabilite import services as recevabilite

    request, _ = recevabilite.start_request(
        owner=livret.owner,
        version=livret.referential_version,
        experiences=[{"kind": "salarie", "title": "Conseillère", "start": "2022-01-01"}],
    )
    period = request.periods.get()
    proof = recevabilite.add_proof(
        request=request, upload=SimpleUploadedFile("preuve.pdf", PDF), period=period
    )
    from tests.support.desk import with_national_form

    with_national_form(request)  # 000, 004: the filled national form, beside the request
    return {"rpk": request.pk, "pid": period.pk, "fid": proof.pk}


def _desk() -> dict:
    """Where the COS certifier has a secretariat on the portal: another candidate's request
    deposited there, and its proof; a third candidate's request decided with a letter (and
    their livret 2: the jury's decision can be recorded); a fourth's whose jury decision the
    certifier recorded, with a letter."""
    from django.contrib.auth import get_user_model

    from livrets.desk.models import DecisionLetter, StaffMembership
    from tests.support.desk import (
        DEPOSITOR,
        JURY_DECIDED,
        LETTER_DEPOSITOR,
        assign_evaluators,
        decided_with_letter,
        deposited,
        jury_decided,
    )

    if not StaffMembership.objects.filter(cqp__slug=COS, role="secretariat").exists():
        return {}
    users = get_user_model().objects
    existing = users.filter(email=DEPOSITOR).first()
    if existing is not None:
        request = existing.recevabiliterequests.get(cqp__slug=COS)
        letter = DecisionLetter.objects.get(
            event__candidature__owner__email=LETTER_DEPOSITOR, event__action="recevable"
        )
        jury = users.get(email=JURY_DECIDED).recevabiliterequests.get(cqp__slug=COS)
    else:
        from tests.support.data import make_candidate

        request = deposited(make_candidate(DEPOSITOR), COS)
        letter = decided_with_letter(make_candidate(LETTER_DEPOSITOR), COS)
        jury = jury_decided(make_candidate(JURY_DECIDED))
        # The COS evaluators read them: named for each by the secretariat.
        assign_evaluators(request)
        assign_evaluators(letter.event.candidature.request)
        assign_evaluators(jury)
    return {
        "rpk_desk": request.pk,
        "fid_desk": request.proofs.first().pk,
        "rpk_letter": letter.event.candidature.request.pk,
        "lid_letter": letter.pk,
        "rpk_jury": jury.pk,
        **_livret_and_session(letter.event.candidature),
        "public_id_desk": str(request.candidature.public_id),
    }


def _livret_and_session(candidature) -> dict:
    """The recevable candidature's livret 2 (with a document) deposited at the desk, and a
    COS jury session where it is seated."""
    from datetime import timedelta

    from django.utils import timezone

    from livrets.desk import services as desk
    from livrets.desk.models import JurySession, StaffMembership
    from livrets.livret2.models import Document
    from tests.support.desk import finalised_livret

    session = JurySession.objects.filter(cqp=candidature.cqp).first()
    if session is not None:
        document = Document.objects.filter(livret__candidature=candidature).first()
        return {"spk": session.pk, "did_desk": document.pk, "pk_desk": document.livret_id}
    today = timezone.localdate()
    livret = finalised_livret(candidature.owner)
    document = Document(livret=livret, name="preuve.pdf", kind="pdf", size=len(PDF))
    document.file.save("preuve.pdf", SimpleUploadedFile("preuve.pdf", PDF), save=False)
    document.save()
    desk.deposit_livret(livret=livret, by=candidature.owner, today=today, link="http://x/")
    secretariat = StaffMembership.objects.filter(cqp=candidature.cqp, role="secretariat").first()
    session = desk.create_session(
        cqp=candidature.cqp,
        held_on=today + timedelta(days=60),
        place="Ucanss, Paris",
        by=secretariat.user,
        today=today,
    )
    desk.seat(session=session, candidature=candidature, by=secretariat.user, today=today, link="x")
    return {"spk": session.pk, "did_desk": document.pk, "pk_desk": livret.pk}


COS = "conseiller-offres-services"
