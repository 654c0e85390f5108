"""Batch extraction at scale: documents/s per engine on the BBC corpus, and peak RSS as the corpus grows.

    uv run python benchmarks/scale_extract.py [--limit N] [--rss-factor 4] [--skip-rss]

1. documents/s on the 2,225 BBC articles (or the first N) with the local engine on 1 and 2
   processes and with the Dask engine on a LocalCluster of 2 worker processes. Engine start-up
   (pool or cluster) is timed apart; the run time includes each worker's first-document warm-up.
   All three must produce the same figures (checked: a hash of the written chunks).
2. Peak RSS of `python -m extract figures CORPUS -o STORE/` (one process) on the corpus and on the
   corpus repeated --rss-factor times under new ids: flat if reading and writing really stream.

Timing figures depend on the machine: on a shared or busy one the 1 vs 2 worker speed-up is not
meaningful. Skips cleanly when ../shared/corpora/bbc-news.jsonl is absent.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract.documents.loaders import Document, load_path  # noqa: E402
from extract.engine.extraction import figure_rows  # noqa: E402
from extract.workspace.batch import DaskEngine, LocalEngine, run_batch  # noqa: E402
from extract.workspace.export import encode  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "bbc-news.jsonl"
MEASURE_RSS = """
import resource, sys
sys.path.insert(0, {root!r})
from extract.cli import main
status = main(["figures", {corpus!r}, "-o", {store!r}])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
sys.exit(status)
"""


class HashingSink:
    """Counts what would be written and hashes it, so engines can be compared without writing."""

    def __init__(self) -> None:
        self.digest = hashlib.sha256()
        self.figures = 0

    def accept(self, document: Document) -> bool:
        return True

    def write_chunk(self, documents, figures) -> None:
        self.digest.update(encode(figures, "csv"))
        self.figures += len(figures)


def measure(name: str, make_engine, corpus: Path) -> tuple[str, float, float, int, int, str]:
    started = time.perf_counter()
    engine = make_engine()
    startup = time.perf_counter() - started
    sink = HashingSink()
    started = time.perf_counter()
    try:
        report = run_batch(load_path(corpus), engine, sink, chunk_documents=500)
    finally:
        engine.close()
    elapsed = time.perf_counter() - started
    return name, startup, elapsed, report.documents, sink.figures, sink.digest.hexdigest()[:12]


def repeated_corpus(source: Path, factor: int, out: Path) -> int:
    lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    with out.open("w", encoding="utf-8") as handle:
        for copy in range(factor):
            for line in lines:
                record = json.loads(line)
                record["id"] = f"{record.get('id', '')}~{copy}"
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(lines) * factor


def peak_rss_mb(corpus: Path, store: Path) -> tuple[float, float]:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", MEASURE_RSS.format(root=str(ROOT), corpus=str(corpus),
                                                                       store=f"{store}/")],
                            capture_output=True, text=True, cwd=ROOT)
    if result.returncode not in (0, 1):
        raise SystemExit(f"RSS run failed: {result.stderr[-2000:]}")
    return int(result.stdout.strip().splitlines()[-1]) / 1024, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--rss-factor", type=int, default=4, help="the larger corpus is this many copies (default 4)")
    parser.add_argument("--skip-rss", action="store_true", help="only the documents/s part")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} not found")
        return 0
    with tempfile.TemporaryDirectory(prefix="figcheck-scale-") as scratch:
        scratch = Path(scratch)
        corpus = CORPUS
        if args.limit:
            corpus = scratch / "limited.jsonl"
            lines = CORPUS.read_text(encoding="utf-8").splitlines(keepends=True)[: args.limit]
            corpus.write_text("".join(lines), encoding="utf-8")
        # Warm this process's lexicons, so the one-process engine does not time their loading.
        figure_rows(next(d for d in load_path(corpus) if isinstance(d, Document)))
        runs = [
            measure("local, 1 process", lambda: LocalEngine(1), corpus),
            measure("local, 2 processes", lambda: LocalEngine(2), corpus),
            measure("dask LocalCluster, 2 workers", lambda: DaskEngine(2), corpus),
        ]
        print(f"corpus {corpus.name}: {runs[0][3]:,} documents, {runs[0][4]:,} figures")
        print(f"{'engine':30} {'start-up':>9} {'run':>8} {'docs/s':>8} {'speed-up':>9}  output hash")
        for name, startup, elapsed, documents, _, digest in runs:
            print(f"{name:30} {startup:8.1f}s {elapsed:7.1f}s {documents / elapsed:8.1f} "
                  f"{runs[0][2] / elapsed:8.2f}x  {digest}")
        same = len({run[5] for run in runs}) == 1
        print(f"identical output across engines: {'yes' if same else 'NO'}")
        if args.skip_rss:
            return 0 if same else 1
        bigger = scratch / f"x{args.rss_factor}.jsonl"
        documents = repeated_corpus(corpus, args.rss_factor, bigger)
        one, one_time = peak_rss_mb(corpus, scratch / "store-1")
        many, many_time = peak_rss_mb(bigger, scratch / f"store-{args.rss_factor}")
        print("\npeak RSS, python -m extract figures CORPUS -o STORE/ (one process):")
        print(f"  1x  {runs[0][3]:>7,} documents: {one:6.0f} MB  ({one_time:.0f} s)")
        print(f"  {args.rss_factor}x  {documents:>7,} documents: {many:6.0f} MB  ({many_time:.0f} s)")
        print(f"  growth: {many - one:+.0f} MB for {args.rss_factor}x the documents")
        return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
