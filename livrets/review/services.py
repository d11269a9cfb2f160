"""Writes of the review: invitations, access, comments, section reviews. Views call these."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from livrets.candidatures import access
from livrets.candidatures.opinions import Opinion
from livrets.livret2 import selectors as livret_selectors
from livrets.livret2.anchors import Anchor
from livrets.livret2.models import Livret, Situation
from livrets.livret2.structure import SITUATION_FIELDS_BY_KEY, section_by_code, section_field
from livrets.review import notifications, rules
from livrets.review.models import Comment, Invitation, NotificationPreference, SectionReview
from portal import french
from portal.tasks import send_email

MAX_COMMENT_CHARS = 5000


class ReviewError(Exception):
    """A write the rules refuse; the message is shown as is."""


@dataclass(frozen=True)
class NewInvitation:
    invitation: Invitation
    token: str


def invite(*, livret: Livret, email: str, organisation: str = "", now=None) -> NewInvitation:
    now = now or timezone.now()
    email = email.strip().lower()
    if email == (livret.owner.email or "").lower():
        raise ReviewError("Invitez votre accompagnateur, pas vous-même.")
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        candidature_id=livret.candidature_id,
        livret=livret,
        email=email,
        organisation=organisation.strip()[:200],
        token_hash=rules.hash_token(token),
        created_at=now,
        expires_at=now + timedelta(days=rules.INVITATION_DAYS),
    )
    return NewInvitation(invitation, token)


def send_invitation(*, new: NewInvitation, candidate: str, link: str) -> None:
    """The invitation email, through the task queue; ``link`` is the absolute acceptance URL."""
    invitation = new.invitation
    send_email.enqueue(
        subject="[Portail CQP-VAE] Invitation à suivre un livret 2",
        body=render_to_string(
            "review/email/invitation.txt",
            {
                "candidate": candidate,
                "livret": invitation.livret,
                "organisation": invitation.organisation,
                "email": invitation.email,
                "link": link,
                "expires_at": invitation.expires_at,
            },
        ),
        to=[invitation.email],
    )


def find_invitation(token: str) -> Invitation | None:
    """The invitation of a token, compared in constant time against the stored hash."""
    if not token or len(token) > 100:
        return None
    invitation = (
        Invitation.objects.select_related(
            "livret__owner", "livret__referential_version", "candidature"
        )
        .filter(token_hash=rules.hash_token(token))
        .first()
    )
    if invitation is None or not rules.token_matches(token, invitation.token_hash):
        return None
    return invitation


def state_of(invitation: Invitation, now=None) -> str:
    return rules.invitation_state(
        accepted_at=invitation.accepted_at,
        revoked_at=invitation.revoked_at,
        expires_at=invitation.expires_at,
        now=now or timezone.now(),
    )


def is_invited(invitation: Invitation, user) -> bool:
    """The signed-in account is the invited address (verified: login requires it)."""
    return (user.email or "").strip().lower() == invitation.email


def accept(*, invitation: Invitation, user, now=None) -> Invitation:
    """Single use: only a pending, unexpired invitation is accepted, once, by the account of
    the invited address, so that a forwarded or intercepted link opens nothing."""
    now = now or timezone.now()
    if invitation.livret.owner_id == user.pk:
        raise ReviewError("Vous ne pouvez pas accepter une invitation à votre propre livret.")
    if not is_invited(invitation, user):
        raise ReviewError("Cette invitation a été envoyée à une autre adresse électronique.")
    if not rules.can_accept(state_of(invitation, now)):
        raise ReviewError("Cette invitation n'est plus valable.")
    with transaction.atomic():
        # Revoke any earlier access of the same person to the candidature, then accept once.
        Invitation.objects.active().filter(
            candidature_id=invitation.candidature_id, reviewer=user
        ).update(revoked_at=now)
        accepted = Invitation.objects.filter(
            pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(accepted_at=now, reviewer=user)
    if not accepted:
        raise ReviewError("Cette invitation n'est plus valable.")
    invitation.refresh_from_db()
    return invitation


def revoke(*, invitation: Invitation, now=None) -> None:
    """End the person's access to the candidature: every invitation of that address (pending
    ones too, so that an older link cannot be accepted) and every access of that account."""
    person = Q(email=invitation.email)
    if invitation.reviewer_id:
        person |= Q(reviewer_id=invitation.reviewer_id)
    Invitation.objects.filter(
        person, candidature_id=invitation.candidature_id, revoked_at__isnull=True
    ).update(revoked_at=now or timezone.now())


def is_reviewer(user, livret: Livret) -> bool:
    return access.role_of(user, livret.candidature) == access.Role.ACCOMPAGNATEUR


def mark_reviewed(*, user, livret: Livret, now=None) -> None:
    """The reviewer has read the livret: changes before now are no news to them."""
    if livret.owner_id == user.pk:
        return
    Invitation.objects.active().filter(reviewer=user, candidature_id=livret.candidature_id).update(
        last_reviewed_at=now or timezone.now()
    )


def parse_anchor(livret: Livret, part: str, key: str) -> tuple[str, Situation | None, str]:
    """(section code, situation, field key) from the editor's names; raise if unknown."""
    ref = livret.referential_version.referential
    anchor = Anchor.parse(part, key)
    situation = None
    if anchor is None:
        raise ReviewError("Cette partie n'existe pas.")
    if anchor.situation:
        situation = livret.situations.filter(pk=anchor.situation).first()
        if situation is None:
            raise ReviewError("Cette situation n'existe pas.")
        section = situation.section_code
    elif not anchor.section:
        section = ""
    elif section_by_code(ref, anchor.section):
        section = anchor.section
    else:
        raise ReviewError("Cette partie n'existe pas.")
    if key:
        if not section:
            raise ReviewError("Ce champ n'existe pas.")
        known = (
            key in SITUATION_FIELDS_BY_KEY
            if situation
            else section_field(ref, section_by_code(ref, section), key) is not None
        )
        if not known:
            raise ReviewError("Ce champ n'existe pas.")
    return section, situation, key


def _clean_body(body: str) -> str:
    body = body.replace("\r\n", "\n").strip()
    if not body:
        raise ReviewError("Écrivez votre commentaire avant de l'envoyer.")
    if len(body) > MAX_COMMENT_CHARS:
        raise ReviewError(
            f"Un commentaire compte au plus {french.count(MAX_COMMENT_CHARS, 'caractère')}."
        )
    return body


def add_comment(
    *, livret: Livret, author, part: str = "", key: str = "", body: str, now=None
) -> Comment:
    """A new thread, by a reviewer, with a snapshot of the text it points at."""
    if not is_reviewer(author, livret):
        raise ReviewError("Seul votre accompagnateur ouvre un commentaire ; répondez-y.")
    body = _clean_body(body)
    section, situation, key = parse_anchor(livret, part, key)
    content = livret_selectors.livret_content(livret)
    comment = Comment.objects.create(
        livret=livret,
        author=author,
        section_code=section,
        situation=situation,
        field_key=key,
        anchored_text=rules.anchored_text(
            content, section=section, situation_id=situation.pk if situation else None, key=key
        ),
        body=body,
        created_at=now or timezone.now(),
    )
    notifications.notify_candidate(
        livret=livret,
        kind=notifications.Kind.COMMENT,
        text="Nouveau commentaire de votre accompagnateur",
        now=now,
    )
    mark_reviewed(user=author, livret=livret, now=now)
    return comment


def reply(*, comment: Comment, author, body: str, now=None) -> Comment:
    root = comment.parent or comment
    body = _clean_body(body)
    answer = Comment.objects.create(
        livret=root.livret,
        author=author,
        parent=root,
        section_code=root.section_code,
        situation=root.situation,
        field_key=root.field_key,
        body=body,
        created_at=now or timezone.now(),
    )
    if is_reviewer(author, root.livret):
        notifications.notify_candidate(
            livret=root.livret,
            kind=notifications.Kind.COMMENT,
            text="Nouvelle réponse de votre accompagnateur",
            now=now,
        )
        mark_reviewed(user=author, livret=root.livret, now=now)
    return answer


def resolve(*, comment: Comment, user, now=None) -> None:
    Comment.objects.filter(pk=(comment.parent_id or comment.pk), resolved_at__isnull=True).update(
        resolved_at=now or timezone.now(), resolved_by=user
    )


def reopen(*, comment: Comment) -> None:
    Comment.objects.filter(pk=(comment.parent_id or comment.pk)).update(
        resolved_at=None, resolved_by=None
    )


def set_section_status(
    *, livret: Livret, user, section: str, status: str, now=None
) -> SectionReview | None:
    """The reviewer's opinion of one section: "à retravailler", "prêt", or none."""
    if not is_reviewer(user, livret):
        raise ReviewError("Seul votre accompagnateur donne un avis sur une partie.")
    if section_by_code(livret.referential_version.referential, section) is None:
        raise ReviewError("Cette partie n'existe pas.")
    if not status:
        SectionReview.objects.filter(livret=livret, section_code=section).delete()
        return None
    if status not in Opinion.values:
        raise ReviewError("Choisissez « À retravailler » ou « Prêt ».")
    now = now or timezone.now()
    review, _ = SectionReview.objects.update_or_create(
        livret=livret,
        section_code=section,
        defaults={"status": status, "set_by": user, "updated_at": now},
    )
    notifications.notify_candidate(
        livret=livret,
        kind=notifications.Kind.STATUS,
        text=f"Avis sur une partie : {review.get_status_display()}",
        now=now,
    )
    mark_reviewed(user=user, livret=livret, now=now)
    return review


def preference_of(user) -> NotificationPreference:
    return NotificationPreference.objects.get_or_create(user=user)[0]
