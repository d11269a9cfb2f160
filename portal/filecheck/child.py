"""The checking child: forked from the fork server (pikepdf already imported there), it bounds
its own memory and processor time, receives one file, and sends back either
``({"refused": code}, b"")`` or ``({"removed": [codes], "copy": bool}, bytes)``, the bytes
being the disarmed copy when ``copy`` is true. Then it exits: one process per file, so a
hostile file leaves nothing behind for the next.

No Django here: the child imports only the parsers.
"""

from __future__ import annotations

import resource

from portal.pdf.worker import address_space


def limit_self(*, memory: int, seconds: int) -> None:
    """Bound this process: ``memory`` more bytes of address space than it holds now (the
    parsers are loaded), processor time, no core file, no file written."""
    limit = address_space() + memory
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))


def inspect(kind: str, data: bytes) -> tuple[dict, bytes]:
    """The answer's header and the bytes to keep (empty when the original is kept)."""
    from portal.filecheck.office import check_office
    from portal.filecheck.pdf import Refused, disarm

    try:
        if kind == "pdf":
            copy, removed = disarm(data)
            return {"removed": sorted(removed), "copy": True}, copy
        if kind in ("odt", "docx"):
            check_office(data)
        return {"removed": [], "copy": False}, b""
    except Refused as refusal:
        return {"refused": refusal.args[0]}, b""
    except (MemoryError, RecursionError):
        return {"refused": "too_large"}, b""


def serve(conn, memory: int, seconds: int) -> None:
    """The child's whole life: limits, one file in, one answer out."""
    import portal.filecheck.pdf  # noqa: F401 -- loaded before the limits (preloaded already)

    limit_self(memory=memory, seconds=seconds)
    kind, data = conn.recv()
    conn.send(inspect(kind, data))
    conn.close()
