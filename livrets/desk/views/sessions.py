"""The jury sessions of the CQP: the secretariat sets them up and seats (convenes) the
candidates; the jury's members read them. Another certifier's session: 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from livrets.candidatures.models import Candidature
from livrets.desk import jury_selectors, selectors, services
from livrets.desk.forms import SeatForm, SessionForm
from livrets.desk.views.common import staff_view
from portal.sessions import base_context


def _add_errors(form, error) -> None:
    for field, message in error.errors.items():
        form.add_error(field if field in form.fields else None, message)


@staff_view
def sessions(request):
    found = jury_selectors.sessions_of(request.user)  # 404 without a secretariat or jury role
    cqps = jury_selectors.session_cqps(request.user, write=True)
    form = SessionForm(request.POST or None, cqps=cqps)
    if request.method == "POST":
        if not cqps:
            raise PermissionDenied
        if form.is_valid():
            try:
                created = services.create_session(
                    cqp=form.chosen_cqp(),
                    held_on=form.cleaned_data["held_on"],
                    place=form.cleaned_data["place"],
                    by=request.user,
                    today=timezone.localdate(),
                )
            except services.DeskError as error:
                _add_errors(form, error)
            else:
                messages.success(request, f"La session du {created.held_on:%d/%m/%Y} est créée.")
                return redirect("desk:session", spk=created.pk)
    return render(
        request,
        "desk/sessions.html",
        {**base_context(request), "sessions": found, "form": form, "can_create": bool(cqps)},
        status=400 if request.method == "POST" else 200,
    )


@staff_view
def session(request, spk: int):
    s = jury_selectors.session_at_desk(request.user, spk)
    can_seat = s.cqp_id in {c.pk for c in jury_selectors.session_cqps(request.user, write=True)}
    seatable = jury_selectors.seatable(request.user, s) if can_seat else []
    form = SeatForm(
        request.POST or None,
        choices=[(c.pk, c.owner.get_full_name() or c.owner.email) for c in seatable],
    )
    if request.method == "POST":
        if not can_seat:
            raise PermissionDenied
        unseat = bool(request.POST.get("retirer"))
        response = _seat(request, s, form, unseat=unseat)
        if response is not None:
            return response
    return render(
        request,
        "desk/session.html",
        {
            **base_context(request),
            "s": s,
            "seats": jury_selectors.seated(s),
            "form": form,
            "can_seat": can_seat,
        },
        status=400 if request.method == "POST" else 200,
    )


def _seat(request, s, form, *, unseat: bool):
    back = reverse("desk:session", args=[s.pk])
    today = timezone.localdate()
    link = request.build_absolute_uri(reverse("candidatures:demarches"))
    if unseat:
        c = _candidature(request, s)
        try:
            services.unseat(session=s, candidature=c, by=request.user, today=today, link=link)
        except services.DeskError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Le candidat est retiré de la session ; il en est averti.")
        return redirect(back + "#candidats")
    if not form.is_valid():
        return None
    c = _candidature(request, s, form.cleaned_data["candidature"])
    try:
        services.seat(session=s, candidature=c, by=request.user, today=today, link=link)
    except services.DeskError as error:
        _add_errors(form, error)
        return None
    messages.success(request, "Le candidat est convoqué ; la convocation lui est envoyée.")
    return redirect(back + "#candidats")


def _candidature(request, s, pk=None) -> Candidature:
    """A candidature of the session's CQP read at this desk (404 otherwise)."""
    if pk is None:
        try:
            pk = int(request.POST.get("candidature", ""))
        except ValueError:
            raise Http404 from None
    found = (
        selectors.at_desk(request.user)
        .filter(pk=pk, cqp_id=s.cqp_id)
        .select_related("owner")
        .first()
    )
    if found is None:
        raise Http404
    return found
