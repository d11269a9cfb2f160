"""What every desk page checks first: a staff member (404 for anyone else), signed in with a
second factor (TOTP, allauth's, as the portal offers everyone)."""

from __future__ import annotations

from functools import wraps

from allauth.mfa.utils import is_mfa_enabled
from django.http import Http404
from django.shortcuts import render

from livrets.desk import selectors


def staff_view(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not selectors.is_staff_member(request.user):
            raise Http404
        # allauth asks the second factor at sign-in as soon as one is active: a staff member
        # with a TOTP app reached this page through it.
        if not is_mfa_enabled(request.user, ["totp"]):
            return render(request, "desk/mfa_required.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper
