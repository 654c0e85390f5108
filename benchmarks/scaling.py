"""Time and peak memory against input size, to show that each grows linearly.

    uv run python benchmarks/scaling.py [--quick] [--only article,sentence,corpus,crosscheck]

Four series, each point measured in a fresh process (so peak memory is the point's own):

- article:    one article of 10 KB … 2 MB (real BBC articles from ../shared/corpora/bbc-news.jsonl
              run together in corpus order, business first, the densest in figures; the bundled
              sample article repeated when the corpus is absent), extracted.
- sentence:   one sentence holding 10 … 10,000 figures ("12 apples, 13 apples, …"), extracted.
- corpus:     a JSON Lines corpus of 100 … 100,000 short records, streamed through load_inputs and
              extracted by the batch engine (one process) into a CSV written to /dev/null.
- crosscheck: 10 … 2,000 near-identical wire articles (the same story, the numbers nudged), their
              figures cross-checked with the public check_figures against the bundled reference
              (extraction is done before the clock starts).

Each line prints the size, wall-clock and CPU seconds, peak RSS of the process (MB) and its growth
over the process's RSS before the measured work, and the CPU time per unit; that column stays
roughly level when growth is linear. CPU time is the figure to compare on a shared machine: wall
time there includes the wait for a core. Targets (issue 14): a 1 MB article under 2 s; 10,000 figures
in one sentence under 10 s and under 1 GB; 2,000 near-identical articles cross-checked under
10 s and under 1 GB. Timings depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BBC = ROOT.parent / "shared" / "corpora" / "bbc-news.jsonl"
sys.path.insert(0, str(ROOT))

SERIES = {
    "article": [10_000, 100_000, 500_000, 1_000_000, 2_000_000],
    "sentence": [10, 100, 1_000, 10_000],
    "corpus": [100, 1_000, 10_000, 100_000],
    "crosscheck": [10, 100, 1_000, 2_000],
}
QUICK = {"article": [10_000, 100_000, 1_000_000], "sentence": [10, 1_000, 10_000], "corpus": [100, 1_000, 10_000],
         "crosscheck": [10, 100, 2_000]}  # each series reaches its issue-14 target
UNIT = {"article": "MB", "sentence": "figure", "corpus": "record", "crosscheck": "article"}
TOWNS = ["Avonford", "Brackley", "Castlemere", "Dunmore", "Elmsworth", "Fairhaven", "Glenrock", "Hollowmere"]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _article(size: int) -> str:
    """`size` characters of real articles run together (the BBC corpus in its order, or the sample)."""
    if BBC.exists():
        with open(BBC, encoding="utf-8") as lines:
            texts = [json.loads(line)["text"] for line in lines]
    else:
        texts = [(ROOT / "data" / "articles" / "000_e6f7d8410eb97394.txt").read_text(encoding="utf-8")]
    parts: list[str] = []
    total = 0
    while total < size:
        for text in texts:
            parts.append(text)
            total += len(text) + 2
            if total >= size:
                break
    return "\n\n".join(parts)[:size]


def _wire_story(n: int) -> str:
    """The same short wire story, as many outlets rewrite it: numbers and town nudged."""
    town = TOWNS[n % len(TOWNS)]
    return (f"Bus fares in {town} will rise {4 + n % 3}% from June, the council said on Monday. "
            f"About {1200 + n % 50} drivers are employed by the operator, which lost ${2 + n % 4}.{n % 10}m last "
            f"year, according to its annual report. Ridership fell {7 + n % 5}% to {41000 + n * 3} passengers a day.")


def measure(kind: str, size: int) -> dict[str, float]:
    """Run one point in this process; returns seconds, peak RSS and RSS before the work."""
    from extract.workspace.batch import warm_up

    warm_up()
    extra: dict[str, float] = {}
    if kind == "article":
        from extract.documents.loaders import document_from_text
        from extract.engine.extraction import figure_rows

        document = document_from_text(_article(size))
        before = _rss_mb()
        start, cpu_start = time.perf_counter(), time.process_time()
        rows = figure_rows(document)
        count = len(rows)
        if rows.parse_budget is not None:  # the text past the parse budget, read by the shallow rules
            extra["unparsed_from"] = rows.parse_budget.from_char
    elif kind == "sentence":
        from extract.documents.loaders import document_from_text
        from extract.engine.extraction import figure_rows

        document = document_from_text("The stalls sold " + ", ".join(f"{n + 12} apples" for n in range(size)) + ".")
        before = _rss_mb()
        start, cpu_start = time.perf_counter(), time.process_time()
        count = len(figure_rows(document))
    elif kind == "corpus":
        from extract.documents.loaders import load_inputs
        from extract.workspace.batch import LocalEngine, TableFileSink, run_batch

        with tempfile.TemporaryDirectory() as folder:
            corpus = Path(folder) / "wire.jsonl"
            with open(corpus, "w", encoding="utf-8") as out:
                for n in range(size):
                    out.write(json.dumps({"id": f"w{n}", "text": f"Fares in {TOWNS[n % 8]} rose {n % 9 + 1}% "
                                                                  f"to ${n % 90 + 10} a week."}) + "\n")
            before = _rss_mb()
            start, cpu_start = time.perf_counter(), time.process_time()
            with open("/dev/null", "wb") as null:
                sink = TableFileSink(null, "csv")
                report = run_batch(load_inputs([corpus]), LocalEngine(1), sink)
                sink.close()
            count = report.figures
    elif kind == "crosscheck":
        import pandas as pd

        from extract import check_figures, figures, load_references

        table = pd.concat([figures(_wire_story(n)) .assign(doc_id=f"wire-{n}") for n in range(size)],
                          ignore_index=True)
        table["figure_id"] = table["doc_id"] + "-" + table.groupby("doc_id").cumcount().map("{:04d}".format)
        reference, _ = load_references([])
        before = _rss_mb()
        start, cpu_start = time.perf_counter(), time.process_time()
        count = len(check_figures(table, reference))
    else:
        raise ValueError(kind)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    return {"seconds": seconds, "cpu": cpu, "peak_mb": _rss_mb(), "before_mb": before, "count": count, **extra}


def _budget_note(point: dict) -> str:
    if "unparsed_from" not in point:
        return ""
    return f"; parse budget reached at character {int(point['unparsed_from']):,}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer points per series")
    parser.add_argument("--only", default=",".join(SERIES), help="comma-separated series to run")
    parser.add_argument("--point", nargs=2, metavar=("KIND", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.point:
        print(json.dumps(measure(args.point[0], int(args.point[1]))))
        return
    plan = QUICK if args.quick else SERIES
    print(f"{platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}; load average at "
          f"start {os.getloadavg()[0]:.1f} (wall time on a busy machine includes the wait for a core: read CPU time)")
    for kind in args.only.split(","):
        print(f"\n{kind}: size, wall seconds, CPU seconds, peak RSS MB (growth over start), "
              f"CPU seconds per {UNIT[kind]}")
        for size in plan[kind]:
            result = subprocess.run([sys.executable, __file__, "--point", kind, str(size)], capture_output=True,
                                    text=True, timeout=1800)
            if result.returncode != 0:
                print(f"  {size:>10,}  failed: {result.stderr.strip().splitlines()[-1:]}")
                continue
            point = json.loads(result.stdout)
            units = size / 1_000_000 if kind == "article" else size
            print(f"  {size:>10,}  {point['seconds']:8.2f} s  {point['cpu']:8.2f} s  {point['peak_mb']:8.0f} MB "
                  f"(+{point['peak_mb'] - point['before_mb']:.0f})  {point['cpu'] / units:10.6f}  "
                  f"[{point['count']:,} rows{_budget_note(point)}]", flush=True)


if __name__ == "__main__":
    main()
