"""Reads of the review: threads by anchor, section reviews, the reviewer's dashboard.

The ``readable_*`` functions let an invited reviewer read (never write): every version
of a livret whose candidate invited them, while the access is not revoked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import truncatechars

from livrets.candidatures import access
from livrets.candidatures.opinions import Opinion
from livrets.livret2.anchors import Anchor
from livrets.livret2.completeness import LivretContent, SituationContent, check
from livrets.livret2.models import Document, Livret
from livrets.livret2.selectors import content_of, part_of
from livrets.livret2.structure import (
    SITUATION_FIELDS_BY_KEY,
    section_by_code,
    section_field,
    section_name,
)
from livrets.review import rules
from livrets.review.models import Comment, Invitation, SectionReview
from portal.people import display_name


def readable_livrets(user) -> QuerySet[Livret]:
    """The user's own livrets and every version of those they follow as reviewer."""
    return Livret.objects.filter(access.readable_filter(user)).select_related(
        "referential_version", "cqp", "owner", "candidature"
    )


def readable_livret(user, pk: int) -> Livret:
    return get_object_or_404(readable_livrets(user), pk=pk)


def readable_document(user, livret_pk: int, pk: int) -> Document:
    livret = readable_livret(user, livret_pk)
    return get_object_or_404(Document.objects.select_related("livret"), pk=pk, livret=livret)


def thread_dom_id(part: str, key: str) -> str:
    """The HTML id of the threads about an anchor (``fil-...``)."""
    anchor = Anchor.parse(part, key) or Anchor()
    if not anchor.part:
        return "fil-livret"
    if key:
        return "fil-" + anchor.dom_id
    return ("fil-" + anchor.part.replace(":", "-")).replace(".", "-")


def _field_label(ref, section, field: str, *, situation: bool) -> str:
    """A field's label as the editor shows it, shortened; "" for an unknown field."""
    spec = SITUATION_FIELDS_BY_KEY.get(field) if situation else section_field(ref, section, field)
    return truncatechars(spec.label, 60) if spec else ""


def anchor_label(livret: Livret, *, section: str, field: str, situation: bool) -> str:
    """Where a comment is, in the editor's words: « Compétence 1 – Exemples »."""
    ref = livret.referential_version.referential
    sec = section_by_code(ref, section)
    if sec is None:
        return section
    if not field:
        return section_name(ref, sec)
    label = _field_label(ref, sec, field, situation=situation) or field
    return f"{section_name(ref, sec)} – {label}"


def thread_label(livret: Livret, *, part: str, field: str) -> str:
    """What « Commenter … » names for a thread, as the pages name it: the field's label, or
    the whole situation, part or livret."""
    anchor = Anchor.parse(part, field)
    if anchor is None:
        return ""
    if not part:
        return "l'ensemble du livret"
    if not field:
        return "toute la situation" if anchor.situation else "toute la partie"
    try:
        section, situation = part_of(livret, anchor)
    except Http404:
        return ""
    ref = livret.referential_version.referential
    return _field_label(ref, section_by_code(ref, section), field, situation=situation is not None)


@dataclass
class ThreadView:
    comment: Comment
    replies: list[Comment]
    current_text: str

    @property
    def changed(self) -> bool:
        return bool(self.comment.field_key or self.comment.section_code) and rules.text_changed(
            self.comment.anchored_text, self.current_text
        )


@dataclass
class AnchorThreads:
    part: str
    field: str
    open: list[ThreadView] = field(default_factory=list)
    resolved: list[ThreadView] = field(default_factory=list)

    @property
    def key(self) -> str:
        return (Anchor.parse(self.part, self.field) or Anchor()).name

    @property
    def dom_id(self) -> str:
        return thread_dom_id(self.part, self.field)

    @property
    def all(self) -> list[ThreadView]:
        return self.open + self.resolved

    @property
    def place(self) -> dict:
        """Where the thread's comments are, as ``anchor_label`` takes it."""
        first = self.all[0].comment
        return {
            "section": first.section_code,
            "field": self.field,
            "situation": first.situation_id is not None,
        }


@dataclass
class ReviewContext:
    livret: Livret
    can_comment: bool
    # In the candidate's editor the threads sit inside the editor's form: their forms are
    # rendered apart (at the end of the page) and the controls point to them by id.
    detached: bool
    threads: dict[str, AnchorThreads]
    statuses: dict[str, SectionReview]
    # Where the no-JavaScript forms come back to.
    next: str = ""

    def thread(self, key: str) -> AnchorThreads:
        anchor = Anchor.parse_name(key) or Anchor()
        return self.threads.get(key) or AnchorThreads(anchor.part, anchor.field)

    @property
    def open_count(self) -> int:
        return sum(len(t.open) for t in self.threads.values())


def statuses_of(livret: Livret) -> dict[str, SectionReview]:
    return {r.section_code: r for r in SectionReview.objects.filter(livret=livret)}


def _threads(comments: list[Comment], content: LivretContent) -> dict[str, AnchorThreads]:
    replies: dict[int, list[Comment]] = {}
    for c in comments:
        if c.parent_id:
            replies.setdefault(c.parent_id, []).append(c)
    threads: dict[str, AnchorThreads] = {}
    for c in comments:
        if c.parent_id:
            continue
        anchor = threads.setdefault(c.thread_key, AnchorThreads(c.part, c.field_key))
        current = rules.anchored_text(
            content, section=c.section_code, situation_id=c.situation_id, key=c.field_key
        )
        view = ThreadView(c, replies.get(c.pk, []), current)
        (anchor.open if c.is_open else anchor.resolved).append(view)
    return threads


def _comments(livret: Livret, **filters) -> list[Comment]:
    return list(
        Comment.objects.filter(livret=livret, **filters).select_related("author", "resolved_by")
    )


def content_of_section_view(view) -> LivretContent:
    """The section's current texts from the editor's already built view (no query)."""
    return LivretContent(
        answers={(view.code, f.spec.key): f.text for f in view.fields},
        situations=tuple(
            SituationContent(
                s.situation.pk, view.code, {f.spec.key: f.text for f in s.fields if f.text}
            )
            for s in view.situations
        ),
    )


def review_of_section(
    *, livret: Livret, user, view, detached: bool, statuses=None, next: str = ""
) -> ReviewContext:
    """Threads anchored in one section (its fields, situations and itself): one query."""
    comments = _comments(livret, section_code=view.code)
    return ReviewContext(
        livret,
        livret.owner_id != user.pk,
        detached,
        _threads(comments, content_of_section_view(view)),
        statuses if statuses is not None else {},
        next,
    )


def review_of_livret(
    *, livret: Livret, user, detached: bool = False, next: str = ""
) -> ReviewContext:
    """Every thread of the livret, with its current texts and section reviews."""
    answers, situations = list(livret.answers.all()), list(livret.situations.all())
    return ReviewContext(
        livret,
        livret.owner_id != user.pk,
        detached,
        _threads(_comments(livret), content_of(answers, situations)),
        statuses_of(livret),
        next,
    )


def comment_for(user, livret_pk: int, pk: int) -> Comment:
    livret = readable_livret(user, livret_pk)
    return get_object_or_404(
        Comment.objects.select_related("livret__referential_version", "livret__owner"),
        pk=pk,
        livret=livret,
    )


def invitation_for_owner(user, livret_pk: int, pk: int) -> Invitation:
    return get_object_or_404(
        Invitation.objects.select_related("livret"),
        pk=pk,
        livret_id=livret_pk,
        livret__owner=user,
    )


def invitations_of(livret: Livret) -> list[Invitation]:
    """Every invitation of the livret's candidature (the access is the candidature's)."""
    return list(
        Invitation.objects.filter(candidature_id=livret.candidature_id).select_related("reviewer")
    )


def versions_of(livret: Livret) -> QuerySet[Livret]:
    return Livret.objects.filter(owner_id=livret.owner_id, cqp_id=livret.cqp_id).order_by("number")


@dataclass(frozen=True)
class DashboardRow:
    livret: Livret
    candidate: str
    organisation: str
    percent: int
    done: int
    sections: int
    open_comments: int
    rework: int
    due_on: date | None
    updated_at: datetime
    attention: rules.Attention


def _followed_livrets(user) -> list[Livret]:
    """Every version of the livrets the user follows, with their counts, in version order."""
    return list(
        Livret.objects.filter(candidature__in=access.followed(user).values("pk"))
        .select_related("owner", "referential_version", "candidature")
        .annotate(
            open_comments=Count(
                "comments",
                filter=Q(comments__parent__isnull=True, comments__resolved_at__isnull=True),
                distinct=True,
            ),
            rework=Count(
                "section_reviews",
                filter=Q(section_reviews__status=Opinion.REWORK),
                distinct=True,
            ),
        )
        .prefetch_related("answers", "situations")
        .order_by("owner_id", "cqp_id", "number")
    )


def _dashboard_row(livret: Livret, *, seen: datetime, organisation: str) -> DashboardRow:
    ref = livret.referential_version.referential
    content = content_of(
        list(livret.answers.all()), list(livret.situations.all()), exempt=livret.exempt_sections
    )
    report = check(ref, content)
    due_on = rules.livret_due_on(
        jury_on=livret.candidature.jury_on,
        months_before_jury=ref.delays.livret_due_months_before_jury,
    )
    unread = rules.unread_since(
        seen,
        updated_at=livret.updated_at,
        finalised_at=livret.finalised_at if livret.is_finalised else None,
    )
    owner = livret.owner
    return DashboardRow(
        livret=livret,
        candidate=display_name(owner),
        organisation=organisation,
        percent=report.percent,
        done=report.done_count,
        sections=len(report.sections),
        open_comments=livret.open_comments,
        rework=livret.rework,
        due_on=due_on,
        updated_at=livret.updated_at,
        attention=rules.Attention(
            finalised_unread=unread.finalised,
            changed_unread=unread.changed,
            open_comments=livret.open_comments,
            due_on=due_on,
            updated_at=livret.updated_at,
        ),
    )


def dashboard(user) -> list[DashboardRow]:
    """The latest version of each livret the user follows, what needs attention first.

    A fixed number of queries whatever the number of candidates.
    """
    invitations = list(Invitation.objects.active().filter(reviewer=user).select_related("livret"))
    seen: dict[tuple[int, int], datetime] = {}
    organisations: dict[tuple[int, int], str] = {}
    for i in invitations:
        pair = (i.livret.owner_id, i.livret.cqp_id)
        seen[pair] = max(t for t in (i.accepted_at, i.last_reviewed_at) if t)
        organisations[pair] = i.organisation
    if not invitations:
        return []
    latest: dict[tuple[int, int], Livret] = {}
    for livret in _followed_livrets(user):
        latest[(livret.owner_id, livret.cqp_id)] = livret
    rows = [
        _dashboard_row(livret, seen=seen[pair], organisation=organisations[pair])
        for pair, livret in latest.items()
    ]
    rows.sort(key=lambda r: rules.attention_key(r.attention))
    return rows
