"""The desk's people: a candidate of 004 (COS), the COS secretariat and evaluator, the 000
secretariat (another certifier), a staff member without a TOTP app."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.support.data import make_candidate
from tests.support.desk import make_desk_staff, make_staff
from tests.support.recevabilite import COS


@pytest.fixture
def desk(referentials):
    return {
        "alice": make_candidate("alice@example.fr"),
        "bruno": make_candidate("bruno@example.fr"),
        **make_desk_staff(),
        "no_totp": make_staff("sans-totp@ucanss.example", COS, totp=False),
    }


@pytest.fixture
def as_user():
    def make(user):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make
