"""Documents per second: figcheck's full pipeline vs bare quantulum3, on BBC business articles.

Both run in this one process, on the same articles, timed in the same run:
    uv run python benchmarks/throughput.py [--limit N]

Skips cleanly (exit 0) when ../shared/corpora/bbc-news.jsonl is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extract import document_from_text, figure_rows  # noqa: E402
from extract.workspace.batch import DOCUMENTS_PER_TASK, extract_batch, warm_up  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc-news.jsonl"


def _business_articles(path: Path, limit: int | None) -> list[dict]:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    business = [r for r in records if r.get("category") == "business"]
    return business[:limit] if limit else business


def _rate(run, items) -> tuple[float, float, int]:
    start = time.perf_counter()
    count = 0
    for item in items:
        count += run(item)
    elapsed = time.perf_counter() - start
    return len(items) / elapsed, elapsed, count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N business articles")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} not found")
        return 0
    articles = _business_articles(CORPUS, args.limit)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import parser as quantulum_parser
    documents = [document_from_text(a["text"], doc_id=a["id"], title=a.get("title", "")) for a in articles]
    # Warm both up (lexicons, caches, the physical-unit registry) so neither pays its one-off loading
    # inside the timing: the workers' own warm-up, then the first article.
    warm_up()
    figure_rows(documents[0])
    quantulum_parser.parse(articles[0]["text"])
    # The CLI's unit of work: batches of DOCUMENTS_PER_TASK documents whose sentences are parsed together.
    batches = [documents[i:i + DOCUMENTS_PER_TASK] for i in range(0, len(documents), DOCUMENTS_PER_TASK)]
    start = time.perf_counter()
    ours_n = sum(len(rows) for batch in batches for rows in extract_batch(batch) if isinstance(rows, list))
    ours_s = time.perf_counter() - start
    ours = len(documents) / ours_s
    bare, bare_s, bare_n = _rate(lambda a: len(quantulum_parser.parse(a["text"])), articles)
    print(f"BBC business articles: {len(articles)} (one process, one core)")
    print(f"figcheck full pipeline : {ours:7.1f} docs/s  ({ours_s:6.1f} s, {ours_n} figures)")
    print(f"bare quantulum3.parse  : {bare:7.1f} docs/s  ({bare_s:6.1f} s, {bare_n} quantities)")
    print(f"ratio                  : {ours / bare:7.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
