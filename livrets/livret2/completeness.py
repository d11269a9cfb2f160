"""Is a livret complete? One pure function over its content and its referential's structure.

The editor's menu, counters and missing list, the "Finaliser" check and the tests all call
``check``. No ORM, no request: content comes in as plain data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from home.referentials.domain import LivretSection, Referential, SectionKind
from livrets.livret2 import structure
from livrets.livret2.anchors import Anchor
from livrets.livret2.structure import SITUATION_FIELDS, FieldSpec, Widget, YesNo


class Status(StrEnum):
    """A section's state in the editor's menu."""

    TODO = "todo"
    STARTED = "started"
    DONE = "done"
    # A part whose units a jury validated: the livret started on the remaining units
    # does not ask for it again.
    VALIDATED = "validated"

    @property
    def label(self) -> str:
        return {
            Status.TODO: "À compléter",
            Status.STARTED: "En cours",
            Status.DONE: "Complet",
            Status.VALIDATED: "Validée par le jury",
        }[self]


@dataclass(frozen=True)
class SituationContent:
    id: int
    section: str
    fields: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class LivretContent:
    # (section code, field key) -> text
    answers: dict[tuple[str, str], str] = field(default_factory=dict)
    # In display order within each section.
    situations: tuple[SituationContent, ...] = ()
    # Codes of the sections the livret does not ask for (units already validated by a jury).
    exempt: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Missing:
    section: str
    message: str
    # The HTML id of the place to fix, on the section's page.
    anchor: str


@dataclass(frozen=True)
class SectionState:
    code: str
    status: Status
    missing: tuple[Missing, ...]

    @property
    def label(self) -> str:
        return self.status.label


@dataclass(frozen=True)
class Report:
    sections: tuple[SectionState, ...]

    @property
    def missing(self) -> list[Missing]:
        return [m for s in self.sections for m in s.missing]

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def done_count(self) -> int:
        return sum(1 for s in self.sections if s.status in (Status.DONE, Status.VALIDATED))

    @property
    def percent(self) -> int:
        return round(100 * self.done_count / len(self.sections)) if self.sections else 100

    def section(self, code: str) -> SectionState:
        return next(s for s in self.sections if s.code == code)


def field_anchor(section: str, key: str, situation: int | None = None) -> str:
    """The HTML id of a field on its section's page."""
    return Anchor.of(section=section, situation=situation, field=key).dom_id


def _filled(text: str | None) -> bool:
    return bool(text and text.strip())


def _short(label: str) -> str:
    return label if len(label) <= 80 else label[:77] + "…"


def _missing_fields(
    specs: tuple[FieldSpec, ...], values: dict[str, str], section: str, prefix: str, situation=None
) -> list[Missing]:
    out = []
    labels = {spec.key: spec.label for spec in specs}
    for spec in specs:
        value = values.get(spec.key, "")
        required = spec.required or (
            spec.required_if_yes and values.get(spec.required_if_yes, "") == YesNo.YES
        )
        if spec.widget == Widget.CHOICES:
            continue
        if required and not _filled(value):
            if spec.widget == Widget.YESNO:
                message = f"{prefix} : répondez Oui ou Non pour « {spec.label} »"
            elif spec.required_if_yes:
                # "Exemples" of one activity among many: name the activity answered Oui.
                message = (
                    f"{prefix} : le champ « {spec.label} » de l'activité « "
                    f"{_short(labels.get(spec.required_if_yes, ''))} » est vide (vous avez "
                    "répondu Oui)"
                )
            else:
                message = f"{prefix} : le champ « {_short(spec.label)} » est vide"
            out.append(Missing(section, message, field_anchor(section, spec.key, situation)))
    return out


def check(ref: Referential, content: LivretContent) -> Report:
    """Every missing item of the livret, section by section, and each section's state."""
    by_section: dict[str, list[SituationContent]] = {}
    for s in content.situations:
        by_section.setdefault(s.section, []).append(s)
    return Report(
        tuple(
            _section_state(ref, section, content, by_section.get(section.code, []))
            for section in ref.livret_sections
        )
    )


def check_section(ref: Referential, content: LivretContent, code: str) -> SectionState:
    """One section's state; ``content`` needs only that section's answers and situations."""
    section = next(s for s in ref.livret_sections if s.code == code)
    situations = [s for s in content.situations if s.section == code]
    return _section_state(ref, section, content, situations)


def _section_state(
    ref: Referential,
    section: LivretSection,
    content: LivretContent,
    situations: list[SituationContent],
) -> SectionState:
    if section.code in content.exempt:
        return SectionState(section.code, Status.VALIDATED, ())
    name = structure.section_name(ref, section)
    values = {k: v for (code, k), v in content.answers.items() if code == section.code}
    missing: list[Missing] = []
    specs = structure.section_fields(ref, section)
    prefix = name if section.kind == SectionKind.ACTIVITIES_TABLE else section.title
    missing += _missing_fields(specs, values, section.code, prefix)
    started = any(_filled(v) for v in values.values())
    if section.kind == SectionKind.SITUATIONS:
        if len(situations) < section.situations_required:
            missing.insert(
                0,
                Missing(
                    section.code,
                    f"{name} : {len(situations)} situation sur {section.situations_required}"
                    if len(situations) <= 1
                    else f"{name} : {len(situations)} situations sur {section.situations_required}",
                    f"situations-{section.code}",
                ),
            )
        if section.choices:
            ticked = set(structure.split_choices(values.get("choix", "")))
            ticked &= {c.code for c in section.choices.items}
            if len(ticked) < section.choices.min:
                missing.append(
                    Missing(
                        section.code,
                        f"{name} : cochez au moins {section.choices.min} compétences "
                        f"sur {len(section.choices.items)}",
                        field_anchor(section.code, "choix"),
                    )
                )
        for number, situation in enumerate(situations, start=1):
            started = started or any(_filled(v) for v in situation.fields.values())
            missing += _missing_fields(
                SITUATION_FIELDS,
                situation.fields,
                section.code,
                f"{name}, situation {number}",
                situation.id,
            )
    status = Status.DONE if not missing else Status.STARTED if started else Status.TODO
    return SectionState(section.code, status, tuple(missing))
