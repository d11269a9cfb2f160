"""The accompagnateur's one opinion vocabulary, on a part of a livret 2 (``SectionReview``)
and on a part of a recevabilité request (``RequestComment``): stable codes, French labels."""

from __future__ import annotations

from django.db import models


class Opinion(models.TextChoices):
    REWORK = "rework", "À retravailler"
    READY = "ready", "Prêt"
