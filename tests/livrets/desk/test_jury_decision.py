"""The jury's decision recorded by the certifier on the portal: its secretariat or a jury
member records it (total, partial with the parts validated, none; motifs; an optional letter),
once, on a recevable request; the candidate is told by email at once, sees it on their own
« Décision du jury » page (read-only from then on) and in « Mes démarches », and starts the
livret 2 on the remaining parts as after a decision they typed themselves."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from livrets.desk import services
from livrets.desk.models import DeskEvent
from livrets.jury.models import JuryDecision
from livrets.livret2 import services as livret_services
from livrets.livret2.models import Livret
from portal.dates import add_months
from tests.support import hostile_files as hostile
from tests.support.data import version_of
from tests.support.desk import assign_evaluators, deposited
from tests.support.recevabilite import COS, IAS

pytestmark = pytest.mark.django_db

MOTIFS = "L'activité A4 n'est pas démontrée par les situations décrites."
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"


def fmt(day) -> str:
    return day.strftime("%d/%m/%Y")


def url(rq) -> str:
    return reverse("desk:jury_decision", args=[rq.pk])


def recevable(owner, *, livret: bool = True, decided_on=None):
    """``owner``'s COS request deposited and declared recevable by the secretariat, and (with
    ``livret``) their livret 2 on the CQP."""
    from livrets.desk.models import StaffMembership

    today = timezone.localdate()
    rq = deposited(owner, COS, on=decided_on or today)
    secretariat = StaffMembership.objects.filter(cqp__slug=COS, role="secretariat").first().user
    services.decide(
        request=rq,
        by=secretariat,
        outcome="recevable",
        motifs="",
        decided_on=decided_on or today,
        today=today,
        link="http://x/",
    )
    if livret:
        livret_services.start_livret(owner=owner, version=version_of(COS))
    rq.refresh_from_db()
    return rq


def partial(**data) -> dict:
    return {
        "outcome": "partielle",
        "validated_units": ["A1", "A2", "A3"],
        "motifs": MOTIFS,
        "decided_on": fmt(timezone.localdate()),
        **data,
    }


def test_the_secretariat_records_a_partial_decision_and_the_candidate_is_told(desk, as_user):
    rq = recevable(desk["alice"])
    secretariat = as_user(desk["secretariat"])
    page = secretariat.get(url(rq)).text
    assert "Enregistrer la décision du jury" in page and "Validation partielle" in page
    assert "Activité IV : " in page
    assert (
        "Enregistrer ou voir la décision du jury"
        in secretariat.get(reverse("desk:request", args=[rq.pk])).text
    )
    mail.outbox.clear()
    letter = SimpleUploadedFile("décision jury.pdf", hostile.plain_pdf("Validation partielle"))
    done = secretariat.post(url(rq), {**partial(), "letter": letter}, follow=True)
    assert done.status_code == 200
    assert "La décision du jury est enregistrée" in done.text
    assert "Enregistrer la décision du jury" not in done.text
    assert re.search(r"Décision du jury\s*, par commission@ucanss.example", done.text)  # history
    decision = JuryDecision.objects.get(candidature=rq.candidature)
    assert decision.by_certifier and decision.recorded_by == desk["secretariat"]
    assert (decision.outcome, decision.validated_units) == ("partielle", ["A1", "A2", "A3"])
    assert decision.motifs == MOTIFS and decision.livret.owner == desk["alice"]
    event = DeskEvent.objects.filter(candidature=rq.candidature).last()
    assert (event.action, event.actor) == ("jury_decision", desk["secretariat"])
    assert event.after["decision_du_jury"] == "partielle" and event.sent_letter is not None
    assert decision.letter_url == reverse("desk_candidate:letter", args=[rq.pk, event.letter.pk])
    (message,) = mail.outbox
    assert message.to == ["alice@example.fr"]
    assert "Validation partielle" in message.body and MOTIFS in message.body
    assert "- Activité III : Informe, conseille" in message.body
    assert "- Activité IV" not in message.body
    assert "lettre" in message.body and reverse("jury:decision", args=[decision.livret_id]) in (
        message.body
    )
    # The candidate: the decision, read-only, with its letter; their own form is gone.
    alice = as_user(desk["alice"])
    own = alice.get(reverse("jury:decision", args=[decision.livret_id])).text
    assert "Décision enregistrée par le certificateur sur le portail." in own
    assert MOTIFS.replace("'", "&#x27;") in own and "Télécharger la lettre du certificateur" in own
    assert "Enregistrer la décision reçue" not in own
    assert alice.get(decision.letter_url).status_code == 200
    demarches = alice.get(reverse("candidatures:demarches")).text
    assert "Validation partielle" in demarches and "Voir la décision<" in demarches
    # The recevabilité answer keeps its own letters: the jury's letter is not listed there.
    answer = alice.get(reverse("recevabilite:answer", args=[rq.pk])).text
    assert "décision jury.pdf" not in answer.replace("d&#x27;", "d'")


def test_a_stale_candidate_tab_records_nothing_and_says_why(desk, as_user):
    rq = recevable(desk["alice"])
    livret = Livret.objects.get(owner=desk["alice"])
    services.record_jury_decision(
        candidature=rq.candidature,
        outcome="totale",
        validated_units=[],
        motifs="",
        decided_on=timezone.localdate(),
        by=desk["secretariat"],
        today=timezone.localdate(),
    )
    stale = as_user(desk["alice"]).post(
        reverse("jury:decision", args=[livret.pk]),
        {"decided_on": fmt(timezone.localdate()), "outcome": "aucune"},
    )
    assert stale.status_code == 400
    assert "Le certificateur a enregistré la décision du jury sur le portail" in stale.text
    assert "rien n’a été enregistré" in stale.text and 'href="#enregistrer"' in stale.text
    assert stale.text.split("</title>")[0].split("<title>")[1].strip().startswith("Erreur : ")
    assert list(JuryDecision.objects.values_list("outcome", flat=True)) == ["totale"]


def test_the_follow_up_livret_starts_from_the_certifiers_partial_decision(desk, as_user):
    rq = recevable(desk["alice"])
    decision = services.record_jury_decision(
        candidature=rq.candidature,
        outcome="partielle",
        validated_units=["A1", "A2"],
        motifs=MOTIFS,
        decided_on=timezone.localdate(),
        by=desk["secretariat"],
        today=timezone.localdate(),
    )
    alice = as_user(desk["alice"])
    page = alice.get(reverse("jury:decision", args=[decision.livret_id])).text
    assert "Commencer un livret 2 sur ce qui reste à valider" in page
    started = alice.post(reverse("jury:follow_up", args=[decision.livret_id, decision.pk]))
    assert started.status_code == 302
    decision.refresh_from_db()
    assert decision.follow_up is not None and decision.follow_up.owner == desk["alice"]
    assert decision.follow_up.exempt_sections  # the validated activities' sections


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"outcome": ""}, "outcome", "Choisissez la décision du jury"),
        ({"validated_units": []}, "validated_units", "Cochez ce que le jury a validé"),
        (
            {"validated_units": ["A1", "A2", "A3", "A4"]},
            "validated_units",
            "Cochez ce que le jury a validé",
        ),
        ({"motifs": "  "}, "motifs", "Indiquez les motifs"),
        ({"outcome": "aucune", "motifs": ""}, "motifs", "Indiquez les motifs"),
        ({"motifs": "x" * 4001}, "motifs", "4000 caractères au plus"),
        ({"decided_on": ""}, "decided_on", "Indiquez la date de la décision du jury"),
        ({"decided_on": "31/02/2026"}, "decided_on", "n&#x27;est pas valide"),
        (
            {"decided_on": fmt(timezone.localdate() + timedelta(days=1))},
            "decided_on",
            "ne peut pas être dans le futur",
        ),
    ],
)
def test_a_bad_decision_is_refused_in_french_with_the_error_summary(
    desk, as_user, data, field, message
):
    rq = recevable(desk["alice"])
    response = as_user(desk["secretariat"]).post(url(rq), partial(**data))
    assert response.status_code == 400
    assert message in response.text
    assert 'class="error-summary"' in response.text and f'href="#id_{field}' in response.text
    assert response.text.split("</title>")[0].split("<title>")[1].strip().startswith("Erreur : ")
    assert not JuryDecision.objects.exists()
    assert not DeskEvent.objects.filter(action="jury_decision").exists()


def test_a_decision_before_the_request_was_recevable_is_refused(desk, as_user):
    day = timezone.localdate() - timedelta(days=10)
    rq = recevable(desk["alice"], decided_on=day)
    before = as_user(desk["secretariat"]).post(
        url(rq), partial(decided_on=fmt(day - timedelta(days=1)))
    )
    assert before.status_code == 400
    assert "ne peut pas précéder la recevabilité de la demande" in before.text
    on_the_day = as_user(desk["secretariat"]).post(url(rq), partial(decided_on=fmt(day)))
    assert on_the_day.status_code == 302


def test_a_letter_that_is_not_a_pdf_is_refused_and_nothing_kept(desk, as_user):
    rq = recevable(desk["alice"])
    mail.outbox.clear()
    response = as_user(desk["secretariat"]).post(
        url(rq), {**partial(), "letter": SimpleUploadedFile("lettre.pdf", PNG)}
    )
    assert response.status_code == 400
    assert "n&#x27;est pas un fichier PDF" in response.text and 'href="#id_letter"' in response.text
    assert not JuryDecision.objects.exists() and not mail.outbox


def test_a_second_certifier_decision_is_refused(desk, as_user):
    rq = recevable(desk["alice"])
    client = as_user(desk["secretariat"])
    assert client.post(url(rq), partial()).status_code == 302
    again = client.post(url(rq), partial(outcome="totale", motifs=""))
    assert again.status_code == 400
    assert "La décision du jury est déjà enregistrée pour cette candidature." in again.text
    assert 'class="error-summary"' in again.text
    assert list(JuryDecision.objects.values_list("outcome", flat=True)) == ["partielle"]
    with pytest.raises(services.DeskError) as refused:
        services.record_jury_decision(
            candidature=rq.candidature,
            outcome="totale",
            validated_units=[],
            motifs="",
            decided_on=timezone.localdate(),
            by=desk["secretariat"],
            today=timezone.localdate(),
        )
    assert "déjà enregistrée" in refused.value.errors[""]


def test_a_candidate_decision_typed_earlier_does_not_block_the_certifier(desk, as_user):
    from livrets.jury import services as jury

    rq = recevable(desk["alice"])
    livret = Livret.objects.get(owner=desk["alice"])
    jury.record_decision(
        owner=desk["alice"],
        livret=livret,
        decided_on=timezone.localdate(),
        outcome="totale",
        validated_units=[],
    )
    assert as_user(desk["secretariat"]).post(url(rq), partial()).status_code == 302
    assert JuryDecision.objects.filter(by_certifier=True).count() == 1


def test_a_request_not_recevable_or_without_livret_takes_no_jury_decision(desk, as_user):
    client = as_user(desk["secretariat"])
    pending = deposited(desk["alice"], COS)
    livret_services.start_livret(owner=desk["alice"], version=version_of(COS))
    refused = client.post(url(pending), partial())
    assert refused.status_code == 400 and "n&#x27;est pas recevable" in refused.text
    no_livret = recevable(desk["bruno"], livret=False)
    page = client.get(url(no_livret)).text
    assert "pas encore de livret 2" in page and "Enregistrer la décision du jury" not in page
    assert client.post(url(no_livret), partial()).status_code == 400
    assert not JuryDecision.objects.exists()


def test_a_request_accepted_by_silence_takes_a_decision_from_the_silence_date(desk, as_user):
    received = add_months(timezone.localdate(), -2) - timedelta(days=3)
    rq = deposited(desk["alice"], COS, on=received)
    livret_services.start_livret(owner=desk["alice"], version=version_of(COS))
    silence = add_months(received, 2)
    client = as_user(desk["secretariat"])
    early = client.post(url(rq), partial(decided_on=fmt(silence - timedelta(days=1))))
    assert early.status_code == 400 and "précéder la recevabilité" in early.text
    assert client.post(url(rq), partial(decided_on=fmt(silence))).status_code == 302


def test_who_records_the_jury_decision(desk, as_user):
    rq = recevable(desk["alice"])
    assign_evaluators(rq)
    # The evaluator named for it reads the page, records nothing (403).
    read = as_user(desk["evaluator"]).get(url(rq))
    assert read.status_code == 200 and "Enregistrer la décision du jury" not in read.text
    assert "Le secrétariat ou un membre du jury enregistre" in read.text
    assert as_user(desk["evaluator"]).post(url(rq), partial()).status_code == 403
    # Another certifier's staff, a candidate: 404; a staff member without TOTP: 403.
    assert as_user(desk["other_staff"]).get(url(rq)).status_code == 404
    assert as_user(desk["bruno"]).get(url(rq)).status_code == 404
    assert as_user(desk["no_totp"]).get(url(rq)).status_code == 403
    # A jury member of the CQP records it.
    member = desk["jury"]
    assert as_user(member).post(url(rq), partial()).status_code == 302
    assert JuryDecision.objects.get().recorded_by == member


def test_the_inbox_counts_and_filters_the_jury_decisions(desk, as_user):
    decided = recevable(desk["alice"])
    recevable(desk["bruno"])
    services.record_jury_decision(
        candidature=decided.candidature,
        outcome="aucune",
        validated_units=[],
        motifs=MOTIFS,
        decided_on=timezone.localdate(),
        by=desk["secretariat"],
        today=timezone.localdate(),
    )
    client = as_user(desk["secretariat"])
    page = client.get("/bureau/").text
    assert "Décision</a> : <strong>1</strong>" in page
    assert "Recevable</a> : <strong>1</strong>" in page
    only = client.get("/bureau/", {"statut": "decision"}).text
    listed = only[only.index("<tbody>") :]
    assert "alice@example.fr" in listed and "bruno@example.fr" not in listed
    assert "Décision" in listed
    other = client.get("/bureau/", {"statut": "recevable"}).text
    listed = other[other.index("<tbody>") :]
    assert "bruno@example.fr" in listed and "alice@example.fr" not in listed


def test_another_certifiers_candidature_is_not_found(desk, as_user):
    rq = deposited(desk["alice"], IAS)
    assert as_user(desk["secretariat"]).get(url(rq)).status_code == 404


def test_the_service_refuses_a_candidature_never_deposited_and_unknown_parts(desk):
    livret = livret_services.start_livret(owner=desk["alice"], version=version_of(COS))
    today = timezone.localdate()
    with pytest.raises(services.DeskError) as never:
        services.record_jury_decision(
            candidature=livret.candidature,
            outcome="totale",
            validated_units=[],
            motifs="",
            decided_on=today,
            by=desk["secretariat"],
            today=today,
        )
    assert "n'est pas recevable" in never.value.errors[""]
    rq = recevable(desk["bruno"])
    with pytest.raises(services.DeskError) as unknown:
        services.record_jury_decision(
            candidature=rq.candidature,
            outcome="partielle",
            validated_units=["A1", "Z9"],
            motifs=MOTIFS,
            decided_on=today,
            by=desk["secretariat"],
            today=today,
        )
    assert unknown.value.errors == {"validated_units": "Parties inconnues pour ce CQP : Z9."}
    assert (
        not JuryDecision.objects.exists()
        and not DeskEvent.objects.filter(action="jury_decision").exists()
    )
