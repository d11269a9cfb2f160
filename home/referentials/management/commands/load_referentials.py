from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.referentials.loader import ReferentialFileError, load_files


class Command(BaseCommand):
    help = "Validate the referential data files and load them (a changed file makes a new version)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", type=Path, help="files to load (default: all)")

    def handle(self, *args, files, **options):
        paths = files or sorted(Path(settings.REFERENTIAL_DATA_DIR).glob("*.json"))
        if not paths:
            raise CommandError(f"No referential file in {settings.REFERENTIAL_DATA_DIR}.")
        try:
            results = load_files(paths)
        except ReferentialFileError as exc:
            raise CommandError(f"Nothing loaded.\n{exc}") from exc
        for r in results:
            state = "loaded as new version" if r.created else "unchanged, version"
            self.stdout.write(f"{r.slug}: {state} {r.number}")
