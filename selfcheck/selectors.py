"""Reads of the referentials for the self-check, kept to one light query per request."""

from __future__ import annotations

from django.db.models import F

from home.referentials.domain import Referential
from home.referentials.models import ReferentialVersion
from home.referentials.selectors import current_versions


def referential_or_none(slug: str) -> Referential | None:
    """The CQP's referential in force, or None. One query for the version's id only: the
    typed referential of a version (immutable) is built once per process."""
    pk = (
        ReferentialVersion.objects.filter(cqp__slug=slug, cqp__current=F("pk"))
        .values_list("pk", flat=True)
        .first()
    )
    if pk is None:
        return None
    ref = _BY_VERSION.get(pk)
    if ref is None:
        ref = _BY_VERSION[pk] = ReferentialVersion.objects.get(pk=pk).referential
    return ref


_BY_VERSION: dict[int, Referential] = {}


def cqp_list() -> list[dict]:
    """Every CQP in force: slug, title, certifier, RNCP number (one query)."""
    return [
        {
            "slug": v["cqp_slug"],
            "title": v["title"],
            "certifier": v["certifier"],
            "rncp": v["rncp"] or None,
        }
        for v in current_versions().values("cqp_slug", "title", "certifier", "rncp")
    ]
