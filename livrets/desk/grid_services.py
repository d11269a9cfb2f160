"""Writes of the evaluators' grid: one compétence (marks of both columns and its points to
check) or the final review (comments) at a time. Append-only rows, one ``DeskEvent``
(« evaluate ») per save with the values before and after; a save made on a page older than the
last write there (by anyone) is refused, nothing written."""

from __future__ import annotations

from django.db import transaction

from livrets.candidatures.models import Candidature
from livrets.desk import grid_rules
from livrets.desk.grid_selectors import REVIEW, Sheet
from livrets.desk.models import DeskAction, DeskEvent, EvaluationMark, EvaluationNote
from livrets.desk.services import DeskError


class StaleGrid(DeskError):
    """Someone saved this part of the grid since the page was shown."""


def _current(c: Candidature, unit_code: str):
    """The part's current marks and texts, its version, and who wrote there last."""
    found = EvaluationMark.objects.filter(candidature=c, unit_code=unit_code)
    notes = EvaluationNote.objects.filter(candidature=c, unit_code=unit_code)
    mark_rows = list(found.select_related("author").order_by("at", "pk"))
    note_rows = list(notes.select_related("author").order_by("at", "pk"))
    marks = {grid_rules.field_name(m.column, m.code): m.value for m in mark_rows}
    texts = {n.kind: n.text for n in note_rows}
    rows = [*mark_rows, *note_rows]
    last = max(rows, key=lambda r: (r.at, r.pk)).author if rows else None
    version = grid_rules.version_of([m.pk for m in mark_rows], [n.pk for n in note_rows])
    return marks, texts, version, last


def save(
    *,
    sheet: Sheet,
    by,
    part: str,
    marks: dict[str, str],
    texts: dict[str, str],
    version: str,
) -> int:
    """Save one part of the grid (a unit's code, or ``REVIEW``): the marks (field name ->
    value, "" withdraws) and texts (kind -> text) that changed. Returns how many changed."""
    unit_code = "" if part == REVIEW else part
    with transaction.atomic():
        c = Candidature.objects.select_for_update().get(pk=sheet.candidature.pk)
        current_marks, current_texts, now, last = _current(c, unit_code)
        if version != now:
            if last is not None and last.pk == by.pk:
                who = "Vous avez enregistré cette partie de la grille (dans une autre fenêtre)"
            else:
                name = (last.get_full_name() or last.email) if last else "Un autre évaluateur"
                who = f"{name} a enregistré cette partie de la grille"
            raise StaleGrid(
                f"{who} depuis que cette page a été ouverte : rien n’est enregistré. Vos "
                "saisies sont gardées ci-dessous ; comparez-les à ce qui est enregistré "
                "maintenant puis enregistrez de nouveau."
            )
        changed_marks = grid_rules.changes(current_marks, marks)
        changed_texts = grid_rules.changes(current_texts, texts)
        for name, (_, value) in changed_marks.items():
            column, code = grid_rules.parse_field(name)
            EvaluationMark.objects.create(
                candidature=c, unit_code=unit_code, code=code, column=column, value=value, author=by
            )
        for kind, (_, text) in changed_texts.items():
            EvaluationNote.objects.create(
                candidature=c, unit_code=unit_code, kind=kind, text=text, author=by
            )
        changed = {**changed_marks, **changed_texts}
        if changed:
            DeskEvent.objects.create(
                candidature=c,
                actor=by,
                action=DeskAction.EVALUATE,
                before={"partie": part, **{k: v[0] for k, v in changed.items()}},
                after={"partie": part, **{k: v[1] for k, v in changed.items()}},
            )
    return len(changed)
