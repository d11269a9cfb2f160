"""The certifiers' API (``/api/certificateurs/v1/``): a token per certifier's system, scoped
to its CQPs; the list by status and page, one candidature, the recevabilité decision, every
refusal in French JSON at its path."""

from __future__ import annotations

import base64
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from home.referentials.models import Cqp
from livrets.candidatures.models import Candidature
from livrets.desk import tokens
from livrets.desk.models import ApiToken, DeskEvent
from tests.support.data import make_candidate
from tests.support.desk import deposited, finalised, make_desk_staff
from tests.support.recevabilite import COS, IAS
from tests.support.uploads import PDF

pytestmark = pytest.mark.django_db
BASE = "/api/certificateurs/v1"


@pytest.fixture
def admin(referentials):
    user = make_candidate("admin@portail.example")
    user.is_superuser = user.is_staff = True
    user.save()
    return user


@pytest.fixture
def cos_token(admin):
    _, clear = tokens.issue(name="SI Ucanss", cqps=[Cqp.objects.get(slug=COS)], by=admin)
    return clear


@pytest.fixture
def ias_token(admin):
    _, clear = tokens.issue(name="SI CPNEIS", cqps=[Cqp.objects.get(slug=IAS)], by=admin)
    return clear


@pytest.fixture
def cos_request(referentials):
    make_desk_staff()
    return deposited(make_candidate("alice@example.fr"), COS)


def api(token: str | None = None) -> Client:
    return Client(headers={"Authorization": f"Bearer {token}"} if token else {})


def post(client: Client, url: str, body: dict):
    return client.post(url, body, content_type="application/json")


# Tokens ----------------------------------------------------------------------------------


def test_only_the_hash_is_kept_and_only_a_superuser_issues(admin):
    token, clear = tokens.issue(name="SI", cqps=[Cqp.objects.get(slug=COS)], by=admin)
    assert clear.startswith("cqpvae_") and len(clear) > 40
    assert clear not in str(ApiToken.objects.filter(pk=token.pk).values().get())
    assert token.token_hash == tokens.digest(clear)
    assert tokens.authenticate(clear) == token
    with pytest.raises(tokens.TokenError, match="administrateur"):
        tokens.issue(name="SI", cqps=[Cqp.objects.get(slug=COS)], by=make_candidate("x@y.fr"))
    with pytest.raises(tokens.TokenError, match="au moins un CQP"):
        tokens.issue(name="SI", cqps=[], by=admin)


def test_the_command_prints_the_token_once_lists_and_revokes(admin, capsys):
    call_command("api_token", "create", "--nom", "SI Ucanss", "--cqp", COS, "--par", admin.email)
    out = capsys.readouterr().out
    clear = out.strip().splitlines()[-1]
    assert "il ne sera plus jamais affiché" in out
    token = tokens.authenticate(clear)
    assert token is not None and token.name == "SI Ucanss" and token.created_by == admin
    call_command("api_token", "list")
    listed = capsys.readouterr().out
    assert "SI Ucanss" in listed and clear not in listed and "en vigueur" in listed
    call_command("api_token", "revoke", str(token.pk))
    assert tokens.authenticate(clear) is None


def test_without_a_valid_token_every_operation_is_401_json_in_french(cos_token, cos_request, admin):
    c = cos_request.candidature
    revoked, _ = ApiToken.objects.get(), None
    tokens.revoke(revoked)
    session = Client()
    session.force_login(admin)  # a session is no token
    for client in (api(), api("cqpvae_faux"), api(cos_token), session):
        for response in (
            client.get(f"{BASE}/candidatures"),
            client.get(f"{BASE}/candidatures/{c.public_id}"),
            post(client, f"{BASE}/candidatures/{c.public_id}/recevabilite", {}),
        ):
            assert response.status_code == 401
            assert response["Content-Type"] == "application/json"
            assert response["WWW-Authenticate"].startswith("Bearer")
            assert "Authentification requise" in response.json()["errors"]["$"][0]
    assert not DeskEvent.objects.exclude(action="deposit").exists()


def test_the_last_use_is_noted(cos_token):
    assert api(cos_token).get(f"{BASE}/candidatures").status_code == 200
    assert ApiToken.objects.get().last_used_at is not None


# Reading ---------------------------------------------------------------------------------


def test_a_candidature_of_another_cqp_is_404_as_an_unknown_one(cos_token, ias_token, cos_request):
    c = cos_request.candidature
    other = api(ias_token)
    assert other.get(f"{BASE}/candidatures").json()["total"] == 0
    for url in (f"{BASE}/candidatures/{c.public_id}", f"{BASE}/candidatures/pas-un-uuid"):
        response = other.get(url)
        assert response.status_code == 404
        assert response.json() == {
            "errors": {"$": ["Aucune candidature de vos CQP n'a cet identifiant."]}
        }
    refused = post(other, f"{BASE}/candidatures/{c.public_id}/recevabilite", _decision())
    assert refused.status_code == 404
    c.refresh_from_db()
    assert c.desk_status == "a_examiner"
    # A request prepared but not deposited is not at the desk: 404 too.
    kept = finalised(make_candidate("bruno@example.fr"), COS).candidature
    assert api(cos_token).get(f"{BASE}/candidatures/{kept.public_id}").status_code == 404


def test_one_candidature_says_its_facts(cos_token, cos_request):
    c = cos_request.candidature
    got = api(cos_token).get(f"{BASE}/candidatures/{c.public_id}")
    assert got.status_code == 200
    data = got.json()
    today = timezone.localdate()
    assert data["public_id"] == str(c.public_id)
    assert data["cqp"] == COS and "Conseiller" in data["cqp_titre"]
    assert data["candidat"]["courriel"] == "alice@example.fr"
    assert data["depose_le"] == today.isoformat()
    assert (data["statut"], data["statut_libelle"]) == ("a_examiner", "À examiner")
    # 004: two months from the receipt, silence is acceptance.
    assert data["silence_vaut_acceptation_le"] > today.isoformat()
    assert data["decisions"] == []
    assert [e["action"] for e in data["historique"]] == ["deposit"]
    assert data["historique"][0]["via"] is None


def _bulk(count: int, *, days_ago: int = 1) -> list[Candidature]:
    cqp = Cqp.objects.get(slug=COS)
    day = timezone.localdate() - timedelta(days=days_ago)
    return [
        Candidature.objects.create(
            owner=make_candidate(f"c{n}@example.fr"),
            cqp=cqp,
            deposited_on=day - timedelta(days=n),
            request_sent_on=day - timedelta(days=n),
            request_received_on=day - timedelta(days=n),
            desk_status="a_examiner" if n % 2 == 0 else "recevable",
        )
        for n in range(count)
    ]


def test_the_list_is_paginated_with_its_total_and_filtered_by_status(cos_token, monkeypatch):
    from portal.api.certifiers import candidatures

    monkeypatch.setattr(candidatures, "PAGE_SIZE", 2)
    made = _bulk(5)
    client = api(cos_token)
    first = client.get(f"{BASE}/candidatures").json()
    assert (first["total"], first["pages"], first["page"]) == (5, 3, 1)
    assert [r["public_id"] for r in first["candidatures"]] == [str(c.public_id) for c in made[:2]]
    last = client.get(f"{BASE}/candidatures", {"page": 3}).json()
    assert [r["public_id"] for r in last["candidatures"]] == [str(made[4].public_id)]
    assert client.get(f"{BASE}/candidatures", {"page": 4}).json()["candidatures"] == []
    pending = client.get(f"{BASE}/candidatures", {"statut": "a_examiner"}).json()
    assert pending["total"] == 3
    assert {r["statut"] for r in pending["candidatures"]} == {"a_examiner"}
    admitted = client.get(f"{BASE}/candidatures", {"statut": "recevable"}).json()
    assert admitted["total"] == 2


def test_a_request_past_its_silence_date_is_listed_as_accepted_by_silence(cos_token):
    (old,) = _bulk(1, days_ago=70)
    client = api(cos_token)
    silent = client.get(f"{BASE}/candidatures", {"statut": "acceptee_par_silence"}).json()
    assert [r["public_id"] for r in silent["candidatures"]] == [str(old.public_id)]
    assert client.get(f"{BASE}/candidatures", {"statut": "a_examiner"}).json()["total"] == 0


@pytest.mark.parametrize(
    ("query", "path", "words"),
    [
        ({"statut": "perdue"}, "$.statut", "Valeur inconnue : choisissez parmi"),
        ({"page": 0}, "$.page", "Nombre hors des limites"),
        ({"page": "deux"}, "$.page", "Valeur invalide"),
        ({"cqp": "x"}, "$.cqp", "Paramètre inconnu"),
    ],
)
def test_a_bad_query_is_400_with_its_path(cos_token, query, path, words):
    response = api(cos_token).get(f"{BASE}/candidatures", query)
    assert response.status_code == 400
    (message,) = response.json()["errors"][path]
    assert words in message


# Deciding --------------------------------------------------------------------------------


def _decision(**changes) -> dict:
    return {
        "decision": "incomplete",
        "motifs": "Il manque l'attestation d'employeur.",
        "date": timezone.localdate().isoformat(),
        **changes,
    }


def test_a_decision_is_recorded_told_to_the_candidate_and_written_in_the_history(
    cos_token, cos_request, admin
):
    c = cos_request.candidature
    response = post(api(cos_token), f"{BASE}/candidatures/{c.public_id}/recevabilite", _decision())
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["statut"] == "incomplete"
    (decision,) = data["decisions"]
    assert decision["decision"] == "incomplete"
    assert decision["motifs"] == "Il manque l'attestation d'employeur."
    assert decision["lettre"] is None
    assert data["historique"][-1]["via"] == "api:SI Ucanss"
    c.refresh_from_db()
    assert c.desk_status == "incomplete"
    event = DeskEvent.objects.filter(candidature=c).latest("pk")
    assert (event.action, event.actor) == ("incomplete", admin)
    assert event.after["via"] == "api:SI Ucanss"
    assert event.before["desk_status"] == "a_examiner"
    # The candidate is told by email (the deposit's acknowledgement, then the decision).
    told = mail.outbox[-1]
    assert told.to == ["alice@example.fr"]
    assert "Incomplète" in told.body
    # A second decision on the request sent back: refused at its root path, 422.
    again = post(api(cos_token), f"{BASE}/candidatures/{c.public_id}/recevabilite", _decision())
    assert again.status_code == 422
    assert again.json() == {
        "errors": {"$": ["Une décision est déjà enregistrée pour cette demande."]}
    }


def test_a_decision_with_its_pdf_letter(cos_token, cos_request):
    c = cos_request.candidature
    letter = {"nom": "lettre.pdf", "contenu_base64": base64.b64encode(PDF).decode()}
    response = post(
        api(cos_token),
        f"{BASE}/candidatures/{c.public_id}/recevabilite",
        _decision(decision="recevable", motifs="", lettre=letter),
    )
    assert response.status_code == 200, response.content
    (decision,) = response.json()["decisions"]
    assert decision["decision"] == "recevable"
    assert decision["lettre"]["nom"] == "lettre.pdf"
    c.refresh_from_db()
    assert c.decision == "favourable"


@pytest.mark.parametrize(
    ("changes", "status", "path", "words"),
    [
        ({"decision": "peut-etre"}, 400, "$.decision", "Valeur inconnue"),
        ({"decision": "non_recevable", "motifs": "  "}, 422, "$.motifs", "Indiquez les motifs"),
        ({"motifs": "x" * 4001}, 400, "$.motifs", "4000 caractères au plus"),
        ({"date": "07/12/2026"}, 400, "$.date", "AAAA-MM-JJ"),
        ({"date": "2100-01-01"}, 422, "$.date", "ne peut pas être dans le futur"),
        ({"date": "2000-01-01"}, 422, "$.date", "ne peut pas précéder le dépôt"),
        ({"avis": "oui"}, 400, "$.avis", "Champ inconnu"),
        (
            {"lettre": {"nom": "lettre.pdf", "contenu_base64": "pas du base64 !"}},
            400,
            "$.lettre.contenu_base64",
            "pas du base64 valide",
        ),
        (
            {"lettre": {"nom": "lettre.pdf"}},
            400,
            "$.lettre.contenu_base64",
            "Champ obligatoire",
        ),
        (
            {
                "lettre": {
                    "nom": "lettre.pdf",
                    "contenu_base64": base64.b64encode(b"Bonjour, ceci est du texte.").decode(),
                }
            },
            422,
            "$.lettre",
            "n'est pas un fichier PDF",
        ),
    ],
)
def test_every_refused_decision_is_json_with_its_path_and_nothing_is_recorded(
    cos_token, cos_request, changes, status, path, words
):
    c = cos_request.candidature
    body = {k: v for k, v in _decision(**changes).items()}
    response = post(api(cos_token), f"{BASE}/candidatures/{c.public_id}/recevabilite", body)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    assert any(words in m for m in response.json()["errors"][path]), response.json()
    c.refresh_from_db()
    assert c.desk_status == "a_examiner"
    assert not DeskEvent.objects.exclude(action="deposit").exists()


def test_a_missing_field_and_a_body_that_is_not_json(cos_token, cos_request):
    url = f"{BASE}/candidatures/{cos_request.candidature.public_id}/recevabilite"
    client = api(cos_token)
    missing = post(client, url, {"motifs": "x"})
    assert missing.status_code == 400
    assert missing.json()["errors"] == {
        "$.decision": ["Champ obligatoire."],
        "$.date": ["Champ obligatoire."],
    }
    not_json = client.post(url, "decision=recevable", content_type="text/plain")
    assert not_json.status_code == 415
    assert client.post(url, "{", content_type="application/json").json() == {
        "errors": {"$": ["JSON invalide."]}
    }
    assert client.get(url).status_code == 405


# The document ----------------------------------------------------------------------------


def test_the_document_is_served_without_token_and_says_the_bearer_scheme():
    document = Client().get(f"{BASE}/openapi.json").json()
    assert document["servers"] == [{"url": "/api/certificateurs/v1"}]
    assert set(document["paths"]) == {
        "/candidatures",
        "/candidatures/{public_id}",
        "/candidatures/{public_id}/recevabilite",
        "/candidatures/{public_id}/jury",
        "/sessions",
    }
    assert document["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"
    status = document["paths"]["/candidatures"]["get"]["parameters"][0]
    assert "acceptee_par_silence" in str(status["schema"])


def test_the_creators_export_names_the_token_never_its_secret(admin, cos_token):
    from portal.accounts.export import export_data

    (issued,) = export_data(admin)["bureau_personnel"]["jetons_api_crees"]
    assert issued["systeme"] == "SI Ucanss" and issued["cqp"] == [COS]
    assert cos_token.startswith(issued["debut_du_jeton"])
    assert cos_token not in str(export_data(admin))


# The jury's result ---------------------------------------------------------------------------


def test_the_jury_decision_is_recorded_told_and_written(cos_token, cos_request, admin):
    from livrets.livret2 import services as livrets
    from tests.support.data import version_of

    c = cos_request.candidature
    client = api(cos_token)
    url = f"{BASE}/candidatures/{c.public_id}"
    admitted = post(client, f"{url}/recevabilite", _decision(decision="recevable", motifs=""))
    assert admitted.status_code == 200
    livret = livrets.start_livret(owner=c.owner, version=version_of(COS))
    units = [u.code for u in livret.referential_version.referential.units]
    body = {
        "resultat": "partielle",
        "unites_validees": units[:1],
        "motifs": "Les autres activités ne sont pas démontrées.",
        "date": timezone.localdate().isoformat(),
    }
    # Refused, each at its path: no motifs for a partial validation, an unknown part, an
    # unknown outcome.
    no_motifs = post(client, f"{url}/jury", {**body, "motifs": ""})
    assert no_motifs.status_code == 422 and "$.motifs" in no_motifs.json()["errors"]
    unknown_part = post(client, f"{url}/jury", {**body, "unites_validees": ["Z9"]})
    assert unknown_part.status_code == 422
    assert "Parties inconnues" in unknown_part.json()["errors"]["$.unites_validees"][0]
    unknown = post(client, f"{url}/jury", {**body, "resultat": "moitie"})
    assert unknown.status_code == 400 and "$.resultat" in unknown.json()["errors"]
    response = post(client, f"{url}/jury", body)
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["statut"] == "decision"
    assert data["historique"][-1]["via"] == "api:SI Ucanss"
    event = DeskEvent.objects.filter(candidature=c).latest("pk")
    assert (event.actor, event.after["via"]) == (admin, "api:SI Ucanss")
    assert event.after["unites_validees"] == units[:1]
    assert mail.outbox[-1].to == ["alice@example.fr"]
    again = post(client, f"{url}/jury", body)
    assert again.status_code == 422
    assert "déjà enregistrée" in again.json()["errors"]["$"][0]


def test_no_jury_decision_before_the_request_is_recevable(cos_token, cos_request):
    url = f"{BASE}/candidatures/{cos_request.candidature.public_id}/jury"
    body = {"resultat": "totale", "date": timezone.localdate().isoformat()}
    refused = post(api(cos_token), url, body)
    assert refused.status_code == 422
    assert "n'est pas recevable" in refused.json()["errors"]["$"][0]


# Jury sessions ------------------------------------------------------------------------------


def _session(cos_token, candidatures, **changes):
    held = timezone.localdate() + timedelta(days=60)
    body = {"cqp": COS, "date": held.isoformat(), "lieu": "Paris, siège de l'Ucanss"}
    body |= {"candidatures": [str(c.public_id) for c in candidatures], **changes}
    return post(api(cos_token), f"{BASE}/sessions", body)


def test_a_session_is_created_and_its_candidates_convened(cos_token, admin):
    from livrets.desk.models import JurySession
    from tests.support.desk import deposited_livret

    make_desk_staff()
    c = deposited_livret(make_candidate("alice@example.fr")).candidature
    response = _session(cos_token, [c])
    assert response.status_code == 201, response.content
    data = response.json()
    session = JurySession.objects.get()
    assert (data["id"], data["cqp"], data["lieu"]) == (session.pk, COS, session.place)
    assert data["candidatures"] == [str(c.public_id)]
    c.refresh_from_db()
    assert c.jury_on == session.held_on
    event = DeskEvent.objects.filter(candidature=c).latest("pk")
    assert (event.actor, event.after["via"]) == (admin, "api:SI Ucanss")
    assert mail.outbox[-1].to == ["alice@example.fr"]
    read = api(cos_token).get(f"{BASE}/candidatures/{c.public_id}").json()
    assert read["historique"][-1]["via"] == "api:SI Ucanss"


def test_a_refused_session_creates_nothing_and_says_where(cos_token, ias_token):
    from livrets.desk.models import JurySession

    make_desk_staff()
    pending = deposited(make_candidate("alice@example.fr"), COS).candidature
    # Another certifier's CQP, as an unknown one.
    other = _session(ias_token, [], cqp=COS)
    assert other.status_code == 404
    assert other.json() == {"errors": {"$.cqp": ["Aucun CQP de votre jeton n'a cet identifiant."]}}
    # A candidature the token does not read.
    unread = _session(ias_token, [pending], cqp=IAS)
    assert unread.status_code == 404
    assert unread.json()["errors"] == {
        "$.candidatures[0]": ["Aucune candidature de vos CQP n'a cet identifiant."]
    }
    # A date in the past, then a candidature whose livret 2 is not deposited: nothing kept.
    past = _session(cos_token, [], date="2000-01-01")
    assert past.status_code == 422 and "$.date" in past.json()["errors"]
    blank = _session(cos_token, [], lieu="  ")
    assert blank.status_code == 400 and "$.lieu" in blank.json()["errors"]
    unready = _session(cos_token, [pending])
    assert unready.status_code == 422 and "$.candidatures[0]" in unready.json()["errors"]
    assert not JurySession.objects.exists()
    pending.refresh_from_db()
    assert pending.jury_on is None


def test_a_body_over_the_request_limit_is_refused_in_french(cos_token, cos_request):
    url = f"{BASE}/candidatures/{cos_request.candidature.public_id}/recevabilite"
    letter = {"nom": "lettre.pdf", "contenu_base64": "A" * (2_700_000)}
    response = post(api(cos_token), url, _decision(lettre=letter))
    assert response.status_code == 400
    (message,) = response.json()["errors"]["$"]
    assert message.startswith("Le corps de la requête dépasse 2,5 Mo")
