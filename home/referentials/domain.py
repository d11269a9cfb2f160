"""The referential of a CQP as plain, immutable Python data.

Built from the validated content of a data file; no ORM, no request. The self-check engine,
the livret's completeness rules, the notices and the PDF all read a referential through these
types and refer to its parts by their stable codes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any

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


@dataclass(frozen=True)
class ActivityItem:
    code: str
    label: str
    from_source: bool = True


@dataclass(frozen=True)
class Question:
    code: str
    text: str


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
class MasteryRule:
    kind: str  # all_units, bloc_threshold, elements_tolerance
    text: str
    unit_text: str = ""
    criteria_threshold_percent: int | None = None
    max_non_implemented_non_essential: int | None = None
    partial_validation_kept_years: int | None = None


@dataclass(frozen=True)
class Recevabilite:
    min_months: int
    accepted_kinds: tuple[str, ...]
    rule_text: str
    conditions: tuple[str, ...] = ()
    discrepancy_note: str = ""
    form: str = ""
    send_to: str = ""


@dataclass(frozen=True)
class Delays:
    answer_months: int | None
    silence_means_acceptance: bool
    validity_months: int | None
    livret_due_months_before_jury: int | None
    validity_text: str = ""


@dataclass(frozen=True)
class Certifier:
    name: str
    branch: str
    commission: str
    secretariat: str
    contact: str
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
    mastery_rule: MasteryRule
    recevabilite: Recevabilite
    delays: Delays
    steps: tuple[Step, ...]
    documents: tuple[str, ...]
    livret_from_source: bool
    livret_sections: tuple[LivretSection, ...]
    livret_note: str = ""
    livret_intro: tuple[str, ...] = ()
    routes: tuple[str, ...] = ()
    evaluation: tuple[str, ...] = ()
    jury: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

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

    def unit_name(self, unit: Unit) -> str:
        """ "Compétence 2", "Bloc de compétences 1", "Activité III"."""
        word = self.unit_singular[0].upper() + self.unit_singular[1:]
        return f"{word} {unit.label or unit.number}"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Referential:
        return _build(data)

    @classmethod
    def cached(cls, key: Any, load: Callable[[], dict[str, Any]]) -> Referential:
        """Versions are immutable: their typed view is built once per process and content hash.

        `load` is called only on a miss, so callers may defer the (large) raw content.
        """
        ref = _CACHE.get(key)
        if ref is None:
            ref = _CACHE[key] = _build(load())
        return ref


_CACHE: dict[Any, Referential] = {}


def _t(items) -> tuple:
    return tuple(items or ())


def _unit(u: dict[str, Any]) -> Unit:
    return Unit(
        code=u["code"],
        number=u["number"],
        title=u["title"],
        label=u.get("label", ""),
        description=u.get("description", ""),
        evaluation_basis=_t(u.get("evaluation_basis")),
        elements=tuple(
            Element(
                code=e["code"],
                number=e["number"],
                title=e["title"],
                criteria=_t(e["criteria"]),
                essential=e["essential"],
            )
            for e in u["elements"]
        ),
        activity_items=tuple(
            ActivityItem(code=i["code"], label=i["label"], from_source=i.get("from_source", True))
            for i in u["activity_items"]
        ),
        questions=tuple(Question(code=q["code"], text=q["text"]) for q in u["questions"]),
        interviewer_questions=tuple(
            InterviewTheme(theme=t["theme"], questions=_t(t["questions"]))
            for t in u.get("interviewer_questions", ())
        ),
        gap_advice=u.get("gap_advice", ""),
    )


def _section(s: dict[str, Any], livret_from_source: bool) -> LivretSection:
    choices = s.get("choices")
    return LivretSection(
        code=s["code"],
        kind=SectionKind(s["kind"]),
        title=s["title"],
        unit=s.get("unit", ""),
        guidance=_t(s.get("guidance")),
        prompts=_t(s.get("prompts")),
        situations_required=s.get("situations_required", 0),
        choices=Choices(
            min=choices["min"],
            label=choices["label"],
            items=tuple(Choice(code=c["code"], label=c["label"]) for c in choices["items"]),
        )
        if choices
        else None,
        from_source=s.get("from_source", livret_from_source),
    )


def _build(d: dict[str, Any]) -> Referential:
    units = tuple(_unit(u) for u in d["units"])
    sections = [_section(s, d["livret"]["from_source"]) for s in d["livret"]["sections"]]
    rule, rec, delays, cert = d["mastery_rule"], d["recevabilite"], d["delays"], d["certifier"]
    return Referential(
        slug=d["slug"],
        title=d["title"],
        short_title=d["short_title"],
        sources=_t(d["sources"]),
        certifier=Certifier(
            name=cert["name"],
            branch=cert["branch"],
            commission=cert["commission"],
            secretariat=cert["secretariat"],
            contact=cert["contact"],
            website=cert.get("website", ""),
        ),
        rncp=d["rncp"],
        version=d["version"],
        version_date=d["version_date"],
        presentation=_t(d["presentation"]),
        main_situations=_t(d["main_situations"]),
        unit_singular=d["unit_word"]["singular"],
        unit_plural=d["unit_word"]["plural"],
        units=units,
        mastery_rule=MasteryRule(
            kind=rule["kind"],
            text=rule["text"],
            unit_text=rule.get("unit_text", ""),
            criteria_threshold_percent=rule.get("criteria_threshold_percent"),
            max_non_implemented_non_essential=rule.get("max_non_implemented_non_essential"),
            partial_validation_kept_years=rule.get("partial_validation_kept_years"),
        ),
        recevabilite=Recevabilite(
            min_months=rec["min_months"],
            accepted_kinds=_t(rec["accepted_kinds"]),
            rule_text=rec["rule_text"],
            conditions=_t(rec.get("conditions")),
            discrepancy_note=rec.get("discrepancy_note", ""),
            form=rec.get("form", ""),
            send_to=rec.get("send_to", ""),
        ),
        delays=Delays(
            answer_months=delays["answer_months"],
            silence_means_acceptance=delays["silence_means_acceptance"],
            validity_months=delays["validity_months"],
            livret_due_months_before_jury=delays["livret_due_months_before_jury"],
            validity_text=delays.get("validity_text", ""),
        ),
        steps=tuple(Step(title=s["title"], text=s["text"]) for s in d["steps"]),
        documents=_t(d["documents"]),
        livret_from_source=d["livret"]["from_source"],
        livret_sections=tuple(sections),
        livret_note=d["livret"].get("note", ""),
        livret_intro=_t(d["livret"].get("intro")),
        routes=_t(d.get("routes")),
        evaluation=_t(d.get("evaluation")),
        jury=d.get("jury", ""),
    )
