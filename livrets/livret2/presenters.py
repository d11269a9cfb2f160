"""What the editor templates show, assembled in Python from already fetched rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from home.referentials.domain import LivretSection, Referential, SectionKind
from livrets.livret2.anchors import Anchor
from livrets.livret2.completeness import Report, check
from livrets.livret2.models import Answer, Document, Livret, Situation
from livrets.livret2.selectors import content_of, livret_data
from livrets.livret2.structure import (
    SITUATION_FIELDS,
    FieldSpec,
    Widget,
    YesNo,
    is_optional,
    item_groups,
    section_fields,
    section_name,
    split_choices,
)
from portal.uploads import format_size


@dataclass
class FieldView:
    spec: FieldSpec
    place: Anchor
    text: str
    version: int
    options: list[tuple[str, str, bool]] = field(default_factory=list)
    # After a refused no-JavaScript save: {"mine", "version", "conflict"/"error", "theirs"}.
    problem: dict | None = None

    @property
    def part(self) -> str:
        return self.place.part

    @property
    def name(self) -> str:
        return self.place.name

    @property
    def anchor(self) -> str:
        """The HTML id of the field."""
        return self.place.dom_id

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
        return Anchor(situation=self.situation.pk).part

    @property
    def thread_key(self) -> str:
        """The key of the review threads about the whole situation."""
        return Anchor(situation=self.situation.pk).name

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

    @property
    def thread_key(self) -> str:
        """The key of the review threads about the whole section."""
        return Anchor(section=self.section.code).name


@dataclass
class EditorView:
    livret: Livret
    ref: Referential
    report: Report
    menu: list[tuple[LivretSection, str, str, str]]
    livret_documents: list[DocumentView]
    # Every document of the livret, the situations' included.
    documents: list[Document] = field(default_factory=list)


def _field_view(spec: FieldSpec, place: Anchor, answer: Answer | None, choices=None):
    text = answer.text if answer else ""
    view = FieldView(spec, place, text, answer.version if answer else 0)
    if spec.widget == Widget.CHOICES and choices:
        ticked = set(split_choices(text))
        view.options = [(c.code, c.label, c.code in ticked) for c in choices.items]
    elif spec.widget == Widget.YESNO:
        view.options = [(choice.value, choice.label, text == choice) for choice in YesNo]
    return view


def build(livret: Livret, section_code: str | None = None):
    """The editor's data: the menu and report, and the given section's fields if any."""
    ref = livret.referential_version.referential
    answers, situations, documents = livret_data(livret)
    report = check(ref, content_of(answers, situations, exempt=livret.exempt_sections))
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
        documents,
    )
    section = next((s for s in ref.livret_sections if s.code == section_code), None)
    if section is None:
        return editor, None
    return editor, _section_view(ref, report, section, answers, situations, documents)


def _situation_views(section, situations, documents, by_key) -> list[SituationView]:
    docs_by_situation: dict[int, list[DocumentView]] = {}
    for d in documents:
        if d.situation_id:
            docs_by_situation.setdefault(d.situation_id, []).append(DocumentView(d))
    own = (s for s in situations if s.section_code == section.code)
    return [
        SituationView(
            s,
            number,
            [
                _field_view(
                    spec,
                    Anchor(situation=s.pk, field=spec.key),
                    by_key.get((s.pk, section.code, spec.key)),
                )
                for spec in SITUATION_FIELDS
            ],
            docs_by_situation.get(s.pk, []),
        )
        for number, s in enumerate(own, 1)
    ]


def _section_view(
    ref: Referential, report: Report, section: LivretSection, answers, situations, documents
) -> SectionView:
    by_key = {(a.situation_id, a.section_code, a.field_key): a for a in answers}
    fields = [
        _field_view(
            spec,
            Anchor(section=section.code, field=spec.key),
            by_key.get((None, section.code, spec.key)),
            section.choices,
        )
        for spec in section_fields(ref, section)
    ]
    items, questions = [], []
    if section.kind == SectionKind.ACTIVITIES_TABLE:
        groups, questions = item_groups(ref, section, fields)
        items = [(group[0].spec.label, group) for _, group in groups]
    state = report.section(section.code)
    return SectionView(
        section,
        section_name(ref, section),
        state.status,
        state.label,
        list(state.missing),
        fields,
        _situation_views(section, situations, documents, by_key),
        [
            DocumentView(d)
            for d in documents
            if not d.situation_id and d.section_code == section.code
        ],
        items,
        questions,
        optional=is_optional(ref, section),
    )
