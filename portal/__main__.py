"""`python -m portal <command>`: the project's manage.py."""

import os
import sys

from django.core.management import execute_from_command_line


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    execute_from_command_line([f"{sys.executable} -m portal", *sys.argv[1:]])


if __name__ == "__main__":
    main()
