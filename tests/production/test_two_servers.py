"""Two application servers, one PostgreSQL and one Redis: a candidate's session and autosaves
go back and forth between them and nothing is lost."""

from __future__ import annotations

import http.client
import re
import signal
import subprocess
import sys
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest

from portal import serve

DATABASE_URL = "postgres://postgres@127.0.0.1:5432/cqp_vae_two_servers"
REDIS_URL = "redis://127.0.0.1:6379/5"
EMAIL = "candidate@demo.cqp-vae.fr"


class Browser:
    """Cookies kept by hand, as a browser would, for two origins that share them."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, port: int, method: str, path: str, data=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        body = urlencode(data) if data is not None else None
        sent = {
            "Host": f"127.0.0.1:{port}",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            **(headers or {}),
        }
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Origin"] = f"http://127.0.0.1:{port}"
            sent["Referer"] = f"http://127.0.0.1:{port}{path}"
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        text = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        conn.close()
        return response, text


pytestmark = pytest.mark.servers


@pytest.fixture(scope="module")
def servers():
    if not (serve.reachable("127.0.0.1", 5432) and serve.reachable("127.0.0.1", 6379)):
        pytest.skip("PostgreSQL (127.0.0.1:5432) or Redis (127.0.0.1:6379) is unreachable")
    env = serve.local_environment(
        {
            k: v
            for k, v in __import__("os").environ.items()
            if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL")
        }
    )
    env.update(DATABASE_URL=DATABASE_URL, REDIS_URL=REDIS_URL, PAGE_CACHE_SECONDS="300")
    env["ALLOWED_HOSTS"] = "127.0.0.1,localhost"
    serve.ensure_database(DATABASE_URL)
    serve.manage(env, "migrate", "--noinput", "--verbosity", "0")
    serve.collectstatic(env)  # hashed names, as in production
    subprocess.run(  # noqa: S603
        [sys.executable, "-m", "portal", "load_initial_data"],
        env=env,
        cwd=serve.ROOT,
        check=True,
        capture_output=True,
    )
    ports = [serve.free_port(), serve.free_port()]
    procs = []
    try:
        for port in ports:
            procs.append(serve.start_gunicorn(env, f"127.0.0.1:{port}", workers=1))
        yield ports
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGINT)  # quick shutdown
        for proc in procs:
            proc.wait(timeout=30)


def test_a_session_and_alternating_autosaves_across_two_servers(servers):
    a, b = servers
    browser = Browser()
    browser.request(a, "GET", "/accounts/login/")
    csrf = browser.cookies["__Host-csrftoken"]
    response, _ = browser.request(
        a,
        "POST",
        "/accounts/login/",
        {"login": EMAIL, "password": "demo-portail-cqp-vae", "csrfmiddlewaretoken": csrf},
    )
    assert response.status == 302, "sign-in on server A"
    assert "__Host-sessionid" in browser.cookies
    # Signed in on both servers.
    for port in (a, b):
        response, text = browser.request(port, "GET", "/livrets/")
        assert response.status == 200 and "Se déconnecter" in text, port
        assert response.headers["Cache-Control"] == "private, no-store"
    pk = re.search(r'href="/livrets/(\d+)/"', text).group(1)
    csrf = browser.cookies["__Host-csrftoken"]
    _, section = browser.request(b, "GET", f"/livrets/{pk}/partie/motivation/")
    part, version = re.search(
        r'data-part="([^"]+)" data-field="raisons" data-version="(\d+)"', section
    ).groups()
    version = int(version)
    texts = []
    for i in range(12):
        port = (a, b)[i % 2]
        text = f"Sauvegarde {i} envoyée au serveur {'AB'[i % 2]}."
        response, body = browser.request(
            port,
            "POST",
            f"/livrets/{pk}/enregistrer/",
            {"part": part, "field": "raisons", "text": text, "base_version": version},
            headers={"X-CSRFToken": csrf, "HX-Request": "true"},
        )
        assert response.status == 200, (i, response.status, body[:300])
        new_version = int(response.headers["X-Livret-Version"])
        assert new_version == version + 1, "every save lands on the version the other made"
        version = new_version
        texts.append(text)
    for port in (a, b):
        _, section = browser.request(port, "GET", f"/livrets/{pk}/partie/motivation/")
        assert texts[-1] in section
        _, history = browser.request(
            port,
            "GET",
            f"/livrets/{pk}/historique/?{urlencode({'part': part, 'field': 'raisons'})}",
        )
        assert all(t in history for t in texts[-5:]), "every revision kept"
    # Behind the HTTPS proxy: HSTS for a year with subdomains, secure __Host- cookies.
    response, _ = Browser().request(
        a, "GET", "/accounts/login/", headers={"X-Forwarded-Proto": "https"}
    )
    assert response.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-csrftoken=") and "Secure" in cookie and "Path=/" in cookie
    assert "HttpOnly" in cookie
    # Public pages come from the shared page cache on either server (same Host: the proxy's).
    anonymous, proxied = Browser(), {"Host": "localhost"}
    anonymous.request(a, "GET", "/cqp/?deux-serveurs", headers=proxied)
    second, text = anonymous.request(b, "GET", "/cqp/?deux-serveurs", headers=proxied)
    assert second.status == 200 and second.headers.get("X-Page-Cache") == "hit"
