"""Fixtures of the API tests."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The API keeps the current version of a CQP in the cache: start every test without."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
