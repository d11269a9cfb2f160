"""Fixtures for the jury tests: a candidate's 002 livret with an invited accompagnateur."""

from __future__ import annotations

import pytest

from livrets.review import services as review_services
from tests.support.data import make_af_livret, make_candidate


@pytest.fixture
def jury_people(referentials):
    candidate = make_candidate("camille@example.fr")
    coach = make_candidate("coach@example.fr")
    stranger = make_candidate("inconnu@example.fr")
    livret = make_af_livret(candidate)
    invitation = review_services.invite(livret=livret, email=coach.email).invitation
    review_services.accept(invitation=invitation, user=coach)
    return {"candidate": candidate, "coach": coach, "stranger": stranger, "livret": livret}
