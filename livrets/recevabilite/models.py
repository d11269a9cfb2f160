"""A candidate's recevabilité request (livret 1): the candidate profile it shares with the
livret 2, the periods of experience carried over from the self-check, their proofs, and the
certifier's answer as the candidate records it."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from livrets.candidatures.models import CandidatureDocument, UploadedFile
from livrets.candidatures.opinions import Opinion
from livrets.livret2.models import livret_storage


class CandidateProfile(models.Model):
    """Who the candidate is, typed once: the request, the livret 2 identity and the PDFs."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="candidate_profile"
    )
    civilite = models.CharField("civilité", max_length=20, blank=True)
    nom = models.CharField("nom", max_length=150, blank=True)
    prenom = models.CharField("prénom", max_length=150, blank=True)
    adresse = models.TextField("adresse", max_length=1000, blank=True)
    telephone_domicile = models.CharField("téléphone domicile", max_length=40, blank=True)
    telephone_travail = models.CharField("téléphone travail", max_length=40, blank=True)
    telephone_portable = models.CharField("téléphone portable", max_length=40, blank=True)
    email = models.EmailField("adresse électronique", blank=True)
    naissance_date = models.DateField("date de naissance", null=True, blank=True)
    naissance_lieu = models.CharField("lieu de naissance", max_length=150, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.prenom} {self.nom}".strip() or str(self.user)


class RecevabiliteRequest(CandidatureDocument):
    class Status(models.TextChoices):
        DRAFT = "draft", "En préparation"
        FINALISED = "finalised", "Finalisée"

    class ValidationSought(models.TextChoices):
        """The national form's first part, as the portal reads it: the whole CQP or a part."""

        TOTAL = "totale", "Validation totale du CQP"
        PARTIAL = "partielle", "Validation partielle (une partie du CQP)"

    # The procedure this request opens: its sending, receipt and decision are recorded there.
    candidature = models.OneToOneField(
        "candidatures.Candidature", on_delete=models.CASCADE, related_name="request"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    # National form only (000, 004): the validation sought and the blocks already held (unit
    # codes of the request's referential version). Blank, empty for a certifier's own form.
    validation_sought = models.CharField(
        max_length=12, choices=ValidationSought.choices, blank=True
    )
    blocks_held = models.JSONField(default=list, blank=True)
    # The career questions of the source's form (field code -> answer), education, diplomas.
    career = models.JSONField(default=dict, blank=True)
    last_class = models.CharField(max_length=40, blank=True)
    diplomas = models.JSONField(default=list, blank=True)
    diploma_details = models.JSONField(default=dict, blank=True)
    # VAE requests already made this calendar year, for other certifications.
    other_requests_this_year = models.PositiveSmallIntegerField(null=True, blank=True)
    # 004: the activities the notification's gaps analysis flagged (unit codes) and its words.
    gap_units = models.JSONField(default=list, blank=True)
    gap_note = models.TextField(blank=True, max_length=4000)

    class Meta:
        # The model was called ``Request``: its table keeps that name and its rows.
        db_table = "recevabilite_request"
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "cqp"], name="one_recevabilite_per_cqp")
        ]

    def __str__(self) -> str:
        return f"Demande de recevabilité – {self.referential_version.title}"


class Period(models.Model):
    request = models.ForeignKey(
        RecevabiliteRequest, on_delete=models.CASCADE, related_name="periods"
    )
    position = models.PositiveIntegerField(default=1)
    kind = models.CharField(max_length=30)
    title = models.CharField(max_length=200, blank=True)
    employer = models.CharField(max_length=200, blank=True)
    sector = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=120, blank=True)
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    part_time_percent = models.PositiveSmallIntegerField(default=100)
    weekly_hours = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    total_hours = models.PositiveIntegerField(null=True, blank=True)
    related = models.BooleanField(default=True)
    current = models.BooleanField(default=False)
    # area code -> the activities carried out, in the candidate's words
    activities = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title or f"Période {self.position}"


def proof_path(instance, filename: str) -> str:
    return f"recevabilite/{instance.request.public_id}/{uuid.uuid4().hex}"


class Proof(UploadedFile):
    request = models.ForeignKey(
        RecevabiliteRequest, on_delete=models.CASCADE, related_name="proofs"
    )
    period = models.ForeignKey(
        Period, on_delete=models.CASCADE, null=True, blank=True, related_name="proofs"
    )
    file = models.FileField(upload_to=proof_path, storage=livret_storage, max_length=255)


def national_form_path(instance, filename: str) -> str:
    return f"recevabilite/{instance.request.public_id}/formulaire-{uuid.uuid4().hex}"


class NationalForm(UploadedFile):
    """The filled national form (000: CERFA n° 12818*02; 004: the form fixed by the arrêté of
    29 January 2018), deposited beside the portal's preparation file where the certifier
    receives requests on the portal. A PDF checked as the proofs are; one per request,
    replaced while the request is with the candidate."""

    request = models.OneToOneField(
        RecevabiliteRequest, on_delete=models.CASCADE, related_name="national_form"
    )
    file = models.FileField(upload_to=national_form_path, storage=livret_storage, max_length=255)

    class Meta(UploadedFile.Meta):
        verbose_name = "formulaire national rempli"
        verbose_name_plural = "formulaires nationaux remplis"


class RequestComment(models.Model):
    """An accompagnateur's comment, with an opinion, on a part of the request."""

    class Part(models.TextChoices):
        IDENTITY = "identite", "Identité"
        EDUCATION = "formation", "Parcours et formation"
        PERIODS = "periode", "Expériences"
        DECLARATION = "declaration", "Déclaration"

    request = models.ForeignKey(
        RecevabiliteRequest, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    part = models.CharField(max_length=40, choices=Part.choices)
    body = models.TextField(max_length=4000)
    opinion = models.CharField(max_length=10, choices=Opinion.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Commentaire sur {self.part}"
