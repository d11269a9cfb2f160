"""The retention purge as a background task (``python -m portal retention_purge --enqueue``)."""

from __future__ import annotations

from django.tasks import task
from django.utils import timezone

from portal.accounts.retention.services import purge


@task
def retention_purge() -> dict:
    """Warn, then delete, inactive accounts and livrets (daily, see portal.accounts.retention)."""
    return purge(now=timezone.now()).as_dict()
