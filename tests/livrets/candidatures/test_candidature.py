"""One candidature per candidate and CQP: its dates shown alike on every page, a reopened
livret keeping the jury's work, one access rule that a removed accompagnateur cannot get
around, « Mes démarches » in a fixed number of queries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from livrets.candidatures import access
from livrets.candidatures.deadlines import Facts
from livrets.candidatures.models import Candidature
from livrets.jury import services as jury_services
from livrets.livret2 import services as livret_services
from livrets.livret2.models import Livret
from livrets.recevabilite import services as request_services
from livrets.review import services as review_services
from portal.dates import add_months
from tests.support.data import (
    complete_cos,
    fill_section,
    make_candidate,
    make_candidatures,
    version_of,
)
from tests.support.recevabilite import COS, complete, start

pytestmark = pytest.mark.django_db


def day_words(day: date) -> str:
    return date_format(day, "j F Y")


def test_mes_demarches_shows_the_same_silence_and_validity_dates_as_the_livret(
    client, referentials
):
    """004: two months from the receipt, silence is acceptance, valid 18 months. The livret
    page and « Mes démarches » read the one candidature and show the same dates."""
    candidate = make_candidate("alice@example.fr")
    request = start(candidate, COS)
    complete(request)
    today = timezone.localdate()
    request_services.finalise(request=request, sworn_name="A M", sworn_place="Lyon", sworn_on=today)
    sent, received = today - timedelta(days=80), today - timedelta(days=76)
    request_services.record_answer(
        request=request,
        facts=Facts(sent_on=sent, received_on=received),
        by=candidate,
        today=today,
    )
    livret = livret_services.start_livret(owner=candidate, version=version_of(COS))
    assert livret.candidature_id == request.candidature_id
    silence = add_months(received, 2)
    validity = add_months(silence, 18)
    client.force_login(candidate)
    on_livret = client.get(reverse("livrets:detail", args=[livret.pk])).text
    on_demarches = client.get(reverse("candidatures:demarches")).text
    for page in (on_livret, on_demarches):
        assert day_words(silence) in page
        assert day_words(validity) in page
    assert day_words(received) in on_demarches  # the receipt is on the time line
    # The state of each step is said in words, not only by colour.
    assert "Terminé" in on_demarches and "En cours" in on_demarches


def test_a_date_typed_on_the_livret_page_is_the_one_the_request_shows(client, referentials):
    candidate = make_candidate("alice@example.fr")
    request = start(candidate, COS)
    livret = livret_services.start_livret(owner=candidate, version=version_of(COS))
    client.force_login(candidate)
    today = timezone.localdate()
    sent = today - timedelta(days=20)
    response = client.post(
        reverse("livrets:journey", args=[livret.pk]),
        {
            "requested_on": sent.isoformat(),
            "received_on": "",
            "notified_on": "",
            "jury_on": "",
            # sent before the request was started here: a paper request, confirmed
            "confirm_sent": "on",
        },
    )
    assert response.status_code == 302
    request.candidature.refresh_from_db()
    assert request.candidature.request_sent_on == sent
    assert Candidature.objects.count() == 1


def test_reopening_keeps_the_received_date_and_the_parts_the_jury_validated(client, referentials):
    candidate = make_candidate("alice@example.fr")
    first = livret_services.start_livret(owner=candidate, version=version_of(COS))
    received = timezone.localdate() - timedelta(days=200)
    Candidature.objects.filter(pk=first.candidature_id).update(
        request_sent_on=received - timedelta(days=3), request_received_on=received
    )
    decision = jury_services.record_decision(
        owner=candidate,
        livret=first,
        decided_on=timezone.localdate() - timedelta(days=10),
        outcome="partielle",
        validated_units=["A1", "A2"],
    )
    remaining = jury_services.start_remaining_livret(decision=decision)
    assert set(remaining.exempt_sections) == {"activite-1", "activite-2"}
    complete_cos(remaining)
    livret_services.finalise(
        livret=remaining, sworn_name="Alice Martin", sworn_on=timezone.localdate()
    )
    reopened = livret_services.reopen(livret=remaining)
    assert reopened.exempt_sections == remaining.exempt_sections
    assert reopened.candidature_id == first.candidature_id
    client.force_login(candidate)
    page = client.get(reverse("livrets:detail", args=[reopened.pk])).text
    assert f'value="{received.isoformat()}"' in page  # the journey's receipt date
    assert page.count("Validée par le jury") >= 2


def _coach_reads(client, coach, livret, request, proof_id) -> list[int]:
    client.force_login(coach)
    return [
        client.get(url).status_code
        for url in (
            reverse("review:livret", args=[livret.pk]),
            reverse("recevabilite:reading", args=[request.pk]),
            reverse("recevabilite:download", args=[request.pk, proof_id]),
        )
    ]


def test_a_removed_accompagnateur_cannot_get_back_in_through_an_older_link(client, referentials):
    candidate = make_candidate("alice@example.fr")
    coach = make_candidate("coach@example.fr")
    request = start(candidate, COS)
    complete(request)
    proof_id = request.proofs.values_list("pk", flat=True).first()
    livret = livret_services.start_livret(owner=candidate, version=version_of(COS))
    older = review_services.invite(livret=livret, email=coach.email)
    newer = review_services.invite(livret=livret, email=coach.email)
    review_services.accept(invitation=newer.invitation, user=coach)
    assert access.role_of(coach, livret.candidature) == access.Role.ACCOMPAGNATEUR
    assert _coach_reads(client, coach, livret, request, proof_id) == [200, 200, 200]

    client.force_login(candidate)
    client.post(reverse("review:revoke", args=[livret.pk, newer.invitation.pk]))

    assert access.role_of(coach, livret.candidature) is None
    assert _coach_reads(client, coach, livret, request, proof_id) == [404, 404, 404]
    # The older link, never used, is ended too: it says so and opens nothing.
    link = reverse("review:accept", args=[older.token])
    assert client.get(link).status_code == 410
    assert "le candidat a retiré cet accès" in client.get(link).text
    assert client.post(link).status_code == 410
    with pytest.raises(review_services.ReviewError):
        review_services.accept(invitation=older.invitation, user=coach)
    assert _coach_reads(client, coach, livret, request, proof_id) == [404, 404, 404]


def test_an_expired_link_says_so(client, referentials):
    candidate = make_candidate("alice@example.fr")
    coach = make_candidate("coach@example.fr")
    livret = livret_services.start_livret(owner=candidate, version=version_of(COS))
    new = review_services.invite(
        livret=livret, email=coach.email, now=timezone.now() - timedelta(days=400)
    )
    client.force_login(coach)
    response = client.get(reverse("review:accept", args=[new.token]))
    assert response.status_code == 410
    assert "elle a expiré le" in response.text


def _demarches_queries(client, user) -> int:
    client.force_login(user)
    client.get(reverse("candidatures:demarches"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("candidatures:demarches"))
    assert response.status_code == 200
    return len(queries)


def test_mes_demarches_queries_do_not_grow_with_the_candidatures(client, referentials):
    """One candidature, then twenty (each with a request, a livret 2 and a jury decision):
    the same number of queries."""
    one, many = make_candidate("une@example.fr"), make_candidate("vingt@example.fr")
    make_candidatures(one, 1)
    make_candidatures(many, 20)
    fill_section(Livret.objects.filter(owner=many).first(), "motivation", {"raisons": "Oui."})
    assert _demarches_queries(client, one) == _demarches_queries(client, many)
