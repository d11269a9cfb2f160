"""How long validated parts are kept after a partial validation: 002's five years, with the
date the portal counts them from marked as its own; for 000 and 004, that the sources do not
say."""

from __future__ import annotations

import html
import re

import pytest


def words(page: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


@pytest.mark.parametrize(
    ("slug", "said"),
    [
        (
            "assistant-formation",
            "Le portail compte ces 5 ans à partir de la date de la décision du jury : la source "
            "ne dit pas à partir de quelle date.",
        ),
        (
            "assistant-industries-sante",
            "Les sources ne disent pas combien de temps les parties validées restent acquises "
            "après une validation partielle.",
        ),
        (
            "conseiller-offres-services",
            "Les sources ne disent pas combien de temps les parties validées restent acquises "
            "après une validation partielle.",
        ),
    ],
)
def test_the_notice_says_how_long_validated_parts_are_kept_or_that_it_is_not_said(
    client, site_pages, slug, said
):
    page = words(client.get(f"/cqp/{slug}/").text)
    assert f"{said} Proposé par le portail" in page.replace("\u00a0", " ").replace("\u202f", " ")
