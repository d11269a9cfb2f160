"""The candidate deposits the finalised request on the portal (POST only), with the filled
national form where the request is one; adds or replaces that form while the request is
with them; downloads it (as the accompagnateur who reads the request does)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from livrets.desk import national_forms, services
from livrets.livret2.views.documents import document_response
from livrets.recevabilite import selectors as requests
from livrets.recevabilite.models import NationalForm
from portal.uploads import added_message, refuse_upload

NATIONAL_FORM_LABEL = "Le formulaire national rempli (PDF)"


def _refused(request, back: str, error: services.DeskError):
    """A refusal on the national form: the page's error summary links to its field (no
    fragment, which would stop the summary's focus); any other refusal said above."""
    if national_forms.FIELD in error.errors:
        refuse_upload(
            request,
            field="formulaire-national",
            label=NATIONAL_FORM_LABEL,
            message=error.errors[national_forms.FIELD],
        )
        return redirect(back)
    messages.error(request, str(error))
    return redirect(back + "#depot")


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
            national_form=request.FILES.get("national_form"),
        )
    except services.DeskError as error:
        return _refused(request, back, error)
    messages.success(
        request,
        f"Votre demande est déposée sur le portail le {c.deposited_on:%d/%m/%Y}. "
        "Un accusé de dépôt vous est envoyé par courriel.",
    )
    return redirect(back + "#depot")


@require_POST
def national_form_upload(request, rpk: int):
    rq = requests.request_for(request.user, rpk)
    back = reverse("recevabilite:answer", args=[rq.pk])
    try:
        stored = national_forms.set_national_form(
            request=rq, upload=request.FILES.get("national_form")
        )
    except services.DeskError as error:
        return _refused(request, back, error)
    messages.success(request, added_message(stored))
    return redirect(back + "#depot")


@require_safe
def national_form(request, rpk: int):
    rq = requests.readable_request(request.user, rpk)
    found = NationalForm.objects.filter(request=rq).first()
    if found is None:
        raise Http404
    return document_response(found)
