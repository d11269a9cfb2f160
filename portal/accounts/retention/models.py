"""The warnings sent before deleting inactive accounts and livrets."""

from django.conf import settings
from django.db import models


class RetentionWarning(models.Model):
    """An email telling someone that their account (or one livret) is about to be deleted.

    A warning counts only for the inactivity it was sent about: any later activity makes it
    stale, and a new warning is needed before anything is deleted.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="retention_warnings"
    )
    livret = models.ForeignKey(
        "livrets.Livret",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="retention_warnings",
    )
    warned_at = models.DateTimeField()
    delete_after = models.DateTimeField()

    class Meta:
        ordering = ["-warned_at"]
        indexes = [models.Index(fields=["user", "warned_at"])]

    def __str__(self) -> str:
        return f"Avertissement du {self.warned_at:%d/%m/%Y}"
