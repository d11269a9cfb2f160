"""The referential loader: every file loads, every defect is refused, versions are immutable."""

import copy
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from home.referentials.builder import build
from home.referentials.loader import ReferentialFileError, check_data, load_files
from home.referentials.models import Cqp, ReferentialVersion

DATA_DIR = Path(settings.REFERENTIAL_DATA_DIR)
SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"
FILES = sorted(DATA_DIR.glob("*.json"))


def data_of(slug):
    return json.loads((DATA_DIR / f"{slug}.json").read_text(encoding="utf-8"))


def write(tmp_path, data, name="cqp.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_three_cqps_have_their_stable_slugs():
    assert [p.stem for p in FILES] == [
        "assistant-formation",
        "assistant-industries-sante",
        "conseiller-offres-services",
    ]
    for path in FILES:
        assert data_of(path.stem)["slug"] == path.stem


@pytest.mark.django_db
def test_each_file_loads_and_becomes_the_current_version():
    results = load_files(FILES)
    assert [r.created for r in results] == [True, True, True]
    for cqp in Cqp.objects.select_related("current"):
        assert cqp.current.number == 1
        assert cqp.current.referential.slug == cqp.slug


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    call_command("load_referentials")
    before = list(ReferentialVersion.objects.values_list("pk", "content_hash"))
    call_command("load_referentials")
    assert list(ReferentialVersion.objects.values_list("pk", "content_hash")) == before


@pytest.mark.django_db
def test_a_changed_file_makes_a_new_version_and_keeps_the_old(tmp_path):
    data = data_of("conseiller-offres-services")
    load_files([write(tmp_path, data)])
    old = Cqp.objects.get(slug="conseiller-offres-services").current
    changed = copy.deepcopy(data)
    changed["version"] = "livret-2-bis"
    changed["units"][0]["title"] = "Accueille et conseille l'utilisateur"
    load_files([write(tmp_path, changed)])
    cqp = Cqp.objects.get(slug="conseiller-offres-services")
    assert cqp.current.number == 2
    assert cqp.current.referential.units[0].title == "Accueille et conseille l'utilisateur"
    old.refresh_from_db()
    assert old.referential.units[0].title == data["units"][0]["title"]


@pytest.mark.django_db
def test_a_loaded_version_cannot_be_modified():
    load_files(FILES)
    version = ReferentialVersion.objects.first()
    version.title = "Autre chose"
    with pytest.raises(ValueError, match="immutable"):
        version.save()


def _defect(mutate):
    data = data_of("conseiller-offres-services")
    mutate(data)
    return data


DEFECTS = {
    "missing title": (lambda d: d.pop("title"), r"\$: 'title' is a required property"),
    "wrong type": (
        lambda d: d["recevabilite"].__setitem__("min_months", "douze"),
        r"\$\.recevabilite\.min_months: 'douze' is not of type 'integer'",
    ),
    "unknown kind": (
        lambda d: d["recevabilite"]["accepted_kinds"].append("astronaute"),
        r"\$\.recevabilite\.accepted_kinds\[8\]",
    ),
    "blank text": (
        lambda d: d["units"][1].__setitem__("title", "   "),
        r"\$\.units\[1\]\.title",
    ),
    "duplicate code": (
        lambda d: d["units"][0]["activity_items"][1].__setitem__("code", "A1.I1"),
        r"\$\.units\[0\]\.activity_items\[1\]\.code: le code « A1\.I1 » est déjà utilisé",
    ),
    "unknown unit in the livret": (
        lambda d: d["livret"]["sections"][3].__setitem__("unit", "A9"),
        r"\$\.livret\.sections\[3\]\.unit: l'unité « A9 » n'existe pas",
    ),
    "choice that is no activity": (
        lambda d: d["livret"]["sections"][4]["choices"]["items"][0].__setitem__("code", "Z1"),
        r"choices\.items\[0\]\.code: « Z1 » n'est pas une activité",
    ),
    "situations without a count": (
        lambda d: d["livret"]["sections"][3].pop("situations_required"),
        r"\$\.livret\.sections\[3\]: 'situations_required' is a required property",
    ),
    "unknown key": (
        lambda d: d.__setitem__("colour", "bleu"),
        r"Additional properties are not allowed \('colour'",
    ),
    # The delays are written once, in ``delays``: the request's sentences carry no months.
    "answer delay written twice": (
        lambda d: d["recevabilite_request"]["answer"].__setitem__("months", 2),
        r"\$\.recevabilite_request\.answer: Additional properties are not allowed \('months'",
    ),
    "validity written twice": (
        lambda d: d["recevabilite_request"]["validity"].__setitem__("months", 18),
        r"\$\.recevabilite_request\.validity: Additional properties are not allowed",
    ),
    "validity sentence without its months": (
        lambda d: d["delays"].__setitem__("validity_months", None),
        r"\$\.recevabilite_request\.validity: la durée de validité n'est pas indiquée",
    ),
    "silence sentence without silence rule": (
        lambda d: d["delays"].__setitem__("silence_means_acceptance", None),
        r"\$\.recevabilite_request\.answer\.silence: \$\.delays\.silence_means_acceptance",
    ),
    "answer sentence without its delay": (
        lambda d: d["delays"].__setitem__("answer_months", None),
        r"\$\.recevabilite_request\.answer\.receipt: le délai de réponse n'est pas indiqué",
    ),
    "no-delay note with a delay": (
        lambda d: d["recevabilite_request"]["answer"].__setitem__(
            "unknown", {"text": "Pas de délai.", "from_source": False}
        ),
        r"\$\.recevabilite_request\.answer\.unknown: un délai de réponse est indiqué",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", DEFECTS)
def test_each_kind_of_defect_is_refused_with_file_and_path_and_loads_nothing(tmp_path, name):
    mutate, expected = DEFECTS[name]
    good = write(tmp_path, data_of("assistant-formation"), "good.json")
    bad = write(tmp_path, _defect(mutate), "bad.json")
    with pytest.raises(CommandError) as exc:
        call_command("load_referentials", str(good), str(bad))
    message = str(exc.value)
    assert "Nothing loaded" in message
    assert str(bad) in message
    assert re.search(expected, message), message
    assert ReferentialVersion.objects.count() == 0


@pytest.mark.django_db
def test_invalid_json_is_refused_with_its_line(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"slug": "x",\n  "title": }', encoding="utf-8")
    with pytest.raises(ReferentialFileError, match=r"bad\.json: JSON invalide ligne 2"):
        load_files([bad])
    assert not Cqp.objects.exists()


def test_shipped_files_have_no_problem():
    for path in FILES:
        assert check_data(json.loads(path.read_text(encoding="utf-8"))) == [], path


def _ref(slug):
    return build(data_of(slug))


def test_counts_of_assistant_formation_match_source_002():
    ref = _ref("assistant-formation")
    assert ref.unit_singular == "compétence"
    assert [u.title for u in ref.units][0] == (
        "Traiter les informations permettant le suivi administratif des prestations de formation"
    )
    assert len(ref.units) == 6
    assert [len(u.elements) for u in ref.units] == [8, 7, 11, 5, 6, 8]
    assert [len(u.activity_items) for u in ref.units] == [7, 5, 4, 4, 6, 5]
    assert ref.recevabilite.min_months == 12
    assert ref.mastery.kind == "elements_tolerance"
    assert ref.mastery.max_non_implemented == 2 and ref.mastery.kept_years == 5
    assert [s.kind for s in ref.livret_sections].count("activities_table") == 6


@pytest.mark.skipif(not SEEDS.exists(), reason="shared/seeds is not beside the repository")
def test_assistant_formation_items_are_the_source_words():
    """Cross-check against the text of source 002 itself, not against our own numbers."""
    source = (SEEDS / "002_fe1f6f581feb572b.txt").read_text(encoding="utf-8")
    ref = _ref("assistant-formation")
    assert source.count("Oui( Non(") == ref.activity_item_count
    for unit in ref.units:
        for item in unit.activity_items:
            assert item.label in source, item.label
        for element in unit.elements:
            assert element.title in source, element.title
            for criterion in element.criteria:
                assert criterion in source, criterion


def test_counts_of_conseiller_offres_services_match_source_004():
    ref = _ref("conseiller-offres-services")
    assert ref.rncp == "35543"
    assert [u.label for u in ref.units] == ["I", "II", "III", "IV"]
    situations = [s for s in ref.livret_sections if s.kind == "situations"]
    assert [s.situations_required for s in situations] == [2, 1, 2, 1]
    assert situations[1].choices.min == 2 and len(situations[1].choices.items) == 5
    assert ref.delays.validity_months == 18
    assert ref.delays.livret_due_months_before_jury == 1
    assert ref.delays.answer_months == 2 and ref.delays.silence_means_acceptance


def test_counts_of_assistant_industries_sante_match_source_000():
    ref = _ref("assistant-industries-sante")
    assert ref.unit_singular == "bloc de compétences"
    assert len(ref.units) == 4
    assert len(ref.main_situations) == 6
    assert len(ref.steps) == 8
    assert ref.mastery.kind == "bloc_threshold"
    assert ref.mastery.threshold_percent == 80
    assert ref.livret_from_source is False and ref.livret_note
