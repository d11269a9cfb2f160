"""000 and 004: the filled national form is deposited beside the portal's preparation file.
Deposit refused without it (error summary linking to the file field), replaced before the
deposit and while « incomplète », read by the candidate, their accompagnateur and the staff
of the CQP."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from livrets.desk import services
from livrets.desk.models import DeskEvent
from livrets.recevabilite import services as recevabilite
from livrets.recevabilite.models import NationalForm
from tests.support.desk import finalised
from tests.support.recevabilite import AF, COS, complete, start
from tests.support.uploads import PDF

pytestmark = pytest.mark.django_db


def _pdf(name="formulaire.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _finalise(request):
    recevabilite.finalise(
        request=request, sworn_name="Alice Martin", sworn_place="Lyon", sworn_on=date(2026, 1, 5)
    )
    request.refresh_from_db()
    return request


def _finalised_without_form(owner, slug=COS):
    request = start(owner, slug)
    complete(request)
    return _finalise(request)


def test_the_deposit_panel_names_the_national_form_in_the_sources_words(desk, as_user):
    rq = _finalised_without_form(desk["alice"])
    page = as_user(desk["alice"]).get(reverse("recevabilite:answer", args=[rq.pk])).text
    assert "Le formulaire national rempli" in page
    # 004's own words for it, quoted from the source.
    assert "demande de recevabilité à la validation des acquis de l" in page
    assert 'name="national_form"' in page and 'enctype="multipart/form-data"' in page
    # 002 has its own form: no national form asked.
    af = finalised(desk["alice"], AF)
    page = as_user(desk["alice"]).get(reverse("recevabilite:answer", args=[af.pk])).text
    assert "Le formulaire national rempli" not in page


def test_a_deposit_without_the_national_form_is_refused_with_a_summary(desk, as_user):
    client = as_user(desk["alice"])
    rq = _finalised_without_form(desk["alice"])
    url = reverse("desk_candidate:deposit", args=[rq.pk])
    response = client.post(url)
    # Back to the page without a fragment (the summary takes the focus), which says why.
    assert response.status_code == 302
    assert response["Location"] == reverse("recevabilite:answer", args=[rq.pk])
    page = client.get(response["Location"]).text
    assert "Erreur :" in page
    assert 'href="#formulaire-national"' in page
    assert "Joignez le formulaire national rempli (en PDF)" in page
    assert 'aria-invalid="true"' in page
    rq.candidature.refresh_from_db()
    assert rq.candidature.deposited_on is None
    assert not DeskEvent.objects.exists()
    # Nothing lost: the request is still finalised, and the deposit with the form goes.
    rq.refresh_from_db()
    assert rq.is_finalised
    response = client.post(url, {"national_form": _pdf("cerfa rempli.pdf")}, follow=True)
    assert "Votre demande est déposée sur le portail" in response.text
    stored = NationalForm.objects.get(request=rq)
    assert stored.name == "cerfa_rempli.pdf" and stored.kind == "pdf"
    event = DeskEvent.objects.get(action="deposit")
    assert event.after["formulaire_national"] == "cerfa_rempli.pdf"
    assert reverse("desk_candidate:national_form", args=[rq.pk]) in response.text


def test_a_national_form_that_is_not_a_pdf_is_refused(desk, as_user):
    client = as_user(desk["alice"])
    rq = _finalised_without_form(desk["alice"])
    text = SimpleUploadedFile("formulaire.pdf", b"juste du texte", content_type="text/plain")
    response = client.post(
        reverse("desk_candidate:deposit", args=[rq.pk]), {"national_form": text}, follow=True
    )
    assert "n&#x27;est pas un fichier PDF" in response.text
    assert "formulaire national rempli est accepté en PDF uniquement" in response.text
    assert not NationalForm.objects.exists()
    rq.candidature.refresh_from_db()
    assert rq.candidature.deposited_on is None


def test_the_form_is_replaced_before_the_deposit_and_while_incomplete(desk, as_user):
    client = as_user(desk["alice"])
    rq = start(desk["alice"], COS)
    upload = reverse("desk_candidate:national_form_upload", args=[rq.pk])
    # No file: refused, the summary links to the field.
    refused = client.post(upload, follow=True)
    assert "Choisissez le formulaire national rempli (PDF)." in refused.text
    assert 'href="#formulaire-national"' in refused.text
    response = client.post(upload, {"national_form": _pdf("premier.pdf")}, follow=True)
    assert "« premier.pdf » est ajouté." in response.text
    client.post(upload, {"national_form": _pdf("second.pdf")})
    assert list(NationalForm.objects.values_list("name", flat=True)) == ["second.pdf"]
    complete(rq)
    _finalise(rq)
    # Deposited with the form stored: no new file needed.
    client.post(reverse("desk_candidate:deposit", args=[rq.pk]))
    rq.candidature.refresh_from_db()
    assert rq.candidature.desk_status == "a_examiner"
    # At the desk: no replacement.
    refused = client.post(upload, {"national_form": _pdf("troisieme.pdf")}, follow=True)
    assert "ne peut plus être remplacé" in refused.text
    assert NationalForm.objects.get(request=rq).name == "second.pdf"
    # Sent back incomplete: replaced again.
    today = timezone.localdate()
    services.decide(
        request=rq,
        by=desk["secretariat"],
        outcome="incomplete",
        motifs="Le formulaire n'est pas signé.",
        decided_on=today,
        today=today,
        link="http://x/",
    )
    response = client.post(upload, {"national_form": _pdf("signe.pdf")}, follow=True)
    assert "« signe.pdf » est ajouté." in response.text
    assert NationalForm.objects.get(request=rq).name == "signe.pdf"


def test_the_staff_of_the_cqp_read_the_form_on_the_request_page(desk, as_user):
    rq = finalised(desk["alice"], COS)  # with the form (tests.support.desk)
    as_user(desk["alice"]).post(reverse("desk_candidate:deposit", args=[rq.pk]))
    page = as_user(desk["secretariat"]).get(reverse("desk:request", args=[rq.pk])).text
    url = reverse("desk:national_form", args=[rq.pk])
    assert "Le formulaire national rempli" in page and url in page
    response = as_user(desk["secretariat"]).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    # Another certifier's staff, another candidate: 404; the owner reads it at their address.
    assert as_user(desk["other_staff"]).get(url).status_code == 404
    own = reverse("desk_candidate:national_form", args=[rq.pk])
    assert as_user(desk["alice"]).get(own).status_code == 200
    assert as_user(desk["bruno"]).get(own).status_code == 404


def test_the_rule_of_the_missing_national_form():
    """The rule itself: pure, no request."""
    from livrets.desk.rules import national_form_missing

    assert national_form_missing(national=True, stored=False, uploaded=False)
    assert not national_form_missing(national=True, stored=True, uploaded=False)
    assert not national_form_missing(national=True, stored=False, uploaded=True)
    assert not national_form_missing(national=False, stored=False, uploaded=False)
