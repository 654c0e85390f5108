"""The dashboard over a workspace: server start, first render, filter reruns and peak memory.

    uv run python benchmarks/dashboard_workspace.py                       # the bundled sample
    uv run python benchmarks/store_build.py                               # once: >= 1,000,000 figures
    uv run python benchmarks/dashboard_workspace.py --workspace benchmarks/stores/1m

Starts `streamlit run dashboard.py` with FIGCHECK_WORKSPACE set (a new temporary workspace unless
--workspace is given), then speaks Streamlit's websocket protocol as a browser would: one cold run,
one warm run, then each filter change as a rerun with that filter in the query string, each in a
fresh session as a shared link is. The time of a run is from the request to the script's end
(server time plus a local round trip). The first round is each view's first visit (its queries
run); later rounds show a view the server has shown before (its results are shared). Then the
server is restarted on the same workspace and the first run timed again. Prints each time, the
server's CPU time beside it (the machine may be shared) and its peak resident memory (VmHWM).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import websockets  # noqa: E402
from app_server import dashboard_server  # noqa: E402
from soak_app import _rerun  # noqa: E402

SAMPLE_CHANGES = [
    ("source = United Nations", "source=United+Nations"),
    ("kind = percent", "kind=percent"),
    ("text search 'tankers'", "q=tankers"),
    ("value 100 to 1,000", "min=100&max=1000"),
    ("verdict = consistent", "verdict=consistent"),
    ("own statements", "source=%28stated+by+the+article%29"),
]
FILTER_CHANGES = [
    ("no filter", ""),
    ("source = Reuters", "source=Reuters"),
    ("kind = percent", "kind=percent"),
    ("kind = currency, qualifier = approx", "kind=currency&qualifier=approx"),
    ("value 100 to 1,000", "min=100&max=1000"),
    ("text search 'oil'", "q=oil"),
    ("text search 'bank' + kind = percent", "q=bank&kind=percent"),
    ("own statements", "source=%28stated+by+the+article%29"),
    ("verdict = unverified", "verdict=unverified"),
]


def _cpu_seconds(pid: int) -> float:
    """User plus system CPU time of the server so far: its own work, whatever else the machine runs."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def _measure(url: str, pid: int, changes: list[tuple[str, str]],
                   rounds: int) -> list[tuple[str, float, float, str]]:
    """(label, wall seconds, server CPU seconds, error) of each run."""
    results = []
    async with websockets.connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=600) as ws:
        for label in ("first render", "rerun, no change"):
            cpu = _cpu_seconds(pid)
            seconds, error = await _rerun(ws, "")
            results.append((label, seconds, _cpu_seconds(pid) - cpu, error))
        for label, query in changes * rounds:
            # Each change starts from a fresh session state, as a shared link does.
            async with websockets.connect(url, subprotocols=["streamlit"], max_size=None) as fresh:
                cpu = _cpu_seconds(pid)
                seconds, error = await _rerun(fresh, query)
            results.append((f"filter: {label}", seconds, _cpu_seconds(pid) - cpu, error))
    return results


async def _first(url: str, pid: int) -> tuple[float, float, str]:
    async with websockets.connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=600) as ws:
        cpu = _cpu_seconds(pid)
        seconds, error = await _rerun(ws, "")
        return seconds, _cpu_seconds(pid) - cpu, error


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workspace", help="an existing workspace or store (default: a new one with the sample)")
    parser.add_argument("--rounds", type=int, default=3, help="times each filter change is measured")
    args = parser.parse_args()
    workspace = Path(args.workspace) if args.workspace else Path(tempfile.mkdtemp(prefix="figcheck-bench-")) / "ws"
    if args.workspace and not workspace.is_dir():
        print(f"skipped: no workspace at {workspace} (run benchmarks/store_build.py first)")
        return
    changes = FILTER_CHANGES if args.workspace else SAMPLE_CHANGES
    env = {"FIGCHECK_WORKSPACE": str(workspace)}
    started = time.perf_counter()
    with dashboard_server(env=env) as (base, process):
        healthy = time.perf_counter() - started
        results = asyncio.run(_measure(base.replace("http://", "ws://") + "/_stcore/stream", process.pid, changes,
                                       args.rounds))
        peak = _peak_rss_mb(process.pid)
    started = time.perf_counter()
    with dashboard_server(env=env) as (base, process):
        restarted_healthy = time.perf_counter() - started
        restart, restart_cpu, restart_error = asyncio.run(_first(base.replace("http://", "ws://") + "/_stcore/stream",
                                                                 process.pid))
    print(f"workspace: {workspace}")
    print(f"{'streamlit run to healthy':<45} {healthy:6.2f} s")
    print(f"{'':<45} {'wall':>8} {'server CPU':>11}")
    for label, seconds, cpu, error in results[:2]:
        print(f"{label:<45} {seconds:6.2f} s {cpu:9.2f} s" + (f"  ERROR {error}" if error else ""))
    by_label: dict[str, list[tuple[float, float]]] = {}
    for label, seconds, cpu, error in results[2:]:
        if error:
            print(f"{label:<45} ERROR {error}")
        by_label.setdefault(label, []).append((seconds, cpu))
    print(f"{'':<45} {'first visit of the view':>24}   {'view shown before (median)':>26}")
    print(f"{'':<45} {'wall':>10} {'server CPU':>12}   {'wall':>10} {'server CPU':>12}")
    for label, runs in by_label.items():
        again = runs[1:] or runs
        print(f"{label:<45} {runs[0][0]:8.3f} s {runs[0][1]:10.3f} s   "
              f"{statistics.median(r[0] for r in again):8.3f} s {statistics.median(r[1] for r in again):10.3f} s")
    first = [runs[0] for runs in by_label.values()]
    again = [r for runs in by_label.values() for r in runs[1:]] or first
    print(f"{'filter rerun, every change: median':<45} {statistics.median(r[0] for r in first):8.3f} s "
          f"{statistics.median(r[1] for r in first):10.3f} s   {statistics.median(r[0] for r in again):8.3f} s "
          f"{statistics.median(r[1] for r in again):10.3f} s")
    print(f"{'filter rerun, every change: max':<45} {max(r[0] for r in first):8.3f} s "
          f"{max(r[1] for r in first):10.3f} s   {max(r[0] for r in again):8.3f} s {max(r[1] for r in again):10.3f} s")
    print(f"{'restart: streamlit run to healthy':<45} {restarted_healthy:6.2f} s")
    print(f"{'restart: first render':<45} {restart:6.2f} s {restart_cpu:9.2f} s"
          + (f"  ERROR {restart_error}" if restart_error else ""))
    print(f"{'server peak RSS':<45} {peak:6.0f} MB")


if __name__ == "__main__":
    main()
