"""The evaluators' grid: the assigned evaluator fills « Lecture du dossier VAE » then the final
evaluation beside the candidate's self-positioning, the portal computes the source's rule and
says it is its calculation; a stale save keeps the text; who reads, who writes, who gets 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from livrets.desk import grid_rules, grid_selectors
from livrets.desk import services as desk
from livrets.desk.models import DeskEvent, EvaluationMark, EvaluationNote
from livrets.jury import services as jury
from livrets.livret2 import services as livrets
from tests.support.data import make_candidate, version_of
from tests.support.desk import deposited, make_staff
from tests.support.recevabilite import AF, COS, IAS

pytestmark = pytest.mark.django_db

C1 = [f"C1.E{i}" for i in range(1, 9)]


@pytest.fixture
def af(referentials):
    """A 002 request deposited by Alice, her livret 2 with her own positioning on C1.E1, the
    CPEF's staff: secretariat, jury, two evaluators (the first named for it), and the 000
    secretariat (another certifier)."""
    alice = make_candidate("alice@example.fr")
    livret = livrets.start_livret(owner=alice, version=version_of(AF))
    jury.rate_unit(
        livret=livret,
        unit_code="C1",
        role="candidat",
        author=alice,
        values={"C1.E1": "non_acquis"},
    )
    people = {
        "alice": alice,
        "secretariat": make_staff("secretariat@cpef.example", AF),
        "jury": make_staff("jury@cpef.example", AF, "jury"),
        "evaluator": make_staff("evaluatrice@cpef.example", AF, "evaluator"),
        "other_evaluator": make_staff("autre@cpef.example", AF, "evaluator"),
        "other_staff": make_staff("secretariat@cpneis.example", IAS),
    }
    rq = deposited(alice, AF)
    desk.assign(request=rq, by=people["secretariat"], evaluator_id=people["evaluator"].pk)
    return rq, people


def grid_url(rq) -> str:
    return reverse("desk:grid", args=[rq.pk])


def part_url(rq, part: str) -> str:
    return reverse("desk:grid_part", args=[rq.pk, part])


def version(rq, part: str) -> str:
    sheet = grid_selectors.sheet_of(rq.candidature, rq.referential_version.referential)
    return sheet.review_version if part == "bilan" else sheet.unit(part).version


def post_unit(client, rq, part="C1", *, column=None, value="acquis", codes=C1, **extra):
    data = {"version": version(rq, part), **extra}
    if column:
        data.update({grid_rules.field_name(column, code): value for code in codes})
    return client.post(part_url(rq, part), data)


def test_the_evaluator_fills_the_reading_then_the_final_column(af, as_user):
    rq, people = af
    client = as_user(people["evaluator"])
    page = client.get(grid_url(rq))
    assert page.status_code == 200
    text = page.content.decode()
    # The source's headings word for word.
    for words in (
        "Lecture du dossier VAE (tableau des activités renseigné par le candidat)",
        "ETAPE 2 : Evaluation finale",
        "Résultats après observation et entretien",
        "Points à vérifier lors de l’entretien",
        "BILAN DE L’EVALUATION DES COMPETENCES",
        "Commentaires de l’évaluateur externe :",
        "Non mis en œuvre",
    ):
        assert words in text, words
    # Alice's own positioning beside the element, labelled as hers.
    assert "Positionnement du candidat" in text
    assert "<strong>Non acquis</strong>" in text
    assert "Calcul proposé par le portail" in text
    assert "indéterminé" in text

    saved = post_unit(client, rq, column="lecture")
    assert saved.status_code == 302
    assert saved["Location"].endswith("#grille-C1-enregistre")
    assert EvaluationMark.objects.filter(column="lecture", value="acquis").count() == 8
    # The final column still empty: the rule waits for it.
    c1 = client.get(grid_url(rq)).content.decode()
    assert "C1 : enregistré" in c1 or "enregistré" in c1
    assert "ne sont pas encore évalués" in c1

    post_unit(client, rq, column="finale", points="Vérifier les bilans de formation.")
    sheet = grid_selectors.sheet_of(rq.candidature, rq.referential_version.referential)
    assert sheet.unit("C1").outcome.label == "maîtrisée"
    assert sheet.unit("C1").points.text == "Vérifier les bilans de formation."
    page = client.get(grid_url(rq)).content.decode()
    assert "maîtrisée" in page and "Tous les éléments sont acquis." in page
    assert "Vérifier les bilans de formation." in page
    events = DeskEvent.objects.filter(action="evaluate")
    assert events.count() == 2
    assert events.last().after["points"] == "Vérifier les bilans de formation."
    assert events.last().before["finale-C1.E1"] == ""


def test_a_non_implemented_element_of_unknown_essential_marking_is_undetermined(af, as_user):
    rq, people = af
    client = as_user(people["evaluator"])
    post_unit(client, rq, column="finale")
    post_unit(client, rq, column="finale", value="non_mis_en_oeuvre", codes=["C1.E2"])
    sheet = grid_selectors.sheet_of(rq.candidature, rq.referential_version.referential)
    outcome = sheet.unit("C1").outcome
    assert outcome.mastered is None
    assert "la source ne dit pas quels éléments sont incontournables" in outcome.reasons[0]


def test_the_final_review_keeps_the_evaluators_comments(af, as_user):
    rq, people = af
    client = as_user(people["evaluator"])
    answer = client.post(
        part_url(rq, "bilan"),
        {"version": version(rq, "bilan"), "commentaires_evaluateur": "Candidate rigoureuse."},
    )
    assert answer.status_code == 302
    assert EvaluationNote.objects.get(unit_code="", kind="commentaires_evaluateur").text == (
        "Candidate rigoureuse."
    )
    assert "Candidate rigoureuse." in as_user(people["secretariat"]).get(grid_url(rq)).text


def test_a_stale_save_is_refused_and_keeps_the_text(af, as_user):
    rq, people = af
    desk.assign(request=rq, by=people["secretariat"], evaluator_id=people["other_evaluator"].pk)
    seen = version(rq, "C1")
    post_unit(as_user(people["evaluator"]), rq, points="Premier texte.")
    late = as_user(people["other_evaluator"]).post(
        part_url(rq, "C1"), {"version": seen, "points": "Mon texte à garder."}
    )
    assert late.status_code == 409
    text = late.content.decode()
    assert "evaluatrice@cpef.example a enregistré cette partie de la grille depuis" in text
    assert "Vos saisies sont gardées ci-dessous" in text
    assert "Mon texte à garder." in text
    assert not EvaluationNote.objects.filter(text="Mon texte à garder.").exists()
    # Sent again from that page (it now carries the current version): saved.
    again = as_user(people["other_evaluator"]).post(
        part_url(rq, "C1"), {"version": version(rq, "C1"), "points": "Mon texte à garder."}
    )
    assert again.status_code == 302


def test_unknown_elements_and_values_are_refused_in_french(af, as_user):
    rq, people = af
    client = as_user(people["evaluator"])
    unknown = client.post(
        part_url(rq, "C1"), {"version": version(rq, "C1"), "finale-C9.E9": "acquis"}
    )
    assert unknown.status_code == 400
    assert "« C9.E9 » n’est pas un élément de cette grille." in unknown.content.decode()
    bad = client.post(part_url(rq, "C1"), {"version": version(rq, "C1"), "finale-C1.E1": "peut"})
    assert bad.status_code == 400
    assert "Choisissez une évaluation de la liste" in bad.content.decode()
    assert client.post(part_url(rq, "C99"), {}).status_code == 404
    assert not EvaluationMark.objects.exists()


def test_who_reads_and_who_writes_the_grid(af, as_user):
    rq, people = af
    url = grid_url(rq)
    assert as_user(None).get(url).status_code == 302
    for who in ("alice", "other_evaluator", "other_staff"):
        assert as_user(people[who]).get(url).status_code == 404, who
        assert as_user(people[who]).post(part_url(rq, "C1"), {}).status_code == 404, who
    for who in ("secretariat", "jury"):
        page = as_user(people[who]).get(url)
        assert page.status_code == 200, who
        assert "Lecture seule" in page.text
        assert '<button type="submit">Enregistrer' not in page.text
        assert post_unit(as_user(people[who]), rq, points="x").status_code == 403, who
    assert not EvaluationNote.objects.exists()


def test_000_offers_the_portals_layout_and_says_what_the_source_lacks(referentials, as_user):
    bob = make_candidate("bob@example.fr")
    secretariat = make_staff("secretariat@cpneis.example", IAS)
    evaluator = make_staff("evaluateur@cpneis.example", IAS, "evaluator")
    rq = deposited(bob, IAS)
    desk.assign(request=rq, by=secretariat, evaluator_id=evaluator.pk)
    page = as_user(evaluator).get(grid_url(rq)).content.decode()
    assert "Proposé par le portail" in page
    assert "« évaluation des compétences du candidat »" in page
    assert "80% des critères d&#x27;évaluation" in page or "80% des critères d'évaluation" in page
    assert "La source ne donne pas les critères d’évaluation de ce bloc" in page
    assert "indéterminé" in page
    assert "e-certif" in page
    answer = as_user(evaluator).post(
        part_url(rq, "B1"), {"version": version(rq, "B1"), "points": "Observer une réunion."}
    )
    assert answer.status_code == 302
    assert "Observer une réunion." in as_user(secretariat).get(grid_url(rq)).text


def test_004_has_no_grid_and_says_so(referentials, as_user):
    secretariat = make_staff("commission@ucanss.example", COS)
    rq = deposited(make_candidate("carla@example.fr"), COS)
    page = as_user(secretariat).get(grid_url(rq))
    assert page.status_code == 200
    assert "La source de ce CQP ne donne pas de grille d’évaluation" in page.text
    assert as_user(secretariat).post(part_url(rq, "A1"), {}).status_code == 404
    assert as_user(secretariat).get(reverse("desk:ecertif", args=[rq.pk])).status_code == 404


def test_the_inbox_shows_a_recevable_request_under_evaluation(af, as_user):
    from django.utils import timezone

    rq, people = af
    desk.decide(
        request=rq,
        by=people["secretariat"],
        outcome="recevable",
        motifs="",
        decided_on=timezone.localdate(),
        today=timezone.localdate(),
        link="http://x/",
    )
    inbox = as_user(people["secretariat"])
    page = inbox.get(reverse("desk:inbox"), {"statut": "evaluation"}).content.decode()
    assert "alice@example.fr" in page
    assert "Évaluation</a> : <strong>1</strong>" in page
    assert "alice@example.fr" not in inbox.get(reverse("desk:inbox"), {"statut": "recevable"}).text
    assert "Grille d’évaluation" in inbox.get(reverse("desk:request", args=[rq.pk])).text
