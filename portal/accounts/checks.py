"""A model of the portal that points to the user must be declared by its app's
``personal_data.py``: else the export and the deletion would forget it."""

from __future__ import annotations

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import checks

from portal.accounts.registry import declared_models


def _is_ours(app_config) -> bool:
    return Path(app_config.path).resolve().is_relative_to(Path(settings.BASE_DIR).resolve()) and (
        ".venv" not in Path(app_config.path).parts
    )


def personal_models() -> list[str]:
    """The portal's own models with a relation to the user model ("app_label.model")."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    found = []
    for model in apps.get_models():
        if not _is_ours(apps.get_app_config(model._meta.app_label)):
            continue
        # Its own fields: a Wagtail page's owner (an editor) is Wagtail's, not the page's.
        fields = [*model._meta.local_fields, *model._meta.local_many_to_many]
        if any(field.is_relation and field.related_model is user_model for field in fields):
            found.append(model._meta.label_lower)
    return sorted(found)


def every_personal_model_is_declared(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    declared = declared_models()
    return [
        checks.Error(
            f"{name} holds data of a person but no personal_data.py declares it.",
            hint="Register it in its app's personal_data.py (portal.accounts.registry).",
            id="accounts.E001",
        )
        for name in personal_models()
        if name not in declared
    ]
