"""Reading a livret as its reviewer (or its candidate): never a write to its text."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from livrets.candidatures.opinions import Opinion
from livrets.livret2 import selectors as livret_selectors
from livrets.livret2.pdf.access import can_download_pdf
from livrets.livret2.presenters import build
from livrets.livret2.views.documents import document_response
from livrets.review import selectors, services
from livrets.review.views.common import base_context, safe_next
from portal.people import display_name


def dashboard(request):
    return render(
        request,
        "review/dashboard.html",
        {**base_context(request), "rows": selectors.dashboard(request.user)},
    )


def _reviewer_context(request, livret, editor) -> dict:
    return {
        **base_context(request),
        "livret": livret,
        "editor": editor,
        "is_reviewer": services.is_reviewer(request.user, livret),
        "candidate": display_name(livret.owner),
        "status_choices": Opinion.choices,
    }


def livret(request, pk: int):
    livret = selectors.readable_livret(request.user, pk)
    editor, _ = build(livret)
    review = selectors.review_of_livret(
        livret=livret, user=request.user, next=request.get_full_path()
    )
    show_resolved = request.GET.get("resolus") == "1"
    services.mark_reviewed(user=request.user, livret=livret)
    return render(
        request,
        "review/livret.html",
        {
            **_reviewer_context(request, livret, editor),
            "review": review,
            "versions": selectors.versions_of(livret),
            "show_resolved": show_resolved,
            "threads": [
                (t, selectors.anchor_label(livret, **t.place))
                for t in review.threads.values()
                if t.open or show_resolved
            ],
            "pdf_allowed": can_download_pdf(request.user, livret),
        },
    )


def section(request, pk: int, code: str):
    livret = selectors.readable_livret(request.user, pk)
    editor, view = build(livret, code)
    if view is None:
        raise Http404("Partie inconnue")
    review = selectors.review_of_section(
        livret=livret,
        user=request.user,
        view=view,
        detached=False,
        statuses=selectors.statuses_of(livret),
        next=request.get_full_path(),
    )
    services.mark_reviewed(user=request.user, livret=livret)
    return render(
        request,
        "review/section.html",
        {
            **_reviewer_context(request, livret, editor),
            "view": view,
            "review": review,
            "section_review": review.statuses.get(code),
        },
    )


@require_POST
def section_status(request, pk: int, code: str):
    livret = selectors.readable_livret(request.user, pk)
    try:
        services.set_section_status(
            livret=livret, user=request.user, section=code, status=request.POST.get("status", "")
        )
    except services.ReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Votre avis sur cette partie est enregistré.")
    return redirect(safe_next(request, f"/accompagnement/livrets/{livret.pk}/partie/{code}/"))


def document(request, pk: int, did: int):
    return document_response(selectors.readable_document(request.user, pk, did))


def history(request, pk: int):
    """Every saved version of one field (`?part=...&field=...`), read only."""
    livret = selectors.readable_livret(request.user, pk)
    try:
        section_code, situation, key = services.parse_anchor(
            livret, request.GET.get("part", ""), request.GET.get("field", "")
        )
    except services.ReviewError as error:
        raise Http404(str(error)) from error
    if not key:
        raise Http404("Champ inconnu")
    revisions = livret_selectors.answer_history(
        livret, section=section_code, key=key, situation=situation
    )
    return render(
        request,
        "review/history.html",
        {
            **base_context(request),
            "livret": livret,
            "section_code": section_code,
            "key": key,
            "revisions": revisions,
        },
    )
