"""« Plan du site »: every public view of the URL configuration is placed, none forgotten."""

from __future__ import annotations

from home.legal.plan import NOT_IN_PLAN, TITLES, public_views


def test_every_public_view_is_in_the_plan_or_said_why_not():
    public = set(public_views())
    placed = set(TITLES) | set(NOT_IN_PLAN)
    assert public - placed == set(), "public views missing from the plan (home.legal.plan)"
    assert placed - public == set(), "views named by the plan that are not public any more"
    assert set(TITLES).isdisjoint(NOT_IN_PLAN)
