"""What of a livret can show an element: its fields and situations, by unit. Pure."""

from __future__ import annotations

from dataclasses import dataclass

from home.referentials.domain import Referential, SectionKind, Unit
from livrets.livret2.anchors import Anchor
from livrets.livret2.completeness import LivretContent

SNIPPET_CHARS = 90


@dataclass(frozen=True)
class Option:
    key: str  # a field's Anchor.name, or a situation's Anchor.part
    label: str
    section_code: str
    excerpt: str = ""


def excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET_CHARS else text[: SNIPPET_CHARS - 1].rstrip() + "…"


def unit_section(ref: Referential, unit: Unit):
    return next((s for s in ref.livret_sections if s.unit == unit.code), None)


def options_for(ref: Referential, unit: Unit, content: LivretContent) -> tuple[Option, ...]:
    """The written parts of the unit's section, in the livret's order: an activity's examples,
    an answer to a question, a situation."""
    section = unit_section(ref, unit)
    if section is None:
        return ()
    found: list[Option] = []
    if section.kind == SectionKind.ACTIVITIES_TABLE:
        for item in unit.activity_items:
            key = f"{item.code}.exemples"
            text = content.answers.get((section.code, key), "").strip()
            if text:
                found.append(
                    Option(
                        Anchor(section=section.code, field=key).name,
                        f"Activité : {item.label}",
                        section.code,
                        excerpt(text),
                    )
                )
        for q in unit.questions:
            text = content.answers.get((section.code, q.code), "").strip()
            if text:
                found.append(
                    Option(
                        Anchor(section=section.code, field=q.code).name,
                        f"Question : {q.text}",
                        section.code,
                        excerpt(text),
                    )
                )
    number = 0
    for s in content.situations:
        if s.section != section.code:
            continue
        number += 1
        title = s.fields.get("titre", "").strip()
        found.append(
            Option(
                Anchor(situation=s.id).part,
                f"Situation {number}" + (f" : {title}" if title else ""),
                section.code,
                excerpt(s.fields.get("contexte", "")),
            )
        )
    return tuple(found)
