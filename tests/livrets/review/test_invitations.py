"""Invitations: accepted, expired, reused, revoked; access ends at once on revocation."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from livrets.livret2.models import Answer
from livrets.review import services
from livrets.review.models import Invitation
from tests.support.data import make_candidate

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(people):
    return make_candidate("nouvelle-coach@example.fr")


def invite_by_form(as_user, people) -> str:
    client = as_user(people["a"])
    response = client.post(
        reverse("review:access", args=[people["livret_a"].pk]),
        {"email": "Nouvelle-Coach@example.fr", "organisation": "Mission locale"},
        follow=True,
    )
    assert "Invitation envoyée à nouvelle-coach@example.fr" in response.text
    body = mail.outbox[-1].body
    return re.search(r"https?://[^/]+(/accompagnement/invitation/\S+/)", body).group(1)


def test_accepted_invitation_gives_read_access_to_that_livret_alone(people, newcomer, as_user):
    link = invite_by_form(as_user, people)
    token = link.rstrip("/").rsplit("/", 1)[1]
    invitation = Invitation.objects.get(email="nouvelle-coach@example.fr")
    assert invitation.token_hash != token and len(invitation.token_hash) == 64
    client = as_user(newcomer)
    livret = people["livret_a"]
    assert client.get(reverse("review:livret", args=[livret.pk])).status_code == 404
    assert "Accepter l'invitation" in client.get(link).text
    response = client.post(link)
    assert response["Location"] == reverse("review:livret", args=[livret.pk])
    assert client.get(reverse("review:livret", args=[livret.pk])).status_code == 200
    assert client.get(reverse("review:livret", args=[people["livret_b"].pk])).status_code == 404
    # Reading never writes: the candidate's editor and autosave stay closed to them.
    assert client.get(reverse("livrets:section", args=[livret.pk, "motivation"])).status_code == 404
    save = client.post(
        reverse("livrets:autosave", args=[livret.pk]),
        {"part": "section:motivation", "field": "raisons", "text": "x", "base_version": 0},
    )
    assert save.status_code == 404 and not Answer.objects.filter(text="x").exists()
    # The candidate sees who has access.
    page = as_user(people["a"]).get(reverse("review:access", args=[livret.pk])).text
    assert "nouvelle-coach@example.fr" in page and "Accès actif" in page


def test_reused_link_is_refused_to_anyone_else(people, newcomer, as_user):
    link = invite_by_form(as_user, people)
    as_user(newcomer).post(link)
    # The one who accepted is taken to the livret; anybody else is told it is used.
    assert as_user(newcomer).get(link).status_code == 302
    intruder = as_user(people["b"])
    assert intruder.get(link).status_code == 410
    assert intruder.post(link).status_code == 410
    assert Invitation.objects.get(email="nouvelle-coach@example.fr").reviewer == newcomer


def test_expired_invitation(people, newcomer, as_user):
    link = invite_by_form(as_user, people)
    Invitation.objects.filter(email="nouvelle-coach@example.fr").update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    client = as_user(newcomer)
    assert client.post(link).status_code == 410
    assert client.get(reverse("review:livret", args=[people["livret_a"].pk])).status_code == 404


def test_revoked_pending_invitation_cannot_be_accepted(people, newcomer, as_user):
    link = invite_by_form(as_user, people)
    invitation = Invitation.objects.get(email="nouvelle-coach@example.fr")
    as_user(people["a"]).post(reverse("review:revoke", args=[people["livret_a"].pk, invitation.pk]))
    assert as_user(newcomer).post(link).status_code == 410


def test_revocation_takes_effect_at_once(people, as_user):
    livret, coach = people["livret_a"], as_user(people["coach"])
    url = reverse("review:livret", args=[livret.pk])
    assert coach.get(url).status_code == 200
    revoke = reverse("review:revoke", args=[livret.pk, people["invitation"].pk])
    assert as_user(people["coach"]).post(revoke).status_code == 404  # not theirs to revoke
    as_user(people["a"]).post(revoke)
    assert coach.get(url).status_code == 404  # the same session, the very next request
    assert coach.get(reverse("review:dashboard")).context["rows"] == []


def test_access_follows_every_version_of_the_livret(people, as_user):
    from tests.support.data import complete_cos

    livret = people["livret_a"]
    complete_cos(livret)
    from livrets.livret2 import services as livret_services

    livret_services.finalise(livret=livret, sworn_name="Alice", sworn_on=timezone.localdate())
    new = livret_services.reopen(livret=livret)
    coach = as_user(people["coach"])
    assert coach.get(reverse("review:livret", args=[new.pk])).status_code == 200
    assert "Version 1" in coach.get(reverse("review:livret", args=[new.pk])).text


def test_a_candidate_cannot_accept_their_own_invitation(people, as_user):
    new = services.invite(livret=people["livret_a"], email="quelquun@example.fr")
    client = as_user(people["a"])
    link = reverse("review:accept", args=[new.token])
    assert "C'est votre propre livret" in client.get(link).text.replace("&#x27;", "'")
    client.post(link)
    new.invitation.refresh_from_db()
    assert new.invitation.accepted_at is None


def test_a_user_is_candidate_in_one_livret_and_accompagnateur_in_another(people, as_user):
    # B follows A's livret while writing their own.
    invitation = services.invite(livret=people["livret_a"], email=people["b"].email).invitation
    services.accept(invitation=invitation, user=people["b"])
    client = as_user(people["b"])
    assert client.get(reverse("review:livret", args=[people["livret_a"].pk])).status_code == 200
    assert client.get(reverse("livrets:detail", args=[people["livret_b"].pk])).status_code == 200
    assert client.get(reverse("livrets:detail", args=[people["livret_a"].pk])).status_code == 404


def test_a_forwarded_link_opens_nothing_for_another_account(people, newcomer, as_user):
    link = invite_by_form(as_user, people)
    intruder = as_user(people["b"])
    page = intruder.get(link)
    assert page.status_code == 200
    text = page.text.replace("&#x27;", "'")
    assert "envoyée à n…@example.fr" in text and "nouvelle-coach@example.fr" not in text
    assert "Accepter l'invitation</button>" not in text
    assert intruder.post(link).status_code == 403
    livret = people["livret_a"]
    assert intruder.get(reverse("review:livret", args=[livret.pk])).status_code == 404
    # The invited account still can, the link being unused.
    response = as_user(newcomer).post(link)
    assert response["Location"] == reverse("review:livret", args=[livret.pk])
    with pytest.raises(services.ReviewError):
        services.accept(
            invitation=services.invite(livret=livret, email="x@example.fr").invitation,
            user=people["b"],
        )


@pytest.mark.parametrize(
    ("email", "shown"),
    [("nouvelle-coach@example.fr", "n…@example.fr"), ("a@b.fr", "a…@b.fr"), ("", "…")],
)
def test_the_invited_address_is_shown_masked(email, shown):
    from livrets.review.rules import masked_email

    assert masked_email(email) == shown


def test_the_request_says_who_reads_it(people, as_user):
    """The recevabilité request names the accompagnateurs who read it (those invited on a
    livret 2 of its CQP), or says nobody else does; the invitation page discloses it."""
    from livrets.recevabilite import services as recevabilite

    a = people["a"]
    rq, _ = recevabilite.start_request(
        owner=a, version=people["livret_a"].referential_version, experiences=[]
    )
    candidate = as_user(a)
    detail = reverse("recevabilite:detail", args=[rq.pk])
    page = candidate.get(detail).text
    assert "coach@example.fr" in page and "lit aussi cette demande" in page
    services.revoke(invitation=people["invitation"])
    page = candidate.get(detail).text
    assert "Personne d’autre que vous ne lit cette demande." in page
    assert "coach@example.fr" not in page
    access = candidate.get(reverse("review:access", args=[people["livret_a"].pk])).text
    assert "Il lit aussi votre demande de recevabilité pour ce CQP" in access


def test_an_older_invitation_to_a_removed_accompagnateur_opens_nothing(people, newcomer, as_user):
    """Two invitations to the same address, the later accepted then revoked: the earlier one,
    still within its 14 days, restores neither the livret, nor the request, nor the proofs."""
    from livrets.recevabilite import services as recevabilite

    rq, _ = recevabilite.start_request(
        owner=people["a"], version=people["livret_a"].referential_version, experiences=[]
    )
    older = invite_by_form(as_user, people)
    newer = invite_by_form(as_user, people)
    coach = as_user(newcomer)
    coach.post(newer)
    livret_url = reverse("review:livret", args=[people["livret_a"].pk])
    request_url = reverse("recevabilite:reading", args=[rq.pk])
    assert coach.get(livret_url).status_code == 200
    assert coach.get(request_url).status_code == 200
    accepted = Invitation.objects.get(email="nouvelle-coach@example.fr", reviewer=newcomer)
    as_user(people["a"]).post(reverse("review:revoke", args=[people["livret_a"].pk, accepted.pk]))
    assert coach.post(older).status_code == 410
    assert coach.get(livret_url).status_code == 404
    assert coach.get(request_url).status_code == 404
    assert not Invitation.objects.active().filter(reviewer=newcomer).exists()
