"""The tolerances and thresholds of the cross-checks, in one place, so that a run can be repeated."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CheckSettings:
    # Intervals: what range of true values a figure as written allows.
    rounding: bool = True  # a bare "6,700" covers everything that rounds to it: 6,650-6,750
    min_significant_digits: int = 2  # trailing zeros never make "60" mean 55-65
    approx_tolerance: float = 0.10  # "about 90" covers 81-99; "nearly 7,000" 6,300-7,000
    relative_tolerance: float = 0.0  # widen every claim interval by this fraction each way
    # Matching: when two figures measure the same thing.
    min_keyword_score: float = 0.5  # share of the reference's words found around the figure
    min_corpus_score: float = 0.5  # shared words over all words of both clauses, figure against figure
    min_period_overlap: float = 0.8  # shared days over days covered (H1 2025 vs Dec-May = 0.71)
    counts_need_period: bool = True  # a count with no stated period is only "related" to a dated count
    require_same_source: bool = True  # when both name a source, they must be the same one
    same_story_days: int = 7  # two articles' undated figures pair only if published this close
    # Which checks run.
    corpus: bool = True
    arithmetic: bool = True


DEFAULT_SETTINGS = CheckSettings()
