"""Soak the running dashboard with concurrent sessions on 127.0.0.1 and report errors and latency.

    uv run python benchmarks/soak_app.py [--sessions 20] [--reruns 5] [--time-limit 300]

Starts `streamlit run dashboard.py` on a free local port, then opens --sessions websocket
sessions at once, speaking Streamlit's own protocol (the one the browser speaks). Each session
runs the script once cold and then --reruns times with a different filter in the query string
(source, kind, search, value range), as a user changing filters would. A run counts as an error
when the server reports an exception, a compile error or no answer within 60 s. Bounded: at most
--sessions sessions, --reruns reruns each, and --time-limit seconds overall.
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

import websockets  # noqa: E402
from app_server import dashboard_server  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

FILTERS = ["", "source=United+Nations", "kind=percent", "q=tankers", "min=100&max=1000",
           "source=Kyiv+School+of+Economics&q=tankers", "qualifier=approx", "verdict=consistent"]
ANSWER_TIMEOUT = 60.0


async def _rerun(ws, query_string: str) -> tuple[float, str]:
    """One script run; returns (seconds, '' or the error)."""
    message = BackMsg()
    message.rerun_script.query_string = query_string
    message.rerun_script.page_script_hash = ""
    began = time.perf_counter()
    await ws.send(message.SerializeToString())
    error = ""
    while True:
        raw = await asyncio.wait_for(ws.recv(), timeout=ANSWER_TIMEOUT)
        forward = ForwardMsg()
        forward.ParseFromString(raw)
        kind = forward.WhichOneof("type")
        if kind == "delta" and forward.delta.WhichOneof("type") == "new_element" \
                and forward.delta.new_element.WhichOneof("type") == "exception":
            error = forward.delta.new_element.exception.message or "exception"
        if kind == "session_event" and forward.session_event.WhichOneof("type") == "script_compilation_exception":
            error = "compile error"
        if kind == "script_finished":
            return time.perf_counter() - began, error


async def _session(url: str, number: int, reruns: int, deadline: float) -> list[tuple[float, str]]:
    results = []
    try:
        async with websockets.connect(url, subprotocols=["streamlit"], max_size=None,
                                      open_timeout=ANSWER_TIMEOUT) as ws:
            for index in range(reruns + 1):
                if time.monotonic() > deadline:
                    break
                query = FILTERS[(number + index) % len(FILTERS)] if index else ""
                try:
                    results.append(await _rerun(ws, query))
                except (TimeoutError, websockets.ConnectionClosed) as error:
                    results.append((ANSWER_TIMEOUT, f"no answer: {type(error).__name__}"))
                    break
    except (OSError, websockets.InvalidHandshake) as error:
        results.append((0.0, f"cannot connect: {error}"))
    return results


async def _soak(url: str, sessions: int, reruns: int, time_limit: float) -> tuple[list, list, float]:
    deadline = time.monotonic() + time_limit
    began = time.perf_counter()
    per_session = await asyncio.gather(*(_session(url, n, reruns, deadline) for n in range(sessions)))
    elapsed = time.perf_counter() - began
    first = [runs[0] for runs in per_session if runs]
    later = [run for runs in per_session for run in runs[1:]]
    return first, later, elapsed


def _cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _percentiles(runs: list[tuple[float, str]]) -> str:
    times = sorted(t for t, error in runs if not error)
    if not times:
        return "no successful runs"
    cuts = statistics.quantiles(times, n=100, method="inclusive") if len(times) > 1 else [times[0]] * 99
    return f"p50 {cuts[49]:.2f} s · p95 {cuts[94]:.2f} s · max {times[-1]:.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--reruns", type=int, default=5)
    parser.add_argument("--time-limit", type=float, default=300.0)
    args = parser.parse_args()
    # A workspace of its own, so the soak neither reads nor adds to data/workspace/.
    workspace = Path(tempfile.mkdtemp(prefix="figcheck-soak-")) / "workspace"
    with dashboard_server(env={"FIGCHECK_WORKSPACE": str(workspace)}) as (base, process):
        url = base.replace("http://", "ws://") + "/_stcore/stream"
        server_cpu = _cpu_seconds(process.pid)
        client_cpu = time.process_time()
        first, later, elapsed = asyncio.run(_soak(url, args.sessions, args.reruns, args.time_limit))
        server_cpu = _cpu_seconds(process.pid) - server_cpu
        client_cpu = time.process_time() - client_cpu
        rss = {line.split(":")[0]: int(line.split()[1]) / 1024 for line in
               Path(f"/proc/{process.pid}/status").read_text().splitlines() if line.startswith(("VmHWM", "VmRSS"))}
    runs = first + later
    errors = [error for _, error in runs if error]
    print(f"sessions: {args.sessions} concurrent · script runs: {len(runs)} in {elapsed:.1f} s")
    print(f"CPU: server {server_cpu:.1f} s ({server_cpu / max(len(runs), 1) * 1000:.0f} ms a run), "
          f"these {args.sessions} clients {client_cpu:.1f} s; load average {os.getloadavg()[0]:.1f}")
    print(f"server memory: {rss['VmRSS']:.0f} MB at the end, peak {rss['VmHWM']:.0f} MB")
    print(f"errors: {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))
    print(f"first run of a session (cold):  {_percentiles(first)}")
    print(f"filter rerun:                   {_percentiles(later)}")
    if errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
