"""The sandboxed child: ``python -m portal.filecheck.child KIND`` reads one file on stdin,
under limits of its own memory and processor time, and answers on stdout one JSON line
(``{"refused": code}`` or ``{"removed": [codes], "copy": bool}``) followed, when ``copy``,
by the disarmed file's bytes.

No Django here: the child imports only the parsers.
"""

from __future__ import annotations

import json
import resource
import sys

MAX_INPUT_BYTES = 64 * 1024 * 1024


def limit_self(*, memory: int, seconds: int) -> None:
    """Bound this process: address space, processor time, no core file, no file written."""
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))


def inspect(kind: str, data: bytes) -> tuple[dict, bytes]:
    """The answer's header and the bytes to keep (empty when the original is kept)."""
    from portal.filecheck.pdf import Refused

    try:
        if kind == "pdf":
            from portal.filecheck.pdf import disarm

            copy, removed = disarm(data)
            return {"removed": sorted(removed), "copy": True}, copy
        if kind in ("odt", "docx"):
            from portal.filecheck.office import check_office

            check_office(data)
        return {"removed": [], "copy": False}, b""
    except Refused as refusal:
        return {"refused": refusal.args[0]}, b""
    except (MemoryError, RecursionError):
        return {"refused": "too_large"}, b""


def main() -> None:
    kind, memory, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    if kind == "pdf":
        import pikepdf  # noqa: F401 -- loaded before the limits: they bound the parsing

    limit_self(memory=memory, seconds=seconds)
    data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        header, payload = {"refused": "too_large"}, b""
    else:
        header, payload = inspect(kind, data)
    out = sys.stdout.buffer
    out.write(json.dumps(header).encode() + b"\n")
    out.write(payload)
    out.flush()


if __name__ == "__main__":
    main()
