"""`make bench`, production mode: page cache ratio, Lighthouse scores, public CSS+JS weight.

Starts gunicorn as `make serve` does (production settings, hashed static files through
WhiteNoise, Redis for cache and sessions, the page cache on) against the bench database that
tests/bench.py prepared, and measures:

- ``notice_cached_ratio``: a notice page's throughput over `/sante/`'s, same server;
- ``lighthouse_performance``, ``lighthouse_accessibility``, ``lighthouse_best_practices``:
  the lowest over a notice page, a wizard step and the livret editor (signed in through a
  session cookie), Lighthouse from npm driving Debian's Chromium;
- ``public_css_js_kb``: the CSS and JavaScript a public page loads, gzip-compressed, in KB.
"""

from __future__ import annotations

import gzip
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from . import serve

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
NOTICE = "/cqp/assistant-formation/"
WIZARD_STEP = "/verifier-mon-eligibilite/etape/cqp/"
DEMO_EMAIL = "candidate@demo.cqp-vae.fr"
DEMO_PASSWORD = "demo-portail-cqp-vae"  # noqa: S105 - the published demo account


def _environment(port: int) -> dict:
    base = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env = serve.local_environment(base, bind=f"127.0.0.1:{port}")
    env["PAGE_CACHE_SECONDS"] = "300"
    env["ALLOWED_HOSTS"] = "127.0.0.1"
    if not os.environ.get("DATABASE_URL") and not serve.reachable("127.0.0.1", 5432):
        env["DATABASE_URL"] = f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}"
    if not os.environ.get("REDIS_URL") and not serve.reachable("127.0.0.1", 6379):
        print(
            "make bench: Redis does not answer, the production mode uses a local cache",
            file=sys.stderr,
        )
        env.pop("REDIS_URL")
    return env


def _request(port: int, method: str, path: str, *, cookies: dict, data=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    sent = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()), **(headers or {})}
    body = None
    if data is not None:
        body = urlencode(data)
        sent.update(
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"http://127.0.0.1:{port}",
                "Referer": f"http://127.0.0.1:{port}{path}",
            }
        )
    conn.request(method, path, body=body, headers=sent)
    response = conn.getresponse()
    content = response.read()
    for header in response.headers.get_all("Set-Cookie") or []:
        for name, morsel in SimpleCookie(header).items():
            cookies[name] = morsel.value
    conn.close()
    return response, content


def sign_in(port: int) -> tuple[dict, str]:
    """The demo candidate's cookies and the URL of a section of their livret."""
    cookies: dict[str, str] = {}
    _request(port, "GET", "/accounts/login/", cookies=cookies)
    csrf = next(v for k, v in cookies.items() if k.endswith("csrftoken"))
    response, _ = _request(
        port,
        "POST",
        "/accounts/login/",
        cookies=cookies,
        data={"login": DEMO_EMAIL, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": csrf},
    )
    if response.status != 302:
        raise RuntimeError(f"make bench: the demo candidate cannot sign in ({response.status})")
    _, page = _request(port, "GET", "/livrets/", cookies=cookies)
    pk = re.search(rb'href="/livrets/(\d+)/"', page).group(1).decode()
    _, detail = _request(port, "GET", f"/livrets/{pk}/", cookies=cookies)
    section = re.search(rb'href="(/livrets/\d+/partie/[\w-]+/)"', detail).group(1).decode()
    return cookies, section


def public_css_js_kb(port: int) -> float:
    _, html = _request(port, "GET", NOTICE, cookies={})
    assets = re.findall(rb'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
    assets += re.findall(rb'<script[^>]+src="([^"]+)"', html)
    total = 0
    for asset in assets:
        _, content = _request(port, "GET", asset.decode(), cookies={})
        total += len(gzip.compress(content, compresslevel=9))
    return total / 1024


def lighthouse(url: str, *, cookie_header: str | None = None) -> dict[str, float]:
    args = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        "--only-categories=performance,accessibility,best-practices",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if cookie_header:
        args.append(f"--extra-headers={json.dumps({'Cookie': cookie_header})}")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    out = subprocess.run(args, env=env, capture_output=True, text=True, check=True, timeout=180)  # noqa: S603
    categories = json.loads(out.stdout)["categories"]
    return {key: round(value["score"] * 100) for key, value in categories.items()}


def run() -> dict[str, float]:
    from tests.bench import ratio

    figures: dict[str, float] = {}
    port = serve.free_port()
    env = _environment(port)
    serve.ensure_database(env["DATABASE_URL"])
    serve.collectstatic(env)
    serve.manage(env, "migrate", "--noinput", "--verbosity", "0")
    if not os.environ.get("DATABASE_URL"):
        serve.manage(env, "load_initial_data")
    server = serve.start_gunicorn(env, f"127.0.0.1:{port}", workers=2)
    try:
        base_url = f"http://127.0.0.1:{port}"
        figures["notice_cached_ratio"] = ratio(base_url, NOTICE)
        figures["public_css_js_kb"] = round(public_css_js_kb(port), 1)
        if not LIGHTHOUSE.exists() or not shutil.which(env.get("CHROME_PATH", "/usr/bin/chromium")):
            print(
                "make bench: Lighthouse or Chromium missing, no Lighthouse figures", file=sys.stderr
            )
            return figures
        cookies, section = sign_in(port)
        session = "; ".join(f"{k}={v}" for k, v in cookies.items())
        scores = [
            lighthouse(base_url + NOTICE),
            lighthouse(base_url + WIZARD_STEP),
            lighthouse(base_url + section, cookie_header=session),
        ]
        for key, name in (
            ("performance", "lighthouse_performance"),
            ("accessibility", "lighthouse_accessibility"),
            ("best-practices", "lighthouse_best_practices"),
        ):
            figures[name] = min(s[key] for s in scores)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return figures


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.bench")
    for name, value in run().items():
        print(f"{name}: {value}")
