"""Helpers shared by the request's views."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from home.referentials.selectors import referential_of_version
from livrets.recevabilite import rules, selectors
from livrets.recevabilite.models import RecevabiliteRequest, RequestComment
from portal.sessions import base_context

PARTS = dict(RequestComment.Part.choices)


def missing_url(request: RecevabiliteRequest, item: rules.Missing) -> str:
    if item.part == "identite":
        return reverse("recevabilite:identity", args=[request.pk]) + f"#{item.anchor}"
    if item.part == "formation":
        return reverse("recevabilite:education", args=[request.pk]) + f"#{item.anchor}"
    if item.part == "periode" and item.period:
        return reverse("recevabilite:period", args=[request.pk, item.period]) + f"#{item.anchor}"
    if item.part == "periode":
        return reverse("recevabilite:detail", args=[request.pk]) + f"#{item.anchor}"
    return reverse("recevabilite:declaration", args=[request.pk]) + f"#{item.anchor}"


def referential_changed(request: RecevabiliteRequest) -> bool:
    """Whether the CQP's referential in force differs from the one the request was written
    against (no query when the request's version is still in force)."""
    current = request.cqp.current_id
    if not current or current == request.referential_version_id:
        return False
    now = referential_of_version(current)
    return now is not None and now.certification_changed_since(
        request.referential_version.referential
    )


def state(request: RecevabiliteRequest) -> dict:
    """The request form, its content, what is missing (with links) and where it stands."""
    form = selectors.form_of(request)
    content = selectors.content(request)
    missing = rules.missing(form, content)
    out = rules.outcome(
        form,
        delays=request.referential_version.referential.delays,
        facts=request.candidature.facts,
        finalised=request.is_finalised,
        today=timezone.localdate(),
        referential_changed=bool(form.validity) and referential_changed(request),
    )
    return {
        "rq": request,
        "form_spec": form,
        "content": content,
        "missing": [(m, missing_url(request, m)) for m in missing],
        "outcome": out,
        "ref": request.referential_version.referential,
    }


def context(http_request, request: RecevabiliteRequest, **extra) -> dict:
    return {**base_context(http_request), **state(request), **extra}
