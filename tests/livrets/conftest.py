"""Fixtures for the livret tests: candidates, livrets on each CQP, logged-in clients."""

from __future__ import annotations

import pytest

from livrets import services
from tests.support.data import make_candidate, version_of


@pytest.fixture
def candidate(db):
    return make_candidate("alice@example.fr")


@pytest.fixture
def other_candidate(db):
    return make_candidate("bruno@example.fr")


@pytest.fixture
def livret(referentials, candidate):
    """An empty draft livret of conseiller-offres-services."""
    return services.start_livret(owner=candidate, version=version_of("conseiller-offres-services"))


@pytest.fixture
def client_of(client):
    def login(user):
        client.force_login(user)
        return client

    return login
