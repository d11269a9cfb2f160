"""The dates the certifier's desk recorded on the portal are its own: the candidate's « Mon
parcours » form on the livret 2 refuses to change them (the request's dates while the request
is at the desk, the jury date once seated in a session), and « Mes démarches » says they were
recorded on the portal."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from livrets.desk import services
from tests.support.desk import deposited_livret


def _journey(client, livret, **changes):
    c = livret.candidature
    data = {
        "requested_on": c.request_sent_on.isoformat(),
        "received_on": c.request_received_on.isoformat(),
        "notified_on": c.notified_on.isoformat() if c.notified_on else "",
        "jury_on": c.jury_on.isoformat() if c.jury_on else "",
        **changes,
    }
    return client.post(reverse("livrets:journey", args=[livret.pk]), data)


def test_the_desk_dates_and_the_session_date_are_not_changed_by_the_candidate(desk, as_user):
    today = timezone.localdate()
    livret = deposited_livret(desk["alice"])
    alice = as_user(desk["alice"])
    c = livret.candidature
    received = c.request_received_on

    response = _journey(alice, livret, received_on=(received - timedelta(days=3)).isoformat())
    assert response.status_code == 400
    assert "Cette date est enregistrée par le certificateur sur le portail" in response.text
    c.refresh_from_db()
    assert c.request_received_on == received

    session = services.create_session(
        cqp=c.cqp,
        held_on=today + timedelta(days=90),
        place="Paris",
        by=desk["secretariat"],
        today=today,
    )
    services.seat(session=session, candidature=c, by=desk["secretariat"], today=today, link="x")
    c.refresh_from_db()
    response = _journey(alice, livret, jury_on=(today + timedelta(days=10)).isoformat())
    assert response.status_code == 400
    c.refresh_from_db()
    assert c.jury_on == today + timedelta(days=90)
    # Unchanged, the form is accepted.
    assert _journey(alice, livret).status_code == 302
    # « Mes démarches » says who recorded the dates: the portal, not the candidate.
    page = alice.get(reverse("candidatures:demarches")).text
    assert page.count("(enregistrée sur le portail)") >= 4  # sent, received, decision, jury
    assert "(date indiquée)" not in page
