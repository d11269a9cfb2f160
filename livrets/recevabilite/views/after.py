"""After sending: the answer recorded, the gaps analysis, the livret 2, the PDF."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from livrets.candidatures.forms import AnswerForm
from livrets.recevabilite import selectors, services
from livrets.recevabilite.forms import GapsForm
from livrets.recevabilite.pdf import request_export
from livrets.recevabilite.views.common import context
from portal.pdf.export import PdfExport, export_response, progress_response


def _answer_form(rq, data=None) -> AnswerForm:
    return AnswerForm(
        data,
        candidature=rq.candidature,
        asks_notification=bool(rq.referential_version.referential.delays.validity_months),
    )


def answer(request, rpk: int):
    rq = selectors.request_for(request.user, rpk)
    ref = rq.referential_version.referential
    form = _answer_form(rq, request.POST or None)
    gaps = GapsForm(initial={"units": rq.gap_units, "note": rq.gap_note}, referential=ref)
    if request.method == "POST" and not rq.is_finalised:
        # A tab opened before the request was reopened: the page now shows no form to fill.
        messages.error(
            request,
            "Votre demande n'est plus finalisée : son envoi et la réponse n'ont pas été "
            "enregistrés. Finalisez-la de nouveau, puis indiquez-les.",
        )
        return redirect("recevabilite:answer", rpk=rq.pk)
    if request.method == "POST" and rq.candidature.at_desk:
        messages.error(request, services.AT_DESK)
        return redirect(reverse("recevabilite:answer", args=[rq.pk]) + "#suivi-bureau")
    if request.method == "POST" and form.is_valid():
        try:
            services.record_answer(
                request=rq, facts=form.facts(), by=request.user, today=timezone.localdate()
            )
        except services.RequestError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Le suivi de votre demande est enregistré.")
            return redirect(reverse("recevabilite:answer", args=[rq.pk]) + "#dates")
    return render(
        request,
        "recevabilite/answer.html",
        context(request, rq, form=form, gaps_form=gaps),
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def gaps(request, rpk: int):
    """The gaps the candidate typed from the notification; read-only once the certifier's
    commission recorded its own analysis on the portal. A refusal shows the page again with
    its error summary."""
    rq = selectors.request_for(request.user, rpk)
    back = reverse("recevabilite:answer", args=[rq.pk]) + "#ecarts"
    if selectors.gaps_recorded_by_certifier(rq):
        messages.error(
            request,
            "La commission a enregistré son analyse des écarts sur le portail : vos notes ne "
            "sont plus modifiables.",
        )
        return redirect(back)
    form = GapsForm(request.POST, referential=rq.referential_version.referential)
    if not form.is_valid():
        return render(
            request,
            "recevabilite/answer.html",
            context(request, rq, form=_answer_form(rq), gaps_form=form),
            status=400,
        )
    services.record_gaps(
        request=rq, units=form.cleaned_data["units"], note=form.cleaned_data["note"]
    )
    messages.success(request, "L'analyse des écarts est enregistrée.")
    return redirect(back)


@require_POST
def start_livret(request, rpk: int):
    rq = selectors.request_for(request.user, rpk)
    if not context(request, rq)["outcome"].accepted:
        messages.error(
            request, "Le livret 2 se prépare une fois la recevabilité favorable ou acquise."
        )
        return redirect("recevabilite:answer", rpk=rq.pk)
    activities = request.session.get("selfcheck_activities") or {}
    codes = activities.get("activities", []) if activities.get("cqp") == rq.cqp.slug else []
    livret = services.start_livret(request=rq, activities=[str(c) for c in codes][:200])
    messages.success(request, "Votre livret 2 est prêt, avec vos dates de recevabilité.")
    return redirect("livrets:detail", pk=livret.pk)


def _pdf_export(rq, reader) -> PdfExport:
    """The request's PDF; an accompagnateur goes back to their reading page."""
    page = "recevabilite:detail" if rq.owner_id == reader.pk else "recevabilite:reading"
    return request_export(rq, namespace="recevabilite", back=reverse(page, args=[rq.pk]))


def pdf(request, rpk: int):
    # Access first, every time, before anything is read from the PDF cache.
    rq = selectors.readable_request(request.user, rpk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return export_response(request, _pdf_export(rq, request.user))


def pdf_progress(request, rpk: int):
    rq = selectors.readable_request(request.user, rpk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return progress_response(request, _pdf_export(rq, request.user))
