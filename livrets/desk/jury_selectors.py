"""Reads of the desk after recevabilité: the livret 2 deposited, the jury sessions and who is
seated in them, as the candidate and the certifier's staff see them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.http import Http404

from livrets.candidatures import access, deadlines
from livrets.candidatures.models import Candidature
from livrets.desk import rules
from livrets.desk.models import JurySession, Seat, StaffMembership, StaffRole
from livrets.desk.selectors import at_desk, deposited_livrets, livret_deposited_q, seated_q
from livrets.livret2.models import Livret
from livrets.recevabilite.models import RecevabiliteRequest


@dataclass(frozen=True)
class News:
    """What the candidate sees of the desk after recevabilité."""

    livret: Livret | None
    seat: Seat | None
    last_day: date | None
    due_text: str


def candidate_news(c: Candidature) -> News:
    return candidates_news([c])[c.pk]


def candidates_news(candidatures: list[Candidature]) -> dict[int, News]:
    """Candidature id -> its ``News``, in two queries for any number of candidatures (« Mes
    démarches » lists them all)."""
    ids = [c.pk for c in candidatures]
    livrets = {}
    for livret in (
        deposited_livrets()
        .filter(candidature_id__in=ids)
        .select_related("deposited_by")
        .order_by("-deposited_on", "-number")
    ):
        livrets.setdefault(livret.candidature_id, livret)
    seats = {
        s.candidature_id: s
        for s in Seat.objects.filter(candidature_id__in=ids).select_related("session")
    }
    return {c.pk: _news(c, livrets.get(c.pk), seats.get(c.pk)) for c in candidatures}


def _news(c: Candidature, livret: Livret | None, seat: Seat | None) -> News:
    delays = c.cqp.current.referential.delays if c.cqp.current_id else None
    last_day = None
    if livret is None and delays is not None:
        last_day = rules.last_deposit_day(
            jury_on=c.jury_on, months_before=delays.livret_due_months_before_jury
        )
    return News(livret, seat, last_day, delays.livret_due_text if delays else "")


def is_admissible(c: Candidature, *, today: date) -> bool:
    """The candidature's request is recevable at the desk today (declared so, or accepted by
    the certifier's silence)."""
    rq = (
        RecevabiliteRequest.objects.filter(candidature=c)
        .select_related("referential_version")
        .first()
    )
    if rq is None:
        return False
    delays = rq.referential_version.referential.delays
    return rules.is_admissible(
        desk_status=c.desk_status,
        silence_on=deadlines.silence_day(delays=delays, facts=c.facts),
        today=today,
    )


def may_deposit_livret(user, livret: Livret, *, today: date) -> bool:
    """Whether the deposit button is offered to ``user``: a finalised livret, not deposited,
    not reopened, of a recevable request, by its candidate (or where the source says so, the
    accompagnateur)."""
    if not livret.is_finalised or livret.deposited_on is not None:
        return False
    if not is_admissible(livret.candidature, today=today):
        return False
    if Livret.objects.filter(previous=livret).exists():
        return False
    role = access.role_of(user, livret.candidature)
    if role == access.Role.CANDIDATE:
        return True
    return role == access.Role.ACCOMPAGNATEUR and (
        livret.candidature.cqp.slug in rules.ACCOMPAGNATEUR_DEPOSITS
    )


def livret_for_deposit(user, pk: int) -> Livret:
    """A livret its candidate or their accompagnateur may try to deposit; 404 otherwise."""
    livret = (
        Livret.objects.select_related("candidature__cqp__current", "referential_version")
        .defer("referential_version__data", "candidature__cqp__current__data")
        .filter(pk=pk)
        .first()
    )
    if livret is None or access.role_of(user, livret.candidature) is None:
        raise Http404
    return livret


def livret_at_desk(candidature: Candidature) -> Livret:
    """The livret 2 last deposited for the candidature (404 if none)."""
    found = (
        deposited_livrets()
        .filter(candidature=candidature)
        .select_related("referential_version", "cqp", "owner", "deposited_by")
        .order_by("-deposited_on", "-number")
        .first()
    )
    if found is None:
        raise Http404
    return found


# Jury sessions -------------------------------------------------------------------------

SESSION_ROLES = (StaffRole.SECRETARIAT, StaffRole.JURY)


def session_cqps(user, *, write: bool = False) -> list:
    """The CQPs whose sessions the user reads (secretariat, jury) or, ``write``, sets up
    (secretariat)."""
    roles = (StaffRole.SECRETARIAT,) if write else SESSION_ROLES
    return [
        m.cqp
        for m in StaffMembership.objects.filter(user=user, role__in=roles)
        .select_related("cqp__current")
        .defer("cqp__current__data")
    ]


def sessions_of(user) -> list[JurySession]:
    cqps = session_cqps(user)
    if not cqps:
        raise Http404
    return list(
        JurySession.objects.filter(cqp__in=cqps)
        .select_related("cqp__current")
        .defer("cqp__current__data")
        .order_by("-held_on", "pk")
    )


def session_at_desk(user, spk: int) -> JurySession:
    found = (
        JurySession.objects.filter(pk=spk, cqp__in=[c.pk for c in session_cqps(user)])
        .select_related("cqp__current", "created_by")
        .defer("cqp__current__data")
        .first()
    )
    if found is None:
        raise Http404
    return found


def seated(session: JurySession) -> list[Seat]:
    return list(
        session.seats.select_related("candidature__owner", "candidature__request").order_by(
            "candidature__owner__last_name", "candidature__owner__email"
        )
    )


def seatable(user, session: JurySession) -> list[Candidature]:
    """The session's CQP's candidatures not seated anywhere, with a livret deposited (or,
    where the source has the livret reach the jury before the session, a request at the
    desk): the choices offered; the service checks each."""
    delays = session.cqp.current.referential.delays if session.cqp.current_id else None
    base = at_desk(user).filter(cqp_id=session.cqp_id).exclude(seated_q())
    if delays is None or not delays.livret_due_months_before_jury:
        base = base.filter(livret_deposited_q())
    else:
        base = base.filter(desk_status__in=[rules.ADMISSIBLE, rules.PENDING])
    return list(base.select_related("owner").order_by("owner__last_name", "owner__email")[:500])
