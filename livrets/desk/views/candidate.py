"""The candidate deposits the finalised request on the portal (POST only)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from livrets.desk import services
from livrets.recevabilite import selectors as requests


@require_POST
def deposit(request, rpk: int):
    rq = requests.request_for(request.user, rpk)
    back = reverse("recevabilite:answer", args=[rq.pk])
    try:
        c = services.deposit(
            request=rq,
            by=request.user,
            today=timezone.localdate(),
            link=request.build_absolute_uri(back),
        )
    except services.DeskError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"Votre demande est déposée sur le portail le {c.deposited_on:%d/%m/%Y}. "
            "Un accusé de dépôt vous est envoyé par courriel.",
        )
    return redirect(back + "#depot")
