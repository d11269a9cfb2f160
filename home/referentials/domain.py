"""The referential of a CQP as plain, immutable Python data: the portal's one typed view.

Built once per version by ``builder`` from the validated content of a data file; no ORM, no
request. The self-check engine, the livret's completeness rules, the recevabilité request
(``request``), the jury's grid (``mastery``), the notices and the PDF all read a referential
through these types and refer to its parts by their stable codes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from .mastery import ALL_UNITS, Mastery
from .request import RequestForm

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
EXPERIENCE_KINDS: dict[str, str] = {
    "salarie": "Activité salariée",
    "non_salarie": "Activité non salariée",
    "benevole": "Activité bénévole",
    "volontaire": "Volontariat",
    "syndical": "Activité syndicale",
    "electif": "Mandat électif",
    "sportif_haut_niveau": "Sportif de haut niveau",
    "stage": "Stage ou période de formation en milieu professionnel",
}


@dataclass(frozen=True)
class Element:
    code: str
    number: int
    title: str
    criteria: tuple[str, ...]
    essential: bool | None
    from_source: bool = True


@dataclass(frozen=True)
class ActivityItem:
    code: str
    label: str
    from_source: bool = True


@dataclass(frozen=True)
class Question:
    code: str
    text: str
    from_source: bool = True


@dataclass(frozen=True)
class InterviewTheme:
    theme: str
    questions: tuple[str, ...]


@dataclass(frozen=True)
class Unit:
    code: str
    number: int
    title: str
    label: str = ""
    description: str = ""
    evaluation_basis: tuple[str, ...] = ()
    elements: tuple[Element, ...] = ()
    activity_items: tuple[ActivityItem, ...] = ()
    questions: tuple[Question, ...] = ()
    interviewer_questions: tuple[InterviewTheme, ...] = ()
    gap_advice: str = ""
    from_source: bool = True

    @property
    def criteria_count(self) -> int:
        return sum(len(e.criteria) for e in self.elements)


@dataclass(frozen=True)
class Choice:
    code: str
    label: str


@dataclass(frozen=True)
class Choices:
    min: int
    label: str
    items: tuple[Choice, ...]


class SectionKind(StrEnum):
    """What a section of the livret 2 asks for (``kind`` in the referential files)."""

    IDENTITY = "identity"
    MOTIVATION = "motivation"
    CONTEXT = "context"
    SITUATIONS = "situations"
    ACTIVITIES_TABLE = "activities_table"


@dataclass(frozen=True)
class LivretSection:
    code: str
    kind: SectionKind
    title: str
    unit: str = ""
    guidance: tuple[str, ...] = ()
    prompts: tuple[str, ...] = ()
    situations_required: int = 0
    choices: Choices | None = None
    from_source: bool = True
    # identity: the fields the source's form asks for; () when no source gives the form.
    fields: tuple[str, ...] = ()
    # activities_table: the source's heading of its documents column ("" when it has none).
    documents_column: str = ""

    # For the templates, which compare no magic strings.
    @property
    def is_motivation(self) -> bool:
        return self.kind == SectionKind.MOTIVATION

    @property
    def has_situations(self) -> bool:
        return self.kind == SectionKind.SITUATIONS

    @property
    def is_activities_table(self) -> bool:
        return self.kind == SectionKind.ACTIVITIES_TABLE


@dataclass(frozen=True)
class Step:
    title: str
    text: str


@dataclass(frozen=True)
class SourceSentence:
    source: str
    text: str
    applied: bool = False

    @property
    def source_number(self) -> str:
        """ "002" for "002_fe1f6f581feb572b.txt"."""
        return self.source.split("_", 1)[0]


@dataclass(frozen=True)
class Disagreement:
    """Sentences of the sources that disagree on a rule, and why the portal applies one."""

    sentences: tuple[SourceSentence, ...]
    why: str

    @property
    def applied(self) -> SourceSentence | None:
        return next((s for s in self.sentences if s.applied), None)


@dataclass(frozen=True)
class Recevabilite:
    min_months: int
    accepted_kinds: tuple[str, ...]
    rule_text: str
    conditions: tuple[str, ...] = ()
    discrepancy_note: str = ""
    # None: the source does not say.
    form: str | None = None
    send_to: str | None = None
    disagreements: tuple[Disagreement, ...] = ()


@dataclass(frozen=True)
class Delays:
    answer_months: int | None
    # None: the source does not say.
    silence_means_acceptance: bool | None
    validity_months: int | None
    livret_due_months_before_jury: int | None
    validity_text: str = ""
    # "receipt", "sending", or None when the source does not say what the delay counts from.
    answer_from: str | None = None
    answer_text: str = ""
    silence_text: str = ""
    livret_due_text: str = ""


@dataclass(frozen=True)
class Certifier:
    name: str
    # None: the source does not say.
    branch: str | None
    commission: str | None
    secretariat: str | None
    contact: str | None
    website: str = ""


@dataclass(frozen=True)
class Referential:
    slug: str
    title: str
    short_title: str
    sources: tuple[str, ...]
    certifier: Certifier
    rncp: str | None
    version: str
    version_date: str | None
    presentation: tuple[str, ...]
    main_situations: tuple[str, ...]
    unit_singular: str
    unit_plural: str
    units: tuple[Unit, ...]
    recevabilite: Recevabilite
    delays: Delays
    steps: tuple[Step, ...]
    documents: tuple[str, ...]
    livret_from_source: bool
    livret_sections: tuple[LivretSection, ...]
    livret_note: str = ""
    livret_intro: tuple[str, ...] = ()
    routes: tuple[str, ...] = ()
    main_situations_title: str = ""
    evaluation: tuple[str, ...] = ()
    jury: str = ""
    # The recevabilité request's form (None when the file has none) and the certifier's
    # mastery rules (the notice's and the jury's grid's): parts of the same view, built with
    # it. A version loaded before the file had ``mastery`` is judged on every unit.
    request: RequestForm | None = field(default=None, compare=False, repr=False)
    mastery: Mastery = field(
        default_factory=lambda: Mastery(kind=ALL_UNITS, cqp_rule=None), compare=False, repr=False
    )

    @cached_property
    def units_by_code(self) -> dict[str, Unit]:
        return {u.code: u for u in self.units}

    @cached_property
    def activity_items_by_code(self) -> dict[str, tuple[Unit, ActivityItem]]:
        return {i.code: (u, i) for u in self.units for i in u.activity_items}

    @property
    def element_count(self) -> int:
        return sum(len(u.elements) for u in self.units)

    @property
    def activity_item_count(self) -> int:
        return sum(len(u.activity_items) for u in self.units)

    @property
    def version_label(self) -> str:
        """The referential's own version as a person reads it ("janvier 2019"), or "" when the
        source gives none (the internal code ``version`` is never shown)."""
        if not self.version_date:
            return ""
        year, month = self.version_date.split("-")[:2]
        return f"{MONTHS[int(month) - 1]} {year}"

    def certification_changed_since(self, before: Referential) -> bool:
        """Whether the certification's referential itself differs from an earlier loaded
        version's: its version or its units. A new load for the portal's wording or the
        file's format is not a change of the referential (004's renewal or prorogation)."""
        return self.version != before.version or self.units != before.units

    def unit_name(self, unit: Unit) -> str:
        """ "Compétence 2", "Bloc de compétences 1", "Activité III"."""
        word = self.unit_singular[0].upper() + self.unit_singular[1:]
        return f"{word} {unit.label or unit.number}"
