"""Validate referential data files and load them as immutable versions.

`check_file` is pure (file in, list of problems out); `load_files` writes, all or nothing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from django.db import transaction

from .domain import SectionKind
from .provenance import text

SCHEMA_PATH = Path(__file__).with_name("schema.json")


class ReferentialFileError(Exception):
    """A data file was refused; the message names the file, the place in it and the fault."""


@dataclass(frozen=True)
class LoadResult:
    slug: str
    number: int
    created: bool


@cache
def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _path(parts) -> str:
    out = "$"
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out


def read_file(path: Path) -> dict[str, Any]:
    """Parse and validate one file; raise ReferentialFileError with every problem found."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ReferentialFileError(f"{path}: fichier illisible ({exc.strerror}).") from exc
    except UnicodeDecodeError as exc:
        raise ReferentialFileError(f"{path}: le fichier n'est pas encodé en UTF-8.") from exc
    except json.JSONDecodeError as exc:
        raise ReferentialFileError(
            f"{path}: JSON invalide ligne {exc.lineno}, colonne {exc.colno} : {exc.msg}."
        ) from exc
    problems = check_data(data)
    if problems:
        raise ReferentialFileError("\n".join(f"{path}: {p}" for p in problems))
    return data


def check_data(data: Any) -> list[str]:
    """Every problem in a file's content, as "<json path>: <what is wrong>"."""
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        return [f"{_path(e.absolute_path)}: {e.message}" for e in errors]
    return _check_references(data)


def _check_references(data: dict[str, Any]) -> list[str]:
    problems = []
    seen: dict[str, str] = {}

    def claim(code: str, where: str) -> None:
        if code in seen:
            problems.append(f"{where}: le code « {code} » est déjà utilisé en {seen[code]}.")
        else:
            seen[code] = where

    for ui, unit in enumerate(data["units"]):
        claim(unit["code"], f"$.units[{ui}].code")
        for key in ("elements", "activity_items", "questions"):
            for i, item in enumerate(unit[key]):
                claim(item["code"], f"$.units[{ui}].{key}[{i}].code")
    numbers = [u["number"] for u in data["units"]]
    if numbers != list(range(1, len(numbers) + 1)):
        problems.append("$.units: les unités doivent être numérotées 1, 2, 3… dans l'ordre.")
    unit_codes = {u["code"] for u in data["units"]}
    item_codes = {i["code"] for u in data["units"] for i in u["activity_items"]}
    section_codes: set[str] = set()
    for si, section in enumerate(data["livret"]["sections"]):
        where = f"$.livret.sections[{si}]"
        if section["code"] in section_codes:
            problems.append(f"{where}.code: la section « {section['code']} » est en double.")
        section_codes.add(section["code"])
        if "unit" in section and section["unit"] not in unit_codes:
            problems.append(f"{where}.unit: l'unité « {section['unit']} » n'existe pas.")
        choices = section.get("choices")
        if choices:
            if choices["min"] > len(choices["items"]):
                problems.append(f"{where}.choices.min: plus grand que le nombre de choix.")
            for ci, choice in enumerate(choices["items"]):
                if choice["code"] not in item_codes:
                    problems.append(
                        f"{where}.choices.items[{ci}].code: « {choice['code']} » "
                        "n'est pas une activité du référentiel."
                    )
    kinds = [s["kind"] for s in data["livret"]["sections"]]
    for required in (SectionKind.IDENTITY, SectionKind.MOTIVATION):
        if required not in kinds:
            problems.append(f"$.livret.sections: il manque la section « {required} ».")
    return problems + _check_request_delays(data)


def _check_request_delays(data: dict[str, Any]) -> list[str]:
    """The request's sentences on the delays agree with ``delays``, where the delays are
    written once: a sentence on a delay needs the delay, a note saying there is none needs
    none."""
    request, delays = data.get("recevabilite_request"), data["delays"]
    if not request:
        return []
    answer, problems = request["answer"], []
    if "validity" in request and delays["validity_months"] is None:
        problems.append(
            "$.recevabilite_request.validity: la durée de validité n'est pas indiquée "
            "($.delays.validity_months)."
        )
    for key in ("receipt", "silence"):
        if key in answer and delays["answer_months"] is None:
            problems.append(
                f"$.recevabilite_request.answer.{key}: le délai de réponse n'est pas indiqué "
                "($.delays.answer_months)."
            )
    if "silence" in answer and delays["silence_means_acceptance"] is not True:
        problems.append(
            "$.recevabilite_request.answer.silence: $.delays.silence_means_acceptance "
            "ne dit pas que le silence vaut acceptation."
        )
    if "unknown" in answer and delays["answer_months"] is not None:
        problems.append(
            "$.recevabilite_request.answer.unknown: un délai de réponse est indiqué "
            "($.delays.answer_months)."
        )
    return problems


def content_hash(data: dict[str, Any]) -> str:
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def load_files(paths: list[Path]) -> list[LoadResult]:
    """Load every file or none: all are validated before anything is written."""
    from .models import Cqp, ReferentialVersion

    contents = [read_file(p) for p in paths]
    slugs = [d["slug"] for d in contents]
    if len(set(slugs)) != len(slugs):
        raise ReferentialFileError("Deux fichiers portent le même identifiant (slug).")
    results = []
    with transaction.atomic():
        for data in contents:
            digest = content_hash(data)
            cqp, _ = Cqp.objects.select_for_update().get_or_create(slug=data["slug"])
            existing = cqp.versions.filter(content_hash=digest).first()
            if existing:
                if cqp.current_id != existing.pk:
                    cqp.current = existing
                    cqp.save(update_fields=["current"])
                results.append(LoadResult(cqp.slug, existing.number, created=False))
                continue
            last = cqp.versions.order_by("-number").values_list("number", flat=True).first() or 0
            version = ReferentialVersion.objects.create(
                cqp=cqp,
                number=last + 1,
                label=data["version"],
                content_hash=digest,
                title=str(text(data["title"])),
                certifier=str(text(data["certifier"]["name"])),
                rncp=data["rncp"] or "",
                data=data,
            )
            cqp.current = version
            cqp.save(update_fields=["current"])
            results.append(LoadResult(cqp.slug, version.number, created=True))
    return results
