"""Review emails, batched: at most one per recipient and livret per hour.

Writes only queue a ``PendingNotification``; ``send_due_notifications(now)`` (run by the
``send_review_notifications`` command or task, every 10 minutes) notices livrets changed or
finalised since their reviewer's last review, then sends what is due.
"""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from livrets.livret2.models import Livret
from livrets.review import rules
from livrets.review.models import Invitation, NotificationPreference, PendingNotification

Kind = PendingNotification.Kind


def _wants(user_id: int, *, as_candidate: bool) -> bool:
    pref = NotificationPreference.objects.filter(user_id=user_id).first()
    if pref is None:
        return True
    return pref.as_candidate if as_candidate else pref.as_reviewer


def notify_candidate(*, livret: Livret, kind: str, text: str, now=None) -> None:
    if _wants(livret.owner_id, as_candidate=True):
        PendingNotification.objects.create(
            recipient_id=livret.owner_id,
            livret=livret,
            kind=kind,
            text=text[:300],
            created_at=now or timezone.now(),
        )


def collect_reviewer_changes(now) -> int:
    """Queue a notice for each reviewer whose followed livret changed since they read it.

    Every version of the invited livret counts (same candidate, same CQP).
    """
    invitations = list(
        Invitation.objects.active().select_related("livret").exclude(reviewer__isnull=True)
    )
    if not invitations:
        return 0
    owners = {i.livret.owner_id for i in invitations}
    cqps = {i.livret.cqp_id for i in invitations}
    latest: dict[tuple[int, int], Livret] = {}
    for livret in Livret.objects.filter(owner_id__in=owners, cqp_id__in=cqps).order_by("number"):
        latest[(livret.owner_id, livret.cqp_id)] = livret
    muted = set(
        NotificationPreference.objects.filter(as_reviewer=False).values_list("user_id", flat=True)
    )
    queued = 0
    for invitation in invitations:
        livret = latest.get((invitation.livret.owner_id, invitation.livret.cqp_id))
        if livret is None or invitation.reviewer_id in muted:
            continue
        seen = max(
            t
            for t in (
                invitation.accepted_at,
                invitation.last_reviewed_at,
                invitation.change_notified_at,
            )
            if t is not None
        )
        unread = rules.unread_since(
            seen,
            updated_at=livret.updated_at,
            finalised_at=livret.finalised_at if livret.is_finalised else None,
        )
        if unread.finalised:
            kind, text = Kind.FINALISED, "Le livret a été finalisé"
        elif unread.changed:
            kind, text = Kind.CHANGED, "Le livret a été modifié depuis votre dernière lecture"
        else:
            continue
        PendingNotification.objects.create(
            recipient_id=invitation.reviewer_id, livret=livret, kind=kind, text=text, created_at=now
        )
        Invitation.objects.filter(pk=invitation.pk).update(change_notified_at=now)
        queued += 1
    return queued


def _link(recipient_id: int, livret: Livret) -> str:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    if recipient_id == livret.owner_id:
        return base + reverse("livrets:detail", args=[livret.pk])
    return base + reverse("review:livret", args=[livret.pk])


def send_due_notifications(now=None) -> int:
    """Send one email per (recipient, livret) with everything queued, unless one went out
    less than an hour ago; returns the number of emails sent."""
    now = now or timezone.now()
    collect_reviewer_changes(now)
    pending = list(
        PendingNotification.objects.filter(sent_at__isnull=True, created_at__lte=now)
        .select_related("recipient", "livret__referential_version")
        .order_by("created_at", "pk")
    )
    groups: dict[tuple[int, int], list[PendingNotification]] = defaultdict(list)
    for item in pending:
        groups[(item.recipient_id, item.livret_id)].append(item)
    if not groups:
        return 0
    last_sent = {
        (row["recipient_id"], row["livret_id"]): row["last"]
        for row in PendingNotification.objects.filter(
            sent_at__isnull=False,
            recipient_id__in={r for r, _ in groups},
            livret_id__in={lv for _, lv in groups},
        )
        .values("recipient_id", "livret_id")
        .annotate(last=Max("sent_at"))
    }
    sent = 0
    for (recipient_id, _), items in groups.items():
        if not rules.may_send(
            last_sent_at=last_sent.get((recipient_id, items[0].livret_id)), now=now
        ):
            continue
        livret = items[0].livret
        as_candidate = recipient_id == livret.owner_id
        ids = [i.pk for i in items]
        if not _wants(recipient_id, as_candidate=as_candidate):
            PendingNotification.objects.filter(pk__in=ids).delete()
            continue
        context = {
            "items": items,
            "livret": livret,
            "as_candidate": as_candidate,
            "link": _link(recipient_id, livret),
            "preferences": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            + reverse("review:preferences"),
        }
        send_mail(
            subject=f"[Portail CQP-VAE] Livret 2 – {livret.referential_version.title}",
            message=render_to_string("review/email/notification.txt", context),
            from_email=None,
            recipient_list=[items[0].recipient.email],
        )
        PendingNotification.objects.filter(pk__in=ids).update(sent_at=now)
        sent += 1
    return sent
