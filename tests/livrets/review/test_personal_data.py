"""The accompaniment in « Mes données », for the candidate and for the accompagnateur: every
stored value exported; once either account is deleted, nothing of that person remains."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
from django.utils import timezone

from livrets.livret2 import services as livret_services
from livrets.review import notifications, services
from livrets.review.models import (
    Comment,
    Invitation,
    NotificationPreference,
    PendingNotification,
    SectionReview,
)
from portal.accounts.services import delete_account
from tests.support.data import make_candidate, version_of
from tests.support.personal_data import assert_erased, assert_exported, exported

pytestmark = pytest.mark.django_db

MODELS = [Invitation, Comment, SectionReview, NotificationPreference, PendingNotification]
INTERNAL = ["token_hash"]


@pytest.fixture
def followed(referentials):
    """Alice's livret followed by Camille: comments both ways, an opinion, notifications for
    both, and each one's preferences."""
    candidate = make_candidate("alice@example.fr")
    coach = make_candidate("camille@example.fr")
    coach.first_name, coach.last_name = "Camille", "Roux"
    coach.save()
    livret = livret_services.start_livret(
        owner=candidate, version=version_of("conseiller-offres-services")
    )
    invitation = services.invite(livret=livret, email=coach.email, organisation="AFPA").invitation
    services.accept(invitation=invitation, user=coach)
    services.invite(livret=livret, email="autre@example.fr", organisation="Mission locale")
    comment = services.add_comment(livret=livret, author=coach, body="Précisez le contexte.")
    services.reply(comment=comment, author=candidate, body="C'est fait, merci.")
    services.resolve(comment=comment, user=coach)
    services.set_section_status(livret=livret, user=coach, section="motivation", status="rework")
    later = timezone.now() + timedelta(minutes=5)
    livret_services.save_answer(
        livret=livret, section="contexte", key="description", text="Une CAF.", base_version=0
    )
    notifications.collect_reviewer_changes(later + timedelta(minutes=5))
    for user, as_candidate in ((candidate, False), (coach, True)):
        preference = services.preference_of(user)
        preference.as_candidate = as_candidate
        preference.save()
    assert PendingNotification.objects.filter(recipient=coach).exists()
    assert PendingNotification.objects.filter(recipient=candidate).exists()
    return {"candidate": candidate, "coach": coach, "livret": livret}


def test_the_candidate_export_holds_the_accompaniment_of_their_livrets(followed):
    candidate = followed["candidate"]
    data, archive = exported(candidate)
    mine = data["accompagnement_de_mes_livrets"]
    assert {i["adresse_invitee"] for i in mine["invitations_envoyees"]} == {
        "camille@example.fr",
        "autre@example.fr",
    }
    assert [c["auteur"] for c in mine["commentaires"]] == ["Camille Roux", "alice@example.fr"]
    assert mine["commentaires"][0]["resolu_par"] == "Camille Roux"
    assert [a["avis"] for a in mine["avis"]] == ["À retravailler"]
    assert data["preferences"]["prevenir_en_tant_que_candidat"] is False
    assert_exported(
        data, Invitation.objects.filter(candidature__owner=candidate), internal=INTERNAL
    )
    assert_exported(data, Comment.objects.filter(livret__owner=candidate))
    assert_exported(data, SectionReview.objects.filter(livret__owner=candidate))
    assert_exported(data, PendingNotification.objects.filter(recipient=candidate))
    assert_exported(data, NotificationPreference.objects.filter(user=candidate))
    assert "L'accompagnement de mes livrets" in html.unescape(archive.read("donnees.html").decode())


def test_the_accompagnateur_export_holds_what_they_did(followed):
    coach = followed["coach"]
    data, _ = exported(coach)
    done = data["accompagnement"]
    assert [i["candidat"] for i in done["invitations_recues"]] == ["alice@example.fr"]
    assert [c["commentaire"] for c in done["commentaires_ecrits"]] == ["Précisez le contexte."]
    assert [a["partie"] for a in done["avis_donnes"]] == ["motivation"]
    assert [n["type"] for n in done["notifications_en_attente"]] == ["Livret modifié"]
    assert_exported(data, Invitation.objects.filter(reviewer=coach), internal=INTERNAL)
    assert_exported(data, Comment.objects.filter(author=coach))
    assert_exported(data, SectionReview.objects.filter(set_by=coach))
    assert_exported(data, PendingNotification.objects.filter(recipient=coach))
    assert_exported(data, NotificationPreference.objects.filter(user=coach))


def _pks(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


def test_deleting_the_accompagnateur_leaves_nothing_of_them(followed):
    coach, candidate = followed["coach"], followed["candidate"]
    kept = {
        Invitation: _pks(Invitation.objects.filter(reviewer=coach)),
        Comment: _pks(Comment.objects.filter(author=coach)),
        PendingNotification: _pks(PendingNotification.objects.filter(recipient=coach)),
        NotificationPreference: _pks(NotificationPreference.objects.filter(user=coach)),
    }
    pk = coach.pk
    delete_account(user=coach)
    assert_erased(pk, MODELS, kept)
    assert not Invitation.objects.filter(email="camille@example.fr").exists()
    # The candidate keeps their other invitation and their notifications (their reply went
    # with the accompagnateur's thread).
    assert Invitation.objects.filter(email="autre@example.fr").exists()
    assert PendingNotification.objects.filter(recipient=candidate).exists()


def test_deleting_the_candidate_leaves_nothing_of_them(followed):
    candidate, coach = followed["candidate"], followed["coach"]
    kept = {
        Invitation: _pks(Invitation.objects.filter(candidature__owner=candidate)),
        Comment: _pks(Comment.objects.filter(livret__owner=candidate)),
        SectionReview: _pks(SectionReview.objects.filter(livret__owner=candidate)),
        PendingNotification: _pks(PendingNotification.objects.filter(livret__owner=candidate)),
        NotificationPreference: _pks(NotificationPreference.objects.filter(user=candidate)),
    }
    pk = candidate.pk
    delete_account(user=candidate)
    assert_erased(pk, MODELS, kept)
    assert NotificationPreference.objects.filter(user=coach).exists()
