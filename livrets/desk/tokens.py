"""The certifiers' API tokens: issued by a superuser for a certifier's system and its CQPs,
kept as a SHA-256 only, revoked at will. What a token reads is written once here, as the
staff's reads are in ``selectors``: the candidatures of its CQPs deposited on the portal
(404 for any other, never saying it exists).

The API's writes go through the desk's services in the name of the token's creator (the
superuser who answers for it), and each ``DeskEvent`` they leave says
``after["via"] = "api:<token name>"``: the history tells a decision sent by a certifier's
system from one made on the desk's pages."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Iterable
from datetime import date

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from livrets.candidatures.models import Candidature
from livrets.desk import selectors
from livrets.desk.models import ApiToken, DeskEvent

PREFIX = "cqpvae_"


class TokenError(Exception):
    """A token that cannot be issued: the reason in French."""


def digest(clear: str) -> str:
    return hashlib.sha256(clear.encode()).hexdigest()


def issue(*, name: str, cqps: Iterable, by) -> tuple[ApiToken, str]:
    """A new token for ``name`` (the certifier's system) reading ``cqps``: the token row and
    the clear token, which is shown once and kept nowhere."""
    name = name.strip()
    cqps = list(cqps)
    if not name:
        raise TokenError("Indiquez le nom du système du certificateur.")
    if not cqps:
        raise TokenError("Indiquez au moins un CQP que le jeton peut lire.")
    if by is None or not by.is_superuser:
        raise TokenError("Seul un administrateur du portail crée un jeton.")
    clear = PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            name=name[:120],
            token_hash=digest(clear),
            prefix=clear[: len(PREFIX) + 4],
            created_by=by,
        )
        token.cqps.set(cqps)
    return token, clear


def revoke(token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def authenticate(clear: str) -> ApiToken | None:
    """The token in force whose SHA-256 is that of ``clear`` (its last use noted), or None
    for an unknown token, a revoked one, or one whose creator's account is gone."""
    if not clear or len(clear) > 200:
        return None
    token = (
        ApiToken.objects.filter(token_hash=digest(clear), revoked_at__isnull=True)
        .select_related("created_by")
        .first()
    )
    if token is None or token.created_by is None or not token.created_by.is_active:
        return None
    now = timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
    return token


def cqp_ids(token: ApiToken) -> list[int]:
    return sorted(token.cqps.values_list("pk", flat=True))


def readable(token: ApiToken) -> QuerySet[Candidature]:
    """The candidatures of the token's CQPs whose request was deposited on the portal."""
    return Candidature.objects.filter(cqp_id__in=cqp_ids(token), deposited_on__isnull=False)


def candidature(token: ApiToken, public_id) -> Candidature:
    """One candidature the token reads, with its request, annotated as the lists' rows are
    (its status is theirs); 404 for any other."""
    found = (
        selectors.listed(readable(token))  # as a row of a list: the same status
        .filter(public_id=public_id)
        .select_related("request__referential_version")
        .first()
    )
    if found is None:
        raise Http404
    return found


def listed(token: ApiToken, *, status: str, today: date):
    """The token's candidatures with the given status (every status when empty), the latest
    deposits first, and the CQPs' delays (to compute each row's status and silence date)."""
    cqps = list(token.cqps.all())
    delays = selectors.delays_of(cqps)
    rows = selectors.listed(readable(token)).order_by("-deposited_on", "pk")
    if status:
        rows = rows.filter(selectors.status_filter(status, delays=delays, today=today))
    return rows, delays


def via[T](token: ApiToken, write: Callable[[], T], *, candidatures: Iterable[int]) -> T:
    """Run ``write`` (a desk service called with ``by=token.created_by``) and mark the
    ``DeskEvent`` rows it left on ``candidatures`` as sent through the API, in one
    transaction."""
    with transaction.atomic():
        last = DeskEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        result = write()
        events = DeskEvent.objects.filter(
            pk__gt=last, candidature_id__in=list(candidatures), actor=token.created_by
        )
        for event in events:
            event.after = {**event.after, "via": token.via}
            event.save(update_fields=["after"])
    return result
