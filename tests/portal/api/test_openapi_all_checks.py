"""Every check of schemathesis (``--checks all``), stock, in process, against the document
as served over the test database's referentials: the document says exactly what the API
accepts and refuses. Its request bodies name each CQP in force with its codes, and dates out
of order are no error (the verdict says why the period is not counted), so a body valid for
the schema is answered 200: no check is refined or left out.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS, load_all_checks

schema = schemathesis.pytest.from_fixture("served_schema")
app = get_wsgi_application()
load_all_checks()


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
def test_the_api_passes_every_check_against_its_document(case, keep_test_connection):
    # No `checks=`, nothing excluded: every check schemathesis has, as `--checks all`.
    case.call_and_validate(app=app)
