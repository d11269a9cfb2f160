"""The editor through HTTP: autosave, conflicts, revisions, limits, finalise, reopen."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from livrets.livret2 import parts, services
from livrets.livret2.models import Answer, Livret, Revision, Situation
from tests.support.data import complete_cos, make_candidate, version_of

pytestmark = pytest.mark.django_db


def autosave(client, livret, part, field, text, base):
    return client.post(
        reverse("livrets:autosave", args=[livret.pk]),
        {"part": part, "field": field, "text": text, "base_version": base},
    )


def test_pages_need_login_and_notices_stay_public(client, site_pages, livret):
    response = client.get(reverse("livrets:detail", args=[livret.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert client.get("/cqp/conseiller-offres-services/").status_code == 200
    assert client.get("/cqp/").status_code == 200
    assert client.get("/recherche/?q=formation").status_code == 200
    assert client.get(reverse("account_signup")).status_code == 200


def test_mes_livrets_lists_livrets_with_progress(client_of, livret, candidate):
    complete_cos(livret)
    response = client_of(candidate).get(reverse("livrets:list"))
    assert "Conseiller" in response.text or "conseiller" in response.text
    assert "7 parties complètes sur 7" in response.text


def test_start_from_selfcheck_prefills_declared_competences(client_of, referentials, candidate):
    client = client_of(candidate)
    session = client.session
    session["selfcheck_activities"] = {
        "cqp": "conseiller-offres-services",
        "activities": ["A1.I1", "A2.I2", "A2.I5"],
    }
    session.save()
    page = client.get("/livrets/nouveau/?cqp=conseiller-offres-services")
    assert page.status_code == 200
    assert "signaler les suspicions de fraudes" in page.text
    response = client.post("/livrets/nouveau/", {"cqp": "conseiller-offres-services"})
    livret = Livret.objects.get(owner=candidate)
    assert response["Location"] == reverse("livrets:detail", args=[livret.pk])
    assert livret.referential_version == version_of("conseiller-offres-services")
    section = client.get(reverse("livrets:section", args=[livret.pk, "activite-2"]))
    assert section.text.count("checked") == 2


def test_start_prefills_assistant_formation_activity_table(client_of, referentials, candidate):
    client = client_of(candidate)
    session = client.session
    session["selfcheck_activities"] = {
        "cqp": "assistant-formation",
        "activities": ["C1.I1", "C1.I3"],
    }
    session.save()
    client.post("/livrets/nouveau/", {"cqp": "assistant-formation"})
    livret = Livret.objects.get(owner=candidate)
    answers = {a.field_key: a.text for a in livret.answers.all()}
    assert answers == {"C1.I1.realise": "oui", "C1.I3.realise": "oui"}


def test_autosave_keeps_every_revision_and_restores(client_of, livret, candidate):
    client = client_of(candidate)
    r1 = autosave(client, livret, "section:motivation", "raisons", "Première idée", 0)
    assert r1.status_code == 200
    assert "Enregistré à" in r1.text
    assert r1["X-Livret-Version"] == "1"
    # Out-of-band swaps of what the save changes: the section's state and its menu entry.
    assert 'id="section-state"' in r1.text and 'id="menu-state-motivation"' in r1.text
    assert r1.text.count('hx-swap-oob="true"') == 2
    r2 = autosave(client, livret, "section:motivation", "raisons", "Seconde idée", 1)
    assert r2["X-Livret-Version"] == "2"
    history = client.get(
        reverse("livrets:history", args=[livret.pk]),
        {"part": "section:motivation", "field": "raisons"},
    )
    assert "Première idée" in history.text and "Seconde idée" in history.text
    first = Revision.objects.get(answer__field_key="raisons", version=1)
    client.post(reverse("livrets:restore", args=[livret.pk, first.pk]))
    answer = Answer.objects.get(field_key="raisons")
    assert (answer.text, answer.version) == ("Première idée", 3)
    assert answer.revisions.count() == 3


def test_situation_history_and_restore(client_of, livret, candidate):
    client = client_of(candidate)
    situation = parts.add_situation(livret=livret, section="activite-1")
    part = f"situation:{situation.pk}"
    autosave(client, livret, part, "actions", "J'ai appelé l'assuré.", 0)
    autosave(client, livret, part, "actions", "J'ai écrit à l'assuré.", 1)
    page = client.get(reverse("livrets:situation_history", args=[livret.pk, situation.pk]))
    assert (
        "J&#x27;ai appelé l&#x27;assuré." in page.text
        and "Vos différentes actions et pourquoi vous avez procédé de cette façon" in page.text
    )


def test_stale_save_overwrites_nothing_and_shows_both_texts(client_of, livret, candidate):
    client = client_of(candidate)
    autosave(client, livret, "section:contexte", "description", "Texte de départ", 0)
    tab_a = autosave(client, livret, "section:contexte", "description", "Texte de l'onglet A", 1)
    assert tab_a.status_code == 200
    tab_b = autosave(client, livret, "section:contexte", "description", "Texte de l'onglet B", 1)
    assert tab_b.status_code == 409
    assert "Texte de l&#x27;onglet A" in tab_b.text and "Texte de l&#x27;onglet B" in tab_b.text
    assert Answer.objects.get(field_key="description").text == "Texte de l'onglet A"
    # Choosing "keep mine" re-sends on the current version.
    kept = autosave(client, livret, "section:contexte", "description", "Texte de l'onglet B", 2)
    assert kept.status_code == 200
    assert Answer.objects.get(field_key="description").text == "Texte de l'onglet B"


def test_first_save_of_a_field_from_two_tabs_conflicts(client_of, livret, candidate):
    client = client_of(candidate)
    assert autosave(client, livret, "section:contexte", "description", "A", 0).status_code == 200
    assert autosave(client, livret, "section:contexte", "description", "B", 0).status_code == 409


def test_no_javascript_save_button_and_conflict(client_of, livret, candidate):
    client = client_of(candidate)
    url = reverse("livrets:section", args=[livret.pk, "motivation"])
    page = client.get(url)
    assert 'name="v:section:motivation|raisons" value="0"' in page.text
    data = {
        "fields": ["section:motivation|raisons", "section:motivation|points_forts"],
        "section:motivation|raisons": "Mes raisons",
        "v:section:motivation|raisons": "0",
        "section:motivation|points_forts": "",
        "v:section:motivation|points_forts": "0",
    }
    response = client.post(url, data, follow=True)
    assert "Enregistré à" in response.text
    assert Answer.objects.get(field_key="raisons").text == "Mes raisons"
    stale = client.post(url, {**data, "section:motivation|raisons": "Autre texte"})
    assert stale.status_code == 409
    assert (
        "modifié ailleurs" in stale.text
        and "Mes raisons" in stale.text
        and "Autre texte" in stale.text
    )
    assert Answer.objects.get(field_key="raisons").text == "Mes raisons"


def test_field_limit_is_enforced_by_the_server(client_of, livret, candidate):
    client = client_of(candidate)
    response = autosave(client, livret, "section:contexte", "description", "x" * 10_001, 0)
    assert response.status_code == 400
    assert "10\u202f001 caractères, la limite est de 10\u202f000 caractères" in response.text
    assert not Answer.objects.exists()
    assert (
        autosave(client, livret, "section:contexte", "description", "x" * 10_000, 0).status_code
        == 200
    )


def test_unknown_field_or_part_is_refused(client_of, livret, candidate):
    client = client_of(candidate)
    assert autosave(client, livret, "section:contexte", "nope", "x", 0).status_code == 400
    assert autosave(client, livret, "section:nope", "description", "x", 0).status_code == 404


def test_expired_session_autosave_says_sign_in_again(client, livret):
    response = autosave(client, livret, "section:contexte", "description", "x", 0)
    assert response.status_code == 401
    assert "session a expiré" in response.text
    assert not Answer.objects.exists()


def test_finalise_refused_with_links_then_accepted_then_read_only(client_of, livret, candidate):
    client = client_of(candidate)
    url = reverse("livrets:finalise", args=[livret.pk])
    refused = client.get(url)
    assert "ne peut pas encore être finalisé" in refused.text
    assert "Activité III : 0 situation sur 2" in refused.text
    assert (
        reverse("livrets:section", args=[livret.pk, "activite-3"]) + "#situations-activite-3"
        in refused.text
    )
    complete_cos(livret)
    form = client.get(url).text
    assert 'name="place" value="Lyon"' in form  # from the address typed in Identité
    sworn = form[form.index("Je soussigné(e)") :][:1200]
    assert "Proposé par le portail" in sworn and "cette formule est celle du portail" in sworn
    today = timezone.localdate()
    post = {"sworn": "on", "name": "Alice Martin", "place": "Villeurbanne", "date": today}
    assert client.post(url, {**post, "sworn": ""}).status_code == 400
    refused = {
        "place": ("", "Indiquez la ville où vous signez la déclaration."),
        "date": (today + timedelta(days=1), "La date ne peut pas être dans le futur."),
    }
    for key, (value, message) in refused.items():
        response = client.post(url, {**post, key: value})
        assert response.status_code == 400 and message in response.text, key
    response = client.post(url, {**post, "date": date(2001, 1, 1)})
    assert "La date ne peut pas précéder le début du livret" in response.text
    livret.refresh_from_db()
    assert not livret.is_finalised
    response = client.post(url, post)
    assert response.status_code == 302
    livret.refresh_from_db()
    assert livret.is_finalised and livret.sworn_name == "Alice Martin"
    assert (livret.sworn_place, livret.sworn_on) == ("Villeurbanne", today)
    assert (
        autosave(client, livret, "section:contexte", "description", "changé", 1).status_code == 403
    )
    section = client.get(reverse("livrets:section", args=[livret.pk, "contexte"]))
    assert "lecture seule" in section.text and "<textarea" not in section.text
    with pytest.raises(services.LivretLocked):
        parts.add_situation(livret=livret, section="activite-1")


def test_reopen_creates_a_new_version_and_keeps_the_finalised_one(client_of, livret, candidate):
    complete_cos(livret)
    services.finalise(livret=livret, sworn_name="Alice", sworn_on=livret.created_at.date())
    client = client_of(candidate)
    response = client.post(reverse("livrets:reopen", args=[livret.pk]))
    new = Livret.objects.get(previous=livret)
    assert response["Location"] == reverse("livrets:detail", args=[new.pk])
    assert (new.number, new.status) == (2, Livret.Status.DRAFT)
    assert (
        autosave(client, new, "section:contexte", "description", "Nouveau contexte", 1).status_code
        == 200
    )
    assert (
        livret.answers.get(field_key="description").text == "Une caisse d'allocations familiales."
    )
    assert new.situations.count() == livret.situations.count() == 6
    livret.refresh_from_db()
    assert livret.is_finalised


def test_journey_dates_are_shown(client_of, livret, candidate):
    client = client_of(candidate)
    client.post(
        reverse("livrets:journey", args=[livret.pk]),
        {
            "requested_on": "2025-01-08",
            "received_on": "2025-01-10",
            "notified_on": "",
            "jury_on": "2025-06-20",
        },
    )
    page = client.get(reverse("livrets:detail", args=[livret.pk]))
    assert "lundi 10 mars 2025" in page.text
    assert "mardi 20 mai 2025" in page.text
    # Each date says which sentence of 004 it follows from.
    assert "Selon la source (004)" in page.text
    assert "vous adresse un accusé réception" in unescape(page.text)


def test_journey_dates_are_checked(client_of, livret, candidate):
    client = client_of(candidate)
    response = client.post(
        reverse("livrets:journey", args=[livret.pk]),
        {"requested_on": "2025-01-10", "received_on": "2025-01-08", "notified_on": ""},
        follow=True,
    )
    assert "la date de réception ne peut pas précéder la date d&#x27;envoi" in response.text
    livret.candidature.refresh_from_db()
    assert livret.candidature.request_received_on is None


@pytest.mark.parametrize("count", [1, 50])
def test_editor_query_count_does_not_grow_with_situations(
    count, client_of, livret, candidate, django_assert_num_queries
):
    # The editor offers no more situations than 004 asks; a livret written before may hold more.
    for position in range(count):
        situation = Situation.objects.create(
            livret=livret, section_code="activite-1", position=position + 1
        )
        services.save_answer(
            livret=livret,
            section="activite-1",
            situation=situation,
            key="contexte",
            text="Un accueil.",
            base_version=0,
        )
    client = client_of(candidate)
    url = reverse("livrets:section", args=[livret.pk, "activite-1"])
    client.get(url)
    # The session is not written on every request any more (that was three queries); one
    # query tells the header whether the candidate also follows a livret (« Accompagnement »).
    # One more for the commission's analysis of the gaps on the section's activity (004).
    with django_assert_num_queries(10):
        response = client.get(url)
    assert response.text.count('class="situation"') == count


def test_other_candidate_livret_counts_separately(referentials, candidate):
    other = make_candidate("claire@example.fr")
    services.start_livret(owner=other, version=version_of("assistant-formation"))
    assert Livret.objects.filter(owner=candidate).count() == 0


def test_examples_say_when_they_are_required(client_of, referentials, candidate):
    """002's table: « Exemples » must be filled for an activity answered Oui (002: « Le
    candidat détaille […] les activités qu'il a réalisées ainsi que des exemples »), so it is
    not labelled optional."""
    livret = services.start_livret(owner=candidate, version=version_of("assistant-formation"))
    page = unescape(
        client_of(candidate).get(reverse("livrets:section", args=[livret.pk, "competence-1"])).text
    )
    label = re.search(r"<label [^>]*>\s*Exemples\s*(.*?)</label>", page, re.S)
    examples = label.group(1)
    assert "(à remplir si vous avez répondu Oui)" in examples
    assert "(facultatif)" not in examples


@pytest.mark.parametrize(
    ("dates", "field", "message"),
    [
        (
            {"notified_on": "+30"},
            "notified_on",
            "la date de notification ne peut pas être dans le futur",
        ),
        ({"requested_on": "+1"}, "requested_on", "la date d'envoi ne peut pas être dans le futur"),
        (
            {"requested_on": "-90", "notified_on": "-100"},
            "notified_on",
            "la date de notification ne peut pas précéder la date d'envoi de votre demande",
        ),
        (
            {"notified_on": "-10", "jury_on": "-20"},
            "jury_on",
            "la date du jury ne peut pas précéder la date de notification",
        ),
    ],
)
def test_impossible_journey_dates_are_refused(client_of, livret, candidate, dates, field, message):
    today = timezone.localdate()
    data = {"requested_on": "", "received_on": "", "notified_on": "", "jury_on": ""}
    data.update({k: (today + timedelta(days=int(v))).isoformat() for k, v in dates.items()})
    response = client_of(candidate).post(reverse("livrets:journey", args=[livret.pk]), data)
    assert response.status_code == 400
    assert message in unescape(response.text)
    assert f'href="#id_{field}"' in response.text
    livret.candidature.refresh_from_db()
    assert livret.candidature.jury_on is None and livret.candidature.notified_on is None


def test_copy_answers_leaves_out_the_skipped_sections_and_starts_each_answer_afresh(
    livret, candidate
):
    kept = parts.add_situation(livret=livret, section="activite-1")
    dropped = parts.add_situation(livret=livret, section="activite-2")
    for situation, text in ((kept, "Gardée"), (dropped, "Laissée")):
        services.save_answer(
            livret=livret,
            section=situation.section_code,
            situation=situation,
            key="titre",
            text=text,
            base_version=0,
        )
    services.save_answer(
        livret=livret, section="contexte", key="description", text="Premier", base_version=0
    )
    services.save_answer(
        livret=livret, section="contexte", key="description", text="Second", base_version=1
    )
    target = Livret.objects.create(
        owner=candidate,
        candidature_id=livret.candidature_id,
        cqp_id=livret.cqp_id,
        referential_version=livret.referential_version,
        number=livret.number + 1,
    )
    copied = services.copy_answers(
        source=livret, target=target, skip_sections=frozenset({"activite-2"})
    )
    assert set(copied) == {kept.pk}
    assert copied[kept.pk].livret == target and copied[kept.pk].section_code == "activite-1"
    texts = {(a.section_code, a.field_key, a.text, a.version) for a in target.answers.all()}
    assert ("activite-1", "titre", "Gardée", 1) in texts
    assert ("contexte", "description", "Second", 1) in texts
    assert not any(section == "activite-2" for section, *_ in texts)
    assert Revision.objects.filter(answer__livret=target).count() == len(texts)
