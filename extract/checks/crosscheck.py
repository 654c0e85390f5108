"""Cross-check a figures table: reference data, other articles, and each article's own arithmetic.

    result = cross_check(table, reference)       # everything, for the dashboard
    checked = check_figures(table, reference)    # the table plus verdict, verdict_reason, evidence, check
    evidence_for(result, figure_id)              # the matches beside one figure, with both intervals
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from extract.checks.arithmetic import ArithmeticFinding, arithmetic_findings
from extract.checks.matching import (
    CorpusTally,
    Match,
    corpus_matches_and_tallies,
    failed_tests,
    figure_measures,
    reference_matches,
)
from extract.checks.reference_data import empty_reference
from extract.checks.settings import DEFAULT_SETTINGS, CheckSettings
from extract.checks.source_names import merged_source_names
from extract.checks.verdicts import EVIDENCE_SEPARATOR, VERDICT_COLUMNS, VERDICTS, Verdict, decide


@dataclass
class CrossCheck:
    table: pd.DataFrame  # the figures table plus VERDICT_COLUMNS
    reference: dict[str, list[Match]] = field(default_factory=dict)  # by figure_id, matches first
    corpus: dict[str, list[Match]] = field(default_factory=dict)  # capped per figure; `tallies` counts all
    arithmetic: dict[str, list[ArithmeticFinding]] = field(default_factory=dict)
    tallies: dict[str, CorpusTally] = field(default_factory=dict)


def cross_check(table: pd.DataFrame, reference: pd.DataFrame | None = None,
                settings: CheckSettings = DEFAULT_SETTINGS) -> CrossCheck:
    """Every check on every figure of the table."""
    reference = empty_reference() if reference is None else reference
    sources = merged_source_names([*table["source"], *reference["source"]]) if not table.empty else {}
    measures = figure_measures(table, settings, sources)
    by_reference = reference_matches(measures, reference, settings) if not reference.empty else {}
    by_corpus, tallies = corpus_matches_and_tallies(measures, settings) if settings.corpus else ({}, {})
    by_arithmetic = arithmetic_findings(measures) if settings.arithmetic else {}
    verdicts: list[Verdict] = []
    for figure_id in table["figure_id"]:
        measure = measures.get(figure_id)
        if measure is None:
            claim = ""
        else:
            claim = measure.label if measure.period is None else f"{measure.label}, {measure.period.label()}"
        verdicts.append(decide(claim, by_reference.get(figure_id, []), by_corpus.get(figure_id, []),
                               by_arithmetic.get(figure_id, []), tallies.get(figure_id)))
    checked = table.copy()
    checked["verdict"] = pd.Series([v.verdict for v in verdicts], index=table.index, dtype="object")
    checked["verdict_reason"] = pd.Series([v.reason for v in verdicts], index=table.index, dtype="object")
    checked["evidence"] = pd.Series([EVIDENCE_SEPARATOR.join(v.evidence) for v in verdicts], index=table.index,
                                    dtype="object")
    checked["check"] = pd.Series([v.check for v in verdicts], index=table.index, dtype="object")
    checked["verdict_label"] = pd.Series([v.label for v in verdicts], index=table.index, dtype="object")
    return CrossCheck(checked, by_reference, by_corpus, by_arithmetic, tallies)


def check_figures(table: pd.DataFrame, reference: pd.DataFrame | None = None,
                  settings: CheckSettings = DEFAULT_SETTINGS) -> pd.DataFrame:
    """The figures table plus `verdict`, `verdict_reason`, `evidence` and `check`."""
    return cross_check(table, reference, settings).table


def evidence_for(result: CrossCheck, figure_id: str) -> list[Match]:
    """Everything set beside one figure: reference rows first, then other articles; matches before related."""
    return result.reference.get(figure_id, []) + result.corpus.get(figure_id, [])


def evidence_frame(result: CrossCheck, figure_id: str) -> pd.DataFrame:
    """One row for the claim and one per piece of evidence in the claim's unit, with intervals to
    draw on one chart (evidence in another unit is listed by `evidence_for`, not drawn).

    Columns: role (claim / reference / corpus), label (unique and never empty: who, what, and
    "match" or the tests that failed, so every row of the chart is named), source, low, high,
    open_high (True where the interval has no upper end, e.g. "more than 6,700"; `high` is then
    the largest finite end on the chart, so it can be drawn), unit, is_match, agrees, failed (the
    tests the pair failed: measure, period, place, unit, source), why, url.
    """
    matches = [m for m in evidence_for(result, figure_id) if "unit" not in failed_tests(m.differences)]
    columns = ["role", "label", "source", "low", "high", "open_high", "unit", "is_match", "agrees", "failed", "why",
               "url"]
    if not matches:
        return pd.DataFrame(columns=columns)
    first = matches[0]
    rows = [{"role": "claim", "label": f"this article: {first.claim}", "source": "", "low": first.claim_low,
             "high": first.claim_high, "unit": first.unit, "is_match": True, "agrees": True, "failed": "", "why": "",
             "url": ""}]
    seen = {rows[0]["label"]}
    for match in matches:
        failed = failed_tests(match.differences)
        verdict = ("agrees" if match.agrees else "disagrees") if match.is_match else f"differs in {', '.join(failed)}"
        label = f"{match.other_source.rstrip(',')}: {match.other} — {verdict}"
        unique, count = label, 1
        while unique in seen:
            count += 1
            unique = f"{label} ({count})"
        seen.add(unique)
        rows.append({"role": match.kind, "label": unique, "source": match.other_source, "low": match.other_low,
                     "high": match.other_high, "unit": match.unit, "is_match": match.is_match,
                     "agrees": match.agrees, "failed": ", ".join(failed), "why": match.why, "url": match.other_url})
    frame = pd.DataFrame(rows)
    finite = [v for v in list(frame["low"]) + list(frame["high"]) if math.isfinite(v)]
    ceiling = max(finite) * 1.1 if finite else 0.0
    frame["open_high"] = frame["high"].map(lambda v: not math.isfinite(v))
    frame["high"] = frame["high"].map(lambda v: v if math.isfinite(v) else max(ceiling, 0.0))
    return frame[columns]


def verdicts_by_source(checked: pd.DataFrame, own_statement: str = "(stated by the article)") -> pd.DataFrame:
    """Counts of each verdict per source, for the chart: columns source, verdict, figures."""
    if checked.empty:
        return pd.DataFrame({"source": pd.Series(dtype="object"), "verdict": pd.Series(dtype="object"),
                             "figures": pd.Series(dtype="int64")})
    sources = checked["source"].map(lambda s: s if isinstance(s, str) and s else own_statement)
    counts = (pd.DataFrame({"source": sources, "verdict": checked["verdict"]})
              .value_counts().rename("figures").reset_index())
    counts["verdict"] = pd.Categorical(counts["verdict"], categories=list(VERDICTS), ordered=True)
    return counts.sort_values(["source", "verdict"]).reset_index(drop=True).astype({"verdict": "object"})


__all__ = ["CrossCheck", "VERDICT_COLUMNS", "check_figures", "cross_check", "evidence_for", "evidence_frame",
           "verdicts_by_source"]
