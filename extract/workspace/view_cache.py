"""A cache of dashboard views shared by every session, bounded in entries, bytes and idle time.

What a view shows (its counts, a page of the table, its charts) is computed once and served to
every session showing it; that is what lets twenty newsroom browsers open one link at the cost of
one. Streamlit's own caches bound the number of entries, not their size, and keep an entry a
session alone asked for until it is pushed out. This one also bounds the bytes its entries hold
(an entry larger than the whole budget is returned and never kept: a page of a corpus whose titles
run to megabytes) and lets go of an entry no session has asked for in `ttl` seconds, so nothing a
closed session alone needed stays in memory past that.

Thread-safe: Streamlit runs each session's script in a thread of one process. Two sessions asking
for the same view at once compute it once; the second waits for the first.
"""

from __future__ import annotations

import dataclasses
import functools
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

import pandas as pd

MB = 1024 * 1024
# A view no session has asked for in this long is let go: a session that is still open and asks
# again recomputes it (a query of a few milliseconds to a second).
VIEW_IDLE_SECONDS = 600.0
P = ParamSpec("P")
R = TypeVar("R")
_MAX_DEPTH = 64  # chart specifications nest a few levels; deeper is counted as its top only


def size_of(value: object, depth: int = 0) -> int:
    """Bytes `value` holds, roughly: a table's deep memory usage, containers with their items."""
    if isinstance(value, pd.DataFrame):
        return int(value.memory_usage(deep=True, index=True).sum())
    if isinstance(value, pd.Series):
        return int(value.memory_usage(deep=True, index=True))
    size = sys.getsizeof(value)
    if depth >= _MAX_DEPTH or isinstance(value, str | bytes | int | float | bool) or value is None:
        return size
    if isinstance(value, dict):
        return size + sum(size_of(k, depth + 1) + size_of(v, depth + 1) for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return size + sum(size_of(item, depth + 1) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return size + sum(size_of(getattr(value, f.name), depth + 1) for f in dataclasses.fields(value))
    return size


@dataclass
class _Entry:
    value: Any
    size: int
    used: float  # clock time of the last use


class ViewCache:
    """Least recently used entries, at most `max_entries` and `max_bytes` in all, each dropped
    `ttl` seconds after its last use."""

    def __init__(self, *, max_entries: int, max_bytes: int, ttl: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.max_entries, self.max_bytes, self.ttl = max_entries, max_bytes, ttl
        self._clock = clock
        self._entries: OrderedDict[Hashable, _Entry] = OrderedDict()
        self._computing: dict[Hashable, threading.Event] = {}
        self._lock = threading.Lock()
        self.bytes = 0

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable, compute: Callable[[], R]) -> R:
        """The value kept for `key`, else `compute()` (kept when it fits)."""
        while True:
            with self._lock:
                now = self._clock()
                self._expire(now)
                entry = self._entries.get(key)
                if entry is not None:
                    entry.used = now
                    self._entries.move_to_end(key)
                    return entry.value
                pending = self._computing.get(key)
                if pending is None:
                    done = self._computing[key] = threading.Event()
                    break
            pending.wait()  # another session is computing this view: use its result
            with self._lock:
                if key not in self._entries:  # it failed, or was too big to keep: compute it here
                    return compute()
        try:
            value = compute()
            self._keep(key, value)
            return value
        finally:
            with self._lock:
                del self._computing[key]
            done.set()

    def _keep(self, key: Hashable, value: object) -> None:
        size = size_of(value)
        with self._lock:
            if size > self.max_bytes:
                return
            old = self._entries.pop(key, None)
            if old is not None:
                self.bytes -= old.size
            self._entries[key] = _Entry(value, size, self._clock())
            self.bytes += size
            while len(self._entries) > self.max_entries or self.bytes > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self.bytes -= dropped.size

    def _expire(self, now: float) -> None:
        """Drop the entries idle for longer than ttl (the least recently used come first)."""
        while self._entries:
            key, entry = next(iter(self._entries.items()))
            if now - entry.used <= self.ttl:
                return
            del self._entries[key]
            self.bytes -= entry.size

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.bytes = 0


_CACHES: list[ViewCache] = []


def shared_view(*, max_entries: int, max_bytes: int, ttl: float) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorate a function of hashable arguments: its results are kept in a ViewCache."""

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        cache = ViewCache(max_entries=max_entries, max_bytes=max_bytes, ttl=ttl)
        _CACHES.append(cache)

        @functools.wraps(function)
        def cached(*args: P.args, **kwargs: P.kwargs) -> R:
            key = (args, tuple(sorted(kwargs.items())))
            return cache.get(key, lambda: function(*args, **kwargs))

        cached.cache = cache  # type: ignore[attr-defined]
        return cached

    return decorate


def clear_shared_views() -> None:
    """Forget every shared view (what a server restart forgets; tests use it)."""
    for cache in _CACHES:
        cache.clear()
