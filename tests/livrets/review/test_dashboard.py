"""The accompagnateur's dashboard: contents, order, and a query count that does not grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from livrets.candidatures.models import Candidature
from livrets.livret2 import services as livret_services
from livrets.livret2.models import Livret
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
    Candidature.objects.filter(pk=livret.candidature_id).update(jury_on=timezone.localdate())
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


def test_a_candidate_corrects_the_names_the_accompagnateur_sees(people, as_user):
    """An account opened before sign-up asked for names shows its address; « Mes données »
    lets the candidate give or correct them, refusing empty and oversized ones."""
    candidate, coach = as_user(people["a"]), as_user(people["coach"])
    assert "alice@example.fr" in coach.get(reverse("review:dashboard")).text
    names = reverse("livrets:names")
    refused = candidate.post(names, {"first_name": " ", "last_name": "M" * 151})
    assert refused.status_code == 400
    assert "Indiquez votre prénom." in refused.text
    assert "au plus 150 caractères" in refused.text
    assert 'value="' + "M" * 151 + '"' in refused.text  # what was typed is kept
    saved = candidate.post(names, {"first_name": " Alice ", "last_name": "Martin"}, follow=True)
    assert "Vos prénom et nom ont été enregistrés." in saved.text
    assert 'value="Alice"' in saved.text and 'value="Martin"' in saved.text
    dashboard = coach.get(reverse("review:dashboard")).text
    assert "Alice Martin" in dashboard and "alice@example.fr" not in dashboard
    assert candidate.get(names).status_code == 405
