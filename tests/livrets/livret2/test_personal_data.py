"""The livrets 2 in « Mes données »: every stored value and file exported, nothing left once
the account is deleted (rows, files, cached PDF)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from livrets.livret2 import parts, services
from livrets.livret2.models import Answer, Document, Livret, Revision, Situation
from livrets.livret2.pdf.export import slot_of
from portal.accounts.services import delete_account
from portal.pdf import store
from tests.support.data import complete_cos, make_candidate, version_of
from tests.support.personal_data import (
    assert_erased,
    assert_exported,
    assert_files_gone,
    exported,
)
from tests.support.recevabilite import PDF
from tests.support.uploads import stored_bytes

pytestmark = pytest.mark.django_db

MODELS = [Livret, Situation, Answer, Revision, Document]


def test_every_livret_text_revision_and_file_is_exported_then_erased(
    referentials, django_capture_on_commit_callbacks
):
    candidate = make_candidate("alice@example.fr")
    other = make_candidate("bruno@example.fr")
    livret = services.start_livret(
        owner=candidate, version=version_of("conseiller-offres-services")
    )
    complete_cos(livret)
    services.save_answer(
        livret=livret,
        section="contexte",
        key="description",
        text="Une CAF, révisée.",
        base_version=1,
    )
    parts.add_document(
        livret=livret, upload=SimpleUploadedFile("cv.pdf", PDF), section="motivation"
    )
    services.finalise(
        livret=livret, sworn_name="Alice Martin", sworn_on=date.today(), sworn_place="Lyon"
    )
    second = services.reopen(livret=livret)
    theirs = services.start_livret(owner=other, version=version_of("conseiller-offres-services"))

    data, archive = exported(candidate)
    assert [row["version_du_livret"] for row in data["livrets"]] == [1, 2]
    assert data["livrets"][0]["declaration"]["lieu"] == "Lyon"
    ours = Livret.objects.filter(owner=candidate)
    assert_exported(data, ours, internal=["public_id", "content_revision"])
    assert_exported(data, Situation.objects.filter(livret__in=ours))
    assert_exported(data, Answer.objects.filter(livret__in=ours))
    assert_exported(data, Revision.objects.filter(answer__livret__in=ours))
    assert_exported(data, Document.objects.filter(livret__in=ours))
    documents = [d for row in data["livrets"] for d in row["documents"]]
    assert len(documents) == 2
    assert sorted(archive.read(d["fichier"]) for d in documents) == stored_bytes(
        Document.objects.filter(livret__in=ours)
    )
    assert "Mes livrets 2" in archive.read("donnees.html").decode()

    kept = {
        model: set(model.objects.exclude(pk__in=[]).values_list("pk", flat=True))
        for model in MODELS
    }
    kept = {
        Livret: set(ours.values_list("pk", flat=True)),
        Situation: set(Situation.objects.filter(livret__in=ours).values_list("pk", flat=True)),
        Answer: set(Answer.objects.filter(livret__in=ours).values_list("pk", flat=True)),
        Revision: set(
            Revision.objects.filter(answer__livret__in=ours).values_list("pk", flat=True)
        ),
        Document: set(Document.objects.filter(livret__in=ours).values_list("pk", flat=True)),
    }
    files = [(d.file.storage, d.file.name) for d in Document.objects.filter(livret__in=ours)]
    store.put(slot_of(second.public_id), "r1", b"%PDF", 1.0)
    user_pk = candidate.pk
    with django_capture_on_commit_callbacks(execute=True):
        delete_account(user=candidate)
    assert_erased(user_pk, MODELS, kept)
    assert_files_gone(files)
    assert store.get(slot_of(second.public_id), "r1") is None
    assert list(Livret.objects.all()) == [theirs]


def test_deletion_leaves_no_key_of_the_persons_pdfs(
    referentials, django_capture_on_commit_callbacks
):
    """The livret's, the request's and the jury grid's PDFs, and what the cache kept of
    their renders, all go with the account (not 12 hours later)."""
    from livrets.recevabilite import services as recevabilite

    candidate = make_candidate("alice@example.fr")
    livret = services.start_livret(
        owner=candidate, version=version_of("conseiller-offres-services")
    )
    request, _ = recevabilite.start_request(
        owner=candidate, version=livret.referential_version, experiences=[]
    )
    slots = [
        slot_of(livret.public_id),
        f"recevabilite:{request.public_id}",
        f"jury-grid:{livret.public_id}",
    ]
    for slot in slots:
        store.put(slot, "r1", b"%PDF", 1.0)
    with django_capture_on_commit_callbacks(execute=True):
        delete_account(user=candidate)
    for slot in slots:
        assert store.get(slot, "r1") is None
        assert store.last_seconds(slot) is None
