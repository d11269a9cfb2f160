"""The PDF kept in the cache: served again only for the same content, to those allowed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from livrets.livret2 import parts, services
from livrets.livret2.models import Livret
from livrets.livret2.pdf.tasks import prepare_livret_pdf
from livrets.review import services as review_services
from tests.support.data import complete_cos, make_candidate
from tests.support.pdf import flat, pages_text
from tests.support.uploads import PDF

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_pdf_caches")]


def _pdf(client, livret) -> bytes:
    response = client.get(reverse("livrets:pdf", args=[livret.pk]))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    return response.content


def _save(livret, text: str, base: int) -> None:
    services.save_answer(
        livret=livret, section="motivation", key="raisons", text=text, base_version=base
    )


def test_an_unchanged_livret_is_served_from_the_cache(client_of, livret, candidate, renders):
    client = client_of(candidate)
    first = _pdf(client, livret)
    assert _pdf(client, livret) == first
    assert _pdf(client, livret) == first
    assert len(renders) == 1


@pytest.mark.parametrize(
    "change",
    [
        *("answer", "autosave", "situation", "deleted situation"),
        *("document", "deleted document", "finalised"),
    ],
)
def test_any_change_drops_the_kept_pdf(client_of, livret, candidate, renders, change):
    from django.core.files.uploadedfile import SimpleUploadedFile

    complete_cos(livret)
    situation = livret.situations.filter(section_code="activite-1").last()
    document = None
    if change == "situation":  # room for one more (each part has its number of situations)
        parts.delete_situation(situation=situation)
    if change == "deleted document":
        document = parts.add_document(
            livret=livret, upload=SimpleUploadedFile("a.pdf", PDF), section="motivation"
        )
    client = client_of(candidate)
    before = _pdf(client, livret)
    livret = Livret.objects.get(pk=livret.pk)
    if change == "answer":
        _save(livret, "Une autre raison.", 1)
    elif change == "autosave":  # the editor's save, through its written-out statements
        response = client.post(
            reverse("livrets:autosave", args=[livret.pk]),
            {"part": "section:motivation", "field": "raisons", "text": "Autre.", "base_version": 1},
        )
        assert response.status_code == 200
    elif change == "situation":
        parts.add_situation(livret=livret, section="activite-1")
    elif change == "deleted situation":
        parts.delete_situation(situation=situation)
    elif change == "document":
        upload = SimpleUploadedFile("piece.pdf", PDF)
        parts.add_document(livret=livret, upload=upload, section="motivation")
    elif change == "deleted document":
        parts.delete_document(document=document)
    else:
        services.finalise(livret=livret, sworn_name="Alice Martin", sworn_on=date(2026, 3, 2))
    after = _pdf(client, livret)
    assert after != before
    assert len(renders) == 2
    assert _pdf(client, livret) == after and len(renders) == 2


@pytest.mark.pdf
def test_a_render_of_older_content_is_never_served_for_newer(client_of, livret, candidate):
    """A render that ends after a change keeps its PDF under the older revision only."""
    from livrets.livret2.pdf.export import livret_export
    from portal.pdf import jobs, store

    client = client_of(candidate)
    old = livret_export(Livret.objects.get(pk=livret.pk))
    _save(livret, "Nouvelle raison.", 0)
    # The older render finishes now, after the change.
    store.put(old.slot, old.revision, b"%PDF-old", 1.0)
    assert jobs.progress(old.slot, old.revision).state == "ready"
    response = client.get(reverse("livrets:pdf", args=[livret.pk]))
    assert response.content != b"%PDF-old"
    assert "Nouvelle raison." in flat(" ".join(pages_text(response.content)))


def test_a_revoked_accompagnateur_gets_nothing_from_the_cache(client_of, livret, renders):
    coach = make_candidate("coach@example.fr")
    invitation = review_services.invite(livret=livret, email=coach.email).invitation
    review_services.accept(invitation=invitation, user=coach)
    url = reverse("livrets:pdf", args=[livret.pk])
    client = client_of(coach)
    kept = client.get(url)
    assert kept.status_code == 200 and kept.content.startswith(b"%PDF")
    progress = client.get(reverse("livrets:pdf_progress", args=[livret.pk]))
    assert f'href="{reverse("review:livret", args=[livret.pk])}">Retour</a>' in progress.text

    review_services.revoke(invitation=invitation)
    for target in (url, reverse("livrets:pdf_progress", args=[livret.pk])):
        refused = client.get(target)
        assert refused.status_code == 404
        assert kept.content not in refused.content
    assert len(renders) == 1


def test_another_candidate_gets_nothing_from_the_cache(client_of, livret, other_candidate, renders):
    owner = client_of(livret.owner)
    assert _pdf(owner, livret).startswith(b"%PDF")
    stranger = client_of(other_candidate)
    assert stranger.get(reverse("livrets:pdf", args=[livret.pk])).status_code == 404
    assert stranger.get(reverse("livrets:pdf_progress", args=[livret.pk])).status_code == 404


@pytest.mark.pdf
def test_a_finalised_livrets_pdf_is_the_finalised_text(client_of, livret, candidate):
    complete_cos(livret)
    client = client_of(candidate)
    draft = flat(" ".join(pages_text(_pdf(client, livret))))
    assert "Brouillon" in draft and "Je soussigné(e) Alice Martin" not in draft

    services.finalise(
        livret=livret, sworn_name="Alice Martin", sworn_on=date(2026, 3, 2), sworn_place="Bron"
    )
    finalised_pdf = _pdf(client, livret)
    final = flat(" ".join(pages_text(finalised_pdf)))
    assert "Brouillon" not in final
    assert "Je soussigné(e) Alice Martin déclare conformes et sincères" in final
    assert "Parce que." in final

    # The next version's edits leave the finalised livret's PDF as it was.
    reopened = services.reopen(livret=Livret.objects.get(pk=livret.pk))
    services.save_answer(
        livret=reopened, section="motivation", key="raisons", text="Autre chose.", base_version=1
    )
    assert _pdf(client, livret) == finalised_pdf
    assert "Autre chose." in flat(" ".join(pages_text(_pdf(client, reopened))))


def test_the_background_preparation_waits_for_a_quiet_livret_then_makes_a_hit(
    client_of, livret, candidate, renders, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    settings.PDF_PREPARE_AFTER_SECONDS = 60
    backend = prepare_livret_pdf.get_backend()
    backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _save(livret, "Première raison.", 0)
    with django_capture_on_commit_callbacks(execute=True):
        _save(livret, "Deuxième raison.", 1)
    # Several saves in a quiet period: one preparation queued, a minute after the first.
    queued = [r for r in backend.results if r.task.name == "prepare_livret_pdf"]
    assert len(queued) == 1
    assert queued[0].task.run_after > timezone.now() + timedelta(seconds=50)

    # Still being edited when it runs: it plans itself again, renders nothing.
    assert prepare_livret_pdf.call(livret_id=livret.pk) == "later"
    assert renders == []
    # Quiet for a minute: it renders, and the candidate's export is a hit.
    Livret.objects.filter(pk=livret.pk).update(updated_at=timezone.now() - timedelta(minutes=2))
    assert prepare_livret_pdf.call(livret_id=livret.pk) == "prepared"
    assert len(renders) == 1
    assert _pdf(client_of(candidate), livret).startswith(b"%PDF-stub")
    assert len(renders) == 1
    assert prepare_livret_pdf.call(livret_id=livret.pk) == "kept"
