"""Fixtures of the self-check tests: referentials read straight from the data files."""

from __future__ import annotations

import pytest

from home.referentials.domain import Referential
from tests.support.data import load_referential


@pytest.fixture(scope="session")
def cos() -> Referential:
    """CQP Conseiller offres de services: 12 months, 4 activities."""
    return load_referential("conseiller-offres-services")


@pytest.fixture(scope="session")
def assistant_formation() -> Referential:
    return load_referential("assistant-formation")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The API keeps the current version of a CQP in the cache: start every test without."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
