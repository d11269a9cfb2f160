"""The figures of one bench run: each printed once, as soon as it is measured."""

from __future__ import annotations

import sys
from collections.abc import Callable


def reason_of(error: BaseException) -> str:
    return (f"{type(error).__name__}: {error}".splitlines() or ["error"])[0][:200]


class Figures:
    """The figures measured so far, each printed once, as it comes."""

    def __init__(self) -> None:
        self.values: dict[str, object] = {}

    def add(self, name: str, value) -> None:
        if name in self.values:
            return
        self.values[name] = value
        shown = round(value, 3) if isinstance(value, float) else value
        print(f"{name}: {shown}", flush=True)

    def unavailable(self, name: str, reason: str) -> None:
        self.add(name, f"unavailable ({reason})")

    def measure(self, names: tuple[str, ...], fn: Callable[..., dict], *args) -> None:
        """Run one measurement; on failure, its figures are reported unavailable with why."""
        try:
            result = fn(*args)
        except Exception as error:  # one measurement's failure must not lose the others
            reason = reason_of(error)
            print(f"make bench: {fn.__module__}.{fn.__name__} failed: {reason}", file=sys.stderr)
            for name in names:
                self.unavailable(name, reason)
            return
        for name, value in result.items():
            self.add(name, value)
        for name in names:
            if name not in self.values:
                self.unavailable(name, "not measured")

    def all_unavailable(self, names: tuple[str, ...], error: BaseException) -> None:
        for name in names:
            self.unavailable(name, reason_of(error))
