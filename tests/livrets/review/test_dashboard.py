"""The accompagnateur's dashboard: contents, order, and a query count that does not grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from livrets import services as livret_services
from livrets.models import Livret
from livrets.review import services
from tests.support.data import make_candidate, version_of

pytestmark = pytest.mark.django_db


def follow(coach, count: int, start: int = 0):
    version = version_of("conseiller-offres-services")
    for n in range(start, start + count):
        candidate = make_candidate(f"candidat{n}@example.fr")
        livret = livret_services.start_livret(owner=candidate, version=version)
        invitation = services.invite(livret=livret, email=coach.email).invitation
        services.accept(invitation=invitation, user=coach)
        services.add_comment(livret=livret, author=coach, body="À revoir.")


def dashboard_queries(client) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("review:dashboard"))
    assert response.status_code == 200
    return len(ctx.captured_queries), response


@pytest.mark.parametrize("count", [1, 30])
def test_query_count_does_not_grow_with_candidates(count, referentials, as_user):
    coach = make_candidate("coach@example.fr")
    follow(coach, count)
    client = as_user(coach)
    client.get(reverse("review:dashboard"))
    queries, response = dashboard_queries(client)
    assert len(response.context["rows"]) == count
    # session, user, invitations, livrets, answers, situations; the header asks whether the
    # user follows a livret (its « Accompagnement » link)
    assert queries == 7


def test_rows_and_order(people, as_user):
    coach, livret = people["coach"], people["livret_a"]
    other = livret_services.start_livret(
        owner=people["b"], version=version_of("conseiller-offres-services")
    )
    invitation = services.invite(livret=other, email=coach.email).invitation
    services.accept(invitation=invitation, user=coach)
    livret_services.set_journey(
        livret=livret, requested_on=None, notified_on=None, jury_on=timezone.localdate()
    )
    for lv in (livret, other):
        services.mark_reviewed(user=coach, livret=lv)
    services.add_comment(livret=livret, author=coach, body="Précisez.")
    # B changes their livret after the last review: B comes first.
    Livret.objects.filter(pk=other.pk).update(updated_at=timezone.now())
    rows = as_user(coach).get(reverse("review:dashboard")).context["rows"]
    assert [r.livret.pk for r in rows] == [other.pk, livret.pk]
    assert rows[1].open_comments == 1 and rows[1].due_on is not None
    assert rows[0].attention.changed_unread
    page = as_user(coach).get(reverse("review:dashboard")).text
    assert "bruno@example.fr" in page and "Modifié depuis votre lecture" in page
