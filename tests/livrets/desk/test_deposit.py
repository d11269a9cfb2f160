"""The candidate deposits a finalised request on the portal where the CQP's certifier has a
secretariat there; otherwise nothing changes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from livrets.desk.models import DeskEvent
from portal.dates import add_months
from tests.support.desk import finalised
from tests.support.recevabilite import AF, COS

pytestmark = pytest.mark.django_db


def test_the_deposit_is_offered_only_where_the_certifier_has_a_secretariat(desk, as_user):
    client = as_user(desk["alice"])
    cos = finalised(desk["alice"], COS)
    af = finalised(desk["alice"], AF)
    page = client.get(reverse("recevabilite:answer", args=[cos.pk])).text
    assert "Déposer ma demande sur le portail" in page
    assert "Proposé par le portail" in page
    page = client.get(reverse("recevabilite:answer", args=[af.pk])).text
    assert "Déposer ma demande sur le portail" not in page
    # Posting anyway is refused in French, and the post stays the way.
    response = client.post(reverse("desk_candidate:deposit", args=[af.pk]), follow=True)
    assert "ne reçoit pas encore les demandes sur le portail" in response.text
    af.candidature.refresh_from_db()
    assert af.candidature.request_sent_on is None


def test_a_deposit_is_received_today_recorded_and_acknowledged(desk, as_user):
    client = as_user(desk["alice"])
    rq = finalised(desk["alice"], COS)
    url = reverse("desk_candidate:deposit", args=[rq.pk])
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    today = timezone.localdate()
    c = rq.candidature
    c.refresh_from_db()
    assert (c.request_sent_on, c.request_received_on, c.deposited_on) == (today, today, today)
    assert c.desk_status == "a_examiner"
    assert "Déposée sur le portail le" in response.text
    event = DeskEvent.objects.get(candidature=c)
    assert (event.action, event.actor) == ("deposit", desk["alice"])
    assert event.before["deposited_on"] is None and event.after["deposited_on"] == str(today)
    # The acknowledgement states the date and the day silence becomes acceptance (2 months).
    (message,) = mail.outbox
    assert message.to == ["alice@example.fr"]
    assert today.strftime("%d/%m/%Y") in message.body
    silence = add_months(today, 2)
    assert f"Sans réponse du certificateur au {silence:%d/%m/%Y}, son silence" in message.body
    # « Mes démarches » and the request page say it.
    assert "Déposée sur le portail le" in client.get(reverse("candidatures:demarches")).text
    assert (
        "Déposée sur le portail le" in client.get(reverse("recevabilite:detail", args=[rq.pk])).text
    )
    # The candidate's own follow-up form is gone: the desk records the dates.
    answer = client.get(reverse("recevabilite:answer", args=[rq.pk])).text
    assert "Enregistrer le suivi" not in answer
    refused = client.post(
        reverse("recevabilite:answer", args=[rq.pk]),
        {"sent_on": (today - timedelta(days=3)).strftime("%d/%m/%Y")},
        follow=True,
    )
    assert "enregistrées par le certificateur" in refused.text
    # A second deposit while the first is pending: refused in French, nothing recorded.
    again = client.post(url, follow=True)
    assert "déjà déposée" in again.text
    assert DeskEvent.objects.filter(candidature=c).count() == 1
    assert len(mail.outbox) == 1


def test_only_the_owner_deposits_and_only_a_finalised_request(desk, as_user):
    rq = finalised(desk["alice"], COS)
    url = reverse("desk_candidate:deposit", args=[rq.pk])
    assert as_user(desk["bruno"]).post(url).status_code == 404
    assert as_user(desk["secretariat"]).post(url).status_code == 404
    assert as_user(None).post(url).status_code == 302
    from livrets.recevabilite import services

    services.reopen(request=rq)
    response = as_user(desk["alice"]).post(url, follow=True)
    assert "Finalisez votre demande avant de la déposer" in response.text
    assert not DeskEvent.objects.exists()
