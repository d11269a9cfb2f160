"""The wizard's query budget, as `make bench` measures it."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_no_wizard_step_makes_more_than_six_queries(referentials):
    from tests.bench.selfcheck import wizard_queries_max

    assert wizard_queries_max(host="testserver") <= 6
