"""« Déposer mon livret 2 »: a finalised livret of a recevable request goes to the certifier;
the 004 accompagnateur may deposit it; it can no longer be reopened; the staff of the CQP
read it at the desk (PDF and documents)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from livrets.desk import services
from livrets.desk.models import DeskEvent, JurySession, Seat
from livrets.review import services as review
from portal.dates import add_months
from tests.support.desk import decided, deposited, deposited_livret, finalised_livret
from tests.support.recevabilite import COS

pytestmark = pytest.mark.django_db


def _post(client, livret, **data):
    data.setdefault("revision", str(livret.content_revision))
    return client.post(
        reverse("desk_candidate:livret_deposit", args=[livret.pk]), data, follow=True
    )


def test_the_candidate_deposits_a_finalised_livret_of_a_recevable_request(desk, as_user):
    alice = desk["alice"]
    decided(alice, COS)
    livret = finalised_livret(alice)
    client = as_user(alice)
    page = client.get(reverse("livrets:detail", args=[livret.pk])).text
    assert "Déposer mon livret 2" in page
    mail.outbox.clear()
    response = _post(client, livret)
    today = timezone.localdate()
    livret.refresh_from_db()
    assert (livret.deposited_on, livret.deposited_by) == (today, alice)
    assert "est déposé auprès du certificateur" in response.text
    assert "ne peut plus être rouvert ni modifié" in response.text
    assert "Déposer mon livret 2" not in response.text
    event = DeskEvent.objects.filter(candidature=livret.candidature).latest("pk")
    assert (event.action, event.actor, event.get_action_display()) == (
        "livret_deposit",
        alice,
        "Dépôt du livret 2",
    )
    assert event.before["deposited_on"] is None and event.after["deposited_on"] == str(today)
    (message,) = mail.outbox
    assert message.to == ["alice@example.fr"]
    assert "Votre livret 2" in message.body and f"{today:%d/%m/%Y}" in message.body
    # « Mes démarches » says it.
    demarches = client.get(reverse("candidatures:demarches")).text
    assert "Livret 2 (version 1) déposé auprès du certificateur" in demarches
    # Deposited: no reopening, in French; a second deposit is refused.
    refused = client.post(reverse("livrets:reopen", args=[livret.pk]), follow=True)
    assert "déposé auprès du certificateur depuis le" in refused.text
    assert not type(livret).objects.filter(previous=livret).exists()
    again = _post(client, livret)
    assert "déjà déposé" in again.text
    assert DeskEvent.objects.filter(action="livret_deposit").count() == 1


def test_refusals_not_finalised_not_recevable_stale_tab(desk, as_user):
    alice = desk["alice"]
    client = as_user(alice)
    # The request is only deposited (pending, silence not reached): not recevable.
    deposited(alice, COS)
    livret = finalised_livret(alice)
    assert (
        "Déposer mon livret 2" not in client.get(reverse("livrets:detail", args=[livret.pk])).text
    )
    response = _post(client, livret)
    assert "pas recevable à ce jour" in response.text
    # A stale tab (the livret changed since the page was read).
    response = _post(client, livret, revision="0")
    assert "plus à jour" in response.text
    livret.refresh_from_db()
    assert livret.deposited_on is None
    # Not finalised.
    from livrets.livret2 import services as livrets

    draft = livrets.reopen(livret=livret)
    response = _post(client, draft)
    assert "Finalisez votre livret" in response.text
    # The reopened (older) version is not deposited either.
    response = _post(client, livret)
    assert "a été rouvert" in response.text
    assert not DeskEvent.objects.filter(action="livret_deposit").exists()


def test_silence_acceptance_lets_the_livret_be_deposited(desk):
    alice = desk["alice"]
    today = timezone.localdate()
    deposited(alice, COS, on=add_months(today, -2) - timedelta(days=1))
    livret = finalised_livret(alice)
    services.deposit_livret(livret=livret, by=alice, today=today, link="http://x/")
    livret.refresh_from_db()
    assert livret.deposited_on == today


def test_the_004_accompagnateur_deposits_and_others_get_404(desk, as_user, referentials):
    alice, bruno = desk["alice"], desk["bruno"]
    decided(alice, COS)
    livret = finalised_livret(alice)
    from tests.support.data import make_candidate

    coach = make_candidate("coach@example.fr")
    invitation = review.invite(livret=livret, email=coach.email).invitation
    review.accept(invitation=invitation, user=coach)
    # Another candidate and a staff member: 404.
    for other in (bruno, desk["secretariat"]):
        url = reverse("desk_candidate:livret_deposit", args=[livret.pk])
        assert as_user(other).post(url, {"revision": "1"}).status_code == 404
    page = as_user(coach).get(reverse("review:livret", args=[livret.pk]))
    assert page.status_code == 200 and "Déposer le livret 2" in page.text
    response = _post(as_user(coach), livret)
    livret.refresh_from_db()
    assert livret.deposited_by == coach
    assert "votre accompagnateur VAE" in mail.outbox[-1].body
    assert "par votre accompagnateur" in as_user(alice).get(reverse("candidatures:demarches")).text
    assert response.status_code == 200


def test_004_a_deposit_later_than_a_month_before_the_session_is_refused(desk):
    alice = desk["alice"]
    today = timezone.localdate()
    request = decided(alice, COS)
    session = services.create_session(
        cqp=request.cqp,
        held_on=today + timedelta(days=20),
        place="Paris",
        by=desk["secretariat"],
        today=today,
    )
    services.seat(
        session=session,
        candidature=request.candidature,
        by=desk["secretariat"],
        today=today,
        link="http://x/",
    )
    livret = finalised_livret(alice)
    with pytest.raises(services.DeskError) as refused:
        services.deposit_livret(livret=livret, by=alice, today=today, link="http://x/")
    said = str(refused.value)
    last = add_months(session.held_on, -1)
    assert "« Votre dossier de validation doit être transmis au jury professionnel" in said
    assert f"{last:%d/%m/%Y}" in said
    # On the last day itself it goes through.
    services.deposit_livret(livret=livret, by=alice, today=last, link="http://x/")
    assert Seat.objects.filter(session=session).count() == 1
    assert JurySession.objects.count() == 1


def test_the_staff_read_the_deposited_livret_its_pdf_and_documents(desk, as_user, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.http import HttpResponse

    from livrets.desk.views import livret as desk_livret
    from livrets.livret2.models import Document
    from tests.support.uploads import PDF

    alice = desk["alice"]
    decided(alice, COS)
    livret = finalised_livret(alice)
    # A document of the livret (put on the finalised version directly) is read at the desk.
    doc = Document(livret=livret, name="preuve.pdf", kind="pdf", size=len(PDF))
    doc.file.save("preuve.pdf", SimpleUploadedFile("preuve.pdf", PDF), save=False)
    doc.save()
    services.deposit_livret(livret=livret, by=alice, today=timezone.localdate(), link="x")
    rpk = livret.candidature.request.pk
    secretariat = as_user(desk["secretariat"])
    request_page = secretariat.get(reverse("desk:request", args=[rpk])).text
    assert reverse("desk:livret", args=[rpk]) in request_page
    assert "Dépôt du livret 2" in request_page  # the history
    page = secretariat.get(reverse("desk:livret", args=[rpk]))
    assert page.status_code == 200
    assert "Télécharger le PDF du livret 2" in page.text and "preuve.pdf" in page.text
    got = secretariat.get(reverse("desk:livret_document", args=[rpk, doc.pk]))
    assert got.status_code == 200
    seen = {}
    monkeypatch.setattr(
        desk_livret,
        "export_response",
        lambda request, export: seen.setdefault("e", export) and HttpResponse(b"%PDF"),
    )
    assert secretariat.get(reverse("desk:livret_pdf", args=[rpk])).status_code == 200
    assert seen["e"].download_url == reverse("desk:livret_pdf", args=[rpk])
    assert seen["e"].filename.startswith("livret-2-conseiller-offres-services")
    # Another certifier's staff, a candidate, an evaluator not assigned: 404.
    for other in ("other_staff", "bruno", "evaluator"):
        assert as_user(desk[other]).get(reverse("desk:livret", args=[rpk])).status_code == 404


def test_no_livret_deposited_no_desk_livret_page(desk, as_user):
    request = decided(desk["alice"], COS)
    url = reverse("desk:livret", args=[request.pk])
    assert as_user(desk["secretariat"]).get(url).status_code == 404


def test_deposited_livret_helper(desk):
    livret = deposited_livret(desk["alice"])
    assert livret.deposited_on == timezone.localdate()
