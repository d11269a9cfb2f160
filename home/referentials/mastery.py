"""How the certifier decides mastery (the data file's ``mastery``), as part of the
referential's typed view. Pure: no ORM, no request.

Every sentence here is the certifier's, word for word: a ``Text`` whose ``sources`` name the
source files it comes from; the portal's own words (``keeping_note``) are Texts marked as such.
"""

from __future__ import annotations

from dataclasses import dataclass

from .provenance import Text

ELEMENTS_TOLERANCE = "elements_tolerance"
BLOC_THRESHOLD = "bloc_threshold"
ALL_UNITS = "all_units"


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
    # Who evaluates, in the source's words.
    people: str = ""

    @property
    def sources(self) -> tuple[str, ...]:
        return (self.source,)


@dataclass(frozen=True)
class Mastery:
    kind: str
    cqp_rule: Text | None
    unit_rule: Text | None = None
    scale: tuple[ScaleItem, ...] = ()
    scale_source: str = ""
    columns: tuple[str, ...] = ()
    max_non_implemented: int | None = None
    threshold_percent: int | None = None
    kept_years: int | None = None
    partial_validation: Text | None = None
    # What the candidate may do after a partial validation, in the source's words.
    partial_routes: tuple[str, ...] = ()
    interview: Interview | None = None

    @property
    def keeping_note(self) -> Text:
        """The portal's words on how long validated parts are kept: from which date it counts
        the source's years, or that the sources do not say."""
        if self.kept_years:
            return Text(
                f"Le portail compte ces {self.kept_years} ans à partir de la date de la "
                "décision du jury : la source ne dit pas à partir de quelle date.",
                from_source=False,
            )
        return Text(
            "Les sources ne disent pas combien de temps les parties validées restent acquises "
            "après une validation partielle.",
            from_source=False,
        )

    @property
    def scale_labels(self) -> dict[str, str]:
        return {s.code: s.label for s in self.scale}

    @property
    def partial_by_unit_is_proposed(self) -> bool:
        """Whether recording a partial validation unit by unit is the portal's reading (the
        source says the validation may be partial, not what a part is)."""
        return self.kind == ALL_UNITS

    @property
    def rates_elements(self) -> bool:
        """Whether the source gives a rating scale per element (002 only)."""
        return self.kind == ELEMENTS_TOLERANCE and bool(self.scale)
