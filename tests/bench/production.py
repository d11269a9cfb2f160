"""`make bench`, production mode: page cache ratio, Lighthouse scores, public CSS+JS weight.

Starts gunicorn as `make serve` does (production settings, hashed static files through
WhiteNoise, Redis for cache and sessions, the page cache on) against the bench database that
tests/bench prepared, and measures:

- ``notice_cached_ratio``: a notice page's throughput over `/sante/`'s, same server;
- ``lighthouse_performance``, ``lighthouse_accessibility``, ``lighthouse_best_practices``:
  the lowest over a notice page, a wizard step and the livret editor (signed in through a
  session cookie), Lighthouse from npm driving Debian's Chromium;
- ``public_css_js_kb``: the CSS and JavaScript a public page loads, gzip-compressed, in KB.

Lighthouse, an external tool driving a browser, fails now and then: each audit is run again
once before its figures are reported unavailable.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys

from portal import serve

from .client import ratio, request
from .figures import Figures
from .server import gunicorn

ROOT = serve.ROOT
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
LIGHTHOUSE_FIGURES = (
    "lighthouse_performance",
    "lighthouse_accessibility",
    "lighthouse_best_practices",
)
FIGURES = ("notice_cached_ratio", "public_css_js_kb", *LIGHTHOUSE_FIGURES)
NOTICE = "/cqp/assistant-formation/"
WIZARD_STEP = "/verifier-mon-eligibilite/etape/cqp/"


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


def sign_in(base_url: str) -> tuple[dict, str]:
    """The demo candidate's cookies and the URL of a section of their livret."""
    from home.demo_accounts import DEMO_PASSWORD
    from livrets.livret2.demo import CANDIDATE_EMAIL

    cookies: dict[str, str] = {}
    request(base_url, "GET", "/accounts/login/", cookies=cookies)
    csrf = next(v for k, v in cookies.items() if k.endswith("csrftoken"))
    response, _ = request(
        base_url,
        "POST",
        "/accounts/login/",
        cookies=cookies,
        data={"login": CANDIDATE_EMAIL, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": csrf},
    )
    if response.status != 302:
        raise RuntimeError(f"make bench: the demo candidate cannot sign in ({response.status})")
    _, page = request(base_url, "GET", "/livrets/", cookies=cookies)
    pk = re.search(rb'href="/livrets/(\d+)/"', page).group(1).decode()
    _, detail = request(base_url, "GET", f"/livrets/{pk}/", cookies=cookies)
    section = re.search(rb'href="(/livrets/\d+/partie/[\w-]+/)"', detail).group(1).decode()
    return cookies, section


def public_css_js_kb(base_url: str) -> float:
    _, html = request(base_url, "GET", NOTICE)
    assets = re.findall(rb'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
    assets += re.findall(rb'<script[^>]+src="([^"]+)"', html)
    total = 0
    for asset in assets:
        _, content = request(base_url, "GET", asset.decode())
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
    for attempt in (1, 2):
        try:
            out = subprocess.run(  # noqa: S603
                args, env=env, capture_output=True, text=True, check=True, timeout=180
            )
            categories = json.loads(out.stdout)["categories"]
            return {key: round(value["score"] * 100) for key, value in categories.items()}
        except (subprocess.SubprocessError, ValueError, KeyError, TypeError) as error:
            if attempt == 2:
                raise RuntimeError(f"Lighthouse failed twice on {url}: {error}") from error
            print(f"make bench: Lighthouse failed on {url}, running it again", file=sys.stderr)
    raise AssertionError("unreachable")


def lighthouse_scores(base_url: str) -> dict[str, float]:
    cookies, section = sign_in(base_url)
    session = "; ".join(f"{k}={v}" for k, v in cookies.items())
    scores = [
        lighthouse(base_url + NOTICE),
        lighthouse(base_url + WIZARD_STEP),
        lighthouse(base_url + section, cookie_header=session),
    ]
    return {
        name: min(s[key] for s in scores)
        for key, name in (
            ("performance", "lighthouse_performance"),
            ("accessibility", "lighthouse_accessibility"),
            ("best-practices", "lighthouse_best_practices"),
        )
    }


def run(figures: Figures) -> None:
    port = serve.free_port()
    env = _environment(port)
    serve.ensure_database(env["DATABASE_URL"])
    serve.collectstatic(env)
    serve.manage(env, "migrate", "--noinput", "--verbosity", "0")
    if not os.environ.get("DATABASE_URL"):
        serve.manage(env, "load_initial_data")
    threads = int(env.get("GUNICORN_THREADS", "4"))
    with gunicorn(env, port=port, workers=2, threads=threads) as base_url:
        figures.measure(
            ("notice_cached_ratio",),
            lambda: {"notice_cached_ratio": ratio(base_url, NOTICE)},
        )
        figures.measure(
            ("public_css_js_kb",),
            lambda: {"public_css_js_kb": round(public_css_js_kb(base_url), 1)},
        )
        if not LIGHTHOUSE.exists() or not shutil.which(env.get("CHROME_PATH", "/usr/bin/chromium")):
            for name in LIGHTHOUSE_FIGURES:
                figures.unavailable(name, "Lighthouse or Chromium missing")
            return
        figures.measure(LIGHTHOUSE_FIGURES, lighthouse_scores, base_url)
