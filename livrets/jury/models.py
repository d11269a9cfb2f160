"""What the candidate and their accompagnateur record before and after the jury.

``Rating`` rows are never updated: each rating is a new row, the latest per element and
role is the current one, the others are its history (like the livret's revisions).
``Evidence`` links an element (or a unit, where the source gives no element) to a field or a
situation of the livret. ``JuryDecision`` is the decision as the candidate received it, or as
the certifier recorded it on the portal (``by_certifier``: the candidate's own form is then
read-only for that candidature).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from livrets.candidatures.access import Role


class RatingValue(models.TextChoices):
    # Source 002's scale, word for word.
    NON_MIS_EN_OEUVRE = "non_mis_en_oeuvre", "Non mis en œuvre"
    NON_ACQUIS = "non_acquis", "Non acquis"
    ACQUIS = "acquis", "Acquis"


class Rating(models.Model):
    livret = models.ForeignKey("livrets.Livret", on_delete=models.CASCADE, related_name="+")
    element_code = models.CharField(max_length=40)
    role = models.CharField(max_length=16, choices=Role.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # Empty: the rating was withdrawn.
    value = models.CharField(max_length=20, choices=RatingValue.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["livret", "element_code"])]

    def __str__(self) -> str:
        return f"{self.element_code} : {self.get_value_display() or 'sans avis'}"


class Evidence(models.Model):
    livret = models.ForeignKey("livrets.Livret", on_delete=models.CASCADE, related_name="+")
    # An element code (C1.E2), or a unit code where the source gives no element (B1, A3).
    target = models.CharField(max_length=40)
    # "section:<code>|<field key>" or "situation:<id>"
    source = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["livret", "target", "source"], name="unique_jury_evidence"
            )
        ]

    def __str__(self) -> str:
        return f"{self.target} ← {self.source}"


class Outcome(models.TextChoices):
    TOTAL = "totale", "Validation totale"
    PARTIAL = "partielle", "Validation partielle"
    NONE = "aucune", "Aucune validation"


class JuryDecision(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jury_decisions"
    )
    candidature = models.ForeignKey(
        "candidatures.Candidature", on_delete=models.CASCADE, related_name="jury_decisions"
    )
    cqp = models.ForeignKey("referentials.Cqp", on_delete=models.PROTECT, related_name="+")
    livret = models.ForeignKey(
        "livrets.Livret", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_on = models.DateField("date de la décision")
    outcome = models.CharField("décision", max_length=12, choices=Outcome.choices)
    validated_units = models.JSONField("unités validées", default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Recorded by the certifier's staff on the portal (its desk), not typed by the candidate.
    by_certifier = models.BooleanField("enregistrée par le certificateur", default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="enregistrée par",
    )
    motifs = models.TextField("motifs", blank=True)
    # The certifier's letter, where one was sent: its address on the portal (access checked
    # there), kept here so that the jury's pages need not read the desk.
    letter_url = models.CharField(max_length=200, blank=True)
    letter_name = models.CharField(max_length=255, blank=True)
    # The livret 2 started on the remaining units after a partial validation.
    follow_up = models.OneToOneField(
        "livrets.Livret",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jury_origin",
    )

    class Meta:
        ordering = ["-decided_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} du {self.decided_on:%d/%m/%Y}"
