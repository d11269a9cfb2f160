"""Test data shared by the tests and the bench: candidates, livrets, filled sections.

Plain functions (no pytest import): fixtures in the conftest files call them, and so may any
test or benchmark.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model

from home.referentials.builder import build
from home.referentials.domain import Referential
from home.referentials.models import Cqp, ReferentialVersion
from livrets.livret2 import parts, services

PASSWORD = "Un-mot-de-passe-solide-42"


def version(slug: str) -> ReferentialVersion:
    """The current referential version of a CQP."""
    return Cqp.objects.select_related("current").get(slug=slug).current


# The name the tests have used.
version_of = version


def make_candidate(email: str):
    user = get_user_model().objects.create_user(username=email, email=email, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def fill_section(livret, section: str, texts: dict[str, str]) -> None:
    for key, text in texts.items():
        services.save_answer(livret=livret, section=section, key=key, text=text, base_version=0)


def fill_situation(livret, section: str, **overrides):
    from livrets.livret2.structure import SITUATION_FIELDS

    situation = parts.add_situation(livret=livret, section=section)
    for spec in SITUATION_FIELDS:
        text = overrides.get(spec.key, f"{spec.label} : texte de la situation.")
        if text:
            services.save_answer(
                livret=livret,
                section=section,
                key=spec.key,
                text=text,
                base_version=0,
                situation=situation,
            )
    return situation


def complete_cos(livret) -> None:
    """Fill every required part of a conseiller-offres-services livret."""
    fill_section(
        livret,
        "identite",
        {
            "nom": "Martin",
            "prenom": "Alice",
            "adresse": "1 rue de la Paix, Lyon",
            "telephone": "0600000000",
            "email": "alice@example.fr",
        },
    )
    fill_section(livret, "motivation", {"raisons": "Parce que.", "points_forts": "L'écoute."})
    fill_section(livret, "contexte", {"description": "Une caisse d'allocations familiales."})
    fill_section(livret, "activite-2", {"choix": "A2.I1,A2.I2"})
    for section, count in {
        "activite-1": 2,
        "activite-2": 1,
        "activite-3": 2,
        "activite-4": 1,
    }.items():
        for _ in range(count):
            fill_situation(livret, section)


def make_af_livret(owner):
    """An assistant-formation (002) livret with compétence 4 partly written."""
    livret = services.start_livret(owner=owner, version=version_of("assistant-formation"))
    ref = livret.referential_version.referential
    unit = ref.units_by_code["C4"]
    item = unit.activity_items[0]
    fill_section(
        livret,
        "competence-4",
        {f"{item.code}.realise": "oui", f"{item.code}.exemples": "Une salle indisponible."},
    )
    return livret


def load_referential(slug: str) -> Referential:
    path = Path(settings.REFERENTIAL_DATA_DIR) / f"{slug}.json"
    return build(json.loads(path.read_text()))


def make_candidatures(owner, count: int, *, prefix: str = "cqp-copie") -> list:
    """``count`` candidatures of ``owner``, each on a CQP of its own (copies pointing to the
    COS referential) with a sent request date, a livret 2 and a partial jury decision."""
    from livrets.candidatures.models import Candidature
    from livrets.jury import services as jury_services
    from livrets.livret2.models import Livret

    cos = version("conseiller-offres-services")
    made = []
    for n in range(count):
        cqp, _ = Cqp.objects.get_or_create(slug=f"{prefix}-{n}", defaults={"current": cos})
        candidature = Candidature.objects.create(
            owner=owner, cqp=cqp, request_sent_on=date(2026, 1, 5)
        )
        livret = Livret.objects.create(
            owner=owner, cqp=cqp, referential_version=cos, candidature=candidature
        )
        jury_services.record_decision(
            owner=owner,
            livret=livret,
            decided_on=date(2026, 6, 1),
            outcome="partielle",
            validated_units=["A1"],
        )
        made.append(candidature)
    return made


IDENTITY = {
    "nom": "Martin",
    "prenom": "Alice",
    "adresse": "1 rue de la Paix, Lyon",
    "telephone": "0600000000",
    "email": "alice@example.fr",
}


def complete_livret(livret) -> None:
    """Fill every required part of a livret of any CQP, as its referential asks: « Oui » to
    each activity, the fewest compétences to tick, the situations each section requires."""
    from livrets.livret2.structure import Widget, section_fields

    ref = livret.referential_version.referential
    for section in ref.livret_sections:
        texts = {}
        for spec in section_fields(ref, section):
            if spec.widget == Widget.YESNO:
                texts[spec.key] = "oui"
            elif spec.widget == Widget.CHOICES:
                items = section.choices.items[: section.choices.min]
                texts[spec.key] = ",".join(c.code for c in items)
            else:
                texts[spec.key] = IDENTITY.get(spec.key, "Une réponse écrite par le candidat.")
        fill_section(livret, section.code, texts)
        for _ in range(section.situations_required or 0):
            fill_situation(livret, section.code)
