"""Jury sessions: the secretariat creates them (date not in the past, place required),
seats candidatures (livret deposited, or for 004 a recevable request), which sets the jury
date and convenes the candidate; the jury reads them; another certifier's session is 404."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from home.referentials.models import Cqp
from livrets.desk import services
from livrets.desk.models import DeskEvent, JurySession, Seat
from portal.dates import add_months
from tests.support.desk import decided, deposited, deposited_livret
from tests.support.recevabilite import COS, IAS

pytestmark = pytest.mark.django_db


def _session(desk, *, days=40, slug=COS):
    return services.create_session(
        cqp=Cqp.objects.get(slug=slug),
        held_on=timezone.localdate() + timedelta(days=days),
        place="Ucanss, Paris",
        by=desk["secretariat"],
        today=timezone.localdate(),
    )


def test_the_secretariat_creates_a_session_and_its_form_refuses_bad_input(desk, as_user):
    client = as_user(desk["secretariat"])
    url = reverse("desk:sessions")
    page = client.get(url)
    assert page.status_code == 200 and "Aucune session pour le moment." in page.text
    yesterday = timezone.localdate() - timedelta(days=1)
    refused = client.post(url, {"held_on": f"{yesterday:%d/%m/%Y}", "place": ""})
    assert refused.status_code == 400
    assert refused.text.count("La date de la session ne peut pas être dans le passé.") >= 2
    assert "Indiquez le lieu de la session." in refused.text
    assert "Erreur : Sessions du jury" in refused.text
    too_long = client.post(url, {"held_on": "31/12/2099", "place": "x" * 201})
    assert "200 caractères au plus" in too_long.text
    day = timezone.localdate() + timedelta(days=30)
    created = client.post(url, {"held_on": f"{day:%d/%m/%Y}", "place": "Paris"}, follow=True)
    session = JurySession.objects.get()
    assert (session.held_on, session.place, session.created_by) == (
        day,
        "Paris",
        desk["secretariat"],
    )
    assert "est créée" in created.text
    assert "Paris" in client.get(url).text


def test_another_certifier_and_evaluators_get_404_the_jury_reads_only(desk, as_user):
    session = _session(desk)
    url = reverse("desk:session", args=[session.pk])
    assert as_user(desk["other_staff"]).get(url).status_code == 404
    assert as_user(desk["evaluator"]).get(url).status_code == 404
    assert as_user(desk["evaluator"]).get(reverse("desk:sessions")).status_code == 404
    assert as_user(desk["alice"]).get(url).status_code == 404
    jury = desk["jury"]
    page = as_user(jury).get(url)
    assert page.status_code == 200 and "Ucanss, Paris" in page.text
    assert "Convoquer le candidat" not in page.text
    assert as_user(jury).post(reverse("desk:sessions"), {"place": "x"}).status_code == 403
    assert as_user(jury).post(url, {"candidature": "1"}).status_code == 403


def test_seating_sets_the_jury_date_convenes_and_shows_in_mes_demarches(desk, as_user):
    alice = desk["alice"]
    request = decided(alice, COS)  # 004: a recevable request is enough to be seated
    session = _session(desk)
    client = as_user(desk["secretariat"])
    url = reverse("desk:session", args=[session.pk])
    page = client.get(url).text
    assert "alice@example.fr" in page
    mail.outbox.clear()
    response = client.post(url, {"candidature": request.candidature_id}, follow=True)
    assert "la convocation lui est envoyée" in response.text
    c = request.candidature
    c.refresh_from_db()
    assert c.jury_on == session.held_on
    event = DeskEvent.objects.filter(candidature=c).latest("pk")
    assert (event.action, event.before["jury_on"], event.after["jury_on"]) == (
        "seat",
        None,
        session.held_on.isoformat(),
    )
    (message,) = mail.outbox
    assert message.to == ["alice@example.fr"]
    assert "Ucanss, Paris" in message.body and "convoque" in message.body
    # 004: the livret is not deposited yet: the last day, the source quoted, portal's mark.
    last = add_months(session.held_on, -1)
    assert f"{last:%d/%m/%Y}" in message.body and "Proposé par le portail" in message.body
    demarches = as_user(alice).get(reverse("candidatures:demarches")).text
    assert "Convocation à la session du jury" in demarches and "Ucanss, Paris" in demarches
    # The inbox counts it under « Jury ».
    inbox = client.get(reverse("desk:inbox"), {"statut": "jury"}).text
    assert "alice@example.fr" in inbox
    # One session at a time: another session refuses it, in French.
    other = _session(desk, days=60)
    refused = client.post(reverse("desk:session", args=[other.pk]), {"candidature": c.pk})
    assert refused.status_code in (400, 404)
    with pytest.raises(services.DeskError) as error:
        services.seat(
            session=other,
            candidature=c,
            by=desk["secretariat"],
            today=timezone.localdate(),
            link="x",
        )
    assert "déjà convoqué à la session du" in str(error.value)
    # Removed: no jury date any more, the candidate is told.
    removed = client.post(url, {"candidature": c.pk, "retirer": "1"}, follow=True)
    assert "retiré de la session" in removed.text
    c.refresh_from_db()
    assert c.jury_on is None and not Seat.objects.exists()
    assert DeskEvent.objects.filter(candidature=c, action="unseat").exists()
    assert "annulée" in mail.outbox[-1].subject


def test_a_pending_request_cannot_be_seated(desk):
    request = deposited(desk["alice"], COS)
    session = _session(desk)
    with pytest.raises(services.DeskError) as error:
        services.seat(
            session=session,
            candidature=request.candidature,
            by=desk["secretariat"],
            today=timezone.localdate(),
            link="x",
        )
    assert "pas recevable" in error.value.errors["candidature"]


def test_a_livret_deposited_is_listed_under_livret_depose_and_seated(desk, as_user):
    livret = deposited_livret(desk["alice"])
    client = as_user(desk["secretariat"])
    inbox = client.get(reverse("desk:inbox"), {"statut": "livret_depose"}).text
    assert "alice@example.fr" in inbox and "Livret déposé" in inbox
    recevable = client.get(reverse("desk:inbox"), {"statut": "recevable"}).text
    assert "alice@example.fr" not in recevable
    session = _session(desk)
    services.seat(
        session=session,
        candidature=livret.candidature,
        by=desk["secretariat"],
        today=timezone.localdate(),
        link="x",
    )
    assert "Dernier jour" not in mail.outbox[-1].body  # the livret is already there


def test_other_certifiers_candidature_and_session(desk, as_user):
    cos = _session(desk)
    ias_request = decided(desk["bruno"], IAS)
    with pytest.raises(services.DeskError):
        services.seat(
            session=cos,
            candidature=ias_request.candidature,
            by=desk["secretariat"],
            today=timezone.localdate(),
            link="x",
        )
    # Posting another CQP's candidature on the page: 404 (it is not read at this desk).
    client = as_user(desk["secretariat"])
    url = reverse("desk:session", args=[cos.pk])
    assert client.post(url, {"candidature": ias_request.candidature_id}).status_code in (400, 404)
    assert not Seat.objects.exists()


def test_the_export_holds_the_convocation_and_the_sessions_created(desk):
    from portal.accounts.export import export_data

    request = decided(desk["alice"], COS)
    session = _session(desk)
    services.seat(
        session=session,
        candidature=request.candidature,
        by=desk["secretariat"],
        today=timezone.localdate(),
        link="x",
    )
    (mine,) = export_data(desk["alice"])["bureau_convocations"]
    assert (mine["session"], mine["lieu"]) == (session.held_on.isoformat(), "Ucanss, Paris")
    created = export_data(desk["secretariat"])["bureau_sessions_creees"]
    assert created == [{"cqp": COS, "date": session.held_on.isoformat(), "lieu": "Ucanss, Paris"}]
