"""A per-worker memo of callback responses, exact because a response is a pure function of its key.

A Dash callback here reads only the warehouse (one data version per request, data/db.py), its inputs, the user's
rights (choosers list what the user may see) and today's date (the as-of day of a running month). So the key is
(published file, data version cutoff, user, day, request body), and a newly published warehouse simply misses.
Callbacks with side effects or other sources are never memoised: file downloads (audited on the way out), and the
pages whose callbacks read or write the accounts database or publish (NOT_CACHED_PREFIXES).
"""

import hashlib
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass

MAX_ENTRIES = 512
MAX_BODY_BYTES = 1024 * 1024  # a response larger than this is rare and not worth the memory
NOT_CACHED_PREFIXES = ("admin-", "lamna-in-")


@dataclass(frozen=True)
class Stored:
    """A memoised response: its body and content type."""

    body: bytes
    mimetype: str


def _output_ids(output: str) -> list[str]:
    """The component ids named by a callback's output string (pattern ids by their string values)."""
    ids = []
    for part in output.strip(".").split("..."):
        name = part.rsplit(".", 1)[0]
        if name.startswith("{"):
            ids += [value for value in json.loads(name).values() if isinstance(value, str)]
        else:
            ids.append(name)
    return ids


def cacheable(output: str) -> bool:
    """Whether a callback's responses may be memoised, judged by its output ids (`..a.children...b.value..`)."""
    ids = _output_ids(output)
    return not any(name.endswith("-download") or name.startswith(NOT_CACHED_PREFIXES) for name in ids)


def key(version: tuple, user: str, day: str, body: bytes) -> tuple:
    """The exact key of one callback response."""
    return (version, user, day, hashlib.sha256(body).digest())


class ResponseCache:
    """A thread-safe LRU of callback responses with hit and miss counts."""

    def __init__(self, entries: int = MAX_ENTRIES):
        self.entries = entries
        self.hits = 0
        self.misses = 0
        self._store: OrderedDict[tuple, Stored] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, entry_key: tuple) -> Stored | None:
        """The stored response for the key, or None (counted as a miss)."""
        with self._lock:
            found = self._store.get(entry_key)
            if found is None:
                self.misses += 1
                return None
            self._store.move_to_end(entry_key)
            self.hits += 1
            return found

    def put(self, entry_key: tuple, stored: Stored) -> None:
        """Keep a response, dropping the least recently used beyond the limit."""
        if len(stored.body) > MAX_BODY_BYTES:
            return
        with self._lock:
            self._store[entry_key] = stored
            self._store.move_to_end(entry_key)
            while len(self._store) > self.entries:
                self._store.popitem(last=False)
