"""The certifier's desk: who works there for which CQP, and what happened at it.

A portal administrator names the staff (``StaffMembership``, in the Wagtail/Django admin); a
staff member reads only the candidatures of the CQPs they are named for. Every deposit and
every staff action leaves a ``DeskEvent``: the candidature's history at the desk. A decision
may carry the certifier's letter (``DecisionLetter``, a checked PDF, one per decision event:
the secretariat's on the request, or the jury's).
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
    LIVRET_DEPOSIT = "livret_deposit", "Dépôt du livret 2"
    SEAT = "seat", "Convocation à une session du jury"
    UNSEAT = "unseat", "Retrait d'une session du jury"
    JURY_DECISION = "jury_decision", "Décision du jury"
    EVALUATE = "evaluate", "Grille d’évaluation renseignée"
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


class JurySession(models.Model):
    """A session of the CQP's jury (date, place), set up by its secretariat; the candidatures
    seated in it are convened (``Seat``)."""

    cqp = models.ForeignKey(
        "referentials.Cqp", on_delete=models.CASCADE, related_name="+", verbose_name="CQP"
    )
    held_on = models.DateField("date de la session")
    place = models.CharField("lieu", max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "session du jury"
        verbose_name_plural = "sessions du jury"
        ordering = ["held_on", "pk"]
        indexes = [models.Index(fields=["cqp", "held_on"], name="jury_session_cqp_day")]

    def __str__(self) -> str:
        return f"{self.cqp} – {self.held_on:%d/%m/%Y}, {self.place}"


class Seat(models.Model):
    """A candidature seated in a jury session: one session at a time per candidature."""

    session = models.ForeignKey(JurySession, on_delete=models.CASCADE, related_name="seats")
    candidature = models.OneToOneField(
        "candidatures.Candidature", on_delete=models.CASCADE, related_name="jury_seat"
    )
    seated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "candidat convoqué"
        verbose_name_plural = "candidats convoqués"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.candidature_id} – {self.session}"


class GridColumn(models.TextChoices):
    """The evaluators' two columns of marks: 002's « Lecture du dossier VAE » and « ETAPE 2 :
    Evaluation finale » (« Résultats après observation et entretien »)."""

    READING = "lecture", "Lecture du dossier"
    FINAL = "finale", "Évaluation finale"


class EvaluationMark(models.Model):
    """An evaluator's mark on an element (002) or a criterion (000) in one column of the
    grid. Never updated: each save of a changed mark is a new row, the latest per code and
    column is the current one (as the candidate's ``Rating``)."""

    candidature = models.ForeignKey(
        "candidatures.Candidature", on_delete=models.CASCADE, related_name="evaluation_marks"
    )
    # The compétence or bloc the code belongs to: a form saves one unit at a time.
    unit_code = models.CharField(max_length=40)
    code = models.CharField(max_length=40)
    column = models.CharField(max_length=12, choices=GridColumn.choices)
    # Empty: the mark was withdrawn.
    value = models.CharField(max_length=20, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "note de la grille d’évaluation"
        verbose_name_plural = "notes de la grille d’évaluation"
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["candidature", "unit_code"])]

    def __str__(self) -> str:
        return f"{self.code} ({self.column}) : {self.value or 'retirée'}"


class EvaluationNote(models.Model):
    """An evaluators' text of the grid: the points to check at the interview per compétence,
    the comments of the final review (``unit_code`` empty). Append-only like the marks."""

    candidature = models.ForeignKey(
        "candidatures.Candidature", on_delete=models.CASCADE, related_name="evaluation_notes"
    )
    unit_code = models.CharField(max_length=40, blank=True)
    kind = models.CharField(max_length=40)
    text = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "texte de la grille d’évaluation"
        verbose_name_plural = "textes de la grille d’évaluation"
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["candidature", "unit_code"])]

    def __str__(self) -> str:
        return f"{self.unit_code or 'bilan'} – {self.kind}"


class ApiToken(models.Model):
    """A certifier's system reading and deciding through the certifiers' API
    (``/api/certificateurs/v1/``) for the CQPs named here only. Only the SHA-256 of the token
    is kept: the token itself is shown once, when a superuser creates it. The API's writes are
    recorded in the ``DeskEvent`` history in the name of ``created_by``, with
    ``after["via"] = "api:<name>"``."""

    name = models.CharField("système du certificateur", max_length=120)
    cqps = models.ManyToManyField("referentials.Cqp", related_name="+", verbose_name="CQP lus")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The token's first characters, to tell tokens apart without keeping the secret.
    prefix = models.CharField("début du jeton", max_length=12, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="créé par",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    revoked_at = models.DateTimeField("révoqué le", null=True, blank=True)
    last_used_at = models.DateTimeField("dernier usage", null=True, blank=True)

    class Meta:
        verbose_name = "jeton de l'API des certificateurs"
        verbose_name_plural = "jetons de l'API des certificateurs"
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def via(self) -> str:
        return f"api:{self.name}"
