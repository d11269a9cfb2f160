"""Chromium, keyboard only: the candidate rates a compétence of 002, sees « indéterminé » with
the reason, changes one rating and sees « maîtrisée »; the accompagnateur's differing rating
is highlighted."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import BROWSER_TIMEOUT_MS, login, press
from tests.support.data import make_af_livret, make_candidate

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


def choose(page, code: str, label: str):
    """Tick a rating with the keyboard: focus the radio, then Space."""
    fieldset = page.locator(f'fieldset[id="element-{code}"]')
    radio = fieldset.get_by_role("radio", name=label, exact=True)
    radio.focus()
    page.keyboard.press("Space")
    expect(radio).to_be_checked()


def save_unit(page):
    press(page, page.get_by_role("button", name="Enregistrer mes évaluations (Compétence 4)"))


def test_rate_a_competence_see_undetermined_then_mastered_and_the_difference(
    two_pages,
    live_server,
    referentials,
    assert_accessible,
):
    from livrets.review import services as review_services

    candidate = make_candidate("claire@example.fr")
    coach = make_candidate("coach@example.fr")
    livret = make_af_livret(candidate)
    invitation = review_services.invite(livret=livret, email=coach.email).invitation
    review_services.accept(invitation=invitation, user=coach)
    mine, theirs = two_pages
    url = f"/preparer-le-jury/livrets/{livret.pk}/"

    login(mine, live_server, "claire@example.fr", url)
    assert_accessible(mine)
    for i in range(1, 6):
        choose(mine, f"C4.E{i}", "Non mis en œuvre" if i == 2 else "Acquis")
    save_unit(mine)
    result = mine.locator("#unite-C4-resultat")
    expect(result).to_contain_text("Selon les évaluations du candidat : indéterminé")
    expect(result).to_contain_text(
        "C4.E2 est « non mis en œuvre » et la source ne dit pas quels éléments sont incontournables"
    )
    assert_accessible(mine)

    choose(mine, "C4.E2", "Acquis")
    save_unit(mine)
    expect(result).to_contain_text("Selon les évaluations du candidat : maîtrisée")
    expect(result).to_contain_text("Tous les éléments sont acquis.")

    # The accompagnateur rates C4.E3 « Non acquis »: highlighted on both sides.
    login(theirs, live_server, "coach@example.fr", url)
    for i in range(1, 6):
        choose(theirs, f"C4.E{i}", "Non acquis" if i == 3 else "Acquis")
    save_unit(theirs)
    expect(theirs.locator("#unite-C4-resultat")).to_contain_text(
        "Selon les évaluations de l’accompagnateur : non maîtrisée"
    )
    mine.reload()
    differing = mine.locator("fieldset.element.differs")
    expect(differing).to_have_count(1)
    expect(differing).to_have_attribute("id", "element-C4.E3")
    expect(differing).to_contain_text(
        "Évaluation de l’accompagnateur : Non acquis – différente de la vôtre"
    )
    assert_accessible(mine)
