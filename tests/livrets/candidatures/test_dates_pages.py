"""The candidature's dates as a candidate types and reads them: the request's follow-up page
asks for the receipt and the favourable notification where a date counts from them and never
announces acceptance from another event; a sending date before the request existed is kept
only once confirmed; « Mes démarches » says why it shows no date."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from livrets.candidatures.deadlines import Facts
from livrets.recevabilite import services as request_services
from livrets.recevabilite.models import RecevabiliteRequest
from portal.dates import add_months
from tests.support.data import make_candidate
from tests.support.recevabilite import AF, COS, IAS, complete, start

pytestmark = pytest.mark.django_db


def words(response) -> str:
    page = re.sub(r"<script.*?</script>|<style.*?</style>", "", response.text, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def sent_request(slug: str, facts: Facts):
    candidate = make_candidate("alice@example.fr")
    request = start(candidate, slug)
    complete(request)
    today = timezone.localdate()
    request_services.finalise(request=request, sworn_name="A M", sworn_place="Lyon", sworn_on=today)
    # The request was started long before it was sent (no paper request here).
    RecevabiliteRequest.objects.filter(pk=request.pk).update(
        created_at=timezone.now() - timedelta(days=400)
    )
    request_services.record_answer(request=request, facts=facts, by=candidate, today=today)
    return candidate, request


def test_cos_sent_without_a_receipt_date_asks_for_it_and_offers_no_livret(client, referentials):
    today = timezone.localdate()
    candidate, request = sent_request(
        COS, Facts(sent_on=today - timedelta(days=120), decision="sans_reponse")
    )
    client.force_login(candidate)
    page = words(client.get(reverse("recevabilite:answer", args=[request.pk])))
    assert "Envoyée, en attente de la réponse" in page
    assert "Acceptée" not in page and "Commencer mon livret 2" not in page
    assert "dépend de la date de réception de votre demande" in page
    demarches = words(client.get(reverse("candidatures:demarches")))
    assert "Aucune date à venir connue :" in demarches
    assert "dépend de la date de réception de votre demande" in demarches
    # Nor can the livret 2 be started by posting to it.
    client.post(reverse("recevabilite:start_livret", args=[request.pk]))
    assert not request.candidature.livrets.exists()


def test_cos_favourable_asks_for_the_notification_then_counts_18_months_from_it(
    client, referentials
):
    today = timezone.localdate()
    sent, received = today - timedelta(days=90), today - timedelta(days=85)
    decided = today - timedelta(days=20)
    candidate, request = sent_request(
        COS,
        Facts(sent_on=sent, received_on=received, decision="favourable", decision_on=decided),
    )
    client.force_login(candidate)
    url = reverse("recevabilite:answer", args=[request.pk])
    page = words(client.get(url))
    assert "indiquez la date de la notification" in page
    assert "Fin de validité" not in page
    for wrong_start in (received, decided):
        assert date_format(add_months(wrong_start, 18), "j F Y") not in page
    notified = today - timedelta(days=15)
    response = client.post(
        url,
        {
            "sent_on": sent.isoformat(),
            "received_on": received.isoformat(),
            "decision": "favourable",
            "decided_on": decided.isoformat(),
            "notified_on": notified.isoformat(),
        },
    )
    assert response.status_code == 302
    page = words(client.get(url))
    assert (
        f"Fin de validité de la recevabilité : {date_format(add_months(notified, 18), 'l j F Y')}"
        in page
    )
    assert "indiquez la date de la notification" not in page
    demarches = words(client.get(reverse("candidatures:demarches")))
    assert (
        f"{date_format(notified, 'j F Y')} – Notification favorable de la recevabilité" in demarches
    )


def test_industries_de_sante_names_no_document_for_the_receipt_and_no_validity(
    client, referentials
):
    today = timezone.localdate()
    candidate, request = sent_request(
        IAS,
        Facts(
            sent_on=today - timedelta(days=90),
            received_on=today - timedelta(days=85),
            decision="favourable",
            decision_on=today - timedelta(days=20),
        ),
    )
    client.force_login(candidate)
    response = client.get(reverse("recevabilite:answer", args=[request.pk]))
    page = words(response)
    assert "accusé de réception" not in page  # 000 never names one
    assert "Date de réception de votre demande par le certificateur" in page
    assert 'name="notified_on"' not in response.text  # 000 counts nothing from it
    assert "La source ne donne pas de durée de validité de la recevabilité." in page


def test_a_sending_date_before_the_request_existed_is_kept_only_once_confirmed(
    client, referentials
):
    candidate = make_candidate("alice@example.fr")
    request = start(candidate, AF)
    complete(request)
    today = timezone.localdate()
    request_services.finalise(request=request, sworn_name="A M", sworn_place="Lyon", sworn_on=today)
    client.force_login(candidate)
    url = reverse("recevabilite:answer", args=[request.pk])
    paper = today - timedelta(days=30)
    data = {"sent_on": paper.isoformat(), "received_on": "", "decision": "", "decided_on": ""}
    response = client.post(url, data)
    assert response.status_code == 400
    page = words(response)
    assert "Cette date précède la création de votre demande sur le portail" in page
    assert f'value="{paper.isoformat()}"' in response.text  # nothing lost
    request.candidature.refresh_from_db()
    assert request.candidature.request_sent_on is None
    response = client.post(url, {**data, "confirm_sent": "on"})
    assert response.status_code == 302
    request.candidature.refresh_from_db()
    assert request.candidature.request_sent_on == paper
    # Saved again unchanged, it is not asked again.
    assert client.post(url, data).status_code == 302


def test_mes_demarches_says_the_source_gives_no_delay_for_assistant_formation(client, referentials):
    today = timezone.localdate()
    candidate, _ = sent_request(AF, Facts(sent_on=today - timedelta(days=10)))
    client.force_login(candidate)
    page = words(client.get(reverse("candidatures:demarches")))
    assert "Aucune date à venir connue : la source ne donne pas de délai de réponse." in page


def test_dates_posted_from_a_stale_tab_after_the_request_was_reopened_are_refused_in_french(
    client, referentials
):
    """The answer form of a finalised request, still open in a tab after the request was
    reopened: the post records nothing and says why, on the page it comes back to."""
    candidate = make_candidate("alice@example.fr")
    request = start(candidate, AF)
    complete(request)
    today = timezone.localdate()
    request_services.finalise(request=request, sworn_name="A M", sworn_place="Lyon", sworn_on=today)
    request_services.reopen(request=request)
    client.force_login(candidate)
    url = reverse("recevabilite:answer", args=[request.pk])
    data = {"sent_on": today.isoformat(), "received_on": "", "decision": "", "decided_on": ""}
    response = client.post(url, data, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert "Votre demande n'est plus finalisée" in html.unescape(response.text)
    request.candidature.refresh_from_db()
    assert request.candidature.request_sent_on is None
