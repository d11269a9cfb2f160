"""The public pages: creatable where they belong, rendered, complete, with pinned query counts."""

import copy
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.html import escape
from wagtail.models import Page, PageViewRestriction

from home.demo_content import build_site
from home.models import CqpIndexPage, CqpNoticePage, EditorialPage, HomePage
from home.referentials.loader import load_files
from home.referentials.models import Cqp, ReferentialVersion

pytestmark = pytest.mark.django_db
SLUGS = ["assistant-formation", "assistant-industries-sante", "conseiller-offres-services"]


def test_page_types_are_creatable_only_where_they_belong(site_pages):
    catalogue = CqpIndexPage.objects.get()
    assert HomePage.can_create_at(Page.get_first_root_node()) is False  # max_count reached
    assert CqpNoticePage.can_create_at(catalogue)
    assert not CqpNoticePage.can_create_at(site_pages)
    assert EditorialPage.can_create_at(site_pages)
    assert not CqpIndexPage.can_create_at(catalogue)


def test_building_the_site_twice_duplicates_nothing(site_pages):
    before = (Page.objects.count(), ReferentialVersion.objects.count())
    revisions = sum(p.revisions.count() for p in Page.objects.all())
    build_site()
    assert (Page.objects.count(), ReferentialVersion.objects.count()) == before
    assert sum(p.revisions.count() for p in Page.objects.all()) == revisions


@pytest.mark.parametrize(
    "url",
    ["/", "/cqp/", "/comprendre-les-cqp-et-la-vae/", *[f"/cqp/{s}/" for s in SLUGS]],
)
def test_public_pages_render_in_french(client, site_pages, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert 'href="#contenu"' in html and 'id="contenu"' in html
    assert "INVALID_TEMPLATE_VARIABLE" not in html


def test_the_home_page_links_to_the_eligibility_check(client, site_pages):
    """The portal's first action is one click from the home page."""
    from django.urls import reverse

    html = client.get("/").content.decode()
    assert f'href="{reverse("selfcheck:start")}">Vérifier votre éligibilité</a>' in html


@pytest.mark.parametrize("slug", SLUGS)
def test_a_notice_shows_every_unit_element_and_step_of_its_referential(client, site_pages, slug):
    html = client.get(f"/cqp/{slug}/").content.decode()
    ref = Cqp.objects.get(slug=slug).current.referential
    for unit in ref.units:
        assert escape(unit.title) in html
        for element in unit.elements:
            assert escape(element.title) in html
            for criterion in element.criteria:
                assert escape(criterion) in html
        for item in unit.activity_items:
            assert escape(item.label) in html
    for step in ref.steps:
        assert escape(step.title) in html
    for section in ref.livret_sections:
        assert escape(section.title) in html
    # The certifier's mastery rules, written once: the same sentences as the jury's grid.
    for rule in (ref.mastery.cqp_rule, ref.mastery.partial_validation, ref.mastery.unit_rule):
        assert rule is None or escape(rule) in html
    assert ref.mastery.cqp_rule
    assert f"au moins {ref.recevabilite.min_months} mois" in html
    assert escape(ref.certifier.name) in html
    assert f'href="/verifier-mon-eligibilite/?cqp={slug}"' in html


def text_of(response) -> str:
    """The words a reader sees: tags removed, entities decoded, white space folded."""
    import html
    import re

    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(body).split())


def test_the_cos_notice_states_its_delays(client, site_pages):
    text = text_of(client.get("/cqp/conseiller-offres-services/"))
    assert "vous indiquant le délai d'instruction de votre demande, soit 2 mois maximum" in text
    assert (
        "L'absence de réponse de notre part au terme des deux mois vaut décision d'acceptation"
        in text
    )
    assert "Elle est valable 18 mois" in text
    assert "au plus tard 1 mois avant la session d'évaluation" in text
    assert "RNCP n° 35543" in text
    assert (
        "La recevabilité administrative de la demande ne préjuge en rien de la décision finale "
        "du jury professionnel." in text
    )
    assert "livret-2" not in text
    assert "CERFA" not in text
    # 004: « formuler une demande auprès de la commission de recevabilité VAE de l'Ucanss »
    examiner = text[text.index("Qui examine la recevabilité") :][:120]
    assert "Commission de recevabilité VAE de l'Ucanss" in examiner
    assert "ne le nomment pas" not in examiner


def test_the_assistant_formation_notice_says_which_rule_it_applies(client, site_pages):
    html = client.get("/cqp/assistant-formation/").content.decode()
    assert "trois ans" in html
    assert "au moins 12 mois" in html


def test_catalogue_filters_by_certifier_and_searches(client, site_pages):
    html = client.get("/cqp/", {"certificateur": "Ucanss"}).content.decode()
    assert "Conseiller offres de services" in html
    assert "Assistant(e) de formation" not in html
    html = client.get("/cqp/", {"q": "prestations formation"}).content.decode()
    assert "Assistant(e) de formation" in html
    assert "Conseiller offres de services" not in html
    html = client.get("/cqp/", {"certificateur": "<script>"}).content.decode()
    assert "3 CQP" in html and "<script>" not in html


def test_site_search_finds_notices_by_their_referential(client, site_pages):
    response = client.get("/recherche/", {"q": "Ucanss"})
    assert response.status_code == 200
    assert "Conseiller offres de services" in response.content.decode()
    empty = client.get("/recherche/", {"q": ""})
    assert empty.status_code == 200


def _big_referential(units: int, elements: int) -> dict:
    data = json.loads(
        (Path(settings.REFERENTIAL_DATA_DIR) / "assistant-formation.json").read_text(
            encoding="utf-8"
        )
    )
    template = data["units"][0]
    data["units"] = []
    for u in range(1, units + 1):
        unit = copy.deepcopy(template)
        unit.update(code=f"C{u}", number=u, title=f"Compétence générée {u}")
        unit["elements"] = [
            {
                "code": f"C{u}.E{e}",
                "number": e,
                "title": f"Élément {u}.{e}",
                "criteria": ["Critère"],
                "essential": None,
            }
            for e in range(1, elements + 1)
        ]
        for i, item in enumerate(unit["activity_items"], 1):
            item["code"] = f"C{u}.I{i}"
        for i, q in enumerate(unit["questions"], 1):
            q["code"] = f"C{u}.Q{i}"
        data["units"].append(unit)
    data["livret"]["sections"] = [s for s in data["livret"]["sections"] if "unit" not in s]
    data["version"] = f"genere-{units}-{elements}"
    return data


def _queries(client, url, cache_clear=True):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if cache_clear:
        cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


# A first visit (nothing remembered): Wagtail routes the path level by level.
NOTICE_QUERIES_COLD = 10
CATALOGUE_QUERIES_COLD = 8
# Later visits: the remembered route was proved at the current site generation (home.routing),
# so a notice reads nothing from the database; the catalogue lists its notices.
NOTICE_QUERIES = 0
CATALOGUE_QUERIES = 1
# The first visit of a remembered path after the site changed elsewhere: one query proves the
# route again (and tells whether any view restriction exists), instead of Wagtail's routing.
NOTICE_QUERIES_REPROVED = 1


def test_notice_and_catalogue_queries_are_pinned_and_do_not_grow(client, site_pages, tmp_path):
    url = "/cqp/assistant-formation/"

    def measure():
        notice = (_queries(client, url), _queries(client, url, cache_clear=False))
        catalogue = (_queries(client, "/cqp/"), _queries(client, "/cqp/", cache_clear=False))
        return (notice[0], catalogue[0]), (notice[1], catalogue[1])

    cold, warm = measure()
    path = tmp_path / "big.json"
    path.write_text(json.dumps(_big_referential(40, 30), ensure_ascii=False), encoding="utf-8")
    load_files([path])
    html = client.get(url).content.decode()
    assert "Élément 40.30" in html  # the notice now shows the large referential
    assert measure() == (cold, warm)
    assert cold == (NOTICE_QUERIES_COLD, CATALOGUE_QUERIES_COLD)
    assert warm == (NOTICE_QUERIES, CATALOGUE_QUERIES)


def test_a_remembered_route_never_serves_a_stale_page(client, site_pages):
    notice = CqpNoticePage.objects.get(slug="conseiller-offres-services")
    url = "/cqp/conseiller-offres-services/"
    assert client.get(url).status_code == 200  # now remembered
    notice.title = "Conseiller offres de services : notice révisée"
    notice.save_revision().publish()
    assert "notice révisée" in client.get(url).content.decode()
    restriction = PageViewRestriction.objects.create(
        page=notice, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(url).status_code == 302  # to the login page, as Wagtail does
    restriction.delete()
    assert client.get(url).status_code == 200
    notice.unpublish()
    assert client.get(url).status_code == 404
    notice.save_revision().publish()
    notice.slug = "cos"
    notice.save_revision().publish()
    assert client.get(url).status_code == 404
    assert "notice révisée" in client.get("/cqp/cos/").content.decode()


def test_a_publication_elsewhere_costs_a_notice_one_query_once(client, site_pages):
    """Publishing another page bumps the site generation: each remembered notice is proved
    again by one query on its next visit, then served without any."""
    url = "/cqp/assistant-formation/"
    assert _queries(client, url) == NOTICE_QUERIES_COLD
    assert _queries(client, url, cache_clear=False) == NOTICE_QUERIES
    other = CqpNoticePage.objects.get(slug="conseiller-offres-services")
    other.title = "Conseiller offres de services : notice révisée"
    other.save_revision().publish()
    assert _queries(client, url, cache_clear=False) == NOTICE_QUERIES_REPROVED
    assert _queries(client, url, cache_clear=False) == NOTICE_QUERIES


def test_a_page_moved_without_a_revision_is_not_served_at_its_old_address(client, site_pages):
    """Code that changes a live page's slug and saves it directly (no revision, no
    publication): the old address answers 404 at once, the new one serves the notice."""
    url = "/cqp/conseiller-offres-services/"
    assert client.get(url).status_code == 200  # now remembered
    assert _queries(client, url, cache_clear=False) == NOTICE_QUERIES
    notice = CqpNoticePage.objects.get(slug="conseiller-offres-services")
    notice.slug = "cos"
    notice.save()
    assert client.get(url).status_code == 404
    assert client.get("/cqp/cos/").status_code == 200


def test_a_change_is_announced_again_when_its_transaction_commits(site_pages):
    """A server that proves a route between the change and its commit reads the old rows: the
    generation moves again at the commit, so what it proved then is proved once more."""
    from django.core.cache import cache
    from django.db import transaction
    from django.test import TestCase

    from portal.page_cache import GENERATION_KEY

    notice = CqpNoticePage.objects.get(slug="conseiller-offres-services")
    with TestCase.captureOnCommitCallbacks(execute=True):
        with transaction.atomic():
            notice.save_revision().publish()
            during = cache.get(GENERATION_KEY)
        assert cache.get(GENERATION_KEY) == during
    assert cache.get(GENERATION_KEY) != during


def test_what_a_process_keeps_unpickled_goes_with_the_shared_cache_entry(client, site_pages):
    """The process memory is reached only through the token the shared cache holds: clearing
    the cache (as tests do, while SQLite reuses ids) or writing a new value forgets it."""
    from django.core.cache import cache

    from portal import shared

    shared.set("test:kept", ["first"], 60)
    assert shared.get("test:kept") == ["first"]
    shared.set("test:kept", ["second"], 60)
    assert shared.get("test:kept") == ["second"]
    cache.clear()
    assert shared.get("test:kept") is None

    url = "/cqp/conseiller-offres-services/"
    first = client.get(url).content.decode()
    second = client.get(url).content.decode()
    assert first == second  # served from what the process keeps, the same page
    cache.clear()
    notice = CqpNoticePage.objects.get(slug="conseiller-offres-services")
    notice.title = "Conseiller offres de services : autre notice"
    notice.save_revision().publish()
    assert "autre notice" in client.get(url).content.decode()
