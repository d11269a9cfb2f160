"""Reads of the referentials, for the notices, the self-check and the livrets."""

from __future__ import annotations

from django.db.models import F, QuerySet
from django.http import Http404

from .models import ReferentialVersion


def current_versions() -> QuerySet[ReferentialVersion]:
    """The version in force of every CQP (one query), with `cqp_slug` annotated."""
    return (
        ReferentialVersion.objects.filter(cqp__current=F("pk"))
        .defer("data")
        .annotate(cqp_slug=F("cqp__slug"))
        .order_by("title")
    )


def current_version(slug: str) -> ReferentialVersion:
    version = current_versions().filter(cqp__slug=slug).first()
    if version is None:
        raise Http404("CQP inconnu")
    return version


def cqp_choices() -> list[tuple[str, str]]:
    return [(v.cqp_slug, v.title) for v in current_versions()]
