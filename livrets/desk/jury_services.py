"""Writes of the desk after recevabilité: the livret 2 deposited to the certifier, the jury
sessions and the candidatures seated in them (convened). Each write on a candidature records
a ``DeskEvent`` and tells the candidate by email; reached through ``livrets.desk.services``."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.template.loader import render_to_string

from livrets.candidatures import access
from livrets.candidatures.models import Candidature
from livrets.desk import jury_selectors, rules, selectors
from livrets.desk.models import DeskAction, DeskEvent, JurySession, Seat
from livrets.livret2.models import Livret
from portal.tasks import send_email

SUBJECT = "[Portail CQP-VAE] "


def _error(errors):
    from livrets.desk.services import DeskError

    return DeskError(errors)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _admissible(c: Candidature, *, today: date) -> bool:
    return jury_selectors.is_admissible(c, today=today)


def _delays(c: Candidature):
    version = c.cqp.current
    return version.referential.delays if version is not None else None


def deposit_livret(*, livret: Livret, by, today: date, link: str) -> None:
    """The finalised livret 2 goes to the certifier of a CQP whose secretariat is on the
    portal, once the request is recevable; by the candidate, or where the source has the
    accompagnateur transmit it (004) by the accompagnateur they invited."""
    with transaction.atomic():
        c = (
            Candidature.objects.select_for_update(of=("self",))
            .select_related("cqp__current")
            .get(pk=livret.candidature_id)
        )
        lv = Livret.objects.select_for_update().get(pk=livret.pk)
        role = access.role_of(by, c)
        if role is None:
            raise _error("Ce livret n'est pas le vôtre.")
        if role == access.Role.ACCOMPAGNATEUR and c.cqp.slug not in rules.ACCOMPAGNATEUR_DEPOSITS:
            raise _error("Le candidat dépose lui-même son livret 2 auprès du certificateur.")
        if not selectors.has_secretariat(c.cqp_id):
            raise _error(
                "Le certificateur de ce CQP ne reçoit pas encore les livrets sur le portail."
            )
        delays = _delays(c)
        months = delays.livret_due_months_before_jury if delays else None
        last_day = rules.last_deposit_day(jury_on=c.jury_on, months_before=months)
        errors = rules.livret_deposit_errors(
            finalised=lv.is_finalised,
            reopened=Livret.objects.filter(previous=lv).exists(),
            already_deposited=lv.deposited_on,
            admissible=_admissible(c, today=today),
            last_day=last_day,
            due_text=delays.livret_due_text if delays else "",
            today=today,
        )
        if errors:
            raise _error(errors)
        before = {"livret": lv.pk, "version": lv.number, "deposited_on": None}
        lv.deposited_on, lv.deposited_by = today, by
        lv.save(update_fields=["deposited_on", "deposited_by", "updated_at"])
        DeskEvent.objects.create(
            candidature=c,
            actor=by,
            action=DeskAction.LIVRET_DEPOSIT,
            before=before,
            after={**before, "deposited_on": today.isoformat(), "deposited_by": by.pk},
        )
        _tell(
            c,
            subject="Votre livret 2 est déposé",
            template="desk/email/livret_deposit.txt",
            link=link,
            extra={
                "livret": lv,
                "by_accompagnateur": role == access.Role.ACCOMPAGNATEUR,
                "by_name": by.get_full_name() or by.email,
                "last_day": last_day,
            },
        )


def create_session(*, cqp, held_on: date, place: str, by, today: date) -> JurySession:
    """A session of the CQP's jury: a date not in the past, a place (required, 200
    characters at most)."""
    errors = rules.session_errors(held_on=held_on, place=place or "", today=today)
    if errors:
        raise _error(errors)
    return JurySession.objects.create(cqp=cqp, held_on=held_on, place=place.strip(), created_by=by)


def _seat_facts(c: Candidature, seat: Seat | None) -> dict:
    return {"jury_on": _iso(c.jury_on), "session": seat.session_id if seat else None}


def seat(*, session: JurySession, candidature: Candidature, by, today: date, link: str) -> None:
    """The candidature is seated in the session (one at a time): its jury date is the
    session's, and the candidate is convened by email. A ``DeskError`` on ``candidature``
    otherwise."""
    with transaction.atomic():
        c = (
            Candidature.objects.select_for_update(of=("self",))
            .select_related("cqp__current")
            .get(pk=candidature.pk)
        )
        s = JurySession.objects.get(pk=session.pk)
        existing = Seat.objects.filter(candidature=c).select_related("session").first()
        delays = _delays(c)
        due_before = bool(delays and delays.livret_due_months_before_jury)
        errors = rules.seat_errors(
            same_cqp=c.cqp_id == s.cqp_id and c.deposited_on is not None,
            livret_deposited=Livret.objects.filter(
                candidature=c, deposited_on__isnull=False
            ).exists(),
            admissible=_admissible(c, today=today),
            seated_elsewhere=existing.session.held_on
            if existing and existing.session_id != s.pk
            else None,
            seated_here=existing is not None and existing.session_id == s.pk,
            livret_due_before_jury=due_before,
            held_on=s.held_on,
            today=today,
        )
        if errors:
            raise _error(errors)
        before = _seat_facts(c, None)
        new = Seat.objects.create(session=s, candidature=c, seated_by=by)
        c.jury_on = s.held_on
        c.save(update_fields=["jury_on", "updated_at"])
        DeskEvent.objects.create(
            candidature=c,
            actor=by,
            action=DeskAction.SEAT,
            before=before,
            after=_seat_facts(c, new),
        )
        livret_in = Livret.objects.filter(candidature=c, deposited_on__isnull=False).exists()
        _tell(
            c,
            subject="Votre convocation à la session du jury",
            template="desk/email/convocation.txt",
            link=link,
            extra={
                "session": s,
                "last_day": None
                if livret_in
                else rules.last_deposit_day(
                    jury_on=s.held_on,
                    months_before=delays.livret_due_months_before_jury if delays else None,
                ),
                "due_text": delays.livret_due_text if delays else "",
            },
        )


def unseat(*, session: JurySession, candidature: Candidature, by, today: date, link: str) -> None:
    """The candidature leaves the session: no jury date any more; the candidate is told."""
    with transaction.atomic():
        c = (
            Candidature.objects.select_for_update(of=("self",))
            .select_related("cqp__current")
            .get(pk=candidature.pk)
        )
        existing = Seat.objects.filter(candidature=c, session_id=session.pk).first()
        if existing is None:
            raise _error({"candidature": "Ce candidat n'est pas convoqué à cette session."})
        before = _seat_facts(c, existing)
        existing.delete()
        c.jury_on = None
        c.save(update_fields=["jury_on", "updated_at"])
        DeskEvent.objects.create(
            candidature=c,
            actor=by,
            action=DeskAction.UNSEAT,
            before=before,
            after=_seat_facts(c, None),
        )
        _tell(
            c,
            subject="Votre convocation au jury est annulée",
            template="desk/email/unseat.txt",
            link=link,
            extra={"session": session},
        )


def _tell(c: Candidature, *, subject: str, template: str, link: str, extra) -> None:
    owner = c.owner
    send_email.enqueue(
        subject=SUBJECT + subject,
        body=render_to_string(
            template,
            {
                "name": owner.get_full_name() or owner.email,
                "title": c.cqp.current.title if c.cqp.current else str(c.cqp),
                "c": c,
                "link": link,
                **extra,
            },
        ),
        to=[owner.email],
    )
