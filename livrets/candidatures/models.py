"""One candidature per candidate and CQP: the procedure's facts, each stored once.

The recevabilité request (livret 1), the livrets 2 and the jury decisions point to it; their
pages show what ``deadlines`` computes from these facts and never keep a copy of a date.
Access is granted on a candidature (``access``): its owner and the accompagnateurs whose
invitation to it is accepted and not revoked (``review.Invitation``, related name
``invitations``).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models

from livrets.candidatures.deadlines import Facts


class Decision(models.TextChoices):
    FAVOURABLE = "favourable", "Favorable"
    UNFAVOURABLE = "defavorable", "Défavorable"
    NO_ANSWER = "sans_reponse", "Pas de réponse"


class DeskStatus(models.TextChoices):
    """Where a request deposited on the portal stands at its certifier's desk."""

    PENDING = "a_examiner", "À examiner"
    INCOMPLETE = "incomplete", "Incomplète"
    ADMISSIBLE = "recevable", "Recevable"
    INADMISSIBLE = "non_recevable", "Non recevable"


class Candidature(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="candidatures"
    )
    cqp = models.ForeignKey("referentials.Cqp", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The self-check's answers it started from (the periods carried over), if any.
    selfcheck = models.JSONField("vérification d'éligibilité", default=dict, blank=True)
    # The recevabilité request: sending, receipt and the certifier's decision.
    request_sent_on = models.DateField("envoi de la demande de recevabilité", null=True, blank=True)
    request_received_on = models.DateField(
        "réception de la demande de recevabilité", null=True, blank=True
    )
    decision = models.CharField(
        "décision de recevabilité", max_length=16, choices=Decision.choices, blank=True
    )
    decision_on = models.DateField("date de la décision de recevabilité", null=True, blank=True)
    # The favourable notification's own date: 004 counts the validity from it, never from
    # the decision's or the receipt's.
    notified_on = models.DateField(
        "date de la notification favorable de recevabilité", null=True, blank=True
    )
    # Who recorded the decision (today the candidate, from the certifier's letter).
    decision_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    jury_on = models.DateField("session du jury", null=True, blank=True)
    # The request deposited on the portal (livrets.desk): the last deposit's date, where it
    # stands at the certifier's desk, and the desk's last answer (its date and motifs).
    deposited_on = models.DateField("dépôt de la demande sur le portail", null=True, blank=True)
    desk_status = models.CharField(
        "état au bureau du certificateur", max_length=16, choices=DeskStatus.choices, blank=True
    )
    desk_decided_on = models.DateField("date de la réponse du certificateur", null=True, blank=True)
    desk_motifs = models.TextField("motifs de la réponse", max_length=4000, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "cqp"], name="one_candidature_per_cqp")
        ]
        indexes = [
            # The certifier's inbox (livrets.desk): a CQP's deposited requests, the latest
            # deposit first, read a page at a time.
            models.Index(
                fields=["cqp", "-deposited_on", "id"],
                name="candidature_desk_inbox",
                condition=models.Q(deposited_on__isnull=False),
            ),
            # Its requests waiting for an answer by receipt date: the silence dates, soonest
            # first.
            models.Index(
                fields=["cqp", "request_received_on", "id"],
                name="candidature_desk_silence",
                condition=models.Q(desk_status="a_examiner"),
            ),
        ]

    def __str__(self) -> str:
        return f"Candidature {self.public_id}"

    @property
    def at_desk(self) -> bool:
        """Deposited on the portal and not sent back incomplete: the certifier's desk, not
        the candidate, records its dates and decision."""
        return self.desk_status in (
            DeskStatus.PENDING,
            DeskStatus.ADMISSIBLE,
            DeskStatus.INADMISSIBLE,
        )

    @property
    def desk_held(self) -> set[str]:
        """The facts (``Facts`` field names) the certifier's desk recorded on the portal: the
        request's while it is at the desk, the jury date once seated in a session (the desk's
        ``Seat``, read through its reverse relation)."""
        held = {"sent_on", "received_on", "decision", "decision_on", "notified_on"}
        held = held if self.at_desk else set()
        try:
            self.jury_seat  # noqa: B018
        except ObjectDoesNotExist:
            return held
        return held | {"jury_on"}

    @property
    def facts(self) -> Facts:
        """The recorded facts, as the deadline calculator reads them."""
        return Facts(
            sent_on=self.request_sent_on,
            received_on=self.request_received_on,
            decision=self.decision,
            decision_on=self.decision_on,
            jury_on=self.jury_on,
            notified_on=self.notified_on,
        )


class CandidatureDocument(models.Model):
    """What the recevabilité request (livret 1) and the livret 2 share: a public id for their
    files' paths, the CQP and the referential version they are written against, their times
    and the candidate's sworn statement that finalises them. Each declares its ``Status``."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The candidature's owner, kept on the document as the key of its owner-scoped reads
    # (the autosave's single statement among them); always the candidature's owner.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="%(class)ss"
    )
    cqp = models.ForeignKey("referentials.Cqp", on_delete=models.PROTECT, related_name="+")
    referential_version = models.ForeignKey(
        "referentials.ReferentialVersion",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="version du référentiel",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finalised_at = models.DateTimeField(null=True, blank=True)
    sworn_name = models.CharField("nom du signataire", max_length=200, blank=True)
    sworn_on = models.DateField("date de la déclaration", null=True, blank=True)
    sworn_place = models.CharField("lieu de la déclaration", max_length=120, blank=True)

    class Meta:
        abstract = True

    @property
    def is_finalised(self) -> bool:
        return self.status == self.Status.FINALISED


class UploadedFile(models.Model):
    """What a livret's document and a request's proof share: the candidate's name for the
    file, its checked kind and size, when it came. Each declares its ``file`` and its owner."""

    name = models.CharField("nom", max_length=120)
    kind = models.CharField(max_length=10)
    size = models.PositiveBigIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name
