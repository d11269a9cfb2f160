"""`make bench` (``python -m tests.bench``): performance figures printed as `name: value` lines.

Throughput ratios compare a page with a trivial view (`/sante/`) served by the same gunicorn
configuration through the same middleware, with a bounded load generator on loopback, in
the same run, so that the machine's speed cancels out. Query counts are taken in-process.

Each figure is printed as soon as it is measured. One that cannot be measured prints
``name: unavailable (reason)`` and the others are measured anyway.
"""

from __future__ import annotations

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.bench")


def prepare() -> None:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_initial_data", stdout=open(os.devnull, "w"))  # noqa: SIM115


def main() -> None:
    prepare()
    from django.db import connections

    from . import (
        demarches,
        desk,
        editor,
        jury,
        pdf,
        pdf_repeat,
        production,
        selfcheck,
        site,
        uploads,
    )
    from .figures import Figures
    from .server import gunicorn

    figures = Figures()
    figures.measure(site.QUERY_FIGURES, site.query_figures)
    figures.measure(editor.QUERY_FIGURES, editor.run)
    figures.measure(jury.FIGURES, jury.run)
    figures.measure(demarches.FIGURES, demarches.run)
    figures.measure(desk.FIGURES, desk.run)
    figures.measure(pdf.FIGURES, pdf.run)
    # The export of an unchanged livret, from the PDF cache (a server of its own, on Redis).
    figures.measure(pdf_repeat.FIGURES, pdf_repeat.run)
    figures.measure(("pdf_repeat_vs_chromium",), pdf_repeat.versus_chromium, figures.values)
    # The check of a 10 MB PDF upload (a separate process parses and disarms it).
    figures.measure(uploads.FIGURES, uploads.run)
    connections.close_all()
    try:
        with gunicorn() as base_url:
            figures.measure(site.SERVER_FIGURES, site.server_figures, base_url)
            figures.measure(selfcheck.FIGURES, selfcheck.run, base_url)
            figures.measure(editor.AUTOSAVE_FIGURES, editor.run_autosave, base_url)
    except Exception as error:  # the server did not start: say so for each of its figures
        figures.all_unavailable(
            site.SERVER_FIGURES + selfcheck.FIGURES + editor.AUTOSAVE_FIGURES, error
        )
    # Production mode: page cache, Lighthouse, CSS+JS.
    try:
        production.run(figures)
    except Exception as error:  # the production mode did not start
        figures.all_unavailable(production.FIGURES, error)


if __name__ == "__main__":
    main()
