"""The candidate invites, lists and revokes reviewers; the invitee accepts."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from livrets.livret2 import selectors as livret_selectors
from livrets.review import rules, selectors, services
from livrets.review.forms import InvitationForm, PreferenceForm
from livrets.review.views.common import base_context
from portal.people import display_name


def access(request, pk: int):
    """Owner only: who can read this livret, invite someone, revoke an access."""
    livret = livret_selectors.livret_for(request.user, pk)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.invite(
                livret=livret,
                email=form.cleaned_data["email"],
                organisation=form.cleaned_data["organisation"],
            )
        except services.ReviewError as error:
            form.add_error("email", str(error))
        else:
            services.send_invitation(
                new=new,
                candidate=display_name(request.user),
                link=request.build_absolute_uri(reverse("review:accept", args=[new.token])),
            )
            messages.success(
                request,
                f"Invitation envoyée à {new.invitation.email}. "
                f"Le lien est valable {rules.INVITATION_DAYS} jours.",
            )
            return redirect("review:access", pk=livret.pk)
    rows = [(i, services.state_of(i)) for i in selectors.invitations_of(livret)]
    return render(
        request,
        "review/access.html",
        {
            **base_context(request),
            "livret": livret,
            "form": form,
            "rows": rows,
            "labels": rules.INVITATION_LABELS,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def revoke(request, pk: int, iid: int):
    invitation = selectors.invitation_for_owner(request.user, pk, iid)
    services.revoke(invitation=invitation)
    messages.success(request, f"L'accès de {invitation.email} est retiré.")
    return redirect("review:access", pk=pk)


def accept(request, token: str):
    """The link of the invitation email: GET shows what it is, POST accepts it."""
    invitation = services.find_invitation(token)
    if invitation is None:
        raise Http404("Invitation inconnue")
    state = services.state_of(invitation)
    if state == rules.ACTIVE and invitation.reviewer_id == request.user.pk:
        return redirect("review:livret", pk=invitation.livret_id)
    if not rules.can_accept(state):
        return render(
            request,
            "review/accept.html",
            {**base_context(request), "invitation": invitation, "usable": False, "state": state},
            status=410,
        )
    invited = services.is_invited(invitation, request.user)
    if request.method == "POST" and invited:
        try:
            services.accept(invitation=invitation, user=request.user)
        except services.ReviewError as error:
            messages.error(request, str(error))
            return redirect("review:dashboard")
        messages.success(request, "Invitation acceptée : vous pouvez lire et commenter ce livret.")
        return redirect("review:livret", pk=invitation.livret_id)
    return render(
        request,
        "review/accept.html",
        {
            **base_context(request),
            "invitation": invitation,
            "usable": True,
            "own": invitation.livret.owner_id == request.user.pk,
            "invited": invited,
            "invited_address": rules.masked_email(invitation.email),
        },
        status=403 if request.method == "POST" else 200,
    )


def preferences(request):
    form = PreferenceForm(request.POST or None, instance=services.preference_of(request.user))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Vos préférences de courriels sont enregistrées.")
        return redirect("review:preferences")
    return render(request, "review/preferences.html", {**base_context(request), "form": form})
