"""The OpenAPI document drives schemathesis against the API: no server error, no answer that
breaks the document. The document is the one served over the test database's referentials:
its request bodies name the codes of each CQP in force (``portal.api.document``)."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from portal.api.document import per_cqp
from portal.api.main import openapi_document

schema = schemathesis.pytest.from_fixture("served_schema")
app = get_wsgi_application()
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
COS = "conseiller-offres-services"


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_conforms_to_its_document(case, keep_test_connection):
    case.call_and_validate(app=app, checks=CHECKS)


@pytest.mark.django_db
def test_the_served_document_is_the_one_tested(served_document):
    assert served_document == openapi_document()


def test_each_request_body_is_one_schema_per_cqp_in_force(served_document):
    schemas = served_document["components"]["schemas"]
    body = served_document["paths"]["/eligibility"]["post"]["requestBody"]
    one_of = body["content"]["application/json"]["schema"]["oneOf"]
    assert len(one_of) == 3
    cos = schemas[f"EligibilityIn-{COS}"]["properties"]
    assert cos["cqp"]["const"] == COS
    assert "A1.I1" in cos["activities"]["items"]["enum"]
    ratings = schemas["MasteryIn-assistant-formation"]["properties"]["ratings"]
    assert "C4.E1" in ratings["properties"]
    assert ratings["additionalProperties"] is False
    assert "EligibilityIn" not in schemas


@pytest.mark.django_db
def test_with_no_cqp_in_force_the_generic_request_bodies_stay(client):
    document = client.get("/api/v1/openapi.json").json()
    assert document == per_cqp(document, [])
    assert {"EligibilityIn", "MasteryIn"} <= set(document["components"]["schemas"])
