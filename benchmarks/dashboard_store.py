"""The dashboard over a large figures store: first render, filter reruns and the server's peak memory.

    uv run python benchmarks/store_build.py            # once: a store of >= 1,000,000 figures
    uv run python benchmarks/dashboard_store.py [--store benchmarks/stores/1m]

Starts `streamlit run dashboard.py` with FIGCHECK_STORE set, then speaks Streamlit's websocket
protocol as a browser would: one cold run (opens the store), one warm run, then each filter
change as a rerun with that filter in the query string. Prints each time and the server's peak
resident memory (VmHWM).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import websockets  # noqa: E402

from app_server import dashboard_server  # noqa: E402
from soak_app import _rerun  # noqa: E402

FILTER_CHANGES = [
    ("no filter", ""),
    ("source = Reuters", "source=Reuters"),
    ("kind = percent", "kind=percent"),
    ("kind = currency, qualifier = approx", "kind=currency&qualifier=approx"),
    ("value 100 to 1,000", "min=100&max=1000"),
    ("text search 'oil'", "q=oil"),
    ("text search 'bank' + kind = percent", "q=bank&kind=percent"),
    ("own statements", "source=%28stated+by+the+article%29"),
]


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def _measure(url: str) -> list[tuple[str, float, str]]:
    results = []
    async with websockets.connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=120) as ws:
        seconds, error = await _rerun(ws, "")
        results.append(("first render (opens the store)", seconds, error))
        seconds, error = await _rerun(ws, "")
        results.append(("rerun, no change", seconds, error))
        for label, query in FILTER_CHANGES:
            # Each change starts from a fresh session state, as a shared link does.
            async with websockets.connect(url, subprotocols=["streamlit"], max_size=None) as fresh:
                seconds, error = await _rerun(fresh, query)
            results.append((f"filter: {label}", seconds, error))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", default=str(ROOT / "benchmarks" / "stores" / "1m"))
    args = parser.parse_args()
    store = Path(args.store)
    if not store.is_dir():
        print(f"skipped: no store at {store} (run benchmarks/store_build.py first)")
        return
    with dashboard_server(env={"FIGCHECK_STORE": str(store)}) as (base, process):
        results = asyncio.run(_measure(base.replace("http://", "ws://") + "/_stcore/stream"))
        peak = _peak_rss_mb(process.pid)
    for label, seconds, error in results:
        print(f"{label:<45} {seconds:6.2f} s" + (f"  ERROR {error}" if error else ""))
    print(f"{'server peak RSS':<45} {peak:6.0f} MB")


if __name__ == "__main__":
    main()
