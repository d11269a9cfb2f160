"""Reads of the referentials, for the notices, the self-check and the livrets."""

from __future__ import annotations

from django.db.models import F, QuerySet
from django.http import Http404

from .domain import Referential
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


def referential_of_version(pk: int) -> Referential | None:
    """The typed referential of a version, by id: one query the first time in a process, none
    after (a version never changes). The portal's one referential cache is
    ``Referential.cached``; this is its entry by version id."""
    try:
        return Referential.cached(
            ("version", pk),
            lambda: ReferentialVersion.objects.values_list("data", flat=True).get(pk=pk),
        )
    except ReferentialVersion.DoesNotExist:
        return None
