"""004: the commission records its analysis of the gaps per activity of the referential, with
its training recommendations; the candidate reads it on the request and on the livret 2
sections of each activity; the gaps the candidate typed become read-only."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from livrets.desk import gaps, rules, services
from livrets.desk.errors import DeskError
from livrets.desk.models import DeskEvent, GapFinding
from livrets.recevabilite import services as recevabilite
from tests.support.desk import deposited
from tests.support.recevabilite import COS

pytestmark = pytest.mark.django_db

SOURCE = "Elle comprend le résultat de l&#x27;analyse des écarts"


def _decide(rq, secretariat, outcome="recevable"):
    today = timezone.localdate()
    services.decide(
        request=rq,
        by=secretariat,
        outcome=outcome,
        motifs="" if outcome == "recevable" else "Motifs.",
        decided_on=today,
        today=today,
        link="http://x/",
    )


def test_gap_rules():
    assert rules.gap_errors({"A1": ("", ""), "A2": (" ", "")}) == {
        "gap-A1": "Indiquez l'écart constaté ou les recommandations pour au moins une activité."
    }
    assert rules.gap_errors({"A1": ("", "Une formation."), "A2": ("", "")}) == {}
    too_long = "x" * (rules.GAP_MAX + 1)
    assert set(rules.gap_errors({"A1": (too_long, too_long)})) == {"gap-A1", "reco-A1"}


def test_the_commission_records_the_analysis_once_it_decided(desk, as_user):
    rq = deposited(desk["alice"], COS)
    secretariat = as_user(desk["secretariat"])
    url = reverse("desk:gaps", args=[rq.pk])
    page = secretariat.get(reverse("desk:request", args=[rq.pk])).text
    assert SOURCE in page
    assert "La commission enregistre l’analyse des écarts avec sa décision." in page
    # Before the decision: refused in French.
    refused = secretariat.post(url, {"gap-A1": "Un écart."})
    assert refused.status_code == 400
    assert "enregistrez d&#x27;abord la décision" in refused.text
    _decide(rq, desk["secretariat"])
    page = secretariat.get(reverse("desk:request", args=[rq.pk])).text
    assert 'name="gap-A1"' in page and 'name="reco-A4"' in page
    # Nothing said: refused, the summary links to the first field.
    empty = secretariat.post(url, {})
    assert empty.status_code == 400
    assert 'href="#id_gap-A1"' in empty.text and "Erreur :" in empty.text
    mail.outbox.clear()
    response = secretariat.post(
        url,
        {"gap-A2": "Peu d'accueil physique.", "reco-A2": "Module « Accueil » de l'Institut."},
        follow=True,
    )
    assert "L&#x27;analyse des écarts est enregistrée" in response.text
    # The candidate is told by email, with the link to the request.
    (message,) = mail.outbox
    assert message.to == ["alice@example.fr"]
    assert "La commission de recevabilité a enregistré sur le portail" in message.body
    assert reverse("recevabilite:answer", args=[rq.pk]) + "#ecarts" in message.body
    (finding,) = GapFinding.objects.all()
    assert (finding.unit, finding.recorded_by) == ("A2", desk["secretariat"])
    assert finding.recorded_on == timezone.localdate()
    event = DeskEvent.objects.get(action="gaps")
    assert event.before == {}
    assert event.after == {
        "A2": {"ecart": "Peu d'accueil physique.", "recommandations": finding.recommendations}
    }
    # The evaluator reads the request but does not record the analysis.
    assert as_user(desk["evaluator"]).post(url, {"gap-A1": "x"}).status_code in (403, 404)


def test_the_candidate_sees_it_and_their_own_notes_become_read_only(desk, as_user):
    rq = deposited(desk["alice"], COS)
    client = as_user(desk["alice"])
    answer = reverse("recevabilite:answer", args=[rq.pk])
    # Typed by the candidate from the letter, before the commission used the portal.
    recevabilite.record_gaps(request=rq, units=["A3"], note="Ma note.")
    _decide(rq, desk["secretariat"])
    page = client.get(answer).text
    assert "Enregistrer l’analyse des écarts" in page
    gaps.record(
        request=rq,
        by=desk["secretariat"],
        entries={"A2": ("Peu d'accueil physique.", "Module Accueil.")},
        today=timezone.localdate(),
    )
    page = client.get(answer).text
    assert "L’analyse de la commission de recevabilité" in page
    assert "Peu d&#x27;accueil physique." in page and "Module Accueil." in page
    assert "vos notes ne sont plus modifiables" in page
    assert "Ma note." in page
    assert "Enregistrer l’analyse des écarts" not in page
    # « Mes démarches » says it is there, with the link to read it.
    demarches = client.get(reverse("candidatures:demarches")).text
    assert "Analyse des écarts de la commission de recevabilité enregistrée le" in demarches
    assert f"{answer}#ecarts" in demarches
    refused = client.post(reverse("recevabilite:gaps", args=[rq.pk]), {"note": "Autre."})
    assert refused.status_code == 302
    rq.refresh_from_db()
    assert rq.gap_note == "Ma note."
    with pytest.raises(recevabilite.RequestError):
        recevabilite.record_gaps(request=rq, units=[], note="Autre.")


def test_the_livret_2_section_of_the_activity_shows_the_commissions_box(desk, as_user):
    rq = deposited(desk["alice"], COS)
    _decide(rq, desk["secretariat"])
    gaps.record(
        request=rq,
        by=desk["secretariat"],
        entries={"A1": ("Un écart sur l'accueil.", "")},
        today=timezone.localdate(),
    )
    livret = recevabilite.start_livret(request=rq)
    client = as_user(desk["alice"])
    page = client.get(reverse("livrets:section", args=[livret.pk, "activite-1"])).text
    assert "Analyse des écarts de la commission de recevabilité" in page
    assert "enregistrée par la commission de recevabilité le" in page
    assert "Un écart sur l&#x27;accueil." in page
    other = client.get(reverse("livrets:section", args=[livret.pk, "activite-2"])).text
    assert "Analyse des écarts de la commission de recevabilité" not in other


def test_the_candidates_refused_gaps_form_shows_the_error_summary(desk, as_user):
    rq = deposited(desk["alice"], COS)
    response = as_user(desk["alice"]).post(
        reverse("recevabilite:gaps", args=[rq.pk]), {"units": ["inconnue"], "note": "x"}
    )
    assert response.status_code == 400
    assert "Erreur :" in response.text
    assert 'class="error-summary' in response.text or "error-summary" in response.text
    assert 'href="#id_units' in response.text


def test_only_a_cqp_whose_source_asks_it(desk):
    from tests.support.desk import make_staff

    make_staff("secretariat-af@example.fr", "assistant-formation")
    rq = deposited(desk["alice"], "assistant-formation")
    with pytest.raises(DeskError, match="ne prévoit pas"):
        gaps.record(request=rq, by=None, entries={}, today=timezone.localdate())
