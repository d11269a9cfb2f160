"""The jury's decision recorded by the certifier on the portal: checked against the desk's
rules (``rules.jury_decision_errors``), written as the jury app's ``JuryDecision`` (through
``livrets.jury.services``) with a ``DeskEvent`` and, optionally, the certifier's letter; the
candidate told by email at once. Called through ``services.record_jury_decision``."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from livrets.candidatures.models import Candidature, DeskStatus
from livrets.desk import rules, selectors
from livrets.desk.models import DecisionLetter, DeskAction, DeskEvent
from livrets.desk.services import SUBJECT, DeskError, checked_letter, silence_on
from livrets.jury import selectors as jury_selectors
from livrets.jury import services as jury_services
from livrets.jury.models import JuryDecision
from livrets.recevabilite.models import RecevabiliteRequest
from portal.tasks import send_email


def _checked_or_errors(letter) -> tuple[tuple | None, str, dict]:
    """(kept file, clean name) or None, the upload's notice, the letter's errors."""
    if letter is None:
        return None, "", {}
    try:
        kept, name, notice = checked_letter(letter)
    except DeskError as error:
        return None, "", error.errors
    return (kept, name), notice, {}


def admissible_on(c: Candidature, request: RecevabiliteRequest, *, today: date) -> date | None:
    """The day the request became recevable at the desk (the secretariat's decision, or the
    day silence became acceptance); None while it is not."""
    if c.desk_status == DeskStatus.ADMISSIBLE:
        return c.desk_decided_on
    silence = silence_on(request, c) if c.desk_status == DeskStatus.PENDING else None
    return silence if silence and today >= silence else None


def record(
    *, candidature, outcome, validated_units, motifs, decided_on, by, today, letter=None, link=""
) -> JuryDecision:
    """The jury's decision recorded by the certifier (its secretariat or a jury member): total,
    partial with the parts validated, or none; motifs (required but for a total validation);
    optionally the certifier's letter (a clean PDF only). One per candidature; the candidate is
    told by email at once and their own form becomes read-only. ``DeskError`` (field -> French
    message) for anything refused; nothing is kept then. The decision carries the stored
    letter as ``sent_letter`` (None without one)."""
    checked, notice, letter_errors = _checked_or_errors(letter)
    stored: list[DecisionLetter] = []
    try:
        with transaction.atomic():
            c = Candidature.objects.select_for_update().get(pk=candidature.pk)
            decision = _record_jury(
                c, outcome, validated_units, motifs, decided_on, by, today, letter_errors
            )
            if checked is not None:
                record = DecisionLetter(
                    event=decision.desk_event, name=checked[1], kind="pdf", size=checked[0].size
                )
                record.file.save(checked[1], checked[0], save=False)
                stored.append(record)  # deleted below if the transaction fails
                record.save()
                decision.letter_name = record.name
                decision.letter_url = reverse(
                    "desk_candidate:letter", args=[c.request.pk, record.pk]
                )
                decision.save(update_fields=["letter_name", "letter_url"])
            _tell_jury(c, decision, link=link)
    except BaseException:
        for record in stored:
            record.file.delete(save=False)
        raise
    decision.sent_letter = stored[0] if stored else None
    if decision.sent_letter is not None:
        decision.sent_letter.upload_notice = notice
    return decision


def _record_jury(c, outcome, validated_units, motifs, decided_on, by, today, letter_errors):
    request = (
        RecevabiliteRequest.objects.select_related("referential_version")
        .filter(candidature=c)
        .first()
    )
    if jury_selectors.certifier_decision(c.pk) is not None:
        raise DeskError("La décision du jury est déjà enregistrée pour cette candidature.")
    admissible = admissible_on(c, request, today=today) if request else None
    if admissible is None:
        raise DeskError(
            "La demande de recevabilité de ce candidat n'est pas recevable : aucune décision "
            "du jury ne peut être enregistrée."
        )
    livret = selectors.jury_livret(c)
    if livret is None:
        raise DeskError("Le candidat n'a pas de livret 2 pour ce CQP : aucune décision possible.")
    ref = livret.referential_version.referential
    errors = rules.jury_decision_errors(
        outcome=outcome,
        validated=list(validated_units),
        units=[u.code for u in ref.units],
        unit_plural=ref.unit_plural,
        motifs=motifs,
        decided_on=decided_on,
        admissible_on=admissible,
        today=today,
    )
    if errors or letter_errors:
        raise DeskError({**errors, **letter_errors})
    try:
        decision = jury_services.record_certifier_decision(
            candidature=c,
            livret=livret,
            outcome=outcome,
            validated_units=list(validated_units),
            motifs=motifs,
            decided_on=decided_on,
            by=by,
        )
    except jury_services.JuryError as error:
        raise DeskError(str(error)) from error
    decision.desk_event = DeskEvent.objects.create(
        candidature=c,
        actor=by,
        action=DeskAction.JURY_DECISION,
        before={"decision_du_jury": None},
        after={
            "decision_du_jury": outcome,
            "unites_validees": decision.validated_units,
            "date": decided_on.isoformat(),
            "motifs": decision.motifs,
        },
    )
    return decision


def _tell_jury(c: Candidature, decision: JuryDecision, *, link: str) -> None:
    ref = decision.livret.referential_version.referential
    owner = c.owner
    send_email.enqueue(
        subject=SUBJECT + "La décision du jury",
        body=render_to_string(
            "desk/email/jury_decision.txt",
            {
                "name": owner.get_full_name() or owner.email,
                "title": decision.livret.referential_version.title,
                "d": decision,
                "outcome": rules.JURY_OUTCOMES[decision.outcome],
                "validated": [
                    f"{ref.unit_name(u)} : {u.title}"
                    for u in ref.units
                    if u.code in set(decision.validated_units)
                ],
                "link": link,
            },
        ),
        to=[owner.email],
    )
