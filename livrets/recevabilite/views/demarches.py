"""« Mes démarches »: per CQP, where the candidate stands and the next date that matters."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.shortcuts import render
from django.utils import timezone

from livrets.livret2.journey import deadlines
from livrets.livret2.models import Livret
from livrets.livret2.views.common import base_context
from livrets.recevabilite import selectors
from livrets.recevabilite.views.common import state


@dataclass
class Step:
    cqp_slug: str
    title: str
    verdict: object = None  # the self-check's verdict in this session, if for this CQP
    request: dict | None = None  # the request's state (views.common.state)
    livret: Livret | None = None
    livret_dates: list = field(default_factory=list)
    next_date: tuple[str, date] | None = None


def _selfcheck(http_request):
    from selfcheck.views import _assessed

    assessed = _assessed(http_request)
    return (assessed[1].slug, assessed[1].title, assessed[2]) if assessed else None


def _next_date(step: Step, today: date) -> tuple[str, date] | None:
    candidates = [(d.label, d.day) for d in step.livret_dates if d.day >= today]
    if step.request:
        candidates += [(d.label, d.day) for d in step.request["outcome"].dates if d.day >= today]
    return min(candidates, key=lambda c: c[1]) if candidates else None


def demarches(request):
    today = timezone.localdate()
    steps: dict[str, Step] = {}
    checked = _selfcheck(request)
    if checked:
        steps[checked[0]] = Step(checked[0], checked[1], verdict=checked[2])
    for rq in selectors.requests_of(request.user):
        step = steps.setdefault(rq.cqp.slug, Step(rq.cqp.slug, rq.referential_version.title))
        step.request = state(rq)
    livrets = Livret.objects.filter(owner=request.user).select_related("cqp", "referential_version")
    for livret in livrets.order_by("cqp_id", "-number"):
        step = steps.setdefault(
            livret.cqp.slug, Step(livret.cqp.slug, livret.referential_version.title)
        )
        if step.livret is None:
            step.livret = livret
            step.livret_dates = deadlines(
                delays=livret.referential_version.referential.delays,
                requested_on=livret.recevabilite_requested_on,
                notified_on=livret.recevabilite_notified_on,
                jury_on=livret.jury_on,
                today=today,
            )
    for step in steps.values():
        step.next_date = _next_date(step, today)
    return render(
        request,
        "recevabilite/demarches.html",
        {**base_context(request), "steps": sorted(steps.values(), key=lambda s: s.title)},
    )
