"""The portal's email task: what is queued is sent, account emails go through the queue."""

from __future__ import annotations

import pytest
from django.core import mail

from portal.tasks import queue_email

pytestmark = pytest.mark.django_db


def test_email_task_sends_what_was_queued():
    from django.core.mail import EmailMultiAlternatives

    message = EmailMultiAlternatives("Objet", "Corps", "a@example.fr", ["b@example.fr"])
    message.attach_alternative("<p>Corps</p>", "text/html")
    queue_email(message)
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert (sent.subject, sent.to, sent.alternatives[0][1]) == (
        "Objet",
        ["b@example.fr"],
        "text/html",
    )


def test_account_emails_go_through_the_task_queue(client):
    from django.tasks.signals import task_enqueued

    queued = []

    def receiver(sender, task_result, **kwargs):
        queued.append((task_result.task.name, task_result.kwargs.get("to")))

    task_enqueued.connect(receiver)
    try:
        client.post(
            "/accounts/signup/",
            {
                "email": "nina@example.fr",
                "password1": "un-long-mot-2-passe",
                "password2": "un-long-mot-2-passe",
            },
        )
    finally:
        task_enqueued.disconnect(receiver)
    assert queued == [("send_email", ["nina@example.fr"])]
    assert [m.to for m in mail.outbox] == [["nina@example.fr"]]
