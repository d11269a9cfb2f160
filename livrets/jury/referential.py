"""The certifier's mastery rules for the jury: the ``mastery`` part of the referential's one
typed view (``home.referentials``), built and cached with it. Every sentence is the
certifier's, word for word, a ``Text`` whose ``sources`` name its source files."""

from __future__ import annotations

from home.referentials.domain import Referential
from home.referentials.mastery import (
    ALL_UNITS,
    BLOC_THRESHOLD,
    ELEMENTS_TOLERANCE,
    Interview,
    Mastery,
    ScaleItem,
)

__all__ = [
    "ALL_UNITS",
    "BLOC_THRESHOLD",
    "ELEMENTS_TOLERANCE",
    "Interview",
    "Mastery",
    "ScaleItem",
    "mastery_of",
]


def mastery_of(ref: Referential) -> Mastery:
    """The referential's mastery rules (built with the referential, once per version)."""
    return ref.mastery
