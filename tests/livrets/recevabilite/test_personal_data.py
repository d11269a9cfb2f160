"""The recevabilité in « Mes données », for the candidate and for the accompagnateur: profile,
request, periods, proofs and comments exported; once either account is deleted, nothing of
that person remains (rows, files, cached PDF)."""

from __future__ import annotations

from datetime import date

import pytest

from livrets.candidatures.deadlines import Facts
from livrets.recevabilite import services
from livrets.recevabilite.models import (
    CandidateProfile,
    Period,
    Proof,
    RecevabiliteRequest,
    RequestComment,
)
from portal.accounts.services import delete_account
from portal.pdf import store
from tests.support.data import make_candidate
from tests.support.personal_data import (
    assert_erased,
    assert_exported,
    assert_files_gone,
    exported,
)
from tests.support.recevabilite import AF, complete, start
from tests.support.uploads import stored_bytes

pytestmark = pytest.mark.django_db

MODELS = [CandidateProfile, RecevabiliteRequest, Period, Proof, RequestComment]


@pytest.fixture
def commented(referentials, candidate):
    """Alice's request, complete, finalised, sent and answered, commented by Camille."""
    coach = make_candidate("camille@example.fr")
    request = start(candidate, AF)
    complete(request)
    services.finalise(
        request=request, sworn_name="Alice Martin", sworn_place="Lyon", sworn_on=date(2026, 1, 2)
    )
    services.record_answer(
        request=request,
        facts=Facts(
            sent_on=date(2026, 1, 5),
            received_on=date(2026, 1, 9),
            decision="favourable",
            decision_on=date(2026, 2, 1),
        ),
        by=candidate,
        today=date(2026, 3, 1),
    )
    first = request.referential_version.referential.units[0].code
    services.record_gaps(request=request, units=[first], note="Compléter par un stage.")
    services.add_comment(
        request=request,
        author=coach,
        part="periode",
        body="Ajoutez vos bulletins de 2021.",
        opinion="a_revoir",
    )
    return {"candidate": candidate, "coach": coach, "request": request}


def test_the_candidate_export_holds_the_whole_request(commented):
    candidate = commented["candidate"]
    data, archive = exported(candidate)
    [request] = data["demandes_de_recevabilite"]
    assert request["suivi"]["decision"] == "favourable"
    assert [c["texte"] for c in request["commentaires"]] == ["Ajoutez vos bulletins de 2021."]
    assert_exported(data, CandidateProfile.objects.filter(user=candidate))
    assert_exported(
        data, RecevabiliteRequest.objects.filter(owner=candidate), internal=["public_id"]
    )
    assert_exported(data, Period.objects.filter(request__owner=candidate))
    assert_exported(data, Proof.objects.filter(request__owner=candidate))
    assert_exported(data, RequestComment.objects.filter(request__owner=candidate))
    names = [p["fichier"] for p in request["pieces"]]
    assert names
    assert sorted(archive.read(n) for n in names) == stored_bytes(
        Proof.objects.filter(request__owner=candidate)
    )


def test_the_accompagnateur_export_holds_their_comments(commented):
    coach = commented["coach"]
    data, _ = exported(coach)
    [written] = data["commentaires_de_recevabilite_ecrits"]
    assert written["texte"] == "Ajoutez vos bulletins de 2021."
    assert_exported(data, RequestComment.objects.filter(author=coach))
    assert data["demandes_de_recevabilite"] == [] and data["profil"] is None


def _pks(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


def test_deleting_the_accompagnateur_leaves_nothing_of_them(commented):
    coach = commented["coach"]
    kept = {RequestComment: _pks(RequestComment.objects.filter(author=coach))}
    pk = coach.pk
    delete_account(user=coach)
    assert_erased(pk, MODELS, kept)
    assert RecevabiliteRequest.objects.filter(pk=commented["request"].pk).exists()


def test_deleting_the_candidate_leaves_nothing_of_them(
    commented, django_capture_on_commit_callbacks
):
    candidate, request = commented["candidate"], commented["request"]
    kept = {
        CandidateProfile: _pks(CandidateProfile.objects.filter(user=candidate)),
        RecevabiliteRequest: _pks(RecevabiliteRequest.objects.filter(owner=candidate)),
        Period: _pks(Period.objects.filter(request__owner=candidate)),
        Proof: _pks(Proof.objects.filter(request__owner=candidate)),
        RequestComment: _pks(RequestComment.objects.filter(request__owner=candidate)),
    }
    files = [(p.file.storage, p.file.name) for p in Proof.objects.filter(request__owner=candidate)]
    slot = f"recevabilite:{request.public_id}"
    store.put(slot, "r1", b"%PDF", 1.0)
    pk = candidate.pk
    with django_capture_on_commit_callbacks(execute=True):
        delete_account(user=candidate)
    assert_erased(pk, MODELS, kept)
    assert_files_gone(files)
    assert store.get(slot, "r1") is None
