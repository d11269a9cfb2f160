"""Known-vulnerable versions (portal/known-vulnerable.txt) against the lock and the environment."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
ADVISORIES = Path(__file__).with_name("known-vulnerable.txt")
LOCK = ROOT / "requirements.lock"

_LINE = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*<\s*([0-9][^\s#]*)\s*(?:#\s*(.*))?$")


@dataclass(frozen=True)
class Advisory:
    package: str
    fixed: Version
    note: str


def parse_advisories(text: str) -> list[Advisory]:
    advisories = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _LINE.match(line)
        if not match:
            raise ValueError(f"known-vulnerable.txt:{number}: expected '<package> < <version>'")
        name, fixed, note = match.groups()
        advisories.append(Advisory(canonicalize_name(name), Version(fixed), note or ""))
    return advisories


def parse_lock(text: str) -> dict[str, Version]:
    pins = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            pins[canonicalize_name(name.split("[")[0])] = Version(version.strip())
    return pins


def installed() -> dict[str, Version]:
    versions = {}
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        if name:
            versions[canonicalize_name(name)] = Version(dist.version)
    return versions


def vulnerable(versions: dict[str, Version], advisories: list[Advisory]) -> list[str]:
    return [
        f"{a.package} {versions[a.package]} is older than {a.fixed} ({a.note})"
        for a in advisories
        if a.package in versions and versions[a.package] < a.fixed
    ]
