"""Supporting documents: upload, owner-checked download, deletion."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from livrets.livret2 import parts, selectors, services
from livrets.livret2.forms import DocumentForm
from livrets.livret2.structure import section_by_code
from portal.inputs import bounded_int
from portal.sessions import base_context
from portal.uploads import KINDS, NO_FILE, UPLOAD_LABEL, added_message, refuse_upload


def _back(livret, section_code: str, situation=None) -> str:
    if not section_code:
        return reverse("livrets:detail", args=[livret.pk]) + "#documents"
    anchor = f"#documents-{situation.pk}" if situation else "#documents"
    return reverse("livrets:section", args=[livret.pk, section_code]) + anchor


def _refused(request, livret, section_code: str, situation, message: str):
    """Back to the top of the page of the file field the upload came from
    (templates/livrets/_documents.html): its error summary, focused, links to the field. No
    fragment: the browser would not focus the summary."""
    if not section_code:
        field = "file-documents-livret"
    else:
        field = f"file-documents-{situation.pk}" if situation else "file-documents"
    refuse_upload(request, field=field, label=UPLOAD_LABEL, message=message)
    return redirect(_back(livret, section_code, situation).partition("#")[0])


@require_POST
def upload(request, pk: int):
    livret = selectors.livret_for(request.user, pk)
    situation = None
    sid = bounded_int(request.POST.get("situation", ""), low=1)
    if sid is not None:
        situation = selectors.situation_for(request.user, pk, sid)
    section_code = situation.section_code if situation else request.POST.get("section", "")
    ref = livret.referential_version.referential
    if section_code and section_by_code(ref, section_code) is None:
        # Nothing stored for a part the livret does not have (its page could not be linked).
        messages.error(request, "Cette partie du livret n'existe pas : aucun fichier ajouté.")
        return redirect(_back(livret, ""))
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _refused(request, livret, section_code, situation, NO_FILE)
    try:
        document = parts.add_document(
            livret=livret,
            upload=form.cleaned_data["file"],
            section=section_code,
            situation=situation,
        )
    except services.LivretError as error:
        return _refused(request, livret, section_code, situation, str(error))
    messages.success(request, added_message(document))
    return redirect(_back(livret, section_code, situation))


def download(request, pk: int, did: int):
    return document_response(selectors.document_for(request.user, pk, did))


def document_response(document) -> FileResponse:
    """A supporting document as a private attachment, typed from its checked content."""
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.name,
        content_type=KINDS[document.kind][1],
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def delete(request, pk: int, did: int):
    document = selectors.document_for(request.user, pk, did)
    back = _back(document.livret, document.section_code, document.situation)
    if request.method == "POST":
        try:
            parts.delete_document(document=document)
        except services.LivretError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"« {document.name} » est supprimé.")
        return redirect(back)
    return render(
        request,
        "livrets/document_delete.html",
        {**base_context(request), "livret": document.livret, "document": document, "back": back},
    )
