"""What an uploaded file holds, checked in a separate process under fixed limits before it is
kept.

A PDF is parsed with pikepdf (qpdf) and written again without anything that can run (see
``portal.filecheck.pdf``): the copy is what the portal stores. An office file (ODT, DOCX) is
read inner file by inner file, within a bound on what they really inflate to, and refused
when it holds macros (``portal.filecheck.office``). The parsing happens in a child process
(``portal.filecheck.child``) whose memory and processor time are bounded, and which is killed
past a wall-clock timeout: a file that crashes it, exhausts it or outlasts it is refused.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from portal.filecheck.messages import refusal, removed_sentence

MEMORY_BYTES = 768 * 1024 * 1024
CPU_SECONDS = 10
TIMEOUT_SECONDS = 15  # within the web server's own timeout (GUNICORN_TIMEOUT, 30 s)
_PROJECT = Path(__file__).resolve().parents[2]


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


def _run_child(kind: str, data: bytes) -> tuple[dict, bytes]:
    command = [
        sys.executable,
        "-I",  # isolated: no environment variables, no user site, no current directory
        "-B",  # no bytecode written (the child may write no file)
        "-c",
        "import sys; sys.path.insert(0, sys.argv.pop(1)); "
        "from portal.filecheck.child import main; main()",
        str(_PROJECT),
        kind,
        str(MEMORY_BYTES),
        str(CPU_SECONDS),
    ]
    done = subprocess.run(  # noqa: S603 -- a fixed command; the file goes to stdin
        command, input=data, capture_output=True, timeout=TIMEOUT_SECONDS, check=False
    )
    header, _, payload = done.stdout.partition(b"\n")
    if done.returncode != 0 or not header:
        return {"refused": "unreadable" if kind == "pdf" else "damaged_zip"}, b""
    return json.loads(header), payload


def check(data: bytes, *, kind: str, name: str) -> Checked:
    """Check a file of the detected ``kind`` (pdf, odt, docx; others pass as they are)."""
    if kind not in ("pdf", "odt", "docx"):
        return Checked()
    try:
        header, payload = _run_child(kind, data)
    except subprocess.TimeoutExpired:
        return Checked(refusal=refusal("too_large", name=name))
    if "refused" in header:
        return Checked(refusal=refusal(header["refused"], name=name))
    return Checked(
        copy=payload if header.get("copy") else None, removed=tuple(header.get("removed", ()))
    )
