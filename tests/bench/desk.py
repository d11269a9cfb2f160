"""Figures for `make bench`: the certifier's inbox (``/bureau/``) with 10 deposited requests,
then 5,000, for one CQP. Its queries must not grow (``desk_inbox_queries_10`` and
``desk_inbox_queries_5000`` equal) and ``desk_inbox_p95_ms`` is the 95th percentile of the
page's time at 5,000, in-process through Django's test client, over plain, paged, filtered and
searched requests (at most 150 ms on these machines, on PostgreSQL).

The requests are written in bulk, as ``livrets.desk.services`` leaves them (deposited, then
some answered: incomplete, recevable, non recevable; of the recevable ones, some with their
livret 2 deposited, some seated in a jury session, some with the jury's decision recorded by
the certifier), their deposit dates spread over six months so that some pending ones are past
their silence date and some are close to it.
"""

from __future__ import annotations

import time
import uuid
from datetime import datetime, timedelta

FIGURES = ("desk_inbox_queries_10", "desk_inbox_queries_5000", "desk_inbox_p95_ms")
INBOX = "/bureau/"
HOST = "127.0.0.1"
COUNTS = (10, 5000)
ROUNDS = 48
# What a secretariat does in its inbox: read it, page through it, filter it, search it.
VISITS = (
    "",
    "?page=2",
    "?statut=a_examiner",
    "?statut=acceptee_par_silence",
    "?statut=recevable&page=3",
    "?statut=livret_depose",
    "?statut=jury",
    "?statut=decision",
    "?statut=evaluation",
    "?q=martin",
    "?q=0042",
    "?page=150",
)
FIRST_NAMES = ("Alice", "Bruno", "Carla", "Denis", "Emma", "Farid", "Gaëlle", "Hugo")
LAST_NAMES = ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit")
# One in ten answered each way; the others wait for the secretariat's answer.
ANSWERS = {0: "incomplete", 1: "recevable", 2: "recevable", 3: "non_recevable"}


def _deposit(*, cqp, version, start: int, stop: int, prefix: str, today) -> None:
    """Candidates ``start`` to ``stop - 1``, each with a request deposited on the CQP."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from livrets.candidatures.models import Candidature, Decision
    from livrets.recevabilite.models import RecevabiliteRequest

    users = get_user_model().objects.bulk_create(
        [
            get_user_model()(
                username=f"{prefix}-{n:04d}@bench.invalid",
                email=f"{prefix}-{n:04d}@bench.invalid",
                first_name=FIRST_NAMES[n % len(FIRST_NAMES)],
                last_name=f"{LAST_NAMES[n % len(LAST_NAMES)]}-{n:04d}",
                password="!",  # unusable: these candidates never sign in
            )
            for n in range(start, stop)
        ]
    )
    candidatures = []
    for n, user in zip(range(start, stop), users, strict=True):
        deposited_on = today - timedelta(days=n % 180)
        status = ANSWERS.get(n % 10, "a_examiner")
        decided_on = deposited_on + timedelta(days=min(20, (today - deposited_on).days))
        c = Candidature(
            owner=user,
            cqp=cqp,
            request_sent_on=deposited_on,
            request_received_on=deposited_on,
            deposited_on=deposited_on,
            desk_status=status,
        )
        if status != "a_examiner":
            c.desk_decided_on = decided_on
        if status == "incomplete":  # back to the candidate, as services.decide leaves it
            c.request_sent_on = c.request_received_on = None
            c.desk_motifs = "Il manque l'attestation d'employeur."
        elif status in ("recevable", "non_recevable"):
            c.decision = Decision.FAVOURABLE if status == "recevable" else Decision.UNFAVOURABLE
            c.decision_on = decided_on
            c.notified_on = decided_on if status == "recevable" else None
            if status == "non_recevable":
                c.desk_motifs = "Durée d'expérience insuffisante."
        candidatures.append(c)
    Candidature.objects.bulk_create(candidatures)
    _livrets_and_seats(candidatures, start=start, cqp=cqp, version=version, today=today)
    _jury_decisions(candidatures, start=start, today=today)
    _evaluating([c for n, c in zip(range(start, stop), candidatures, strict=True) if n % 10 == 2])
    finalised_at = timezone.make_aware(datetime.combine(today, datetime.min.time()))
    RecevabiliteRequest.objects.bulk_create(
        [
            RecevabiliteRequest(
                owner_id=c.owner_id,
                cqp=cqp,
                referential_version=version,
                candidature=c,
                status=(
                    RecevabiliteRequest.Status.DRAFT
                    if c.desk_status == "incomplete"
                    else RecevabiliteRequest.Status.FINALISED
                ),
                finalised_at=None if c.desk_status == "incomplete" else finalised_at,
                sworn_name=f"{c.owner.first_name} {c.owner.last_name}",
                sworn_on=c.deposited_on,
                sworn_place="Lyon",
            )
            for c in candidatures
        ]
    )


def _livrets_and_seats(candidatures, *, start: int, cqp, version, today) -> None:
    """Of the recevable candidatures (``n % 10`` of 1 or 2), one in two has its livret 2
    deposited, and of those with ``n % 10 == 2`` one in two is seated in a jury session."""
    from livrets.desk.models import JurySession, Seat
    from livrets.livret2.models import Livret

    chosen = [
        (n, c)
        for n, c in enumerate(candidatures, start)
        if c.desk_status == "recevable" and (n // 10) % 2 == 0
    ]
    Livret.objects.bulk_create(
        [
            Livret(
                owner_id=c.owner_id,
                cqp=cqp,
                referential_version=version,
                candidature=c,
                status=Livret.Status.FINALISED,
                deposited_on=today,
                deposited_by_id=c.owner_id,
            )
            for _, c in chosen
        ]
    )
    session = JurySession.objects.filter(cqp=cqp).first() or JurySession.objects.create(
        cqp=cqp, held_on=today + timedelta(days=45), place="Paris"
    )
    Seat.objects.bulk_create(
        [Seat(session=session, candidature=c) for n, c in chosen if n % 10 == 2]
    )


def _jury_decisions(candidatures, *, start: int, today) -> None:
    """Of the recevable candidatures with ``n % 10 == 1`` and no livret deposited, one in two
    has the jury's decision recorded by the certifier."""
    from livrets.jury.models import JuryDecision

    JuryDecision.objects.bulk_create(
        [
            JuryDecision(
                owner_id=c.owner_id,
                candidature=c,
                cqp_id=c.cqp_id,
                decided_on=today,
                outcome="totale",
                by_certifier=True,
            )
            for n, c in enumerate(candidatures, start)
            if c.desk_status == "recevable" and n % 10 == 1 and (n // 10) % 4 == 1
        ]
    )


def _evaluating(candidatures) -> None:
    """Recevable requests whose evaluation started: a mark in their grid (« Évaluation »)."""
    from livrets.desk.models import EvaluationMark

    EvaluationMark.objects.bulk_create(
        [
            EvaluationMark(candidature=c, unit_code="A1", code="A1", column="lecture")
            for c in candidatures
        ]
    )


def _secretariat(cqp, prefix: str):
    """The CQP's secretariat, with its TOTP app (the desk asks for it)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth import get_user_model

    from livrets.desk.models import StaffMembership, StaffRole

    email = f"{prefix}-secretariat@bench.invalid"
    user = get_user_model().objects.create_user(
        username=email, email=email, password=uuid.uuid4().hex
    )
    StaffMembership.objects.create(user=user, cqp=cqp, role=StaffRole.SECRETARIAT)
    TOTP.activate(user, generate_totp_secret())
    return user


def _get(client, path: str):
    response = client.get(path, HTTP_HOST=HOST)
    assert response.status_code == 200, (path, response.status_code)
    return response


def _queries(client) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _get(client, INBOX)  # the session and the referential's cache warm
    with CaptureQueriesContext(connection) as ctx:
        _get(client, INBOX)
    return len(ctx.captured_queries)


def _p95_ms(client) -> float:
    for visit in VISITS:  # each statement's plan and the templates warm
        _get(client, INBOX + visit)
    times = []
    for n in range(ROUNDS):
        start = time.perf_counter()
        _get(client, INBOX + VISITS[n % len(VISITS)])
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return round(times[int(len(times) * 0.95) - 1], 1)


def run() -> dict[str, float]:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from home.referentials.models import Cqp
    from livrets.candidatures.models import Candidature
    from tests.support.data import version

    prefix = f"bench-desk-{uuid.uuid4().hex[:8]}"
    today = timezone.localdate()
    # A CQP of its own on the COS referential (two months' silence means acceptance).
    cos = version("conseiller-offres-services")
    cqp = Cqp.objects.create(slug=prefix, current=cos)
    try:
        staff = _secretariat(cqp, prefix)
        client = Client()
        client.force_login(staff)
        figures = {}
        made = 0
        for count in COUNTS:
            _deposit(cqp=cqp, version=cos, start=made, stop=count, prefix=prefix, today=today)
            made = count
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:  # fresh statistics, as autovacuum would
                    cursor.execute("ANALYZE auth_user, candidatures_candidature")
                    cursor.execute("ANALYZE recevabilite_request")
                    cursor.execute(
                        "ANALYZE jury_jurydecision, livrets_livret, desk_seat, desk_evaluationmark"
                    )
            figures[f"desk_inbox_queries_{count}"] = _queries(client)
        assert Candidature.objects.filter(cqp=cqp).count() == COUNTS[-1]
        figures["desk_inbox_p95_ms"] = _p95_ms(client)
        return figures
    finally:
        Candidature.objects.filter(cqp=cqp).delete()
        get_user_model().objects.filter(username__startswith=f"{prefix}-").delete()
        cqp.delete()
