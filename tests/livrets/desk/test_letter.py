"""The certifier's letter with a decision: a clean PDF only, kept (disarmed) on the private
storage, downloaded by the candidate, their accompagnateur and the CQP's staff (404 for anyone
else), announced in the decision email without being attached, in the candidate's export and
gone with their account."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from livrets.desk import services
from livrets.desk.models import DecisionLetter, DeskEvent
from livrets.livret2 import services as livret_services
from livrets.review import services as review
from portal.accounts.services import delete_account
from tests.support import hostile_files as hostile
from tests.support.data import make_candidate, version_of
from tests.support.desk import assign_evaluators, deposited
from tests.support.personal_data import assert_files_gone, exported
from tests.support.recevabilite import COS
from tests.support.uploads import stored_bytes

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
MOTIFS = "Le certificat de travail de 2022 manque."


def fmt(day) -> str:
    return day.strftime("%d/%m/%Y")


def request_url(rq) -> str:
    return reverse("desk:request", args=[rq.pk])


def letter_url(rq, letter) -> str:
    return reverse("desk_candidate:letter", args=[rq.pk, letter.pk])


def post_decision(client, rq, letter: bytes, name: str = "lettre.pdf", **data):
    fields = {
        "outcome": "incomplete",
        "motifs": MOTIFS,
        "decided_on": fmt(timezone.localdate()),
        **data,
        "letter": SimpleUploadedFile(name, letter, content_type="application/pdf"),
    }
    return client.post(request_url(rq), fields, follow=True)


def stored(letter: DecisionLetter) -> bytes:
    with letter.file.open("rb") as f:
        return f.read()


def downloaded(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def coach(desk):
    """Alice's accompagnateur on her COS livret: they read her request of the same CQP."""
    coach = make_candidate("coach@example.fr")
    livret = livret_services.start_livret(owner=desk["alice"], version=version_of(COS))
    review.accept(invitation=review.invite(livret=livret, email=coach.email).invitation, user=coach)
    return coach


def test_a_clean_pdf_letter_is_kept_and_read_by_those_who_read_the_request(desk, coach, as_user):
    rq = deposited(desk["alice"], COS)
    data = hostile.plain_pdf("Votre demande est incomplète")
    mail.outbox.clear()
    page = post_decision(as_user(desk["secretariat"]), rq, data, name="Lettre décision.pdf")
    assert page.status_code == 200
    assert "La lettre « Lettre_decision.pdf » y est jointe." in page.text
    letter = DecisionLetter.objects.get()
    assert letter.event == DeskEvent.objects.filter(candidature=rq.candidature).last()
    assert (letter.kind, letter.name, letter.size) == (
        "pdf",
        "Lettre_decision.pdf",
        len(stored(letter)),
    )
    assert stored(letter).startswith(b"%PDF-")
    # Never under a public URL: the private storage of the proofs.
    assert letter.file.storage is DecisionLetter._meta.get_field("file").storage
    assert not letter.file.name.startswith("/") and "media" not in letter.file.name
    url = letter_url(rq, letter)
    assert url in page.text  # the secretariat's page links to it
    # The candidate: told by email that a letter waits on the portal, not attached.
    (message,) = mail.outbox
    assert "joint une lettre" in message.body and "n'est pas jointe à ce courriel" in message.body
    assert message.attachments == []
    answer = as_user(desk["alice"]).get(reverse("recevabilite:answer", args=[rq.pk])).text
    assert f'<a href="{url}">Télécharger la lettre du certificateur</a>' in answer
    # Who downloads it: the candidate, the accompagnateur, the CQP's staff (its evaluator
    # once named for the candidature).
    assert as_user(desk["evaluator"]).get(url).status_code == 404
    assign_evaluators(rq)
    for who in ("alice", "secretariat", "evaluator"):
        response = as_user(desk[who]).get(url)
        assert response.status_code == 200, who
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment")
        assert response["Cache-Control"] == "private, no-store"
        assert downloaded(response) == stored(letter)
    assert as_user(coach).get(url).status_code == 200
    # Nobody else: another candidate, another certifier's staff, the anonymous visitor.
    assert as_user(desk["bruno"]).get(url).status_code == 404
    assert as_user(desk["other_staff"]).get(url).status_code == 404
    assert as_user(None).get(url).status_code == 302
    # A staff member without a second factor is asked to activate one.
    refused = as_user(desk["no_totp"]).get(url)
    assert refused.status_code == 403 and b"%PDF" not in refused.content
    # A download only: a POST is refused.
    assert as_user(desk["alice"]).post(url).status_code == 405


def test_a_letter_is_read_through_its_own_request_only(desk, as_user):
    rq = deposited(desk["alice"], COS)
    today = timezone.localdate()
    services.decide(
        request=rq,
        by=desk["secretariat"],
        outcome="recevable",
        motifs="",
        decided_on=today,
        today=today,
        link="",
        letter=SimpleUploadedFile("lettre.pdf", hostile.plain_pdf()),
    )
    letter = DecisionLetter.objects.get()
    bruno = deposited(desk["bruno"], COS)
    # Bruno's own request in the address, Alice's letter id: 404, for Bruno and for the staff.
    wrong = reverse("desk_candidate:letter", args=[bruno.pk, letter.pk])
    assert as_user(desk["bruno"]).get(wrong).status_code == 404
    assert as_user(desk["secretariat"]).get(wrong).status_code == 404
    assert as_user(desk["alice"]).get(letter_url(rq, letter)).status_code == 200


def _summary_links(html: str) -> list[str]:
    summary = html[html.index("data-error-summary") :]
    summary = summary[: summary.index("</div>")]
    return re.findall(r'href="#([^"]+)"', summary)


def test_a_letter_that_is_not_a_pdf_is_refused_in_french_and_the_motifs_stay(desk, as_user):
    rq = deposited(desk["alice"], COS)
    mail.outbox.clear()
    response = post_decision(as_user(desk["secretariat"]), rq, PNG, name="lettre.pdf")
    assert response.status_code == 400
    html = response.text
    assert "« lettre.pdf » n&#x27;est pas un fichier PDF" in html
    assert "d&#x27;après le contenu du fichier, pas d&#x27;après son nom" in html
    # The error summary, focused, links to the file field, which carries the message.
    assert re.search(r"<title>\s*Erreur :", html)
    assert _summary_links(html) == ["id_letter"]
    assert 'id="id_letter"' in html and 'aria-invalid="true"' in html
    # Nothing else lost: the motifs typed and the decision chosen are still in the form.
    assert f'id="id_motifs">\n{MOTIFS}</textarea>' in html
    assert re.search(r'value="incomplete"[^>]*checked', html)
    # Nothing recorded, nothing stored, nobody told.
    rq.candidature.refresh_from_db()
    assert rq.candidature.desk_status == "a_examiner"
    assert not DecisionLetter.objects.exists()
    assert list(DeskEvent.objects.values_list("action", flat=True)) == ["deposit"]
    assert mail.outbox == []


def test_a_refused_letter_is_said_with_the_decisions_other_errors(desk, as_user):
    rq = deposited(desk["alice"], COS)
    response = post_decision(as_user(desk["secretariat"]), rq, PNG, motifs="")
    assert response.status_code == 400
    assert (
        "Indiquez les motifs" in response.text and "n&#x27;est pas un fichier PDF" in response.text
    )
    assert set(_summary_links(response.text)) == {"id_motifs", "id_letter"}


def test_an_active_pdf_letter_is_kept_disarmed(desk, as_user):
    rq = deposited(desk["alice"], COS)
    data = hostile.embedded_exe_pdf()
    page = post_decision(as_user(desk["secretariat"]), rq, data, outcome="non_recevable")
    assert "Le portail en a retiré des fichiers joints" in page.text
    letter = DecisionLetter.objects.get()
    kept = stored(letter)
    assert hostile.active_parts(data) and hostile.active_parts(kept) == set()
    assert letter.size == len(kept)
    got = as_user(desk["alice"]).get(letter_url(rq, letter))
    assert downloaded(got) == kept


def test_a_letter_whose_content_cannot_be_checked_is_refused(desk, as_user):
    rq = deposited(desk["alice"], COS)
    response = post_decision(
        as_user(desk["secretariat"]), rq, hostile.inflating_content_pdf(), outcome="recevable"
    )
    assert response.status_code == 400
    assert "se décompressent en un volume" in response.text
    assert not DecisionLetter.objects.exists()


def test_each_decision_keeps_its_own_letter(desk, as_user):
    """Incomplete with a letter, deposited again, then recevable with another: both stay, the
    candidate's page offers the latest first."""
    from livrets.recevabilite import services as requests

    rq = deposited(desk["alice"], COS)
    secretariat = as_user(desk["secretariat"])
    post_decision(secretariat, rq, hostile.plain_pdf("Incomplète"), name="incomplete.pdf")
    rq.refresh_from_db()
    today = timezone.localdate()
    requests.finalise(request=rq, sworn_name="Alice Martin", sworn_place="Lyon", sworn_on=today)
    as_user(desk["alice"]).post(reverse("desk_candidate:deposit", args=[rq.pk]))
    post_decision(
        secretariat, rq, hostile.plain_pdf("Recevable"), name="recevable.pdf", outcome="recevable"
    )
    first, second = DecisionLetter.objects.order_by("pk")
    assert (first.event.action, second.event.action) == ("incomplete", "recevable")
    answer = as_user(desk["alice"]).get(reverse("recevabilite:answer", args=[rq.pk])).text
    latest = answer.index(f'<a href="{letter_url(rq, second)}">Télécharger la lettre')
    assert latest < answer.index(
        f'<a href="{letter_url(rq, first)}">Lettre de la réponse précédente'
    )
    history = secretariat.get(request_url(rq)).text
    assert "lettre jointe" in history and "incomplete.pdf" in history and "recevable.pdf" in history


def test_the_export_holds_the_letter_and_the_account_deletion_removes_it(
    desk, django_capture_on_commit_callbacks
):
    rq = deposited(desk["alice"], COS)
    today = timezone.localdate()
    services.decide(
        request=rq,
        by=desk["secretariat"],
        outcome="non_recevable",
        motifs="Expérience trop courte.",
        decided_on=today,
        today=today,
        link="",
        letter=SimpleUploadedFile("notification.pdf", hostile.plain_pdf("Non recevable")),
    )
    letter = DecisionLetter.objects.get()
    data, archive = exported(desk["alice"])
    decision = data["bureau_historique"][1]
    assert decision["lettre"]["nom"] == "notification.pdf"
    assert archive.read(decision["lettre"]["fichier"]) == stored_bytes([letter])[0]
    # The staff member's export says a letter went with their decision, without the file.
    staff_data, staff_archive = exported(desk["secretariat"])
    sent = staff_data["bureau_personnel"]["actions"][0]["lettre"]
    assert sent["nom"] == "notification.pdf" and sent["fichier"] is None
    assert not [n for n in staff_archive.namelist() if "bureau-lettres" in n]
    # The staff member's account goes: the candidate's letter stays.
    delete_account(user=desk["evaluator"])
    assert letter.file.storage.exists(letter.file.name)
    files = [(letter.file.storage, letter.file.name)]
    with django_capture_on_commit_callbacks(execute=True):
        delete_account(user=desk["alice"])
    assert not DecisionLetter.objects.exists()
    assert_files_gone(files)


def test_a_letter_over_10_mo_is_refused_before_anything_is_read(desk):
    from portal.uploads import MAX_FILE_BYTES

    rq = deposited(desk["alice"], COS)
    today = timezone.localdate()
    big = SimpleUploadedFile("lettre.pdf", b"%PDF-1.4\n" + b"0" * MAX_FILE_BYTES)
    with pytest.raises(services.DeskError) as refused:
        services.decide(
            request=rq,
            by=desk["secretariat"],
            outcome="recevable",
            motifs="",
            decided_on=today,
            today=today,
            link="",
            letter=big,
        )
    assert "la limite est de 10 Mo par fichier" in refused.value.errors["letter"]
    rq.candidature.refresh_from_db()
    assert rq.candidature.desk_status == "a_examiner" and not DecisionLetter.objects.exists()
