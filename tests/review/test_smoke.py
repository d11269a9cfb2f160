import pytest
from django.urls import reverse

from tests.livrets.conftest import fill_situation

pytestmark = pytest.mark.django_db


def test_pages_render(people, as_user):
    livret = people["livret_a"]
    situation = fill_situation(livret, "activite-1")
    coach = as_user(people["coach"])
    for url in [
        reverse("review:dashboard"),
        reverse("review:livret", args=[livret.pk]),
        reverse("review:section", args=[livret.pk, "activite-1"]),
        reverse("review:section", args=[livret.pk, "motivation"]),
        reverse("review:preferences"),
    ]:
        r = coach.get(url)
        assert r.status_code == 200, url
        assert "INVALID_TEMPLATE" not in r.text, (url, r.text[r.text.find("INVALID") - 200 :][:400])
    r = coach.post(
        reverse("review:comment_add", args=[livret.pk]),
        {"part": f"situation:{situation.pk}", "field": "contexte", "body": "Précisez."},
    )
    assert r.status_code == 302
    cand = as_user(people["a"])
    for url in [
        reverse("livrets:section", args=[livret.pk, "activite-1"]),
        reverse("livrets:detail", args=[livret.pk]),
        reverse("review:access", args=[livret.pk]),
        reverse("review:livret", args=[livret.pk]),
    ]:
        r = cand.get(url)
        assert r.status_code == 200, url
        assert "INVALID_TEMPLATE" not in r.text, (url, r.text[r.text.find("INVALID") - 200 :][:400])
    assert "Précisez." in cand.get(reverse("livrets:section", args=[livret.pk, "activite-1"])).text
