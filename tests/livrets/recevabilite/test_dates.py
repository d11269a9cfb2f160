"""Every date typed in the recevabilité request goes through ``portal.dates.BoundedDateField``:
one out of range is refused in French and nothing is saved."""

from __future__ import annotations

import html
import importlib
import pkgutil

import pytest
from django import forms
from django.urls import reverse

from livrets.recevabilite import selectors
from portal.dates import BoundedDateField
from tests.support.recevabilite import complete

pytestmark = pytest.mark.django_db

RANGE = "Saisissez une date entre le 01/01/1900 et le 31/12/2100."


def _page(response) -> str:
    return html.unescape(response.content.decode()).replace("\u00a0", " ")


def test_a_birth_date_out_of_range_is_refused_and_not_saved(client_of, af_request, candidate):
    response = client_of(candidate).post(
        reverse("recevabilite:identity", args=[af_request.pk]),
        {"nom": "Martin", "naissance_date": "1850-03-01"},
    )
    assert response.status_code == 400
    assert RANGE in _page(response)
    assert selectors.profile_data(candidate).get("naissance_date") is None
    assert selectors.profile_data(candidate).get("nom") != "Martin"


@pytest.mark.parametrize(
    ("start", "end"), [("1850-01-01", "2020-01-01"), ("2020-01-01", "2150-01-01")]
)
def test_a_period_date_out_of_range_is_refused_and_not_saved(
    client_of, af_request, candidate, start, end
):
    period = af_request.periods.first()
    before = (period.start, period.end, period.title)
    response = client_of(candidate).post(
        reverse("recevabilite:period", args=[af_request.pk, period.pk]),
        {"kind": "salarie", "title": "Changé", "start": start, "end": end},
    )
    assert response.status_code == 400
    assert _page(response).count(RANGE) >= 1
    period.refresh_from_db()
    assert (period.start, period.end, period.title) == before


def test_a_sworn_date_out_of_range_is_refused_and_not_saved(client_of, af_request, candidate):
    complete(af_request)
    response = client_of(candidate).post(
        reverse("recevabilite:declaration", args=[af_request.pk]),
        {
            "finalise": "1",
            "final-name": "Alice Martin",
            "final-place": "Lyon",
            "final-date": "1850-01-01",
            "final-sworn": "on",
        },
    )
    assert response.status_code == 400
    assert RANGE in _page(response)
    af_request.refresh_from_db()
    assert not af_request.is_finalised and af_request.sworn_on is None


def _project_forms():
    for package in ("portal", "home", "selfcheck", "livrets"):
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, f"{package}."):
            if info.name.rsplit(".", 1)[-1] == "forms":
                importlib.import_module(info.name)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return [
        cls
        for cls in subclasses(forms.BaseForm)
        if cls.__module__.startswith(("portal.", "home.", "selfcheck.", "livrets."))
    ]


def test_every_date_field_of_every_form_is_bounded():
    found = _project_forms()
    assert len(found) > 10
    plain = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in found
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.DateField) and not isinstance(field, BoundedDateField)
    ]
    assert plain == []


def test_self_check_dates_out_of_range_are_not_carried_into_the_request(referentials, candidate):
    from livrets.recevabilite import services
    from tests.support.data import version_of

    request, _ = services.start_request(
        owner=candidate,
        version=version_of("conseiller-offres-services"),
        experiences=[
            {"kind": "salarie", "title": "Accueil", "start": "0001-01-01", "end": "9999-12-31"},
            {"kind": "salarie", "title": "Conseil", "start": "2020-01-01", "end": "2022-06-30"},
        ],
    )
    first, second = request.periods.order_by("position")
    assert (first.start, first.end) == (None, None)
    assert (second.start.year, second.end.year) == (2020, 2022)
