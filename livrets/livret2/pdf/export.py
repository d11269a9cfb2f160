"""The livret's PDF as an export: its cache slot, its revision, and what a change does.

The revision names everything the PDF shows: the livret's ``content_revision`` (bumped by
every write of ``livrets.livret2.services`` that changes the PDF, finalisation included), its
referential version, the date printed on the cover, the candidate's account name (the
cover's fallback) and the print layout (templates, stylesheet, images and content builder,
hashed once per process, so a deployment that changes them never serves an older layout).
The slot is the livret's random public id: never another livret's, even where a database
reuses a deleted row's id.

A change drops the slot and, with a task queue that can defer (``db_worker``), schedules the
next PDF's preparation for when the candidate has stopped editing for
``PDF_PREPARE_AFTER_SECONDS`` (``livrets.livret2.pdf.tasks.prepare_livret_pdf``).
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from livrets.livret2.models import Livret
from portal.pdf import store
from portal.pdf.export import PdfExport

PREPARE_KEY = "pdf-prepare:{slot}"


def slot_of(public_id) -> str:
    return f"livret:{public_id}"


def revision_of(livret: Livret, *, today: date) -> str:
    owner = livret.owner
    account = hashlib.sha256(f"{owner.get_full_name()}\n{owner.email}".encode()).hexdigest()
    return ":".join(
        (
            str(livret.content_revision),
            str(livret.referential_version_id),
            today.isoformat(),
            account[:16],
            store.layout_version(),
        )
    )


def livret_export(livret: Livret, *, reader=None) -> PdfExport:
    """The export of the livret as it is now (loaded with its owner), for ``reader`` (the
    owner by default; an accompagnateur goes back to the review page)."""
    from livrets.livret2.pdf.document import livret_html

    today = timezone.localdate()
    return PdfExport(
        slot=slot_of(livret.public_id),
        revision=revision_of(livret, today=today),
        make_html=lambda: livret_html(livret, today=today),
        filename=f"livret-2-{livret.cqp.slug}-version-{livret.number}.pdf",
        download_url=reverse("livrets:pdf", args=[livret.pk]),
        progress_url=reverse("livrets:pdf_progress", args=[livret.pk]),
        back=reverse(
            "livrets:detail" if reader is None or reader.pk == livret.owner_id else "review:livret",
            args=[livret.pk],
        ),
    )


def changed(livret: Livret) -> None:
    """After a write that changes the PDF commits: drop the kept PDF, plan the next one."""
    slot = slot_of(livret.public_id)

    def after_commit() -> None:
        store.drop(slot)
        schedule_preparation(livret_id=livret.pk, slot=slot)

    transaction.on_commit(after_commit)


def prepare_after() -> int:
    return int(settings.PDF_PREPARE_AFTER_SECONDS)


def schedule_preparation(*, livret_id: int, slot: str, delay: float | None = None) -> bool:
    """Queue the livret's next PDF, once per quiet period (a cache flag, not a row a save)."""
    from livrets.livret2.pdf.tasks import prepare_livret_pdf

    backend = prepare_livret_pdf.get_backend()
    if not backend.supports_defer or prepare_after() <= 0:
        return False  # no queue that can wait (development, tests): exports render on demand
    delay = prepare_after() if delay is None else delay
    if not store.cache().add(PREPARE_KEY.format(slot=slot), 1, timeout=int(delay) + 3600):
        return False  # already planned: the task looks at the livret's last change itself
    prepare_livret_pdf.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
        livret_id=livret_id
    )
    return True


def release_preparation(slot: str) -> None:
    store.cache().delete(PREPARE_KEY.format(slot=slot))
