"""One opinion vocabulary for the accompagnateur (livrets.candidatures.opinions.Opinion): a request
comment and a livret section review say « À retravailler » or « Prêt » with the same codes;
the migration carries the former request codes over, both ways."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from livrets.candidatures.opinions import Opinion
from livrets.recevabilite.forms import CommentForm
from livrets.recevabilite.models import RequestComment
from livrets.review.models import SectionReview


def test_both_opinions_use_the_one_vocabulary():
    assert RequestComment._meta.get_field("opinion").choices == Opinion.choices
    assert SectionReview._meta.get_field("status").choices == Opinion.choices
    assert Opinion.choices == [("rework", "À retravailler"), ("ready", "Prêt")]
    form = CommentForm(parts=[("periode", "Expériences")])
    assert list(form.fields["opinion"].choices) == [("", "Sans avis"), *Opinion.choices]


def test_a_former_code_is_refused_by_the_comment_form():
    form = CommentForm(
        {"part": "periode", "body": "x", "opinion": "a_revoir"}, parts=[("periode", "Expériences")]
    )
    assert not form.is_valid() and "opinion" in form.errors


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([("recevabilite", target)])


@pytest.mark.django_db(transaction=True)
def test_the_migration_converts_the_stored_opinions_and_back(af_request_committed):
    request, author = af_request_committed
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes("recevabilite")[0][1]
    try:
        _migrate("0003_dates_on_candidature")
        for opinion in ("pret", "a_revoir", ""):
            RequestComment.objects.create(
                request=request, author=author, part="periode", body=opinion, opinion=opinion
            )
        _migrate("0004_one_opinion_vocabulary")
        stored = dict(RequestComment.objects.values_list("body", "opinion"))
        assert stored == {"pret": "ready", "a_revoir": "rework", "": ""}
        _migrate("0003_dates_on_candidature")
        stored = dict(RequestComment.objects.values_list("body", "opinion"))
        assert stored == {"pret": "pret", "a_revoir": "a_revoir", "": ""}
    finally:
        _migrate(latest)


@pytest.fixture
def af_request_committed(referentials, candidate):
    from tests.support.recevabilite import AF, start

    return start(candidate, AF), candidate


@pytest.mark.django_db
def test_the_reading_page_shows_the_french_label(
    client_of, referentials, candidate, other_candidate
):
    from livrets.livret2 import services as livret_services
    from livrets.review import services as review
    from tests.support.data import version_of
    from tests.support.recevabilite import COS, start

    request = start(candidate, COS)
    livret = livret_services.start_livret(owner=candidate, version=version_of(COS))
    review.accept(
        invitation=review.invite(livret=livret, email=other_candidate.email).invitation,
        user=other_candidate,
    )
    url = reverse("recevabilite:reading", args=[request.pk])
    client_of(other_candidate).post(url, {"part": "periode", "body": "Bien.", "opinion": "ready"})
    assert RequestComment.objects.get().opinion == Opinion.READY
    assert "avis : <strong>Prêt</strong>" in client_of(candidate).get(url).content.decode()
