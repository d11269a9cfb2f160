"""Django's cached database sessions (Redis first), the database read written out
(``portal.sessions.db``)."""

from __future__ import annotations

from django.contrib.sessions.backends import cached_db

from . import db


class SessionStore(cached_db.SessionStore, db.SessionStore):
    pass
