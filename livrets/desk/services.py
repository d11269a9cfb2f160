"""Writes of the desk: the candidate's deposit and the secretariat's decision. Each one
records a ``DeskEvent`` (who, when, what, the candidature's facts before and after) and tells
the candidate by email."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.template.loader import render_to_string

from livrets.candidatures import deadlines
from livrets.candidatures.models import Candidature, Decision, DeskStatus
from livrets.desk import rules, selectors
from livrets.desk.models import DeskAction, DeskEvent
from livrets.recevabilite.models import RecevabiliteRequest
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


class DeskError(Exception):
    """A write the desk refuses: field (or "" for the whole form) -> French message."""

    def __init__(self, errors: dict[str, str] | str):
        errors = {"": errors} if isinstance(errors, str) else errors
        super().__init__(" ".join(errors.values()))
        self.errors = errors


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


def deposit(*, request: RecevabiliteRequest, by, today: date, link: str) -> Candidature:
    """The candidate deposits the finalised request on the portal: sent and received today."""
    with transaction.atomic():
        c = _locked(request)
        if not request.is_finalised:
            raise DeskError("Finalisez votre demande avant de la déposer.")
        if not selectors.has_secretariat(c.cqp_id):
            raise DeskError(
                "Le certificateur de ce CQP ne reçoit pas encore les demandes sur le portail."
            )
        if c.desk_status == DeskStatus.PENDING:
            raise DeskError(
                "Votre demande est déjà déposée : elle attend la réponse du certificateur."
            )
        if c.decision in (Decision.FAVOURABLE, Decision.UNFAVOURABLE):
            raise DeskError("Le certificateur a déjà répondu à cette demande.")
        before = snapshot(c)
        c.request_sent_on = c.request_received_on = c.deposited_on = today
        c.desk_status, c.desk_decided_on, c.desk_motifs = DeskStatus.PENDING, None, ""
        c.save()
        DeskEvent.objects.create(
            candidature=c, actor=by, action=DeskAction.DEPOSIT, before=before, after=snapshot(c)
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


def decide(
    *,
    request: RecevabiliteRequest,
    by,
    outcome: str,
    motifs: str,
    decided_on: date | None,
    today: date,
    link: str,
) -> Candidature:
    """The secretariat's answer to a deposited request: recevable, non recevable or
    incomplète (the request goes back to the candidate, to be completed and deposited again)."""
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
        )
        if errors:
            raise DeskError(errors)
        before = snapshot(c)
        _apply(c, request=request, outcome=outcome, decided_on=decided_on, by=by)
        c.desk_status, c.desk_decided_on, c.desk_motifs = outcome, decided_on, motifs.strip()
        c.save()
        DeskEvent.objects.create(
            candidature=c, actor=by, action=outcome, before=before, after=snapshot(c)
        )
        _tell(
            request,
            c,
            subject="La réponse à votre demande de recevabilité",
            template="desk/email/decision.txt",
            link=link,
            extra={"outcome": rules.OUTCOMES[outcome]},
        )
    return c


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
