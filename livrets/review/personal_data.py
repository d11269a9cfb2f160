"""What the accompaniment holds of a person. As a candidate: the invitations they sent, the
comments and opinions on their livrets. As an accompagnateur: the invitations they accepted,
the comments and opinions they wrote on others' livrets, the notifications waiting for them.
And their notification preferences."""

from __future__ import annotations

from django.urls import reverse

from livrets.review.models import (
    Comment,
    Invitation,
    NotificationPreference,
    PendingNotification,
    SectionReview,
)
from portal.accounts.personal_data import iso, person
from portal.accounts.registry import PersonalData, Section, register


def _comment(c: Comment) -> dict:
    return {
        "id": c.pk,
        "livret": c.livret_id,
        "auteur": person(c.author),
        "en_reponse_a": c.parent_id,
        "partie": c.section_code,
        "situation": c.situation_id,
        "champ": c.field_key,
        "texte_commente": c.anchored_text,
        "commentaire": c.body,
        "le": iso(c.created_at),
        "resolu_le": iso(c.resolved_at),
        "resolu_par": person(c.resolved_by),
    }


def _review(r: SectionReview) -> dict:
    return {
        "livret": r.livret_id,
        "partie": r.section_code,
        "avis": r.get_status_display(),
        "par": person(r.set_by),
        "le": iso(r.updated_at),
    }


def _invitation(i: Invitation, *, sent: bool) -> dict:
    data = {
        "livret": i.livret_id,
        "candidature": str(i.candidature.public_id),
        "organisme": i.organisation,
        "envoyee_le": iso(i.created_at),
        "expire_le": iso(i.expires_at),
        "acceptee_le": iso(i.accepted_at),
        "retiree_le": iso(i.revoked_at),
        "derniere_lecture": iso(i.last_reviewed_at),
        "dernier_avis_de_modification": iso(i.change_notified_at),
    }
    if sent:
        data["adresse_invitee"] = i.email
        data["accompagnateur"] = person(i.reviewer)
    else:
        data["adresse_invitee"] = i.email
        data["candidat"] = person(i.candidature.owner)
    return data


def _preferences(user) -> dict:
    preference = NotificationPreference.objects.filter(user=user).first()
    return {
        "prevenir_en_tant_que_candidat": preference.as_candidate if preference else True,
        "prevenir_en_tant_qu_accompagnateur": preference.as_reviewer if preference else True,
    }


def _as_candidate(user) -> dict:
    """The accompaniment of the person's own livrets: invitations sent, comments, opinions."""
    sent = Invitation.objects.filter(candidature__owner=user).select_related(
        "reviewer", "candidature"
    )
    received = Comment.objects.filter(livret__owner=user).select_related("author", "resolved_by")
    reviews = SectionReview.objects.filter(livret__owner=user).select_related("set_by")
    return {
        "invitations_envoyees": [_invitation(i, sent=True) for i in sent.order_by("pk")],
        "commentaires": [_comment(c) for c in received.order_by("pk")],
        "avis": [_review(r) for r in reviews.order_by("pk")],
    }


def _as_reviewer(user) -> dict:
    """What the person did as an accompagnateur of others."""
    followed = (
        Invitation.objects.filter(reviewer=user)
        .exclude(candidature__owner=user)
        .select_related("candidature__owner")
    )
    written = (
        Comment.objects.filter(author=user)
        .exclude(livret__owner=user)
        .select_related("author", "resolved_by")
    )
    given = SectionReview.objects.filter(set_by=user).exclude(livret__owner=user)
    waiting = PendingNotification.objects.filter(recipient=user)
    return {
        "invitations_recues": [_invitation(i, sent=False) for i in followed.order_by("pk")],
        "commentaires_ecrits": [_comment(c) for c in written.order_by("pk")],
        "avis_donnes": [_review(r) for r in given.select_related("set_by").order_by("pk")],
        "notifications_en_attente": [
            {
                "livret": n.livret_id,
                "type": n.get_kind_display(),
                "texte": n.text,
                "le": iso(n.created_at),
                "envoyee_le": iso(n.sent_at),
            }
            for n in waiting.order_by("pk")
        ],
    }


class Review(PersonalData):
    label = "review"
    held = (
        "L’accompagnement : les invitations que vous envoyez ou recevez, les "
        "commentaires et relectures."
    )
    purpose = (
        "Permettre à la personne que vous choisissez de relire votre livret et de le commenter."
    )
    readers = "Vous et l’accompagnateur invité, tant que vous ne lui retirez pas l’accès."
    order = 40
    models = (
        "review.Invitation",
        "review.Comment",
        "review.SectionReview",
        "review.NotificationPreference",
        "review.PendingNotification",
    )

    def sections(self, user) -> list[Section]:
        return [
            Section("preferences", "Mes préférences de notification", _preferences(user)),
            Section(
                "accompagnement_de_mes_livrets",
                "L'accompagnement de mes livrets",
                _as_candidate(user),
            ),
            Section(
                "accompagnement",
                "Ce que j'ai fait en tant qu'accompagnateur",
                _as_reviewer(user),
            ),
        ]

    def login_redirect(self, user) -> str | None:
        """An accompagnateur with no livret of their own lands on the livrets they follow."""
        from livrets.livret2.models import Livret

        if Livret.objects.filter(owner=user).exists():
            return None
        if Invitation.objects.active().filter(reviewer=user).exists():
            return reverse("review:dashboard")
        return None


register(Review())
