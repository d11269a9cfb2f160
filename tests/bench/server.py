"""Servers for the bench, started as `make serve` starts them (``portal.serve``)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from portal import serve

# The gunicorn started for each base URL (the bench reads its workers' processor time).
RUNNING: dict[str, object] = {}


def worker_cpu_seconds(base_url: str) -> dict[int, float]:
    """Processor time (user and system) used so far by each worker of the bench's gunicorn
    at ``base_url``, by process id, from Linux's /proc: waiting for the database or the
    network is not in it, so it does not depend on what else the machine is doing. A worker
    recycled meanwhile (gunicorn's ``max_requests``) takes its time with it: compare the
    process ids of two readings before subtracting them."""
    master = RUNNING[base_url].pid
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    seconds = {}
    for pid in children:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        seconds[int(pid)] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return seconds


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
    RUNNING[f"http://{bind}"] = proc
    try:
        yield f"http://{bind}"
    finally:
        RUNNING.pop(f"http://{bind}", None)
        proc.terminate()
        proc.wait(timeout=30)
