"""The self-check wizard driven through the test client: its URLs, posts and answers."""

from __future__ import annotations

BASE = "/verifier-mon-eligibilite/"
COS = "conseiller-offres-services"
MGMT = "self_check_wizard-current_step"


def url(step):
    return f"{BASE}etape/{step}/"


def post(client, step, data=None, **extra):
    payload = {MGMT: step, **(data or {})}
    return client.post(url(step), payload, **extra)


def experiences(*periods):
    data = {
        "experiences-TOTAL_FORMS": str(len(periods)),
        "experiences-INITIAL_FORMS": "0",
        "experiences-MIN_NUM_FORMS": "1",
        "experiences-MAX_NUM_FORMS": "100",
    }
    for i, p in enumerate(periods):
        for key, value in p.items():
            data[f"experiences-{i}-{key}"] = value
    return data


def period(**overrides):
    data = {
        "kind": "salarie",
        "title": "Conseillère d'accueil",
        "organisation": "CPAM",
        "start": "2023-01-01",
        "end": "2024-02-29",
        "part_time_percent": "80",
        "related": "oui",
    }
    data.update(overrides)
    return data


def fill(client, *, cqp=COS, periods=None, activities=None):
    """Answers every step up to the summary."""
    assert post(client, "cqp", {"cqp-cqp": cqp}).status_code == 302
    assert post(client, "situation", {"situation-situation": "salarie"}).status_code == 302
    response = post(client, "experiences", experiences(*(periods or [period()])))
    assert response.status_code == 302, response.context["form"].errors
    acts = (
        activities
        if activities is not None
        else {"activities-A1": ["A1.I1", "A1.I2"], "activities-A2": ["A2.I1"]}
    )
    assert post(client, "activities", acts).status_code == 302
