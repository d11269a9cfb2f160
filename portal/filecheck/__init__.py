"""What an uploaded file holds, checked in a separate process under fixed limits before it is
kept.

A PDF is parsed with pikepdf (qpdf) and written again without anything that can run (see
``portal.filecheck.pdf``): the copy is what the portal stores. An office file (ODT, DOCX) is
read inner file by inner file, within a bound on what they really inflate to, and refused
when it holds macros (``portal.filecheck.office``). Each file is parsed in a process of its
own (``portal.filecheck.child``), forked from the fork server the PDF renderer uses, where
pikepdf is already imported (``portal.pdf.worker.PRELOAD``): no fork of the threaded web
process, no interpreter to start. The child bounds its memory and processor time, and is
killed past a wall-clock timeout: a file that crashes it, exhausts it or outlasts it is
refused.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import threading
from dataclasses import dataclass

from portal.filecheck.child import serve
from portal.filecheck.messages import refusal, removed_sentence
from portal.pdf.worker import PRELOAD

MEMORY_BYTES = 768 * 1024 * 1024
CPU_SECONDS = 10
TIMEOUT_SECONDS = 15  # within the web server's own timeout (GUNICORN_TIMEOUT, 30 s)
# At most this many checks at once per web process: each child may take MEMORY_BYTES.
_SLOTS = threading.BoundedSemaphore(2)


@dataclass(frozen=True)
class Checked:
    """A checked file: the French reason it is refused, or the bytes to keep (None: the
    original) and the codes of what was removed from them."""

    refusal: str | None = None
    copy: bytes | None = None
    removed: tuple[str, ...] = ()

    @property
    def notice(self) -> str:
        """What to add to « … est ajouté. » (empty when nothing was removed)."""
        return removed_sentence(self.removed)


class CheckTimeout(Exception):
    pass


def _run_child(kind: str, data: bytes) -> tuple[dict, bytes]:
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)  # the same list as the PDF renderer's: one server
    conn, child_conn = ctx.Pipe()
    process = ctx.Process(
        target=serve,
        args=(child_conn, MEMORY_BYTES, CPU_SECONDS),
        name="upload-check",
        daemon=True,
    )
    process.start()
    child_conn.close()
    try:
        conn.send((kind, data))
        if not conn.poll(TIMEOUT_SECONDS):
            raise CheckTimeout
        return conn.recv()
    except (EOFError, OSError):  # the child died: its limits, or a crash of the parser
        return {"refused": "unreadable" if kind == "pdf" else "damaged_zip"}, b""
    finally:
        conn.close()
        with contextlib.suppress(OSError):
            process.kill()
        process.join(5)


def check(data: bytes, *, kind: str, name: str) -> Checked:
    """Check a file of the detected ``kind`` (pdf, odt, docx; others pass as they are)."""
    if kind not in ("pdf", "odt", "docx"):
        return Checked()
    if not _SLOTS.acquire(timeout=TIMEOUT_SECONDS):
        return Checked(refusal=refusal("busy", name=name))
    try:
        header, payload = _run_child(kind, data)
    except CheckTimeout:
        return Checked(refusal=refusal("too_large", name=name))
    finally:
        _SLOTS.release()
    if "refused" in header:
        return Checked(refusal=refusal(header["refused"], name=name))
    return Checked(
        copy=payload if header.get("copy") else None, removed=tuple(header.get("removed", ()))
    )
