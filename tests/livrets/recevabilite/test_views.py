"""The request through its URLs: start from the self-check, edit, proofs, finalise, answer,
ownership, the livret 2's timers and identity, export and deletion."""

from __future__ import annotations

import html
import io
import json
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from home.referentials.loader import load_files
from livrets.candidatures.deadlines import Facts
from livrets.livret2.models import Answer, Livret
from livrets.recevabilite import services
from livrets.recevabilite.models import Period, Proof, RecevabiliteRequest
from livrets.recevabilite.views.common import state
from selfcheck.answers import SESSION_RESULT
from tests.support.recevabilite import AF, COS, EXPERIENCES, PDF, complete, start
from tests.support.uploads import race_while_storing, stored_bytes, stored_size


def test_the_self_check_periods_are_carried_over(client_of, referentials, candidate):
    client = client_of(candidate)
    session = client.session
    session[SESSION_RESULT] = {"cqp": COS, "experiences": EXPERIENCES, "activities": []}
    session.save()
    page = client.get(reverse("recevabilite:start") + f"?cqp={COS}")
    assert "Assistante de formation" in page.content.decode()
    response = client.post(reverse("recevabilite:start"), {"cqp": COS})
    request = RecevabiliteRequest.objects.get(owner=candidate)
    assert response.url == reverse("recevabilite:detail", args=[request.pk])
    first, second = request.periods.all()
    assert (first.kind, first.title, first.employer, first.start, first.current) == (
        "salarie",
        "Assistante de formation",
        "Organisme Horizon",
        date(2022, 1, 1),
        True,
    )
    assert (first.part_time_percent, first.related) == (80, True)
    assert (second.end, second.related) == (date(2021, 6, 30), False)
    # Starting again opens the same request.
    client.post(reverse("recevabilite:start"), {"cqp": COS})
    assert RecevabiliteRequest.objects.filter(owner=candidate).count() == 1


def test_another_candidates_request_is_404(client_of, af_request, other_candidate):
    proof = services.add_proof(
        request=af_request, upload=SimpleUploadedFile("a.pdf", PDF), period=None
    )
    period = af_request.periods.first()
    client = client_of(other_candidate)
    pk = af_request.pk
    for name, kwargs in [
        ("detail", {}),
        ("identity", {}),
        ("education", {}),
        ("declaration", {}),
        ("answer", {}),
        ("pdf", {}),
        ("reading", {}),
        ("period", {"pid": period.pk}),
        ("download", {"fid": proof.pk}),
        ("delete_proof", {"fid": proof.pk}),
    ]:
        url = reverse(f"recevabilite:{name}", kwargs={"rpk": pk, **kwargs})
        assert client.get(url).status_code == 404, name


def test_finalise_is_refused_while_incomplete_with_links_to_each_item(
    client_of, af_request, candidate
):
    client = client_of(candidate)
    page = client.get(reverse("recevabilite:declaration", args=[af_request.pk])).content.decode()
    assert "ne peut pas encore être finalisée" in page
    identity = reverse("recevabilite:identity", args=[af_request.pk])
    period = af_request.periods.first()
    assert f'href="{identity}#id_nom"' in page
    period_url = reverse("recevabilite:period", args=[af_request.pk, period.pk])
    assert f'href="{period_url}#pieces"' in page
    response = client.post(
        reverse("recevabilite:declaration", args=[af_request.pk]),
        {
            "finalise": "1",
            "final-name": "A",
            "final-place": "Lyon",
            "final-date": timezone.localdate().isoformat(),
            "final-sworn": "on",
        },
    )
    assert response.status_code == 400
    af_request.refresh_from_db()
    assert not af_request.is_finalised


def test_the_fourth_request_is_refused_with_the_source_sentence(client_of, af_request, candidate):
    response = client_of(candidate).post(
        reverse("recevabilite:declaration", args=[af_request.pk]),
        {"count": "1", "count-other_requests_this_year": "3"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "ne pas déposer plus de trois demandes de Validation des Acquis" in page
    assert 'href="#id_count-other_requests_this_year"' in page


def test_a_complete_request_is_finalised_then_locked(client_of, af_request, candidate):
    complete(af_request)
    client = client_of(candidate)
    response = client.post(
        reverse("recevabilite:declaration", args=[af_request.pk]),
        {
            "finalise": "1",
            "final-name": "Alice Martin",
            "final-place": "Lyon",
            "final-date": timezone.localdate().isoformat(),
            "final-sworn": "on",
        },
    )
    assert response.status_code == 302
    af_request.refresh_from_db()
    assert af_request.is_finalised and af_request.sworn_place == "Lyon"
    period = af_request.periods.first()
    client.post(
        reverse("recevabilite:period", args=[af_request.pk, period.pk]),
        {"kind": "salarie", "title": "Changé"},
    )
    period.refresh_from_db()
    assert period.title != "Changé"


def test_identity_and_period_forms_keep_input_on_errors(client_of, af_request, candidate):
    client = client_of(candidate)
    response = client.post(
        reverse("recevabilite:identity", args=[af_request.pk]),
        {"nom": "Martin", "email": "pas-une-adresse", "naissance_date": "2990-01-01"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_email"' in page and 'value="Martin"' in page
    period = af_request.periods.first()
    response = client.post(
        reverse("recevabilite:period", args=[af_request.pk, period.pk]),
        {
            "kind": "salarie",
            "title": "Chargée",
            "start": "2023-05-01",
            "end": "2023-01-01",
            "part_time_percent": "100",
            "area_suivi-apprenants": "Relances",
        },
    )
    assert response.status_code == 400
    assert "ne peut pas précéder la date de début" in response.content.decode()
    assert "Relances" in response.content.decode()


def test_period_proofs_follow_the_livret_rules(client_of, af_request, candidate):
    client = client_of(candidate)
    period = af_request.periods.first()
    url = reverse("recevabilite:upload", args=[af_request.pk])
    client.post(url, {"period": period.pk, "file": SimpleUploadedFile("x.pdf", b"MZ not a pdf")})
    assert not Proof.objects.exists()
    client.post(url, {"period": period.pk, "file": SimpleUploadedFile("Fiche de paie.pdf", PDF)})
    [proof] = Proof.objects.all()
    assert (proof.period, proof.name, proof.kind) == (period, "Fiche_de_paie.pdf", "pdf")
    page = client.get(reverse("recevabilite:detail", args=[af_request.pk])).content.decode()
    assert page.count("Pièce manquante") == 1  # the second period still lacks one
    download = client.get(reverse("recevabilite:download", args=[af_request.pk, proof.pk]))
    assert download["Content-Type"] == "application/pdf"


def test_recorded_dates_feed_the_livret_timers_and_open_the_livret_2(
    client_of, referentials, candidate
):
    request = start(candidate, COS)
    complete(request)
    services.finalise(request=request, sworn_name="A M", sworn_place="Lyon", sworn_on=date.today())
    client = client_of(candidate)
    sent = timezone.localdate() - timedelta(days=80)
    response = client.post(
        reverse("recevabilite:answer", args=[request.pk]),
        {
            "sent_on": sent.isoformat(),
            "received_on": (sent + timedelta(days=3)).isoformat(),
            "decision": "sans_reponse",
            "confirm_sent": "on",  # sent before the request was started here
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("recevabilite:answer", args=[request.pk])).content.decode()
    assert "Acceptée : pas de réponse au terme du délai" in page
    assert "valable 18 mois" in page
    # 004's sentence goes on with both choices; the portal says which one is the candidate's.
    quote = html.unescape(page)[html.unescape(page).index("Elle est valable 18 mois") :][:1500]
    assert "un renouvellement, si le référentiel" in quote
    assert "reste inchangé. »" in quote
    after = quote[quote.index("une prorogation") :]
    assert after.index("(c’est votre cas)") < after.index("Proposé par le portail")
    client.post(reverse("recevabilite:start_livret", args=[request.pk]))
    livret = Livret.objects.get(owner=candidate)
    assert livret.candidature.request_sent_on == sent
    assert livret.candidature.request_received_on == sent + timedelta(days=3)
    identity = dict(
        Answer.objects.filter(livret=livret, section_code="identite").values_list(
            "field_key", "text"
        )
    )
    assert identity["nom"] == "Martin" and identity["naissance"] == "04/05/1990, Lyon"
    # A later favourable notification reaches the livret's journey.
    client.post(
        reverse("recevabilite:answer", args=[request.pk]),
        {
            "sent_on": sent.isoformat(),
            "decision": "favourable",
            "decided_on": (sent + timedelta(days=18)).isoformat(),
            "notified_on": (sent + timedelta(days=20)).isoformat(),
        },
    )
    livret.refresh_from_db()
    assert livret.candidature.notified_on == sent + timedelta(days=20)
    detail = client.get(reverse("livrets:detail", args=[livret.pk])).content.decode()
    assert "Fin de validité de la recevabilité" in detail


def test_gaps_are_shown_on_the_matching_livret_section(client_of, cos_request, candidate):
    client = client_of(candidate)
    client.post(reverse("recevabilite:gaps", args=[cos_request.pk]), {"units": ["A3"]})
    livret = services.start_livret(request=cos_request)
    flagged = client.get(reverse("livrets:section", args=[livret.pk, "activite-3"]))
    other = client.get(reverse("livrets:section", args=[livret.pk, "activite-1"]))
    assert "signalée par l’analyse des écarts" in flagged.content.decode()
    assert "signalée par l’analyse des écarts" not in other.content.decode()


def test_dates_in_the_future_or_before_sending_are_refused(client_of, af_request, candidate):
    complete(af_request)
    services.finalise(request=af_request, sworn_name="A", sworn_place="L", sworn_on=date.today())
    response = client_of(candidate).post(
        reverse("recevabilite:answer", args=[af_request.pk]),
        {"sent_on": "2026-03-01", "received_on": "2026-02-01"},
    )
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "la date de réception ne peut pas précéder la date d'envoi de votre demande" in page
    assert 'href="#id_received_on"' in page


def test_export_and_deletion_include_the_request_and_its_proofs(client_of, af_request, candidate):
    complete(af_request)
    client = client_of(candidate)
    response = client.get(reverse("livrets:export"))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    data = json.loads(archive.read("donnees.json"))
    [exported] = data["demandes_de_recevabilite"]
    assert exported["cqp"] == AF and data["profil"]["nom"] == "Martin"
    assert len(exported["periodes"]) == 2
    names = [p["fichier"] for p in exported["pieces"]]
    assert sorted(archive.read(n) for n in names) == stored_bytes(Proof.objects.all())
    assert len(names) == 2
    files = [p.file.name for p in Proof.objects.all()]
    storage = Proof.objects.first().file.storage
    from portal.accounts.services import delete_account

    delete_account(user=candidate)
    assert not RecevabiliteRequest.objects.exists() and not Period.objects.exists()
    assert not any(storage.exists(name) for name in files)


def test_an_invited_accompagnateur_reads_and_comments(
    client_of, referentials, candidate, other_candidate
):
    from livrets.livret2 import services as livret_services
    from livrets.review import services as review
    from tests.support.data import version_of

    request = start(candidate, COS)
    livret = livret_services.start_livret(owner=candidate, version=version_of(COS))
    client = client_of(other_candidate)
    assert client.get(reverse("recevabilite:reading", args=[request.pk])).status_code == 404
    invited = review.invite(livret=livret, email=other_candidate.email)
    review.accept(invitation=invited.invitation, user=other_candidate)
    url = reverse("recevabilite:reading", args=[request.pk])
    assert (
        f'href="{url}"' in client.get(reverse("review:livret", args=[livret.pk])).content.decode()
    )
    assert client.get(url).status_code == 200
    client.post(url, {"part": "periode", "body": "Détaillez la période 1.", "opinion": "rework"})
    owner_page = client_of(candidate).get(url).content.decode()
    assert "Détaillez la période 1." in owner_page and "À retravailler" in owner_page
    # Reading is not writing.
    coach = client_of(other_candidate)
    assert coach.get(reverse("recevabilite:detail", args=[request.pk])).status_code == 404


def test_every_page_renders_every_variable_in_each_state(client_of, referentials, candidate):
    from livrets.recevabilite.models import RequestComment

    client = client_of(candidate)
    session = client.session
    session[SESSION_RESULT] = {
        "cqp": AF,
        "as_of": date.today().isoformat(),
        "situation": "salarie",
        "current_job": "",
        "experiences": EXPERIENCES,
        "activities": [],
    }
    session.save()
    draft = start(candidate, AF)
    sent = start(candidate, COS)
    complete(sent)
    services.finalise(request=sent, sworn_name="A M", sworn_place="Lyon", sworn_on=date.today())
    services.record_answer(
        request=sent,
        # 004 counts the two months from the receipt (« A la réception de votre dossier »).
        facts=Facts(
            sent_on=date.today() - timedelta(days=90),
            received_on=date.today() - timedelta(days=85),
            decision="sans_reponse",
        ),
        by=candidate,
        today=date.today(),
    )
    services.record_gaps(request=sent, units=["A2"], note="Formation conseillée.")
    services.start_livret(request=sent)
    RequestComment.objects.create(request=sent, author=candidate, part="periode", body="Bien.")
    urls = [reverse("candidatures:demarches"), reverse("recevabilite:start") + f"?cqp={AF}"]
    for rq in (draft, sent):
        period = rq.periods.first()
        proof = rq.proofs.first()
        urls += [
            reverse(f"recevabilite:{name}", args=[rq.pk])
            for name in ("detail", "identity", "education", "declaration", "answer", "reading")
        ]
        urls += [
            reverse("recevabilite:period", args=[rq.pk, period.pk]),
            reverse("recevabilite:delete_period", args=[rq.pk, period.pk]),
        ]
        if proof:
            urls.append(reverse("recevabilite:delete_proof", args=[rq.pk, proof.pk]))
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "INVALID_TEMPLATE_VARIABLE" not in response.content.decode(), url
    demarches = client.get(urls[0]).content.decode()
    assert "Acceptée : pas de réponse au terme du délai" in demarches
    assert "votre demande peut être recevable" in demarches


def test_proof_quota_is_counted_again_under_the_account_lock(af_request, settings, monkeypatch):
    """Another proof of the same person lands while this one is being stored: the count taken
    under the lock sees it; this one is refused and its stored file removed."""
    settings.LIVRET_MAX_BYTES = stored_size(PDF) * 2
    period = af_request.periods.first()

    def race():
        for name in ("b.pdf", "c.pdf"):
            services.add_proof(
                request=af_request, upload=SimpleUploadedFile(name, PDF), period=period
            )

    stored = race_while_storing(monkeypatch, Proof, race)
    with pytest.raises(services.RequestError, match="par demande"):
        services.add_proof(
            request=af_request, upload=SimpleUploadedFile("a.pdf", PDF), period=period
        )
    assert sorted(Proof.objects.values_list("name", flat=True)) == ["b.pdf", "c.pdf"]
    assert not Proof._meta.get_field("file").storage.exists(stored[0])


def test_a_national_form_is_confirmed_not_sworn_on_the_portal(client_of, referentials, candidate):
    """004 and 000 give no declaration (it is signed on the national form): the checkbox
    confirms the preparation file; 002's own form keeps its sworn statement."""
    client = client_of(candidate)
    for slug, label, absent in (
        (COS, "Je confirme que les renseignements de ce dossier de préparation", "sur l'honneur."),
        (AF, "Je fais cette déclaration sur l'honneur.", "Je confirme que"),
    ):
        rq = start(candidate, slug)
        complete(rq)
        page = html.unescape(
            client.get(reverse("recevabilite:declaration", args=[rq.pk])).content.decode()
        )
        assert label in page and absent not in page, slug


def test_only_the_current_job_is_002s_emploi_actuel(client_of, af_request, candidate):
    """002's form has one block, « Emploi actuel »: a past period is shown and printed with
    the portal's words, marked, never as the current job."""
    from livrets.recevabilite.pdf import request_html

    current, past = af_request.periods.all()
    client = client_of(candidate)
    page = html.unescape(
        client.get(reverse("recevabilite:period", args=[af_request.pk, current.pk])).text
    )
    assert "Emploi actuel" in page and "Entreprise dans laquelle vous exercez" in page
    page = html.unescape(
        client.get(reverse("recevabilite:period", args=[af_request.pk, past.pk])).text
    )
    assert "Emploi actuel" not in page and "Entreprise dans laquelle vous exercez" not in page
    assert (
        'Autres périodes d’expérience <span class="proposed">« Proposé par le portail »</span>'
        in page
    )
    printed = html.unescape(request_html(af_request))
    start, others = printed.index('id="experiences-titre-1"'), printed.index("Autres périodes")
    assert "Emploi actuel" in printed[start:others]
    assert "Assistante de formation" in printed[start:others]
    assert "Trésorière" not in printed[start:others] and "Trésorière" in printed[others:]


def test_a_new_load_of_the_same_referential_is_not_a_change_of_the_referential(
    client_of, referentials, candidate, tmp_path
):
    """004: renewal if the certification's referential was modified, else prorogation. A file
    loaded again for the portal's wording or its format (a new version, new content hash) does
    not change the referential; a new version of its units does."""
    request = start(candidate, COS)
    complete(request)
    services.finalise(request=request, sworn_name="A M", sworn_place="Lyon", sworn_on=date.today())
    sent = timezone.localdate() - timedelta(days=40)
    client = client_of(candidate)
    client.post(
        reverse("recevabilite:answer", args=[request.pk]),
        {
            "sent_on": sent.isoformat(),
            "confirm_sent": "on",
            "decision": "favourable",
            "decided_on": sent.isoformat(),
            "notified_on": sent.isoformat(),
        },
    )
    path = Path(django_settings.REFERENTIAL_DATA_DIR) / "conseiller-offres-services.json"
    data = json.loads(path.read_text(encoding="utf-8"))

    def applying() -> str:
        request.refresh_from_db()
        request.cqp.refresh_from_db()
        [validity] = state(request)["outcome"].dates
        [(option, _)] = [o for o in validity.options if o[1]]
        return option.split(",")[0]

    assert applying() == "une prorogation"
    data["recevabilite_request"]["answer"]["start"]["text"] += " "  # the portal's wording
    (tmp_path / "reworded.json").write_text(json.dumps(data), encoding="utf-8")
    load_files([tmp_path / "reworded.json"])
    assert (
        RecevabiliteRequest.objects.get(pk=request.pk).cqp.current_id
        != request.referential_version_id
    )
    assert applying() == "une prorogation"
    data["version"] = "livret-2-bis"
    data["units"][0]["title"] = "Accueille et conseille l'utilisateur"
    (tmp_path / "changed.json").write_text(json.dumps(data), encoding="utf-8")
    load_files([tmp_path / "changed.json"])
    assert applying() == "un renouvellement"


def test_the_yearly_count_counts_the_requests_the_portal_knows(client_of, af_request, candidate):
    """Two other requests of the candidate made on the portal this year: declaring one made
    elsewhere reaches the limit of three, whatever the candidate would have answered."""
    from tests.support.recevabilite import COS, IAS, start

    now = timezone.now()
    for slug in (COS, IAS):
        other = start(candidate, slug)
        type(other).objects.filter(pk=other.pk).update(finalised_at=now)
    client = client_of(candidate)
    url = reverse("recevabilite:declaration", args=[af_request.pk])
    page = client.get(url).content.decode()
    assert "Le portail compte 2 autres demandes" in page
    assert "en dehors de ce portail" in page
    response = client.post(url, {"count": "1", "count-other_requests_this_year": "1"})
    assert response.status_code == 400
    assert "ne pas déposer plus de trois demandes de Validation des Acquis" in (
        response.content.decode()
    )
    # Requests of an earlier year are not counted.
    type(af_request).objects.exclude(pk=af_request.pk).update(
        finalised_at=now.replace(year=now.year - 1)
    )
    assert (
        client.post(url, {"count": "1", "count-other_requests_this_year": "1"}).status_code == 302
    )
