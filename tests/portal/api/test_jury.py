"""POST /api/v1/mastery and the elements listed by GET /api/v1/cqps/<slug>."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.django_db

URL = "/api/v1/mastery"
AF = "assistant-formation"


def post(client, data):
    return client.post(URL, data=json.dumps(data), content_type="application/json")


def c4(**overrides):
    """Compétence 4 of 002 has five elements, C4.E1 to C4.E5."""
    ratings = {f"C4.E{i}": "acquis" for i in range(1, 6)}
    ratings.update(overrides)
    return ratings


def unit(answer, code):
    return next(u for u in answer["units"] if u["code"] == code)


def test_the_referential_lists_each_units_elements(client, referentials):
    data = client.get(f"/api/v1/cqps/{AF}").json()
    c1 = data["units"][0]
    assert c1["code"] == "C1"
    assert [e["code"] for e in c1["elements"]][:2] == ["C1.E1", "C1.E2"]
    first = c1["elements"][0]
    assert first["title"].startswith("Identifier les acteurs clés")
    assert first["essential"] is None
    assert first["criteria"] == [
        "Identification des acteurs clés",
        "Identification du rôle des acteurs clés",
    ]
    cos = client.get("/api/v1/cqps/conseiller-offres-services").json()
    assert all(u["elements"] == [] for u in cos["units"])


def test_a_unit_all_acquired_is_mastered_and_others_list_their_missing_ratings(
    client, referentials
):
    answer = post(client, {"cqp": AF, "ratings": c4()})
    assert answer.status_code == 200
    data = answer.json()
    assert set(data) == {"cqp", "units", "cqp_obtained"}
    assert data["cqp"] == AF
    assert unit(data, "C4") == {
        "code": "C4",
        "mastered": True,
        "reasons": ["Tous les éléments sont acquis."],
        "missing_ratings": [],
    }
    c1 = unit(data, "C1")
    assert c1["mastered"] is None
    assert c1["missing_ratings"] == [f"C1.E{i}" for i in range(1, 9)]
    assert data["cqp_obtained"] is None


def test_one_element_not_implemented_is_undetermined_with_the_reason(client, referentials):
    data = post(client, {"cqp": AF, "ratings": c4(**{"C4.E2": "non_mis_en_oeuvre"})}).json()
    c4_ = unit(data, "C4")
    assert c4_["mastered"] is None
    assert c4_["missing_ratings"] == []
    assert "C4.E2" in c4_["reasons"][0]
    assert "incontournables" in c4_["reasons"][0]


def test_not_acquired_or_three_not_implemented_are_not_mastered_and_the_cqp_is_not_obtained(
    client, referentials
):
    data = post(client, {"cqp": AF, "ratings": c4(**{"C4.E5": "non_acquis"})}).json()
    assert unit(data, "C4")["mastered"] is False
    assert data["cqp_obtained"] is False
    three = {f"C4.E{i}": "non_mis_en_oeuvre" for i in (1, 2, 3)}
    data = post(client, {"cqp": AF, "ratings": c4(**three)}).json()
    assert unit(data, "C4")["mastered"] is False


def test_every_unit_mastered_obtains_the_cqp(client, referentials):
    ref = client.get(f"/api/v1/cqps/{AF}").json()
    ratings = {e["code"]: "acquis" for u in ref["units"] for e in u["elements"]}
    data = post(client, {"cqp": AF, "ratings": ratings}).json()
    assert all(u["mastered"] is True for u in data["units"])
    assert data["cqp_obtained"] is True


def test_where_the_source_gives_no_elements_the_answer_says_it_cannot_compute(client, referentials):
    data = post(client, {"cqp": "assistant-industries-sante", "ratings": {}}).json()
    assert [u["mastered"] for u in data["units"]] == [None] * 4
    assert "ne donne pas les critères" in data["units"][0]["reasons"][0]
    assert data["cqp_obtained"] is None
    data = post(client, {"cqp": "conseiller-offres-services", "ratings": {}}).json()
    assert "n’en donne ni les éléments ni la règle" in data["units"][0]["reasons"][0]


@pytest.mark.parametrize(
    ("payload", "path", "message"),
    [
        ({"cqp": "inconnu", "ratings": {}}, "$.cqp", "CQP inconnu."),
        (
            {"cqp": "assistant-industries-sante", "ratings": {"C1.E1": "acquis"}},
            "$.ratings.C1.E1",
            "Cet élément appartient à un autre CQP (assistant-formation).",
        ),
        ({"cqp": AF, "ratings": {"C9.E1": "acquis"}}, "$.ratings.C9.E1", "Code d’élément"),
        ({"cqp": AF, "ratings": {"C1.E1": "bien"}}, "$.ratings.C1.E1", "Évaluation inconnue"),
        ({"cqp": AF, "ratings": []}, "$.ratings", "Objet attendu"),
        ({"cqp": AF, "ratings": {}, "extra": 1}, "$.extra", "Champ inconnu."),
    ],
)
def test_bad_requests_answer_400_with_errors(client, referentials, payload, path, message):
    answer = post(client, payload)
    assert answer.status_code == 400
    errors = answer.json()["errors"]
    assert any(m.startswith(message) for m in errors[path]), errors


def test_invalid_json_answers_400(client, referentials):
    answer = client.post(URL, data="{", content_type="application/json")
    assert answer.status_code == 400
    assert answer.json() == {"errors": {"$": ["JSON invalide."]}}


def test_the_mastery_api_answers_json_for_a_wrong_method_or_body_type(client, referentials):
    wrong_method = client.get("/api/v1/mastery")
    assert wrong_method.status_code == 405 and wrong_method["Allow"] == "POST"
    assert "non acceptée ici" in wrong_method.json()["errors"]["$"][0]
    not_json = client.post("/api/v1/mastery", {"cqp": "x"})  # a form, not JSON
    assert not_json.status_code == 415
    assert not_json["Content-Type"] == "application/json"
