"""The certifiers' API against its own OpenAPI document: every check of schemathesis
(``--checks all``), stock, in process, with a token of the COS certifier's system (a request
deposited at its desk is in the database: the list answers it)."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings

from home.referentials.models import Cqp
from livrets.desk import tokens
from portal.api.certifiers.main import openapi_document
from tests.support.data import make_candidate
from tests.support.desk import deposited, make_desk_staff
from tests.support.recevabilite import COS

app = get_wsgi_application()


@pytest.fixture
def certifier_document(client, referentials):
    response = client.get("/api/certificateurs/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def certifier_schema(request, certifier_document):
    # schemathesis 4.32 reads the test's ``node._nodeid``, which pytest 9.2 no longer has.
    if not hasattr(request.node, "_nodeid"):
        request.node._nodeid = request.node.nodeid
    loaded = schemathesis.openapi.from_dict(certifier_document)
    # Every request in process, the checks' own too (``ignored_auth`` sends one without the
    # token): the WSGI application, not the network.
    loaded.app = app
    return loaded


@pytest.fixture
def bearer(referentials):
    admin = make_candidate("admin@portail.example")
    admin.is_superuser = True
    admin.save()
    make_desk_staff()
    deposited(make_candidate("alice@example.fr"), COS)
    _, clear = tokens.issue(name="SI Ucanss", cqps=[Cqp.objects.get(slug=COS)], by=admin)
    return {"Authorization": f"Bearer {clear}"}


schema = schemathesis.pytest.from_fixture("certifier_schema")


@pytest.mark.django_db
def test_the_served_document_is_the_one_tested(certifier_document):
    assert certifier_document == openapi_document()


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_certifier_api_passes_every_check_against_its_document(
    case, bearer, keep_test_connection
):
    case.call_and_validate(app=app, headers=bearer)
