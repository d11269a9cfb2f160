"""« Mes démarches »: the candidate's candidatures, each drawn as the procedure's steps with
its dates on one time line."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from livrets.candidatures import selectors
from portal.sessions import base_context
from selfcheck.selectors import assessed_result


def demarches(request):
    today = timezone.localdate()
    overviews = selectors.overviews(request.user, today=today)
    assessed = assessed_result(request.session, today=today)
    checked = None
    verdicts = {}
    if assessed is not None:
        ref, verdict = assessed.referential, assessed.verdict
        if not any(o.candidature.cqp.slug == ref.slug for o in overviews):
            checked = {"slug": ref.slug, "title": ref.title, "verdict": verdict}
        verdicts = {ref.slug: verdict}
    for o in overviews:
        o.verdict = verdicts.get(o.candidature.cqp.slug)
    return render(
        request,
        "candidatures/demarches.html",
        {**base_context(request), "overviews": overviews, "checked": checked, "today": today},
    )
