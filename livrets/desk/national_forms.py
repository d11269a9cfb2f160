"""The filled national form (000: CERFA n° 12818*02; 004: the form fixed by the arrêté of 29
January 2018) that the candidate deposits beside the portal's preparation file, where the
certifier receives requests on the portal: a PDF, checked as the proofs are, replaced while
the request is with the candidate."""

from __future__ import annotations

from contextlib import contextmanager

from django.db import transaction

from livrets.candidatures.models import Candidature, Decision, DeskStatus
from livrets.desk.errors import DeskError, checked_pdf
from livrets.recevabilite import selectors as requests
from livrets.recevabilite.models import NationalForm, RecevabiliteRequest

FIELD = "national_form"
MISSING = (
    "Joignez le formulaire national rempli (en PDF) : ce CQP le demande à côté du dossier de "
    "préparation du portail."
)


def is_national(request: RecevabiliteRequest) -> bool:
    """Whether the request is the national form (000, 004): the candidate deposits it filled."""
    return not requests.form_of(request).is_own_form


def replaceable(c: Candidature) -> bool:
    """The filled national form is replaced while the request is with the candidate: before
    its deposit, and once the secretariat sent it back incomplete (not once sent by post)."""
    return (
        c.desk_status in ("", DeskStatus.INCOMPLETE)
        and not c.request_sent_on
        and c.decision not in (Decision.FAVOURABLE, Decision.UNFAVOURABLE)
    )


def checked(upload) -> tuple[object, str, str] | None:
    """The checked PDF to keep (None without an upload); a ``DeskError`` on the field."""
    if upload is None:
        return None
    return checked_pdf(upload, field=FIELD, what="le formulaire national rempli est accepté")


@contextmanager
def cleaning():
    """A write that may store files: if it fails, the files stored go with its rows."""
    stored: list = []
    try:
        yield stored
    except BaseException:
        for record in stored:
            record.file.delete(save=False)
        raise


def store(request: RecevabiliteRequest, checked_file, stored: list) -> NationalForm:
    """The new form replaces the old one (whose file goes once the transaction commits)."""
    kept, name, notice = checked_file
    old = NationalForm.objects.filter(request=request).first()
    if old is not None:
        old_file = old.file
        old.delete()
        transaction.on_commit(lambda: old_file.delete(save=False))
    record = NationalForm(request=request, name=name, kind="pdf", size=kept.size)
    record.file.save(name, kept, save=False)
    stored.append(record)  # deleted by ``cleaning`` if the transaction fails
    record.save()
    record.upload_notice = notice
    return record


def set_national_form(*, request: RecevabiliteRequest, upload) -> NationalForm:
    """The candidate adds or replaces the filled national form while the request is with
    them (before its deposit, or sent back incomplete)."""
    if not is_national(request):
        raise DeskError({FIELD: "Ce CQP ne demande pas le formulaire national."})
    found = checked(upload)
    if found is None:
        raise DeskError({FIELD: "Choisissez le formulaire national rempli (PDF)."})
    with cleaning() as stored, transaction.atomic():
        c = Candidature.objects.select_for_update().get(pk=request.candidature_id)
        if not replaceable(c):
            raise DeskError(
                {
                    FIELD: "Votre demande est chez le certificateur : le formulaire national "
                    "ne peut plus être remplacé."
                }
            )
        return store(request, found, stored)
