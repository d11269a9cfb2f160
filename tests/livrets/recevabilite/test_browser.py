"""Chromium: from a self-check to a finalised request PDF for each CQP, the periods carried
over; the fourth request of a calendar year refused; the recevabilité dates feeding the
livret's timers; axe-core on every new page."""

from __future__ import annotations

import re
from datetime import date, timedelta
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from livrets.livret2.models import Livret
from livrets.recevabilite import services
from livrets.recevabilite.models import RecevabiliteRequest
from portal.dates import add_months
from tests.support.data import PASSWORD, make_candidate
from tests.support.recevabilite import AF, COS, IAS, PDF, complete, start

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "clara@example.fr"


@pytest.fixture
def account(site_pages):
    return make_candidate(EMAIL)


def self_check(page, live_server, slug: str, start_day: date) -> None:
    page.goto(f"{live_server.url}/verifier-mon-eligibilite/?cqp={slug}")
    page.get_by_role("button", name="Continuer").click()
    page.get_by_label("Je suis salarié(e)").check()
    page.get_by_role("button", name="Continuer").click()
    page.wait_for_url(re.compile(r"/etape/experiences/"))
    page.get_by_label("Emploi ou fonction").fill("Chargée de mission")
    page.get_by_label("Organisme ou employeur (facultatif)").fill("Caisse du Rhône")
    page.get_by_label("Début").fill(start_day.isoformat())
    page.get_by_label("En cours").check()
    page.get_by_label("Oui").check()
    page.get_by_role("button", name="Continuer").click()
    page.wait_for_url(re.compile(r"/etape/activities/"))
    page.locator("input[type=checkbox]").first.check()
    page.get_by_role("button", name="Continuer").click()
    page.get_by_role("button", name="Voir le résultat").click()
    page.wait_for_url(re.compile(r"/resultat/$"))


def login(page) -> None:
    page.locator("#id_login").fill(EMAIL)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")


def fill_identity(page) -> None:
    page.get_by_role("link", name=re.compile("Présentation du candidat|Identité")).first.click()
    page.locator("#id_civilite_1").check()
    page.locator("#id_nom").fill("Durand")
    page.locator("#id_prenom").fill("Clara")
    page.locator("#id_adresse").fill("3 place Bellecour\n69002 Lyon")
    page.locator("#id_telephone_portable").fill("0611223344")
    page.locator("#id_naissance_date").fill("1988-02-14")
    page.locator("#id_naissance_lieu").fill("Vienne")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Votre identité est enregistrée.")).to_be_visible()


def fill_education(page, slug: str, assert_accessible) -> None:
    page.get_by_role("link", name="Parcours et formation").first.click()
    if slug != AF:
        # The national form's first part (issue 23): the type of validation, blocks held.
        page.get_by_label("Validation partielle (une partie du CQP)").check()
        page.locator("input[name=blocks_held]").first.check()
        assert_accessible(page)
    if slug == AF:
        page.locator("#id_career_experience_totale").fill("12 ans")
        page.locator("#id_career_experience_metier").fill("4 ans")
        page.locator("#id_career_autres_activites_1").check()  # Non
    page.get_by_label("Terminale", exact=True).check()
    page.locator("input[name=diplomas][value=bac]").check()
    page.locator("#id_detail_bac").fill("Baccalauréat STMG")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Votre parcours et votre formation sont enregistrés.")).to_be_visible()


def fill_period(page, assert_accessible, tmp_path) -> None:
    page.get_by_role("link", name="Période 1 : Chargée de mission").click()
    assert page.locator("#id_employer").input_value() == "Caisse du Rhône"
    assert page.locator("#id_current").is_checked()
    assert_accessible(page)
    page.locator("#id_sector").fill("Protection sociale")
    page.locator("#id_weekly_hours").fill("35")
    page.locator("textarea[name^=area_]").first.fill("Le suivi des dossiers des usagers.")
    page.get_by_role("button", name="Enregistrer la période").click()
    expect(page.get_by_text("La période est enregistrée")).to_be_visible()
    proof = tmp_path / "Attestation employeur.pdf"
    proof.write_bytes(PDF)
    page.get_by_label("Ajouter une pièce justificative").set_input_files(proof)
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_text("« Attestation_employeur.pdf » est ajouté.")).to_be_visible()


@pytest.mark.parametrize("slug", [AF, IAS, COS])
def test_from_a_self_check_to_a_finalised_request_pdf(
    live_server, account, page, assert_accessible, tmp_path, slug
):
    self_check(page, live_server, slug, date.today() - timedelta(days=800))
    link = page.get_by_role("link", name="Préparer ma demande de recevabilité")
    assert_accessible(page)
    link.click()
    login(page)
    page.wait_for_url(re.compile(r"/mes-demarches/recevabilite/nouvelle/"))
    assert page.get_by_text(
        "Chargée de mission chez Caisse du Rhône – Activité salariée, depuis le"
    ).is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Commencer ma demande").click()
    page.wait_for_url(re.compile(r"/recevabilite/\d+/$"))
    expect(page.get_by_text("1 période reprise de votre vérification")).to_be_visible()
    assert page.get_by_role("cell", name="Pièce manquante").is_visible()
    assert_accessible(page)

    # Finalising an incomplete request lists what is missing, each item a link.
    page.get_by_role("link", name="Déclaration et finalisation").first.click()
    expect(page.get_by_text("ne peut pas encore être finalisée")).to_be_visible()
    page.get_by_role("link", name="Période 1 (Chargée de mission) : pièce justificative").click()
    assert urlparse(page.url).fragment == "pieces"
    page.get_by_role("link", name="Vue d’ensemble").click()

    fill_identity(page)
    fill_education(page, slug, assert_accessible)
    page.get_by_role("link", name="Expériences et pièces").click()
    fill_period(page, assert_accessible, tmp_path)

    page.get_by_role("link", name="Déclaration et finalisation").first.click()
    if slug == AF:
        # The source's commitment: no more than three VAE requests in the calendar year.
        page.get_by_label(re.compile("Combien de demandes de VAE")).fill("3")
        page.get_by_role("button", name="Enregistrer ma réponse").click()
        expect(page.get_by_role("alert").first).to_contain_text(
            "ne pas déposer plus de trois demandes de Validation des Acquis de l’Expérience"
        )
        assert_accessible(page)
    # Every CQP asks it: 002 in its words, the national forms in the portal's (issue 23).
    page.get_by_label(re.compile("Combien de demandes de VAE")).fill("1")
    page.get_by_role("button", name="Enregistrer ma réponse").click()
    assert_accessible(page)
    page.locator("#id_final-name").fill("Clara Durand")
    page.locator("#id_final-place").fill("Lyon")
    page.locator("#id_final-sworn").check()
    page.get_by_role("button", name="Finaliser ma demande").click()
    expect(page.get_by_text("Votre demande est finalisée")).to_be_visible()
    request = RecevabiliteRequest.objects.get(owner=account)
    assert request.is_finalised and request.periods.get().title == "Chargée de mission"
    if slug != AF:
        first = request.referential_version.referential.units[0].code
        assert (request.validation_sought, request.blocks_held) == ("partielle", [first])

    with page.expect_download() as download:
        page.locator(f"a[href='/mes-demarches/recevabilite/{request.pk}/pdf/']").click()
    name = "demande-recevabilite" if slug == AF else "preparation"
    assert download.value.suggested_filename == f"{name}-{slug}.pdf"
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_the_recevabilite_dates_feed_the_livret_timers(
    live_server, account, page, assert_accessible
):
    request = start(account, COS)
    complete(request)
    services.finalise(request=request, sworn_name="C D", sworn_place="Lyon", sworn_on=date.today())
    page.goto(f"{live_server.url}/accounts/login/?next=/mes-demarches/")
    login(page)
    page.wait_for_url(re.compile(r"/mes-demarches/$"))
    assert_accessible(page)
    page.get_by_role("link", name="Finalisée, à envoyer").click()
    page.get_by_role("link", name="Indiquer l’envoi et la réponse").click()
    sent = date.today() - timedelta(days=40)
    page.locator("#id_sent_on").fill(sent.isoformat())
    page.locator("#id_received_on").fill((sent + timedelta(days=2)).isoformat())
    page.get_by_role("button", name="Enregistrer le suivi").click()
    # Sent before the request was started on the portal: kept once confirmed.
    expect(page.locator("#id_sent_on_error")).to_contain_text("Cette date précède la création")
    page.locator("#id_confirm_sent").check()
    page.get_by_role("button", name="Enregistrer le suivi").click()
    expect(page.get_by_text("Le suivi de votre demande est enregistré.")).to_be_visible()
    silence = add_months(sent + timedelta(days=2), 2)
    section = page.locator("#dates")
    expect(section).to_contain_text("Sans réponse à cette date, votre demande vaut décision")
    expect(section).to_contain_text("L'absence de réponse de notre part au terme des deux mois")
    assert_accessible(page)

    decided = sent + timedelta(days=30)
    page.get_by_role("radio", name="Favorable", exact=True).check()
    page.locator("#id_decided_on").fill(decided.isoformat())
    page.get_by_role("button", name="Enregistrer le suivi").click()
    # 004 counts the 18 months from the notification: asked, then typed.
    expect(section).to_contain_text("indiquez la date de la notification")
    page.locator("#id_notified_on").fill(decided.isoformat())
    page.get_by_role("button", name="Enregistrer le suivi").click()
    expect(section).to_contain_text("Fin de validité de la recevabilité")
    page.get_by_label(re.compile("Activité III")).check()
    page.get_by_role("button", name="Enregistrer l’analyse des écarts").click()
    page.get_by_role("button", name="Commencer mon livret 2").click()
    page.wait_for_url(re.compile(r"/livrets/\d+/$"))
    livret = Livret.objects.get(owner=account)
    assert livret.candidature.request_sent_on == sent
    assert livret.candidature.request_received_on == sent + timedelta(days=2)
    assert livret.candidature.notified_on == decided
    validity = add_months(decided, 18)
    expect(page.locator(".deadlines")).to_contain_text("Fin de validité de la recevabilité")
    assert page.locator("#id_notified_on").input_value() == decided.isoformat()
    assert silence > decided  # the decision came first: no silence date on the livret
    page.goto(f"{live_server.url}/livrets/{livret.pk}/partie/activite-3/")
    expect(page.get_by_text("Activité signalée par l’analyse des écarts")).to_be_visible()
    page.get_by_role("link", name="Mes démarches").first.click()
    expect(page.locator(".next-date")).to_contain_text(validity.strftime("%Y"))
    assert_accessible(page)
