"""Reviewers following a candidate's livret: invitations, comments, section reviews.

The code calls the role *reviewer* everywhere; the pages and emails say « accompagnateur ».

An accepted, unrevoked ``Invitation`` is the access itself: the reviewer reads every
version of the invited livret (same candidate, same CQP) and nothing else. A ``Comment`` is
anchored to stable codes (section code, situation, field key) with a snapshot of the text it
was written about. Emails wait in ``PendingNotification`` until ``send_due_notifications``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from livrets.candidatures.opinions import Opinion
from livrets.livret2.anchors import Anchor


class InvitationQuerySet(models.QuerySet):
    def active(self):
        """Accepted and not revoked: the invitations that give read access right now."""
        return self.filter(accepted_at__isnull=False, revoked_at__isnull=True)


class Invitation(models.Model):
    """An accompagnateur invited on a candidature: pending, then accepted (the access itself),
    revoked or expired. The candidate invites from a livret 2 (``livret``, kept for the
    links and the email); the access is the candidature's, every document of it."""

    candidature = models.ForeignKey(
        "candidatures.Candidature", on_delete=models.CASCADE, related_name="invitations"
    )
    livret = models.ForeignKey(
        "livrets.Livret", on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField("adresse électronique de l'accompagnateur")
    organisation = models.CharField("organisme", max_length=200, blank=True)
    # sha256 of the token sent by email; the token itself is never stored.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="followed_invitations",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    # When the reviewer last read the livret, and when we last told them it changed.
    last_reviewed_at = models.DateTimeField(null=True, blank=True)
    change_notified_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidature", "reviewer"],
                condition=Q(revoked_at__isnull=True, reviewer__isnull=False),
                name="one_active_access_per_reviewer",
            )
        ]

    def __str__(self) -> str:
        return f"Invitation de {self.email}"

    @property
    def is_active(self) -> bool:
        return self.accepted_at is not None and self.revoked_at is None


class Comment(models.Model):
    livret = models.ForeignKey("livrets.Livret", on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_comments"
    )
    # A reply belongs to its root comment's thread and shares its anchor.
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    section_code = models.CharField(max_length=80, blank=True)
    situation = models.ForeignKey(
        "livrets.Situation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
    )
    field_key = models.CharField(max_length=80, blank=True)
    anchored_text = models.TextField("texte au moment du commentaire", blank=True)
    body = models.TextField("commentaire", max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["livret", "section_code"])]

    def __str__(self) -> str:
        return f"Commentaire {self.pk}"

    @property
    def anchor(self) -> Anchor:
        return Anchor.of(
            section=self.section_code, situation=self.situation_id, field=self.field_key
        )

    @property
    def part(self) -> str:
        return self.anchor.part

    @property
    def thread_key(self) -> str:
        """The anchor as the editor names a field: ``part|field`` (``|`` for the livret)."""
        return self.anchor.name

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class SectionReview(models.Model):
    livret = models.ForeignKey(
        "livrets.Livret", on_delete=models.CASCADE, related_name="section_reviews"
    )
    section_code = models.CharField(max_length=80)
    status = models.CharField(max_length=10, choices=Opinion.choices)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["livret", "section_code"], name="one_review_per_section"
            )
        ]

    def __str__(self) -> str:
        return f"{self.section_code} : {self.get_status_display()}"


class NotificationPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_preference"
    )
    as_candidate = models.BooleanField(
        "Me prévenir des commentaires et des avis de mon accompagnateur", default=True
    )
    as_reviewer = models.BooleanField(
        "Me prévenir quand un livret que je suis est modifié ou finalisé", default=True
    )

    def __str__(self) -> str:
        return f"Préférences de {self.user}"


class PendingNotification(models.Model):
    class Kind(models.TextChoices):
        COMMENT = "comment", "Nouveau commentaire"
        STATUS = "status", "Avis sur une partie"
        CHANGED = "changed", "Livret modifié"
        FINALISED = "finalised", "Livret finalisé"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    livret = models.ForeignKey("livrets.Livret", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    text = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["recipient", "livret", "sent_at"])]

    def __str__(self) -> str:
        return self.text
