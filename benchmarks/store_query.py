"""Query times on a figures store: first summary, each typical filter change, peak RSS.

    uv run python benchmarks/store_build.py          # once: the 1M-figure store
    uv run python benchmarks/store_query.py [--store benchmarks/stores/1m] [--repeat 3]

A "rerun" is what the dashboard asks the store for after a filter change (dashboard.py's
view_summary, view_page, view_reviewed and overview_charts): the summary, the first page of the
table (100 rows), the reviewed count, the source chart's counts by verdict, figures by kind, by
day, and the entity chart's 2,000 points. Each is timed on its own; the rerun total is the
store's share of the ≤ 300 ms target. Peak RSS is this whole process's
(Python, pandas, DuckDB and the loaded store) from getrusage.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract.workspace.filters import OWN_STATEMENT  # noqa: E402
from extract.workspace.store_queries import (  # noqa: E402
    Filters,
    figures_by_date,
    figures_by_dimension,
    figures_by_source,
    figures_page,
    filter_options,
    open_store,
    reviewed_count,
    source_verdict_counts,
    summary,
)

ENTITY_CHART_COLUMNS = ["entity", "norm_value", "norm_unit", "surface", "source", "dimension"]  # as dashboard.py


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def timed(function, *args, **kwargs) -> tuple[object, float]:
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - started


def rerun(store, filters: Filters) -> dict[str, float]:
    times = {}
    _, times["summary"] = timed(summary, store, filters)
    _, times["page"] = timed(figures_page, store, filters, limit=100)
    _, times["reviewed"] = timed(reviewed_count, store, filters)
    _, times["by source"] = timed(source_verdict_counts, store, filters.without_sources())
    _, times["by kind"] = timed(figures_by_dimension, store, filters)
    _, times["by day"] = timed(figures_by_date, store, filters, period="day")
    _, times["entities"] = timed(figures_page, store, filters, limit=2000, columns=ENTITY_CHART_COLUMNS)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=ROOT / "benchmarks" / "stores" / "1m")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each filter; the median is shown")
    parser.add_argument("--on-disk", action="store_true", help="query the Parquet files (open_store(in_memory=False))")
    args = parser.parse_args()
    if not args.store.exists():
        print(f"skipped: no store at {args.store}; build one with benchmarks/store_build.py")
        return 0
    started = time.perf_counter()
    store = open_store(args.store, in_memory=not args.on_disk)
    opened = time.perf_counter() - started
    first, first_summary = timed(summary, store)
    options, options_time = timed(filter_options, store)
    print(f"store {args.store}: {first.figures:,} figures, {first.articles_in_store:,} articles")
    print(f"mode: {'Parquet files on disk' if args.on_disk else 'loaded into DuckDB in memory'}")
    print(f"open {opened:6.2f} s; first summary {first_summary:6.3f} s; "
          f"filter options {options_time:6.3f} s; first render ≈ {opened + first_summary + options_time:.2f} s")
    busiest = next(s for s in figures_by_source(store, limit=2)["source"] if s != OWN_STATEMENT)
    a_document = list(options.documents)[len(options.documents) // 2]
    cases = {
        "no filter": Filters(),
        f"source = {busiest}": Filters(sources=(busiest,)),
        "source = (stated by the article)": Filters(sources=(OWN_STATEMENT,)),
        "dimension = currency": Filters(dimensions=("currency",)),
        "text 'profit'": Filters(text="profit"),
        "text 'interest rates'": Filters(text="interest rates"),
        "value 1e6..1e9": Filters(value_min=1e6, value_max=1e9),
        "one document": Filters(documents=(a_document,)),
        "own + percent + text 'sales'": Filters(sources=(OWN_STATEMENT,), dimensions=("percent",), text="sales"),
    }
    print(
        f"\n{'filter':36} {'rows':>9} "
        + " ".join(f"{k:>9}" for k in ("summary", "page", "reviewed", "by source", "by kind", "by day",
                                          "entities"))
        + f" {'rerun':>8}"
    )
    worst = 0.0
    for name, filters in cases.items():
        runs = [rerun(store, filters) for _ in range(args.repeat)]
        medians = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        total = sum(medians.values())
        worst = max(worst, total)
        rows = summary(store, filters).figures
        print(
            f"{name[:36]:36} {rows:>9,} "
            + " ".join(f"{medians[k] * 1000:7.0f}ms" for k in medians)
            + f" {total * 1000:6.0f}ms"
        )
    print(
        f"\nslowest rerun {worst * 1000:.0f} ms (target ≤ 300 ms); peak RSS {peak_rss_mb():.0f} MB (target ≤ 1536 MB)"
    )
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
