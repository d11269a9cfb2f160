"""The jury's decision recorded by the certifier: its secretariat or a jury member of the CQP
records it (POST); every staff member who reads the candidature sees it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from livrets.desk import selectors, services
from livrets.desk.forms import JuryDecisionForm
from livrets.desk.models import StaffRole
from livrets.desk.views.common import staff_view
from livrets.jury import selectors as jury_selectors
from portal.sessions import base_context

RECORDERS = {StaffRole.SECRETARIAT, StaffRole.JURY}


@staff_view
def jury_decision(request, rpk: int):
    rq = selectors.request_at_desk(request.user, rpk)
    c = rq.candidature
    can_record = bool(selectors.roles_for(request.user, c.cqp_id) & RECORDERS)
    livret = selectors.jury_livret(c)
    ref = (livret.referential_version if livret else rq.referential_version).referential
    form = JuryDecisionForm(request.POST or None, request.FILES or None, ref=ref)
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        if form.is_valid():
            try:
                decision = services.record_jury_decision(
                    candidature=c,
                    outcome=form.cleaned_data["outcome"],
                    validated_units=form.cleaned_data["validated_units"],
                    motifs=form.cleaned_data["motifs"],
                    decided_on=form.cleaned_data["decided_on"],
                    by=request.user,
                    today=timezone.localdate(),
                    letter=form.cleaned_data["letter"] or None,
                    link=request.build_absolute_uri(reverse("jury:decision", args=[livret.pk]))
                    if livret
                    else "",
                )
            except services.DeskError as error:
                for field, message in error.errors.items():
                    form.add_error(field or None, message)
            else:
                said = (
                    "La décision du jury est enregistrée ; le candidat en est informé par courriel."
                )
                if letter := decision.sent_letter:
                    said += f" La lettre « {letter.name} » y est jointe.{letter.upload_notice}"
                messages.success(request, said)
                return redirect("desk:jury_decision", rpk=rq.pk)
    recorded = jury_selectors.certifier_decision(c.pk)
    today = timezone.localdate()
    return render(
        request,
        "desk/jury_decision.html",
        {
            **base_context(request),
            "rq": rq,
            "c": c,
            "ref": ref,
            "livret": livret,
            "form": form,
            "can_record": can_record and recorded is None and livret is not None,
            "may_record": can_record,
            "view": jury_selectors.decision_view(recorded, ref, today=today) if recorded else None,
            "events": selectors.history(c),
        },
        status=400 if request.method == "POST" else 200,
    )
