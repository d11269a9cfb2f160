"""What a livret asks for, derived from a referential's livret structure. Pure: no ORM.

Every field is anchored to stable codes: the section code from the referential and a field
key (``raisons``, ``C1.I2.exemples``, ``A2.Q1``...). A situation's fields use the keys of
``SITUATION_FIELDS``. The review points at any field by (section, key).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum

from home.referentials.domain import LivretSection, Referential, SectionKind

FIELD_MAX_CHARS = 10_000
SHORT_MAX_CHARS = 300


class Widget(StrEnum):
    """How a field is answered."""

    TEXT = "text"  # free text
    YESNO = "yesno"  # Oui / Non
    CHOICES = "choices"  # codes separated by commas


class YesNo(StrEnum):
    """The stored answers of a yes/no field."""

    YES = "oui"
    NO = "non"

    @property
    def label(self) -> str:
        return {YesNo.YES: "Oui", YesNo.NO: "Non"}[self]


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    help: str = ""
    required: bool = True
    multiline: bool = True
    max_chars: int = FIELD_MAX_CHARS
    widget: Widget = Widget.TEXT
    # For fields only required when another field of the section says yes.
    required_if_yes: str = ""
    # The portal asks for it, no source does: shown « Proposé par le portail ».
    proposed: bool = False

    # For the templates, which compare no magic strings.
    @property
    def is_text(self) -> bool:
        return self.widget == Widget.TEXT

    @property
    def is_choices(self) -> bool:
        return self.widget == Widget.CHOICES


# What 004 asks of each situation ("Vous exposerez la situation et la façon dont vous l'avez
# analysée puis vous décrirez vos différentes actions en expliquant pourquoi vous avez procédé
# de cette façon"): the situation, its analysis, the actions and why. Title, when and where,
# and outcome are the portal's proposals: available, optional.
SITUATION_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "titre",
        "Titre de la situation",
        "Un titre court qui résume la situation.",
        required=False,
        multiline=False,
        max_chars=SHORT_MAX_CHARS,
        proposed=True,
    ),
    FieldSpec(
        "quand_ou",
        "Quand et où",
        "La période, le lieu, le poste que vous occupiez.",
        required=False,
        multiline=False,
        max_chars=SHORT_MAX_CHARS,
        proposed=True,
    ),
    FieldSpec(
        "contexte",
        "La situation",
        "Exposez la situation : qui était concerné, quelle était la demande ou le problème.",
    ),
    FieldSpec(
        "analyse",
        "La façon dont vous l'avez analysée",
        "Ce que vous avez observé, vérifié, les informations que vous avez recherchées.",
    ),
    FieldSpec(
        "actions",
        "Vos différentes actions et pourquoi vous avez procédé de cette façon",
        "Décrivez vos actions et expliquez pourquoi vous avez procédé ainsi.",
    ),
    FieldSpec(
        "resultat",
        "Le résultat",
        "Ce qui s'est passé ensuite, ce que vous en retirez.",
        required=False,
        proposed=True,
    ),
)
SITUATION_FIELDS_BY_KEY = {f.key: f for f in SITUATION_FIELDS}

IDENTITY_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("civilite", "Civilité", required=False, multiline=False, max_chars=40),
    FieldSpec("nom", "Nom", multiline=False, max_chars=SHORT_MAX_CHARS),
    FieldSpec("prenom", "Prénom", multiline=False, max_chars=SHORT_MAX_CHARS),
    FieldSpec("adresse", "Adresse", multiline=True, max_chars=1000),
    FieldSpec("telephone", "Téléphone", multiline=False, max_chars=60),
    FieldSpec("email", "Adresse électronique", multiline=False, max_chars=SHORT_MAX_CHARS),
    FieldSpec(
        "naissance",
        "Date et lieu de naissance",
        required=False,
        multiline=False,
        max_chars=SHORT_MAX_CHARS,
    ),
)


def is_optional(ref: Referential, section: LivretSection) -> bool:
    """A section no source asks for, in a livret whose structure comes from a source: the
    portal proposes it, the candidate may leave it empty."""
    return ref.livret_from_source and not section.from_source


def _identity_fields(section: LivretSection) -> tuple[FieldSpec, ...]:
    """The identity the source's form asks for is required; the portal's other fields stay
    available, optional and marked (004 asks only NOM and PRÉNOM)."""
    if not section.fields:
        return IDENTITY_FIELDS
    asked = set(section.fields)
    return tuple(
        replace(
            f,
            required=f.required and f.key in asked,
            proposed=f.key not in asked,
        )
        for f in IDENTITY_FIELDS
    )


def _motivation_fields(section: LivretSection, optional: bool) -> tuple[FieldSpec, ...]:
    prompts = section.prompts
    return (
        FieldSpec(
            "raisons",
            "Les raisons de votre démarche",
            prompts[0] if prompts else "",
            required=not optional,
        ),
        FieldSpec(
            "points_forts",
            "Vos points forts pour ce CQP",
            prompts[1] if len(prompts) > 1 else "",
            required=not optional,
        ),
    )


def _context_fields(section: LivretSection, optional: bool) -> tuple[FieldSpec, ...]:
    return (
        FieldSpec(
            "description",
            "Description de l'organisation et du contexte",
            "Rédigée une seule fois, elle vaut pour toutes vos situations.",
            required=not optional,
        ),
    )


def _table_fields(ref: Referential, section: LivretSection) -> tuple[FieldSpec, ...]:
    """The source's "activités réalisées" table: Oui/Non, "Exemples", and a documents column
    only where the source prints one, under the source's own heading."""
    unit = ref.units_by_code[section.unit]
    fields: list[FieldSpec] = []
    for item in unit.activity_items:
        fields += [
            FieldSpec(
                f"{item.code}.realise",
                item.label,
                widget=Widget.YESNO,
                multiline=False,
                max_chars=3,
                proposed=not item.from_source,
            ),
            FieldSpec(
                f"{item.code}.exemples",
                "Exemples",
                "Des situations précises que vous avez vécues.",
                required=False,
                required_if_yes=f"{item.code}.realise",
            ),
        ]
        if section.documents_column:
            fields.append(
                FieldSpec(
                    f"{item.code}.documents",
                    section.documents_column,
                    required=False,
                    max_chars=2000,
                )
            )
    fields += [FieldSpec(q.code, q.text, proposed=not q.from_source) for q in unit.questions]
    return tuple(fields)


def item_groups(
    ref: Referential, section: LivretSection, fields: list
) -> tuple[list[tuple[str, list]], list]:
    """An activities table's fields (or their views, anything with ``.key`` or ``.spec.key``)
    grouped by activity item, in order, and the questions after them."""
    unit = ref.units_by_code[section.unit]
    codes = [i.code for i in unit.activity_items]

    def key(f) -> str:
        return f.spec.key if hasattr(f, "spec") else f.key

    groups = [(code, [f for f in fields if key(f).startswith(f"{code}.")]) for code in codes]
    questions = [f for f in fields if not any(key(f).startswith(f"{c}.") for c in codes)]
    return groups, questions


def section_fields(ref: Referential, section: LivretSection) -> tuple[FieldSpec, ...]:
    """The fields a section asks for directly (not those of its situations)."""
    if section.kind == SectionKind.IDENTITY:
        return _identity_fields(section)
    if section.kind == SectionKind.MOTIVATION:
        return _motivation_fields(section, is_optional(ref, section))
    if section.kind == SectionKind.CONTEXT:
        return _context_fields(section, is_optional(ref, section))
    if section.kind == SectionKind.ACTIVITIES_TABLE:
        return _table_fields(ref, section)
    if section.kind == SectionKind.SITUATIONS and section.choices:
        return (
            FieldSpec(
                "choix",
                section.choices.label,
                f"Cochez au moins {section.choices.min} compétences.",
                widget=Widget.CHOICES,
                multiline=False,
                max_chars=1000,
            ),
        )
    return ()


def section_field(ref: Referential, section: LivretSection, key: str) -> FieldSpec | None:
    return next((f for f in section_fields(ref, section) if f.key == key), None)


def section_by_code(ref: Referential, code: str) -> LivretSection | None:
    return next((s for s in ref.livret_sections if s.code == code), None)


def section_of_kind(ref: Referential, kind: SectionKind) -> LivretSection | None:
    """The livret's first section of a kind (the identity, the motivation...)."""
    return next((s for s in ref.livret_sections if s.kind == kind), None)


def identity_answer(ref: Referential, answers: dict[tuple[str, str], str], key: str) -> str:
    """One field of the identity section from (section code, key) -> text answers."""
    identity = section_of_kind(ref, SectionKind.IDENTITY)
    return answers.get((identity.code, key), "") if identity else ""


def section_name(ref: Referential, section: LivretSection) -> str:
    """A short name for lists of missing items: "Activité III", "Compétence 2", "Identité"."""
    if section.unit and section.unit in ref.units_by_code:
        return ref.unit_name(ref.units_by_code[section.unit])
    return section.title


def split_choices(text: str) -> list[str]:
    return [c for c in (p.strip() for p in text.split(",")) if c]


def prefill_from_activities(ref: Referential, codes: list[str]) -> dict[tuple[str, str], str]:
    """Answers pre-filled from activities declared in the self-check.

    Activity items of an "activités réalisées" table are answered "oui"; the listed
    competences of a situations section with choices are ticked.
    """
    wanted = set(codes)
    answers: dict[tuple[str, str], str] = {}
    for section in ref.livret_sections:
        if section.kind == SectionKind.ACTIVITIES_TABLE and section.unit in ref.units_by_code:
            for item in ref.units_by_code[section.unit].activity_items:
                if item.code in wanted:
                    answers[(section.code, f"{item.code}.realise")] = YesNo.YES.value
        elif section.kind == SectionKind.SITUATIONS and section.choices:
            ticked = [c.code for c in section.choices.items if c.code in wanted]
            if ticked:
                answers[(section.code, "choix")] = ",".join(ticked)
    return answers


def place_from_address(address: str) -> str:
    """The town of an address typed freely: its last line or last comma-separated part,
    without the postcode ("1 rue de la Paix\\n69001 Lyon" -> "Lyon")."""
    lines = [line.strip() for line in address.replace(",", "\n").splitlines() if line.strip()]
    if not lines:
        return ""
    return re.sub(r"^\d{4,5}\s*", "", lines[-1]).strip()
