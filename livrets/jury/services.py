"""Writes of the jury preparation: ratings (each one a new row), evidence links, the jury's
decision and the livret 2 started on the remaining units."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from django.db import transaction

from home.referentials.domain import Unit
from livrets.candidatures import access
from livrets.jury import rules
from livrets.jury.evidence import unit_section
from livrets.jury.models import Evidence, JuryDecision, Outcome, Rating, RatingValue
from livrets.jury.referential import mastery_of
from livrets.jury.selectors import current_ratings
from livrets.livret2 import services as livret_services
from livrets.livret2.models import Livret


class JuryError(Exception):
    """A write the rules refuse; the message is shown as is."""


def _unit(livret: Livret, code: str) -> Unit:
    unit = livret.referential_version.referential.units_by_code.get(code)
    if unit is None:
        raise JuryError("Unité inconnue pour ce CQP.")
    return unit


def rate_unit(
    *, livret: Livret, unit_code: str, role: str, author, values: Mapping[str, str]
) -> int:
    """Record the ratings that changed (a new row each, "" withdraws one); how many changed."""
    unit = _unit(livret, unit_code)
    if not mastery_of(livret.referential_version.referential).rates_elements:
        raise JuryError("La source ne donne pas d’échelle d’évaluation par élément pour ce CQP.")
    codes = {e.code for e in unit.elements}
    allowed = set(RatingValue.values) | {""}
    for code, value in values.items():
        if code not in codes:
            raise JuryError(f"{code} n’est pas un élément de cette unité.")
        if value not in allowed:
            raise JuryError("Évaluation inconnue.")
    existing = list(
        Rating.objects.filter(livret=livret, role=role, element_code__in=codes).only(
            "element_code", "role", "value"
        )
    )
    now = current_ratings(existing).get(role, {})
    rows = [
        Rating(livret=livret, element_code=code, role=role, author=author, value=value)
        for code, value in values.items()
        if now.get(code, "") != value
    ]
    Rating.objects.bulk_create(rows)
    return len(rows)


def link_evidence(
    *, livret: Livret, targets: Iterable[str], chosen: Mapping[str, set[str]], allowed: set[str]
) -> None:
    """Set the livret's parts linked to each target (element or unit) to ``chosen``."""
    targets = list(targets)
    for target, sources in chosen.items():
        if target not in targets or not sources <= allowed:
            raise JuryError("Partie du livret inconnue.")
    with transaction.atomic():
        current = set(
            Evidence.objects.filter(livret=livret, target__in=targets).values_list(
                "target", "source"
            )
        )
        wanted = {(t, s) for t in targets for s in chosen.get(t, set())}
        gone = current - wanted
        for target, source in gone:
            Evidence.objects.filter(livret=livret, target=target, source=source).delete()
        Evidence.objects.bulk_create(
            [Evidence(livret=livret, target=t, source=s) for t, s in sorted(wanted - current)]
        )


def role_of(livret: Livret, user) -> str | None:
    """The reader's role on the livret's candidature (``candidatures.access``)."""
    return access.role_of(user, livret.candidature)


def record_decision(
    *, owner, livret: Livret, decided_on: date, outcome: str, validated_units: list[str]
) -> JuryDecision:
    ref = livret.referential_version.referential
    codes = [u.code for u in ref.units]
    if outcome == Outcome.PARTIAL:
        validated = [c for c in codes if c in set(validated_units)]
        if not validated or len(validated) == len(codes):
            raise JuryError(
                f"Une validation partielle porte sur une partie des {ref.unit_plural} : "
                "cochez ce que le jury a validé, pas tout."
            )
    else:
        validated = codes if outcome == Outcome.TOTAL else []
    return JuryDecision.objects.create(
        owner=owner,
        candidature_id=livret.candidature_id,
        cqp_id=livret.cqp_id,
        livret=livret,
        decided_on=decided_on,
        outcome=outcome,
        validated_units=validated,
    )


def record_certifier_decision(
    *,
    candidature,
    livret: Livret,
    outcome: str,
    validated_units: list[str],
    motifs: str,
    decided_on: date,
    by,
) -> JuryDecision:
    """The jury's decision as the certifier records it on the portal (its desk checks it
    first): one per candidature; the candidate's own form is read-only from then on. The
    caller holds the candidature's lock."""
    if JuryDecision.objects.filter(candidature=candidature, by_certifier=True).exists():
        raise JuryError("La décision du jury est déjà enregistrée pour cette candidature.")
    codes = [u.code for u in livret.referential_version.referential.units]
    validated = {
        Outcome.TOTAL: codes,
        Outcome.PARTIAL: [c for c in codes if c in set(validated_units)],
    }.get(outcome, [])
    return JuryDecision.objects.create(
        owner_id=candidature.owner_id,
        candidature=candidature,
        cqp_id=candidature.cqp_id,
        livret=livret,
        decided_on=decided_on,
        outcome=outcome,
        validated_units=validated,
        motifs=motifs.strip(),
        by_certifier=True,
        recorded_by=by,
    )


def start_remaining_livret(*, decision: JuryDecision) -> Livret:
    """A new livret 2 on the same referential version carrying over the texts that still
    serve: identity, motivation, context, and the remaining units' sections."""
    if decision.outcome != Outcome.PARTIAL or decision.livret is None:
        raise JuryError("Seule une validation partielle ouvre un livret sur les unités restantes.")
    if decision.follow_up_id:
        raise JuryError("Un livret sur les unités restantes existe déjà.")
    source = decision.livret
    ref = source.referential_version.referential
    remaining = set(rules.remaining_units([u.code for u in ref.units], decision.validated_units))
    dropped = {
        s.code
        for u in ref.units
        if u.code not in remaining and (s := unit_section(ref, u)) is not None
    }
    with transaction.atomic():
        new = livret_services.start_livret(owner=decision.owner, version=source.referential_version)
        new.exempt_sections = sorted(dropped)
        new.save(update_fields=["exempt_sections"])
        livret_services.copy_answers(source=source, target=new, skip_sections=frozenset(dropped))
        decision.follow_up = new
        decision.save(update_fields=["follow_up"])
    return new
