"""Truth first: every text the data attributes to a source is in that source, and everything
the portal proposes itself shows « Proposé par le portail » wherever a page, the API or a PDF
shows it. The sources are read from ../shared/seeds/ (beside the repository, as in CI)."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.html import escape

from home.referentials.provenance import PROPOSED, found_in, normalise, walk
from livrets.livret2 import services
from tests.support.data import make_candidate, version_of
from tests.support.pdf import flat, pages_text

DATA_DIR = Path(settings.REFERENTIAL_DATA_DIR)
SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"
FILES = sorted(DATA_DIR.glob("*.json"))
SLUGS = [p.stem for p in FILES]
needs_seeds = pytest.mark.skipif(
    not SEEDS.exists(), reason="shared/seeds is not beside the repository"
)
MARK = f'<a class="proposed" href="{{}}">{PROPOSED}</a>'


@pytest.fixture
def candidate(db):
    return make_candidate("claire@example.fr")


def data_of(slug: str) -> dict:
    return json.loads((DATA_DIR / f"{slug}.json").read_text(encoding="utf-8"))


def sources_of(data: dict) -> list[str]:
    return [normalise((SEEDS / name).read_text(encoding="utf-8")) for name in data["sources"]]


def not_found(data: dict) -> list[str]:
    sources = sources_of(data)
    return [
        f"{t.path}: {t.text[:100]}"
        for t in walk(data)
        if t.from_source and not found_in(t.source_text, sources)
    ]


def proposed_texts(slug: str) -> set[str]:
    """The portal's own words (a proposed part may repeat a source's words, such as a unit's
    title in a part the portal proposes: those words are the source's wherever shown)."""
    data = data_of(slug)
    sources = sources_of(data)
    return {t.text for t in walk(data) if not t.from_source and not found_in(t.text, sources)}


@needs_seeds
@pytest.mark.parametrize("slug", SLUGS)
def test_every_text_attributed_to_a_source_is_in_that_source(slug):
    assert not_found(data_of(slug)) == []


@needs_seeds
def test_a_text_no_source_states_fails_the_check_unless_marked():
    data = data_of("conseiller-offres-services")
    changed = copy.deepcopy(data)
    changed["presentation"][0] = "La VAE se déroule en deux étapes."
    changed["units"][1]["activity_items"][0]["label"] = "appliquer les règles du portail"
    assert not_found(changed) == [
        "$.presentation[0]: La VAE se déroule en deux étapes.",
        "$.units[1].activity_items[0].label: appliquer les règles du portail",
    ]
    changed["presentation"][0] = {"text": "La VAE se déroule en deux étapes.", "from_source": False}
    changed["units"][1]["activity_items"][0]["from_source"] = False
    assert not_found(changed) == []


@needs_seeds
@pytest.mark.parametrize("slug", SLUGS)
def test_disagreeing_sentences_are_in_the_source_they_name(slug):
    for disagreement in data_of(slug)["recevabilite"].get("disagreements", []):
        assert sum(1 for s in disagreement["sentences"] if s.get("applied")) == 1
        for sentence in disagreement["sentences"]:
            source = normalise((SEEDS / sentence["source"]).read_text(encoding="utf-8"))
            assert found_in(sentence["text"], [source]), sentence


@needs_seeds
def test_the_typo_of_004_is_shown_corrected_and_its_original_wording_recorded():
    data = data_of("conseiller-offres-services")
    sources = sources_of(data)
    corrected = [t for t in walk(data) if t.source_text != t.text]
    assert len(corrected) == 4
    for t in corrected:
        assert "décrirez" in t.text and "décrierez" not in t.text
        assert "décrierez" in t.source_text and found_in(t.source_text, sources)
        assert not found_in(t.text, sources)


def test_what_the_sources_do_not_say_is_null_not_guessed():
    assert data_of("assistant-formation")["delays"]["silence_means_acceptance"] is None
    cos = data_of("conseiller-offres-services")
    assert "CERFA" not in json.dumps(cos, ensure_ascii=False)
    assert cos["certifier"]["branch"] is None and cos["certifier"]["secretariat"] is None
    ais = data_of("assistant-industries-sante")
    assert "LEEM" not in json.dumps(ais["certifier"], ensure_ascii=False)
    assert all(q.get("from_source") is False for u in ais["units"] for q in u["questions"]), (
        "000 gives no question: every question of its livret is the portal's"
    )


# --- the mark, wherever a page shows a proposed text ---------------------------------------


# The recevabilité request's pages and PDF write the mark as a span (no link in a PDF read
# alone), the other pages as a link to the explanation.
SPAN_MARK = f'<span class="proposed">« {PROPOSED} »</span>'


def unmarked(
    html: str, texts: set[str], href: str, *, also: tuple[str, ...] = ()
) -> tuple[int, list[str]]:
    """How many times the texts are shown in the page's body, and those not followed by the
    mark (after at most the closing tags of the element holding them)."""
    body = html[html.index("<body") :]
    marks = "|".join(re.escape(m) for m in (MARK.format(href), *also))
    shown, missing = 0, []
    for text in texts:
        for match in re.finditer(re.escape(escape(text)), body):
            shown += 1
            after = body[match.end() : match.end() + 400]
            if not re.match(r"\s*(</[a-z0-9]+>\s*)*(" + marks + ")", after):
                missing.append(text[:80])
    return shown, missing


@needs_seeds
@pytest.mark.parametrize("slug", SLUGS)
def test_a_notice_marks_everything_the_portal_proposes(client, site_pages, slug):
    html = client.get(f"/cqp/{slug}/").content.decode()
    shown, missing = unmarked(html, proposed_texts(slug), "/propose-par-le-portail/")
    assert shown >= 4
    assert missing == []
    assert "livret-2" not in html and "notice-vae" not in html


def test_the_explanation_says_only_the_certifiers_documents_count(client, referentials):
    html = client.get("/propose-par-le-portail/").content.decode()
    assert "Seuls les documents du certificateur font foi" in html


@needs_seeds
def test_the_wizard_and_the_result_mark_proposed_activities_and_advice(client, referentials):
    from tests.support.wizard import fill, post, url

    slug = "assistant-industries-sante"
    activities = {"activities-B1": ["B1.I1"]}
    fill(client, cqp=slug, activities=activities)
    for step in ("activities", "verification"):
        html = client.get(url(step)).content.decode()
        shown, missing = unmarked(html, proposed_texts(slug), "/propose-par-le-portail/")
        assert shown >= 1 and missing == [], step
    post(client, "verification")
    client.get(url("fin"))
    html = client.get("/verifier-mon-eligibilite/resultat/").content.decode()
    shown, missing = unmarked(html, proposed_texts(slug), "/propose-par-le-portail/")
    assert shown >= 5 and missing == []
    # Both sentences of 003 that disagree, and which one the portal applies.
    assert "pour les salariés qui justifient" in html and "Toute personne" in html
    assert "c'est la règle que le portail applique" in html
    pdf = client.get("/verifier-mon-eligibilite/resultat/pdf/").content
    assert PROPOSED in flat(" ".join(pages_text(pdf)))


def test_the_api_says_where_each_unit_element_item_and_section_comes_from(client, referentials):
    for slug in SLUGS:
        data = client.get(f"/api/v1/cqps/{slug}").json()
        raw = data_of(slug)
        for unit, raw_unit in zip(data["units"], raw["units"], strict=True):
            assert unit["from_source"] is raw_unit.get("from_source", True)
            for item, raw_item in zip(
                unit["activity_items"], raw_unit["activity_items"], strict=True
            ):
                assert item["from_source"] is raw_item.get("from_source", True), item
            for element in unit["elements"]:
                assert element["from_source"] is True
            for question, raw_q in zip(unit["questions"], raw_unit["questions"], strict=True):
                assert question["from_source"] is raw_q.get("from_source", True)
        livret = raw["livret"]
        for section, raw_section in zip(
            data["livret"]["sections"], livret["sections"], strict=True
        ):
            expected = raw_section.get("from_source", livret["from_source"])
            assert section["from_source"] is expected, section["code"]
        assert data["version"] != raw["version"] or raw["version_date"]
    af = client.get("/api/v1/cqps/assistant-formation").json()
    assert af["version"] == "janvier 2019"
    assert client.get("/api/v1/cqps/conseiller-offres-services").json()["version"] is None


def test_the_editor_marks_proposed_parts_and_fields(client, referentials, candidate):
    livret = services.start_livret(owner=candidate, version=version_of("assistant-formation"))
    client.force_login(candidate)
    html = client.get(f"/livrets/{livret.pk}/partie/motivation/").content.decode()
    assert re.search(r"<h1>Votre motivation <a class=\"proposed\"", html)
    assert "Partie facultative : aucune source ne la demande" in html
    cos = services.start_livret(owner=candidate, version=version_of("conseiller-offres-services"))
    html = client.get(f"/livrets/{cos.pk}/partie/identite/").content.decode()
    # 004 asks NOM and PRÉNOM; the address is the portal's, optional and marked.
    assert re.search(
        r"Adresse\s*<span class=\"help\">\(facultatif\)</span>\s*</label>\s*<a class=\"proposed\"",
        html,
    )
    assert not re.search(r"Nom\s*<span class=\"help\">\(facultatif\)", html)


def test_the_industries_sante_livret_pdf_says_on_its_cover_that_the_portal_proposes_it(
    client, referentials, candidate
):
    livret = services.start_livret(
        owner=candidate, version=version_of("assistant-industries-sante")
    )
    client.force_login(candidate)
    pages = pages_text(client.get(f"/livrets/{livret.pk}/pdf/").content)
    cover = flat(pages[0])
    assert "Structure proposée par le portail" in cover
    assert "outils conçus par la CPNEIS" in cover
    assert "L’utilisation de ces documents est obligatoire" in cover
    text = flat(" ".join(pages))
    # Every part's title is the portal's: each carries the mark, in the contents and the body.
    assert text.count(PROPOSED) >= 2 * len(
        data_of("assistant-industries-sante")["livret"]["sections"]
    )
    assert "ce que cela veut dire" in text


def test_a_corrected_typo_is_said_where_it_is_shown(client, referentials):
    """The editor shows 004's guidance with « décrirez », and says the source writes
    « décrierez »: what is attributed to the source stays the source's, word for word."""
    from livrets.livret2 import services
    from tests.support.data import make_candidate, version_of

    candidate = make_candidate("typo@example.fr")
    livret = services.start_livret(
        owner=candidate, version=version_of("conseiller-offres-services")
    )
    client.force_login(candidate)
    page = client.get(f"/livrets/{livret.pk}/partie/activite-1/").content.decode()
    guidance = page[page.index("vous décrirez vos différentes actions") :][:600]
    assert "(la source écrit « décrierez » pour « décrirez » : corrigé par le portail)" in guidance
    assert "Proposé par le portail" in guidance


@needs_seeds
def test_the_guide_quotes_its_source_word_for_word(client, site_pages):
    """The guide's quotations are 003's sentences; the two ways 003 says who may apply are
    both there, and what the portal adds carries its mark."""
    from html import unescape

    page = unescape(client.get("/comprendre-les-cqp-et-la-vae/").content.decode())
    source = normalise((SEEDS / "003_1d6fd2c80129d83a.txt").read_text(encoding="utf-8"))
    quotes = re.findall(r"«\s*(.*?)\s*»", page, re.S)
    assert len(quotes) >= 6
    for quote in quotes:
        assert found_in(re.sub(r"<[^>]+>", " ", quote), [source]), quote
    assert "pour les salariés qui justifient d'au moins un an" in page
    assert "Toute personne, quel que soit son âge" in page
    assert "Proposé par le portail</a> La notice de chaque CQP" in page


def test_the_editors_field_help_is_marked_as_the_portals(client, referentials):
    from livrets.livret2 import services
    from tests.support.data import make_candidate, version_of

    candidate = make_candidate("aide@example.fr")
    livret = services.start_livret(
        owner=candidate, version=version_of("conseiller-offres-services")
    )
    client.force_login(candidate)
    page = client.get(f"/livrets/{livret.pk}/partie/activite-1/").content.decode()
    note = page[page.index("Les indications en petits caractères") - 300 :][:400]
    assert "Proposé par le portail" in note


# --- the recevabilité request and the jury preparation --------------------------------------


def request_proposed_texts(slug: str) -> set[str]:
    """The portal's own words in the request's data: its labels, headings and notes (each
    choice of a list is covered by its list's mark)."""
    data = data_of(slug)
    sources = sources_of(data)
    return {
        t.text
        for t in walk(data["recevabilite_request"], "$.recevabilite_request")
        if not t.from_source and ".choices[" not in t.path and not found_in(t.text, sources)
    }


BLOCKS_HELD = r'<fieldset\b(?:(?!</fieldset>).)*?name="blocks_held".*?</fieldset>'


@needs_seeds
@pytest.mark.parametrize("slug", SLUGS)
def test_every_page_and_the_pdf_of_the_request_mark_the_portals_texts(
    client, referentials, candidate, slug
):
    from livrets.recevabilite.pdf import request_html
    from tests.support.recevabilite import complete, start

    rq = start(candidate, slug)
    complete(rq)
    client.force_login(candidate)
    texts = request_proposed_texts(slug)
    base = f"/mes-demarches/recevabilite/{rq.pk}/"
    period = rq.periods.first()
    total = 0
    for url in (
        f"/mes-demarches/recevabilite/nouvelle/?cqp={slug}",
        base,
        f"{base}identite/",
        f"{base}formation/",
        f"{base}periodes/{period.pk}/",
        f"{base}declaration/",
    ):
        # The menus name the parts in the portal's interface, attributing nothing.
        html = re.sub(r"<nav\b.*?</nav>", "", client.get(url).content.decode(), flags=re.S)
        # Each choice of a list is covered by its list's mark: the national form's blocks
        # held are the CQP's units (004's read like its areas), under a marked legend
        # (checked below).
        html = re.sub(BLOCKS_HELD, "", html, flags=re.S)
        shown, missing = unmarked(html, texts, "/propose-par-le-portail/", also=(SPAN_MARK,))
        assert missing == [], (url, missing)
        total += shown
    # A part's name in an attribute is the running header's, marked in the part's heading.
    html = re.sub(r' data-name="[^"]*"', "", request_html(rq))
    shown, missing = unmarked(html, texts, "#propose-par-le-portail", also=(SPAN_MARK,))
    assert missing == [], ("pdf", missing)
    assert total + shown >= 3
    # The portal's own sentences around the request, wherever shown.
    start_page = client.get(f"/mes-demarches/recevabilite/nouvelle/?cqp={slug}")
    start_page = start_page.content.decode()
    sentence = start_page[start_page.index("rend votre démarche de VAE officielle") :][:300]
    assert SPAN_MARK in sentence
    period_page = client.get(f"{base}periodes/{period.pk}/").content.decode()
    for label in ("Type d&#x27;expérience", "En lien avec le CQP visé", "Heures par semaine"):
        assert SPAN_MARK in period_page[period_page.index(label) :][:200], label
    assert SPAN_MARK in html[html.index("Période 1") :][:200]
    assert SPAN_MARK in html[html.index("La liste de contrôle ci-dessous") :][:200]
    # The national form's first part: the portal's questions, on the page and in the file.
    if rq.referential_version.referential.request.is_own_form:
        return
    education = client.get(f"{base}formation/").content.decode()
    labels = (
        "La certification visée",
        "Type de validation visée",
        "Blocs de compétences déjà détenus, le cas échéant",
    )
    for label in labels:
        assert SPAN_MARK in education[education.index(label) :][:200], label
    for label in (*labels[1:], "Intitulé du CQP visé"):
        assert SPAN_MARK in html[html.index(label) :][:200], label


@needs_seeds
@pytest.mark.parametrize("slug", SLUGS)
def test_the_jury_preparation_marks_the_portals_texts(client, referentials, candidate, slug):
    from livrets.livret2 import services as livret_services

    livret = livret_services.start_livret(owner=candidate, version=version_of(slug))
    client.force_login(candidate)
    base = f"/preparer-le-jury/livrets/{livret.pk}/"
    texts = proposed_texts(slug)
    for url in (base, f"{base}entretien/", f"{base}decision/"):
        html = re.sub(r"<nav\b.*?</nav>", "", client.get(url).content.decode(), flags=re.S)
        shown, missing = unmarked(html, texts, "/propose-par-le-portail/")
        assert missing == [], (url, missing)
    grid = client.get(base).content.decode()
    assert "Proposé par le portail" in grid[grid.index("<h1") :][:2000]


def test_the_eligibility_result_marks_the_portals_sentence_on_the_request(client, referentials):
    """« La demande de recevabilité (livret 1) rend votre démarche officielle » is 004's idea
    applied by the portal to every CQP: marked where the result invites to the request."""
    from tests.support.wizard import fill, post, url

    fill(client)  # COS, one year and two months related to the CQP: eligible
    post(client, "verification")
    client.get(url("fin"))
    html = client.get("/verifier-mon-eligibilite/resultat/").content.decode()
    sentence = html[html.index("rend votre démarche officielle") :][:200]
    assert MARK.format("/propose-par-le-portail/") in sentence
