"""The grid page: ratings with history, evidence, the accompagnateur alongside, access, the
number of queries, the PDF and the jury decision."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from livrets.jury import services
from livrets.jury.models import Evidence, JuryDecision, Rating
from livrets.livret2.completeness import Status, check
from livrets.livret2.models import Livret
from livrets.livret2.pdf.content import build
from livrets.livret2.selectors import livret_content
from tests.support.error_summary import assert_shared_summary
from tests.support.pdf import flat, pages_text, reader

pytestmark = pytest.mark.django_db

C4 = [f"C4.E{i}" for i in range(1, 6)]
NBSP = "\u00a0"  # French typography before : ; ? ! and inside « »


def grid_url(livret):
    return f"/preparer-le-jury/livrets/{livret.pk}/"


def rate_url(livret, code="C4"):
    return f"/preparer-le-jury/livrets/{livret.pk}/unites/{code}/"


def post_c4(client, livret, **values):
    data = {f"note-{c}": values.get(c, "acquis") for c in C4}
    return client.post(rate_url(livret), data)


def test_a_refused_rating_shows_the_shared_error_summary_linking_to_each_element(
    client, jury_people
):
    livret = jury_people["livret"]
    client.force_login(jury_people["candidate"])
    answer = post_c4(client, livret, **{"C4.E1": "bidon", "C4.E3": "autre"})
    assert answer.status_code == 400
    links = assert_shared_summary(answer, answer.context["posted_form"])
    assert links == ["#id_note-C4.E1_0", "#id_note-C4.E3_0"]
    assert re.search(r"<title>\s*Erreur : Grille de positionnement", answer.content.decode())
    assert not Rating.objects.filter(livret=livret).exclude(element_code__startswith="C4").exists()


def test_the_candidate_rates_a_competence_and_sees_the_result_with_its_reason(client, jury_people):
    livret = jury_people["livret"]
    client.force_login(jury_people["candidate"])
    answer = post_c4(client, livret, **{"C4.E2": "non_mis_en_oeuvre"})
    assert answer.status_code == 302
    assert answer["Location"].endswith("#unite-C4-enregistre")
    page = client.get(grid_url(livret)).content.decode().replace(NBSP, " ")
    assert "indéterminé" in page
    assert "C4.E2 est « non mis en œuvre »" in page
    post_c4(client, livret)
    page = client.get(grid_url(livret)).content.decode().replace(NBSP, " ")
    assert "Tous les éléments sont acquis." in page
    # Every rating kept: 5, then only the one that changed.
    assert Rating.objects.filter(livret=livret, element_code="C4.E2").count() == 2
    assert Rating.objects.filter(livret=livret).count() == 6
    history = (
        client.get(f"/preparer-le-jury/livrets/{livret.pk}/historique/")
        .content.decode()
        .replace(NBSP, " ")
    )
    assert history.count("C4.E2") == 2
    assert "Non mis en œuvre" in history


def test_the_candidate_links_the_livret_parts_that_show_an_element(client, jury_people):
    livret = jury_people["livret"]
    ref = livret.referential_version.referential
    item = ref.units_by_code["C4"].activity_items[0]
    key = f"section:competence-4|{item.code}.exemples"
    client.force_login(jury_people["candidate"])
    page = client.get(grid_url(livret)).content.decode().replace(NBSP, " ")
    assert "Une salle indisponible." not in page  # a label, not the text itself
    assert item.label in page
    answer = client.post(rate_url(livret), {"preuves-C4.E1": [key]})
    assert answer.status_code == 302
    assert list(Evidence.objects.values_list("target", "source")) == [("C4.E1", key)]
    answer = client.post(rate_url(livret), {"preuves-C4.E1": ["section:autre|x"]})
    assert answer.status_code == 400
    page = answer.content.decode().replace(NBSP, " ")
    assert "Une réponse est à corriger" in page
    assert assert_shared_summary(answer, answer.context["posted_form"]) == ["#id_preuves-C4.E1_0"]
    assert Evidence.objects.count() == 1


def test_the_accompagnateur_rates_alongside_and_differences_are_shown(client, jury_people):
    livret = jury_people["livret"]
    client.force_login(jury_people["candidate"])
    post_c4(client, livret)
    client.force_login(jury_people["coach"])
    assert post_c4(client, livret, **{"C4.E3": "non_acquis"}).status_code == 302
    page = client.get(grid_url(livret)).content.decode().replace(NBSP, " ")
    assert "Selon les évaluations de l’accompagnateur" in page
    assert page.count("– différente de la vôtre") == 1
    assert 'class="element differs" id="element-C4.E3"' in page
    # The accompagnateur cannot link evidence: the field is ignored.
    client.post(rate_url(livret), {"preuves-C4.E1": ["situation:1"]})
    assert not Evidence.objects.exists()
    client.force_login(jury_people["candidate"])
    page = client.get(grid_url(livret)).content.decode().replace(NBSP, " ")
    assert "1 élément évalué différemment" in page


def test_another_persons_livret_answers_404(client, jury_people):
    livret = jury_people["livret"]
    client.force_login(jury_people["stranger"])
    for url in (grid_url(livret), f"/preparer-le-jury/livrets/{livret.pk}/entretien/"):
        assert client.get(url).status_code == 404
    assert post_c4(client, livret).status_code == 404
    assert not Rating.objects.exists()
    # The decision is the candidate's own.
    client.force_login(jury_people["coach"])
    assert client.get(f"/preparer-le-jury/livrets/{livret.pk}/decision/").status_code == 404


def test_the_grid_queries_do_not_grow_with_the_elements_rated(client, jury_people):
    livret = jury_people["livret"]
    client.force_login(jury_people["candidate"])
    client.get(grid_url(livret))
    with CaptureQueriesContext(connection) as none_rated:
        assert client.get(grid_url(livret)).status_code == 200
    ref = livret.referential_version.referential
    for unit in ref.units:
        client.post(
            rate_url(livret, unit.code), {f"note-{e.code}": "acquis" for e in unit.elements}
        )
    assert Rating.objects.count() == ref.element_count == 45
    client.get(grid_url(livret))  # the last unit's confirmation, shown once (a session write)
    with CaptureQueriesContext(connection) as all_rated:
        page = client.get(grid_url(livret))
    assert "Toutes les compétences sont maîtrisées" in page.content.decode().replace(NBSP, " ")
    assert len(all_rated) == len(none_rated)


def test_interview_preparation_shows_the_sources_questions(client, jury_people):
    livret = jury_people["livret"]
    client.force_login(jury_people["candidate"])
    page = (
        client.get(f"/preparer-le-jury/livrets/{livret.pk}/entretien/")
        .content.decode()
        .replace(NBSP, " ")
    )
    assert "Avez-vous été confronté(e) à des écarts ou erreurs ?" in page
    assert "Source : 002_fe1f6f581feb572b.txt" in page
    assert "Que veut-on vérifier" in page


def test_the_grid_prints_as_a_pdf(client, jury_people, settings):
    livret = jury_people["livret"]
    client.force_login(jury_people["candidate"])
    post_c4(client, livret)
    answer = client.get(f"/preparer-le-jury/livrets/{livret.pk}/pdf/")
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    pdf = b"".join(answer.streaming_content) if answer.streaming else answer.content
    assert pdf.startswith(b"%PDF")
    text = flat(" ".join(pages_text(pdf)))
    assert "grille de positionnement" in text
    assert "Tous les éléments sont acquis." in text
    assert "Page 1 sur" in text
    assert reader(pdf).trailer["/Root"].get("/StructTreeRoot") is not None


def test_a_partial_decision_keeps_the_units_five_years_and_opens_a_livret_on_the_rest(
    client, jury_people
):
    livret = jury_people["livret"]
    client.force_login(jury_people["candidate"])
    url = f"/preparer-le-jury/livrets/{livret.pk}/decision/"
    answer = client.post(url, {"decided_on": "2025-03-14", "outcome": "partielle"})
    assert answer.status_code == 400
    assert "Cochez ce que le jury a validé (compétences)" in answer.content.decode().replace(
        NBSP, " "
    )
    answer = client.post(
        url,
        {"decided_on": "2025-03-14", "outcome": "partielle", "validated_units": ["C1", "C2"]},
    )
    assert answer.status_code == 302
    page = client.get(url).content.decode().replace(NBSP, " ")
    assert "conservées jusqu’au <strong>14 mars 2030</strong>" in page
    assert "En cas de validation partielle, le candidat garde le bénéfice" in page
    # From which date the five years run is the portal's reading, and it says so.
    assert "à partir de la date de la décision du jury" in page
    assert "Proposé par le portail" in page.split("conservées jusqu’au", 1)[1]
    decision = JuryDecision.objects.get()
    assert decision.validated_units == ["C1", "C2"]
    answer = client.post(f"{url}{decision.pk}/nouveau-livret/")
    new = Livret.objects.exclude(pk=livret.pk).get()
    assert answer["Location"] == f"/livrets/{new.pk}/"
    sections = set(new.answers.values_list("section_code", flat=True))
    assert "competence-4" in sections  # remaining: carried over
    # Validated units' texts are not carried over, and the new livret does not ask for them:
    # what it misses is only in the remaining parts.
    assert not {"competence-1", "competence-2"} & sections
    report = check(new.referential_version.referential, livret_content(new))
    assert report.section("competence-1").status == Status.VALIDATED
    assert report.section("competence-2").label == "Validée par le jury"
    assert not {m.section for m in report.missing} & {"competence-1", "competence-2"}
    editor = client.get(f"/livrets/{new.pk}/").content.decode()
    assert "Validée par le jury" in editor
    printed = build(new, today=date(2025, 4, 1))
    assert "competence-1" not in {section.code for section in printed.sections}
    assert any("1" in name for name in printed.validated) and len(printed.validated) == 2


def test_the_warning_before_the_end_and_no_duration_where_the_source_gives_none(
    client, jury_people, referentials
):
    livret = jury_people["livret"]
    services.record_decision(
        owner=jury_people["candidate"],
        livret=livret,
        decided_on=timezone.localdate() - timedelta(days=5 * 365 - 30),
        outcome="partielle",
        validated_units=["C1"],
    )
    client.force_login(jury_people["candidate"])
    page = (
        client.get(f"/preparer-le-jury/livrets/{livret.pk}/decision/")
        .content.decode()
        .replace(NBSP, " ")
    )
    assert "Attention :" in page
    assert "proposé par le portail" in page

    from livrets.livret2 import services as livret_services
    from tests.support.data import version_of

    cos = livret_services.start_livret(
        owner=jury_people["candidate"], version=version_of("conseiller-offres-services")
    )
    services.record_decision(
        owner=jury_people["candidate"],
        livret=cos,
        decided_on=date(2025, 1, 10),
        outcome="partielle",
        validated_units=["A1"],
    )
    page = (
        client.get(f"/preparer-le-jury/livrets/{cos.pk}/decision/")
        .content.decode()
        .replace(NBSP, " ")
    )
    assert "Validation partielle" in page
    assert "conservées jusqu" not in page
    assert "Il reste à valider" in page


def test_no_form_of_the_cos_grid_lacks_a_submit_button(client, referentials):
    """The COS grid rates no element: a unit with nothing to send shows no empty form."""
    from livrets.livret2 import services as livret_services
    from livrets.review import services as review_services
    from tests.support.data import make_candidate, version_of

    owner = make_candidate("claire@example.fr")
    coach = make_candidate("coach@example.fr")
    livret = livret_services.start_livret(
        owner=owner, version=version_of("conseiller-offres-services")
    )
    invitation = review_services.invite(livret=livret, email=coach.email).invitation
    review_services.accept(invitation=invitation, user=coach)
    for user in (owner, coach):
        client.force_login(user)
        page = client.get(grid_url(livret)).content.decode()
        forms = re.findall(r"<form\b.*?</form>", page, flags=re.S)
        assert forms or user == coach
        for form in forms:
            assert re.search(r'<button[^>]*type="submit"|<button(?![^>]*type=)', form), form[:300]
