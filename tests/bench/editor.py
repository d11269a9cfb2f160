"""Figures for `make bench`: the editor's query counts, autosave latency and lost updates.

``autosave_queries`` counts the SQL queries of one save of a situation's field as the
editor's autosave runs it (``livrets.livret2.services.autosave``: resolve the target, save, read the
section's new state), transaction control (BEGIN) not counted; the request adds the
session's and the user's, as every signed-in request does.
"""

from __future__ import annotations

import statistics
import threading
import time
import uuid
from urllib.parse import urlencode, urlparse

from .client import connection as http_connection

QUERY_FIGURES = ("editor_queries_1", "editor_queries_50", "autosave_queries")
AUTOSAVE_FIGURES = (
    "autosave_server_cpu_ms",
    "autosave_p50_ms",
    "autosave_p95_ms",
    "autosave_saturated_p50_ms",
    "autosave_saturated_p95_ms",
    "autosave_lost_updates",
)
WRITERS = 20
# The conseiller-offres-services livret's situations, as many as each part asks for.
SITUATION_PARTS = (
    *("activite-1", "activite-1", "activite-3", "activite-3"),
    *("activite-2", "activite-4"),
)
SAVES_PER_WRITER = 15
FIELDS = ("contexte", "analyse", "actions", "resultat", "titre")


def _candidate(email: str):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    return User.objects.create_user(username=email, email=email, password=uuid.uuid4().hex)


def _editor_queries(situations: int) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from livrets.livret2 import services
    from livrets.livret2.models import Situation
    from tests.support.data import version

    user = _candidate(f"bench-{uuid.uuid4().hex[:8]}@bench.invalid")
    try:
        livret = services.start_livret(owner=user, version=version("conseiller-offres-services"))
        for position in range(1, situations + 1):
            # More situations than the part asks for (the service refuses them): the query
            # count must not grow with the number of situations.
            situation = Situation.objects.create(
                livret=livret, section_code="activite-1", position=position
            )
            services.save_answer(
                livret=livret,
                section="activite-1",
                key="contexte",
                text="Un texte de situation. " * 20,
                base_version=0,
                situation=situation,
            )
        client = Client()
        client.force_login(user)
        url = f"/livrets/{livret.pk}/partie/activite-1/"
        client.get(url, HTTP_HOST="127.0.0.1")
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, HTTP_HOST="127.0.0.1")
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")
        return len(ctx.captured_queries)
    finally:
        from portal.accounts.services import delete_account

        delete_account(user=user)


def _autosave_queries() -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from livrets.livret2 import parts, services
    from livrets.livret2.anchors import Anchor
    from tests.support.data import version

    user = _candidate(f"bench-{uuid.uuid4().hex[:8]}@bench.invalid")
    try:
        livret = services.start_livret(owner=user, version=version("conseiller-offres-services"))
        # Every situation the livret may have (six), the field saved in the last one.
        for section in SITUATION_PARTS[:-1]:
            parts.add_situation(livret=livret, section=section)
        anchor = Anchor(
            situation=parts.add_situation(livret=livret, section=SITUATION_PARTS[-1]).pk,
            field="contexte",
        )
        first = services.autosave(
            user=user, livret_pk=livret.pk, anchor=anchor, text="Premier jet.", base_version=0
        )
        with CaptureQueriesContext(connection) as ctx:
            services.autosave(
                user=user,
                livret_pk=livret.pk,
                anchor=anchor,
                text="Second jet.",
                base_version=first.result.version,
            )
        return sum(1 for q in ctx.captured_queries if not q["sql"].startswith("BEGIN"))
    finally:
        from portal.accounts.services import delete_account

        delete_account(user=user)


def run() -> dict[str, float]:
    return {
        "editor_queries_1": _editor_queries(1),
        "editor_queries_50": _editor_queries(50),
        "autosave_queries": _autosave_queries(),
    }


def _session_cookie(user) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


# The editor saves a field about a second after typing stops: a writer at full speed sends
# one save a second. `autosave_*` measure 20 such writers; `autosave_saturated_*` the same
# writers sending saves back to back (a throughput test: the queue then sets the latency).
PACE_SECONDS = 1.0


def run_autosave(base_url: str) -> dict:
    paced = _autosave(base_url, pace=PACE_SECONDS)
    saturated = _autosave(base_url, pace=0.0)
    return {
        "autosave_server_cpu_ms": _server_cpu_per_save(base_url),
        **paced,
        "autosave_saturated_p50_ms": saturated["autosave_p50_ms"],
        "autosave_saturated_p95_ms": saturated["autosave_p95_ms"],
        "autosave_lost_updates": paced["autosave_lost_updates"]
        + saturated["autosave_lost_updates"],
    }


class _Writers:
    """Concurrent writers of one livret's situations; each pair shares one field."""

    def __init__(self, base_url: str, *, livret, targets, cookie: str, csrf: str, pace: float):
        self.base_url, self.targets, self.pace = base_url, targets, pace
        self.path = f"/livrets/{livret.pk}/enregistrer/"
        self.headers = {
            "Cookie": cookie,
            "X-CSRFToken": csrf,
            "Content-Type": "application/x-www-form-urlencoded",
            "Host": urlparse(base_url).netloc,
        }
        self.latencies: list[float] = []
        self.acknowledged: list[tuple[int, str, int, str]] = []
        self.errors: list[str] = []
        self.lock = threading.Lock()

    def run(self) -> None:
        threads = [threading.Thread(target=self.write, args=(i,)) for i in range(WRITERS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    def write(self, index: int) -> None:
        situation, key = self.targets[index // 2]
        conn = http_connection(self.base_url, timeout=30)
        base = 0
        # Spread the writers' first saves over one pace period, deterministically.
        time.sleep(self.pace * index / WRITERS)
        for n in range(SAVES_PER_WRITER):
            started = time.perf_counter()
            base = self.save(conn, situation.pk, key, f"Écrivain {index}, sauvegarde {n}.", base)
            time.sleep(max(0.0, self.pace - (time.perf_counter() - started)))
        conn.close()

    def save(self, conn, situation: int, key: str, text: str, base: int) -> int:
        """One save, re-based and sent again on conflict ("keep mine"); the new base."""
        for _attempt in range(20):
            body = urlencode(
                {"part": f"situation:{situation}", "field": key, "text": text, "base_version": base}
            )
            start = time.perf_counter()
            conn.request("POST", self.path, body=body, headers=self.headers)
            response = conn.getresponse()
            response.read()
            with self.lock:
                self.latencies.append((time.perf_counter() - start) * 1000)
            if response.status in (200, 409):
                base = int(response.getheader("X-Livret-Version"))
            if response.status == 200:
                with self.lock:
                    self.acknowledged.append((situation, key, base, text))
                return base
            if response.status != 409:
                with self.lock:
                    self.errors.append(f"HTTP {response.status}")
                return base
        return base


CPU_SAVES = 300


def _server_cpu_per_save(base_url: str) -> float:
    """The server's processor time per save of one writer saving back to back (a field of a
    situation, each save acknowledged): the save path's own cost, whatever the machine's load
    (``server.worker_cpu_seconds``). The database's and the client's time are not in it."""
    from django.conf import settings
    from django.middleware.csrf import _get_new_csrf_string

    from livrets.livret2 import parts, services
    from tests.support.data import version

    from .server import worker_cpu_seconds

    user = _candidate(f"bench-{uuid.uuid4().hex[:8]}@bench.invalid")
    try:
        livret = services.start_livret(owner=user, version=version("conseiller-offres-services"))
        situation = parts.add_situation(livret=livret, section=SITUATION_PARTS[0])
        session, csrf = _session_cookie(user), _get_new_csrf_string()
        cookie = f"{settings.SESSION_COOKIE_NAME}={session}; {settings.CSRF_COOKIE_NAME}={csrf}"
        writers = _Writers(
            base_url,
            livret=livret,
            targets=[(situation, FIELDS[0])],
            cookie=cookie,
            csrf=csrf,
            pace=0.0,
        )
        conn = http_connection(base_url, timeout=30)
        base = 0
        for n in range(20):  # warm: the first saves load what each worker keeps
            base = writers.save(conn, situation.pk, FIELDS[0], f"Échauffement {n}.", base)
        for _attempt in range(3):
            before = worker_cpu_seconds(base_url)
            for n in range(CPU_SAVES):
                base = writers.save(conn, situation.pk, FIELDS[0], f"Sauvegarde {n}.", base)
            after = worker_cpu_seconds(base_url)
            if before.keys() == after.keys():  # no worker recycled meanwhile
                break
        else:
            raise RuntimeError("make bench: gunicorn recycled a worker during each attempt")
        used = sum(after.values()) - sum(before.values())
        conn.close()
        if writers.errors or len(writers.acknowledged) != 20 + CPU_SAVES * (_attempt + 1):
            raise RuntimeError(f"make bench: a save failed ({writers.errors[:3]})")
        return used / CPU_SAVES * 1000
    finally:
        from portal.accounts.services import delete_account

        delete_account(user=user)


def _lost_updates(livret, acknowledged: list[tuple[int, str, int, str]]) -> int:
    """Saves acknowledged (200) whose text is not the revision of the version reported, and
    fields whose final text is not the last acknowledged one."""
    from livrets.livret2.models import Answer, Revision

    revisions = {
        (r.answer.situation_id, r.answer.field_key, r.version): r.text
        for r in Revision.objects.filter(answer__livret=livret).select_related("answer")
    }
    lost = sum(1 for sid, key, v, text in acknowledged if revisions.get((sid, key, v)) != text)
    last: dict[tuple[int, str], tuple[int, str]] = {}
    for sid, key, v, text in acknowledged:
        if v >= last.get((sid, key), (0, ""))[0]:
            last[(sid, key)] = (v, text)
    for (sid, key), (_v, text) in last.items():
        if Answer.objects.get(situation_id=sid, field_key=key).text != text:
            lost += 1
    return lost


def _autosave(base_url: str, *, pace: float) -> dict:
    """20 concurrent writers; each pair shares one field and re-bases on conflict."""
    from django.conf import settings
    from django.middleware.csrf import _get_new_csrf_string

    from livrets.livret2 import parts, services
    from tests.support.data import version

    user = _candidate(f"bench-{uuid.uuid4().hex[:8]}@bench.invalid")
    try:
        livret = services.start_livret(owner=user, version=version("conseiller-offres-services"))
        situations = [
            parts.add_situation(livret=livret, section=section)
            for section in SITUATION_PARTS[: WRITERS // 2 // len(FIELDS) + 1]
        ]
        targets = [
            (situations[i // len(FIELDS)], FIELDS[i % len(FIELDS)]) for i in range(WRITERS // 2)
        ]
        session, csrf = _session_cookie(user), _get_new_csrf_string()
        cookie = f"{settings.SESSION_COOKIE_NAME}={session}; {settings.CSRF_COOKIE_NAME}={csrf}"
        writers = _Writers(
            base_url, livret=livret, targets=targets, cookie=cookie, csrf=csrf, pace=pace
        )
        writers.run()
        latencies = sorted(writers.latencies)
        return {
            "autosave_p50_ms": statistics.median(latencies),
            "autosave_p95_ms": latencies[int(len(latencies) * 0.95) - 1],
            "autosave_lost_updates": _lost_updates(livret, writers.acknowledged)
            + len(writers.errors),
        }
    finally:
        from portal.accounts.services import delete_account

        delete_account(user=user)
