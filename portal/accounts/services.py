"""Deleting an account: every app erases what it holds of the person
(``portal.accounts.registry``), then the user row goes with its cascade; the person's cached
PDFs and the email tasks to them, waiting or done (their rows keep the address and the body),
follow once the deletion is committed. Other finished task rows are pruned after
``TASK_RESULTS_KEEP_DAYS`` (``prune_task_results``)."""

from __future__ import annotations

from django.db import transaction

from portal.accounts.registry import providers
from portal.pdf import store

SEND_EMAIL = "portal.tasks.send_email"


def drop_queued_emails(addresses: set[str]) -> int:
    """Forget the emails to these addresses in the database task queue, waiting or finished
    (none with another backend: they are sent at once, and nothing is kept). An email being
    sent right now is left to finish; the pruning job removes its row later."""
    from django.apps import apps

    if not addresses or not apps.is_installed("django_tasks_db"):
        return 0
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    wanted = {a.lower() for a in addresses}
    rows = DBTaskResult.objects.filter(task_path=SEND_EMAIL).exclude(
        status=TaskResultStatus.RUNNING
    )
    gone = [
        task.pk
        for task in rows.only("pk", "args_kwargs").iterator()
        if wanted
        & {str(a).lower() for a in (task.args_kwargs or {}).get("kwargs", {}).get("to", [])}
    ]
    DBTaskResult.objects.filter(pk__in=gone).delete()
    return len(gone)


def delete_account(*, user) -> None:
    """Remove the account and everything every app holds of the person: rows and files."""
    every = list(providers())
    slots = {slot for p in every for slot in p.cached_pdfs(user)}
    addresses = {a for p in every for a in p.queued_emails(user) if a}
    with transaction.atomic():
        for provider in every:
            provider.erase(user)
        user.delete()

        def after() -> None:
            for slot in slots:
                store.forget(slot)
            drop_queued_emails(addresses)

        transaction.on_commit(after)
