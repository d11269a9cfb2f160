"""Reads of livrets, always scoped to their owner (another person's livret is a 404).

What an invited reviewer may read is the review's (``livrets.review.selectors``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from home.referentials.domain import LivretSection, SectionKind
from home.referentials.models import ReferentialVersion
from livrets.livret2 import statements
from livrets.livret2.anchors import Anchor
from livrets.livret2.completeness import (
    LivretContent,
    SectionState,
    SituationContent,
    check_section,
)
from livrets.livret2.models import Answer, Document, Livret, Revision, Situation
from livrets.livret2.structure import section_by_code, section_of_kind
from portal.people import display_name


def livrets_of(user) -> QuerySet[Livret]:
    return Livret.objects.filter(owner=user).select_related(
        "referential_version", "cqp", "candidature"
    )


def livret_for(user, pk: int) -> Livret:
    # The gaps analysis of the candidature's recevabilité request, in the same query (the
    # ``recevabilite_gap`` tag reads it; None without a request).
    livrets = livrets_of(user).annotate(
        recevabilite_gaps=F("candidature__request__gap_units"),
        recevabilite_gap_note=F("candidature__request__gap_note"),
    )
    return get_object_or_404(livrets, pk=pk)


@dataclass(frozen=True)
class SaveTarget:
    """What an autosave writes to, resolved in one query."""

    livret: Livret
    section: LivretSection
    situation: Situation | None
    # The field's answer row if it exists yet (its compare-and-set needs no read-back).
    answer_id: int | None
    # The section's situations, in order: its new state needs no query for them.
    situation_ids: tuple[int, ...]


def _ordered_ids(aggregated: str | None) -> tuple[int, ...]:
    pairs = (item.split(":") for item in (aggregated or "").split(",") if item)
    return tuple(pk for _, pk in sorted((int(pos), int(pk)) for pos, pk in pairs))


def save_target(user, pk: int, anchor: Anchor | None) -> SaveTarget:
    """The owner's livret, section and situation an autosave names, in one query
    (``livrets.livret2.statements``: the save path's SQL, not compiled on every save).

    Anything but a section or a situation of the user's own livret is a 404.
    """
    if anchor is not None and anchor.situation:
        livret = statements.situation_target(
            user_id=user.pk, livret_id=pk, situation_id=anchor.situation, field=anchor.field
        )
        if livret is None:
            raise Http404("Partie inconnue")
        code = livret.target_section
        situation = Situation(pk=anchor.situation, livret_id=livret.pk, section_code=code)
    elif anchor is not None and anchor.section:
        situation, code = None, anchor.section
        livret = statements.section_target(
            user_id=user.pk, livret_id=pk, section=code, field=anchor.field
        )
        if livret is None:
            raise Http404("Partie inconnue")
    else:
        raise Http404("Partie inconnue")
    # The referential's typed view is cached per process: its 50 kB of JSON is read only
    # by the first save a process serves (the deferred field, loaded on demand).
    livret.referential_version = ReferentialVersion.from_db(
        "default", ["id", "content_hash"], [livret.referential_version_id, livret.referential_hash]
    )
    section = section_by_code(livret.referential_version.referential, code)
    if section is None:
        raise Http404("Partie inconnue")
    return SaveTarget(
        livret, section, situation, livret.target_answer, _ordered_ids(livret.target_siblings)
    )


def section_state_after_save(target: SaveTarget) -> SectionState:
    """The saved section's new state: its answers in one query, its situations known."""
    answers = statements.section_answers(livret_id=target.livret.pk, section=target.section.code)
    situations = [
        Situation(pk=i, livret_id=target.livret.pk, section_code=target.section.code)
        for i in target.situation_ids
    ]
    ref = target.livret.referential_version.referential
    content = content_of(answers, situations, exempt=target.livret.exempt_sections)
    return check_section(ref, content, target.section.code)


def part_of(livret: Livret, anchor: Anchor | None) -> tuple[str, Situation | None]:
    """The section code and situation an anchor names in this livret; else a 404."""
    if anchor is not None and anchor.situation:
        situation = livret.situations.filter(pk=anchor.situation).first()
        if situation:
            return situation.section_code, situation
    elif anchor is not None and section_by_code(
        livret.referential_version.referential, anchor.section
    ):
        return anchor.section, None
    raise Http404("Partie inconnue")


def situation_for(user, livret_pk: int, pk: int) -> Situation:
    return get_object_or_404(
        Situation.objects.select_related("livret__referential_version"),
        pk=pk,
        livret_id=livret_pk,
        livret__owner=user,
    )


def revision_for(user, livret_pk: int, pk: int) -> Revision:
    return get_object_or_404(
        Revision.objects.select_related("answer__situation", "answer__livret"),
        pk=pk,
        answer__livret_id=livret_pk,
        answer__livret__owner=user,
    )


def document_for(user, livret_pk: int, pk: int) -> Document:
    return get_object_or_404(
        Document.objects.select_related("livret"), pk=pk, livret_id=livret_pk, livret__owner=user
    )


def identity_answer(livret: Livret, key: str) -> str:
    """One field of the livret's identity section ("" when never written)."""
    identity = section_of_kind(livret.referential_version.referential, SectionKind.IDENTITY)
    if identity is None:
        return ""
    found = livret.answers.filter(situation=None, section_code=identity.code, field_key=key)
    return found.values_list("text", flat=True).first() or ""


def identity_name(livret: Livret) -> str:
    """« Prénom Nom » as the livret's identity section gives it; the account's name without."""
    first, last = identity_answer(livret, "prenom").strip(), identity_answer(livret, "nom").strip()
    name = " ".join(p for p in (first, last) if p)
    return name or display_name(livret.owner)


def livret_data(livret: Livret) -> tuple[list[Answer], list[Situation], list[Document]]:
    """Everything the editor shows, in three queries whatever the number of situations."""
    answers = list(livret.answers.all())
    situations = list(livret.situations.all())
    documents = list(livret.documents.all())
    return answers, situations, documents


def content_of(answers: list[Answer], situations: list[Situation], *, exempt=()) -> LivretContent:
    fields: dict[int, dict[str, str]] = {s.pk: {} for s in situations}
    section_answers = {}
    for a in answers:
        if a.situation_id:
            fields.setdefault(a.situation_id, {})[a.field_key] = a.text
        else:
            section_answers[(a.section_code, a.field_key)] = a.text
    return LivretContent(
        answers=section_answers,
        situations=tuple(SituationContent(s.pk, s.section_code, fields[s.pk]) for s in situations),
        exempt=frozenset(exempt),
    )


def section_content(livret: Livret, section: LivretSection) -> LivretContent:
    """One section's answers (its situations' too) and, if it has any, its situations."""
    answers = list(
        livret.answers.filter(section_code=section.code).only(
            "situation_id", "section_code", "field_key", "text"
        )
    )
    situations = (
        list(livret.situations.filter(section_code=section.code))
        if section.kind == SectionKind.SITUATIONS
        else []
    )
    return content_of(answers, situations, exempt=livret.exempt_sections)


def livret_content(livret: Livret) -> LivretContent:
    answers, situations, _ = livret_data(livret)
    return content_of(answers, situations, exempt=livret.exempt_sections)


def answer_history(livret: Livret, *, section: str, key: str, situation=None) -> list[Revision]:
    return list(
        Revision.objects.filter(
            answer__livret=livret,
            answer__section_code=section,
            answer__field_key=key,
            answer__situation=situation,
        ).select_related("answer")
    )


def situation_history(situation: Situation) -> list[Revision]:
    """Every revision of a situation's fields."""
    return list(Revision.objects.filter(answer__situation=situation).select_related("answer"))
