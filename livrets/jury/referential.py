"""The ``mastery`` section of a referential's data file, as immutable Python data.

Every sentence here is the certifier's, word for word, with the source file it comes from.
Pure: reads the validated content kept by ``home.referentials.domain.Referential``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from home.referentials.domain import Referential

ELEMENTS_TOLERANCE = "elements_tolerance"
BLOC_THRESHOLD = "bloc_threshold"
ALL_UNITS = "all_units"


@dataclass(frozen=True)
class SourcedText:
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ScaleItem:
    code: str
    label: str


@dataclass(frozen=True)
class Interview:
    text: tuple[str, ...]
    source: str
    intro: str = ""
    criteria_heading: str = ""

    @property
    def sources(self) -> tuple[str, ...]:
        return (self.source,)


@dataclass(frozen=True)
class Mastery:
    kind: str
    cqp_rule: SourcedText | None
    unit_rule: SourcedText | None = None
    scale: tuple[ScaleItem, ...] = ()
    scale_source: str = ""
    columns: tuple[str, ...] = ()
    max_non_implemented: int | None = None
    threshold_percent: int | None = None
    kept_years: int | None = None
    partial_validation: SourcedText | None = None
    interview: Interview | None = None

    @property
    def scale_labels(self) -> dict[str, str]:
        return {s.code: s.label for s in self.scale}

    @property
    def rates_elements(self) -> bool:
        """Whether the source gives a rating scale per element (002 only)."""
        return self.kind == ELEMENTS_TOLERANCE and bool(self.scale)


def _sourced(raw: dict[str, Any] | None) -> SourcedText | None:
    if not raw:
        return None
    sources = raw.get("sources") or [raw["source"]]
    return SourcedText(text=raw["text"], sources=tuple(sources))


def build_mastery(raw: dict[str, Any] | None) -> Mastery:
    if not raw:
        return Mastery(kind=ALL_UNITS, cqp_rule=None)
    partial = raw.get("partial_validation")
    interview = raw.get("interview")
    return Mastery(
        kind=raw["kind"],
        cqp_rule=_sourced(raw.get("cqp_rule")),
        unit_rule=_sourced(raw.get("unit_rule")),
        scale=tuple(ScaleItem(s["code"], s["label"]) for s in raw.get("scale", ())),
        scale_source=raw.get("scale_source", ""),
        columns=tuple(raw.get("columns", ())),
        max_non_implemented=raw.get("max_non_implemented_non_essential"),
        threshold_percent=raw.get("criteria_threshold_percent"),
        kept_years=partial["kept_years"] if partial else None,
        partial_validation=_sourced(partial),
        interview=Interview(
            text=tuple(interview["text"]),
            source=interview["source"],
            intro=interview.get("intro", ""),
            criteria_heading=interview.get("criteria_heading", ""),
        )
        if interview
        else None,
    )


_CACHE: dict[int, tuple[Referential, Mastery]] = {}


def mastery_of(ref: Referential) -> Mastery:
    """The referential's mastery section (typed once per cached referential)."""
    hit = _CACHE.get(id(ref))
    if hit is None or hit[0] is not ref:
        hit = _CACHE[id(ref)] = (ref, build_mastery(ref.extra.get("mastery")))
    return hit[1]
