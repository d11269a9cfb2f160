"""Reads of the desk. The one permission filter: a staff member reads the candidatures of the
CQPs they are named for, once a request is deposited there (404 otherwise)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from allauth.mfa.utils import is_mfa_enabled
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    When,
)
from django.http import Http404

from home.referentials.selectors import referential_of_version
from livrets.candidatures import deadlines
from livrets.candidatures.models import Candidature, DeskStatus
from livrets.desk import rules
from livrets.desk.models import (
    Assignment,
    DecisionLetter,
    DeskAction,
    DeskEvent,
    EvaluationMark,
    Seat,
    StaffMembership,
    StaffRole,
)
from livrets.jury.models import JuryDecision
from livrets.livret2.models import Livret
from livrets.recevabilite import selectors as requests
from livrets.recevabilite.models import RecevabiliteRequest


def deposited_livrets() -> QuerySet[Livret]:
    return Livret.objects.filter(deposited_on__isnull=False)


def livret_deposited_q() -> Exists:
    """Filter on candidatures: a livret 2 deposited to the certifier."""
    return Exists(deposited_livrets().filter(candidature=OuterRef("pk")))


def seated_q() -> Exists:
    """Filter on candidatures: seated in a jury session."""
    return Exists(Seat.objects.filter(candidature=OuterRef("pk")))


def memberships(user) -> list[StaffMembership]:
    if not user.is_authenticated:
        return []
    return list(
        StaffMembership.objects.filter(user=user)
        .select_related("cqp__current")
        .defer("cqp__current__data")
    )


def is_staff_member(user) -> bool:
    return user.is_authenticated and StaffMembership.objects.filter(user=user).exists()


def has_secretariat(cqp_id: int) -> bool:
    """Whether the CQP's certifier receives requests on the portal."""
    return StaffMembership.objects.filter(cqp_id=cqp_id, role=StaffRole.SECRETARIAT).exists()


def _readable(user, full: list[int] | QuerySet, assigned_only: list[int] | QuerySet) -> Q:
    """The CQPs whose candidatures the user reads all (secretariat, jury), and those where
    they read only the candidatures assigned to them (evaluator)."""
    return Q(cqp_id__in=full) | Q(
        cqp_id__in=assigned_only,
        pk__in=Assignment.objects.filter(evaluator=user).values("candidature"),
    )


def at_desk(user) -> QuerySet[Candidature]:
    """The candidatures of the user's CQPs whose request was deposited on the portal; an
    evaluator's: those assigned to them."""
    if not user.is_authenticated:
        return Candidature.objects.none()
    mine = StaffMembership.objects.filter(user=user)
    return Candidature.objects.filter(
        _readable(
            user,
            mine.exclude(role=StaffRole.EVALUATOR).values("cqp"),
            mine.filter(role=StaffRole.EVALUATOR).values("cqp"),
        ),
        deposited_on__isnull=False,
    )


def request_at_desk(user, rpk: int) -> RecevabiliteRequest:
    found = (
        RecevabiliteRequest.objects.filter(pk=rpk, candidature__in=at_desk(user))
        .select_related("candidature__owner", "candidature__decision_recorded_by", "owner")
        .select_related("referential_version", "cqp")
        .first()
    )
    if found is None:
        raise Http404
    return found


def roles_for(user, cqp_id: int) -> set[str]:
    return set(
        StaffMembership.objects.filter(user=user, cqp_id=cqp_id).values_list("role", flat=True)
    )


def evaluators(candidature: Candidature) -> list[StaffMembership]:
    """The CQP's evaluators, each with ``assigned``: whether named for this candidature."""
    assigned = set(
        Assignment.objects.filter(candidature=candidature).values_list("evaluator", flat=True)
    )
    found = list(
        StaffMembership.objects.filter(cqp_id=candidature.cqp_id, role=StaffRole.EVALUATOR)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__email")
    )
    for m in found:
        m.assigned = m.user_id in assigned
    return found


def jury_livret(candidature: Candidature) -> Livret | None:
    """The livret 2 the jury decides on: the candidature's latest finalised one, else its
    latest one (the follow-up livret after a partial validation starts from it)."""
    return (
        Livret.objects.filter(candidature=candidature, jury_origin__isnull=True)
        .select_related("referential_version")
        .order_by(Case(When(status=Livret.Status.FINALISED, then=0), default=1), "-number", "-pk")
        .first()
    )


def history(candidature: Candidature) -> list[DeskEvent]:
    return list(candidature.desk_events.select_related("actor", "letter"))


def letters(candidature: Candidature) -> list[DecisionLetter]:
    """The certifier's letters sent with the candidature's recevabilité decisions, the latest
    first (the jury's letter is shown with the jury's decision)."""
    return list(
        DecisionLetter.objects.filter(event__candidature=candidature)
        .exclude(event__action=DeskAction.JURY_DECISION)
        .select_related("event")
        .order_by("-event__at", "-pk")
    )


@dataclass(frozen=True)
class LetterAccess:
    """A letter someone may download; ``needs_mfa``: a staff member of the CQP without a
    second factor (asked to activate one, shown nothing)."""

    letter: DecisionLetter
    needs_mfa: bool = False


def letter_for(user, rpk: int, lid: int) -> LetterAccess:
    """A decision letter of request ``rpk``, for whoever reads that request: the candidate,
    the accompagnateur the request's reading admits, the staff of its CQP once deposited.
    404 for anyone else, and for a letter of another request."""
    rq = requests.readable_requests(user).filter(pk=rpk).first()
    staff = False
    if rq is None and is_staff_member(user):
        rq = RecevabiliteRequest.objects.filter(pk=rpk, candidature__in=at_desk(user)).first()
        staff = rq is not None
    if rq is None:
        raise Http404
    found = DecisionLetter.objects.filter(pk=lid, event__candidature_id=rq.candidature_id).first()
    if found is None:
        raise Http404
    return LetterAccess(found, needs_mfa=staff and not is_mfa_enabled(user, ["totp"]))


# The inbox ------------------------------------------------------------------------------

# The requests listed under « Silence dans moins de 15 jours », the soonest first.
SOON_MAX = 50


@dataclass(frozen=True)
class Row:
    candidature: Candidature
    status: str
    silence_on: date | None

    @property
    def status_label(self) -> str:
        return rules.STATUSES[self.status]


@dataclass(frozen=True)
class Inbox:
    counts: dict[str, int]
    rows: QuerySet[Candidature]
    soon: list[Row]
    memberships: list[StaffMembership]
    delays: dict[int, object]

    def row(self, c: Candidature, *, today: date) -> Row:
        return row_of(c, delays=self.delays, today=today)


def delays_of(cqps) -> dict[int, object]:
    out = {}
    for cqp in cqps:
        ref = referential_of_version(cqp.current_id) if cqp.current_id else None
        if ref is not None:
            out[cqp.pk] = ref.delays
    return out


def _silence_between(delays: dict, after: date | None, until: date) -> Q:
    """Pending requests whose silence date falls after ``after`` (if given) and on or before
    ``until``: a range of receipt dates per CQP, which an index reads in order."""
    q = Q(pk__in=[])
    for cqp_id, d in delays.items():
        if d.silence_means_acceptance and d.answer_months:
            received = Q(request_received_on__lte=rules.latest_start_before(until, d.answer_months))
            if after is not None:
                received &= Q(
                    request_received_on__gt=rules.latest_start_before(after, d.answer_months)
                )
            q |= Q(cqp_id=cqp_id) & received
    return Q(desk_status=DeskStatus.PENDING) & q


def _silence_before(delays: dict, day: date) -> Q:
    """Pending requests whose silence date falls on or before ``day``."""
    return _silence_between(delays, None, day)


def _jury_decided() -> Q:
    """Candidatures whose jury decision the certifier recorded on the portal."""
    return Q(Exists(JuryDecision.objects.filter(candidature=OuterRef("pk"), by_certifier=True)))


def _in_evaluation() -> Q:
    """Recevable, and an evaluator named for it or a mark written in its grid."""
    return Q(desk_status=rules.ADMISSIBLE) & (
        Q(Exists(Assignment.objects.filter(candidature=OuterRef("pk"))))
        | Q(Exists(EvaluationMark.objects.filter(candidature=OuterRef("pk"))))
    )


def status_filter(status: str, *, delays: dict, today: date) -> Q:
    """One status per candidature: the furthest stage reached (the certifier's jury decision,
    a seat in a jury session, the evaluation begun, a deposited livret 2), else the request's
    own status."""
    stages = _stages()
    later = Q()
    for code, reached in stages:
        if status == code:
            return reached & later
        later &= ~reached
    silent = _silence_before(delays, today)
    if status == rules.SILENCE:
        return silent & later
    if status == rules.PENDING:
        return Q(desk_status=DeskStatus.PENDING) & ~silent & later
    return Q(desk_status=status) & later


def _stages() -> list[tuple[str, Q]]:
    """The stages after the request's answer, the furthest first."""
    return [
        (rules.JURY_DECIDED, _jury_decided()),
        (rules.JURY, Q(seated_q())),
        (rules.EVALUATION, _in_evaluation()),
        (rules.LIVRET_DEPOSITED, Q(livret_deposited_q())),
    ]


def row_of(c: Candidature, *, delays: dict, today: date) -> Row:
    """A row of the inbox; ``c`` annotated by ``_listed`` (``jury_decided``, ``seated_in``,
    ``in_evaluation``, ``livret_in``)."""
    d = delays.get(c.cqp_id)
    silence = deadlines.silence_day(delays=d, facts=c.facts) if d else None
    status = c.desk_status
    if status == DeskStatus.PENDING and silence and today >= silence:
        status = rules.SILENCE
    if getattr(c, "jury_decided", False):
        status = rules.JURY_DECIDED
    elif getattr(c, "seated_in", False):
        status = rules.JURY
    elif getattr(c, "in_evaluation", False):
        status = rules.EVALUATION
    elif getattr(c, "livret_in", False):
        status = rules.LIVRET_DEPOSITED
    return Row(c, status, silence if status in (rules.PENDING, rules.SILENCE) else None)


# The request's fields no row shows.
_UNLISTED = (
    "blocks_held",
    "career",
    "diplomas",
    "diploma_details",
    "gap_units",
    "gap_note",
)


def _listed(rows: QuerySet[Candidature]) -> QuerySet[Candidature]:
    """What a row shows: the candidate, the CQP's title, the request's id; the candidate's
    answers (JSON and long texts) stay in the database."""
    return (
        rows.select_related("owner", "cqp__current", "request")
        .defer(
            "cqp__current__data",
            "selfcheck",
            "desk_motifs",
            *(f"request__{f}" for f in _UNLISTED),
        )
        .annotate(
            jury_decided=_jury_decided(),
            seated_in=seated_q(),
            in_evaluation=ExpressionWrapper(_in_evaluation(), output_field=BooleanField()),
            livret_in=livret_deposited_q(),
        )
    )


def listed(rows: QuerySet[Candidature]) -> QuerySet[Candidature]:
    """What a row of a list shows (the inbox's, the certifiers' API's)."""
    return _listed(rows)


def inbox(user, *, status: str = "", search: str = "", today: date) -> Inbox:
    """Counts per status, the rows filtered (a queryset to paginate) and the requests whose
    silence date falls within ``rules.SOON_DAYS`` days: a fixed number of queries."""
    mine = memberships(user)
    cqps = [m.cqp for m in mine]
    delays = delays_of({c.pk: c for c in cqps}.values())
    # ``at_desk`` with the CQPs' ids as values rather than a subquery: PostgreSQL then counts
    # the rows right and walks the inbox's index (``candidature_desk_inbox``) in its order,
    # stopping at the page, instead of joining and sorting every candidature.
    full = sorted({m.cqp_id for m in mine if m.role != StaffRole.EVALUATOR})
    assigned_only = sorted({m.cqp_id for m in mine} - set(full))
    readable = _readable(user, full, assigned_only) if assigned_only else Q(cqp_id__in=full)
    base = Candidature.objects.filter(readable, deposited_on__isnull=False)
    counts = base.aggregate(
        **{
            code: Count("pk", filter=status_filter(code, delays=delays, today=today))
            for code in rules.STATUSES
        }
    )
    rows = _listed(base).order_by("-deposited_on", "pk")
    if status in rules.STATUSES:
        rows = rows.filter(status_filter(status, delays=delays, today=today))
    if search:
        for word in search.split()[:5]:
            rows = rows.filter(
                Q(owner__email__icontains=word)
                | Q(owner__first_name__icontains=word)
                | Q(owner__last_name__icontains=word)
            )
    soon_q = _silence_between(delays, today, today + timedelta(days=rules.SOON_DAYS))
    # Every source with a silence rule counts two months from the receipt: the earliest
    # receipts are the soonest silences, and the 50 shown are the 50 soonest.
    soon_rows = _listed(base.filter(soon_q)).order_by("request_received_on", "pk")[:SOON_MAX]
    soon = [row_of(c, delays=delays, today=today) for c in soon_rows]
    soon.sort(key=lambda r: (r.silence_on or date.max, r.candidature.pk))
    return Inbox(counts=counts, rows=rows, soon=soon, memberships=mine, delays=delays)


def secretariat_name(cqp) -> str:
    """Who decides on the requests, as the source names them (004: the commission)."""
    from livrets.desk.models import SECRETARIAT_NAMES

    return SECRETARIAT_NAMES.get(cqp.slug, StaffRole.SECRETARIAT.label)


def national_form_at_desk(user, rpk: int):
    """The filled national form of a request deposited at the user's desk (404 otherwise)."""
    from livrets.recevabilite.models import NationalForm

    rq = request_at_desk(user, rpk)
    found = NationalForm.objects.filter(request=rq).first()
    if found is None:
        raise Http404
    return found
