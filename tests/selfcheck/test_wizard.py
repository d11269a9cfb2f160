"""The self-check wizard: every step, navigation, reload, changes, expiry, no JavaScript."""

from __future__ import annotations

from datetime import date
from html import unescape

import pytest
from django.utils import timezone

from selfcheck.answers import SESSION_ACTIVITIES, SESSION_RESULT
from tests.support.wizard import BASE, COS, MGMT, experiences, fill, period, post, url

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    return response.content.decode()


def test_a_notice_link_preselects_the_cqp(client, referentials):
    response = client.get(f"{BASE}?cqp={COS}", follow=True)
    assert response.redirect_chain[-1][0] == url("cqp") + f"?cqp={COS}"
    html = page_text(response)
    assert "Étape 1 sur 5" in html
    assert f'value="{COS}" required id="id_cqp-cqp_2" checked>' in html
    assert html.count(" checked>") == 1


def test_every_step_in_order_then_the_result(client, referentials, django_assert_max_num_queries):
    client.get(BASE)
    with django_assert_max_num_queries(8):
        response = post(client, "cqp", {"cqp-cqp": COS})
    assert response["Location"] == url("situation")
    response = client.get(url("situation"))
    assert "Étape 2 sur 5" in page_text(response)
    assert post(client, "situation", {"situation-situation": "salarie"})["Location"] == url(
        "experiences"
    )
    response = client.get(url("experiences"))
    assert "Étape 3 sur 5" in page_text(response)
    assert "htmx.min.js" in page_text(response)
    assert post(client, "experiences", experiences(period()))["Location"] == url("activities")
    response = client.get(url("activities"))
    html = page_text(response)
    assert "Étape 4 sur 5" in html
    assert "Activité I" in html or "A1.I1" in html
    assert post(client, "activities", {"activities-A1": ["A1.I1"]})["Location"] == url(
        "verification"
    )
    with django_assert_max_num_queries(10):
        response = client.get(url("verification"))
    html = page_text(response)
    assert "Étape 5 sur 5" in html and "Vérifiez vos réponses" in html
    assert "Conseillère d&#x27;accueil" in html and "80 %" in html
    response = post(client, "verification")
    assert response["Location"] == url("fin")
    response = client.get(url("fin"))
    assert response["Location"] == "/verifier-mon-eligibilite/resultat/"
    response = client.get("/verifier-mon-eligibilite/resultat/")
    html = page_text(response)
    assert "Votre demande peut être recevable" in html
    assert "13 mois d&#x27;expérience en lien avec le CQP, 12 requis." in html
    assert "htmx" not in html


def test_the_result_matches_the_engine_and_the_api(client, referentials):
    fill(client, periods=[period(start="2024-09-01", end="", ongoing="on")])
    post(client, "verification")
    client.get(url("fin"))
    result = client.get("/verifier-mon-eligibilite/resultat/")
    answers = client.session[SESSION_RESULT]
    assert answers["as_of"] == timezone.localdate().isoformat()
    api = client.post(
        "/api/v1/eligibility",
        {k: answers[k] for k in ("cqp", "as_of", "experiences", "activities")},
        content_type="application/json",
    ).json()
    verdict = result.context["verdict"]
    assert api["eligible"] == verdict.eligible
    assert (
        api["related_days"]
        == verdict.related_days
        == (timezone.localdate() - date(2024, 9, 1)).days + 1
    )
    assert api["reasons"] == list(verdict.reasons)
    assert [(c["unit"], c["declared"], c["total"]) for c in api["coverage"]] == [
        (c.unit.code, len(c.declared), c.total) for c in verdict.coverage
    ]
    assert [(c["unit"], c["declared"]) for c in api["coverage"]] == [
        ("A1", 2),
        ("A2", 1),
        ("A3", 0),
        ("A4", 0),
    ]
    for reason in verdict.reasons:
        assert reason.replace("'", "&#x27;") in page_text(result)


def test_the_livret_2_is_offered_after_a_favourable_decision_only(client, referentials):
    """The sources open the livret 2 once the request is accepted: the result says so (as
    the portal's reading), and does not offer it to a request that is not yet recevable."""
    fill(client, periods=[period(start="2024-01-01", end="2024-06-30")])
    post(client, "verification")
    client.get(url("fin"))
    html = unescape(page_text(client.get("/verifier-mon-eligibilite/resultat/")))
    assert "Pas encore recevable" in html
    assert "Commencer mon livret 2" not in html
    client.get(url("cqp") + "?reset=1")
    fill(client)
    post(client, "verification")
    client.get(url("fin"))
    html = unescape(page_text(client.get("/verifier-mon-eligibilite/resultat/")))
    offer = html[html.index("Après un avis favorable : votre livret 2") :]
    assert "Proposé par le portail" in offer[:800]
    assert "une fois la demande de recevabilité acceptée" in offer[:800]
    assert "Commencer mon livret 2" in offer


def test_the_result_stores_the_activities_for_the_livret(client, referentials):
    fill(client)
    post(client, "verification")
    client.get(url("fin"))
    assert client.session[SESSION_ACTIVITIES] == {
        "cqp": COS,
        "activities": ["A1.I1", "A1.I2", "A2.I1"],
    }
    html = page_text(client.get("/verifier-mon-eligibilite/resultat/"))
    assert f'href="/livrets/nouveau/?cqp={COS}"' in html
    assert "Commencer mon livret 2" in html
    # 004 names the form by its title, not by a CERFA number.
    words = unescape(html)
    assert "demande de recevabilité à la validation des acquis de l'expérience" in words
    assert "CERFA" not in words
    assert "au terme des deux mois vaut décision d'acceptation" in words
    assert "18 mois" in html
    assert "A3" not in html or "aucune activité déclarée" in html


def test_gaps_are_named_with_advice_and_guidance_is_not_a_verdict(client, referentials):
    fill(client)
    post(client, "verification")
    client.get(url("fin"))
    html = page_text(client.get("/verifier-mon-eligibilite/resultat/"))
    assert html.count("aucune activité déclarée") == 2
    assert "pas un verdict" in html
    assert "ne précisent pas quelles activités sont essentielles" in html


def test_previous_keeps_what_was_typed_on_the_current_step(client, referentials):
    fill(client)
    unfinished = experiences(period(title="Agent d'accueil", end=""))
    response = post(client, "experiences", {**unfinished, "wizard_goto_step": "situation"})
    assert response["Location"] == url("situation")
    html = page_text(client.get(url("situation")))
    assert 'value="salarie"' in html and "checked" in html
    html = page_text(client.get(url("experiences")))
    assert "Agent d&#x27;accueil" in html


def test_a_reload_loses_nothing(client, referentials):
    fill(client)
    for step in ("cqp", "situation", "experiences", "activities"):
        html = page_text(client.get(url(step)))
        assert "errorlist" not in html, step
    assert "Conseillère d&#x27;accueil" in page_text(client.get(url("experiences")))
    assert 'value="A1.I2" id="id_activities-A1_1" checked' in page_text(
        client.get(url("activities"))
    )
    # The start URL resumes where the candidate was.
    assert client.get(BASE)["Location"] == url("activities")


def test_change_from_the_summary_returns_to_the_summary(client, referentials):
    fill(client)
    html = page_text(client.get(url("verification")))
    assert f'href="{url("situation")}?retour=verification"' in html
    form = page_text(client.get(url("situation") + "?retour=verification"))
    assert 'name="retour" value="verification"' in form
    response = post(
        client, "situation", {"situation-situation": "demandeur_emploi", "retour": "verification"}
    )
    assert response["Location"] == url("verification")
    assert "Je cherche un emploi" in page_text(client.get(url("verification")))


def test_changing_the_cqp_from_the_summary_asks_for_the_activities_again(client, referentials):
    fill(client)
    response = post(client, "cqp", {"cqp-cqp": "assistant-formation", "retour": "verification"})
    assert response["Location"] == url("verification")
    response = client.get(url("verification"))
    assert response["Location"] == url("activities")
    html = page_text(client.get(url("activities")))
    assert "C1.I1" in html and "A1.I1" not in html


def test_an_incomplete_summary_sends_back_to_the_missing_step(client, referentials):
    post(client, "cqp", {"cqp-cqp": COS})
    response = client.get(url("verification"))
    assert response["Location"] == url("situation")


@pytest.mark.parametrize("step", ["situation", "experiences", "activities", "verification", "fin"])
def test_an_expired_session_asks_to_restart(client, referentials, step):
    response = client.get(url(step), follow=True)
    assert response.status_code == 200
    assert "la vérification doit recommencer" in page_text(response)
    assert "Étape 1 sur 5" in page_text(response)


def test_an_expired_session_on_post_asks_to_restart(client, referentials):
    response = post(client, "activities", {"activities-A1": ["A1.I1"]}, follow=True)
    assert response.status_code == 200
    assert "la vérification doit recommencer" in page_text(response)


@pytest.mark.parametrize(
    "data",
    [
        {},  # no management form
        {MGMT: "inconnue"},
        {MGMT: "experiences", "experiences-TOTAL_FORMS": "x"},
        {MGMT: "activities", "activities-A1": ["<script>", "ZZ"]},
        {MGMT: "experiences", "experience_action": "remove-99999999999999"},
    ],
)
def test_a_tampered_step_never_gives_a_server_error(client, referentials, data):
    fill(client)
    response = client.post(url(data.get(MGMT, "experiences")), data, follow=True)
    assert response.status_code == 200


def test_a_tampered_cqp_in_the_session_asks_to_restart(client, referentials):
    fill(client)
    session = client.session
    session["wizard_self_check_wizard"]["step_data"]["cqp"]["cqp-cqp"] = ["inconnu"]
    session.save()
    response = client.get(url("activities"), follow=True)
    assert "la vérification doit recommencer" in page_text(response)


def test_a_tampered_result_asks_to_restart(client, referentials):
    session = client.session
    session[SESSION_RESULT] = {"cqp": COS, "experiences": [{"start": "hier"}]}
    session.save()
    for path in ("resultat/", "resultat/pdf/"):
        response = client.get(BASE + path, follow=True)
        assert response.status_code == 200
        assert "la vérification doit recommencer" in page_text(response)


def test_step_errors_are_shown_in_french(client, referentials):
    post(client, "cqp", {"cqp-cqp": COS})
    post(client, "situation", {"situation-situation": "salarie"})
    bad = period(start="2024-05-01", end="2024-04-01", part_time_percent="150", related="")
    response = post(client, "experiences", experiences(bad))
    assert response.status_code == 200
    html = page_text(response)
    assert "Erreur : Vos expériences" in html
    assert "La date de fin est antérieure à la date de début." in html
    assert "Indiquez si cette expérience est en lien avec le CQP." in html
    assert 'aria-invalid="true"' in html


def test_a_finished_period_cannot_end_in_the_future(client, referentials):
    """Only what has been done counts: a future end is refused, not counted to today."""
    from datetime import timedelta

    from django.utils import timezone

    post(client, "cqp", {"cqp-cqp": COS})
    post(client, "situation", {"situation-situation": "salarie"})
    later = (timezone.localdate() + timedelta(days=200)).isoformat()
    response = post(client, "experiences", experiences(period(start="2024-01-01", end=later)))
    assert response.status_code == 200
    assert "La date de fin est dans le futur : cochez « En cours »" in unescape(page_text(response))


def test_step_errors_are_summed_up_with_links_to_each_field(client, referentials):
    post(client, "cqp", {"cqp-cqp": COS})
    post(client, "situation", {"situation-situation": "salarie"})
    bad = period(start="2024-05-01", end="2024-04-01", related="")
    html = page_text(post(client, "experiences", experiences(period(), bad)))
    assert "data-error-summary" in html and "2 réponses sont à corriger" in html
    assert (
        '<a href="#id_experiences-1-end" data-error-link="id_experiences-1-end">'
        in html.replace("\n", "")
    )
    assert "Période 2, Cette expérience est-elle en lien avec le CQP ?" in html
    assert 'href="#id_experiences-1-related_0"' in html  # the first choice of the group


def test_coming_back_to_valid_experiences_shows_no_error(client, referentials):
    fill(client)
    for response in (
        client.get(url("experiences")),
        client.get(url("experiences") + "?retour=verification"),
    ):
        html = page_text(response)
        assert response.status_code == 200
        assert "Erreur :" not in html and "data-error-summary" not in html
        assert "à corriger" not in html


def test_add_and_remove_periods_without_javascript(client, referentials):
    fill(client)
    two = experiences(period(title="Premier poste"), period(title="Second poste"))
    response = post(client, "experiences", {**two, "experience_action": "add"})
    html = page_text(response)
    assert response.status_code == 200
    assert "Période 3" in html and "Premier poste" in html and "errorlist" not in html
    response = post(client, "experiences", {**two, "experience_action": "remove-0"})
    html = page_text(response)
    assert "Premier poste" not in html and "Second poste" in html and "Période 2" not in html
    # The removal is kept: a reload shows the remaining period only.
    assert "Premier poste" not in page_text(client.get(url("experiences")))


def test_add_and_remove_periods_with_htmx_answer_the_list_only(client, referentials):
    fill(client)
    response = post(
        client,
        "experiences",
        {**experiences(period()), "experience_action": "add"},
        HTTP_HX_REQUEST="true",
    )
    html = page_text(response)
    assert html.lstrip().startswith('<div id="experiences">')
    assert "<html" not in html and "Période 2" in html
    assert "Période 2 ajoutée." in html


def test_several_periods_overlapping_count_once(client, referentials):
    fill(
        client,
        periods=[
            period(start="2023-01-01", end="2023-06-30"),
            period(start="2023-04-01", end="2023-12-31", kind="benevole", title="Bénévole"),
            period(start="2010-01-01", end="2015-01-01", related="non", title="Cuisinier"),
        ],
    )
    post(client, "verification")
    client.get(url("fin"))
    verdict = client.get(BASE + "resultat/").context["verdict"]
    assert verdict.related_days == 365 and verdict.eligible
    assert "Les périodes qui se chevauchent ne sont comptées qu'une fois." in verdict.reasons


def test_the_pdf_is_a_pdf_of_the_result(client, referentials):
    from io import BytesIO

    from pypdf import PdfReader

    fill(client)
    post(client, "verification")
    client.get(url("fin"))
    response = client.get(BASE + "resultat/pdf/")
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = "\n".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)
    assert "Votre demande peut être recevable" in text
    assert "12 requis" in text


def test_the_wizard_is_csrf_protected(referentials):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.get(BASE)
    assert post(client, "cqp", {"cqp-cqp": COS}).status_code == 403
