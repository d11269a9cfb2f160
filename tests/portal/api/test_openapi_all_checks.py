"""Every check of schemathesis (``--checks all``) against the served document, in process:
the document says exactly what the API accepts and refuses.

One refinement, the one the document states in its 400 answers: a request valid for the
schema may still be refused when it names a CQP, an activity or an element code that is not
in force, or dates out of order (``SEMANTIC_REFUSALS``): nothing else.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.specs.openapi.checks import positive_data_acceptance

from portal.api.main import openapi_document
from portal.api.schemas import SEMANTIC_REFUSALS

from .test_openapi import keep_test_connection  # noqa: F401 (a fixture)

schema = schemathesis.openapi.from_dict(openapi_document())
app = get_wsgi_application()
load_all_checks()


def _only_semantic_refusals(response) -> bool:
    if response.status_code != 400:
        return False
    messages = [m for ms in response.json()["errors"].values() for m in ms]
    return bool(messages) and all(m.startswith(SEMANTIC_REFUSALS) for m in messages)


def positive_data_acceptance_but_documented_refusals(ctx, response, case):
    """``positive_data_acceptance``, but for the 400 answers the document lists."""
    if _only_semantic_refusals(response):
        return None
    return positive_data_acceptance(ctx, response, case)


def test_every_check_of_schemathesis_is_run():
    names = {check.__name__ for check in CHECKS.get_all()}
    assert {"positive_data_acceptance", "negative_data_rejection", "unsupported_method"} <= names


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_passes_every_check_against_its_document(
    case,
    referentials,
    keep_test_connection,  # noqa: F811
):
    # No `checks=`: every check schemathesis has (as `--checks all`), the one above refined.
    case.call_and_validate(
        app=app,
        excluded_checks=[positive_data_acceptance],
        additional_checks=[positive_data_acceptance_but_documented_refusals],
    )
