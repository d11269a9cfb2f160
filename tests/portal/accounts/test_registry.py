"""The registry of personal data: every model holding something of a person is declared, the
export joins every app's sections, the deletion drops the person's queued emails, and the
accounts app never imports the apps it serves."""

from __future__ import annotations

import ast
import html
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from portal.accounts import registry
from portal.accounts.checks import every_personal_model_is_declared, personal_models
from portal.accounts.export import export_data
from portal.accounts.retention.models import RetentionWarning
from portal.accounts.services import delete_account
from portal.tasks import send_email
from tests.support.data import make_candidate
from tests.support.personal_data import assert_exported, exported

pytestmark = pytest.mark.django_db


def test_every_model_pointing_to_a_person_is_declared():
    assert every_personal_model_is_declared() == []
    found = set(personal_models())
    assert {"jury.rating", "recevabilite.requestcomment", "candidatures.candidature"} <= found


def test_a_model_no_app_declares_is_refused(monkeypatch):
    kept = {k: v for k, v in registry._providers.items() if k != "jury"}
    monkeypatch.setattr(registry, "_providers", kept)
    errors = every_personal_model_is_declared()
    assert {e.id for e in errors} == {"accounts.E001"}
    assert sorted(e.msg.split()[0] for e in errors) == ["jury.jurydecision", "jury.rating"]


def test_two_sections_cannot_share_a_key(monkeypatch):
    class Twice(registry.PersonalData):
        label = "twice"

        def sections(self, user):
            return [registry.Section("compte", "Encore", {})]

    monkeypatch.setattr(registry, "_providers", dict(registry._providers))
    registry.register(Twice())
    with pytest.raises(ValueError, match="compte"):
        export_data(make_candidate("alice@example.fr"))


def test_the_account_section_holds_the_user_its_addresses_and_warnings():
    user = make_candidate("alice@example.fr")
    user.first_name, user.last_name = "Alice", "<b>Martin</b>"
    user.last_login = timezone.now()
    user.save()
    now = timezone.now()
    RetentionWarning.objects.create(user=user, warned_at=now, delete_after=now + timedelta(days=14))
    data, archive = exported(user)
    assert data["compte"]["adresses_electroniques"] == [
        {"adresse": "alice@example.fr", "verifiee": True, "principale": True}
    ]
    assert_exported(data, [user], internal=["password"])
    assert_exported(data, RetentionWarning.objects.filter(user=user))
    page = archive.read("donnees.html").decode()
    assert "&lt;b&gt;Martin&lt;/b&gt;" in page and "<b>Martin" not in page
    assert "Mon compte" in html.unescape(page)


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_emails_waiting_for_the_person_go_with_the_account(django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    user = make_candidate("alice@example.fr")
    send_email.enqueue(subject="Pour Alice", body="…", to=["Alice@example.fr"])
    send_email.enqueue(subject="Pour Bruno", body="…", to=["bruno@example.fr"])
    assert DBTaskResult.objects.count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        delete_account(user=user)
    [left] = DBTaskResult.objects.all()
    assert left.args_kwargs["kwargs"]["to"] == ["bruno@example.fr"]


def test_the_accounts_app_never_imports_the_apps_it_serves():
    root = Path(settings.BASE_DIR) / "portal" / "accounts"
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            assert not any(n.split(".")[0] in {"livrets", "selfcheck", "home"} for n in names), (
                f"{path.relative_to(settings.BASE_DIR)} imports {names}"
            )


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_emails_already_sent_to_the_person_go_with_the_account(
    django_capture_on_commit_callbacks,
):
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    user = make_candidate("alice@example.fr")
    send_email.enqueue(subject="Pour Alice", body="Bonjour Alice", to=["alice@example.fr"])
    send_email.enqueue(subject="Pour Bruno", body="…", to=["bruno@example.fr"])
    DBTaskResult.objects.update(status=TaskResultStatus.SUCCESSFUL, finished_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        delete_account(user=user)
    assert not any("alice@example.fr" in str(row.args_kwargs) for row in DBTaskResult.objects.all())
    assert DBTaskResult.objects.count() == 1


@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}, TASK_RESULTS_KEEP_DAYS=7
)
def test_finished_task_rows_are_pruned_after_the_set_days():
    from django.core.management import call_command
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    for subject in ("vieux", "récent", "en attente"):
        send_email.enqueue(subject=subject, body="…", to=["x@example.fr"])
    now = timezone.now()
    rows = {r.args_kwargs["kwargs"]["subject"]: r for r in DBTaskResult.objects.all()}
    for subject, age in (("vieux", 8), ("récent", 2)):
        DBTaskResult.objects.filter(pk=rows[subject].pk).update(
            status=TaskResultStatus.SUCCESSFUL, finished_at=now - timedelta(days=age)
        )
    call_command("prune_task_results", verbosity=0)
    left = {r.args_kwargs["kwargs"]["subject"] for r in DBTaskResult.objects.all()}
    assert left == {"récent", "en attente"}


def test_make_serve_runs_the_pruning_every_day(monkeypatch):
    from portal import serve

    started = []

    class Child:
        def __init__(self, args, **kwargs):
            started.append(args[1:])

        def wait(self, timeout=None):
            return 0

        def poll(self):
            return 0

    monkeypatch.setattr(serve.subprocess, "Popen", Child)
    monkeypatch.setattr(serve.signal, "signal", lambda *args: None)
    assert serve.main(["--no-setup"]) == 0
    assert ["-m", "portal", "prune_task_results", "--every", "86400"] in started
