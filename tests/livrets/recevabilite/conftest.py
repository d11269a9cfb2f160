"""Fixtures of the recevabilité request tests: requests on each CQP."""

from __future__ import annotations

import pytest

from tests.support.recevabilite import AF, COS, start


@pytest.fixture
def af_request(referentials, candidate):
    return start(candidate, AF)


@pytest.fixture
def cos_request(referentials, candidate):
    return start(candidate, COS)
