"""`make run`'s public part: the referentials, the public pages and the demo accounts."""

from __future__ import annotations

from django.core.management import call_command

from home.demo_accounts import create_demo_accounts
from home.demo_content import build_site


def load(stdout) -> list[str]:
    """Load and publish; the lines naming the demo accounts created."""
    call_command("load_referentials", stdout=stdout)
    build_site(hostname="127.0.0.1", port=8000)
    stdout.write("Pages publiques à jour.")
    return create_demo_accounts()
