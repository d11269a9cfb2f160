"""One typed view of a referential version, built once per process: the recevabilité request
form, the jury's grid and the livret's structure are parts of the same cached object."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings

from home.referentials import builder
from home.referentials import selectors as referential_selectors
from home.referentials.models import ReferentialVersion
from home.referentials.provenance import Text
from livrets.jury.referential import mastery_of
from livrets.livret2.structure import section_by_code
from livrets.recevabilite.selectors import form_of

pytestmark = pytest.mark.django_db
SLUGS = ["assistant-formation", "assistant-industries-sante", "conseiller-offres-services"]


@pytest.fixture
def builds(monkeypatch):
    """An empty referential cache, and the number of times a view is built from raw data."""
    calls = []
    real = builder.build

    def counting(data):
        calls.append(data["slug"])
        return real(data)

    monkeypatch.setattr(builder, "_CACHE", {})
    monkeypatch.setattr(referential_selectors, "_HASH_OF_VERSION", {})
    monkeypatch.setattr(builder, "build", counting)
    return calls


@pytest.mark.parametrize("slug", SLUGS)
def test_every_feature_reads_the_one_view_built_once_per_version(referentials, builds, slug):
    version = ReferentialVersion.objects.get(cqp__slug=slug)
    ref = version.referential
    # Another instance of the same version, and the version read by id: the same object.
    again = ReferentialVersion.objects.get(pk=version.pk)
    assert again.referential is ref
    assert referential_selectors.referential_of_version(version.pk) is ref
    # The recevabilité request form, the jury's grid and the livret's structure are its parts.
    assert form_of(SimpleNamespace(referential_version=again)) is ref.request
    assert mastery_of(again.referential) is ref.mastery
    code = ref.livret_sections[0].code
    assert section_by_code(again.referential, code) is ref.livret_sections[0]
    assert builds == [slug]


def test_a_version_read_by_id_is_parsed_once_then_without_a_query(
    referentials, builds, django_assert_num_queries
):
    pk = ReferentialVersion.objects.get(cqp__slug="conseiller-offres-services").pk
    with django_assert_num_queries(1):
        ref = referential_selectors.referential_of_version(pk)
    with django_assert_num_queries(0):
        assert referential_selectors.referential_of_version(pk) is ref
    assert ReferentialVersion.objects.get(pk=pk).referential is ref
    assert builds == ["conseiller-offres-services"]
    assert referential_selectors.referential_of_version(0) is None


def test_the_request_form_and_the_grid_carry_their_sources():
    path = Path(settings.REFERENTIAL_DATA_DIR) / "conseiller-offres-services.json"
    ref = builder.build(json.loads(path.read_text(encoding="utf-8")))
    assert isinstance(ref.request.title, Text)
    assert ref.request.preparation_note.from_source is False
    assert isinstance(ref.mastery.cqp_rule, Text) and ref.mastery.cqp_rule.sources
