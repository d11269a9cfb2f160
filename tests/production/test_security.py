"""Security headers, templates fit for a strict CSP, admin sign-in through allauth with MFA."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret, hotp_value
from allauth.mfa.totp.internal.auth import yield_hotp_counters_from_time as counters
from django.contrib.auth.models import Group
from django.test import Client

from tests.support.data import PASSWORD, make_candidate

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = [ROOT / "templates", *ROOT.glob("*/templates"), *ROOT.glob("*/*/templates")]

INLINE = [
    (
        re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")[^>]*>", re.I),
        "inline script",
    ),
    (re.compile(r"<style\b", re.I), "style element"),
    (re.compile(r"\sstyle=", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+=", re.I), "event handler attribute"),
    (re.compile(r"\shx-on", re.I), "hx-on attribute"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def test_templates_have_no_inline_script_or_style():
    found = []
    for directory in TEMPLATE_DIRS:
        for path in directory.rglob("*.html"):
            if "/pdf/" in str(path) or path.name.endswith("_print.html"):
                continue  # print templates go to WeasyPrint, never to a browser
            text = path.read_text()
            for pattern, what in INLINE:
                for match in pattern.finditer(text):
                    line = text.count("\n", 0, match.start()) + 1
                    found.append(f"{path.relative_to(ROOT)}:{line}: {what}")
    assert found == []


def test_htmx_is_configured_for_the_csp():
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        if "htmx.min.js" in text:
            assert (
                '"includeIndicatorStyles": false' in text
                or "includeIndicatorStyles"
                in (ROOT / "templates" / "livrets" / "base.html").read_text()
            ), path


def _csp(response) -> dict[str, str]:
    return dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )


@pytest.mark.django_db
def test_public_and_candidate_pages_carry_the_security_headers(site_pages, referentials):
    public = Client().get("/cqp/assistant-formation/")
    csp = _csp(public)
    assert csp["script-src"] == "'self'" and csp["style-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'" and csp["object-src"] == "'none'"
    assert "unsafe" not in public["Content-Security-Policy"]
    assert public["Referrer-Policy"] == "same-origin"
    assert "camera=()" in public["Permissions-Policy"]
    assert "no-store" not in public.get("Cache-Control", "")
    client = Client()
    client.force_login(make_candidate("zoe@example.fr"))
    for url in ("/livrets/", "/livrets/nouveau/", "/livrets/mes-donnees/", "/cqp/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, no-store", url
        assert "Content-Security-Policy" in response


@pytest.mark.django_db
def test_admin_sign_in_goes_through_allauth():
    response = Client().get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/admin/")
    login = Client().get("/admin/login/?next=/admin/pages/")
    assert login["Location"] == "/accounts/login/?next=/admin/pages/"
    outside = Client().get("/admin/login/?next=https://ailleurs.example/")
    assert outside["Location"] == "/accounts/login/?next=/admin/"
    # Candidates are not editors: no way into the admin.
    candidate = Client()
    candidate.force_login(make_candidate("camille@example.fr"))
    assert candidate.get("/admin/").status_code in (302, 403)
    assert candidate.get("/admin/pages/").status_code in (302, 403)


@pytest.fixture
def editor(db):
    user = make_candidate("redaction@example.fr")
    group, _ = Group.objects.get_or_create(name="Editors")
    from django.contrib.auth.models import Permission

    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    return user


def test_editor_with_totp_needs_the_second_factor(editor):
    secret = generate_totp_secret()
    TOTP.activate(editor, secret)
    client = Client()
    response = client.post(
        "/accounts/login/?next=/admin/", {"login": editor.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    assert client.get("/admin/").status_code == 302  # not signed in yet
    code = f"{hotp_value(secret, next(counters())):06d}"
    done = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert done.status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_two_factor_pages_are_available_to_a_signed_in_person():
    client = Client()
    client.force_login(make_candidate("yann@example.fr"))
    assert client.get("/accounts/2fa/").status_code == 200


def test_failed_logins_are_throttled(editor):
    from django.core.cache import cache

    cache.clear()
    client = Client()
    for _ in range(5):
        client.post("/accounts/login/", {"login": editor.email, "password": "faux"})
    # Even the right password is refused now, with a message saying why.
    blocked = client.post("/accounts/login/", {"login": editor.email, "password": PASSWORD})
    assert blocked.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Trop de tentatives" in blocked.text or "Too many" in blocked.text
    cache.clear()
