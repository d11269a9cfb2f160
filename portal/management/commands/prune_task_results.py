"""Delete the finished background task rows older than TASK_RESULTS_KEEP_DAYS.

A sent email's row keeps its address and body: no longer than this. ``make serve`` runs it
every day (``--every 86400``); a deployment may run it once a day from its own scheduler.
"""

from __future__ import annotations

import time

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Supprime les tâches terminées depuis plus de TASK_RESULTS_KEEP_DAYS jours."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            help="Recommencer toutes les N secondes (0 : une seule fois).",
        )

    def handle(self, *args, every: int = 0, **options) -> None:
        while True:
            self.prune(options.get("verbosity", 1))
            if every <= 0:
                return
            time.sleep(every)

    def prune(self, verbosity: int) -> None:
        if not apps.is_installed("django_tasks_db"):
            return
        from django.tasks import task_backends
        from django_tasks_db.backend import DatabaseBackend

        if not isinstance(task_backends["default"], DatabaseBackend):
            return
        call_command(
            "prune_db_task_results",
            queue_name="*",
            min_age_days=settings.TASK_RESULTS_KEEP_DAYS,
            verbosity=verbosity,
        )
