"""`make bench`: performance figures printed as `name: value` lines.

Throughput ratios compare a page with a trivial view (`/sante/`) served by the same gunicorn
configuration through the same middleware, with a bounded load generator on loopback, in
the same run, so that the machine's speed cancels out. Query counts are taken in-process.
"""

from __future__ import annotations

import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from portal import serve

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.bench")


@contextmanager
def gunicorn(workers: int = 2):
    port = serve.free_port()
    proc = subprocess.Popen(  # noqa: S603 - fixed arguments
        [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "gthread",
            "--threads",
            "2",
            "--log-level",
            "error",
            "--keep-alive",
            "5",
        ],
        cwd=ROOT,
        env={**os.environ},
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/sante/")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start")
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def throughput(
    base_url: str,
    path: str,
    *,
    requests: int = 400,
    concurrency: int = 4,
    method: str = "GET",
    body: bytes | None = None,
    headers: dict | None = None,
) -> float:
    """Requests per second for a fixed number of requests (bounded loop, loopback only)."""
    host, port = base_url.removeprefix("http://").split(":")
    per_thread = requests // concurrency
    errors: list[str] = []

    def worker():
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        for _ in range(per_thread):
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            response.read()
            if response.status >= 400:
                errors.append(f"{path}: {response.status}")
        conn.close()

    for _ in range(2):  # warm-up
        worker_conn = http.client.HTTPConnection(host, int(port), timeout=10)
        worker_conn.request(method, path, body=body, headers=headers or {})
        worker_conn.getresponse().read()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    if errors:
        raise RuntimeError(f"errors during the load: {errors[:3]}")
    return per_thread * concurrency / elapsed


def ratio(base_url: str, path: str, baseline: str = "/sante/", rounds: int = 5, **kwargs) -> float:
    """Median over rounds of the throughput of `path` over the baseline's, measured back to
    back in each round so that a passing load on the machine weighs on both alike."""
    ratios = []
    for _ in range(rounds):
        trivial = throughput(base_url, baseline)
        ratios.append(throughput(base_url, path, **kwargs) / trivial)
    return statistics.median(ratios)


def query_count(url: str, *, first_visit: bool = False) -> int:
    """SQL queries of one GET: a first visit (caches cleared) or a later one."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    client = Client()
    if not first_visit:
        client.get(url, HTTP_HOST="127.0.0.1")
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, HTTP_HOST="127.0.0.1")
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


def prepare() -> None:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_initial_data", stdout=open(os.devnull, "w"))  # noqa: SIM115


def main() -> None:
    prepare()
    figures: dict[str, float] = {}
    url_notice = "/cqp/assistant-formation/"
    figures["notice_queries"] = query_count(url_notice)
    figures["catalogue_queries"] = query_count("/cqp/")
    figures["notice_queries_first_visit"] = query_count(url_notice, first_visit=True)
    extra_inprocess = []
    extra_server = []
    try:
        from selfcheck import bench as selfcheck_bench

        extra_server.append(selfcheck_bench.run)
    except ImportError:
        pass
    try:
        from livrets import bench as livrets_bench

        extra_inprocess.append(livrets_bench.run)
        if hasattr(livrets_bench, "run_autosave"):
            extra_server.append(livrets_bench.run_autosave)
    except ImportError:
        pass
    try:
        from livrets.jury import bench as jury_bench

        extra_inprocess.append(jury_bench.run)
    except ImportError:
        pass
    try:
        from livrets.pdf import bench as pdf_bench

        extra_inprocess.append(pdf_bench.run)
    except ImportError:
        pass
    for fn in extra_inprocess:
        figures.update(fn())
    from django.db import connections

    connections.close_all()
    with gunicorn() as base_url:
        figures["notice_uncached_ratio"] = ratio(base_url, "/cqp/assistant-formation/")
        for fn in extra_server:
            figures.update(fn(base_url))
    from portal import bench_production  # production mode: page cache, Lighthouse, CSS+JS

    figures.update(bench_production.run())
    for name, value in figures.items():
        print(f"{name}: {round(value, 3) if isinstance(value, float) else value}")


if __name__ == "__main__":
    main()
