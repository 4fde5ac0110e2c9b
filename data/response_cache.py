"""A per-worker memo of callback responses, exact because a response is a pure function of its key.

A Dash callback here reads only the warehouse (one data version per request, data/db.py), its inputs, the user's
rights (choosers list what the user may see) and today's date (the as-of day of a running month). So the key is
(published file, data version cutoff, user, day, request body), and a newly published warehouse simply misses.
Callbacks with side effects or other sources are never memoised: file downloads (audited on the way out), and the
pages whose callbacks read or write the accounts database or publish (NOT_CACHED_PREFIXES).

Both memos are bounded by entry count and by total bytes, so a worker's memory stays within its budget:
ResponseCache holds the bodies as Dash made them, CompressedBodies what flask-compress made of a body that is a
pure function of its key (a memoised callback response, a fingerprinted Dash bundle, a file in assets/ by its ETag),
so a repeat is not compressed again.
"""

import hashlib
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass

MAX_ENTRIES = 512
MAX_BODY_BYTES = 1024 * 1024  # a response larger than this is rare and not worth the memory
MAX_TOTAL_BYTES = 32 * 1024 * 1024  # all memoised responses of one worker together
MAX_COMPRESSED_BYTES = 16 * 1024 * 1024  # all compressed bodies of one worker (Dash's bundles: ~3 MB per encoding)
MAX_COMPRESSED_BODY_BYTES = 4 * 1024 * 1024  # plotly.js compressed is ~1.4 MB
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


class _Lru:
    """A thread-safe LRU bounded by entry count and by the total size of its values."""

    def __init__(self, entries: int, max_bytes: int, max_value_bytes: int):
        self.entries, self.max_bytes, self.max_value_bytes = entries, max_bytes, max_value_bytes
        self.size = 0  # bytes held now
        self._store: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def _get(self, entry_key):
        with self._lock:
            found = self._store.get(entry_key)
            if found is not None:
                self._store.move_to_end(entry_key)
            return found

    def _put(self, entry_key, value, size: int) -> None:
        if size > self.max_value_bytes:
            return
        with self._lock:
            old = self._store.pop(entry_key, None)
            if old is not None:
                self.size -= old[1]
            self._store[entry_key] = (value, size)
            self.size += size
            while len(self._store) > self.entries or self.size > self.max_bytes:
                self.size -= self._store.popitem(last=False)[1][1]

    def __len__(self) -> int:
        return len(self._store)

    def clear(self) -> None:
        """Forget every stored value (counts of hits and misses stay)."""
        with self._lock:
            self._store.clear()
            self.size = 0


class ResponseCache(_Lru):
    """Callback responses by their exact key, with hit and miss counts."""

    def __init__(self, entries: int = MAX_ENTRIES, max_bytes: int = MAX_TOTAL_BYTES):
        super().__init__(entries, max_bytes, MAX_BODY_BYTES)
        self.hits = 0
        self.misses = 0

    def get(self, entry_key: tuple) -> Stored | None:
        """The stored response for the key, or None (counted as a miss)."""
        found = self._get(entry_key)
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        return found[0]

    def put(self, entry_key: tuple, stored: Stored) -> None:
        """Keep a response, dropping the least recently used beyond the limits."""
        self._put(entry_key, stored, len(stored.body))


class CompressedBodies(_Lru):
    """flask-compress's cache backend (get/set by `"<algorithm>;<key>"`); a key with an empty part after the
    algorithm names a response that is not a pure function of its request and is never kept."""

    def __init__(self, max_bytes: int = MAX_COMPRESSED_BYTES):
        super().__init__(MAX_ENTRIES, max_bytes, MAX_COMPRESSED_BODY_BYTES)

    def get(self, entry_key: str) -> bytes | None:
        """The compressed body kept for the key, or None."""
        if entry_key.endswith(";"):
            return None
        found = self._get(entry_key)
        return found[0] if found is not None else None

    def set(self, entry_key: str, value: bytes) -> None:
        """Keep a compressed body (flask-compress calls this after every compression and every hit)."""
        if not entry_key.endswith(";"):
            self._put(entry_key, value, len(value))
