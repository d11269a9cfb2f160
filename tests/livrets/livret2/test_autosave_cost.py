"""What one autosave costs and answers: a fixed number of queries, only the regions it changes,
and a session kept alive without a write on every keystroke's save."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from livrets.livret2 import parts, services
from livrets.livret2.anchors import Anchor
from livrets.livret2.models import Answer, Livret, Revision, Situation
from tests.support.data import fill_situation

pytestmark = pytest.mark.django_db


def autosave(client, livret, part, field, text, base):
    return client.post(
        reverse("livrets:autosave", args=[livret.pk]),
        {"part": part, "field": field, "text": text, "base_version": base},
    )


@pytest.mark.parametrize("situations", [1, 30])
def test_autosave_query_count_does_not_grow_with_the_livret(
    situations, client_of, livret, candidate, django_assert_num_queries
):
    # The editor offers only the number of situations a source asks for; a livret written
    # before that rule may hold more, and its saves must cost the same.
    for position in range(1, situations + 1):
        Situation.objects.create(livret=livret, section_code="activite-1", position=position)
    target = fill_situation(livret, "activite-3")
    client = client_of(candidate)
    part = f"situation:{target.pk}"
    assert autosave(client, livret, part, "contexte", "Premier jet.", 1).status_code == 200
    # Session, user; the situation with its livret, the field's row and the section's
    # situations; the compare-and-set save (update, revision, livret's date: one statement on
    # PostgreSQL, three on SQLite); the section's answers.
    with django_assert_num_queries(5 if connection.vendor == "postgresql" else 7):
        response = autosave(client, livret, part, "contexte", "Second jet.", 2)
    assert response.status_code == 200
    assert response["X-Livret-Version"] == "3"
    assert Answer.objects.get(situation=target, field_key="contexte").text == "Second jet."


@pytest.mark.parametrize("part", ["situation", "section"])
def test_one_save_resolves_saves_and_reads_the_new_state_in_five_queries(
    part, livret, candidate, django_assert_max_num_queries
):
    target = fill_situation(livret, "activite-3")
    anchor = (
        Anchor(situation=target.pk, field="contexte")
        if part == "situation"
        else Anchor(section="motivation", field="raisons")
    )
    first = services.autosave(
        user=candidate, livret_pk=livret.pk, anchor=anchor, text="Premier jet.", base_version=0
    )
    with django_assert_max_num_queries(5):
        saved = services.autosave(
            user=candidate,
            livret_pk=livret.pk,
            anchor=anchor,
            text="Second jet.",
            base_version=first.result.version,
        )
    assert saved.result.saved and not saved.result.conflict
    assert saved.state.code == ("activite-3" if part == "situation" else "motivation")
    assert Revision.objects.filter(answer__livret=livret, text="Second jet.").count() == 1


def test_autosave_answers_only_the_field_status_section_state_and_menu_entry(
    client_of, livret, candidate
):
    client = client_of(candidate)
    for key, text in {"raisons": "Parce que.", "points_forts": "L'écoute."}.items():
        response = autosave(client, livret, "section:motivation", key, text, 0)
    assert response.status_code == 200
    assert response.text.startswith("Enregistré à")
    assert 'id="section-state"' in response.text and "Complet" in response.text
    assert 'id="menu-state-motivation"' in response.text
    assert "state-done" in response.text
    assert 'id="livret-menu"' not in response.text  # not the whole menu
    page = client.get(reverse("livrets:section", args=[livret.pk, "motivation"]))
    assert 'id="menu-state-motivation"' in page.text and "1</strong> partie complète" in page.text


def test_situation_save_reports_what_the_section_still_misses(client_of, livret, candidate):
    client = client_of(candidate)
    situation = parts.add_situation(livret=livret, section="activite-1")
    response = autosave(client, livret, f"situation:{situation.pk}", "contexte", "Un accueil.", 0)
    assert "En cours" in response.text
    assert "1 situation sur 2" in response.text
    assert f"#champ-s{situation.pk}-actions" in response.text


def test_a_save_of_another_candidates_situation_is_a_404(client_of, livret, other_candidate):
    situation = parts.add_situation(livret=livret, section="activite-1")
    response = autosave(
        client_of(other_candidate), livret, f"situation:{situation.pk}", "contexte", "x", 0
    )
    assert response.status_code == 404
    assert not Answer.objects.filter(situation=situation).exists()


def _expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_a_save_keeps_the_session_alive_and_says_for_how_long(client_of, livret, candidate):
    client = client_of(candidate)
    # The session was last extended twenty minutes ago: ten minutes are left.
    session = client.session
    session.set_expiry(timezone.now() + timedelta(minutes=10))
    session.save()
    response = autosave(client, livret, "section:motivation", "raisons", "Parce que.", 0)
    age = settings.SESSION_COOKIE_AGE
    assert int(response["X-Session-Expires-In"]) == age
    left = (_expiry(client) - timezone.now()).total_seconds()
    assert age - 5 < left <= age
    # Saves within the next minute do not write the session again; the time left is told.
    written = _expiry(client)
    again = autosave(client, livret, "section:motivation", "raisons", "Parce que. Et puis.", 1)
    assert age - 60 < int(again["X-Session-Expires-In"]) <= age
    assert _expiry(client) == written


def test_an_anonymous_visit_creates_no_session(client, site_pages):
    assert client.get("/cqp/").status_code == 200
    assert Session.objects.count() == 0


def test_a_stale_save_overwrites_nothing_and_shows_both_texts(client_of, livret, candidate):
    client = client_of(candidate)
    situation = parts.add_situation(livret=livret, section="activite-1")
    part = f"situation:{situation.pk}"
    assert autosave(client, livret, part, "contexte", "Onglet A.", 0).status_code == 200
    assert autosave(client, livret, part, "contexte", "Onglet A, suite.", 1).status_code == 200
    stale = autosave(client, livret, part, "contexte", "Onglet B.", 1)
    assert stale.status_code == 409
    assert stale["X-Livret-Version"] == "2"
    assert "Onglet A, suite." in stale.text and "Onglet B." in stale.text
    assert Answer.objects.get(situation=situation, field_key="contexte").text == "Onglet A, suite."
    # The same words sent again (a retried request) are not a conflict.
    again = autosave(client, livret, part, "contexte", "Onglet A, suite.", 1)
    assert again.status_code == 200 and again["X-Livret-Version"] == "2"


def test_a_save_into_a_situation_deleted_in_another_tab_is_refused_in_words(
    client_of, livret, candidate
):
    client = client_of(candidate)
    situation = parts.add_situation(livret=livret, section="activite-1")
    part = f"situation:{situation.pk}"
    assert autosave(client, livret, part, "contexte", "Premier jet.", 0).status_code == 200
    target = services.selectors.save_target(
        candidate, livret.pk, Anchor(situation=situation.pk, field="contexte")
    )
    situation.delete()  # between the target's read and the save
    # As a request does, in a transaction of its own (save_answer makes no savepoint).
    with pytest.raises(services.LivretError, match="n'existe plus"), transaction.atomic():
        services.save_answer(
            livret=target.livret,
            section=target.section.code,
            key="contexte",
            text="Second jet.",
            base_version=1,
            situation=target.situation,
            answer_id=target.answer_id,
        )
    gone = autosave(client, livret, part, "contexte", "Second jet.", 1)
    assert gone.status_code == 404


def test_a_save_names_the_situation_and_the_livret_together(client_of, livret, candidate):
    from tests.support.data import version

    other = services.start_livret(owner=candidate, version=version("conseiller-offres-services"))
    situation = parts.add_situation(livret=other, section="activite-1")
    # The owner's own situation, but under another of their livrets' URL.
    response = autosave(
        client_of(candidate), livret, f"situation:{situation.pk}", "contexte", "x", 0
    )
    assert response.status_code == 404
    assert not Answer.objects.filter(situation=situation).exists()


def test_a_finalised_livret_refuses_an_autosave(client_of, livret, candidate):
    client = client_of(candidate)
    assert autosave(client, livret, "section:motivation", "raisons", "Parce que.", 0).status_code
    Livret.objects.filter(pk=livret.pk).update(status=Livret.Status.FINALISED)
    response = autosave(client, livret, "section:motivation", "raisons", "Autre chose.", 1)
    assert response.status_code == 403
    assert "finalisé" in response.text
    assert Answer.objects.get(livret=livret, field_key="raisons").text == "Parce que."


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writers: no race to check"
)
def test_concurrent_saves_of_one_field_keep_exactly_one_and_lose_no_word(referentials):
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    from tests.support.data import make_candidate, version_of

    user = make_candidate("zoe@example.fr")
    livret = services.start_livret(owner=user, version=version_of("conseiller-offres-services"))
    situation = parts.add_situation(livret=livret, section="activite-1")
    anchor = Anchor(situation=situation.pk, field="contexte")
    services.autosave(user=user, livret_pk=livret.pk, anchor=anchor, text="Base.", base_version=0)
    revision_before = Livret.objects.get(pk=livret.pk).content_revision
    tabs = 8
    barrier = Barrier(tabs)

    def save(tab: int):
        try:
            barrier.wait(timeout=10)
            return services.autosave(
                user=user, livret_pk=livret.pk, anchor=anchor, text=f"Onglet {tab}.", base_version=1
            ).result
        finally:
            connection.close()

    with ThreadPoolExecutor(tabs) as pool:
        results = list(pool.map(save, range(tabs)))
    kept = [r for r in results if r.saved]
    assert len(kept) == 1 and kept[0].version == 2
    assert all(r.conflict and r.text == kept[0].text for r in results if not r.saved)
    answer = Answer.objects.get(situation=situation, field_key="contexte")
    assert (answer.text, answer.version) == (kept[0].text, 2)
    assert list(answer.revisions.order_by("version").values_list("text", flat=True)) == [
        "Base.",
        kept[0].text,
    ]
    assert Livret.objects.get(pk=livret.pk).content_revision == revision_before + 1
