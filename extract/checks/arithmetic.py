"""Checks inside one article: do its own figures add up?

- a share outside 0–100% ("accounting for 120% of exports");
- a part larger than its whole ("135 of the 496 sanctioned tankers"; "a total of 496 tankers"
  followed within two sentences by "135 sanctioned tankers");
- a stated change that does not match its stated before and after ("jumped 76% to $1.13bn
  from $639m": $639m to $1.13bn is a 76.8% rise, so 76% is consistent; 67% would not be);
- parts that do not add up to their stated total ("a total of 1,575 civilians: 232 killed and
  1,343 injured").

Each finding is a verdict on one figure (the share, the part, the change, the total) with a
reason and the other figures it rests on. Intervals decide, as everywhere: "$1.13bn" stands for
anything that rounds to it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from extract.checks.intervals import Interval, format_number
from extract.checks.matching import FigureMeasure

_SHARE_BEFORE = re.compile(
    r"(?:share|proportion|accounting\s+for|accounted\s+for|accounts?\s+for|made\s+up|makes?\s+up|comprising)"
    r"\s+(?:of\s+)?(?:about|around|nearly|almost|some|just|over|more\s+than|roughly)?\s*$", re.IGNORECASE)
_SHARE_AFTER = re.compile(r"^\s+of\s+(?:all|the\s+total|total|the\s+whole)\b", re.IGNORECASE)
# "135 of the 496", "39 nations out of 65"; not "139,000 in September instead of 96,000".
_PART_OF = re.compile(r"^\s*(?:(?!instead\b|short\b|ahead\b|because\b)[A-Za-z’'-]+\s+)?(?:out\s+)?of\s+"
                      r"(?:the\s+|all\s+|a\s+total\s+of\s+)?$", re.IGNORECASE)
_ONE_IN = re.compile(r"\b(?:one|\d+)\s+in\s+$", re.IGNORECASE)  # "one in 13 of the 48 million cards": a rate
# How far from a stated change its after and before may stand: "jumped 76% to $1.13bn (£600m)
# for the three months to December, from $639m" is one statement; a figure further on is another.
AFTER_WITHIN = 60
BEFORE_WITHIN = 120
_TOTAL_BEFORE = re.compile(r"(?:a\s+total\s+of|total\s+of|in\s+all|altogether|overall,?)\s*$", re.IGNORECASE)
_TOTAL_AFTER = re.compile(r"^\s*(?:[A-Za-z’'-]+\s+){0,3}?in\s+total\b", re.IGNORECASE)
_TO = re.compile(r"\bto\s*$", re.IGNORECASE)
_FROM = re.compile(r"\b(?:from|on|compared\s+with|compared\s+to|against)\s+(?:the\s+)?(?:[A-Za-z’'-]+\s+){0,6}?$",
                   re.IGNORECASE)
_FROM_STRICT = re.compile(r"\b(?:from|on|compared\s+with|compared\s+to|against)\s*$", re.IGNORECASE)
_EXHAUSTIVE = re.compile(r"(?:of\s+whom|of\s+which|comprising|made\s+up\s+of|split\s+between|broken\s+down\s+into|:)",
                         re.IGNORECASE)
_INCLUDING = re.compile(r"\bincluding\b", re.IGNORECASE)
# A part stated this many figure-bearing sentences after its total still belongs to it.
PART_WINDOW_SENTENCES = 2


@dataclass(frozen=True)
class ArithmeticFinding:
    figure_id: str
    verdict: str  # "consistent" or "conflict"
    reason: str
    evidence: tuple[str, ...]  # the other figures the finding rests on
    rule: str  # "share", "part-whole", "change", "sum"


def _between(sentence: str, first: FigureMeasure, second: FigureMeasure) -> str:
    return sentence[first.span[1]:second.span[0]]


def _compatible(a: FigureMeasure, b: FigureMeasure) -> bool:
    if a.dimension != b.dimension:
        return False
    if a.dimension == "count":
        return a.unit_key == b.unit_key or not a.unit_key or not b.unit_key
    return a.unit_key == b.unit_key


def _level(figure: FigureMeasure) -> bool:
    return not figure.direction


def _share_findings(figures: list[FigureMeasure]) -> list[ArithmeticFinding]:
    findings = []
    for figure in figures:
        if figure.unit_key != "%" or figure.direction:
            continue
        before = figure.sentence[:figure.span[0]]
        after = figure.sentence[figure.span[1]:]
        if not (_SHARE_BEFORE.search(before) or _SHARE_AFTER.match(after)):
            continue
        if figure.interval.low > 100 or figure.interval.high < 0:
            findings.append(ArithmeticFinding(
                figure.figure_id, "conflict",
                f"states a share of {figure.surface}: a share lies between 0% and 100%", (), "share"))
    return findings


def _part_whole(part: FigureMeasure, whole: FigureMeasure) -> ArithmeticFinding:
    if part.interval.low > whole.interval.high:
        return ArithmeticFinding(part.figure_id, "conflict",
                                 f"states {part.surface} of a stated total of {whole.label}: "
                                 f"the part is larger than the whole",
                                 (whole.figure_id,), "part-whole")
    return ArithmeticFinding(part.figure_id, "consistent",
                             f"states {part.surface} of a stated total of {whole.label}: the part is within the whole",
                             (whole.figure_id,), "part-whole")


def _is_total(figure: FigureMeasure) -> bool:
    return bool(_TOTAL_BEFORE.search(figure.sentence[:figure.span[0]])
                or _TOTAL_AFTER.match(figure.sentence[figure.span[1]:]))


def _part_whole_findings(figures: list[FigureMeasure], sentence_index: dict[str, int]) -> list[ArithmeticFinding]:
    findings: dict[str, ArithmeticFinding] = {}
    counts = [f for f in figures if f.dimension == "count" and _level(f)]
    # "135 of the 496 sanctioned tankers": part, "of", whole, in one sentence.
    for part, whole in zip(counts, counts[1:], strict=False):
        if part.sentence == whole.sentence and part.span[1] <= whole.span[0] and _compatible(part, whole) \
                and _PART_OF.match(_between(part.sentence, part, whole)) \
                and not _ONE_IN.search(part.sentence[:part.span[0]]):
            findings[part.figure_id] = _part_whole(part, whole)
    # "a total of 496 tankers" ... "135 sanctioned tankers": the same counted noun and a shared
    # word of what was done to them, within a couple of sentences.
    for whole in counts:
        if not _is_total(whole) or not whole.unit_key:
            continue
        whole_words = whole.terms - {whole.unit_key}
        for part in counts:
            if part is whole or part.figure_id in findings or part.start <= whole.start:
                continue
            if sentence_index[part.figure_id] - sentence_index[whole.figure_id] > PART_WINDOW_SENTENCES:
                continue
            if part.unit_key == whole.unit_key and (part.terms - {part.unit_key}) & whole_words and not _is_total(part):
                if part.sentence == whole.sentence:
                    continue  # parts of a total in its own sentence are the sum check's business
                findings[part.figure_id] = _part_whole(part, whole)
    return list(findings.values())


def _change_interval(change: FigureMeasure, before: Interval, after: Interval) -> Interval | None:
    """The change from `before` to `after` in the unit the change is stated in."""
    if change.unit_key == "%":
        if before.low <= 0:
            return None
        ratios = [after.low / before.high, after.high / before.low]
        values = [(r - 1) * 100 for r in ratios] if change.direction == "up" else [(1 - r) * 100 for r in ratios]
    else:
        values = [after.low - before.high, after.high - before.low]
        if change.direction == "down":
            values = [-v for v in values]
    return Interval(min(values), max(values))


def _midpoint(interval: Interval) -> Interval:
    middle = (interval.low + interval.high) / 2 if interval.high != float("inf") else interval.low
    return Interval(middle, middle)


def _change_findings(figures: list[FigureMeasure]) -> list[ArithmeticFinding]:
    findings = []
    by_sentence: dict[tuple[str, str], list[FigureMeasure]] = defaultdict(list)
    for figure in figures:
        by_sentence[(figure.doc_id, figure.sentence)].append(figure)
    for group in by_sentence.values():
        for change in group:
            if not change.direction or change.unit_key not in ("%", "percentage point") and change.dimension == "count":
                continue
            levels = [f for f in group if f is not change and _level(f)
                      and (f.span[0] - change.span[1] <= BEFORE_WITHIN if f.span[0] > change.span[0]
                           else change.span[0] - f.span[1] <= AFTER_WITHIN)]
            after = [f for f in levels if _TO.search(f.sentence[:f.span[0]])
                     and (f.span[0] < change.span[0] or f.span[0] - change.span[1] <= AFTER_WITHIN)]
            before = [f for f in levels if f.span[0] > change.span[0] and _FROM_STRICT.search(f.sentence[:f.span[0]])] \
                or [f for f in levels
                    if f.span[0] > change.span[0] and _FROM.search(f.sentence[change.span[1]:f.span[0]])]
            if not after:
                # "6,754 ... in H1 2025, up 54% on 4,381": the level stated before the change.
                after = [f for f in levels if f.span[1] <= change.span[0]][-1:]
            pairs = [(b, a) for b in before for a in after if b is not a and _compatible(a, b)]
            if not pairs:
                continue
            before_fig, after_fig = pairs[0]
            if change.unit_key == "percentage point" and before_fig.unit_key != "%":
                continue
            if change.unit_key not in ("%", "percentage point") and not _compatible(change, after_fig):
                continue
            expected = _change_interval(change, before_fig.interval, after_fig.interval)
            if expected is None:
                continue
            way = "rise" if change.direction == "up" else "fall"
            middle_interval = _change_interval(change, _midpoint(before_fig.interval), _midpoint(after_fig.interval))
            if middle_interval is None:
                continue
            middle = middle_interval.low
            unit = {"%": "%", "percentage point": " percentage points"}.get(change.unit_key, "")
            if middle >= 0:
                computed = f"a {way} of {format_number(round(middle, 1))}{unit}"
            else:
                computed = f"a {'fall' if way == 'rise' else 'rise'}, not a {way}"
            text = (f"states a {way} of {change.surface} from {before_fig.surface} to {after_fig.surface}; "
                    f"that is {computed}")
            verdict = "consistent" if change.interval.overlaps(expected) else "conflict"
            findings.append(ArithmeticFinding(change.figure_id, verdict, text,
                                              (before_fig.figure_id, after_fig.figure_id), "change"))
    return findings


def _sum_findings(figures: list[FigureMeasure]) -> list[ArithmeticFinding]:
    findings = []
    by_sentence: dict[tuple[str, str], list[FigureMeasure]] = defaultdict(list)
    for figure in figures:
        by_sentence[(figure.doc_id, figure.sentence)].append(figure)
    for group in by_sentence.values():
        for total in group:
            if total.direction or not _is_total(total):
                continue
            parts = [f for f in group if f is not total and _level(f) and _compatible(f, total)]
            if len(parts) < 2:
                continue
            first_part = min(parts, key=lambda f: f.span[0])
            if first_part.span[0] > total.span[1]:
                link = total.sentence[total.span[1]:first_part.span[0]]
            else:
                link = total.sentence[first_part.span[0]:total.span[0]]
            including = bool(_INCLUDING.search(link))
            exhaustive = bool(_EXHAUSTIVE.search(link)) or (not including and first_part.span[0] < total.span[0])
            if not (including or exhaustive):
                continue
            added = Interval(sum(p.interval.low for p in parts), sum(p.interval.high for p in parts))
            added_text = format_number(sum(_midpoint(p.interval).low for p in parts))
            names = " and ".join(p.surface for p in parts)
            if including:
                if added.low > total.interval.high:
                    findings.append(ArithmeticFinding(
                        total.figure_id, "conflict",
                        f"states a total of {total.label}, including {names}: these alone add up to "
                        f"{added_text}", tuple(p.figure_id for p in parts), "sum"))
                continue
            verdict = "consistent" if added.overlaps(total.interval) else "conflict"
            findings.append(ArithmeticFinding(
                total.figure_id, verdict,
                f"states a total of {total.label}; its parts {names} add up to {added_text}",
                tuple(p.figure_id for p in parts), "sum"))
    return findings


def arithmetic_findings(measures: dict[str, FigureMeasure]) -> dict[str, list[ArithmeticFinding]]:
    """Every arithmetic finding of every document, by the figure it is about.

    The figures' intervals (and so the tolerances of the settings) come from `figure_measures`.
    """
    by_doc: dict[str, list[FigureMeasure]] = defaultdict(list)
    for measure in measures.values():
        by_doc[measure.doc_id].append(measure)
    found: dict[str, list[ArithmeticFinding]] = defaultdict(list)
    for figures in by_doc.values():
        figures.sort(key=lambda f: f.start)
        sentence_index: dict[str, int] = {}
        index, previous = -1, None
        for figure in figures:
            if figure.sentence != previous:
                index, previous = index + 1, figure.sentence
            sentence_index[figure.figure_id] = index
        for finding in (_share_findings(figures) + _part_whole_findings(figures, sentence_index)
                        + _change_findings(figures) + _sum_findings(figures)):
            found[finding.figure_id].append(finding)
    return dict(found)
