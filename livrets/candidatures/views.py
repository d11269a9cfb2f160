"""« Mes démarches »: the candidate's candidatures, each drawn as the procedure's steps with
its dates on one time line."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from livrets.candidatures import selectors
from portal.sessions import base_context
from selfcheck.views import _assessed


def demarches(request):
    today = timezone.localdate()
    overviews = selectors.overviews(request.user, today=today)
    assessed = _assessed(request)
    checked = None
    if assessed and not any(o.candidature.cqp.slug == assessed[1].slug for o in overviews):
        checked = {"slug": assessed[1].slug, "title": assessed[1].title, "verdict": assessed[2]}
    verdicts = {assessed[1].slug: assessed[2]} if assessed else {}
    for o in overviews:
        o.verdict = verdicts.get(o.candidature.cqp.slug)
    return render(
        request,
        "candidatures/demarches.html",
        {**base_context(request), "overviews": overviews, "checked": checked, "today": today},
    )
