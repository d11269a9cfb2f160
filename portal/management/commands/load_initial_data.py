"""`make run`: referentials, public pages and demo accounts, from every app (idempotent)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from home.demo_accounts import DEMO_PASSWORD, create_demo_accounts
from home.demo_content import build_site
from livrets.livret2.demo import create_demo_candidate


class Command(BaseCommand):
    help = "Load the referentials, the public pages and the demo accounts (idempotent)."

    def handle(self, *args, **options):
        call_command("load_referentials", stdout=self.stdout)
        build_site(hostname="127.0.0.1", port=8000)
        self.stdout.write("Pages publiques à jour.")
        self.stdout.write("Comptes de démonstration :")
        for line in create_demo_accounts() + create_demo_candidate(password=DEMO_PASSWORD):
            self.stdout.write(f"  {line}")
