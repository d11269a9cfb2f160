"""Comments anchored in place: edits, the changed-text notice, resolving, htmx, statuses."""

import pytest
from django.urls import reverse

from livrets.livret2 import services as livret_services
from livrets.review import services
from livrets.review.models import Comment, SectionReview
from tests.support.data import fill_situation

pytestmark = pytest.mark.django_db


@pytest.fixture
def situation(people):
    return fill_situation(people["livret_a"], "activite-1", contexte="Une CAF de 300 agents.")


def comment_on_contexte(people, situation, body="Qui étaient les usagers ?"):
    return services.add_comment(
        livret=people["livret_a"],
        author=people["coach"],
        part=f"situation:{situation.pk}",
        key="contexte",
        body=body,
    )


def test_anchor_survives_edits_and_says_when_the_text_changed(people, situation, as_user):
    comment = comment_on_contexte(people, situation)
    assert comment.anchored_text == "Une CAF de 300 agents."
    editor = reverse("livrets:section", args=[people["livret_a"].pk, "activite-1"])
    candidate = as_user(people["a"])
    page = candidate.get(editor).text
    assert "Qui étaient les usagers ?" in page
    assert "Le texte a changé depuis ce commentaire" not in page
    # The candidate rewrites the field, and adds a situation before it in the list.
    livret_services.save_answer(
        livret=people["livret_a"],
        section="activite-1",
        key="contexte",
        text="Une CAF de 300 agents, accueil de familles.",
        base_version=1,
        situation=situation,
    )
    fill_situation(people["livret_a"], "activite-1")
    page = candidate.get(editor).text
    thread = page[page.index(f'id="fil-champ-s{situation.pk}-contexte"') :]
    assert "Le texte a changé depuis ce commentaire" in thread[:3000]
    assert "Une CAF de 300 agents." in thread[:3000]  # the text as it was, on demand
    coach_page = as_user(people["coach"]).get(
        reverse("review:section", args=[people["livret_a"].pk, "activite-1"])
    )
    assert "Le texte a changé depuis ce commentaire" in coach_page.text


def test_unknown_anchor_is_refused(people, situation):
    with pytest.raises(services.ReviewError):
        services.add_comment(
            livret=people["livret_a"], author=people["coach"], part="section:x", body="?"
        )
    with pytest.raises(services.ReviewError):
        services.add_comment(
            livret=people["livret_a"],
            author=people["coach"],
            part=f"situation:{situation.pk}",
            key="inconnu",
            body="?",
        )
    with pytest.raises(services.ReviewError):  # only the accompagnateur opens a thread
        services.add_comment(livret=people["livret_a"], author=people["a"], body="?")


def test_reply_resolve_and_reopen_with_htmx(people, situation, as_user):
    comment = comment_on_contexte(people, situation)
    livret = people["livret_a"]
    candidate = as_user(people["a"])
    htmx = {"HTTP_HX_REQUEST": "true"}
    reply = candidate.post(
        reverse("review:comment_reply", args=[livret.pk, comment.pk]),
        {"body": "Des familles allocataires.", "detached": "1"},
        **htmx,
    )
    assert reply.status_code == 200
    assert f'id="fil-champ-s{situation.pk}-contexte"' in reply.text
    assert "Des familles allocataires." in reply.text and "Réponse publiée." in reply.text
    toggle = reverse("review:comment_toggle", args=[livret.pk, comment.pk])
    resolved = candidate.post(toggle, {"action": "resolve", "detached": "1"}, **htmx)
    comment.refresh_from_db()
    assert comment.resolved_by == people["a"] and not comment.is_open
    assert "Commentaire résolu (1)" in resolved.text  # still visible, folded
    candidate.post(toggle, {"action": "resolve"}, **htmx)  # repeated: no change
    comment.refresh_from_db()
    assert comment.resolved_by == people["a"]
    reopened = as_user(people["coach"]).post(toggle, {"action": "reopen"})
    assert reopened.status_code == 302  # no JavaScript: back to the page
    comment.refresh_from_db()
    assert comment.is_open


def test_resolved_comments_visible_on_demand(people, situation, as_user):
    comment = comment_on_contexte(people, situation)
    services.resolve(comment=comment, user=people["a"])
    url = reverse("review:livret", args=[people["livret_a"].pk])
    client = as_user(people["a"])
    assert "Qui étaient les usagers ?" not in client.get(url).text
    assert "Qui étaient les usagers ?" in client.get(url, {"resolus": "1"}).text


def test_no_js_comment_comes_back_to_its_place(people, situation, as_user):
    livret = people["livret_a"]
    page = reverse("review:section", args=[livret.pk, "activite-1"])
    response = as_user(people["coach"]).post(
        reverse("review:comment_add", args=[livret.pk]),
        {"part": f"situation:{situation.pk}", "field": "titre", "body": "Un titre ?", "next": page},
    )
    comment = Comment.objects.get(body="Un titre ?")
    assert response["Location"] == f"{page}#commentaire-{comment.pk}"
    evil = as_user(people["coach"]).post(
        reverse("review:comment_add", args=[livret.pk]),
        {"body": "Sur tout le livret.", "next": "https://ailleurs.example/"},
    )
    assert evil["Location"] == reverse("review:livret", args=[livret.pk]) + "#commentaire-" + str(
        Comment.objects.get(body="Sur tout le livret.").pk
    )


def test_section_status_beside_the_completeness_state(people, as_user):
    livret = people["livret_a"]
    url = reverse("review:section_status", args=[livret.pk, "motivation"])
    as_user(people["a"]).post(url, {"status": "ready"})  # the candidate cannot set it
    assert not SectionReview.objects.exists()
    as_user(people["coach"]).post(url, {"status": "rework"})
    assert SectionReview.objects.get().status == "rework"
    menu = as_user(people["a"]).get(reverse("livrets:detail", args=[livret.pk])).text
    assert "Avis : À retravailler" in menu
    as_user(people["coach"]).post(url, {"status": ""})
    assert not SectionReview.objects.exists()


def test_the_accompagnateur_reads_a_field_history_without_restoring(people, situation, as_user):
    livret_services.save_answer(
        livret=people["livret_a"],
        section="activite-1",
        key="contexte",
        text="Une CAF de 300 agents, accueil de familles.",
        base_version=1,
        situation=situation,
    )
    query = {"part": f"situation:{situation.pk}", "field": "contexte"}
    url = reverse("review:history", args=[people["livret_a"].pk])
    coach_page = as_user(people["coach"]).get(url, query).text
    assert "Une CAF de 300 agents." in coach_page and "Version 2" in coach_page
    assert "Rétablir ce texte" not in coach_page
    own = reverse("livrets:history", args=[people["livret_a"].pk])
    assert "Rétablir ce texte" in as_user(people["a"]).get(own, query).text


def test_the_accompagnateur_reads_the_candidates_texts(people, situation, as_user):
    """The review pages show what the candidate wrote (read-only), not only the labels."""
    livret = people["livret_a"]
    livret_services.save_answer(
        livret=livret, section="motivation", key="raisons", text="Évoluer.", base_version=0
    )
    coach = as_user(people["coach"])
    page = coach.get(reverse("review:section", args=[livret.pk, "activite-1"])).text
    assert '<div class="readonly-text">Une CAF de 300 agents.</div>' in page
    assert "data-autosave" not in page  # nothing of the candidate's is editable here
    page = coach.get(reverse("review:section", args=[livret.pk, "motivation"])).text
    assert '<div class="readonly-text">Évoluer.</div>' in page


def test_comments_are_placed_in_the_editors_words(people, situation, as_user):
    """The list of comments names the part and the field as the pages do, never their
    internal keys; the form that comes back after posting names its field."""
    livret = people["livret_a"]
    coach = as_user(people["coach"])
    posted = coach.post(
        reverse("review:comment_add", args=[livret.pk]),
        {"part": f"situation:{situation.pk}", "field": "contexte", "body": "Qui ?"},
        HTTP_HX_REQUEST="true",
    )
    assert posted.status_code == 200
    assert "Commenter « La situation »" in posted.text
    overview = as_user(people["a"]).get(reverse("review:livret", args=[livret.pk])).text
    where = overview[overview.index('class="review-where"') :][:400]
    assert "Activité I – La situation</a>" in where
    assert ">activite-1" not in where
