"""What the editor templates show, assembled in Python from already fetched rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from home.referentials.domain import LivretSection, Referential

from .completeness import Report, check, field_anchor
from .models import Answer, Document, Livret, Situation
from .selectors import content_of, livret_data
from .structure import (
    SITUATION_FIELDS,
    FieldSpec,
    is_optional,
    item_groups,
    section_fields,
    section_name,
    split_choices,
)
from .uploads import format_size


@dataclass
class FieldView:
    spec: FieldSpec
    part: str
    text: str
    version: int
    anchor: str
    options: list[tuple[str, str, bool]] = field(default_factory=list)
    # After a refused no-JavaScript save: {"mine", "version", "conflict"/"error", "theirs"}.
    problem: dict | None = None

    @property
    def name(self) -> str:
        return f"{self.part}|{self.spec.key}"

    @property
    def count(self) -> int:
        return len(self.text)


@dataclass
class DocumentView:
    document: Document

    @property
    def size(self) -> str:
        return format_size(self.document.size)


@dataclass
class SituationView:
    situation: Situation
    number: int
    fields: list[FieldView]
    documents: list[DocumentView]

    @property
    def part(self) -> str:
        return f"situation:{self.situation.pk}"

    @property
    def documents_anchor(self) -> str:
        return f"documents-{self.situation.pk}"


@dataclass
class SectionView:
    section: LivretSection
    name: str
    status: str
    label: str
    missing: list
    fields: list[FieldView]
    situations: list[SituationView]
    documents: list[DocumentView]
    # For "activities_table": (item label, [realise, exemples, documents]) then questions.
    items: list[tuple[str, list[FieldView]]]
    questions: list[FieldView]
    # A part no source asks for: the candidate may leave it empty.
    optional: bool = False

    @property
    def code(self) -> str:
        return self.section.code


@dataclass
class EditorView:
    livret: Livret
    ref: Referential
    report: Report
    menu: list[tuple[LivretSection, str, str, str]]
    livret_documents: list[DocumentView]


def _field_view(spec: FieldSpec, part: str, answer: Answer | None, anchor: str, choices=None):
    text = answer.text if answer else ""
    view = FieldView(spec, part, text, answer.version if answer else 0, anchor)
    if spec.widget == "choices" and choices:
        ticked = set(split_choices(text))
        view.options = [(c.code, c.label, c.code in ticked) for c in choices.items]
    elif spec.widget == "yesno":
        view.options = [("oui", "Oui", text == "oui"), ("non", "Non", text == "non")]
    return view


def build(livret: Livret, section_code: str | None = None):
    """The editor's data: the menu and report, and the given section's fields if any."""
    ref = livret.referential_version.referential
    answers, situations, documents = livret_data(livret)
    report = check(ref, content_of(answers, situations))
    menu = [
        (s, section_name(ref, s), report.section(s.code).status, report.section(s.code).label)
        for s in ref.livret_sections
    ]
    editor = EditorView(
        livret,
        ref,
        report,
        menu,
        [DocumentView(d) for d in documents if not d.situation_id],
    )
    if section_code is None:
        return editor, None
    section = next((s for s in ref.livret_sections if s.code == section_code), None)
    if section is None:
        return editor, None
    by_key = {(a.situation_id, a.section_code, a.field_key): a for a in answers}
    part = f"section:{section.code}"
    fields = [
        _field_view(
            spec,
            part,
            by_key.get((None, section.code, spec.key)),
            field_anchor(section.code, spec.key),
            section.choices,
        )
        for spec in section_fields(ref, section)
    ]
    docs_by_situation: dict[int, list[DocumentView]] = {}
    for d in documents:
        if d.situation_id:
            docs_by_situation.setdefault(d.situation_id, []).append(DocumentView(d))
    situation_views = []
    for number, s in enumerate((s for s in situations if s.section_code == section.code), 1):
        situation_views.append(
            SituationView(
                s,
                number,
                [
                    _field_view(
                        spec,
                        f"situation:{s.pk}",
                        by_key.get((s.pk, section.code, spec.key)),
                        field_anchor(section.code, spec.key, s.pk),
                    )
                    for spec in SITUATION_FIELDS
                ],
                docs_by_situation.get(s.pk, []),
            )
        )
    items, questions = [], []
    if section.kind == "activities_table":
        groups, questions = item_groups(ref, section, fields)
        items = [(group[0].spec.label, group) for _, group in groups]
    state = report.section(section.code)
    view = SectionView(
        section,
        section_name(ref, section),
        state.status,
        state.label,
        list(state.missing),
        fields,
        situation_views,
        [
            DocumentView(d)
            for d in documents
            if not d.situation_id and d.section_code == section.code
        ],
        items,
        questions,
        optional=is_optional(ref, section),
    )
    return editor, view
