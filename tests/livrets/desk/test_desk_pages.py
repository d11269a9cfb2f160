"""The desk's pages: who opens them, the inbox (counts, filter, search, pages, silence soon),
the request as deposited and the secretariat's decision."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from livrets.desk.models import DeskEvent
from livrets.desk.rules import latest_start_before
from livrets.recevabilite.models import RecevabiliteRequest
from portal.dates import add_months
from tests.support.data import make_candidate
from tests.support.desk import assign_evaluators, deposited, finalised, make_staff
from tests.support.recevabilite import COS, IAS

pytestmark = pytest.mark.django_db

INBOX = reverse("desk:inbox")


def request_url(rq) -> str:
    return reverse("desk:request", args=[rq.pk])


def fmt(day) -> str:
    return day.strftime("%d/%m/%Y")


def test_who_opens_the_desk(desk, as_user):
    rq = deposited(desk["alice"], COS)
    assign_evaluators(rq)
    urls = [INBOX, request_url(rq), reverse("desk:proof", args=[rq.pk, rq.proofs.first().pk])]
    for url in urls:
        assert as_user(None).get(url).status_code == 302, url
        assert as_user(desk["alice"]).get(url).status_code == 404, url
        assert as_user(desk["secretariat"]).get(url).status_code == 200, url
        assert as_user(desk["evaluator"]).get(url).status_code == 200, url
    # Another certifier's staff: its inbox opens, this request does not.
    assert as_user(desk["other_staff"]).get(INBOX).status_code == 200
    assert "alice@example.fr" not in as_user(desk["other_staff"]).get(INBOX).text
    assert as_user(desk["other_staff"]).get(request_url(rq)).status_code == 404
    # A staff member without a second factor is asked to activate one, and reads nothing.
    refused = as_user(desk["no_totp"]).get(request_url(rq))
    assert refused.status_code == 403
    assert "Activez la double authentification" in refused.text
    assert "alice@example.fr" not in refused.text


def test_a_request_not_deposited_is_not_at_the_desk(desk, as_user):
    rq = finalised(desk["alice"], COS)
    assert as_user(desk["secretariat"]).get(request_url(rq)).status_code == 404
    assert "alice@example.fr" not in as_user(desk["secretariat"]).get(INBOX).text


def _decide(client, rq, **data):
    return client.post(request_url(rq), data, follow=True)


def test_the_secretariat_decides_recevable_and_the_candidate_sees_it(desk, as_user):
    rq = deposited(desk["alice"], COS)
    today = timezone.localdate()
    secretariat = as_user(desk["secretariat"])
    page = secretariat.get(request_url(rq)).text
    assert "Enregistrer la décision" in page and "Télécharger le PDF de la demande" in page
    # The evaluator named for it reads the request, does not decide.
    assign_evaluators(rq)
    read = as_user(desk["evaluator"]).get(request_url(rq))
    assert read.status_code == 200 and "Enregistrer la décision" not in read.text
    assert "Désigner l’évaluateur" not in read.text
    data = {"outcome": "recevable", "motifs": "", "decided_on": fmt(today)}
    assert as_user(desk["evaluator"]).post(request_url(rq), data).status_code == 403
    mail.outbox.clear()
    response = _decide(secretariat, rq, **data)
    assert response.status_code == 200
    c = rq.candidature
    c.refresh_from_db()
    assert (c.decision, c.decision_on, c.notified_on) == ("favourable", today, today)
    assert c.decision_recorded_by == desk["secretariat"]
    assert c.desk_status == "recevable"
    event = DeskEvent.objects.filter(candidature=c).last()
    assert (event.action, event.actor) == ("recevable", desk["secretariat"])
    assert event.before["decision"] == "" and event.after["decision"] == "favourable"
    (message,) = mail.outbox
    assert message.to == ["alice@example.fr"] and "Recevable" in message.body
    # The candidate: the decision on the request pages and « Mes démarches », read-only.
    alice = as_user(desk["alice"])
    answer = alice.get(reverse("recevabilite:answer", args=[rq.pk])).text
    assert "Décision enregistrée par commission@ucanss.example" in answer
    assert "Enregistrer le suivi" not in answer
    assert "Recevable le" in alice.get(reverse("candidatures:demarches")).text
    # The 18 months of validity count from the notification the desk recorded.
    end = add_months(today, 18)
    assert end.strftime("%Y") in answer
    # A second decision: refused in French, nothing changed.
    again = secretariat.post(request_url(rq), {**data, "outcome": "non_recevable", "motifs": "x"})
    assert "Enregistrer la décision" not in again.text
    c.refresh_from_db()
    assert c.decision == "favourable"


def test_a_second_decision_is_refused_by_the_service(desk):
    from livrets.desk import services

    rq = deposited(desk["alice"], COS)
    today = timezone.localdate()
    kw = {"by": desk["secretariat"], "decided_on": today, "today": today, "link": ""}
    services.decide(request=rq, outcome="non_recevable", motifs="Expérience trop courte.", **kw)
    with pytest.raises(services.DeskError, match="déjà enregistrée"):
        services.decide(request=rq, outcome="recevable", motifs="", **kw)
    other = finalised(desk["bruno"], COS)
    with pytest.raises(services.DeskError, match="pas déposée"):
        services.decide(request=other, outcome="recevable", motifs="", **kw)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"outcome": "", "motifs": "", "decided_on": "{today}"}, "Choisissez la décision"),
        (
            {"outcome": "non_recevable", "motifs": " ", "decided_on": "{today}"},
            "Indiquez les motifs",
        ),
        ({"outcome": "incomplete", "motifs": "", "decided_on": "{today}"}, "Indiquez les motifs"),
        ({"outcome": "recevable", "motifs": "", "decided_on": ""}, "Indiquez la date"),
        ({"outcome": "recevable", "motifs": "", "decided_on": "{tomorrow}"}, "dans le futur"),
        ({"outcome": "recevable", "motifs": "", "decided_on": "{before}"}, "précéder le dépôt"),
        (
            {"outcome": "recevable", "motifs": "x" * 4001, "decided_on": "{today}"},
            "4000 caractères",
        ),
        ({"outcome": "recevable", "motifs": "", "decided_on": "31/02/2026"}, "pas valide"),
    ],
)
def test_a_bad_decision_is_refused_in_french_and_kept(desk, as_user, data, message):
    today = timezone.localdate()
    rq = deposited(desk["alice"], COS, on=today - timedelta(days=3))
    days = {
        "today": fmt(today),
        "tomorrow": fmt(today + timedelta(days=1)),
        "before": fmt(today - timedelta(days=4)),
    }
    filled = {k: v.format(**days) for k, v in data.items()}
    response = as_user(desk["secretariat"]).post(request_url(rq), filled)
    assert response.status_code == 400
    assert message in response.text
    assert "Erreur :" in response.text  # the title, with the error summary
    rq.candidature.refresh_from_db()
    assert rq.candidature.desk_status == "a_examiner" and rq.candidature.decision == ""


def test_incomplete_sends_it_back_and_the_candidate_deposits_again(desk, as_user):
    today = timezone.localdate()
    rq = deposited(desk["alice"], COS)
    motifs = "Il manque le certificat de travail de 2022."
    _decide(
        as_user(desk["secretariat"]), rq, outcome="incomplete", motifs=motifs, decided_on=fmt(today)
    )
    rq.refresh_from_db()
    c = rq.candidature
    assert rq.status == RecevabiliteRequest.Status.DRAFT
    assert c.desk_status == "incomplete" and c.request_sent_on is None and c.decision == ""
    alice = as_user(desk["alice"])
    assert motifs in alice.get(reverse("recevabilite:detail", args=[rq.pk])).text
    assert motifs in alice.get(reverse("candidatures:demarches")).text
    # Completed, finalised and deposited again: back in the inbox, its history kept.
    from livrets.recevabilite import services

    services.finalise(request=rq, sworn_name="Alice Martin", sworn_place="Lyon", sworn_on=today)
    alice.post(reverse("desk_candidate:deposit", args=[rq.pk]))
    c.refresh_from_db()
    assert c.desk_status == "a_examiner" and c.deposited_on == today
    actions = list(DeskEvent.objects.filter(candidature=c).values_list("action", flat=True))
    assert actions == ["deposit", "incomplete", "deposit"]
    page = as_user(desk["secretariat"]).get(request_url(rq)).text
    assert "Décision : incomplète" in page and page.count("Dépôt de la demande") == 2


def test_the_inbox_counts_filters_searches_and_warns_of_silence(desk, as_user):
    today = timezone.localdate()
    fresh = deposited(desk["alice"], COS)
    soon = deposited(desk["bruno"], COS, on=add_months(today, -2) + timedelta(days=5))
    carla = make_candidate("carla@example.fr")
    silent = deposited(carla, COS, on=add_months(today, -2) - timedelta(days=1))
    deposited(make_candidate("denis@example.fr"), IAS)  # another certifier's
    client = as_user(desk["secretariat"])
    page = client.get(INBOX).text
    assert "À examiner</a> : <strong>2</strong>" in page
    assert "Acceptée par silence</a> : <strong>1</strong>" in page
    assert "denis@example.fr" not in page
    soon_list = page[page.index("Silence dans moins de 15 jours") : page.index("Les demandes")]
    assert "bruno@example.fr" in soon_list and "alice@example.fr" not in soon_list
    # Filter by status, without JavaScript (a GET form).
    silent_only = client.get(INBOX, {"statut": "acceptee_par_silence"}).text
    listed = silent_only[silent_only.index("<tbody>") :]
    assert "carla@example.fr" in listed and "bruno@example.fr" not in listed
    found = client.get(INBOX, {"q": "BRUNO"}).text
    listed = found[found.index("<tbody>") :]
    assert "bruno@example.fr" in listed and "alice@example.fr" not in listed
    assert fresh and soon and silent


def test_a_long_silence_list_keeps_the_soonest(desk, as_user, monkeypatch):
    from livrets.desk import selectors

    monkeypatch.setattr(selectors, "SOON_MAX", 2)
    received = add_months(timezone.localdate(), -2)
    # Deposited the soonest first: the last written must not push it out of the list.
    for days, name in ((1, "proche"), (3, "ensuite"), (9, "lointain")):
        deposited(make_candidate(f"{name}@example.fr"), COS, on=received + timedelta(days=days))
    page = as_user(desk["secretariat"]).get(INBOX).text
    soon_list = page[page.index("Silence dans moins de 15 jours") : page.index("Les demandes")]
    assert "lointain@example.fr" not in soon_list
    assert soon_list.index("proche@example.fr") < soon_list.index("ensuite@example.fr")


def test_the_silence_list_ends_15_days_ahead_and_starts_after_today(desk, as_user):
    today = timezone.localdate()
    last_day = today + timedelta(days=15)
    # The latest receipts whose silence falls today, then on the fifteenth day, and the next.
    on_today = latest_start_before(today, 2)
    on_last = latest_start_before(last_day, 2)
    for name, received in (
        ("aujourdhui", on_today),
        ("quinzieme", on_last),
        ("seizieme", on_last + timedelta(days=1)),
    ):
        deposited(make_candidate(f"{name}@example.fr"), COS, on=received)
    assert add_months(on_today, 2) <= today < add_months(on_today + timedelta(days=1), 2)
    assert add_months(on_last, 2) <= last_day < add_months(on_last + timedelta(days=1), 2)
    page = as_user(desk["secretariat"]).get(INBOX).text
    soon_list = page[page.index("Silence dans moins de 15 jours") : page.index("Les demandes")]
    assert "quinzieme@example.fr" in soon_list
    assert "aujourdhui@example.fr" not in soon_list and "seizieme@example.fr" not in soon_list
    assert "Acceptée par silence</a> : <strong>1</strong>" in page


def test_the_inbox_pages_by_25(desk, as_user, monkeypatch):
    from livrets.desk.views import staff

    monkeypatch.setattr(staff, "PER_PAGE", 2)
    for name in ("e1", "e2", "e3"):
        deposited(make_candidate(f"{name}@example.fr"), COS)
    client = as_user(desk["secretariat"])
    first = client.get(INBOX).text
    assert "Page 1 sur 2" in first and "Page suivante" in first
    second = client.get(INBOX, {"page": "2"}).text
    assert "Page 2 sur 2" in second and second.count("<tr>") == 2  # head row and one row


def test_the_inbox_takes_the_same_queries_for_2_and_12_requests(
    desk, as_user, django_assert_num_queries
):
    client = as_user(desk["secretariat"])
    for i in range(2):
        deposited(make_candidate(f"a{i}@example.fr"), COS)
    client.get(INBOX)  # warm the referential's cache and the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as two:
        client.get(INBOX)
    for i in range(10):
        deposited(make_candidate(f"b{i}@example.fr"), COS)
    with django_assert_num_queries(len(two)):
        page = client.get(INBOX).text
    assert page.count("@example.fr</a>") >= 12


@pytest.mark.parametrize("outcome", ["non_recevable", "incomplete"])
def test_after_the_silence_date_only_recevable_is_recorded(desk, as_user, outcome):
    today = timezone.localdate()
    # Received on the latest day whose silence date (two months later, 004) is today.
    received = latest_start_before(today, 2)
    silence = add_months(received, 2)
    assert silence <= today
    rq = deposited(desk["alice"], COS, on=received)
    client = as_user(desk["secretariat"])
    data = {"outcome": outcome, "motifs": "Pièces manquantes.", "decided_on": fmt(today)}
    response = client.post(request_url(rq), data)
    assert response.status_code == 400
    assert (
        f"Le silence du certificateur vaut acceptation depuis le {fmt(silence)} : la demande ne "
        "peut plus être déclarée non recevable ou incomplète." in response.text
    )
    assert "Pièces manquantes." in response.text  # kept in the form
    rq.candidature.refresh_from_db()
    assert rq.candidature.desk_status == "a_examiner"
    # « Recevable » confirms the acceptance.
    _decide(client, rq, outcome="recevable", motifs="", decided_on=fmt(today))
    rq.candidature.refresh_from_db()
    assert rq.candidature.desk_status == "recevable"


def test_the_day_before_the_silence_date_incomplete_is_still_recorded(desk, as_user):
    today = timezone.localdate()
    received = latest_start_before(today, 2) + timedelta(days=1)  # silence tomorrow or later
    assert add_months(received, 2) > today
    rq = deposited(desk["alice"], COS, on=received)
    _decide(
        as_user(desk["secretariat"]),
        rq,
        outcome="incomplete",
        motifs="Pièces manquantes.",
        decided_on=fmt(today),
    )
    rq.candidature.refresh_from_db()
    assert rq.candidature.desk_status == "incomplete"


def _assign(client, rq, evaluator, **extra):
    return client.post(reverse("desk:assign", args=[rq.pk]), {"evaluator": evaluator, **extra})


def test_an_evaluator_reads_only_the_candidatures_assigned(desk, as_user):
    rq = deposited(desk["alice"], COS)
    other = deposited(desk["bruno"], COS)
    evaluator = as_user(desk["evaluator"])
    pages = [request_url(rq), reverse("desk:proof", args=[rq.pk, rq.proofs.first().pk])]
    assert [evaluator.get(url).status_code for url in pages] == [404, 404]
    assert "alice@example.fr" not in evaluator.get(INBOX).text
    # The secretariat names them on the request page.
    secretariat = as_user(desk["secretariat"])
    page = secretariat.get(request_url(rq)).text
    assert "Évaluateurs désignés" in page and "evaluateur@ucanss.example" in page
    response = _assign(secretariat, rq, desk["evaluator"].pk)
    assert response.status_code == 302
    assert [evaluator.get(url).status_code for url in pages] == [200, 200]
    listed = evaluator.get(INBOX).text
    listed = listed[listed.index("<tbody>") :]
    assert "alice@example.fr" in listed and "bruno@example.fr" not in listed
    assert evaluator.get(request_url(other)).status_code == 404
    # The evaluator names nobody; the secretariat withdraws them: 404 again.
    assert _assign(evaluator, rq, desk["evaluator"].pk, retirer="1").status_code == 403
    assert _assign(secretariat, rq, desk["evaluator"].pk, retirer="1").status_code == 302
    assert evaluator.get(request_url(rq)).status_code == 404
    actions = list(
        DeskEvent.objects.filter(candidature=rq.candidature).values_list("action", "actor")
    )
    assert actions == [
        ("deposit", desk["alice"].pk),
        ("assign", desk["secretariat"].pk),
        ("unassign", desk["secretariat"].pk),
    ]
    history = secretariat.get(request_url(rq)).text
    assert "Évaluateur désigné" in history and "Évaluateur retiré" in history


def test_assigning_someone_not_an_evaluator_of_the_cqp_is_refused_in_french(desk, as_user):
    rq = deposited(desk["alice"], COS)
    stranger = make_staff("evaluatrice@cpneis.example", IAS, "evaluator")
    secretariat = as_user(desk["secretariat"])
    for who in (stranger.pk, desk["secretariat"].pk, "pas-un-nombre", ""):
        response = _assign(secretariat, rq, who)
        assert response.status_code == 400, who
        assert "Erreur :" in response.text  # the title, with the error summary
        assert (
            "Choisissez un évaluateur de ce CQP dans la liste." in response.text
            or "Choisissez l&#x27;évaluateur à désigner." in response.text
        ), who
    assert not rq.candidature.assignments.exists()
    assert not DeskEvent.objects.filter(action="assign").exists()
    # The service refuses it too, whatever the form lets through.
    from livrets.desk import services

    with pytest.raises(services.DeskError, match="évaluateur de ce CQP"):
        services.assign(request=rq, by=desk["secretariat"], evaluator_id=stranger.pk)
    # Named twice: refused; the page refuses GET.
    services.assign(request=rq, by=desk["secretariat"], evaluator_id=desk["evaluator"].pk)
    with pytest.raises(services.DeskError, match="déjà désigné"):
        services.assign(request=rq, by=desk["secretariat"], evaluator_id=desk["evaluator"].pk)
    assert secretariat.get(reverse("desk:assign", args=[rq.pk])).status_code == 405


def test_the_inbox_of_an_evaluator_takes_the_same_queries_for_2_and_8_assigned(
    desk, as_user, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_user(desk["evaluator"])
    for i in range(2):
        assign_evaluators(deposited(make_candidate(f"a{i}@example.fr"), COS))
    deposited(make_candidate("pas-designe@example.fr"), COS)
    client.get(INBOX)  # warm the referential's cache and the session
    with CaptureQueriesContext(connection) as two:
        client.get(INBOX)
    for i in range(6):
        assign_evaluators(deposited(make_candidate(f"b{i}@example.fr"), COS))
    with django_assert_num_queries(len(two)):
        page = client.get(INBOX).text
    assert page.count("@example.fr</a>") >= 8 and "pas-designe@example.fr" not in page
