"""Writes of the desk: the candidate's deposit and the secretariat's decision. Each one
records a ``DeskEvent`` (who, when, what, the candidature's facts before and after) and tells
the candidate by email. A decision may carry the certifier's letter: a PDF only, checked and
disarmed as the candidates' proofs are (``portal.uploads.checked_upload``)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.template.loader import render_to_string

from livrets.candidatures import deadlines
from livrets.candidatures.models import Candidature, Decision, DeskStatus
from livrets.desk import national_forms, rules, selectors
from livrets.desk.errors import DeskError, checked_pdf
from livrets.desk.models import (
    Assignment,
    DecisionLetter,
    DeskAction,
    DeskEvent,
    StaffMembership,
    StaffRole,
)
from livrets.jury.models import JuryDecision
from livrets.recevabilite.models import NationalForm, RecevabiliteRequest
from portal.tasks import send_email

SUBJECT = "[Portail CQP-VAE] "
FACTS = (
    "request_sent_on",
    "request_received_on",
    "decision",
    "decision_on",
    "notified_on",
    "deposited_on",
    "desk_status",
    "desk_decided_on",
    "desk_motifs",
)


def snapshot(c: Candidature) -> dict:
    out = {}
    for name in FACTS:
        value = getattr(c, name)
        out[name] = value.isoformat() if isinstance(value, date) else value
    out["decision_recorded_by"] = c.decision_recorded_by_id
    return out


def _locked(request: RecevabiliteRequest) -> Candidature:
    return Candidature.objects.select_for_update().get(pk=request.candidature_id)


def silence_on(request: RecevabiliteRequest, candidature: Candidature) -> date | None:
    delays = request.referential_version.referential.delays
    return deadlines.silence_day(delays=delays, facts=candidature.facts)


def deposit(
    *, request: RecevabiliteRequest, by, today: date, link: str, national_form=None
) -> Candidature:
    """The candidate deposits the finalised request on the portal: sent and received today.
    Where the request is the national form, its filled copy goes with it (``national_form``:
    an uploaded PDF, which replaces the one stored; required when none is)."""
    checked = national_forms.checked(national_form)
    with national_forms.cleaning() as stored, transaction.atomic():
        c = _locked(request)
        _deposit_errors(request, c)
        national = national_forms.is_national(request)
        if rules.national_form_missing(
            national=national,
            stored=NationalForm.objects.filter(request=request).exists(),
            uploaded=checked is not None,
        ):
            raise DeskError({"national_form": national_forms.MISSING})
        if national and checked is not None:
            national_forms.store(request, checked, stored)
        before = snapshot(c)
        c.request_sent_on = c.request_received_on = c.deposited_on = today
        c.desk_status, c.desk_decided_on, c.desk_motifs = DeskStatus.PENDING, None, ""
        c.save()
        after = snapshot(c)
        if national:  # which filled national form went with this deposit
            after["formulaire_national"] = (
                NationalForm.objects.filter(request=request).values_list("name", flat=True).first()
            )
        DeskEvent.objects.create(
            candidature=c, actor=by, action=DeskAction.DEPOSIT, before=before, after=after
        )
        _tell(
            request,
            c,
            subject="Votre demande de recevabilité est déposée",
            template="desk/email/deposit.txt",
            link=link,
            extra={"silence_on": silence_on(request, c)},
        )
    return c


def _deposit_errors(request: RecevabiliteRequest, c: Candidature) -> None:
    if not request.is_finalised:
        raise DeskError("Finalisez votre demande avant de la déposer.")
    if not selectors.has_secretariat(c.cqp_id):
        raise DeskError(
            "Le certificateur de ce CQP ne reçoit pas encore les demandes sur le portail."
        )
    if c.desk_status == DeskStatus.PENDING:
        raise DeskError("Votre demande est déjà déposée : elle attend la réponse du certificateur.")
    if c.decision in (Decision.FAVOURABLE, Decision.UNFAVOURABLE):
        raise DeskError("Le certificateur a déjà répondu à cette demande.")


def checked_letter(upload) -> tuple[object, str, str]:
    """The letter to keep (its disarmed copy), its clean name and what the copy lost; a
    ``DeskError`` on the field ``letter`` for anything but a clean PDF."""
    return checked_pdf(upload, field="letter", what="la lettre du certificateur est acceptée")


def decide(
    *,
    request: RecevabiliteRequest,
    by,
    outcome: str,
    motifs: str,
    decided_on: date | None,
    today: date,
    link: str,
    letter=None,
) -> Candidature:
    """The secretariat's answer to a deposited request: recevable, non recevable or
    incomplète (the request goes back to the candidate, to be completed and deposited again),
    with, optionally, the certifier's letter (``letter``: an uploaded file, a PDF only).

    The letter is checked before the candidature is locked (the check runs in a process of its
    own); a refused letter is reported with the decision's other errors, and nothing is kept.
    The candidature carries the stored letter as ``decision_letter`` (None without one)."""
    kept = name = notice = None
    letter_errors = {}
    if letter is not None:
        try:
            kept, name, notice = checked_letter(letter)
        except DeskError as error:
            letter_errors = error.errors
    stored: list[DecisionLetter] = []
    try:
        c = _decide(
            request=request,
            by=by,
            outcome=outcome,
            motifs=motifs,
            decided_on=decided_on,
            today=today,
            link=link,
            letter_errors=letter_errors,
            letter=(kept, name) if kept is not None else None,
            stored=stored,
        )
    except BaseException:
        for record in stored:  # the transaction is rolled back: no file without its row
            record.file.delete(save=False)
        raise
    c.decision_letter = stored[0] if stored else None
    if c.decision_letter is not None:
        c.decision_letter.upload_notice = notice
    return c


def _decide(
    *, request, by, outcome, motifs, decided_on, today, link, letter_errors, letter, stored
) -> Candidature:
    with transaction.atomic():
        c = _locked(request)
        if c.desk_status != DeskStatus.PENDING:
            raise DeskError(
                "Une décision est déjà enregistrée pour cette demande."
                if c.desk_status
                else "Cette demande n'est pas déposée sur le portail : aucune décision possible."
            )
        errors = rules.decision_errors(
            outcome=outcome,
            motifs=motifs,
            decided_on=decided_on,
            deposited_on=c.deposited_on,
            today=today,
            silence_on=silence_on(request, c),
        )
        errors = {**errors, **letter_errors}
        if errors:
            raise DeskError(errors)
        before = snapshot(c)
        _apply(c, request=request, outcome=outcome, decided_on=decided_on, by=by)
        c.desk_status, c.desk_decided_on, c.desk_motifs = outcome, decided_on, motifs.strip()
        c.save()
        event = DeskEvent.objects.create(
            candidature=c, actor=by, action=outcome, before=before, after=snapshot(c)
        )
        if letter is not None:
            kept, name = letter
            record = DecisionLetter(event=event, name=name, kind="pdf", size=kept.size)
            record.file.save(name, kept, save=False)
            stored.append(record)  # deleted by ``decide`` if the transaction fails
            record.save()
        _tell(
            request,
            c,
            subject="La réponse à votre demande de recevabilité",
            template="desk/email/decision.txt",
            link=link,
            extra={"outcome": rules.OUTCOMES[outcome], "letter": letter is not None},
        )
    return c


def _assigned(c: Candidature) -> list[int]:
    return sorted(Assignment.objects.filter(candidature=c).values_list("evaluator_id", flat=True))


def assign(*, request: RecevabiliteRequest, by, evaluator_id: int | None, unassign=False):
    """The secretariat names (or, with ``unassign``, withdraws) an evaluator of the CQP for
    the candidature; a ``DeskError`` on the field ``evaluator`` for anyone else."""
    with transaction.atomic():
        c = _locked(request)
        membership = (
            StaffMembership.objects.filter(
                cqp_id=c.cqp_id, role=StaffRole.EVALUATOR, user_id=evaluator_id
            )
            .select_related("user")
            .first()
            if evaluator_id is not None
            else None
        )
        if membership is None:
            raise DeskError({"evaluator": "Choisissez un évaluateur de ce CQP dans la liste."})
        name = membership.user.get_full_name() or membership.user.email
        existing = Assignment.objects.filter(candidature=c, evaluator_id=evaluator_id)
        if unassign and not existing.exists():
            raise DeskError({"evaluator": f"{name} n'est pas désigné pour cette candidature."})
        if not unassign and existing.exists():
            raise DeskError({"evaluator": f"{name} est déjà désigné pour cette candidature."})
        before = {"evaluateurs": _assigned(c)}
        if unassign:
            existing.delete()
        else:
            Assignment.objects.create(candidature=c, evaluator_id=evaluator_id, assigned_by=by)
        DeskEvent.objects.create(
            candidature=c,
            actor=by,
            action=DeskAction.UNASSIGN if unassign else DeskAction.ASSIGN,
            before=before,
            after={"evaluateurs": _assigned(c), "evaluateur": evaluator_id},
        )
    return name


def _apply(c: Candidature, *, request, outcome: str, decided_on: date, by) -> None:
    if outcome == rules.INCOMPLETE:
        # Back to the candidate: not sent any more, editable again; the history stays.
        c.request_sent_on = c.request_received_on = None
        RecevabiliteRequest.objects.filter(pk=request.pk).update(
            status=RecevabiliteRequest.Status.DRAFT, finalised_at=None
        )
        return
    favourable = outcome == rules.ADMISSIBLE
    c.decision = Decision.FAVOURABLE if favourable else Decision.UNFAVOURABLE
    c.decision_on = decided_on
    c.notified_on = decided_on if favourable else None
    c.decision_recorded_by = by


def _tell(request, c: Candidature, *, subject: str, template: str, link: str, extra) -> None:
    owner = c.owner
    send_email.enqueue(
        subject=SUBJECT + subject,
        body=render_to_string(
            template,
            {
                "name": owner.get_full_name() or owner.email,
                "title": request.referential_version.title,
                "c": c,
                "link": link,
                **extra,
            },
        ),
        to=[owner.email],
    )


def record_jury_decision(
    *, candidature, outcome, validated_units, motifs, decided_on, by, today, letter=None, link=""
) -> JuryDecision:
    """The jury's decision recorded by the certifier (``livrets.desk.jury_decision.record``)."""
    from livrets.desk import jury_decision  # it reads this module's errors and letters

    return jury_decision.record(
        candidature=candidature,
        outcome=outcome,
        validated_units=validated_units,
        motifs=motifs,
        decided_on=decided_on,
        by=by,
        today=today,
        letter=letter,
        link=link,
    )


def delete_letters_of(user) -> None:
    """The files of the letters sent to the user's requests (the rows go with the account)."""
    for letter in DecisionLetter.objects.filter(event__candidature__owner=user):
        letter.file.delete(save=False)


# The livret 2's deposit and the jury sessions: a module of their own, reached here.
from livrets.desk.jury_services import (  # noqa: E402, F401
    create_session,
    deposit_livret,
    seat,
    unseat,
)
