"""`make run`: referentials, public pages and demo accounts, from every app (idempotent).

Each app's loader is named in settings.DEMO_LOADERS, in order: a function taking the output
stream and returning the lines that name the demo accounts it created."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Load the referentials, the public pages and the demo accounts (idempotent)."

    def handle(self, *args, **options):
        lines = []
        for path in settings.DEMO_LOADERS:
            lines += import_string(path)(self.stdout)
        self.stdout.write("Comptes de démonstration :")
        for line in lines:
            self.stdout.write(f"  {line}")
