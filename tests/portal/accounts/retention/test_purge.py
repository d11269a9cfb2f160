"""The retention job, and the purge and notifications as tasks, with a frozen clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from livrets.livret2 import services
from livrets.livret2.models import Livret
from portal.accounts.retention.models import RetentionWarning
from portal.accounts.retention.services import months_before, purge
from tests.support.data import make_candidate, version_of

pytestmark = pytest.mark.django_db

START = datetime(2024, 1, 10, 9, 0, tzinfo=UTC)


def test_months_before_clamps_the_day():
    assert months_before(datetime(2026, 3, 31, tzinfo=UTC), 1) == datetime(2026, 2, 28, tzinfo=UTC)
    assert months_before(datetime(2026, 1, 15, tzinfo=UTC), 24) == datetime(2024, 1, 15, tzinfo=UTC)


@pytest.fixture
def inactive(referentials):
    """A candidate with a livret, last active at START; an editor, inactive too."""
    with time_machine.travel(START, tick=False):
        user = make_candidate("ines@example.fr")
        livret = services.start_livret(owner=user, version=version_of("conseiller-offres-services"))
        editor = make_candidate("editeur@example.fr")
        editor.is_staff = True
        editor.save()
    return user, livret, editor


def run_at(moment: datetime):
    with time_machine.travel(moment, tick=False):
        return purge(now=moment)


def test_inactive_account_is_warned_two_weeks_before_then_deleted(inactive):
    user, livret, editor = inactive
    deadline = START.replace(year=START.year + 2)  # 24 months later
    # Not yet: more than two weeks before the deadline.
    report = run_at(deadline - timedelta(days=15))
    assert report.warned_accounts == [] and not mail.outbox
    # Two weeks before: one warning email, nothing deleted, and only one warning.
    report = run_at(deadline - timedelta(days=14))
    assert report.warned_accounts == [user.pk]
    assert [m.to for m in mail.outbox] == [["ines@example.fr"]]
    assert "supprimés" in mail.outbox[0].body and "Se connecter" not in mail.outbox[0].subject
    assert run_at(deadline - timedelta(days=7)).warned_accounts == []
    assert len(mail.outbox) == 1
    # At the deadline, two weeks after the warning: deleted with its livret.
    report = run_at(deadline + timedelta(hours=1))
    assert report.deleted_accounts == [user.pk]
    assert not Livret.objects.filter(pk=livret.pk).exists()
    assert not type(user).objects.filter(pk=user.pk).exists()
    # Editors are never purged.
    assert type(user).objects.filter(pk=editor.pk).exists()


def test_activity_after_the_warning_keeps_the_account(inactive):
    user, livret, _ = inactive
    deadline = START.replace(year=START.year + 2)
    run_at(deadline - timedelta(days=14))
    with time_machine.travel(deadline - timedelta(days=3), tick=False):
        user.last_login = deadline - timedelta(days=3)
        user.save(update_fields=["last_login"])
    report = run_at(deadline + timedelta(days=1))
    assert report.deleted_accounts == [] and report.deleted_livrets == []
    assert Livret.objects.filter(pk=livret.pk).exists()


def test_an_old_livret_of_an_active_account_is_warned_then_deleted(inactive):
    user, livret, _ = inactive
    deadline = START.replace(year=START.year + 2)
    with time_machine.travel(deadline - timedelta(days=20), tick=False):
        user.last_login = deadline - timedelta(days=20)
        user.save(update_fields=["last_login"])
    assert run_at(deadline - timedelta(days=14)).warned_livrets == [livret.pk]
    assert RetentionWarning.objects.filter(livret=livret).count() == 1
    assert run_at(deadline + timedelta(days=1)).deleted_livrets == [livret.pk]
    assert type(user).objects.filter(pk=user.pk).exists()


@override_settings(RETENTION_MONTHS=6)
def test_the_period_is_configurable_and_the_command_runs(inactive):
    user, _, _ = inactive
    with time_machine.travel(START + timedelta(days=200), tick=False):
        call_command("retention_purge", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert RetentionWarning.objects.filter(user=user, livret=None).exists()


def test_purge_and_notifications_run_as_tasks(inactive):
    from django.tasks import TaskResultStatus

    from livrets.review.tasks import send_review_notifications
    from portal.accounts.retention.tasks import retention_purge

    with time_machine.travel(START.replace(year=START.year + 2), tick=False):
        result = retention_purge.enqueue()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value["warned_accounts"] == [inactive[0].pk]
    out = __import__("io").StringIO()
    call_command("retention_purge", "--enqueue", stdout=out)
    assert "en file d'attente" in out.getvalue()
    assert send_review_notifications.enqueue().status == TaskResultStatus.SUCCESSFUL


def test_writing_a_recevabilite_request_is_activity(referentials):
    from tests.support.recevabilite import AF, start

    with time_machine.travel(START, tick=False):
        user = make_candidate("lina@example.fr")
    deadline = START.replace(year=START.year + 2)
    with time_machine.travel(deadline - timedelta(days=30), tick=False):
        start(user, AF)
    report = run_at(deadline + timedelta(days=1))
    assert report.warned_accounts == [] and report.deleted_accounts == []
    assert not RetentionWarning.objects.filter(user=user).exists()
