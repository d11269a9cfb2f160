"""Where a text of a livret lives: a section, a situation, a field of either. Pure.

The editor, the autosave, the history and the review name a place with two strings: the
*part* (``section:<code>`` or ``situation:<id>``; empty for the whole livret) and the field
key; a form field joins them as ``<part>|<key>``. ``Anchor`` is the one type that parses and
formats them; nothing else splits or builds those strings.
"""

from __future__ import annotations

from dataclasses import dataclass

SECTION = "section"
SITUATION = "situation"
# No row id is larger than a 64-bit signed integer: a longer number names no situation.
MAX_ID = 2**63 - 1


@dataclass(frozen=True)
class Anchor:
    """A section (by code) or a situation (by id), and optionally one of its fields."""

    section: str = ""
    situation: int | None = None
    field: str = ""

    @classmethod
    def parse(cls, part: str, field: str = "") -> Anchor | None:
        """The anchor a part and a field key name; None when the part is malformed.
        An empty part is the whole livret."""
        if not part:
            return cls(field=field)
        kind, _, value = part.partition(":")
        if kind == SECTION and value:
            return cls(section=value, field=field)
        if kind == SITUATION and value.isascii() and value.isdigit():
            return cls(situation=int(value), field=field) if 0 < int(value) <= MAX_ID else None
        return None

    @classmethod
    def parse_name(cls, name: str) -> Anchor | None:
        """The anchor of a form field's name, ``<part>|<key>``."""
        part, _, field = name.partition("|")
        return cls.parse(part, field)

    @classmethod
    def of(cls, *, section: str = "", situation: int | None = None, field: str = "") -> Anchor:
        """A situation's anchor names the situation only (its section follows from it)."""
        return cls(section="" if situation else section, situation=situation, field=field)

    @property
    def part(self) -> str:
        if self.situation:
            return f"{SITUATION}:{self.situation}"
        return f"{SECTION}:{self.section}" if self.section else ""

    @property
    def name(self) -> str:
        """``<part>|<key>``: the name of the field's inputs, the key of its review thread."""
        return f"{self.part}|{self.field}"

    def with_field(self, field: str) -> Anchor:
        return Anchor(self.section, self.situation, field)

    @property
    def dom_id(self) -> str:
        """The HTML id of the field on its section's page (``champ-<part>-<key>``)."""
        where = f"s{self.situation}" if self.situation else self.section
        return f"champ-{where}-{self.field}".replace(".", "-")
