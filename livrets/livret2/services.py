"""Writes to livrets. Views call these; the rules live in structure and completeness; the
procedure's dates are the candidature's (livrets.candidatures)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max, QuerySet, Sum
from django.utils import timezone

from home.referentials.models import ReferentialVersion
from livrets.candidatures import selectors as candidature_selectors
from livrets.candidatures.services import candidature_of
from livrets.livret2 import selectors, statements
from livrets.livret2.anchors import Anchor
from livrets.livret2.completeness import SectionState, check
from livrets.livret2.models import Answer, Document, Livret, Revision, Situation
from livrets.livret2.pdf import export as pdf_export
from livrets.livret2.quotas import (
    QuotaExceeded,
    check_new_livret,
    lock_account,
)
from livrets.livret2.structure import (
    SITUATION_FIELDS_BY_KEY,
    Widget,
    YesNo,
    prefill_from_activities,
    section_by_code,
)
from livrets.livret2.structure import section_field as spec_of_section_field
from portal import french
from portal.uploads import KINDS


class LivretError(Exception):
    """A write the rules refuse; the message is shown to the candidate as is."""


class LivretLocked(LivretError):
    def __init__(self):
        super().__init__("Ce livret est finalisé : il ne peut plus être modifié. Rouvrez-le.")


@dataclass(frozen=True)
class SaveResult:
    saved: bool
    version: int
    text: str
    # On conflict: the text currently stored (which the stale save did not overwrite).
    conflict: bool = False


def mark_changed(livret: Livret) -> None:
    """Record a change of what the livret's PDF shows: one UPDATE, then the PDF's cache."""
    statements.mark_changed(livret_id=livret.pk, now=timezone.now())
    pdf_export.changed(livret)


def ensure_draft(livret: Livret) -> None:
    if livret.is_finalised:
        raise LivretLocked


def start_livret(*, owner, version: ReferentialVersion, activities: list[str] = ()) -> Livret:
    """A new draft livret on the CQP's given referential version, pre-filled from the self-check.

    Refused when the account already holds as many livrets as allowed.
    """
    with transaction.atomic():
        lock_account(owner.pk)
        try:
            check_new_livret(owner.pk)
        except QuotaExceeded as error:
            raise LivretError(str(error)) from None
        livret = Livret.objects.create(
            owner=owner,
            candidature=candidature_of(owner=owner, cqp_id=version.cqp_id),
            cqp_id=version.cqp_id,
            referential_version=version,
            number=1 + _last_number(owner, version.cqp_id),
        )
        for (section, key), text in prefill_from_activities(
            version.referential, list(activities)
        ).items():
            _write(livret, None, section, key, text)
        _prefill_identity(livret, version.referential)
    return livret


def _prefill_identity(livret: Livret, ref) -> None:
    """The identity typed once in the candidate profile (recevabilité request), if any."""
    section = next((s.code for s in ref.livret_sections if s.kind == "identity"), None)
    if section is None:
        return
    for key, text in candidature_selectors.livret_identity(livret.owner).items():
        _write(livret, None, section, key, text)


def _last_number(owner, cqp_id) -> int:
    return Livret.objects.filter(owner=owner, cqp_id=cqp_id).aggregate(n=Max("number"))["n"] or 0


def _write(
    livret: Livret, situation: Situation | None, section: str, key: str, text: str
) -> Answer:
    answer = Answer.objects.create(
        livret=livret,
        situation=situation,
        section_code=section,
        field_key=key,
        text=text,
        version=1,
    )
    Revision.objects.create(answer=answer, version=1, text=text)
    return answer


def copy_answers(
    *, source: Livret, target: Livret, skip_sections: frozenset[str] = frozenset()
) -> dict[int, Situation]:
    """Copy the source livret's situations and answers into the new livret ``target`` (each
    answer a first version with its revision), leaving out the sections ``skip_sections``.
    Returns the copied situations by the source situation's id."""
    situations = {}
    for situation in source.situations.all():
        if situation.section_code in skip_sections:
            continue
        situations[situation.pk] = Situation.objects.create(
            livret=target, section_code=situation.section_code, position=situation.position
        )
    # What the new livret was pre-filled with (the identity of the candidate's profile) gives
    # way to the source's text for the same field: one answer per field.
    prefilled = {
        (a.section_code, a.field_key): a for a in target.answers.filter(situation__isnull=True)
    }
    for answer in source.answers.all():
        if answer.section_code in skip_sections:
            continue
        if answer.situation_id and answer.situation_id not in situations:
            continue
        if not answer.situation_id and (
            older := prefilled.pop((answer.section_code, answer.field_key), None)
        ):
            older.delete()
        _write(
            target,
            situations.get(answer.situation_id),
            answer.section_code,
            answer.field_key,
            answer.text,
        )
    return situations


def field_spec(livret: Livret, *, section: str, situation: Situation | None, key: str):
    ref = livret.referential_version.referential
    if situation is not None:
        return SITUATION_FIELDS_BY_KEY.get(key)
    sec = section_by_code(ref, section)
    return spec_of_section_field(ref, sec, key) if sec else None


def validate_text(spec, text: str) -> str:
    text = text.replace("\r\n", "\n")
    if len(text) > spec.max_chars:
        raise LivretError(
            f"« {spec.label[:80]} » : {french.count(len(text), 'caractère')}, la limite est de "
            f"{french.count(spec.max_chars, 'caractère')}. Raccourcissez le texte."
        )
    if spec.widget == Widget.YESNO and text not in ("", *YesNo):
        raise LivretError("Répondez Oui ou Non.")
    return text


def save_answer(
    *,
    livret: Livret,
    section: str,
    key: str,
    text: str,
    base_version: int,
    situation: Situation | None = None,
    answer_id: int | None = None,
) -> SaveResult:
    """Save one field if nobody changed it since ``base_version``; otherwise overwrite nothing.

    Compare-and-set in one UPDATE (``version = base``, ``version = F() + 1``): concurrent saves
    of the same field cannot both succeed, on SQLite as on PostgreSQL. ``answer_id``, the
    field's row when the caller already knows it, spares reading it back after the update.
    No savepoint of its own: no caller goes on in a transaction after a failed save.
    """
    ensure_draft(livret)
    spec = field_spec(livret, section=section, situation=situation, key=key)
    if spec is None:
        raise LivretError("Ce champ n'existe pas dans ce livret.")
    text = validate_text(spec, text)
    lookup = {"livret": livret, "situation": situation, "section_code": section, "field_key": key}
    # A base version for a field never saved: no text a stale save could overwrite, a first
    # save. (A known ``answer_id`` means the row was there when the target was resolved.)
    if base_version != 0 and answer_id is None and not Answer.objects.filter(**lookup).exists():
        base_version = 0
    if answer_id is not None and base_version != 0:
        return _compare_and_set(livret, answer_id, base_version, text)
    with transaction.atomic(savepoint=False):
        if base_version == 0:
            try:
                with transaction.atomic():
                    answer = Answer.objects.create(**lookup, text=text, version=1)
            except IntegrityError:
                current = Answer.objects.get(**lookup)
                if current.text == text:
                    return SaveResult(True, current.version, current.text)
                return SaveResult(False, current.version, current.text, conflict=True)
            Revision.objects.create(answer=answer, version=1, text=text)
            mark_changed(livret)
            return SaveResult(True, 1, text)
        updated = Answer.objects.filter(**lookup, version=base_version).update(
            text=text, version=F("version") + 1, updated_at=timezone.now()
        )
        answer = Answer.objects.get(**lookup)
        if not updated:
            if answer.text == text:  # the same words already saved (e.g. a retried request)
                return SaveResult(True, answer.version, answer.text)
            return SaveResult(False, answer.version, answer.text, conflict=True)
        Revision.objects.create(answer=answer, version=answer.version, text=text)
        mark_changed(livret)
    return SaveResult(True, answer.version, text)


def _compare_and_set(livret: Livret, answer_id: int, base_version: int, text: str) -> SaveResult:
    """``save_answer`` for a field whose row is known: the autosave's written-out statements."""
    if statements.save_known_answer(
        livret_id=livret.pk,
        answer_id=answer_id,
        base_version=base_version,
        text=text,
        now=timezone.now(),
    ):
        pdf_export.changed(livret)
        return SaveResult(True, base_version + 1, text)
    stored = statements.current_answer(answer_id)
    if stored is None:  # its situation was deleted meanwhile (another tab)
        raise LivretError("Cette partie n'existe plus : rechargez la page.")
    version, current = stored
    if current == text:  # the same words already saved (e.g. a retried request)
        return SaveResult(True, version, current)
    return SaveResult(False, version, current, conflict=True)


@dataclass(frozen=True)
class Autosave:
    target: selectors.SaveTarget
    result: SaveResult
    # The saved section's new state (None when the save conflicted and changed nothing).
    state: SectionState | None


def autosave(
    *, user, livret_pk: int, anchor: Anchor | None, text: str, base_version: int
) -> Autosave:
    """The editor's save of one field, in a straight line: resolve the target once (one
    query), save it, read the section's new state (one query)."""
    target = selectors.save_target(user, livret_pk, anchor)
    result = save_answer(
        livret=target.livret,
        section=target.section.code,
        key=anchor.field,
        text=text,
        base_version=base_version,
        situation=target.situation,
        answer_id=target.answer_id,
    )
    state = None if result.conflict else selectors.section_state_after_save(target)
    return Autosave(target, result, state)


def save_form(*, livret: Livret, fields: list[tuple[str, list[str], int]]) -> dict[str, dict]:
    """The no-JavaScript save of a section's form: each (field name, posted values, base
    version) in turn. Returns the problems by field name: {"mine", "version", "error"} for a
    refused text, {"mine", "version", "conflict", "theirs"} for a stale one."""
    problems: dict[str, dict] = {}
    for name, values, base in fields:
        anchor = Anchor.parse_name(name)
        section_code, situation = selectors.part_of(livret, anchor)
        spec = field_spec(livret, section=section_code, situation=situation, key=anchor.field)
        if spec is None:
            continue
        text = ",".join(values) if spec.widget == Widget.CHOICES else (values[0] if values else "")
        try:
            result = save_answer(
                livret=livret,
                section=section_code,
                key=anchor.field,
                text=text,
                base_version=base,
                situation=situation,
            )
        except LivretError as error:
            problems[name] = {"mine": text, "version": base, "error": str(error)}
            continue
        if result.conflict:
            problems[name] = {
                "mine": text,
                "version": result.version,
                "conflict": True,
                "theirs": result.text,
            }
    return problems


def restore_revision(*, livret: Livret, revision: Revision) -> SaveResult:
    """Make an earlier text current again, as a new revision (history is never rewritten)."""
    answer = revision.answer
    return save_answer(
        livret=livret,
        section=answer.section_code,
        key=answer.field_key,
        text=revision.text,
        base_version=Answer.objects.get(pk=answer.pk).version,
        situation=answer.situation,
    )


def finalise(*, livret: Livret, sworn_name: str, sworn_on: date, sworn_place: str = "") -> None:
    """Lock the livret if nothing is missing; raise with the count of missing items otherwise."""
    ensure_draft(livret)
    report = check(livret.referential_version.referential, selectors.livret_content(livret))
    if not report.complete:
        raise LivretError(f"Il manque encore {french.count(len(report.missing), 'élément')}.")
    livret.status = Livret.Status.FINALISED
    livret.finalised_at = timezone.now()
    livret.sworn_name = sworn_name
    livret.sworn_on = sworn_on
    livret.sworn_place = sworn_place
    livret.save()
    mark_changed(livret)


def reopen(*, livret: Livret) -> Livret:
    """A new draft version copying the finalised one, which stays as it was."""
    if not livret.is_finalised:
        raise LivretError("Seul un livret finalisé peut être rouvert.")
    if livret.deposited_on is not None:
        raise LivretError(
            f"Ce livret est déposé auprès du certificateur depuis le "
            f"{livret.deposited_on:%d/%m/%Y} : il ne peut plus être rouvert ni modifié."
        )
    if Livret.objects.filter(previous=livret).exists():
        raise LivretError("Ce livret a déjà été rouvert.")
    with transaction.atomic():
        lock_account(livret.owner_id)
        copied = livret.documents.aggregate(total=Sum("size"))["total"] or 0
        try:
            check_new_livret(livret.owner_id, copied_bytes=copied)
        except QuotaExceeded as error:
            raise LivretError(str(error)) from None
        new = Livret.objects.create(
            owner=livret.owner,
            cqp_id=livret.cqp_id,
            referential_version=livret.referential_version,
            number=1 + _last_number(livret.owner, livret.cqp_id),
            previous=livret,
            candidature_id=livret.candidature_id,
            # The parts a jury already validated stay validated in every later version.
            exempt_sections=list(livret.exempt_sections),
        )
        situations = copy_answers(source=livret, target=new)
        for document in livret.documents.all():
            copy = Document(
                livret=new,
                situation=situations.get(document.situation_id),
                section_code=document.section_code,
                name=document.name,
                kind=document.kind,
                size=document.size,
            )
            with document.file.open("rb") as f:
                copy.file.save(document.name, ContentFile(f.read()), save=False)
            copy.save()
    return new


def delete_livrets(livrets: QuerySet[Livret]) -> None:
    """Remove livrets with their answers, revisions and files; a later version of one of
    them forgets it was reopened from it. The one way a livret is deleted."""
    with transaction.atomic():
        for document in Document.objects.filter(livret__in=livrets):
            document.file.delete(save=False)
        Livret.objects.filter(previous__in=livrets).update(previous=None)
        livrets.delete()


__all__ = ["KINDS", "LivretError", "LivretLocked", "SaveResult"]
