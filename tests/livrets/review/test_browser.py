"""Chromium, keyboard only: invite, accept, comment on a field, answer and resolve in place."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from livrets.livret2 import services as livret_services
from livrets.review.models import Comment
from tests.support.browser import BROWSER_TIMEOUT_MS, login, press
from tests.support.data import fill_section, make_candidate, version_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def two_pages(browser, live_server):
    """The candidate's and the accompagnateur's browsers, closed before the live server stops."""
    contexts = [browser.new_context(locale="fr-FR") for _ in range(2)]
    pages = [c.new_page() for c in contexts]
    for p in pages:
        p.set_default_timeout(BROWSER_TIMEOUT_MS)
    yield pages
    for c in contexts:
        c.close()


def test_invite_accept_comment_answer_resolve(
    two_pages, live_server, referentials, assert_accessible
):
    candidate = make_candidate("clara@example.fr")
    make_candidate("coach@example.fr")
    livret = livret_services.start_livret(
        owner=candidate, version=version_of("conseiller-offres-services")
    )
    fill_section(livret, "motivation", {"raisons": "Faire reconnaître mon expérience."})
    clara, coach = two_pages

    # The candidate invites their accompagnateur.
    login(clara, live_server, "clara@example.fr", f"/livrets/{livret.pk}/")
    press(clara, clara.get_by_role("link", name="Inviter mon accompagnateur, voir qui a accès"))
    assert_accessible(clara)
    clara.get_by_label("Adresse électronique de votre accompagnateur").focus()
    clara.keyboard.type("coach@example.fr")
    clara.keyboard.press("Tab")
    clara.keyboard.type("Mission locale")
    press(clara, clara.get_by_role("button", name="Envoyer l'invitation"))
    expect(clara.locator("main")).to_contain_text("Invitation envoyée")
    assert_accessible(clara)
    link = re.search(r"(/accompagnement/invitation/\S+/)", mail.outbox[-1].body).group(1)

    # The accompagnateur accepts and comments on one field.
    login(coach, live_server, "coach@example.fr", link)
    assert_accessible(coach)
    press(coach, coach.get_by_role("button", name="Accepter l'invitation"))
    assert_accessible(coach)
    press(coach, coach.locator('nav.livret-menu a[href$="/partie/motivation/"]'))
    assert_accessible(coach)
    thread = coach.locator("#fil-champ-motivation-raisons")
    thread.locator("summary").focus()
    coach.keyboard.press("Enter")
    coach.keyboard.press("Tab")
    coach.keyboard.type("Donnez un exemple concret.")
    coach.keyboard.press("Tab")
    coach.keyboard.press("Enter")
    expect(thread).to_contain_text("Commentaire publié.")
    expect(thread).to_contain_text("Donnez un exemple concret.")
    assert_accessible(coach)
    coach.goto(f"{live_server.url}/accompagnement/")
    expect(coach.locator("table")).to_contain_text("clara@example.fr")
    assert_accessible(coach)

    # The candidate sees it where it belongs, answers and resolves it.
    clara.goto(f"{live_server.url}/livrets/{livret.pk}/partie/motivation/")
    thread = clara.locator("#fil-champ-motivation-raisons")
    expect(thread).to_contain_text("Donnez un exemple concret.")
    assert_accessible(clara)
    thread.get_by_label("Votre réponse").focus()
    clara.keyboard.type("J'ajoute l'accueil des familles.")
    clara.keyboard.press("Tab")
    clara.keyboard.press("Enter")
    expect(thread).to_contain_text("Réponse publiée.")
    expect(thread).to_contain_text("J'ajoute l'accueil des familles.")
    thread.get_by_role("button", name="Marquer comme résolu").focus()
    clara.keyboard.press("Enter")
    expect(thread).to_contain_text("Commentaire marqué comme résolu.")
    assert_accessible(clara)
    comment = Comment.objects.get(parent__isnull=True)
    assert comment.resolved_by == candidate and comment.replies.count() == 1
    # The candidate's text was not touched by any of this.
    assert livret.answers.get(field_key="raisons").text == "Faire reconnaître mon expérience."
