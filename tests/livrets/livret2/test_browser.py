"""Chromium: a whole livret written with the keyboard, and a session expiring mid-edit."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from livrets.livret2.models import Answer, Livret
from tests.support.browser import BROWSER_TIMEOUT_MS
from tests.support.data import PASSWORD, make_candidate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def empty_account(referentials):
    return make_candidate("clara@example.fr")


def press_enter_and_load(page):
    with page.expect_navigation():
        page.keyboard.press("Enter")


def press_link(page, name: str):
    page.get_by_role("link", name=name, exact=True).first.focus()
    press_enter_and_load(page)


def login(page, live_server, next_url: str = "/livrets/"):
    page.goto(f"{live_server.url}/accounts/login/?next={next_url}")
    page.locator("#id_login").focus()
    page.keyboard.type("clara@example.fr")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlparse(url).path == next_url)


def type_into(page, locator, text: str):
    locator.focus()
    page.keyboard.type(text)


def wait_saved(page, field):
    status = page.locator(f'[data-status-for="{field}"]')
    expect(status).to_contain_text("Enregistré à")


def test_a_whole_conseiller_livret_from_an_empty_account_to_finalised(
    page, live_server, empty_account, assert_accessible
):
    page.goto(f"{live_server.url}/accounts/login/")
    assert_accessible(page)
    login(page, live_server)
    assert_accessible(page)
    press_link(page, "Commencer un livret 2")
    assert_accessible(page)
    page.locator("#id_cqp").focus()
    page.keyboard.press("Home")
    while page.locator("#id_cqp").input_value() != "conseiller-offres-services":
        page.keyboard.press("ArrowDown")
    page.get_by_role("button", name="Commencer mon livret").focus()
    press_enter_and_load(page)
    page.wait_for_url(re.compile(r"/livrets/\d+/$"))
    assert_accessible(page)
    livret = Livret.objects.get(owner=empty_account)

    texts = {
        "identite": {
            "nom": "Durand",
            "prenom": "Clara",
            "adresse": "3 place Bellecour, Lyon",
            "telephone": "0611223344",
            "email": "clara@example.fr",
        },
        "motivation": {"raisons": "Faire reconnaître mon expérience.", "points_forts": "L'écoute."},
        "contexte": {"description": "Une caisse primaire d'assurance maladie de 300 agents."},
    }
    for code, fields in texts.items():
        page.goto(f"{live_server.url}/livrets/{livret.pk}/partie/{code}/")
        for key, text in fields.items():
            type_into(page, page.locator(f'[name="section:{code}|{key}"]'), text)
            page.keyboard.press("Tab")
            wait_saved(page, f"section:{code}|{key}")
        expect(page.locator("#section-state")).to_contain_text("Complet")
        assert_accessible(page)

    page.goto(f"{live_server.url}/livrets/{livret.pk}/partie/activite-2/")
    for code in ("A2.I1", "A2.I3"):
        page.locator(f'[name="section:activite-2|choix"][value="{code}"]').focus()
        page.keyboard.press("Space")
    wait_saved(page, "section:activite-2|choix")

    for code, count in {"activite-1": 2, "activite-2": 1, "activite-3": 2, "activite-4": 1}.items():
        page.goto(f"{live_server.url}/livrets/{livret.pk}/partie/{code}/")
        for number in range(1, count + 1):
            page.get_by_role("button", name="Ajouter une situation").focus()
            press_enter_and_load(page)
            section = page.locator("section.situation").nth(number - 1)
            for field in section.locator("[data-autosave]").all():
                name = field.get_attribute("name")
                type_into(page, field, f"Situation {number} de {code} : {name.split('|')[1]}.")
                page.keyboard.press("Tab")
                wait_saved(page, name)
        expect(page.locator("#section-state")).to_contain_text("Complet")
        assert_accessible(page)

    page.goto(f"{live_server.url}/livrets/{livret.pk}/")
    expect(page.locator("#livret-menu")).to_contain_text("7 parties complètes sur 7")
    press_link(page, "Finaliser mon livret")
    assert_accessible(page)
    page.locator("#id_name").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("Clara Durand")
    page.locator("#id_sworn").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Finaliser").focus()
    press_enter_and_load(page)
    page.wait_for_url(re.compile(r"/livrets/\d+/$"))
    expect(page.locator("main")).to_contain_text("Finalisé")
    assert_accessible(page)
    livret.refresh_from_db()
    assert livret.is_finalised and livret.sworn_name == "Clara Durand"
    assert livret.sworn_place == "Lyon"  # proposed from the address, kept as it was
    page.goto(f"{live_server.url}/livrets/{livret.pk}/partie/activite-1/")
    assert page.locator("textarea").count() == 0
    assert_accessible(page)


def test_a_conseiller_livret_filled_only_with_what_004_asks_can_be_finalised(
    page, live_server, empty_account, assert_accessible
):
    """004 asks NOM and PRÉNOM, the motivation, the organisation, and for each situation the
    situation, how it was analysed, the actions and why: nothing else is needed."""
    from livrets.livret2 import services
    from tests.support.data import version

    livret = services.start_livret(
        owner=empty_account, version=version("conseiller-offres-services")
    )
    login(page, live_server, f"/livrets/{livret.pk}/")
    texts = {
        "identite": {"nom": "Durand", "prenom": "Clara"},
        "motivation": {"raisons": "Faire reconnaître mon expérience.", "points_forts": "L'écoute."},
        "contexte": {"description": "Une caisse primaire d'assurance maladie de 300 agents."},
    }
    for code, fields in texts.items():
        page.goto(f"{live_server.url}/livrets/{livret.pk}/partie/{code}/")
        for key, text in fields.items():
            type_into(page, page.locator(f'[name="section:{code}|{key}"]'), text)
            page.keyboard.press("Tab")
            wait_saved(page, f"section:{code}|{key}")
        expect(page.locator("#section-state")).to_contain_text("Complet")
    page.goto(f"{live_server.url}/livrets/{livret.pk}/partie/activite-2/")
    for code in ("A2.I1", "A2.I3"):
        page.locator(f'[name="section:activite-2|choix"][value="{code}"]').focus()
        page.keyboard.press("Space")
    wait_saved(page, "section:activite-2|choix")

    for code, count in {"activite-1": 2, "activite-2": 1, "activite-3": 2, "activite-4": 1}.items():
        page.goto(f"{live_server.url}/livrets/{livret.pk}/partie/{code}/")
        for number in range(1, count + 1):
            page.get_by_role("button", name="Ajouter une situation").focus()
            press_enter_and_load(page)
            section = page.locator("section.situation").nth(number - 1)
            for key in ("contexte", "analyse", "actions"):
                field = section.locator(f'[data-autosave][name$="|{key}"]')
                type_into(page, field, f"Situation {number} de {code} : {key}.")
                page.keyboard.press("Tab")
                wait_saved(page, field.get_attribute("name"))
        expect(page.locator("#section-state")).to_contain_text("Complet")
        # 004 asks for exactly this number of situations: the editor offers no more.
        expect(page.get_by_role("button", name="Ajouter une situation")).to_have_count(0)
    assert_accessible(page)

    page.goto(f"{live_server.url}/livrets/{livret.pk}/")
    expect(page.locator("#livret-menu")).to_contain_text("7 parties complètes sur 7")
    press_link(page, "Finaliser mon livret")
    page.locator("#id_name").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("Clara Durand")
    page.locator("#id_place").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("Lyon")
    page.locator("#id_sworn").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Finaliser").focus()
    press_enter_and_load(page)
    page.wait_for_url(re.compile(r"/livrets/\d+/$"))
    expect(page.locator("main")).to_contain_text("Finalisé")
    livret.refresh_from_db()
    assert livret.is_finalised
    filled = set(Answer.objects.filter(livret=livret).values_list("field_key", flat=True))
    assert filled == {
        "nom",
        "prenom",
        "raisons",
        "points_forts",
        "description",
        "choix",
        "contexte",
        "analyse",
        "actions",
    }


def test_text_typed_after_the_session_expired_is_saved_after_signing_in_again(
    page, live_server, empty_account
):
    from livrets.livret2 import services
    from tests.support.data import version

    livret = services.start_livret(
        owner=empty_account, version=version("conseiller-offres-services")
    )
    editor = f"/livrets/{livret.pk}/partie/contexte/"
    login(page, live_server, editor)
    field = page.locator('[name="section:contexte|description"]')
    type_into(page, field, "Début. ")
    wait_saved(page, "section:contexte|description")
    Session.objects.all().delete()  # the session expires on the server
    type_into(page, field, "Suite tapée après l'expiration.")
    status = page.locator('[data-status-for="section:contexte|description"]')
    expect(status).to_contain_text("session a expiré")
    expect(status.get_by_role("button", name="Réessayer")).to_be_visible()
    assert Answer.objects.get(field_key="description").text == "Début. "
    login(page, live_server, editor)
    wait_saved(page, "section:contexte|description")
    answer = Answer.objects.get(field_key="description")
    assert answer.text == "Début. Suite tapée après l'expiration."
    assert answer.revisions.count() == 2


def test_a_stale_tab_overwrites_nothing_and_keeps_its_text_until_the_candidate_chooses(
    page, live_server, empty_account, assert_accessible
):
    from livrets.livret2 import services
    from tests.support.data import version

    livret = services.start_livret(
        owner=empty_account, version=version("conseiller-offres-services")
    )
    editor = f"/livrets/{livret.pk}/partie/contexte/"
    name = "section:contexte|description"
    login(page, live_server, editor)
    stale = page.context.new_page()  # a second tab, opened before the first one writes
    stale.set_default_timeout(BROWSER_TIMEOUT_MS)
    stale.goto(f"{live_server.url}{editor}")

    type_into(page, page.locator(f'[name="{name}"]'), "Écrit dans le premier onglet.")
    wait_saved(page, name)
    type_into(stale, stale.locator(f'[name="{name}"]'), "Écrit dans le second onglet.")
    status = stale.locator(f'[data-status-for="{name}"]')
    expect(status).to_contain_text("conflit")
    alert = stale.locator(f'[data-conflict-for="{name}"] [role="alert"]')
    expect(alert).to_contain_text("Rien n'a été écrasé")
    expect(alert).to_contain_text("Écrit dans le premier onglet.")
    expect(alert).to_contain_text("Écrit dans le second onglet.")
    assert Answer.objects.get(field_key="description").text == "Écrit dans le premier onglet."
    assert_accessible(stale)

    alert.get_by_role("button", name="Garder ma version").focus()
    stale.keyboard.press("Enter")
    wait_saved(stale, name)
    answer = Answer.objects.get(field_key="description")
    assert answer.text == "Écrit dans le second onglet."
    # The first tab's text is not lost either: it is the previous revision.
    assert [r.text for r in answer.revisions.order_by("version")] == [
        "Écrit dans le premier onglet.",
        "Écrit dans le second onglet.",
    ]
