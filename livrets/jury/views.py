"""The grid, its PDF, interview preparation and the jury decision: thin views over the
selectors, services and rules. The candidate and their invited accompagnateur share the grid
URL; another person's livret answers 404."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from livrets.jury import selectors, services
from livrets.jury.forms import DecisionForm, UnitForm
from livrets.jury.models import JuryDecision, Role
from livrets.jury.referential import mastery_of
from livrets.livret2.selectors import livret_for
from livrets.review.selectors import readable_livret
from portal.pdf.export import PdfExport, export_response, printed, progress_response
from portal.pdf.render import render_html
from portal.sessions import base_context
from portal.templatetags.portal_tags import ErrorItem


def _forms(grid, *, role: str, data=None, posted: str = ""):
    rates = grid.mastery.rates_elements
    links = role == Role.CANDIDATE
    return {
        u.unit.code: UnitForm(
            data if u.unit.code == posted else None,
            unit=u,
            rates=rates,
            links=links,
            prefix=None,
        )
        for u in grid.units
    }


# The unit just saved: its confirmation is shown (and focused) in the unit itself, where the
# redirect brings the person back, not at the top of the page.
SAVED_UNIT = "jury-saved-unit"


def _grid_page(request, livret, *, forms=None, status: int = 200):
    role = services.role_of(livret, request.user)
    grid = selectors.grid_of(livret)
    forms = forms or _forms(grid, role=role)
    return render(
        request,
        "jury/grid.html",
        {
            **base_context(request),
            "livret": livret,
            "grid": grid,
            "rows": [(u, forms[u.unit.code]) for u in grid.units],
            "role": role,
            "is_owner": role == Role.CANDIDATE,
            "posted_form": next((f for f in forms.values() if f.is_bound), None),
            "saved_unit": request.session.pop(SAVED_UNIT, "") if status == 200 else "",
        },
        status=status,
    )


def grid(request, pk: int):
    livret = readable_livret(request.user, pk)
    return _grid_page(request, livret)


@require_POST
def rate_unit(request, pk: int, unit: str):
    livret = readable_livret(request.user, pk)
    role = services.role_of(livret, request.user)
    grid = selectors.grid_of(livret)
    shown = next((u for u in grid.units if u.unit.code == unit), None)
    if shown is None:
        raise Http404("Unité inconnue")
    forms = _forms(grid, role=role, data=request.POST, posted=unit)
    form = forms[unit]
    if not form.is_valid():
        return _grid_page(request, livret, forms=forms, status=400)
    try:
        if grid.mastery.rates_elements:
            services.rate_unit(
                livret=livret,
                unit_code=unit,
                role=role,
                author=request.user,
                values=form.ratings(),
            )
        if role == Role.CANDIDATE:
            services.link_evidence(
                livret=livret,
                targets=[r.element.code for r in shown.elements] or [unit],
                chosen=form.evidence(),
                allowed={o.key for o in shown.options},
            )
    except services.JuryError as error:
        form.add_error(None, str(error))
        return _grid_page(request, livret, forms=forms, status=400)
    request.session[SAVED_UNIT] = unit
    return redirect(reverse("jury:grid", args=[livret.pk]) + f"#{shown.anchor}-enregistre")


def history(request, pk: int):
    livret = readable_livret(request.user, pk)
    grid = selectors.grid_of(livret)
    return render(
        request,
        "jury/history.html",
        {
            **base_context(request),
            "livret": livret,
            "grid": grid,
            "ratings": selectors.rating_history(livret),
        },
    )


def interview(request, pk: int):
    livret = readable_livret(request.user, pk)
    ref = livret.referential_version.referential
    return render(
        request,
        "jury/interview.html",
        {
            **base_context(request),
            "livret": livret,
            "ref": ref,
            "mastery": mastery_of(ref),
            "units": [(u, ref.unit_name(u)) for u in ref.units],
            "chosen": selectors.chosen_competences(livret),
        },
    )


def _grid_export(livret) -> PdfExport:
    html = render_html(
        "pdf/jury_grid.html",
        {"grid": selectors.grid_of(livret), "printed_on": timezone.localdate()},
    )
    return printed(
        slot=f"jury-grid:{livret.public_id}",
        html=html,
        filename=f"grille-{livret.cqp.slug}-version-{livret.number}.pdf",
        download_url=reverse("jury:pdf", args=[livret.pk]),
        progress_url=reverse("jury:pdf_progress", args=[livret.pk]),
        back=reverse("jury:grid", args=[livret.pk]),
    )


def grid_pdf(request, pk: int):
    # Access first, every time, before anything is read from the PDF cache.
    livret = readable_livret(request.user, pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return export_response(request, _grid_export(livret))


def grid_pdf_progress(request, pk: int):
    livret = readable_livret(request.user, pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return progress_response(request, _grid_export(livret))


def decision(request, pk: int):
    """Owner only: record the decision received, see how long the validated units are kept.
    Once the certifier recorded the jury's decision on the portal, the page shows it and
    records nothing more for that candidature (a stale tab's POST says why)."""
    livret = livret_for(request.user, pk)
    ref = livret.referential_version.referential
    today = timezone.localdate()
    by_certifier = selectors.certifier_decision(livret.candidature_id)
    form = DecisionForm(request.POST or None, ref=ref, today=today)
    refused = []
    if request.method == "POST" and by_certifier is not None:
        refused = [
            ErrorItem(
                "Le certificateur a enregistré la décision du jury sur le portail : elle ne se "
                "modifie pas ici, et rien n’a été enregistré.",
                "enregistrer",
            )
        ]
    elif request.method == "POST" and form.is_valid():
        try:
            services.record_decision(
                owner=request.user,
                livret=livret,
                decided_on=form.cleaned_data["decided_on"],
                outcome=form.cleaned_data["outcome"],
                validated_units=form.cleaned_data["validated_units"],
            )
        except services.JuryError as error:
            form.add_error("validated_units", str(error))
        else:
            messages.success(request, "La décision du jury est enregistrée.")
            return redirect("jury:decision", pk=livret.pk)
    views = [
        selectors.decision_view(d, ref, today=today)
        for d in selectors.decisions_of(request.user, cqp_id=livret.cqp_id)
    ]
    return render(
        request,
        "jury/decision.html",
        {
            **base_context(request),
            "livret": livret,
            "ref": ref,
            "form": form,
            "views": views,
            "mastery": mastery_of(ref),
            "by_certifier": by_certifier,
            "refused": refused,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def follow_up(request, pk: int, jdid: int):
    """Start a livret 2 on the units the jury did not validate."""
    livret = livret_for(request.user, pk)
    found = get_object_or_404(
        JuryDecision.objects.select_related("livret__referential_version"),
        pk=jdid,
        owner=request.user,
        livret=livret,
    )
    try:
        new = services.start_remaining_livret(decision=found)
    except services.JuryError as error:
        messages.error(request, str(error))
        return redirect("jury:decision", pk=livret.pk)
    messages.success(
        request, "Votre nouveau livret 2 reprend les textes des unités qui restent à valider."
    )
    return redirect("livrets:detail", pk=new.pk)
