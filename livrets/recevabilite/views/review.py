"""The accompagnateur invited on a livret 2 of the same CQP reads the request and comments."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from livrets.recevabilite import selectors, services
from livrets.recevabilite.forms import CommentForm
from livrets.recevabilite.views.common import PARTS, context


def reading(request, rpk: int):
    rq = selectors.readable_request(request.user, rpk)
    form = CommentForm(request.POST or None, parts=list(PARTS.items()))
    if request.method == "POST" and form.is_valid():
        services.add_comment(
            request=rq,
            author=request.user,
            part=form.cleaned_data["part"],
            body=form.cleaned_data["body"],
            opinion=form.cleaned_data["opinion"] or "",
        )
        messages.success(request, "Votre commentaire est enregistré.")
        return redirect(reverse("recevabilite:reading", args=[rq.pk]) + "#commentaires")
    comments = list(rq.comments.select_related("author"))
    return render(
        request,
        "recevabilite/reading.html",
        context(
            request,
            rq,
            comment_form=form,
            comments=comments,
            parts=PARTS,
            periods=selectors.periods_with_proofs(rq),
            is_owner=rq.owner_id == request.user.pk,
        ),
        status=400 if request.method == "POST" else 200,
    )
