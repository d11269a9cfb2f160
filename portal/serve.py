"""`make serve`: the production mode on this machine (gunicorn, PostgreSQL, Redis, a worker).

    python -m portal.serve            # prepare the database and static files, then serve
    python -m portal.serve --no-setup # serve only

The production settings (`portal.settings.prod`) with local defaults for what a real
deployment sets in its environment: the database `cqp_vae` on 127.0.0.1:5432 (created when
missing), Redis on 127.0.0.1:6379, plain HTTP on 127.0.0.1:8000, email to the console unless
EMAIL_HOST is set. Any variable already set wins. The two-server test and `make bench` start
servers with the same environment. Beside gunicorn run the task worker and the daily pruning
of finished task rows (`prune_task_results`).
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/cqp_vae"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"


def reachable(host: str, port: int) -> bool:
    """Whether a server answers on host:port (a TCP connection opens)."""
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def secret_key() -> str:
    """A key kept in var/ so that sessions survive a restart of the local server."""
    path = Path(os.environ.get("PORTAL_VAR_DIR", ROOT / "var")) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def local_environment(base: dict | None = None, *, bind: str = "127.0.0.1:8000") -> dict:
    env = dict(os.environ if base is None else base)
    host = bind.rsplit(":", 1)[0]
    defaults = {
        "DJANGO_SETTINGS_MODULE": "portal.settings.prod",
        "SECRET_KEY": secret_key(),
        "ALLOWED_HOSTS": f"{host},localhost",
        "WAGTAILADMIN_BASE_URL": f"http://{bind}",
        "DATABASE_URL": DEFAULT_DATABASE_URL,
        "REDIS_URL": DEFAULT_REDIS_URL,
        # Plain HTTP on loopback: a real deployment sits behind an HTTPS proxy.
        "SECURE_SSL_REDIRECT": "0",
        "GUNICORN_BIND": bind,
        "GUNICORN_WORKERS": "2",
        "TASKS_BACKEND": "database",
    }
    if not env.get("EMAIL_HOST"):
        defaults["EMAIL_BACKEND"] = "django.core.mail.backends.console.EmailBackend"
    if env.get("DJANGO_SETTINGS_MODULE") in (None, "", "portal.settings.dev"):
        env.pop("DJANGO_SETTINGS_MODULE", None)
    for name, value in defaults.items():
        env.setdefault(name, value)
    return env


def ensure_database(url: str) -> None:
    """Create the PostgreSQL database of `url` when it does not exist yet."""
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        return
    import psycopg
    from psycopg import sql

    name = parts.path.lstrip("/")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True, connect_timeout=5) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def start_gunicorn(
    env: dict, bind: str, *, workers: int = 2, quiet: bool = True, timeout: float = 60
):
    """A gunicorn of the production mode on `bind`, ready to answer (a Popen to terminate)."""
    import http.client
    import time

    env = {**env, "GUNICORN_BIND": bind, "GUNICORN_WORKERS": str(workers)}
    if quiet:
        env.update(GUNICORN_ACCESS_LOG="", GUNICORN_LOG_LEVEL="warning")
    proc = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "--config", "portal/gunicorn.conf.py"], env=env, cwd=ROOT
    )
    host, port = bind.rsplit(":", 1)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn on {bind} exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection(host, int(port), timeout=2)
            conn.request("GET", "/sante/")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError(f"gunicorn on {bind} did not answer within {timeout:.0f} s")


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "portal", *args], env=env, cwd=ROOT, check=True)  # noqa: S603


def collectstatic(env: dict) -> None:
    """Hash and compress the static files, unless nothing changed since the last time."""
    var = Path(env.get("PORTAL_VAR_DIR", ROOT / "var"))
    manifest = var / "static" / "staticfiles.json"
    sources = [ROOT / "requirements.lock", ROOT / "pyproject.toml"]
    for directory in [ROOT / "static", *ROOT.glob("*/static"), *ROOT.glob("*/*/static")]:
        sources += [f for f in directory.rglob("*") if f.is_file()]
    newest = max((f.stat().st_mtime for f in sources if f.exists()), default=0)
    if not manifest.exists() or manifest.stat().st_mtime < newest:
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")


def setup(env: dict) -> None:
    ensure_database(env["DATABASE_URL"])
    collectstatic(env)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "load_initial_data")


def main(argv: list[str]) -> int:
    env = local_environment()
    if "--no-setup" not in argv:
        setup(env)
    # SIGTERM stops the worker and gunicorn as Ctrl+C does.
    signal.signal(signal.SIGTERM, lambda *args: sys.exit(0))
    children = []
    try:
        children.append(
            subprocess.Popen([sys.executable, "-m", "portal", "db_worker"], env=env, cwd=ROOT)  # noqa: S603
        )
        # Finished task rows (sent emails: address and body) pruned now and every day.
        children.append(
            subprocess.Popen(  # noqa: S603
                [sys.executable, "-m", "portal", "prune_task_results", "--every", "86400"],
                env=env,
                cwd=ROOT,
            )
        )
        print(f"Serving on http://{env['GUNICORN_BIND']}/ (Ctrl+C stops)", flush=True)
        gunicorn = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "gunicorn", "--config", "portal/gunicorn.conf.py"],
            env=env,
            cwd=ROOT,
        )
        children.append(gunicorn)
        return gunicorn.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        for child in reversed(children):
            if child.poll() is None:
                child.terminate()
        for child in children:
            child.wait(timeout=30)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
