"""Servers for the bench, started as `make serve` starts them (``portal.serve``)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from portal import serve


@contextmanager
def gunicorn(
    env: dict | None = None, *, port: int | None = None, workers: int = 2, threads: int = 2
) -> Iterator[str]:
    """gunicorn with the project's configuration on a loopback port; its base URL.

    ``env`` defaults to this process's environment (the bench settings and database);
    ``port`` to a free one.
    """
    bind = f"127.0.0.1:{port or serve.free_port()}"
    env = {**(os.environ if env is None else env), "GUNICORN_THREADS": str(threads)}
    # A loaded machine (the bench's own measurements before) may take a while to start it.
    proc = serve.start_gunicorn(env, bind, workers=workers, timeout=180)
    try:
        yield f"http://{bind}"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
