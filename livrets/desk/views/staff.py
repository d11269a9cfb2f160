"""The desk's pages: the inbox and a request as deposited, with the secretariat's decision."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from livrets.desk import gaps as gap_analysis
from livrets.desk import rules, selectors, services
from livrets.desk.forms import AssignForm, DecisionForm, GapAnalysisForm, InboxFilterForm
from livrets.desk.models import StaffRole
from livrets.desk.views.common import staff_view
from livrets.livret2.views.documents import document_response
from livrets.recevabilite import selectors as requests
from livrets.recevabilite.models import NationalForm, Proof
from livrets.recevabilite.pdf import request_export
from livrets.recevabilite.views.common import context as request_context
from portal.pdf.export import PdfExport, export_response, progress_response
from portal.sessions import base_context

PER_PAGE = 25


@staff_view
def inbox(request):
    today = timezone.localdate()
    filters = InboxFilterForm(request.GET or None)
    status, search = filters.values()
    box = selectors.inbox(request.user, status=status, search=search, today=today)
    page = Paginator(box.rows, PER_PAGE).get_page(request.GET.get("page"))
    rows = [box.row(c, today=today) for c in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "desk/inbox.html",
        {
            **base_context(request),
            "filters": filters,
            "box": box,
            "page_obj": page,
            "rows": rows,
            "query": query.urlencode(),
            "statuses": [(code, label, box.counts[code]) for code, label in rules.STATUSES.items()],
            "memberships": box.memberships,
            "reads_sessions": any(m.role != StaffRole.EVALUATOR for m in box.memberships),
        },
    )


@staff_view
def request_page(request, rpk: int):
    rq = selectors.request_at_desk(request.user, rpk)
    c = rq.candidature
    roles = selectors.roles_for(request.user, c.cqp_id)
    form = DecisionForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if StaffRole.SECRETARIAT not in roles:
            raise PermissionDenied
        if form.is_valid():
            try:
                decided = services.decide(
                    request=rq,
                    by=request.user,
                    outcome=form.cleaned_data["outcome"],
                    motifs=form.cleaned_data["motifs"],
                    decided_on=form.cleaned_data["decided_on"],
                    today=timezone.localdate(),
                    link=request.build_absolute_uri(reverse("recevabilite:answer", args=[rq.pk])),
                    letter=form.cleaned_data["letter"] or None,
                )
            except services.DeskError as error:
                for field, message in error.errors.items():
                    form.add_error(field or None, message)
            else:
                said = "La décision est enregistrée ; le candidat en est informé par courriel."
                if letter := decided.decision_letter:
                    said += f" La lettre « {letter.name} » y est jointe.{letter.upload_notice}"
                messages.success(request, said)
                return redirect(reverse("desk:request", args=[rq.pk]) + "#decision")
    return _request_response(
        request, rq, roles=roles, form=form, status=400 if request.method == "POST" else 200
    )


def _gaps_context(rq, *, is_secretariat: bool, gaps_form=None) -> dict:
    """004: the commission's analysis of the gaps, and its form once it has decided."""
    if not gap_analysis.asked(rq):
        return {"gaps_asked": False}
    findings = gap_analysis.findings_of(rq.candidature_id)
    units = gap_analysis.units_of(rq, findings)
    can = is_secretariat and rq.candidature.desk_status in rules.GAPS_AFTER
    return {
        "gaps_asked": True,
        "gap_units": [u for u in units if u.said],
        "gaps_recorded_on": max((f.recorded_on for f in findings), default=None),
        "can_record_gaps": can or bool(gaps_form is not None and gaps_form.errors),
        "gaps_form": gaps_form or (GapAnalysisForm(units=units) if can else None),
        "gaps_source": requests.form_of(rq).gaps,
    }


def _request_response(
    request, rq, *, roles, form=None, assign_form=None, gaps_form=None, status=200
):
    c = rq.candidature
    evaluators = selectors.evaluators(c)
    is_secretariat = StaffRole.SECRETARIAT in roles
    return render(
        request,
        "desk/request.html",
        request_context(
            request,
            rq,
            c=c,
            form=form or DecisionForm(),
            assign_form=assign_form or AssignForm(evaluators=evaluators),
            can_decide=is_secretariat and c.desk_status == "a_examiner",
            can_assign=is_secretariat,
            can_record_jury=bool(roles & {StaffRole.SECRETARIAT, StaffRole.JURY}),
            evaluators=evaluators,
            assigned=[m for m in evaluators if m.assigned],
            periods=requests.periods_with_proofs(rq),
            proofs=list(rq.proofs.all()),
            events=selectors.history(c),
            letters=selectors.letters(c),
            livret_at_desk=selectors.deposited_livrets()
            .filter(candidature=c)
            .order_by("-deposited_on", "-number")
            .first(),
            national_form=NationalForm.objects.filter(request=rq).first(),
            **_gaps_context(rq, is_secretariat=is_secretariat, gaps_form=gaps_form),
        ),
        status=status,
    )


@staff_view
def assign(request, rpk: int):
    """The secretariat names an evaluator of the CQP for the candidature, or withdraws one
    (« retirer »). POST only."""
    rq = selectors.request_at_desk(request.user, rpk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    c = rq.candidature
    roles = selectors.roles_for(request.user, c.cqp_id)
    if StaffRole.SECRETARIAT not in roles:
        raise PermissionDenied
    unassign = bool(request.POST.get("retirer"))
    form = AssignForm(request.POST, evaluators=selectors.evaluators(c), unassign=unassign)
    if form.is_valid():
        try:
            name = services.assign(
                request=rq,
                by=request.user,
                evaluator_id=form.cleaned_data["evaluator"],
                unassign=unassign,
            )
        except services.DeskError as error:
            for field, message in error.errors.items():
                form.add_error(field or None, message)
        else:
            said = "n'est plus désigné" if unassign else "est désigné"
            messages.success(request, f"{name} {said} pour cette candidature.")
            return redirect(reverse("desk:request", args=[rq.pk]) + "#evaluateurs")
    if unassign:  # a withdrawal refused (one already withdrawn): said above the list
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(reverse("desk:request", args=[rq.pk]) + "#evaluateurs")
    return _request_response(request, rq, roles=roles, assign_form=form, status=400)


def _pdf_export(rq) -> PdfExport:
    return request_export(rq, namespace="desk", back=reverse("desk:request", args=[rq.pk]))


@staff_view
def pdf(request, rpk: int):
    rq = selectors.request_at_desk(request.user, rpk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return export_response(request, _pdf_export(rq))


@staff_view
def pdf_progress(request, rpk: int):
    rq = selectors.request_at_desk(request.user, rpk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return progress_response(request, _pdf_export(rq))


@staff_view
def proof(request, rpk: int, fid: int):
    rq = selectors.request_at_desk(request.user, rpk)
    found = Proof.objects.filter(request=rq, pk=fid).first()
    if found is None:
        raise Http404
    return document_response(found)


@staff_view
def national_form(request, rpk: int):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return document_response(selectors.national_form_at_desk(request.user, rpk))


@staff_view
def gaps(request, rpk: int):
    """004: the commission records its analysis of the gaps (POST only)."""
    rq = selectors.request_at_desk(request.user, rpk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    roles = selectors.roles_for(request.user, rq.candidature.cqp_id)
    if StaffRole.SECRETARIAT not in roles:
        raise PermissionDenied
    units = gap_analysis.units_of(rq, gap_analysis.findings_of(rq.candidature_id))
    form = GapAnalysisForm(request.POST, units=units)
    if form.is_valid():
        try:
            gap_analysis.record(
                request=rq,
                by=request.user,
                entries=form.entries(),
                today=timezone.localdate(),
                link=request.build_absolute_uri(
                    reverse("recevabilite:answer", args=[rq.pk]) + "#ecarts"
                ),
            )
        except services.DeskError as error:
            for field, message in error.errors.items():
                form.add_error(field or None, message)
        else:
            messages.success(
                request,
                "L'analyse des écarts est enregistrée ; le candidat en est informé par courriel.",
            )
            return redirect(reverse("desk:request", args=[rq.pk]) + "#ecarts")
    return _request_response(request, rq, roles=roles, gaps_form=form, status=400)
