"""Fixtures for the review tests: two candidates, their accompagnateurs, invitations."""

from __future__ import annotations

import pytest
from django.test import Client

from livrets.livret2 import services as livret_services
from livrets.review import services
from tests.support.data import PASSWORD, make_candidate, version_of
from tests.support.desk import make_desk_staff, make_editor

__all__ = ["PASSWORD"]


@pytest.fixture
def people(referentials):
    """Candidate A and B, A's accompagnateur, B's accompagnateur (another one), the certifiers'
    staff and an editor of the public pages."""
    a = make_candidate("alice@example.fr")
    b = make_candidate("bruno@example.fr")
    coach = make_candidate("coach@example.fr")
    other_coach = make_candidate("autre-coach@example.fr")
    livret_a = livret_services.start_livret(
        owner=a, version=version_of("conseiller-offres-services")
    )
    livret_b = livret_services.start_livret(
        owner=b, version=version_of("conseiller-offres-services")
    )
    invitation = services.invite(livret=livret_a, email=coach.email).invitation
    services.accept(invitation=invitation, user=coach)
    other = services.invite(livret=livret_b, email=other_coach.email).invitation
    services.accept(invitation=other, user=other_coach)
    return {
        **make_desk_staff(),
        "editor": make_editor("redaction@example.fr"),
        "a": a,
        "b": b,
        "coach": coach,
        "other_coach": other_coach,
        "livret_a": livret_a,
        "livret_b": livret_b,
        "invitation": invitation,
    }


@pytest.fixture
def as_user():
    def make(user):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make
