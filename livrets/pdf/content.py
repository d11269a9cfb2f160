"""What the livret's PDF shows, assembled from the livret's rows in three queries.

The PDF follows the CQP's own structure: ``structure.section_fields`` and
``SITUATION_FIELDS`` in the referential's order, exactly as the editor asks for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from home.referentials.domain import LivretSection, Referential
from home.referentials.provenance import is_proposed

from ..models import Document, Livret
from ..selectors import livret_data
from ..structure import (
    SITUATION_FIELDS,
    FieldSpec,
    item_groups,
    place_from_address,
    section_fields,
    section_name,
    split_choices,
)
from ..uploads import KINDS, format_size

YES_NO = {"oui": "Oui", "non": "Non"}
KIND_NAMES = {
    "pdf": "PDF",
    "png": "Image PNG",
    "jpeg": "Image JPEG",
    "odt": "Texte ODT",
    "docx": "Texte DOCX",
}


@dataclass(frozen=True)
class PrintedField:
    label: str
    text: str
    # "text" (paragraphs as typed), "short" (one line), "list" (ticked choices)
    kind: str = "text"
    items: tuple[str, ...] = ()
    # Asked by the portal, not by the source: « Proposé par le portail » beside the label.
    proposed: bool = False

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
    if spec.widget == "yesno":
        return PrintedField(typo(spec.label), YES_NO.get(text, ""), "short", proposed=mark)
    if spec.widget == "choices" and section is not None and section.choices:
        ticked = set(split_choices(text))
        labels = tuple(typo(c.label) for c in section.choices.items if c.code in ticked)
        return PrintedField(typo(spec.label), "", "list", labels, proposed=mark)
    kind = "text" if spec.multiline else "short"
    return PrintedField(typo(spec.label), text, kind, proposed=mark)


def _rows(ref: Referential, section: LivretSection, specs, fields) -> tuple[list, list]:
    """An activities table's rows (one per activity item) and its questions."""
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
    first = answers.get(("identite", "prenom"), "").strip()
    last = answers.get(("identite", "nom"), "").strip()
    name = " ".join(p for p in (first, last) if p)
    return name or livret.owner.get_full_name() or livret.owner.email


def build(livret: Livret, *, today: date) -> PrintedLivret:
    ref = livret.referential_version.referential
    answers, situations, documents = livret_data(livret)
    section_answers: dict[tuple[str, str], str] = {}
    situation_answers: dict[tuple[int, str], str] = {}
    for a in answers:
        if a.situation_id:
            situation_answers[(a.situation_id, a.field_key)] = a.text
        else:
            section_answers[(a.section_code, a.field_key)] = a.text
    docs_of_situation: dict[int, list[PrintedDocument]] = {}
    docs_of_section: dict[str, list[PrintedDocument]] = {}
    livret_docs: list[PrintedDocument] = []
    for d in documents:
        if d.situation_id:
            docs_of_situation.setdefault(d.situation_id, []).append(_document(d))
        elif d.section_code:
            docs_of_section.setdefault(d.section_code, []).append(_document(d))
        else:
            livret_docs.append(_document(d))
    known = {s.code for s in ref.livret_sections}
    for code in list(docs_of_section):
        if code not in known:  # a section the referential no longer has: list them anyway
            livret_docs += docs_of_section.pop(code)

    printed = []
    for index, section in enumerate(ref.livret_sections, 1):
        specs = section_fields(ref, section)
        fields = [_field(s, section_answers.get((section.code, s.key), ""), section) for s in specs]
        rows: list[TableRow] = []
        questions: list[PrintedField] = []
        if section.kind == "activities_table":
            rows, questions = _rows(ref, section, specs, fields)
            fields = []
        own = [s for s in situations if s.section_code == section.code]
        printed_situations = []
        for number, s in enumerate(own, 1):
            values = {f.key: situation_answers.get((s.pk, f.key), "") for f in SITUATION_FIELDS}
            title = values.get("titre", "").strip()
            printed_situations.append(
                PrintedSituation(
                    number=number,
                    anchor=f"situation-{s.pk}",
                    title=title,
                    fields=tuple(_field(spec, values[spec.key]) for spec in SITUATION_FIELDS),
                    documents=tuple(docs_of_situation.get(s.pk, ())),
                )
            )
        printed.append(
            PrintedSection(
                code=section.code,
                anchor=f"partie-{index}",
                title=typo(section.title),
                name=typo(section_name(ref, section)),
                kind=section.kind,
                from_source=section.from_source and not is_proposed(section.title),
                documents_column=typo(section.documents_column),
                fields=tuple(fields),
                rows=tuple(rows),
                questions=tuple(questions),
                situations=tuple(printed_situations),
                documents=tuple(docs_of_section.get(section.code, ())),
            )
        )
    return PrintedLivret(
        livret=livret,
        ref=ref,
        candidate=candidate_name(section_answers, livret),
        printed_on=today,
        draft=not livret.is_finalised,
        sections=tuple(printed),
        documents=tuple(livret_docs),
        # Livrets finalised before the place was asked for: the town of the address.
        sworn_place=livret.sworn_place
        or place_from_address(section_answers.get(("identite", "adresse"), "")),
    )
