"""What every page's header needs to know about the visitor."""

from __future__ import annotations

from django.http import HttpRequest


def follows_livrets(user) -> bool:
    """Whether the user accompanies at least one candidate (an accepted, unrevoked invitation)."""
    from livrets.review.models import Invitation

    return Invitation.objects.active().filter(reviewer=user).exists()


def navigation(request: HttpRequest) -> dict:
    """``follows_livrets``: asked (one query) only by a page that shows the header, signed in."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"follows_livrets": False}
    return {"follows_livrets": lambda: follows_livrets(user)}
