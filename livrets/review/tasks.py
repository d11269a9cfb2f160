"""The review's background work: the notification digests that are due."""

from __future__ import annotations

from django.tasks import task
from django.utils import timezone

from livrets.review.notifications import send_due_notifications


@task
def send_review_notifications() -> int:
    """The reviewers' and candidates' notification digests that are due."""
    return send_due_notifications(timezone.now())
