"""What the accuracy benchmarks (`newsquant.py`, `articles.py`) share: precision, recall and F1
from counts, and what a one-to-one pairing of predictions with gold items left unpaired."""

from __future__ import annotations


def precision_recall_f1(hit: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """P, R and F1 in percent; 0 where a denominator is 0."""
    p = hit / predicted if predicted else 0.0
    r = hit / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return 100 * p, 100 * r, 100 * f


def unpaired(predicted: list[dict], gold: list[dict],
             pairs: list[tuple[dict, dict]]) -> tuple[list[dict], list[dict]]:
    """The predictions and the gold items that no pair holds, each in its own order."""
    paired_p = {id(p) for p, _ in pairs}
    paired_g = {id(g) for _, g in pairs}
    return [p for p in predicted if id(p) not in paired_p], [g for g in gold if id(g) not in paired_g]
