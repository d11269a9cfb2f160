"""Reads of the evaluators' grid: the current marks and texts of a candidature (the latest row
per code and column), the candidate's own self-positioning beside them, and the source's
mastery rule computed from the final column (``livrets.jury.rules``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from home.referentials.domain import Referential, Unit
from livrets.candidatures.models import Candidature
from livrets.desk import grid_rules
from livrets.desk.grid_rules import FINAL, POINTS, READING, Layout
from livrets.desk.models import Assignment, EvaluationMark, EvaluationNote
from livrets.jury import rules as jury_rules
from livrets.jury.models import Rating, RatingValue
from livrets.jury.referential import Mastery, mastery_of
from livrets.jury.selectors import current_ratings
from livrets.livret2.models import Livret

REVIEW = "bilan"


@dataclass
class MarkRow:
    code: str
    label: str
    criteria: tuple[str, ...]
    candidate: str = ""
    reading: str = ""
    final: str = ""
    reading_label: str = ""
    final_label: str = ""

    @property
    def candidate_label(self) -> str:
        return RatingValue(self.candidate).label if self.candidate else "Pas encore positionné"

    def value(self, column: str) -> str:
        return self.reading if column == READING else self.final


@dataclass
class Text:
    kind: str
    label: str
    text: str = ""
    author: str = ""


@dataclass
class UnitSheet:
    unit: Unit
    name: str
    rows: list[MarkRow]
    points: Text
    version: str
    outcome: jury_rules.UnitOutcome

    @property
    def anchor(self) -> str:
        return f"grille-{self.unit.code}"


@dataclass
class Sheet:
    candidature: Candidature
    ref: Referential
    mastery: Mastery
    layout: Layout | None
    units: list[UnitSheet] = field(default_factory=list)
    comments: list[Text] = field(default_factory=list)
    review_version: str = ""
    outcome: jury_rules.CqpOutcome | None = None
    self_positioned: bool = False

    def unit(self, code: str) -> UnitSheet | None:
        return next((u for u in self.units if u.unit.code == code), None)


def _name(user) -> str:
    return (user.get_full_name() or user.email) if user else "un compte supprimé"


def candidate_positioning(c: Candidature) -> dict[str, str]:
    """The candidate's latest self-positioning per element, on their latest livret 2."""
    livret = Livret.objects.filter(candidature=c).order_by("-number", "-pk").first()
    if livret is None:
        return {}
    ratings = list(
        Rating.objects.filter(livret=livret, role="candidat").only("element_code", "value")
    )
    return current_ratings(ratings).get("candidat", {})


def _rows(unit: Unit, layout: Layout, marks, candidate) -> list[MarkRow]:
    if layout.level == "element":
        items = [(e.code, f"{e.number}. {e.title}", e.criteria) for e in unit.elements]
    else:
        items = [
            (f"{e.code}.{i}", c, ()) for e in unit.elements for i, c in enumerate(e.criteria, 1)
        ]
    return [
        MarkRow(
            code=code,
            label=label,
            criteria=tuple(criteria),
            candidate=candidate.get(code, ""),
            reading=marks.get((READING, code), ""),
            final=marks.get((FINAL, code), ""),
            reading_label=layout.label_of(marks.get((READING, code), "")),
            final_label=layout.label_of(marks.get((FINAL, code), "")),
        )
        for code, label, criteria in items
    ]


def sheet_of(c: Candidature, ref: Referential) -> Sheet:
    """The grid as it stands, in four queries whatever the number of marks."""
    mastery = mastery_of(ref)
    layout = grid_rules.layout_for(mastery)
    sheet = Sheet(candidature=c, ref=ref, mastery=mastery, layout=layout)
    if layout is None:
        return sheet
    marks: dict[tuple[str, str], str] = {}
    mark_ids: dict[str, list[int]] = {}
    for m in EvaluationMark.objects.filter(candidature=c).order_by("at", "pk"):
        marks[(m.column, m.code)] = m.value
        mark_ids.setdefault(m.unit_code, []).append(m.pk)
    texts: dict[tuple[str, str], EvaluationNote] = {}
    note_ids: dict[str, list[int]] = {}
    for n in EvaluationNote.objects.filter(candidature=c).select_related("author"):
        texts[(n.unit_code, n.kind)] = n
        note_ids.setdefault(n.unit_code, []).append(n.pk)
    candidate = candidate_positioning(c) if mastery.rates_elements else {}
    sheet.self_positioned = bool(candidate)
    final = {code: v for (column, code), v in marks.items() if column == FINAL and v}
    sheet.outcome = jury_rules.cqp_outcome(ref, mastery, final)

    def text(unit_code: str, kind: str, label: str) -> Text:
        n = texts.get((unit_code, kind))
        return Text(kind, label, n.text if n else "", _name(n.author) if n else "")

    for i, unit in enumerate(ref.units):
        sheet.units.append(
            UnitSheet(
                unit=unit,
                name=ref.unit_name(unit),
                rows=_rows(unit, layout, marks, candidate),
                points=text(unit.code, POINTS, layout.points),
                version=grid_rules.version_of(
                    mark_ids.get(unit.code, ()), note_ids.get(unit.code, ())
                ),
                outcome=sheet.outcome.units[i],
            )
        )
    sheet.comments = [text("", kind, label) for kind, label in layout.comments]
    sheet.review_version = grid_rules.version_of((), note_ids.get("", ()))
    return sheet


def is_assigned(user, c: Candidature) -> bool:
    return Assignment.objects.filter(candidature=c, evaluator=user).exists()
