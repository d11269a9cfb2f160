"""The evaluators' grid, as pure values and functions: which layout a CQP's source gives (its
columns, scale and headings, word for word), which marks a form may send, when a save is stale.

002 prints its grid (source 002, lines 440-520 and 1285-1375): per element « Lecture du
dossier VAE », then « ETAPE 2 : Evaluation finale » (« Résultats après observation et
entretien ») on the scale « Non mis en œuvre / Non acquis / Acquis », « Points à vérifier lors
de l’entretien » per compétence, and the « BILAN DE L’EVALUATION DES COMPETENCES » with the
evaluators' comments. 000 names the tool (« évaluation des compétences du candidat ») without
printing it: the portal proposes the same kind of columns over the referential's criteria, and
says so. 004 gives no grid: no layout.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from livrets.jury.referential import BLOC_THRESHOLD, ELEMENTS_TOLERANCE, Mastery

READING, FINAL = "lecture", "finale"
COLUMNS = (READING, FINAL)
POINTS = "points"
NOTE_MAX = 4000
NOT_MARKED = ("", "Pas encore évalué")
# Source 002's own words (its lines 321, 519, 1285, 1357, 1371).
STEP_2 = "ETAPE 2 : Evaluation finale"
RESULT_HEADING = "RESULTAT DE L’EVALUATION FINALE"
REVIEW_HEADING = "BILAN DE L’EVALUATION DES COMPETENCES"
COMMENTS_002 = (
    ("commentaires_professionnel", "Commentaires du professionnel du secteur :"),
    ("commentaires_evaluateur", "Commentaires de l’évaluateur externe :"),
)
# 000: the portal's proposal (the source prints no tool).
SCALE_000 = (("non_acquis", "Non acquis"), ("acquis", "Acquis"))
COMMENTS_000 = (("commentaires_evaluateurs", "Commentaires des évaluateurs"),)


@dataclass(frozen=True)
class Layout:
    """What the grid shows for a CQP; ``from_source``: printed by the source (002), else
    proposed by the portal (000). ``level``: marks per element or per criterion."""

    from_source: bool
    level: str
    reading: str
    final_heading: str
    final: str
    points: str
    scale: tuple[tuple[str, str], ...]
    comments: tuple[tuple[str, str], ...]
    review_heading: str
    result_heading: str

    @property
    def scale_labels(self) -> dict[str, str]:
        return dict(self.scale)

    def column_label(self, column: str) -> str:
        return self.reading if column == READING else self.final

    def label_of(self, value: str) -> str:
        return self.scale_labels.get(value, NOT_MARKED[1]) if value else NOT_MARKED[1]


def layout_for(mastery: Mastery) -> Layout | None:
    """The source's grid (002), the portal's proposal (000), or None (no grid: 004)."""
    if mastery.kind == ELEMENTS_TOLERANCE and mastery.scale and len(mastery.columns) >= 3:
        reading, final, points = mastery.columns[:3]
        return Layout(
            from_source=True,
            level="element",
            reading=reading,
            final_heading=STEP_2,
            final=final,
            points=points,
            scale=tuple((s.code, s.label) for s in mastery.scale),
            comments=COMMENTS_002,
            review_heading=REVIEW_HEADING,
            result_heading=RESULT_HEADING,
        )
    if mastery.kind == BLOC_THRESHOLD:
        return Layout(
            from_source=False,
            level="criterion",
            reading="Lecture du dossier VAE (livret 2)",
            final_heading="Évaluation des compétences",
            final="Résultats après l’évaluation en situation professionnelle et l’échange",
            points="Points à vérifier lors de l’échange avec les évaluateurs",
            scale=SCALE_000,
            comments=COMMENTS_000,
            review_heading="Bilan de l’évaluation des compétences",
            result_heading="Résultat de l’évaluation",
        )
    return None


def field_name(column: str, code: str) -> str:
    return f"{column}-{code}"


def parse_field(name: str) -> tuple[str, str] | None:
    """(column, code) of a mark's field name, or None for another field."""
    column, sep, code = name.partition("-")
    return (column, code) if sep and column in COLUMNS else None


def mark_errors(
    posted: Mapping[str, str], *, codes: set[str], scale: Mapping[str, str]
) -> dict[str, str]:
    """Field -> French message for each mark naming an unknown element or value."""
    errors = {}
    for name, value in posted.items():
        parsed = parse_field(name)
        if parsed is None:
            continue
        if parsed[1] not in codes:
            errors[name] = f"« {parsed[1][:40]} » n’est pas un élément de cette grille."
        elif value and value not in scale:
            errors[name] = "Choisissez une évaluation de la liste : " + " / ".join(scale.values())
    return errors


def version_of(mark_ids, note_ids) -> str:
    """The state of a part of the grid a form was shown with: the last row written there."""
    return f"{max(mark_ids, default=0)}.{max(note_ids, default=0)}"


def changes(current: Mapping[str, str], wanted: Mapping[str, str]) -> dict[str, tuple[str, str]]:
    """key -> (before, after) for each value the save changes."""
    return {k: (current.get(k, ""), v) for k, v in wanted.items() if current.get(k, "") != v}
