"""A CQP and the immutable versions of its referential, loaded from the data files."""

from django.db import models

from . import builder
from .domain import Referential


class Cqp(models.Model):
    """A certification, known by its stable slug; points at its current referential version."""

    slug = models.SlugField("identifiant", max_length=80, unique=True)
    current = models.ForeignKey(
        "ReferentialVersion",
        verbose_name="version en vigueur",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "CQP"
        verbose_name_plural = "CQP"
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.current.title if self.current_id else self.slug


class ReferentialVersion(models.Model):
    """One loaded version of a referential file. Never modified once written."""

    cqp = models.ForeignKey(Cqp, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField("numéro de version")
    label = models.CharField("version du référentiel", max_length=40)
    content_hash = models.CharField("empreinte du fichier", max_length=64)
    title = models.CharField("intitulé", max_length=255)
    certifier = models.CharField("certificateur", max_length=255)
    rncp = models.CharField("numéro RNCP", max_length=20, blank=True)
    data = models.JSONField("contenu")
    loaded_at = models.DateTimeField("chargé le", auto_now_add=True)

    class Meta:
        verbose_name = "version de référentiel"
        verbose_name_plural = "versions de référentiel"
        ordering = ["cqp__slug", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["cqp", "number"], name="unique_version_number"),
            models.UniqueConstraint(fields=["cqp", "content_hash"], name="unique_version_content"),
        ]

    def __str__(self) -> str:
        return f"{self.title} (chargement n° {self.number})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A referential version is immutable: load a new version instead.")
        super().save(*args, **kwargs)

    def source_version(self) -> str:
        """The referential's own version as its source states it (never the internal code)."""
        return self.referential.version_label or "non indiquée par la source"

    source_version.short_description = "version donnée par la source"

    @property
    def referential(self) -> Referential:
        """The typed, immutable view of this version's content (built once per process)."""
        return builder.cached(self.content_hash, lambda: self.data)
