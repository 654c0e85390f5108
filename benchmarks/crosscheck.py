"""Cross-checks measured: a planted corpus of expected verdicts, and the cost against extraction.

    uv run python benchmarks/crosscheck.py [--skip-bbc] [--wire N]

1. The planted corpus (articles written for this benchmark, with the facts chosen so that each
   verdict is known): agreeing and disagreeing figures in different wordings, dated and undated
   articles, acronyms and spacing variants of one source, month ranges, places, reference rows
   imported from an ONS time-series CSV, and arithmetic. Prints each expectation that fails and
   how many come out as expected (verdict, check, and the evidence or words the reason must hold).
2. The time to extract and to cross-check 600 and all 2,225 BBC articles (skipped cleanly when
   ../shared/corpora/bbc-news.jsonl is absent).
3. N near-identical wire items (default 2,000: one story reworded five ways, a few with another
   value): the time and the peak memory of the cross-check.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd  # noqa: E402

from extract import Document, figures  # noqa: E402
from extract.checks.crosscheck import cross_check, evidence_for  # noqa: E402
from extract.checks.official_statistics import import_official, load_mapping  # noqa: E402
from extract.checks.reference_data import load_references, parse_reference  # noqa: E402
from extract.checks.source_names import merged_source_column  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc-news.jsonl"

# (doc_id, date, text): every sentence written for this benchmark.
ARTICLES = [
    # Two undated wire stories citing the statistics office by name and by acronym.
    ("wire-a", "", "Inflation in the UK dropped to 3.4% in October, down from 3.8% in September, according to the "
                   "Office for National Statistics. The average house price in the UK rose to £271,000 in October, "
                   "the Office for National Statistics said. The unemployment rate was 5.0% in the three months to "
                   "September, it added."),
    ("wire-b", "", "UK inflation fell to 3.6% in October from 3.8% in September, figures from the ONS showed. "
                   "Average UK house prices stood at £265,000 in October, the ONS said. "
                   "Unemployment rose to 5.0% between July and September, the ONS reported."),
    # Dated articles on German unemployment, worded differently, agreeing.
    ("de-1", "2025-04-01", "The unemployment rate in Germany held at 6.3% in March, the Federal Labour Office said."),
    ("de-2", "2025-04-02", "Unemployment in Germany was 6.3% in March 2025, according to the Federal Labour Office."),
    # One company under two spellings, one article a day later; the profit agrees, the sales do not.
    ("tw-1", "2025-02-10", "TimeWarner's profits rose to $1.13bn in the fourth quarter of 2024. "
                           "TimeWarner's sales were $11.1bn in the fourth quarter of 2024."),
    ("tw-2", "2025-02-11", "Time Warner made profits of $1.13bn in the last three months of 2024, the company said. "
                           "Time Warner's sales were $10.7bn in the fourth quarter of 2024."),
    # The same month in different places, and the same place in different months: never compared as one.
    ("fr", "2025-10-20", "Inflation in France was 1.1% in September, according to Eurostat."),
    ("es", "2025-10-20", "Inflation in Spain was 3.0% in September, according to Eurostat."),
    ("jp-aug", "2025-09-20", "Inflation in Japan was 2.7% in August, the statistics bureau said."),
    ("jp-sep", "2025-10-20", "Inflation in Japan was 2.9% in September, the statistics bureau said."),
    # An oil price with no period: the same day is one fact, weeks apart are two.
    ("oil-1", "2025-10-01", "Brent crude closed at $64.20 a barrel in London trading."),
    ("oil-2", "2025-10-01", "Brent crude closed at $66.10 a barrel in London trading."),
    ("oil-3", "2025-10-29", "Brent crude closed at $61.50 a barrel in London trading."),
    # Dated articles checked against reference rows imported from an ONS time-series CSV.
    ("ons-1", "2025-10-22", "Inflation in the UK was 3.8% in September, the ONS said."),
    ("ons-2", "2025-10-23", "UK inflation stood at 4.1% in September, according to the Office for National "
                            "Statistics."),
    ("ons-3", "2025-11-12", "The UK unemployment rate rose to 5% in the three months to September, the ONS said."),
    # The same measure from a different source is related, not a match.
    ("ca-1", "2025-10-21", "Inflation in Canada was 2.4% in September, according to Statistics Canada."),
    ("ca-2", "2025-10-21", "Inflation in Canada was 2.6% in September, according to economists at Desjardins."),
    # Arithmetic inside one article.
    ("sums", "2025-06-01", "The agency counted a total of 1,575 casualties: 232 killed and 1,343 injured. "
                           "Profits jumped 67% to $1.13bn from $639m. Of the 496 sanctioned tankers, 135 of the "
                           "496 sailed last month."),
]

ONS_SERIES = "\n".join([
    '"Title","CPI ANNUAL RATE 00: ALL ITEMS 2015=100"', '"CDID","D7G7"', '"Release date","22-10-2025"',
    '"2025 AUG","3.8"', '"2025 SEP","3.8"', ""])
ONS_UNEMPLOYMENT = "\n".join([
    '"Title","Unemployment rate (aged 16 and over, seasonally adjusted): %"', '"CDID","MGSX"',
    '"Release date","11-11-2025"', '"2025 SEP","5.0"', ""])


@dataclass(frozen=True)
class Expected:
    doc_id: str
    surface: str
    verdict: str
    check: str
    reason_holds: tuple[str, ...] = ()  # words the reason must contain (a true reason names these)
    evidence_from: str = ""  # the document or reference row the evidence must come from
    related_says: str = ""  # a difference one of its related pieces of evidence must give
    absent_ok: bool = False  # a period the engine may rightly leave out of the figures altogether


EXPECTED = [
    Expected("wire-a", "3.4%", "conflict", "corpus", ("3.6%", "October (year not stated)"), "wire-b"),
    Expected("wire-b", "3.6%", "conflict", "corpus", ("3.4%", "October (year not stated)"), "wire-a"),
    # The reference outranks the articles: its September row decides both stories' 3.8%.
    Expected("wire-a", "3.8%", "consistent", "reference", ("September (year not stated)", "September 2025"),
             "ons-d7g7-2025-sep"),
    Expected("wire-b", "3.8%", "consistent", "reference", ("September (year not stated)", "September 2025"),
             "ons-d7g7-2025-sep"),
    Expected("wire-a", "£271,000", "conflict", "corpus", ("£265,000",), "wire-b"),
    Expected("wire-b", "£265,000", "conflict", "corpus", ("£271,000",), "wire-a"),
    Expected("wire-a", "5.0%", "consistent", "reference", ("Jul – Sep (year not stated)",), "ons-mgsx-2025-sep"),
    # "Unemployment rose to 5.0%" never says "rate": the reference row is related, the other story decides.
    Expected("wire-b", "5.0%", "consistent", "corpus", ("Jul – Sep (year not stated)",), "wire-a",
             "the text does not mention rate"),
    Expected("wire-a", "three months", "unverified", "", ("nothing to compare with",), absent_ok=True),
    Expected("de-1", "6.3%", "consistent", "corpus", ("March 2025",), "de-2"),
    Expected("de-2", "6.3%", "consistent", "corpus", ("March 2025",), "de-1"),
    Expected("tw-1", "$1.13bn", "consistent", "corpus", ("1 Oct 2024 – 31 Dec 2024",), "tw-2"),
    Expected("tw-2", "$1.13bn", "consistent", "corpus", ("1 Oct 2024 – 31 Dec 2024",), "tw-1"),
    Expected("tw-1", "$11.1bn", "conflict", "corpus", ("$10.7bn",), "tw-2"),
    Expected("tw-2", "$10.7bn", "conflict", "corpus", ("$11.1bn",), "tw-1"),
    Expected("fr", "1.1%", "unverified", "", (), "", "places differ: France vs United Kingdom"),
    Expected("es", "3.0%", "unverified", "", (), "", "places differ: Spain vs United Kingdom"),
    Expected("jp-aug", "2.7%", "unverified", "", (), "", "periods differ: August 2025 vs September 2025"),
    Expected("jp-sep", "2.9%", "unverified", "", (), "", "periods differ: September 2025 vs August 2025"),
    Expected("oil-1", "$64.20 a barrel", "conflict", "corpus", ("$66.10",), "oil-2"),
    Expected("oil-2", "$66.10 a barrel", "conflict", "corpus", ("$64.20",), "oil-1"),
    Expected("oil-3", "$61.50 a barrel", "unverified", "", (), "",
             "neither states a period, and the articles were published 28 days apart (more than 7)"),
    Expected("ons-1", "3.8%", "consistent", "reference", ("Office for National Statistics reported 3.8%",),
             "ons-d7g7-2025-sep"),
    Expected("ons-2", "4.1%", "conflict", "reference", ("Office for National Statistics reported 3.8%",),
             "ons-d7g7-2025-sep"),
    Expected("ons-3", "5%", "consistent", "reference", ("1 Jul 2025 – 30 Sep 2025",), "ons-mgsx-2025-sep"),
    Expected("ca-1", "2.4%", "unverified", "", ("sources differ: Statistics Canada vs",)),
    Expected("ca-2", "2.6%", "unverified", "", ("sources differ:",)),
    Expected("sums", "1,575", "consistent", "arithmetic", ("add up to 1,575",)),
    Expected("sums", "67%", "conflict", "arithmetic", ("that is a rise of 76.8%",)),
    Expected("sums", "135", "consistent", "arithmetic", ("the part is within the whole",)),
]


def _planted_reference() -> pd.DataFrame:
    mappings, problems = load_mapping()
    assert not problems, problems
    frames = [import_official(text.encode(), name, mappings)[0]
              for name, text in (("d7g7.csv", ONS_SERIES), ("mgsx.csv", ONS_UNEMPLOYMENT))]
    rows = pd.concat(frames, ignore_index=True)
    reference, problems = parse_reference(rows.to_csv(index=False), "planted reference")
    assert not problems, problems
    return reference


def planted() -> tuple[int, int]:
    """Runs the planted corpus; prints every miss; returns (as expected, expected)."""
    table = figures([Document(doc_id=d, text=t, date=when) for d, when, t in ARTICLES])
    result = cross_check(table, _planted_reference())
    checked = result.table
    good = 0
    for expected in EXPECTED:
        rows = checked[(checked["doc_id"] == expected.doc_id) & (checked["surface"] == expected.surface)]
        if rows.empty and expected.absent_ok:
            good += 1
            continue
        if len(rows) != 1:
            print(f"  MISSING {expected.doc_id} {expected.surface!r}: {len(rows)} figures with that surface")
            continue
        row = rows.iloc[0]
        evidence = str(row["evidence"])
        differences = [d for m in evidence_for(result, row["figure_id"]) for d in m.differences]
        ok = (row["verdict"], row["check"]) == (expected.verdict, expected.check) \
            and all(words in row["verdict_reason"] for words in expected.reason_holds) \
            and (not expected.evidence_from or evidence.startswith(expected.evidence_from)) \
            and (not expected.related_says or any(expected.related_says in d for d in differences))
        if ok:
            good += 1
        else:
            print(f"  MISS {expected.doc_id} {expected.surface!r}: expected {expected.verdict}/{expected.check}, got "
                  f"{row['verdict']}/{row['check']} ({row['verdict_label']}); evidence {evidence!r}\n"
                  f"       reason: {row['verdict_reason']}\n       related: {differences}")
    merged = set(merged_source_column(table[table["doc_id"].isin(["wire-a", "wire-b"])]))
    print(f"  wire stories' sources merged into: {sorted(merged)}")
    return good, len(EXPECTED)


def _bbc_documents(limit: int | None) -> list[Document]:
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = records[:limit] if limit else records
    return [Document(doc_id=r["id"], text=r["text"], title=r.get("title", ""), outlet=r.get("outlet", ""))
            for r in records]


def bbc_timings() -> None:
    reference, _ = load_references([])
    for limit in (600, None):
        documents = _bbc_documents(limit)
        start = time.perf_counter()
        table = figures(documents)
        extraction = time.perf_counter() - start
        start = time.perf_counter()
        result = cross_check(table, reference)
        checking = time.perf_counter() - start
        counts = result.table.groupby(["verdict", "check"]).size().to_dict()
        print(f"  {len(documents):>5} articles, {len(table):>6} figures: extraction {extraction:6.1f} s, "
              f"cross-check {checking:6.1f} s ({checking / extraction:.2f}× extraction); "
              + ", ".join(f"{v}/{c or '-'} {n}" for (v, c), n in sorted(counts.items())))


WIRE_TEMPLATES = [
    "Inflation in the UK dropped to {rate}% in October, the Office for National Statistics said on {day}.",
    "UK inflation fell to {rate}% in October, figures from the ONS showed on {day}.",
    "The ONS said on {day} that inflation in the UK eased to {rate}% in October.",
    "Consumer price inflation in the UK slowed to {rate}% in October, the ONS reported on {day}.",
    "UK inflation was {rate}% in October, according to the Office for National Statistics, reporting on {day}.",
]


def wire_items(count: int) -> None:
    documents = []
    for index in range(count):
        rate = "3.4" if index % 97 else "3.6"  # a few outlets got it wrong
        text = WIRE_TEMPLATES[index % len(WIRE_TEMPLATES)].format(rate=rate, day="Wednesday")
        documents.append(Document(doc_id=f"wire-{index:05d}", text=text, outlet=f"Outlet {index % 40}",
                                  date="2025-11-19"))
    table = figures(documents)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    result = cross_check(table)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    counts = result.table.groupby(["verdict", "check"]).size().to_dict()
    print(f"  {count} wire items, {len(table)} figures: cross-check {elapsed:.1f} s, peak memory "
          f"{after / 1024:.0f} MB (grew {max(after - before, 0) / 1024:.0f} MB); "
          + ", ".join(f"{v}/{c or '-'} {n}" for (v, c), n in sorted(counts.items())))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-bbc", action="store_true", help="skip the BBC timings")
    parser.add_argument("--wire", type=int, default=2000, help="near-identical wire items (0 to skip)")
    args = parser.parse_args()
    print("Planted corpus:")
    good, total = planted()
    print(f"  {good} of {total} expected verdicts as expected")
    if not args.skip_bbc:
        if CORPUS.exists():
            print("BBC News (extraction vs cross-check, one process):")
            bbc_timings()
        else:
            print(f"BBC News: skipped ({CORPUS} not found)")
    if args.wire:
        print("Near-identical wire items:")
        wire_items(args.wire)
    return 0 if good == total else 1


if __name__ == "__main__":
    raise SystemExit(main())
