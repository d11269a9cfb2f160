"""What every page's header needs to know about the visitor."""

from __future__ import annotations

from django.http import HttpRequest

from livrets.candidatures import access


def navigation(request: HttpRequest) -> dict:
    """``follows_livrets``: whether the user accompanies a candidature (its « Accompagnement »
    link), asked (one query) only by a page that shows the header, signed in."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"follows_livrets": False}
    return {"follows_livrets": lambda: access.follows_any(user)}
