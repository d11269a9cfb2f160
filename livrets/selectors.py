"""Reads of livrets, always scoped to their owner (another person's livret is a 404).

What an invited accompagnateur may read is the review's (``livrets.review.selectors``).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from home.referentials.domain import LivretSection

from .completeness import LivretContent, SituationContent
from .models import Answer, Document, Livret, Revision, Situation
from .structure import section_by_code


def livrets_of(user) -> QuerySet[Livret]:
    return Livret.objects.filter(owner=user).select_related("referential_version", "cqp")


def livret_for(user, pk: int) -> Livret:
    return get_object_or_404(livrets_of(user), pk=pk)


def save_target(user, pk: int, part: str) -> tuple[Livret, str, Situation | None]:
    """The owner's livret, section code and situation of an autosave's ``part``, in one query.

    ``part`` is ``section:<code>`` or ``situation:<id>``; anything else, or another person's
    livret, is a 404.
    """
    kind, _, ref = part.partition(":")
    if kind == "situation" and ref.isdigit():
        situation = get_object_or_404(
            # The referential's typed view is cached per process: not its 50 kB of JSON.
            Situation.objects.select_related("livret__referential_version").defer(
                "livret__referential_version__data"
            ),
            pk=int(ref),
            livret_id=pk,
            livret__owner=user,
        )
        return situation.livret, situation.section_code, situation
    livret = get_object_or_404(
        Livret.objects.select_related("referential_version").defer("referential_version__data"),
        pk=pk,
        owner=user,
    )
    if kind == "section" and section_by_code(livret.referential_version.referential, ref):
        return livret, ref, None
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


def section_answer(livret: Livret, section: str, key: str) -> str:
    """One section field's current text ("" when never written)."""
    found = livret.answers.filter(situation=None, section_code=section, field_key=key)
    return found.values_list("text", flat=True).first() or ""


def livret_data(livret: Livret) -> tuple[list[Answer], list[Situation], list[Document]]:
    """Everything the editor shows, in three queries whatever the number of situations."""
    answers = list(livret.answers.all())
    situations = list(livret.situations.all())
    documents = list(livret.documents.all())
    return answers, situations, documents


def content_of(answers: list[Answer], situations: list[Situation]) -> LivretContent:
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
        if section.kind == "situations"
        else []
    )
    return content_of(answers, situations)


def livret_content(livret: Livret) -> LivretContent:
    answers, situations, _ = livret_data(livret)
    return content_of(answers, situations)


def answer_history(livret: Livret, *, section: str, key: str, situation=None) -> list[Revision]:
    return list(
        Revision.objects.filter(
            answer__livret=livret,
            answer__section_code=section,
            answer__field_key=key,
            answer__situation=situation,
        ).select_related("answer")
    )
