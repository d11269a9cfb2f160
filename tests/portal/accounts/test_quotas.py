"""The account's quota counts the bytes every app declares (``PersonalData.stored_bytes``)."""

from __future__ import annotations

import pytest

from portal.accounts import quotas, registry
from tests.support.data import make_candidate

pytestmark = pytest.mark.django_db


class Files(registry.PersonalData):
    label = "files"

    def stored_bytes(self, owner_id: int) -> int:
        return 300


def test_the_account_limit_counts_every_app(monkeypatch, settings):
    user = make_candidate("alice@example.fr")
    monkeypatch.setattr(registry, "_providers", dict(registry._providers))
    registry.register(Files())
    settings.ACCOUNT_MAX_BYTES = 1000
    assert quotas.account_used_bytes(user.pk) == 300
    quotas.check_account_bytes(user.pk, adding=700)
    with pytest.raises(quotas.QuotaExceeded, match="pour l.ensemble de vos livrets"):
        quotas.check_account_bytes(user.pk, adding=701)
