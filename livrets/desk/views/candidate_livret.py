"""The candidate (or, where the source says so, their accompagnateur) deposits the
finalised livret 2 to the certifier (POST only)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from livrets.desk import jury_selectors, services

STALE = (
    "Cette page n'était plus à jour : votre livret a changé depuis. Relisez-le, puis déposez-le "
    "de nouveau."
)


@require_POST
def deposit_livret(request, pk: int):
    livret = jury_selectors.livret_for_deposit(request.user, pk)
    own = livret.owner_id == request.user.pk
    back = reverse("livrets:detail" if own else "review:livret", args=[livret.pk]) + "#depot-livret"
    if request.POST.get("revision") != str(livret.content_revision):
        messages.error(request, STALE)
        return redirect(back)
    try:
        services.deposit_livret(
            livret=livret,
            by=request.user,
            today=timezone.localdate(),
            link=request.build_absolute_uri(reverse("livrets:detail", args=[livret.pk])),
        )
    except services.DeskError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"Le livret 2 est déposé auprès du certificateur le {timezone.localdate():%d/%m/%Y}. "
            "Un accusé de dépôt est envoyé au candidat par courriel.",
        )
    return redirect(back)
