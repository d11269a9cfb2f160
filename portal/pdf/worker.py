"""WeasyPrint in child processes, under a time limit and a memory limit.

A pathological document (a huge livret, a layout that never ends) must not take a web
worker down. Each web process keeps a few warm render processes started from a fork server
(``forkserver`` context: no fork of the threaded web process; WeasyPrint is imported once,
in the server, before each child is forked). A child caps its own address space with
``RLIMIT_AS``; the parent waits for its answer at most ``time_limit`` seconds and kills it
past that. A killed or failed child is replaced by a fresh one on the next render.

A child whose peak memory has passed ``recycle_mib`` (a long livret) is retired after that
render and a fresh one started in the background for the next. WeasyPrint's process does
not give all its memory back after a long document, so a reused child would carry one
livret's memory into the next (``make bench``: 225 MiB after five 120-page renders in one
process, about 135 MiB for one). Short documents keep their warm child, which saves the
start of a process on each export.

Django-free: the child never sets Django up; the static directories it may read come from
the parent.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import resource
import threading
import time
from dataclasses import dataclass

MIB = 1024 * 1024
# Imported once in the fork server, before each child is forked: WeasyPrint for the render
# processes, pikepdf for the upload checks (portal.filecheck), which share the server.
PRELOAD = ["portal.pdf.engine", "portal.filecheck.pdf"]


class PdfError(Exception):
    """The PDF could not be made; the message is for the logs, views show their own."""


class PdfTimeout(PdfError):
    pass


class PdfTooLarge(PdfError):
    pass


class PdfBusy(PdfError):
    pass


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    seconds: float
    # The render process's peak resident memory so far (MiB).
    peak_mib: float
    # The render process's id: a long document's successor runs in a fresh one.
    process: int = 0


def address_space() -> int:
    """This process's address space in bytes (0 where /proc cannot tell)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def _child(conn, roots: tuple[str, ...], static_url: str, memory_mib: int) -> None:
    """The render loop: receive HTML, send back ("ok", pdf) or ("error"|"memory", text)."""
    from .engine import write_pdf

    if memory_mib:
        limit = address_space() + memory_mib * MIB
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    while True:
        try:
            html = conn.recv()
        except EOFError:
            return
        if html is None:
            return
        try:
            pdf = write_pdf(html, roots=roots, static_url=static_url)
        except MemoryError:
            conn.send(("memory", "", _peak_mib()))
            return
        except Exception as error:  # reported to the parent, which raises
            conn.send(("error", f"{type(error).__name__}: {error}"[:500], _peak_mib()))
            continue
        del html
        conn.send(("ok", pdf, _peak_mib()))
        del pdf


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class _Worker:
    def __init__(self, ctx, roots, static_url, memory_mib):
        self.conn, child_conn = ctx.Pipe()
        self.process = ctx.Process(
            target=_child,
            args=(child_conn, roots, static_url, memory_mib),
            name="pdf-render",
            daemon=True,
        )
        self.process.start()
        child_conn.close()
        self.renders = 0

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.process.join(2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)
        self.conn.close()


class RenderPool:
    """At most ``size`` concurrent renders per web process, each in a warm child."""

    def __init__(
        self,
        *,
        roots: tuple[str, ...],
        static_url: str,
        size: int = 2,
        memory_mib: int = 512,
        max_renders: int = 50,
        recycle_mib: int = 100,
    ):
        self.roots = tuple(roots)
        self.static_url = static_url
        self.memory_mib = memory_mib
        self.max_renders = max_renders
        self.recycle_mib = recycle_mib
        self._ctx = multiprocessing.get_context("forkserver")
        self._ctx.set_forkserver_preload(PRELOAD)
        self.size = size
        self._closed = False
        self._slots = threading.BoundedSemaphore(size)
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()

    def _take(self) -> _Worker:
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.process.is_alive():
                    return worker
                worker.kill()
        return _Worker(self._ctx, self.roots, self.static_url, self.memory_mib)

    def _give_back(self, worker: _Worker, peak_mib: float = 0) -> None:
        if worker.renders >= self.max_renders or peak_mib >= self.recycle_mib:
            threading.Thread(target=self._replace, args=(worker,), daemon=True).start()
            return
        with self._lock:
            self._idle.append(worker)

    def _replace(self, worker: _Worker) -> None:
        """Stop a worker that has done its share; start a fresh one for the next render."""
        worker.stop()
        if self._closed:
            return
        fresh = _Worker(self._ctx, self.roots, self.static_url, self.memory_mib)
        with self._lock:
            if not self._closed and len(self._idle) < self.size:
                self._idle.append(fresh)
                return
        fresh.stop()

    def warm(self) -> None:
        """Start one render process now, so that the first export does not wait for it."""
        with self._slots:
            self._give_back(self._take())

    def render(self, html: str, *, time_limit: float) -> Rendered:
        start = time.perf_counter()
        if not self._slots.acquire(timeout=time_limit):
            raise PdfBusy("every render process stayed busy")
        try:
            worker = self._take()
            try:
                worker.conn.send(html)
                left = time_limit - (time.perf_counter() - start)
                if not worker.conn.poll(max(left, 0)):
                    worker.kill()
                    raise PdfTimeout(f"no PDF after {time_limit} s")
                status, payload, peak = worker.conn.recv()
            except (EOFError, OSError, BrokenPipeError) as error:
                worker.kill()
                raise PdfTooLarge("the render process died (memory limit)") from error
            worker.renders += 1
            if status == "memory":
                worker.kill()
                raise PdfTooLarge("memory limit reached")
            process = worker.process.pid
            self._give_back(worker, peak)
            if status != "ok":
                raise PdfError(payload)
            return Rendered(payload, time.perf_counter() - start, peak, process)
        finally:
            self._slots.release()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.stop()
