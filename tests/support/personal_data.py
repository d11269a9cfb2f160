"""Checks shared by the personal data tests of every app: what the export holds, and what the
account's deletion leaves.

``exported(user)`` reads the zip as the person downloads it; ``assert_exported`` asserts that
every value a row stores (its own fields, as the export writes them) appears in it;
``assert_erased`` asserts that no row and no file of the person remains.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import models

from portal.accounts.export import export_stream


def exported(user) -> tuple[dict, zipfile.ZipFile]:
    """``donnees.json`` and the archive, as « Mes données » streams them."""
    archive = zipfile.ZipFile(io.BytesIO(b"".join(export_stream(user))))
    return json.loads(archive.read("donnees.json")), archive


def leaves(value) -> set[str]:
    """Every scalar of a JSON value (keys included), as text."""
    if isinstance(value, dict):
        return {str(k) for k in value} | {x for v in value.values() for x in leaves(v)}
    if isinstance(value, list):
        return {x for v in value for x in leaves(v)}
    return {str(value)}


def _forms(instance: models.Model, field: models.Field) -> set[str] | None:
    """The texts one of the export could write for a field's value; None: nothing to check."""
    value = getattr(instance, field.attname)
    if value is None or value == "" or value == [] or value == {}:
        return None
    if isinstance(field, models.JSONField):
        return leaves(value) - {"None", ""}  # each leaf must appear
    if isinstance(value, datetime | date):
        return {value.isoformat()}
    if field.choices:
        return {str(value), str(dict(field.flatchoices).get(value, value))}
    if isinstance(value, Decimal):
        return {str(value)}
    return {str(value)}


def assert_exported(
    data: dict, rows: Iterable[models.Model], *, internal: Iterable[str] = ()
) -> None:
    """Each stored value of each row appears in the export: its own fields, but its primary
    key, its links to other rows, its files (copied into the zip, checked apart) and the
    ``internal`` fields (a token's hash, a cache counter) that say nothing of the person."""
    found = leaves(data)
    skipped = set(internal)
    for row in rows:
        for field in row._meta.concrete_fields:
            if field.primary_key or field.is_relation or field.name in skipped:
                continue
            if isinstance(field, models.FileField):
                continue
            forms = _forms(row, field)
            if forms is None:
                continue
            if isinstance(field, models.JSONField):
                missing = forms - found
                assert not missing, f"{row._meta.label}.{field.name}: {sorted(missing)[:5]}"
            else:
                assert forms & found, (
                    f"{row._meta.label}.{field.name} = {getattr(row, field.attname)!r} is not "
                    "in the export"
                )


def rows_of(model: type[models.Model], pks: Iterable[int]) -> list[models.Model]:
    return list(model.objects.filter(pk__in=list(pks)))


def assert_erased(user_pk: int, app_models: Iterable[type[models.Model]], kept: dict) -> None:
    """After the deletion: the user row is gone, no row of ``app_models`` points to it, and
    none of the rows noted before (``kept``: model -> primary keys) remains."""
    assert not get_user_model().objects.filter(pk=user_pk).exists()
    user_model = get_user_model()
    for model in app_models:
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is user_model:
                assert not model.objects.filter(**{field.attname: user_pk}).exists(), (
                    f"{model._meta.label}.{field.name} still points to the deleted person"
                )
    for model, pks in kept.items():
        assert not model.objects.filter(pk__in=list(pks)).exists(), (
            f"{model._meta.label}: rows of the deleted person remain"
        )


def assert_files_gone(files: Iterable) -> None:
    """``files``: (storage, name) pairs noted before the deletion."""
    for storage, name in files:
        assert not storage.exists(name), name
