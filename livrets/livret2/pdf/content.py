"""What the livret's PDF shows, assembled from the livret's rows in three queries.

The PDF follows the CQP's own structure: ``structure.section_fields`` and
``SITUATION_FIELDS`` in the referential's order, exactly as the editor asks for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from home.referentials.domain import LivretSection, Referential, SectionKind
from home.referentials.provenance import is_proposed
from livrets.livret2.models import Document, Livret
from livrets.livret2.selectors import livret_data
from livrets.livret2.structure import (
    SITUATION_FIELDS,
    FieldSpec,
    Widget,
    YesNo,
    identity_answer,
    item_groups,
    place_from_address,
    section_fields,
    section_name,
    split_choices,
)
from portal.uploads import KINDS, format_size

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
    # Asked by the portal, not by the source: « Proposé par le portail » beside the label.
    proposed: bool = False

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
    proposed: bool = False


@dataclass(frozen=True)
class PrintedSection:
    code: str
    anchor: str
    title: str
    name: str
    kind: str
    from_source: bool = True
    documents_column: str = ""
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
    # Parts a jury already validated (a livret started on the remaining units): not printed.
    validated: tuple[str, ...] = ()

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
    mark = spec.proposed
    if spec.widget == Widget.YESNO:
        label = YesNo(text).label if text in YesNo else ""
        return PrintedField(typo(spec.label), label, Printed.SHORT, proposed=mark)
    if spec.widget == Widget.CHOICES and section is not None and section.choices:
        ticked = set(split_choices(text))
        labels = tuple(typo(c.label) for c in section.choices.items if c.code in ticked)
        return PrintedField(typo(spec.label), "", Printed.LIST, labels, proposed=mark)
    kind = Printed.TEXT if spec.multiline else Printed.SHORT
    return PrintedField(typo(spec.label), text, kind, proposed=mark)


def _printed(specs, fields) -> tuple[PrintedField, ...]:
    """The fields to print: an optional field the portal proposes (no source asks for it) and
    the candidate left empty stays out of the document sent to the certifier."""
    return tuple(
        f
        for spec, f in zip(specs, fields, strict=True)
        if not (spec.proposed and not spec.required and f.empty)
    )


def _rows(ref: Referential, section: LivretSection, specs, fields) -> tuple[list, list]:
    """An activities table's rows (one per activity item) and its questions, grouped as the
    editor groups them (``structure.item_groups``)."""
    printed = {spec.key: f for spec, f in zip(specs, fields, strict=True)}
    groups, questions = item_groups(ref, section, list(specs))
    rows = []
    for code, group in groups:
        by_suffix = {spec.key.removeprefix(f"{code}."): printed[spec.key] for spec in group}
        done = by_suffix["realise"]
        rows.append(
            TableRow(
                done.label,
                done.text,
                by_suffix["exemples"].text,
                by_suffix["documents"].text if "documents" in by_suffix else "",
                proposed=done.proposed,
            )
        )
    return rows, [printed[spec.key] for spec in questions]


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
                fields=_printed(
                    SITUATION_FIELDS, [_field(spec, values[spec.key]) for spec in SITUATION_FIELDS]
                ),
                documents=tuple(rows.docs_of_situation.get(s.pk, ())),
            )
        )
    return tuple(printed)


def _section(
    ref: Referential, index: int, section: LivretSection, situations, rows: _Rows
) -> PrintedSection:
    specs = section_fields(ref, section)
    answers = rows.section_answers
    fields = [_field(s, answers.get((section.code, s.key), ""), section) for s in specs]
    table: list[TableRow] = []
    questions: list[PrintedField] = []
    if section.kind == SectionKind.ACTIVITIES_TABLE:
        table, questions = _rows(ref, section, specs, fields)
        fields = []
    else:
        fields = list(_printed(specs, fields))
    return PrintedSection(
        code=section.code,
        anchor=f"partie-{index}",
        title=typo(section.title),
        name=typo(section_name(ref, section)),
        kind=section.kind,
        from_source=section.from_source and not is_proposed(section.title),
        documents_column=typo(section.documents_column),
        fields=tuple(fields),
        rows=tuple(table),
        questions=tuple(questions),
        situations=_situations(section, situations, rows),
        documents=tuple(rows.docs_of_section.get(section.code, ())),
    )


def build(livret: Livret, *, today: date) -> PrintedLivret:
    ref = livret.referential_version.referential
    answers, situations, documents = livret_data(livret)
    rows = _sort_rows(ref, answers, documents)
    exempt = set(livret.exempt_sections)
    asked = [s for s in ref.livret_sections if s.code not in exempt]
    return PrintedLivret(
        livret=livret,
        ref=ref,
        candidate=candidate_name(rows.section_answers, livret),
        printed_on=today,
        draft=not livret.is_finalised,
        sections=tuple(
            _section(ref, index, section, situations, rows)
            for index, section in enumerate(asked, 1)
        ),
        validated=tuple(
            typo(section_name(ref, s)) for s in ref.livret_sections if s.code in exempt
        ),
        documents=tuple(rows.livret_docs),
        # Livrets finalised before the place was asked for: the town of the address.
        sworn_place=livret.sworn_place
        or place_from_address(identity_answer(ref, rows.section_answers, "adresse")),
    )
