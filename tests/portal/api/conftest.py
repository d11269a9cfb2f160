"""Fixtures of the API tests."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The API keeps the current version of a CQP in the cache: start every test without."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def keep_test_connection():
    """Calling the WSGI app directly would close the test's connection at the end of each
    request (and its transaction with it); Django's own test client disconnects this too."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def served_document(client, referentials):
    """``GET /api/v1/openapi.json`` as served over the test database's referentials."""
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def served_schema(request, served_document):
    """The served document for ``schemathesis.pytest.from_fixture``.

    schemathesis 4.32 reads the test's ``node._nodeid`` (to name each operation's subtest),
    which pytest 9.2 no longer has: give it the node id, which it only reads and names."""
    if not hasattr(request.node, "_nodeid"):
        request.node._nodeid = request.node.nodeid
    return schemathesis.openapi.from_dict(served_document)
