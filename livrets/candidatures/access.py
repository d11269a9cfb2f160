"""The one access rule: a candidature is read by its owner and by the accompagnateurs whose
invitation to it is accepted and not revoked; they then read its request, livret(s) and grid.

Every app filters its records through ``readable`` (or ``readable_filter`` for a model with a
``candidature`` foreign key) and asks ``role_of``; nothing else decides who reads what. The
invitations are the accompaniment's (``review.Invitation``), reached here through their
``invitations`` relation to the candidature.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q, QuerySet

from livrets.candidatures.models import Candidature


class Role(models.TextChoices):
    CANDIDATE = "candidat", "Candidat"
    ACCOMPAGNATEUR = "accompagnateur", "Accompagnateur"


def _active(prefix: str = "") -> dict:
    return {
        f"{prefix}invitations__accepted_at__isnull": False,
        f"{prefix}invitations__revoked_at__isnull": True,
    }


def followed(user) -> QuerySet[Candidature]:
    """The candidatures the user accompanies right now."""
    if not user.is_authenticated:
        return Candidature.objects.none()
    return Candidature.objects.filter(invitations__reviewer=user, **_active()).distinct()


def readable_filter(user, field: str = "candidature") -> Q:
    """A filter on a model with a foreign key ``field`` to the candidature: the user's own
    records and those of the candidatures the user accompanies."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    return Q(**{f"{field}__owner": user}) | Q(**{f"{field}__in": followed(user).values("pk")})


def readable(user) -> QuerySet[Candidature]:
    """The candidatures the user owns or follows."""
    if not user.is_authenticated:
        return Candidature.objects.none()
    return Candidature.objects.filter(Q(owner=user) | Q(pk__in=followed(user).values("pk")))


def role_of(user, candidature: Candidature) -> str | None:
    """``candidat``, ``accompagnateur`` or None (no access)."""
    if not user.is_authenticated:
        return None
    if candidature.owner_id == user.pk:
        return Role.CANDIDATE
    if followed(user).filter(pk=candidature.pk).exists():
        return Role.ACCOMPAGNATEUR
    return None


def follows_any(user) -> bool:
    return followed(user).exists()


def has_accompagnateur(candidature: Candidature) -> bool:
    return Candidature.objects.filter(pk=candidature.pk, **_active()).exists()


def followers(candidature: Candidature):
    """The accounts that accompany the candidature now, each once."""
    return list(
        get_user_model()
        .objects.filter(
            followed_invitations__candidature=candidature,
            followed_invitations__accepted_at__isnull=False,
            followed_invitations__revoked_at__isnull=True,
        )
        .distinct()
        .order_by("pk")
    )
