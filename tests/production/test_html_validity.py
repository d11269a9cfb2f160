"""The Nu Html Checker (npm ``vnu-jar``, run on Java) over every page of the site map.

Every HTML page that the URL configuration and the page tree list, as its visitor sees it,
plus the forms as they come back after a failed submit: zero errors. One Java process
checks them all (a JVM start costs seconds). `make test` installs the checker with npm.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from .site_map import failed_submits, make_people, targets, wagtail_pages

VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
HTML = "text/html"


def nu_errors(pages: dict[str, str], tmp_path: Path) -> list[str]:
    """The checker's errors, each as 'page name: line N: message'."""
    if not VNU.exists():
        pytest.fail(f"{VNU} is missing: `make test` installs it (npm ci).")
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is missing: the Nu Html Checker runs on it (Debian: default-jre).")
    files = {}
    for index, (name, html) in enumerate(pages.items()):
        path = tmp_path / f"page-{index}.html"
        path.write_text(html, encoding="utf-8")
        files[path.name] = name
    run = subprocess.run(  # noqa: S603 - fixed command on files this test wrote
        [java, "-Xss4m", "-jar", str(VNU), "--format", "json", "--errors-only"]
        + [str(tmp_path / f) for f in files],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    report = json.loads(run.stderr or '{"messages": []}')
    errors = []
    for message in report["messages"]:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        url = message.get("url", "")
        name = files.get(url.rsplit("/", 1)[-1], url)
        errors.append(f"{name}: line {message.get('lastLine')}: {message.get('message')}")
    return errors


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.django_db
def test_every_page_is_valid_html(site_pages, tmp_path):
    site = make_people()
    found, _ = targets(site["ids"])
    clients = {actor: _client(user) for actor, user in site["people"].items()}
    pages: dict[str, str] = {}
    for target in [*wagtail_pages(), *found]:
        response = clients[target.actor].get(target.url, target.query)
        assert response.status_code < 500, f"{target.name} {target.url}"
        if HTML not in response.get("Content-Type", "") or response.status_code in (301, 302, 405):
            continue  # redirects, POST-only endpoints, JSON, PDF and files
        pages[f"{target.name} {target.url}"] = response.content.decode()
    for submit in failed_submits(site["ids"]):
        client = clients[submit.actor]
        for url, data in submit.before:
            client.post(url, data)
        response = client.post(submit.url, submit.data, follow=True)
        assert HTML in response.get("Content-Type", ""), submit.name
        pages[f"{submit.name} (failed submit)"] = response.content.decode()
    assert len(pages) >= 40
    errors = nu_errors(pages, tmp_path)
    assert errors == [], "\n".join(errors)
