"""Chromium: the editor's « Proposé par le portail » mark is as wide as its words."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.support.browser import login
from tests.support.data import fill_situation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_proposed_mark_does_not_stretch_across_the_field(page, live_server, livret, candidate):
    fill_situation(livret, "activite-1")
    url = reverse("livrets:section", args=[livret.pk, "activite-1"])
    login(page, live_server, candidate.email, url)
    field = page.locator(".livret-field").filter(has=page.locator(".proposed")).first
    mark = field.locator(".proposed").first
    mark_box, field_box = mark.bounding_box(), field.bounding_box()
    assert "Proposé par le portail" in mark.inner_text()
    # The words take about 12 em; the field is the page's width.
    assert mark_box["width"] < 300 < field_box["width"]
    assert mark_box["x"] == pytest.approx(field_box["x"], abs=8)
