"""Daily: warn, then delete, inactive accounts and livrets (`python -m portal retention_purge`)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from portal.accounts.retention.services import purge
from portal.accounts.retention.tasks import retention_purge


class Command(BaseCommand):
    help = "Avertit puis supprime les comptes et livrets inactifs (à lancer chaque jour)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Confier le travail à l'exécuteur de tâches."
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = retention_purge.enqueue()
            self.stdout.write(f"Tâche {result.id} en file d'attente.")
            return
        report = purge(now=timezone.now())
        self.stdout.write(
            f"Comptes avertis : {len(report.warned_accounts)}, livrets avertis : "
            f"{len(report.warned_livrets)}, comptes supprimés : {len(report.deleted_accounts)}, "
            f"livrets supprimés : {len(report.deleted_livrets)}."
        )
