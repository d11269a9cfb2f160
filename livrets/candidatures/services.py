"""Writes of the candidature: found or opened once per candidate and CQP, its dates recorded
in one place whichever page they are typed on."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date

from django.db import IntegrityError, transaction

from livrets.candidatures.deadlines import STEPS, Facts, date_errors
from livrets.candidatures.models import Candidature, Decision


class CandidatureError(Exception):
    """A write the rules refuse: field -> French message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(" ".join(errors.values()))
        self.errors = errors


def candidature_of(*, owner, cqp_id: int, selfcheck: dict | None = None) -> Candidature:
    """The candidate's candidature for this CQP, opened on first use."""
    found = Candidature.objects.filter(owner=owner, cqp_id=cqp_id).first()
    if found is not None:
        if selfcheck and not found.selfcheck:
            Candidature.objects.filter(pk=found.pk).update(selfcheck=selfcheck)
            found.selfcheck = selfcheck
        return found
    try:
        with transaction.atomic():
            return Candidature.objects.create(owner=owner, cqp_id=cqp_id, selfcheck=selfcheck or {})
    except IntegrityError:  # opened meanwhile by another request of the same person
        return Candidature.objects.get(owner=owner, cqp_id=cqp_id)


# A fact's candidature field, where its name differs.
FIELDS = {"sent_on": "request_sent_on", "received_on": "request_received_on"}


def held_errors(candidature: Candidature, facts: Facts) -> dict[str, str]:
    """Fact -> French message for each date the candidate changes although the certifier
    recorded it on the portal: the desk's record stands."""
    return {
        name: "Cette date est enregistrée par le certificateur sur le portail : elle ne se "
        "modifie pas ici."
        for name in sorted(candidature.desk_held)
        if getattr(facts, name) != getattr(candidature, FIELDS.get(name, name))
    }


def record_dates(
    *, candidature: Candidature, facts: Facts, by, today: date, steps=STEPS
) -> Candidature:
    """Record the procedure's dates as the candidate gives them; refused with each field's
    French message when they cannot be true (future, out of order, receipt before sending)."""
    if facts.decision not in ("", *Decision.values):
        raise CandidatureError({"decision": "Choisissez une décision de la liste."})
    if facts.decision not in (Decision.FAVOURABLE, Decision.UNFAVOURABLE):
        facts = replace(facts, decision_on=None)
    if facts.decision != Decision.FAVOURABLE:
        facts = replace(facts, notified_on=None)
    errors = held_errors(candidature, facts) or date_errors(facts, today=today, steps=steps)
    if errors:
        raise CandidatureError(errors)
    decision_changed = (facts.decision, facts.decision_on, facts.notified_on) != (
        candidature.decision,
        candidature.decision_on,
        candidature.notified_on,
    )
    values = asdict(facts)
    candidature.request_sent_on = values["sent_on"]
    candidature.request_received_on = values["received_on"]
    candidature.decision = values["decision"]
    candidature.decision_on = values["decision_on"]
    candidature.jury_on = values["jury_on"]
    candidature.notified_on = values["notified_on"]
    if decision_changed:
        candidature.decision_recorded_by = by if facts.decision else None
    candidature.save()
    return candidature
