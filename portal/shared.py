"""Values kept in the shared cache, unpickled once per process.

The shared cache (Redis in production) holds a small random token under the key and the
pickled value under ``<key>#<token>``; each process keeps what it has unpickled, by token, in
a bounded LRU. A write stores a new token, so a process never serves a value the shared
cache no longer names: deleting or replacing the key (``cache.clear()`` between tests, where
SQLite gives a deleted row's id to the next one; a newer value written by another server)
makes the process memory unreachable for it. Values must be treated as read-only: every
caller of ``get`` in this process may receive the same object.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict

from django.core.cache import cache

SIZE = 512


class _Unpickled:
    """What this process has unpickled from the shared cache, by token (a bounded LRU)."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict[str, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, token: str):
        with self._lock:
            value = self._items.get(token)
            if value is not None:
                self._items.move_to_end(token)
            return value

    def put(self, token: str, value) -> None:
        with self._lock:
            self._items[token] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)


_unpickled = _Unpickled(SIZE)


def get(key: str):
    """The value ``set`` stored under ``key``, or None."""
    return _value(key, cache.get(key))


def get_with(key: str, *others: str) -> tuple[object, dict]:
    """The value ``set`` stored under ``key`` (or None) and the plain cache entries ``others``
    that exist, read together (one round trip to the shared cache)."""
    found = cache.get_many([key, *others])
    return _value(key, found.pop(key, None)), found


def _value(key: str, token: str | None):
    if token is None:
        return None
    value = _unpickled.get(token)
    if value is None:
        value = cache.get(f"{key}#{token}")
        if value is None:
            return None
        _unpickled.put(token, value)
    return value


def set(key: str, value, timeout: int) -> None:  # noqa: A001 - the cache's own verb
    token = uuid.uuid4().hex
    cache.set(f"{key}#{token}", value, timeout + 60)
    cache.set(key, token, timeout)
    _unpickled.put(token, value)
