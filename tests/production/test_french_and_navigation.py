"""French typography, the portal's own words in account pages and emails, the header."""

from __future__ import annotations

import pytest
from django.core import mail
from django.template import Context, Template
from django.urls import reverse

from portal import french
from tests.support.data import PASSWORD, make_candidate, version_of

NNBSP = "\u202f"


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0 partie complète"), (1, "1 partie complète"), (2, "2 parties complètes")],
)
def test_french_takes_the_singular_for_0_and_1(count, expected):
    html = Template("{{ n }} partie{{ n|pluriel }} complète{{ n|pluriel }}").render(
        Context({"n": count})
    )
    assert html == expected
    assert french.count(count, "commentaire").endswith("commentaire" + ("s" if count > 1 else ""))


def test_numbers_are_grouped_with_a_narrow_no_break_space():
    assert Template("{{ n|nombre }} caractères").render(Context({"n": 10_000})) == (
        f"10{NNBSP}000 caractères"
    )
    assert french.number(1_234_567) == f"1{NNBSP}234{NNBSP}567"
    assert french.number(999) == "999"
    assert Template('{{ n|pluriel:"al,aux" }}').render(Context({"n": 3})) == "aux"


def test_account_pages_and_emails_say_adresse_electronique_and_name_the_portal(client, db):
    candidate = make_candidate("alice@example.fr")
    for name in ("account_login", "account_signup", "account_reset_password"):
        page = client.get(reverse(name)).text
        assert "Adresse électronique" in page, name
        assert "e-mail" not in page.lower() and "E-mail" not in page, name
    client.post(reverse("account_reset_password"), {"email": candidate.email})
    [message] = mail.outbox
    assert message.body.startswith("Bonjour,\n")
    assert "L'équipe du Portail CQP-VAE" in message.body
    assert "c'est  !" not in message.body and "e-mail" not in message.body


@pytest.mark.django_db
def test_an_accompagnateur_sees_accompagnement_and_lands_on_the_dashboard(client, referentials):
    from livrets.livret2 import services as livret_services
    from livrets.review import services as review

    owner = make_candidate("candidate@example.fr")
    coach = make_candidate("coach@example.fr")
    livret = livret_services.start_livret(
        owner=owner, version=version_of("conseiller-offres-services")
    )
    login = {"login": coach.email, "password": PASSWORD}
    # Not following anyone yet: no link, the usual landing page.
    response = client.post(reverse("account_login"), login)
    assert response.url == reverse("livrets:list")
    assert "Accompagnement</a>" not in client.get(reverse("livrets:list")).text
    client.logout()
    review.accept(invitation=review.invite(livret=livret, email=coach.email).invitation, user=coach)
    response = client.post(reverse("account_login"), login)
    assert response.url == reverse("review:dashboard")
    page = client.get(reverse("livrets:list")).text
    assert f'<a href="{reverse("review:dashboard")}">Accompagnement</a>' in page
    # The candidate, who follows no one, sees no such link.
    client.logout()
    client.force_login(owner)
    assert "Accompagnement</a>" not in client.get(reverse("livrets:list")).text


def test_the_header_links_follow_the_address_the_portal_is_served_under(client, db):
    """The header's links and files are computed once per process, per script prefix: a portal
    served under /portail/ behind a proxy links there, and the same process served at the root
    links to the root again."""
    from django.test import override_settings
    from django.urls import get_script_prefix, set_script_prefix

    def header() -> str:
        return client.get("/une-page-qui-n-existe-pas/").text  # the 404 page has the header

    assert 'action="/recherche/"' in header()
    assert 'href="/static/css/portal.css"' in header()
    served_at = get_script_prefix()
    with override_settings(STATIC_URL="static/"):  # relative: under the script prefix
        set_script_prefix("/portail/")
        try:
            page = header()
        finally:
            set_script_prefix(served_at)
    assert 'action="/portail/recherche/"' in page
    assert 'href="/portail/static/css/portal.css"' in page
    assert 'action="/recherche/"' in header()
    assert 'href="/static/css/portal.css"' in header()
