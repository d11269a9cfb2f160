"""The portal's own background work: sending an email (``TASKS``: database queue in production).

Enqueue from a request (``send_email.enqueue(...)``); ``python -m portal db_worker`` runs
them on any machine. Arguments are plain JSON values so that any worker can run any task.
Each app keeps its own tasks in its ``tasks.py`` (``portal.accounts.retention.tasks``,
``livrets.review.tasks``).
"""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django.tasks import task


@task
def send_email(
    *,
    subject: str,
    body: str,
    to: list[str],
    from_email: str | None = None,
    alternatives: list[list[str]] = (),
    reply_to: list[str] = (),
    headers: dict | None = None,
) -> int:
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=from_email,
        to=list(to),
        reply_to=list(reply_to),
        headers=headers or {},
    )
    for content, mimetype in alternatives:
        message.attach_alternative(content, mimetype)
    return message.send()


def queue_email(message) -> None:
    """Send an EmailMessage in the background (attachments are not supported)."""
    if getattr(message, "attachments", None):
        raise ValueError("queue_email: attachments cannot go through the task queue")
    send_email.enqueue(
        subject=str(message.subject),
        body=str(message.body),
        to=[str(a) for a in message.to],
        from_email=message.from_email,
        alternatives=[[str(c), m] for c, m in getattr(message, "alternatives", [])],
        reply_to=[str(a) for a in message.reply_to],
        headers={k: str(v) for k, v in message.extra_headers.items()},
    )
