"""The dashboard's caches are bounded (entries, bytes, idle time) and keep nothing a closed session
alone needed: the shared view cache on its own (a clock of our own, no sleeping) and the
decorators of dashboard.py read from its source."""

from __future__ import annotations

import ast
import threading

import pandas as pd
import pytest
from conftest import ROOT

from extract.workspace.view_cache import ViewCache, shared_view, size_of


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _frame(rows: int) -> pd.DataFrame:
    return pd.DataFrame({"sentence": [f"Sales rose {n}% in May." for n in range(rows)]})


def test_entries_are_bounded_least_recently_used_first():
    cache = ViewCache(max_entries=3, max_bytes=10**9, ttl=60, clock=Clock())
    for key in "abcd":
        cache.get(key, lambda key=key: key * 2)
    cache.get("b", lambda: "recomputed")  # b is used, so c is now the oldest
    cache.get("e", lambda: "ee")
    assert len(cache) == 3
    assert cache.get("b", lambda: "recomputed") == "bb"
    assert cache.get("c", lambda: "recomputed") == "recomputed"


def test_bytes_are_bounded_and_an_entry_bigger_than_the_budget_is_never_kept():
    page = _frame(100)
    cache = ViewCache(max_entries=1000, max_bytes=3 * size_of(page), ttl=60, clock=Clock())
    for key in range(10):
        cache.get(key, lambda: page.copy())
        assert cache.bytes <= cache.max_bytes
    assert len(cache) == 3
    huge = _frame(10_000)
    assert cache.get("huge", lambda: huge) is huge
    assert len(cache) == 3 and cache.get("huge", lambda: None) is None  # computed again: it was not kept


def test_a_view_nobody_asks_for_is_let_go_after_its_idle_time():
    clock = Clock()
    cache = ViewCache(max_entries=100, max_bytes=10**9, ttl=600, clock=clock)
    cache.get("closed session's view", lambda: _frame(100))
    cache.get("open session's view", lambda: _frame(100))
    for _ in range(3):
        clock.now += 300
        cache.get("open session's view", lambda: None)  # asked for again and again: it stays
    assert len(cache) == 1 and cache.get("open session's view", lambda: None) is not None
    assert cache.bytes == size_of(_frame(100))
    clock.now += 601
    cache.get("another", lambda: 1)  # any use lets go of what has been idle too long
    assert len(cache) == 1


def test_sessions_asking_for_one_view_at_once_compute_it_once():
    cache = ViewCache(max_entries=10, max_bytes=10**9, ttl=60)
    started, release = threading.Event(), threading.Event()
    calls = []

    def compute():
        calls.append(1)
        started.set()
        release.wait(30)
        return "view"

    results = []
    first = threading.Thread(target=lambda: results.append(cache.get("k", compute)))
    first.start()
    started.wait(30)
    second = threading.Thread(target=lambda: results.append(cache.get("k", compute)))
    second.start()
    release.set()
    first.join(30)
    second.join(30)
    assert results == ["view", "view"] and len(calls) == 1


def test_a_failed_computation_is_not_kept_and_the_next_session_tries_again():
    cache = ViewCache(max_entries=10, max_bytes=10**9, ttl=60)

    def fail():
        raise RuntimeError("store closed")

    with pytest.raises(RuntimeError):
        cache.get("k", fail)
    assert cache.get("k", lambda: "view") == "view"


def test_the_decorator_keys_on_every_argument():
    calls = []

    @shared_view(max_entries=4, max_bytes=10**6, ttl=60)
    def view(path, page, *, size=100):
        calls.append((path, page, size))
        return f"{path}:{page}:{size}"

    assert view("w", 1) == view("w", 1) == "w:1:100"
    assert view("w", 2, size=50) == "w:2:50"
    assert calls == [("w", 1, 100), ("w", 2, 50)]


def _cached_functions() -> dict[str, ast.Call]:
    """Each function of dashboard.py with a cache decorator, and that decorator's call."""
    tree = ast.parse((ROOT / "dashboard.py").read_text(encoding="utf-8"))
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            for decorator in node.decorator_list:
                if isinstance(decorator, ast.Call) and ast.unparse(decorator.func) in {
                        "st.cache_resource", "st.cache_data", "shared_view"}:
                    found[node.name] = decorator
    return found


def test_every_dashboard_cache_is_bounded_and_what_a_visitor_chose_expires():
    cached = _cached_functions()
    assert {"open_shared_workspace", "checked_store", "view_page", "overview_charts"} <= set(cached)
    tree = ast.parse((ROOT / "dashboard.py").read_text(encoding="utf-8"))
    arguments = {node.name: [a.arg for a in node.args.args] for node in ast.walk(tree)
                 if isinstance(node, ast.FunctionDef) and node.name in cached}
    for name, decorator in cached.items():
        keywords = {k.arg for k in decorator.keywords}
        assert "max_entries" in keywords, f"{name}: no bound on its entries"
        if "filters" in arguments[name] or "page" in arguments[name]:
            # Keyed on what a visitor chose: shared by every session showing that view, bounded in
            # bytes too, and let go when no session has asked for it for a while.
            assert ast.unparse(decorator.func) == "shared_view", name
            assert {"max_bytes", "ttl"} <= keywords, name
        else:
            # Keyed on the server's configuration and the workspace's state alone, nothing a
            # visitor chose: a few entries, replaced as the workspace changes.
            assert set(arguments[name]) <= {"path", "at"}, name
            limit = next(k.value for k in decorator.keywords if k.arg == "max_entries")
            assert isinstance(limit, ast.Constant) and limit.value <= 4, name
