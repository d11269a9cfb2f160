"""The situations and supporting documents of a draft livret: added and removed, within the
referential's count of situations and the account's quotas."""

from __future__ import annotations

from django.db.models import Max

from home.referentials.domain import SectionKind
from livrets.livret2 import services
from livrets.livret2.models import Document, Livret, Situation
from livrets.livret2.quotas import QuotaExceeded, check_documents, store_under_lock
from livrets.livret2.structure import section_by_code
from portal.uploads import checked_upload, clean_name, file_to_keep, size_refusal


def add_situation(*, livret: Livret, section: str) -> Situation:
    services.ensure_draft(livret)
    sec = section_by_code(livret.referential_version.referential, section)
    if sec is None or sec.kind != SectionKind.SITUATIONS:
        raise services.LivretError("Cette partie ne comporte pas de situations.")
    situations = livret.situations.filter(section_code=section)
    if situations.count() >= sec.situations_required:
        raise services.LivretError(
            f"Cette partie demande {sec.situations_required} situation"
            f"{'s' if sec.situations_required > 1 else ''} : vous ne pouvez pas en ajouter."
        )
    last = situations.aggregate(n=Max("position"))["n"] or 0
    situation = Situation.objects.create(livret=livret, section_code=section, position=last + 1)
    services.mark_changed(livret)
    return situation


def delete_situation(*, situation: Situation) -> None:
    services.ensure_draft(situation.livret)
    for document in situation.documents.all():
        document.file.delete(save=False)
    situation.delete()
    services.mark_changed(situation.livret)


def add_document(*, livret: Livret, upload, section: str = "", situation=None) -> Document:
    services.ensure_draft(livret)
    if refusal := size_refusal(upload):
        raise services.LivretError(refusal)
    try:
        check_documents(livret, adding=upload.size)  # quick refusal before storing anything
    except QuotaExceeded as error:
        raise services.LivretError(str(error)) from None
    kind, checked = checked_upload(upload)
    if checked.refusal:
        raise services.LivretError(checked.refusal)
    kept = file_to_keep(upload, checked)
    document = Document(
        livret=livret,
        situation=situation,
        section_code=situation.section_code if situation else section,
        name=clean_name(upload.name, kind),
        kind=kind,
        size=kept.size,
    )
    document.upload_notice = checked.notice  # what the stored copy lost, told on success
    try:
        store_under_lock(
            document,
            kept,
            owner_id=livret.owner_id,
            check=lambda: check_documents(livret, adding=0),
        )
    except QuotaExceeded as error:
        raise services.LivretError(str(error)) from None
    services.mark_changed(livret)
    return document


def delete_document(*, document: Document) -> None:
    services.ensure_draft(document.livret)
    document.file.delete(save=False)
    document.delete()
    services.mark_changed(document.livret)
