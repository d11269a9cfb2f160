"""The footer's four pages: published, linked from every page, at addresses editors cannot
break, with the portal's facts read from the settings."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Page

from home.legal.models import (
    AccessibilityStatementPage,
    LegalNoticePage,
    PersonalDataPage,
    SitePlanPage,
)
from home.models import HomePage
from portal.accounts.registry import providers

pytestmark = pytest.mark.django_db

FOOTER = {
    "/accessibilite/": ("Accessibilité : non conforme", "Déclaration d’accessibilité"),
    "/plan-du-site/": ("Plan du site", "Plan du site"),
    "/mentions-legales/": ("Mentions légales", "Mentions légales"),
    "/donnees-personnelles/": ("Données personnelles", "Données personnelles"),
}


def footer_links(html: str) -> dict[str, str]:
    footer = html[html.index('<footer class="site-footer">') :]
    return {
        href: text.strip() for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', footer)
    }


@pytest.mark.parametrize("url", ["/", "/cqp/", "/recherche/", "/une-page-absente/"])
def test_the_footer_links_to_the_four_pages(client, site_pages, url):
    links = footer_links(client.get(url).text)
    assert links == {href: label for href, (label, _) in FOOTER.items()}


def test_each_footer_link_opens_its_page(client, site_pages):
    for url, (_, title) in FOOTER.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert f"<h1>{title}</h1>" in response.text
        assert "INVALID_TEMPLATE_VARIABLE" not in response.text


def test_the_footer_follows_the_address_the_portal_is_served_under(client, site_pages):
    from django.urls import get_script_prefix, set_script_prefix

    served_at = get_script_prefix()
    set_script_prefix("/portail/")
    try:
        html = client.get("/").text
    finally:
        set_script_prefix(served_at)
    assert '<a href="/portail/plan-du-site/">Plan du site</a>' in html


@pytest.mark.parametrize(
    "model", [AccessibilityStatementPage, SitePlanPage, LegalNoticePage, PersonalDataPage]
)
def test_one_of_each_under_the_home_page_at_a_fixed_address(site_pages, model):
    page = model.objects.get()
    assert page.get_parent().specific_class is HomePage
    assert not model.can_create_at(site_pages)  # one already
    page.title = "Un autre titre"
    page.full_clean()  # the text is the editors'
    page.slug = "ailleurs"
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert "L’adresse de cette page est fixe" in str(refused.value)


def test_the_plan_lists_every_public_page(client, site_pages):
    html = client.get("/plan-du-site/").text
    plan = html[html.index("<article") : html.index("</article>")]
    for page in Page.objects.live().public().filter(depth__gt=1).specific():
        assert f'<a href="{page.url}">{page.title}</a>' in plan, page.url
    for name in ("selfcheck:start", "search", "provenance", "account_login", "account_signup"):
        assert f'<a href="{reverse(name)}">' in plan, name


def test_an_unpublished_page_leaves_the_plan(client, site_pages):
    guide = Page.objects.get(slug="comprendre-les-cqp-et-la-vae")
    html = client.get("/plan-du-site/").text
    assert "/comprendre-les-cqp-et-la-vae/" in html[html.index("<article") :]
    guide.unpublish()
    html = client.get("/plan-du-site/").text
    assert "/comprendre-les-cqp-et-la-vae/" not in html[html.index("<article") :]


def test_the_personal_data_page_says_what_every_app_keeps_and_who_reads_it(client, site_pages):
    html = client.get("/donnees-personnelles/").text
    for provider in providers():
        name, colon, detail = provider.held.partition(" : ")
        assert colon and provider.purpose and provider.readers, provider.label
        assert f">{name}</h3>" in html
        for text in (detail[:1].upper() + detail[1:], provider.purpose, provider.readers):
            assert text in html, provider.label
    assert "Le personnel des certificateurs ne lit rien sur le portail tant que" in html
    assert "le personnel nommé pour votre CQP par le certificateur" in html
    assert f'href="{reverse("livrets:my_data")}">Mes données</a>' in html
    assert "contact@cqp-vae.example" in html


def test_the_retention_figures_shown_equal_the_settings(client, site_pages, settings):
    settings.RETENTION_MONTHS = 7
    settings.RETENTION_WARNING_DAYS = 3
    settings.SESSION_COOKIE_AGE = 45 * 60
    settings.ACCOUNT_MAX_BYTES = 250 * 1024 * 1024
    settings.ACCOUNT_MAX_LIVRETS = 9
    html = client.get("/donnees-personnelles/").text
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "Durée sans activité avant la suppression d’un compte ou d’un livret 7 mois" in text
    assert "Délai entre le courriel d’avertissement et la suppression 3 jours" in text
    assert "Taille maximale des pièces d’un compte 250 Mo" in text
    assert "Nombre maximal de livrets par compte 9 livrets" in text
    # The editors' sentence about the session, its figure taken from the setting too.
    assert (
        "La session prend fin après <strong>45 minutes</strong> sans action de votre part." in html
    )


def test_the_accessibility_statement_states_non_conformity_and_the_checks(client, site_pages):
    from home.legal.accessibility import CHECKS, KNOWN_ISSUES

    html = client.get("/accessibilite/").text
    assert "est <strong>non conforme</strong> avec le RGAA 4.1.2" in html
    for check in CHECKS:
        assert check.tool in html
    for issue in KNOWN_ISSUES:
        assert issue.what in html and issue.workaround in html
    assert "Défenseur des droits" in html
    assert 'href="mailto:contact@cqp-vae.example"' in html
