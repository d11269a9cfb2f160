"""The certifier's desk: who works there for which CQP, and what happened at it.

A portal administrator names the staff (``StaffMembership``, in the Wagtail/Django admin); a
staff member reads only the candidatures of the CQPs they are named for. Every deposit and
every staff action leaves a ``DeskEvent``: the candidature's history at the desk. A decision
may carry the certifier's letter (``DecisionLetter``, a checked PDF, one per decision event).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from livrets.candidatures.models import UploadedFile
from livrets.livret2.models import livret_storage


class StaffRole(models.TextChoices):
    SECRETARIAT = "secretariat", "Secrétariat"
    EVALUATOR = "evaluator", "Évaluateur"
    JURY = "jury", "Membre du jury"


# The secretariat's name where the source gives it another (004: the Ucanss's commission).
SECRETARIAT_NAMES = {"conseiller-offres-services": "Commission de recevabilité"}


class StaffMembership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_memberships",
        verbose_name="compte",
    )
    cqp = models.ForeignKey(
        "referentials.Cqp", on_delete=models.CASCADE, related_name="+", verbose_name="CQP"
    )
    role = models.CharField("rôle", max_length=16, choices=StaffRole.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "membre du bureau d'un certificateur"
        verbose_name_plural = "membres des bureaux des certificateurs"
        ordering = ["cqp", "role", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "cqp", "role"], name="one_role_per_cqp")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.role_label} ({self.cqp})"

    @property
    def role_label(self) -> str:
        if self.role == StaffRole.SECRETARIAT:
            return SECRETARIAT_NAMES.get(self.cqp.slug, StaffRole.SECRETARIAT.label)
        return self.get_role_display()


class DeskAction(models.TextChoices):
    DEPOSIT = "deposit", "Dépôt de la demande"
    ADMISSIBLE = "recevable", "Décision : recevable"
    INADMISSIBLE = "non_recevable", "Décision : non recevable"
    INCOMPLETE = "incomplete", "Décision : incomplète"
    ASSIGN = "assign", "Évaluateur désigné"
    UNASSIGN = "unassign", "Évaluateur retiré"
    GAPS = "gaps", "Analyse des écarts"


class DeskEvent(models.Model):
    """One thing done at the desk: who, when, what, and the candidature's facts before and
    after it."""

    candidature = models.ForeignKey(
        "candidatures.Candidature", on_delete=models.CASCADE, related_name="desk_events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=16, choices=DeskAction.choices)
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.at:%d/%m/%Y})"

    @property
    def sent_letter(self) -> DecisionLetter | None:
        """The certifier's letter sent with this decision, or None."""
        try:
            return self.letter
        except DecisionLetter.DoesNotExist:
            return None


class Assignment(models.Model):
    """An evaluator of the CQP named by its secretariat for one candidature: an evaluator
    reads only the candidatures assigned to them."""

    candidature = models.ForeignKey(
        "candidatures.Candidature", on_delete=models.CASCADE, related_name="assignments"
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="desk_assignments",
        verbose_name="évaluateur",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "évaluateur désigné"
        verbose_name_plural = "évaluateurs désignés"
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidature", "evaluator"], name="one_assignment_per_evaluator"
            )
        ]

    def __str__(self) -> str:
        return f"{self.evaluator} ({self.candidature_id})"


class GapFinding(models.Model):
    """004: the commission's analysis of the gaps between the activities the candidate
    declared and one activity (unit) of the CQP's referential, with its recommendations of
    further training, as its notification carries them (source 004)."""

    candidature = models.ForeignKey(
        "candidatures.Candidature", on_delete=models.CASCADE, related_name="gap_findings"
    )
    unit = models.CharField("activité du référentiel", max_length=40)
    gap = models.TextField("écart constaté", max_length=4000, blank=True)
    recommendations = models.TextField(
        "recommandations de formations complémentaires", max_length=4000, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_on = models.DateField("date de l'analyse")

    class Meta:
        verbose_name = "analyse des écarts (activité)"
        verbose_name_plural = "analyses des écarts (activités)"
        ordering = ["candidature", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["candidature", "unit"], name="one_gap_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.unit} ({self.candidature_id})"


def letter_path(instance, filename: str) -> str:
    return f"bureau/{instance.event.candidature.public_id}/{uuid.uuid4().hex}"


class DecisionLetter(UploadedFile):
    """The certifier's letter sent with one decision: a PDF checked (and disarmed) as the
    candidates' proofs are, on the same private storage, read through the portal only."""

    event = models.OneToOneField(DeskEvent, on_delete=models.CASCADE, related_name="letter")
    file = models.FileField(upload_to=letter_path, storage=livret_storage, max_length=255)

    class Meta(UploadedFile.Meta):
        verbose_name = "lettre de décision"
        verbose_name_plural = "lettres de décision"
