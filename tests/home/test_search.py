"""Site and catalogue search answer every query: FTS syntax typed by a person is just text."""

from __future__ import annotations

import pytest

HOSTILE = [
    '"',
    '"Ucanss',
    'Ucanss"',
    'a"b"c"',
    "(",
    "formation)",
    "*",
    "^conseiller",
    "NEAR(a b",
    "AND",
    "OR OR",
    "NOT",
    "- formation",
    "title:formation",
    "+",
    "{",
    "'",
    "\\",
    "é'\"à",
    '""',
    'a""b',
    '"Ucanss" "',
    "\x00\x1f",
    '"l\'emploi"',
    '"l’emploi" formation',
]


@pytest.mark.parametrize("query", HOSTILE)
@pytest.mark.parametrize("url", ["/recherche/", "/cqp/"])
def test_search_syntax_is_never_a_server_error(client, site_pages, url, query):
    response = client.get(url, {"q": query})
    assert response.status_code == 200


def test_a_quote_does_not_hide_the_words_around_it(client, site_pages):
    response = client.get("/recherche/", {"q": '"Ucanss'})
    assert "Conseiller offres de services" in response.text


def test_the_search_page_names_its_two_search_landmarks_apart(client, site_pages):
    """The header's search and the page's own: a screen reader's landmark list tells them
    apart by name."""
    import re

    html = client.get("/recherche/", {"q": "formation"}).text
    forms = re.findall(r"<form\b[^>]*\brole=\"search\"[^>]*>", html)
    assert len(forms) == 2
    names = []
    for form in forms:
        label = re.search(r'aria-label="([^"]+)"', form)
        labelledby = re.search(r'aria-labelledby="([^"]+)"', form)
        if labelledby:
            element = re.search(rf'id="{labelledby[1]}"[^>]*>([^<]+)<', html)
            names.append(element[1].strip())
        else:
            names.append(label[1] if label else "")
    assert all(names) and len(set(names)) == 2, names
