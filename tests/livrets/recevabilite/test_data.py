"""The request forms' data: valid, and every text attributed to a source is in it word for
word; what the portal proposes is marked."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from home.referentials.builder import build
from home.referentials.loader import check_data

DATA = Path(settings.REFERENTIAL_DATA_DIR)
SEEDS = Path("/work/shared/seeds")
SLUGS = ["assistant-formation", "assistant-industries-sante", "conseiller-offres-services"]


def normalise(text: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\(#\)", r"\1", text)  # markdown links without target
    text = text.replace("**", "").replace("^{er}", "er").replace("<", "").replace(">", "")
    return re.sub(r"\s+", "", text)


def sourced_texts(node, inherited=None):
    """(text, from_source) of every text of the block."""
    if isinstance(node, dict):
        if "text" in node and "from_source" in node:
            yield node["text"], node["from_source"]
        if "label" in node and "from_source" in node:
            yield node["label"], node["from_source"]
            if "detail_label" in node:
                yield node["detail_label"], node["from_source"]
        for key, value in node.items():
            if key not in ("text", "label", "detail_label"):
                yield from sourced_texts(value)
    elif isinstance(node, list):
        for item in node:
            yield from sourced_texts(item)


@pytest.mark.parametrize("slug", SLUGS)
def test_the_data_file_is_valid(slug):
    assert check_data(json.loads((DATA / f"{slug}.json").read_text())) == []


@pytest.mark.parametrize("slug", SLUGS)
def test_every_text_from_the_source_is_in_it_word_for_word(slug):
    block = json.loads((DATA / f"{slug}.json").read_text())["recevabilite_request"]
    if not SEEDS.exists():
        pytest.skip("the source documents are not on this machine")
    source = normalise((SEEDS / block["source"]).read_text())
    texts = list(sourced_texts(block))
    assert len(texts) > 10
    absent = [t for t, from_source in texts if from_source and normalise(t) not in source]
    assert absent == []


def test_the_002_form_is_the_sources_and_the_national_forms_are_proposals():
    data = {s: json.loads((DATA / f"{s}.json").read_text())["recevabilite_request"] for s in SLUGS}
    assert data["assistant-formation"]["form"]["kind"] == "own_form"
    identity = data["assistant-formation"]["identity"]["fields"]
    # The source ticks « Monsieur » or « Madame » without a word for it.
    assert [f["code"] for f in identity if not f["from_source"]] == ["civilite"]
    for slug in SLUGS[1:]:
        assert data[slug]["form"]["kind"] == "national_form"
        assert not data[slug]["preparation_note"]["from_source"]
        assert not any(f["from_source"] for f in data[slug]["identity"]["fields"])
    cos_send = data["conseiller-offres-services"]["send_to"][0]["text"]
    assert cos_send.endswith("formation@ucanss.fr")
    ias_send = data["assistant-industries-sante"]["send_to"][0]["text"]
    assert "secrétariat des CQP des industries de santé" in ias_send


def test_the_delays_are_written_once_and_the_requests_sentences_say_the_same():
    """The months are only in ``delays`` (what the deadlines compute from); the request keeps
    the source's sentences about them, the same sentences as the delays'."""
    refs = {s: build(json.loads((DATA / f"{s}.json").read_text())) for s in SLUGS}
    for slug in SLUGS:
        raw = json.loads((DATA / f"{slug}.json").read_text())["recevabilite_request"]
        assert "months" not in raw["answer"] and "months" not in raw.get("validity", {})
    ias, cos = refs["assistant-industries-sante"], refs["conseiller-offres-services"]
    assert ias.request.answer.silence == f"{ias.delays.answer_text} {ias.delays.silence_text}"
    assert cos.request.answer.receipt == cos.delays.answer_text
    assert cos.request.answer.silence == cos.delays.silence_text
    validity = cos.request.validity
    assert cos.delays.validity_months == 18
    assert " ".join([validity.text, validity.renewal, validity.prorogation]) == (
        cos.delays.validity_text
    )
    af = refs["assistant-formation"]
    assert af.delays.answer_months is None and af.request.answer.unknown.from_source is False
