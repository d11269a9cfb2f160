"""The certifier's decision letter, downloaded by those who read the request: the candidate,
their accompagnateur (as the request's reading admits them), the staff of its CQP. A private
attachment of the portal's own storage, never a public URL."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_safe

from livrets.desk import selectors
from livrets.livret2.views.documents import document_response


@require_safe
def letter(request, rpk: int, lid: int):
    access = selectors.letter_for(request.user, rpk, lid)
    if access.needs_mfa:
        return render(request, "desk/mfa_required.html", status=403)
    return document_response(access.letter)
