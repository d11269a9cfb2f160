"""Posting, replying, resolving and reopening comments: htmx fragments, or a redirect."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from livrets.livret2.anchors import Anchor
from livrets.review import selectors, services
from livrets.review.views.common import base_context, safe_next
from portal.templatetags.portal_tags import ErrorItem

# The textarea of the page shown without JavaScript after a refused comment.
TEXT_ID = "commentaire-texte"


def _thread(request, livret, part: str, key: str, flash: str, **extra):
    """The anchor's thread, the fragment htmx swaps in place of the old one."""
    review = selectors.review_of_livret(
        livret=livret,
        user=request.user,
        detached=request.POST.get("detached") == "1",
        next=safe_next(request, ""),
    )
    return render(
        request,
        "review/_thread.html",
        {
            "livret": livret,
            "review": review,
            "t": review.thread((Anchor.parse(part, key) or Anchor()).name),
            "label": selectors.thread_label(livret, part=part, field=key),
            "flash": flash,
            **extra,
        },
        status=400 if extra.get("error") else 200,
    )


def _answer(request, livret, part: str, key: str, flash: str, anchor: str = ""):
    """The anchor's thread for htmx; otherwise back to the page the form was on."""
    if request.htmx:
        return _thread(request, livret, part, key, flash)
    messages.success(request, flash)
    default = reverse("review:livret", args=[livret.pk])
    target = safe_next(request, default)
    if anchor and "#" not in target:
        target += f"#{anchor}"
    return redirect(target)


def _error(request, livret, part: str, key: str, error: str, *, reply_to=None):
    """A refused comment or reply: the error beside its field, the typed text kept.

    With htmx, the thread again (status 400, which the page's htmx configuration swaps in),
    its field marked invalid and described by the error; without JavaScript, a page of its
    own with the shared error summary and the form to send again."""
    typed = request.POST.get("body", "")
    error_on = str(reply_to.pk) if reply_to is not None else "new"
    if request.htmx:
        return _thread(request, livret, part, key, "", error=error, error_on=error_on, typed=typed)
    action = (
        reverse("review:comment_reply", args=[livret.pk, reply_to.pk])
        if reply_to is not None
        else reverse("review:comment_add", args=[livret.pk])
    )
    context = {
        **base_context(request),
        "livret": livret,
        "errors": [ErrorItem(error, TEXT_ID, "Votre commentaire")],
        "error": error,
        "text_id": TEXT_ID,
        "action": action,
        "part": part,
        "field": key,
        "typed": typed,
        "is_reply": reply_to is not None,
        "label": selectors.thread_label(livret, part=part, field=key),
        "next": safe_next(request, reverse("review:livret", args=[livret.pk])),
    }
    return render(request, "review/comment_error.html", context, status=400)


@require_POST
def add(request, pk: int):
    livret = selectors.readable_livret(request.user, pk)
    part, key = request.POST.get("part", ""), request.POST.get("field", "")
    try:
        comment = services.add_comment(
            livret=livret,
            author=request.user,
            part=part,
            key=key,
            body=request.POST.get("body", ""),
        )
    except services.ReviewError as error:
        return _error(request, livret, part, key, str(error))
    return _answer(
        request, livret, part, key, "Commentaire publié.", anchor=f"commentaire-{comment.pk}"
    )


@require_POST
def reply(request, pk: int, cid: int):
    comment = selectors.comment_for(request.user, pk, cid)
    root = comment.parent or comment
    try:
        answer = services.reply(
            comment=root, author=request.user, body=request.POST.get("body", "")
        )
    except services.ReviewError as error:
        return _error(request, root.livret, root.part, root.field_key, str(error), reply_to=root)
    return _answer(
        request,
        root.livret,
        root.part,
        root.field_key,
        "Réponse publiée.",
        anchor=f"commentaire-{answer.pk}",
    )


@require_POST
def toggle(request, pk: int, cid: int):
    """`action=resolve` or `action=reopen` (stated, so that a repeated request changes nothing)."""
    comment = selectors.comment_for(request.user, pk, cid)
    root = comment.parent or comment
    if request.POST.get("action") == "reopen":
        services.reopen(comment=root)
        flash = "Commentaire rouvert."
    else:
        services.resolve(comment=root, user=request.user)
        flash = "Commentaire marqué comme résolu."
    return _answer(
        request, root.livret, root.part, root.field_key, flash, anchor=f"commentaire-{root.pk}"
    )
