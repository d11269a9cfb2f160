"""Proofs of a period: upload, owner- or accompagnateur-checked download, deletion."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from livrets.livret2.views.documents import document_response
from livrets.recevabilite import selectors, services
from livrets.recevabilite.forms import ProofForm
from livrets.recevabilite.views.common import context
from portal.inputs import bounded_int
from portal.uploads import NO_FILE, added_message, refuse_upload

PROOF_LABEL = "Ajouter une pièce justificative"


def _back(rq, period) -> str:
    if period is None:
        return reverse("recevabilite:detail", args=[rq.pk]) + "#pieces"
    return reverse("recevabilite:period", args=[rq.pk, period.pk]) + "#pieces"


def _refused(request, rq, period, message: str):
    """Back to the top of the period page: its error summary, focused, links to the file
    field (templates/recevabilite/period.html); no fragment, which would stop that focus. A
    proof of the whole request has no field of its own (no page posts one)."""
    if period is None:
        messages.error(request, message)
        return redirect(_back(rq, period))
    refuse_upload(request, field=f"preuve-{period.pk}", label=PROOF_LABEL, message=message)
    return redirect(_back(rq, period).partition("#")[0])


@require_POST
def upload(request, rpk: int):
    rq = selectors.request_for(request.user, rpk)
    period = None
    pid = bounded_int(request.POST.get("period", ""), low=1)
    if pid is not None:
        period = selectors.period_for(request.user, rpk, pid)
    form = ProofForm(request.POST, request.FILES)
    if not form.is_valid():
        return _refused(request, rq, period, NO_FILE)
    try:
        proof = services.add_proof(request=rq, upload=form.cleaned_data["file"], period=period)
    except services.RequestError as error:
        return _refused(request, rq, period, str(error))
    messages.success(request, added_message(proof))
    return redirect(_back(rq, period))


def download(request, rpk: int, fid: int):
    return document_response(selectors.readable_proof(request.user, rpk, fid))


def delete(request, rpk: int, fid: int):
    proof = selectors.proof_for(request.user, rpk, fid)
    back = _back(proof.request, proof.period)
    if request.method == "POST":
        try:
            services.delete_proof(proof=proof)
        except services.RequestError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"« {proof.name} » est supprimé.")
        return redirect(back)
    return render(
        request,
        "recevabilite/proof_delete.html",
        context(request, proof.request, proof=proof, back=back),
    )
