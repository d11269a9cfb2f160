"""What the livret's PDF shows, assembled from the livret's rows in three queries.

The PDF follows the CQP's own structure: ``structure.section_fields`` and
``SITUATION_FIELDS`` in the referential's order, exactly as the editor asks for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from home.referentials.domain import LivretSection, Referential, SectionKind

from ..models import Document, Livret
from ..selectors import livret_data
from ..structure import (
    SITUATION_FIELDS,
    FieldSpec,
    Widget,
    YesNo,
    identity_answer,
    place_from_address,
    section_fields,
    section_name,
    split_choices,
    table_layout,
)
from ..uploads import KINDS, format_size

KIND_NAMES = {
    "pdf": "PDF",
    "png": "Image PNG",
    "jpeg": "Image JPEG",
    "odt": "Texte ODT",
    "docx": "Texte DOCX",
}


class Printed(StrEnum):
    """How a field prints."""

    TEXT = "text"  # paragraphs as typed
    SHORT = "short"  # one line
    LIST = "list"  # ticked choices


@dataclass(frozen=True)
class PrintedField:
    label: str
    text: str
    kind: Printed = Printed.TEXT
    items: tuple[str, ...] = ()

    # For the template, which compares no magic strings.
    @property
    def is_list(self) -> bool:
        return self.kind == Printed.LIST

    @property
    def is_short(self) -> bool:
        return self.kind == Printed.SHORT

    @property
    def empty(self) -> bool:
        return not self.text.strip() and not self.items


@dataclass(frozen=True)
class PrintedDocument:
    name: str
    kind: str
    size: str


@dataclass(frozen=True)
class PrintedSituation:
    number: int
    anchor: str
    title: str
    fields: tuple[PrintedField, ...]
    documents: tuple[PrintedDocument, ...]


@dataclass(frozen=True)
class TableRow:
    label: str
    done: str
    examples: str
    tools: str


@dataclass(frozen=True)
class PrintedSection:
    code: str
    anchor: str
    title: str
    name: str
    kind: str
    fields: tuple[PrintedField, ...] = ()
    rows: tuple[TableRow, ...] = ()
    questions: tuple[PrintedField, ...] = ()
    situations: tuple[PrintedSituation, ...] = ()
    documents: tuple[PrintedDocument, ...] = ()


@dataclass(frozen=True)
class PrintedLivret:
    livret: Livret
    ref: Referential
    candidate: str
    printed_on: date
    draft: bool
    sections: tuple[PrintedSection, ...]
    documents: tuple[PrintedDocument, ...] = ()
    sworn_place: str = ""

    @property
    def title(self) -> str:
        return f"Livret 2 – Dossier de validation – {self.ref.title}"

    @property
    def document_count(self) -> int:
        in_sections = sum(len(s.documents) for s in self.sections)
        in_situations = sum(len(x.documents) for s in self.sections for x in s.situations)
        return len(self.documents) + in_sections + in_situations


def typo(text: str) -> str:
    """French typography for the referential's and the portal's own words (never for the
    candidate's text, printed exactly as typed): typographic apostrophes."""
    return text.replace("'", "’")


def _document(d: Document) -> PrintedDocument:
    kind = KIND_NAMES.get(d.kind) or KINDS.get(d.kind, (d.kind,))[0].upper()
    return PrintedDocument(d.name, kind, format_size(d.size))


def _field(spec: FieldSpec, text: str, section: LivretSection | None = None) -> PrintedField:
    if spec.widget == Widget.YESNO:
        label = YesNo(text).label if text in YesNo else ""
        return PrintedField(typo(spec.label), label, Printed.SHORT)
    if spec.widget == Widget.CHOICES and section is not None and section.choices:
        ticked = set(split_choices(text))
        labels = tuple(typo(c.label) for c in section.choices.items if c.code in ticked)
        return PrintedField(typo(spec.label), "", Printed.LIST, labels)
    kind = Printed.TEXT if spec.multiline else Printed.SHORT
    return PrintedField(typo(spec.label), text, kind)


def candidate_name(answers: dict[tuple[str, str], str], livret: Livret) -> str:
    ref = livret.referential_version.referential
    first = identity_answer(ref, answers, "prenom").strip()
    last = identity_answer(ref, answers, "nom").strip()
    name = " ".join(p for p in (first, last) if p)
    return name or livret.owner.get_full_name() or livret.owner.email


@dataclass
class _Rows:
    """The livret's rows sorted by where they print."""

    section_answers: dict[tuple[str, str], str]
    situation_answers: dict[tuple[int, str], str]
    docs_of_section: dict[str, list[PrintedDocument]]
    docs_of_situation: dict[int, list[PrintedDocument]]
    livret_docs: list[PrintedDocument]


def _sort_rows(ref: Referential, answers, documents) -> _Rows:
    rows = _Rows({}, {}, {}, {}, [])
    for a in answers:
        if a.situation_id:
            rows.situation_answers[(a.situation_id, a.field_key)] = a.text
        else:
            rows.section_answers[(a.section_code, a.field_key)] = a.text
    for d in documents:
        if d.situation_id:
            rows.docs_of_situation.setdefault(d.situation_id, []).append(_document(d))
        elif d.section_code:
            rows.docs_of_section.setdefault(d.section_code, []).append(_document(d))
        else:
            rows.livret_docs.append(_document(d))
    known = {s.code for s in ref.livret_sections}
    for code in list(rows.docs_of_section):
        if code not in known:  # a section the referential no longer has: list them anyway
            rows.livret_docs += rows.docs_of_section.pop(code)
    return rows


def _table(
    ref: Referential, section: LivretSection, values: dict[str, str]
) -> tuple[tuple[TableRow, ...], tuple[PrintedField, ...]]:
    """The rows and questions of an "activités réalisées" table, laid out as the editor's."""
    layout = table_layout(ref, section)
    rows = []
    for row in layout.rows:
        done, examples, tools = (_field(s, values.get(s.key, ""), section) for s in row.fields)
        rows.append(TableRow(done.label, done.text, examples.text, tools.text))
    questions = tuple(_field(q, values.get(q.key, ""), section) for q in layout.questions)
    return tuple(rows), questions


def _situations(section: LivretSection, situations, rows: _Rows) -> tuple[PrintedSituation, ...]:
    own = [s for s in situations if s.section_code == section.code]
    printed = []
    for number, s in enumerate(own, 1):
        values = {f.key: rows.situation_answers.get((s.pk, f.key), "") for f in SITUATION_FIELDS}
        printed.append(
            PrintedSituation(
                number=number,
                anchor=f"situation-{s.pk}",
                title=values.get("titre", "").strip(),
                fields=tuple(_field(spec, values[spec.key]) for spec in SITUATION_FIELDS),
                documents=tuple(rows.docs_of_situation.get(s.pk, ())),
            )
        )
    return tuple(printed)


def _section(
    ref: Referential, index: int, section: LivretSection, situations, rows: _Rows
) -> PrintedSection:
    values = {k: v for (code, k), v in rows.section_answers.items() if code == section.code}
    fields: tuple[PrintedField, ...] = ()
    table: tuple[TableRow, ...] = ()
    questions: tuple[PrintedField, ...] = ()
    if section.kind == SectionKind.ACTIVITIES_TABLE:
        table, questions = _table(ref, section, values)
    else:
        specs = section_fields(ref, section)
        fields = tuple(_field(s, values.get(s.key, ""), section) for s in specs)
    return PrintedSection(
        code=section.code,
        anchor=f"partie-{index}",
        title=typo(section.title),
        name=typo(section_name(ref, section)),
        kind=section.kind,
        fields=fields,
        rows=table,
        questions=questions,
        situations=_situations(section, situations, rows),
        documents=tuple(rows.docs_of_section.get(section.code, ())),
    )


def build(livret: Livret, *, today: date) -> PrintedLivret:
    ref = livret.referential_version.referential
    answers, situations, documents = livret_data(livret)
    rows = _sort_rows(ref, answers, documents)
    return PrintedLivret(
        livret=livret,
        ref=ref,
        candidate=candidate_name(rows.section_answers, livret),
        printed_on=today,
        draft=not livret.is_finalised,
        sections=tuple(
            _section(ref, index, section, situations, rows)
            for index, section in enumerate(ref.livret_sections, 1)
        ),
        documents=tuple(rows.livret_docs),
        # Livrets finalised before the place was asked for: the town of the address.
        sworn_place=livret.sworn_place
        or place_from_address(identity_answer(ref, rows.section_answers, "adresse")),
    )
