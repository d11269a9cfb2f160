"""Where each text of a referential comes from. Pure: no ORM, no request.

A text of a data file is either a string (the source's words) or an object
``{"text": ..., "from_source": false}`` (the portal's words) or
``{"text": ..., "source_text": ...}`` (the source's words with an obvious typo corrected:
``source_text`` keeps the original wording). An object of the data (unit, element, activity
item, question, livret section) with ``"from_source": false`` makes every text inside it the
portal's. ``walk`` lists every text with its provenance, for the cross-check against the sources
and for the pages that must mark what the portal proposes.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

PROPOSED = "Proposé par le portail"

# Keys whose strings are identifiers, numbers or enums, not prose.
NOT_PROSE = frozenset(
    {
        "slug",
        "sources",
        "code",
        "kind",
        "unit",
        "label_code",
        "rncp",
        "version",
        "version_date",
        "unit_word",
        "accepted_kinds",
        "website",
        "source",
        "answer_from",
        "fields",
        "$schema",
    }
)


class Text(str):
    """A text of a referential that knows where it comes from.

    Behaves as the string it shows; ``from_source`` is False for the portal's own words,
    ``source_text`` holds the source's original wording when a typo was corrected and
    ``sources`` names the source files the text is quoted from, where the data says so.
    """

    from_source: bool
    source_text: str
    sources: tuple[str, ...]

    def __new__(
        cls,
        value: str,
        *,
        from_source: bool = True,
        source_text: str = "",
        sources: tuple[str, ...] = (),
    ) -> Text:
        obj = super().__new__(cls, value)
        obj.from_source = from_source
        obj.source_text = source_text
        obj.sources = tuple(sources)
        return obj

    def __reduce__(self):
        return (_rebuild, (str(self), self.from_source, self.source_text, self.sources))


def _rebuild(
    value: str, from_source: bool, source_text: str, sources: tuple[str, ...] = ()
) -> Text:
    return Text(value, from_source=from_source, source_text=source_text, sources=sources)


def text(value: Any, *, from_source: bool = True) -> Any:
    """A data value as shown: a ``Text`` for a text (plain or object form), else unchanged."""
    if (
        isinstance(value, dict)
        and "text" in value
        and set(value)
        <= {
            "text",
            "from_source",
            "source_text",
        }
    ):
        return Text(
            value["text"],
            from_source=from_source and value.get("from_source", True),
            source_text=value.get("source_text", ""),
        )
    if isinstance(value, str):
        return Text(value, from_source=from_source)
    return value


def is_proposed(value: Any) -> bool:
    """True for what the portal proposes itself (a text or an object of the data)."""
    return getattr(value, "from_source", True) is False


@dataclass(frozen=True)
class SourcedText:
    path: str
    text: str
    from_source: bool
    # The wording to look for in the sources (the original one when a typo was corrected).
    source_text: str


def walk(data: Any, path: str = "$", from_source: bool = True) -> Iterator[SourcedText]:
    """Every prose text of a referential's data, with its provenance."""
    if isinstance(data, dict):
        as_text = text(data, from_source=from_source)
        if isinstance(as_text, Text):
            yield SourcedText(
                path, str(as_text), as_text.from_source, as_text.source_text or str(as_text)
            )
            return
        inherited = from_source and data.get("from_source", True) is not False
        for key, value in data.items():
            if key in NOT_PROSE or key == "from_source":
                continue
            yield from walk(value, f"{path}.{key}", inherited)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from walk(value, f"{path}[{i}]", from_source)
    elif isinstance(data, str) and not SOURCE_FILE.fullmatch(data):
        yield SourcedText(path, data, from_source, data)


SOURCE_FILE = re.compile(r"00[0-9]_[0-9a-f]{16}\.txt")
_BULLET = re.compile(r"^\s*(?:[-·•✓➔]|➔|\(|\d+\.)\s+", re.MULTILINE)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "\u00a0": " "})


def normalise(value: str) -> str:
    """The words of a text, for comparison with a source: the same letters in the same order,
    whatever the line breaks, bullets, bold marks, apostrophes and spaces around guillemets."""
    value = unicodedata.normalize("NFC", value).translate(_APOSTROPHES)
    value = value.replace("\u202f", " ").replace("\u2009", " ")
    value = value.replace("**", "")
    value = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", value)
    value = re.sub(r"[¹²³⁴⁵⁶⁷⁸⁹]", "", value)
    value = re.sub(r"\^\{([^}]*)\}", r"\1", value)
    value = _BULLET.sub(" ", value)
    value = re.sub(r"\s+", " ", value)
    value = re.sub(r"«\s*", "« ", value)
    value = re.sub(r"\s*»", " »", value)
    value = re.sub(r"\s+([:;!?,.])", r"\1", value)
    return value.strip()


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀÂÉÈÊÎÔÙÇ«])")


def sentences(value: str) -> list[str]:
    """The sentences of a normalised text, without their final full stop."""
    return [s.rstrip(".").strip() for s in _SENTENCE_END.split(value) if s.rstrip(".").strip()]


def found_in(text_value: str, normalised_sources: list[str]) -> bool:
    """Is every sentence of the text in one of the (already normalised) sources?

    A sentence may start with a capital where the source's continues in lower case, and the
    reverse; a list item may end with a full stop the source does not print.
    """
    for sentence in sentences(normalise(text_value)):
        variants = {
            sentence,
            sentence[0].lower() + sentence[1:],
            sentence[0].upper() + sentence[1:],
        }
        if not any(v in source for source in normalised_sources for v in variants):
            return False
    return True


def corrections(value: Any) -> list[tuple[str, str]]:
    """The words the portal corrected in a source's text: (the source's, the portal's)."""
    original = getattr(value, "source_text", "")
    if not original or original == str(value):
        return []
    source, shown = original.split(), str(value).split()
    matcher = difflib.SequenceMatcher(a=source, b=shown, autojunk=False)
    return [
        (" ".join(source[i1:i2]), " ".join(shown[j1:j2]))
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
        if op != "equal"
    ]
