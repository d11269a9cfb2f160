"""Batched emails with an injected clock: at most one per recipient and livret per hour."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from livrets.livret2 import services as livret_services
from livrets.livret2.models import Livret
from livrets.review import services
from livrets.review.models import Invitation
from livrets.review.notifications import send_due_notifications

pytestmark = pytest.mark.django_db


def test_candidate_gets_one_email_an_hour_per_livret(people):
    livret, coach = people["livret_a"], people["coach"]
    t0 = timezone.now()
    services.add_comment(livret=livret, author=coach, body="Premier.", now=t0)
    services.set_section_status(
        livret=livret, user=coach, section="motivation", status="rework", now=t0
    )
    mail.outbox.clear()
    assert send_due_notifications(t0) == 1
    [email] = [m for m in mail.outbox if m.to == ["alice@example.fr"]]
    assert "Nouveau commentaire" in email.body and "À retravailler" in email.body
    t1 = t0 + timedelta(minutes=10)
    services.add_comment(livret=livret, author=coach, body="Deuxième.", now=t1)
    services.add_comment(livret=livret, author=coach, body="Troisième.", now=t1)
    assert send_due_notifications(t1) == 0
    assert send_due_notifications(t0 + timedelta(minutes=59)) == 0
    assert send_due_notifications(t0 + timedelta(hours=1)) == 1
    assert mail.outbox[-1].body.count("Nouveau commentaire") == 2
    assert send_due_notifications(t0 + timedelta(hours=3)) == 0  # nothing left


def test_candidate_can_switch_them_off(people, as_user):
    as_user(people["a"]).post("/accompagnement/notifications/", {"as_reviewer": "on"})
    services.add_comment(livret=people["livret_a"], author=people["coach"], body="Hé.")
    mail.outbox.clear()
    assert send_due_notifications(timezone.now()) == 0
    assert mail.outbox == []


def test_accompagnateur_told_of_changes_after_their_last_review(people):
    livret = people["livret_a"]
    invitation = people["invitation"]
    t0 = timezone.now() + timedelta(minutes=1)
    services.mark_reviewed(user=people["coach"], livret=livret, now=t0)
    mail.outbox.clear()
    assert send_due_notifications(t0) == 0
    Livret.objects.filter(pk=livret.pk).update(updated_at=t0 + timedelta(minutes=5))
    assert send_due_notifications(t0 + timedelta(minutes=10)) == 1
    assert mail.outbox[-1].to == ["coach@example.fr"]
    assert "modifié depuis votre dernière lecture" in mail.outbox[-1].body
    # The same change is not told twice.
    assert send_due_notifications(t0 + timedelta(hours=2)) == 0
    invitation.refresh_from_db()
    assert invitation.change_notified_at == t0 + timedelta(minutes=10)


def test_accompagnateur_told_when_the_livret_is_finalised(people, as_user):
    from tests.support.data import complete_cos

    livret = people["livret_a"]
    complete_cos(livret)
    Invitation.objects.update(last_reviewed_at=timezone.now())
    livret_services.finalise(livret=livret, sworn_name="Alice", sworn_on=timezone.localdate())
    mail.outbox.clear()
    call_command("send_review_notifications", stdout=open("/dev/null", "w"))  # noqa: SIM115
    [email] = [m for m in mail.outbox if m.to == ["coach@example.fr"]]
    assert "finalisé" in email.body
