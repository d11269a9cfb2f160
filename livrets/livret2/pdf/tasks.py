"""The livret's next PDF, prepared in the background once the candidate stops editing.

Queued by ``export.changed`` (at most once per quiet period); run by ``db_worker``. It renders
through the same render processes, limits and claim as an export, so an export asked during
the preparation follows its progress instead of starting a second render.
"""

from __future__ import annotations

from django.tasks import task
from django.utils import timezone


@task
def prepare_livret_pdf(*, livret_id: int) -> str:
    """Render and keep the livret's PDF if it has been quiet long enough; say what was done."""
    from livrets.livret2.models import Livret
    from livrets.livret2.pdf.export import (
        livret_export,
        prepare_after,
        release_preparation,
        schedule_preparation,
        slot_of,
    )
    from portal.pdf import jobs, store
    from portal.pdf.worker import PdfError

    public_id = Livret.objects.filter(pk=livret_id).values_list("public_id", flat=True).first()
    if public_id is None:
        return "gone"
    slot = slot_of(public_id)
    # From now on a change plans a new preparation (read the livret only after this).
    release_preparation(slot)
    livret = Livret.objects.select_related("referential_version", "cqp", "owner").get(pk=livret_id)
    quiet_for = (timezone.now() - livret.updated_at).total_seconds()
    if quiet_for < prepare_after():
        schedule_preparation(livret_id=livret_id, slot=slot, delay=prepare_after() - quiet_for)
        return "later"
    export = livret_export(livret)
    if store.has(slot, export.revision):
        return "kept"
    html = export.make_html()
    if not jobs.claim(slot, export.revision, html_chars=len(html)):
        return "running"
    try:
        jobs.render_claimed(slot, export.revision, html)
    except PdfError:
        return "failed"
    return "prepared"
