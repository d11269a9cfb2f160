"""Livrets filled in every field, for the PDF tests and nothing else."""

from __future__ import annotations

from livrets.livret2 import parts, services
from livrets.livret2.structure import SITUATION_FIELDS, section_fields

ACCENTS = "déjà évalué, « œuvre » et cœur d’équipe à Orléans"


def field_text(spec, tag: str) -> str:
    if spec.widget == "yesno":
        return "oui"
    text = f"{tag} : {ACCENTS}."
    return text[: spec.max_chars]


def fill_everything(livret, *, situations: int | None = None, long_text: str = "") -> None:
    """Every field of every section, and each situations section's required situations."""
    ref = livret.referential_version.referential
    for section in ref.livret_sections:
        for spec in section_fields(ref, section):
            if spec.widget == "choices":
                text = ",".join(c.code for c in section.choices.items)
            else:
                text = field_text(spec, f"{section.code} {spec.key}")
                if long_text and spec.multiline and spec.widget == "text":
                    text = (text + "\n\n" + long_text)[: spec.max_chars]
            services.save_answer(
                livret=livret, section=section.code, key=spec.key, text=text, base_version=0
            )
        if section.kind != "situations":
            continue
        for number in range(1, (situations or max(section.situations_required, 1)) + 1):
            situation = parts.add_situation(livret=livret, section=section.code)
            for spec in SITUATION_FIELDS:
                text = field_text(spec, f"{section.code} situation {number} {spec.key}")
                if long_text and spec.multiline:
                    text = (text + "\n\n" + long_text)[: spec.max_chars]
                services.save_answer(
                    livret=livret,
                    section=section.code,
                    key=spec.key,
                    text=text,
                    base_version=0,
                    situation=situation,
                )
