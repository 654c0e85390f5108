"""Build a figures store of at least a million figures: the BBC figures repeated under new doc ids.

    uv run python benchmarks/store_build.py [--figures 1000000] [--out benchmarks/stores/1m] [--limit N]

The BBC articles are extracted once (or `--from-parquet` a table `python -m extract figures` wrote),
then copy k of every article gets doc_id `<id>~<k>` (figure ids to match) and a date in month k,
so that date charts and month partitions have something to show. Copies go through StoreWriter in
chunks of 1,000 documents, as `python -m extract figures ... -o DIR/` writes them. Prints the
build time, store size and bytes per figure. The store is git-ignored (benchmarks/stores/).

Caveat: repeated sentences compress better than a real corpus of distinct articles, so bytes per
figure here is a lower bound; the README's projection says how it is used.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract.documents.loaders import Document, load_path  # noqa: E402
from extract.workspace.batch import LocalEngine, run_batch  # noqa: E402
from extract.workspace.store_writer import StoreWriter  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "bbc-news.jsonl"
CHUNK_DOCUMENTS = 1000


class _Collect:
    """A sink that keeps the extracted figures and documents in memory (the BBC corpus is small)."""

    def __init__(self) -> None:
        self.frames: list[pd.DataFrame] = []
        self.documents: list[Document] = []

    def accept(self, document: Document) -> bool:
        return True

    def write_chunk(self, documents, figures) -> None:
        self.documents.extend(d for d, _ in documents)
        self.frames.append(figures)


def bbc_figures(limit: int | None) -> tuple[pd.DataFrame, list[Document]]:
    items = load_path(CORPUS)
    if limit:
        items = (item for index, item in enumerate(items) if index < limit)
    sink = _Collect()
    engine = LocalEngine(1)
    try:
        run_batch(items, engine, sink)
    finally:
        engine.close()
    return pd.concat(sink.frames, ignore_index=True), sink.documents


def month(copy: int) -> str:
    first = dt.date(2004, 1, 1)
    return f"{first.year + (first.month - 1 + copy) // 12:04d}-{(first.month - 1 + copy) % 12 + 1:02d}-15"


def build(out: Path, figures: pd.DataFrame, documents: list[Document], target: int, partition_by: str) -> int:
    counts = figures["doc_id"].value_counts()
    # What follows the doc_id in each figure_id ("-0003"), so copies get ids "<id>~<k>-0003".
    id_suffix = pd.Series(
        [f[len(d) :] for f, d in zip(figures["figure_id"], figures["doc_id"], strict=True)], index=figures.index
    )
    chunk_of_doc = {d.doc_id: i // CHUNK_DOCUMENTS for i, d in enumerate(documents)}
    figure_chunk = figures["doc_id"].map(chunk_of_doc)
    writer = StoreWriter(out, partition_by=partition_by)
    written = 0
    copy = 0
    try:
        while written < target:
            date = month(copy)
            copy_figures = figures.assign(doc_id=figures["doc_id"] + f"~{copy}", doc_date=date)
            copy_figures["figure_id"] = copy_figures["doc_id"] + id_suffix
            for chunk in range(0, len(documents), CHUNK_DOCUMENTS):
                chunk_docs = documents[chunk : chunk + CHUNK_DOCUMENTS]
                rows = copy_figures[figure_chunk == chunk // CHUNK_DOCUMENTS]
                writer.write_chunk(
                    [
                        (
                            Document(
                                doc_id=f"{d.doc_id}~{copy}",
                                text=d.text,
                                title=d.title,
                                outlet=d.outlet,
                                date=date,
                                url=d.url,
                            ),
                            int(counts.get(d.doc_id, 0)),
                        )
                        for d in chunk_docs
                    ],
                    rows,
                )
                written += len(rows)
                if written >= target:
                    break
            copy += 1
    finally:
        writer.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--figures", type=int, default=1_000_000, help="at least this many figures (default 1,000,000)")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "benchmarks" / "stores" / "1m", help="store directory (replaced)"
    )
    parser.add_argument("--limit", type=int, help="extract only the first N BBC articles")
    parser.add_argument("--partition-by", choices=("none", "outlet", "month"), default="none")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} not found")
        return 0
    started = time.perf_counter()
    figures, documents = bbc_figures(args.limit)
    extracted = time.perf_counter() - started
    print(f"extracted {len(figures):,} figures from {len(documents):,} BBC articles in {extracted:.1f} s")
    if args.out.exists():
        shutil.rmtree(args.out)
    started = time.perf_counter()
    written = build(args.out, figures, documents, args.figures, args.partition_by)
    elapsed = time.perf_counter() - started
    files = [p for p in (args.out / "figures").rglob("*.parquet")]
    size = sum(p.stat().st_size for p in files)
    manifest = sum(p.stat().st_size for p in (args.out / "documents").glob("*.parquet"))
    print(f"store {args.out}: {written:,} figures in {len(files)} files, built in {elapsed:.1f} s")
    print(
        f"figures parquet: {size / 1e6:.1f} MB = {size / written:.0f} bytes per figure "
        f"(documents manifest {manifest / 1e6:.1f} MB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
