"""The autosave's statements, written out once.

An autosave runs on every pause in the candidate's typing, twenty writers at a time on a
busy server. On these machines Django spends 2 to 7 ms building and compiling each of its
queries (an annotated ``get`` with two subqueries: 6.5 ms) for 0.5 to 2 ms of database
work, so the save path's statements are written here as SQL, each a constant string with
its parameters, portable between SQLite and PostgreSQL. Reads go through ``Model.objects.raw``
so that the fields are converted as the ORM converts them (UUIDs, JSON); writes through the
connection's cursor, datetimes adapted by the backend. Everything else uses the ORM.

Each function is one statement; the callers (``livrets.livret2.selectors.save_target``,
``livrets.livret2.services.save_answer``) keep the rules.
"""

from __future__ import annotations

import functools
from datetime import datetime

from django.db import connection, transaction

from livrets.livret2.models import Answer, Livret

# "position:id,position:id…" of the situations of the target's section (in no order:
# SQLite cannot order an aggregate; ``selectors._ordered_ids`` sorts them). SQLite 3.40
# (Debian 12) has no string_agg.
_SIBLINGS = {
    "postgresql": "string_agg(CAST(o.position AS text) || ':' || CAST(o.id AS text), ',')",
    "sqlite": "group_concat(CAST(o.position AS text) || ':' || CAST(o.id AS text), ',')",
}
_LIVRET_COLUMNS = (
    "l.id, l.public_id, l.status, l.exempt_sections, l.owner_id, l.referential_version_id, "
    "rv.content_hash AS referential_hash"
)

_SITUATION_TARGET = f"""
SELECT {_LIVRET_COLUMNS}, s.section_code AS target_section,
  (SELECT a.id FROM livrets_answer a
    WHERE a.situation_id = s.id AND a.field_key = %s) AS target_answer,
  (SELECT {{siblings}} FROM livrets_situation o
    WHERE o.livret_id = l.id AND o.section_code = s.section_code) AS target_siblings
FROM livrets_situation s
  JOIN livrets_livret l ON l.id = s.livret_id
  JOIN referentials_referentialversion rv ON rv.id = l.referential_version_id
WHERE s.id = %s AND l.id = %s AND l.owner_id = %s
"""  # noqa: S608 (constant text: no value is formatted in)

_SECTION_TARGET = f"""
SELECT {_LIVRET_COLUMNS},
  (SELECT a.id FROM livrets_answer a
    WHERE a.livret_id = l.id AND a.situation_id IS NULL AND a.section_code = %s
      AND a.field_key = %s) AS target_answer,
  (SELECT {{siblings}} FROM livrets_situation o
    WHERE o.livret_id = l.id AND o.section_code = %s) AS target_siblings
FROM livrets_livret l
  JOIN referentials_referentialversion rv ON rv.id = l.referential_version_id
WHERE l.id = %s AND l.owner_id = %s
"""  # noqa: S608 (constant text: no value is formatted in)


@functools.cache
def _sql(template: str, vendor: str) -> str:
    """``template`` for the database in use, formatted once per template and database."""
    return template.format(siblings=_SIBLINGS[vendor])


def situation_target(*, user_id: int, livret_id: int, situation_id: int, field: str):
    """The owner's livret holding the situation (None if it is not theirs), annotated with
    ``referential_hash``, ``target_section``, ``target_answer`` and ``target_siblings``."""
    params = [field, situation_id, livret_id, user_id]
    return next(iter(Livret.objects.raw(_sql(_SITUATION_TARGET, connection.vendor), params)), None)


def section_target(*, user_id: int, livret_id: int, section: str, field: str):
    """The owner's livret (None if it is not theirs), annotated with ``referential_hash``,
    ``target_answer`` and ``target_siblings`` for one of its sections' fields."""
    params = [section, field, section, livret_id, user_id]
    return next(iter(Livret.objects.raw(_sql(_SECTION_TARGET, connection.vendor), params)), None)


def section_answers(*, livret_id: int, section: str) -> list[Answer]:
    """A section's answers (its situations' too), with the fields its state reads."""
    return list(
        Answer.objects.raw(
            "SELECT id, situation_id, section_code, field_key, text FROM livrets_answer"
            " WHERE livret_id = %s AND section_code = %s",
            [livret_id, section],
        )
    )


def _when(moment: datetime):
    return connection.ops.adapt_datetimefield_value(moment)


# PostgreSQL: the compare-and-set, its revision and the livret's change in one statement,
# atomic without a transaction of its own (no BEGIN and COMMIT round trips); the revision
# and the livret's change happen only if the field was still at the base version.
_SAVE_POSTGRESQL = """
WITH saved AS (
  UPDATE livrets_answer SET text = %s, version = version + 1, updated_at = %s
  WHERE id = %s AND version = %s
  RETURNING id, version
), revision AS (
  INSERT INTO livrets_revision (answer_id, version, text, created_at)
  SELECT id, version, %s, %s FROM saved
), changed AS (
  UPDATE livrets_livret SET updated_at = %s, content_revision = content_revision + 1
  WHERE id = %s AND EXISTS (SELECT 1 FROM saved)
)
SELECT version FROM saved
"""


def save_known_answer(
    *, livret_id: int, answer_id: int, base_version: int, text: str, now: datetime
) -> bool:
    """Write a field whose row is known if it is still at ``base_version``, with its
    revision and the livret's change (date, content revision); whether it was written."""
    when = _when(now)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            params = [text, when, answer_id, base_version, text, when, when, livret_id]
            cursor.execute(_SAVE_POSTGRESQL, params)
            return cursor.fetchone() is not None
        with transaction.atomic(savepoint=False):
            cursor.execute(
                "UPDATE livrets_answer SET text = %s, version = version + 1, updated_at = %s"
                " WHERE id = %s AND version = %s",
                [text, when, answer_id, base_version],
            )
            if cursor.rowcount != 1:
                return False
            cursor.execute(
                "INSERT INTO livrets_revision (answer_id, version, text, created_at)"
                " VALUES (%s, %s, %s, %s)",
                [answer_id, base_version + 1, text, when],
            )
            mark_changed(livret_id=livret_id, now=now)
            return True


def current_answer(answer_id: int) -> tuple[int, str] | None:
    """The field's version and text as stored now."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT version, text FROM livrets_answer WHERE id = %s", [answer_id])
        row = cursor.fetchone()
    return (row[0], row[1]) if row else None


def mark_changed(*, livret_id: int, now: datetime) -> None:
    """The livret's date and content revision (the PDF cache's key) after a change."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE livrets_livret SET updated_at = %s, content_revision = content_revision + 1"
            " WHERE id = %s",
            [_when(now), livret_id],
        )
