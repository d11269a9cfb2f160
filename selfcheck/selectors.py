"""Reads for the self-check: the referentials, kept off the database on the API's hot path,
and the result kept in the session."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import NamedTuple

from django.core.cache import cache

from home.referentials.domain import Referential
from home.referentials.models import Cqp
from home.referentials.selectors import current_versions, referential_of_version

from .answers import SESSION_RESULT, eligibility_request
from .eligibility import Verdict, assess
from .payload import parse_eligibility

# slug -> id of the version in force. A version never changes once written, and its typed
# referential is built once per process (``referential_of_version``); only the "current"
# pointer can move, when the referentials are loaded again: `apps.py` drops the key when a
# Cqp is saved, and the timeout bounds how long another process may answer with the former
# version.
CURRENT_KEY = "selfcheck:current-version:{}"
CURRENT_TIMEOUT = 60
SLUG_RE = re.compile(r"[-a-zA-Z0-9_]{1,80}")


def forget_current(slug: str) -> None:
    cache.delete(CURRENT_KEY.format(slug))


def referential_or_none(slug: str) -> Referential | None:
    """The CQP's referential in force, or None (at most two queries, usually none)."""
    if not SLUG_RE.fullmatch(slug):  # no such CQP can exist (and no such cache key)
        return None
    key = CURRENT_KEY.format(slug)
    pk = cache.get(key)
    if pk is None:
        pk = Cqp.objects.filter(slug=slug).values_list("current_id", flat=True).first()
        if pk is None:
            return None
        cache.set(key, pk, CURRENT_TIMEOUT)
    ref = referential_of_version(pk)
    if ref is None:  # the database changed under the cache
        forget_current(slug)
    return ref


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


class Assessed(NamedTuple):
    answers: dict
    referential: Referential
    verdict: Verdict


def assessed_result(session: Mapping, *, today: date) -> Assessed | None:
    """The self-check answers kept in the session, checked again, and their verdict; None
    when there are none or they no longer pass the checks."""
    answers = session.get(SESSION_RESULT)
    if not isinstance(answers, dict):
        return None
    checked, _errors = parse_eligibility(
        eligibility_request(answers), today=today, find_referential=referential_or_none
    )
    if checked is None:
        return None
    verdict = assess(
        checked.referential,
        periods=checked.periods,
        activities=checked.activities,
        as_of=checked.as_of,
    )
    return Assessed(answers, checked.referential, verdict)
