"""The evaluators' grid of a candidature: the evaluators assigned to it fill it, one part per
form; the CQP's secretariat and jury read it. Its PDF, and for 000 the « e-certif » file."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from livrets.desk import grid_selectors, grid_services, selectors
from livrets.desk.forms import GridPartForm
from livrets.desk.grid_selectors import REVIEW
from livrets.desk.models import StaffRole
from livrets.desk.pdf import ecertif_pdf
from livrets.desk.views.common import staff_view
from livrets.jury.referential import BLOC_THRESHOLD
from portal.pdf import limits
from portal.pdf.export import PdfExport, export_response, printed, progress_response
from portal.pdf.render import render_html
from portal.pdf.response import failed, pdf_file, too_many
from portal.pdf.worker import PdfError
from portal.sessions import base_context

SAVED_PART = "desk-grid-saved"


def _sheet(request, rpk: int):
    rq = selectors.request_at_desk(request.user, rpk)
    c = rq.candidature
    sheet = grid_selectors.sheet_of(c, rq.referential_version.referential)
    roles = selectors.roles_for(request.user, c.cqp_id)
    can_edit = StaffRole.EVALUATOR in roles and grid_selectors.is_assigned(request.user, c)
    return rq, sheet, can_edit


def _form(sheet, part: str, *, data=None, editable: bool):
    layout = sheet.layout
    if part == REVIEW:
        return GridPartForm(
            data,
            rows=[],
            texts=sheet.comments,
            version=sheet.review_version,
            layout=layout,
            editable=editable,
            auto_id=f"{part}-%s",
        )
    unit = sheet.unit(part)
    return GridPartForm(
        data,
        rows=unit.rows,
        texts=[unit.points],
        version=unit.version,
        layout=layout,
        editable=editable,
        auto_id=f"{part}-%s",
    )


def _page(request, rq, sheet, *, can_edit, posted=None, stale="", status=200):
    forms = {}
    if sheet.layout is not None:
        for part in [*(u.unit.code for u in sheet.units), REVIEW]:
            forms[part] = (
                posted[1] if posted and posted[0] == part else _form(sheet, part, editable=can_edit)
            )
    return render(
        request,
        "desk/grid.html",
        {
            **base_context(request),
            "rq": rq,
            "c": sheet.candidature,
            "sheet": sheet,
            "layout": sheet.layout,
            "units": [(u, forms[u.unit.code]) for u in sheet.units],
            "review_form": forms.get(REVIEW),
            "can_edit": can_edit,
            "posted_form": posted[1] if posted else None,
            "posted_part": posted[0] if posted else "",
            "stale": stale,
            "saved_part": request.session.pop(SAVED_PART, "") if status == 200 else "",
        },
        status=status,
    )


@staff_view
def grid(request, rpk: int):
    rq, sheet, can_edit = _sheet(request, rpk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return _page(request, rq, sheet, can_edit=can_edit)


@staff_view
def save_part(request, rpk: int, part: str):
    """An assigned evaluator saves one compétence (or bloc), or the final review. POST only."""
    rq, sheet, can_edit = _sheet(request, rpk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if sheet.layout is None or (part != REVIEW and sheet.unit(part) is None):
        raise Http404
    if not can_edit:
        raise PermissionDenied
    form = _form(sheet, part, data=request.POST, editable=True)
    if not form.is_valid():
        return _page(request, rq, sheet, can_edit=True, posted=(part, form), status=400)
    try:
        grid_services.save(
            sheet=sheet,
            by=request.user,
            part=part,
            marks=form.marks(),
            texts=form.texts(),
            version=form.cleaned_data["version"],
        )
    except grid_services.StaleGrid as error:
        # Shown again with what was posted, against the version saved now.
        data = request.POST.copy()
        data["version"] = _form(sheet, part, editable=True)["version"].initial
        kept = _form(sheet, part, data=data, editable=True)
        kept.is_valid()
        kept.add_error(None, str(error))
        return _page(
            request, rq, sheet, can_edit=True, posted=(part, kept), stale=str(error), status=409
        )
    request.session[SAVED_PART] = part
    anchor = "bilan" if part == REVIEW else sheet.unit(part).anchor
    return redirect(reverse("desk:grid", args=[rq.pk]) + f"#{anchor}-enregistre")


def _grid_export(rq, sheet) -> PdfExport:
    owner = rq.candidature.owner
    html = render_html(
        "pdf/desk_grid.html",
        {
            "sheet": sheet,
            "layout": sheet.layout,
            "candidate": owner.get_full_name() or owner.email,
            "printed_on": timezone.localdate(),
        },
    )
    return printed(
        slot=f"desk-grid:{rq.candidature.public_id}",
        html=html,
        filename=f"grille-evaluation-{rq.cqp.slug}.pdf",
        download_url=reverse("desk:grid_pdf", args=[rq.pk]),
        progress_url=reverse("desk:grid_pdf_progress", args=[rq.pk]),
        back=reverse("desk:grid", args=[rq.pk]),
    )


@staff_view
def grid_pdf(request, rpk: int):
    # Access first, every time, before anything is read from the PDF cache.
    rq, sheet, _ = _sheet(request, rpk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return export_response(request, _grid_export(rq, sheet))


@staff_view
def grid_pdf_progress(request, rpk: int):
    rq, sheet, _ = _sheet(request, rpk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return progress_response(request, _grid_export(rq, sheet))


@staff_view
def ecertif(request, rpk: int):
    """000: the candidate's deposited file (the request, the latest livret 2) followed by the
    evaluators' tool, one PDF for the secretariat's registration in « e-certif »."""
    rq, sheet, _ = _sheet(request, rpk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    if sheet.mastery.kind != BLOC_THRESHOLD:
        raise Http404
    back = reverse("desk:grid", args=[rq.pk])
    if not limits.take_export(request):
        return too_many(request, back=back)
    try:
        joined = ecertif_pdf(rq, grid_html=_grid_export(rq, sheet).make_html())
    except PdfError as error:
        return failed(request, error, back=back)
    return pdf_file(joined, f"e-certif-{rq.cqp.slug}-{rq.candidature.public_id}.pdf")
