"""Reads of the referentials, for the notices, the self-check and the livrets."""

from __future__ import annotations

from django.db.models import F, QuerySet
from django.http import Http404

from . import builder
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


# Version id -> content hash, the key of the one referential cache (``builder.cached``).
_HASH_OF_VERSION: dict[int, str] = {}


def referential_of_version(pk: int) -> Referential | None:
    """The typed referential of a version, by id: one query the first time in a process, none
    after (a version never changes). The view is the one ``ReferentialVersion.referential``
    gives: the same cache, keyed by content hash."""
    digest = _HASH_OF_VERSION.get(pk)
    if digest is not None:
        try:
            return builder.cached(
                digest,
                lambda: ReferentialVersion.objects.values_list("data", flat=True).get(pk=pk),
            )
        except ReferentialVersion.DoesNotExist:
            del _HASH_OF_VERSION[pk]
            return None
    row = ReferentialVersion.objects.filter(pk=pk).values_list("content_hash", "data").first()
    if row is None:
        return None
    digest, data = row
    _HASH_OF_VERSION[pk] = digest
    return builder.cached(digest, lambda: data)
