"""Fixtures for the jury tests: a candidate's 002 livret with an invited accompagnateur."""

from __future__ import annotations

import pytest

from livrets.livret2 import services as livret_services
from livrets.review import services as review_services
from tests.support.data import fill_section, make_candidate, version_of


def make_af_livret(owner):
    """An assistant-formation (002) livret with compétence 4 partly written."""
    livret = livret_services.start_livret(owner=owner, version=version_of("assistant-formation"))
    ref = livret.referential_version.referential
    unit = ref.units_by_code["C4"]
    item = unit.activity_items[0]
    fill_section(
        livret,
        "competence-4",
        {f"{item.code}.realise": "oui", f"{item.code}.exemples": "Une salle indisponible."},
    )
    return livret


@pytest.fixture
def jury_people(referentials):
    candidate = make_candidate("camille@example.fr")
    coach = make_candidate("coach@example.fr")
    stranger = make_candidate("inconnu@example.fr")
    livret = make_af_livret(candidate)
    invitation = review_services.invite(livret=livret, email=coach.email).invitation
    review_services.accept(invitation=invitation, user=coach)
    return {"candidate": candidate, "coach": coach, "stranger": stranger, "livret": livret}
