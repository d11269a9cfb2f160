"""A candidate's Livret 2: sections' answers, situations, revisions and documents.

Every text is an ``Answer`` row anchored to stable codes (section code and field key, plus
the situation for a situation's fields) with a ``version`` for optimistic concurrency; every
save also writes a ``Revision``.
"""

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models

from livrets.candidatures.models import CandidatureDocument, UploadedFile


def livret_storage():
    """Private storage: never under MEDIA_URL, files go out only through an owner check.

    The ``livrets`` entry of STORAGES: local files under LIVRET_FILES_ROOT by default, a
    private S3-compatible bucket in production if configured so (portal.settings.environment).
    """
    return storages["livrets"]


class Livret(CandidatureDocument):
    class Status(models.TextChoices):
        DRAFT = "draft", "En cours de rédaction"
        FINALISED = "finalised", "Finalisé"

    # The procedure this livret belongs to: its dates and who may read it.
    candidature = models.ForeignKey(
        "candidatures.Candidature", on_delete=models.CASCADE, related_name="livrets"
    )
    number = models.PositiveIntegerField("version du livret", default=1)
    previous = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="next"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    # Bumped by every write that changes what the livret's PDF shows (livrets.livret2.services):
    # the exported PDF is kept in the cache under this number (livrets.livret2.pdf.export).
    content_revision = models.PositiveIntegerField(default=0, editable=False)
    # A livret started after a partial validation: the parts of the units the jury validated,
    # which it does not ask for again.
    exempt_sections = models.JSONField("parties validées par le jury", default=list, blank=True)
    # Deposited to the certifier on the portal (livrets.desk): the day, and who deposited it
    # (the candidate, or for 004 the accompagnateur they invited). Never reopened after.
    deposited_on = models.DateField("dépôt auprès du certificateur", null=True, blank=True)
    deposited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="déposé par",
    )

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "cqp", "number"], name="unique_livret_number")
        ]

    def __str__(self) -> str:
        return f"Livret 2 – {self.referential_version.title} (version {self.number})"


class Situation(models.Model):
    livret = models.ForeignKey(Livret, on_delete=models.CASCADE, related_name="situations")
    section_code = models.CharField(max_length=80)
    position = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["section_code", "position", "pk"]

    def __str__(self) -> str:
        return f"Situation {self.position} ({self.section_code})"


class Answer(models.Model):
    """One field's current text, with the version its next save must be based on."""

    livret = models.ForeignKey(Livret, on_delete=models.CASCADE, related_name="answers")
    situation = models.ForeignKey(
        Situation, on_delete=models.CASCADE, null=True, blank=True, related_name="answers"
    )
    section_code = models.CharField(max_length=80)
    field_key = models.CharField(max_length=80)
    text = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["livret", "section_code", "field_key"],
                condition=models.Q(situation__isnull=True),
                name="unique_section_answer",
            ),
            models.UniqueConstraint(
                fields=["situation", "field_key"],
                condition=models.Q(situation__isnull=False),
                name="unique_situation_answer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.section_code}/{self.field_key} v{self.version}"


class Revision(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    text = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "version"], name="unique_revision_version")
        ]

    def __str__(self) -> str:
        return f"Révision {self.version}"


def document_path(instance, filename: str) -> str:
    return f"livrets/{instance.livret.public_id}/{uuid.uuid4().hex}"


class Document(UploadedFile):
    livret = models.ForeignKey(Livret, on_delete=models.CASCADE, related_name="documents")
    situation = models.ForeignKey(
        Situation, on_delete=models.CASCADE, null=True, blank=True, related_name="documents"
    )
    section_code = models.CharField(max_length=80, blank=True)
    file = models.FileField(upload_to=document_path, storage=livret_storage, max_length=255)
