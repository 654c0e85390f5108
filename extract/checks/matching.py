"""Which published figures and which other articles' figures measure the same thing as a figure.

A pair is considered only when the unit is compatible (same dimension and normalised unit; for
counts, the same counted noun or an unread one) and they share a word of what is measured. It is
then a *match*, used for the verdict, when nothing tells them apart:

- the same outcome ("killed" vs "killed or injured" are different measures),
- both a change or both a level,
- enough shared words (a transparent keyword overlap of lemmas),
- the same period where both state one (a count with no period is not compared with a dated one),
- the same source where both name one.

Figures of two articles are paired only when their clauses share a proper name ("the Kherson
ferry"): on 600 BBC business articles, pairing on common words alone ("shares", "profits")
produced hundreds of false conflicts between different companies' figures.

Anything else that shares a word is kept as *related*, with what differs, so the reviewer sees it
("measures differ: killed vs killed or injured"). Every pair carries a `why` a person can read.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from extract.checks.settings import DEFAULT_SETTINGS, CheckSettings
from extract.checks.intervals import Interval, claim_interval, reference_interval
from extract.checks.measure_terms import (change_direction, figure_clause, lemma, names, names_place, nearest_outcomes, outcome_label,
                       outcomes, sources_agree, terms)
from extract.checks.periods import Period, overlap_ratio, parse_iso_date, period_near
from extract.checks.figure_wording import bounded_quantity_text, figure_text, with_outcomes


@dataclass(frozen=True)
class FigureMeasure:
    """A figure of the table, read for matching."""

    figure_id: str
    doc_id: str
    dimension: str
    unit_key: str  # normalised unit; for counts the lemma of the counted noun ('' when unread)
    interval: Interval  # in normalised units
    entity_terms: frozenset[str]
    terms: frozenset[str]  # entity, counted noun and the figure's clause
    names: frozenset[str]  # proper names in its clause and entity: what it is about
    outcomes: frozenset[str]
    direction: str
    period: Period | None
    source: str
    sentence: str
    span: tuple[int, int]  # the figure's place in its sentence
    clause: tuple[int, int]  # the part of the sentence that belongs to it
    start: int  # offset in the document, for text order
    surface: str
    label: str  # "986 civilians killed"
    doc_label: str  # "Daily Planet (2025-07-01)"
    doc_date: date | None


@dataclass(frozen=True)
class ReferenceMeasure:
    """A reference row, read for matching."""

    ref_id: str
    dimension: str
    unit_key: str
    interval: Interval
    entity_terms: frozenset[str]
    terms: frozenset[str]
    measure_terms: frozenset[str]  # the words of `measure` a matching figure must mention ('price', 'cap')
    outcomes: frozenset[str]
    direction: str
    period: Period | None
    geography: str
    source: str
    url: str
    label: str  # "968 civilians killed"


@dataclass(frozen=True)
class Match:
    """One figure set beside one piece of evidence: a reference row or another article's figure."""

    figure_id: str
    kind: str  # "reference" or "corpus"
    other_id: str  # reference id or figure_id
    claim: str  # "986 civilians killed, 1 Dec 2024 – 31 May 2025"
    other: str  # "968 civilians killed, 1 Dec 2024 – 31 May 2025"
    other_source: str  # who published or stated the evidence
    other_url: str
    unit: str  # the normalised unit both intervals are in
    claim_low: float
    claim_high: float
    other_low: float
    other_high: float
    is_match: bool  # False: only related, shown to the reviewer but not used for the verdict
    agrees: bool  # the two intervals overlap
    score: float  # shared words over the words compared, 0..1
    period_overlap: float  # how far the periods coincide, 0..1 (0 when either is not stated)
    why: str  # what made the pair, and what tells it apart
    differences: tuple[str, ...] = field(default=())


# Change words in a reference measure ("increase on the same period") are compared as a
# direction, not as words the text must repeat ("rose 37%").
_CHANGE_WORDS = frozenset({"increase", "rise", "decrease", "fall", "drop", "decline", "growth", "up", "down"})


def _unit_key(dimension: str, unit: str, norm_unit: str) -> str:
    if dimension == "count":
        words = unit.split()
        return lemma(words[-1]) if words else ""
    return norm_unit


def _units_compatible(a: FigureMeasure | ReferenceMeasure, b: FigureMeasure | ReferenceMeasure) -> bool:
    """Same dimension and normalised unit; two counts when they count the same noun, one is
    unread, or one's noun is a word of the other's entity ('civilian' in 'civilian casualties')."""
    if a.dimension != b.dimension:
        return False
    if a.dimension == "count":
        return (a.unit_key == b.unit_key or not a.unit_key or not b.unit_key
                or a.unit_key in b.entity_terms or b.unit_key in a.entity_terms)
    return a.unit_key == b.unit_key


def _sentence_offsets(group: pd.DataFrame) -> int | None:
    """Where the sentence starts in the document, from its figures' spans and surfaces."""
    first = group.iloc[0]
    sentence = first["sentence"]
    position = sentence.find(first["surface"])
    while position >= 0:
        offset = int(first["start"]) - position
        if all(sentence[int(r.start) - offset:int(r.end) - offset] == r.surface for r in group.itertuples()):
            return offset
        position = sentence.find(first["surface"], position + 1)
    return None


def _text_or_empty(value: object) -> str:
    return value if isinstance(value, str) else ""


def figure_measures(table: pd.DataFrame, settings: CheckSettings = DEFAULT_SETTINGS) -> dict[str, FigureMeasure]:
    """Every figure of a figures table, read for matching, by figure_id."""
    measures: dict[str, FigureMeasure] = {}
    if table.empty:
        return measures
    for (_doc, sentence), group in table.groupby(["doc_id", "sentence"], sort=False):
        offset = _sentence_offsets(group)
        spans = []
        for row in group.itertuples():
            if offset is None:
                where = sentence.find(row.surface)
                spans.append((max(where, 0), max(where, 0) + len(row.surface)))
            else:
                spans.append((int(row.start) - offset, int(row.end) - offset))
        for (start, end), row in zip(spans, group.itertuples()):
            others = [s for s in spans if s != (start, end)]
            clause = figure_clause(sentence, start, end, others)
            clause_text = sentence[clause[0]:clause[1]]
            today = parse_iso_date(_text_or_empty(row.doc_date))
            entity = _text_or_empty(row.entity)
            unit = _text_or_empty(row.unit)
            unit_key = _unit_key(row.dimension, unit, _text_or_empty(row.norm_unit))
            entity_terms = terms(entity) | ({unit_key} if row.dimension == "count" and unit_key else set())
            found_outcomes = nearest_outcomes(sentence, start, end, clause) | outcomes(entity)
            # A vague plural has no value (NaN), so no factor to its normalised unit: its interval stays as written.
            factor = row.norm_value / row.value \
                if row.value and math.isfinite(row.value) and math.isfinite(row.norm_value) else 1.0
            interval = claim_interval(row.value, row.low, row.high, row.qualifier, row.surface, settings).scaled(factor)
            period = period_near(sentence, start, end, today, clause)
            label = figure_text(row.surface, row.dimension, entity, found_outcomes)
            name = _text_or_empty(row.doc_outlet) or _text_or_empty(row.doc_title) or str(row.doc_id)
            doc_label = f"{name} ({row.doc_date})" if _text_or_empty(row.doc_date) else name
            measures[row.figure_id] = FigureMeasure(
                figure_id=row.figure_id, doc_id=str(row.doc_id), dimension=row.dimension, unit_key=unit_key,
                interval=interval, entity_terms=frozenset(entity_terms),
                terms=frozenset(entity_terms | terms(clause_text)),
                names=names(clause_text.strip(), _text_or_empty(row.source)) | names(" " + entity, _text_or_empty(row.source)),
                outcomes=found_outcomes,
                direction=_text_or_empty(row.direction), period=period, source=_text_or_empty(row.source),
                sentence=sentence, span=(start, end), clause=clause, start=int(row.start), surface=row.surface,
                label=label,
                doc_label=doc_label, doc_date=today,
            )
    return measures


def reference_measures(reference: pd.DataFrame) -> list[ReferenceMeasure]:
    """The rows of a loaded reference table, read for matching."""
    measures = []
    for row in reference.itertuples():
        start = parse_iso_date(row.period_start)
        period = Period(start, parse_iso_date(row.period_end)) if start else None
        unit_key = _unit_key(row.dimension, row.unit, row.norm_unit)
        entity_terms = terms(row.entity) | ({unit_key} if row.dimension == "count" else set())
        found_outcomes = outcomes(row.measure) | outcomes(row.entity)
        text = bounded_quantity_text(row.value, row.low, row.high, row.unit)
        if row.dimension == "count":
            label = with_outcomes(f"{text} {row.entity}", found_outcomes)
        else:
            label = f"{text} ({row.measure}, {row.entity})"
        measures.append(ReferenceMeasure(
            ref_id=row.id, dimension=row.dimension, unit_key=unit_key,
            interval=reference_interval(row.value, row.low, row.high).scaled(row.norm_scale),
            entity_terms=frozenset(entity_terms), terms=frozenset(entity_terms | terms(row.measure)),
            measure_terms=terms(row.measure) - _CHANGE_WORDS, outcomes=found_outcomes, direction=change_direction(row.measure), period=period,
            geography=row.geography, source=row.source, url=row.url, label=label,
        ))
    return measures


def _with_period(label: str, period: Period | None) -> str:
    return f"{label}, {period.label()}" if period else label


def _compare_periods(claim: FigureMeasure, other_period: Period | None, other_is_reference: bool,
                     settings: CheckSettings, notes: list[str], differences: list[str]) -> float:
    if claim.period and other_period:
        today = claim.doc_date or claim.period.end_or(claim.period.start)
        ratio = overlap_ratio(claim.period, other_period, today)
        if ratio >= settings.min_period_overlap:
            notes.append(f"period {claim.period.label()} ≈ {other_period.label()}")
        else:
            differences.append(f"periods differ: {claim.period.label()} vs {other_period.label()}")
        return ratio
    if other_period and not claim.period:
        if claim.dimension == "count" and settings.counts_need_period and other_period.end is not None:
            differences.append(f"the text states no period; the {'reference' if other_is_reference else 'other figure'} "
                               f"covers {other_period.label()}")
        else:
            notes.append(f"no period stated; the {'reference' if other_is_reference else 'other figure'} "
                         f"covers {other_period.label()}")
        return 0.0
    if claim.period and not other_period and claim.dimension == "count" and settings.counts_need_period:
        differences.append(f"the other figure states no period; this one covers {claim.period.label()}")
    elif not claim.period and not other_period and not other_is_reference and claim.dimension == "count" \
            and settings.counts_need_period:
        # Two undated counts ("496 sanctioned tankers", "135 sanctioned tankers") may count at different times.
        differences.append("neither states a period")
    return 0.0


def _same_story(claim: FigureMeasure, other: FigureMeasure, settings: CheckSettings,
                notes: list[str], differences: list[str]) -> None:
    """Figures without a shared period are the same fact only if their articles appeared close together
    (an oil price "closed at $44.38" on one day and "$49.74" on another is no conflict)."""
    if (claim.period and other.period) or claim.dimension == "count":
        return
    if claim.doc_date and other.doc_date and abs((claim.doc_date - other.doc_date).days) <= settings.same_story_days:
        notes.append(f"no period stated; published {abs((claim.doc_date - other.doc_date).days)} days apart")
    else:
        differences.append("no period stated, and the articles are not dated within "
                           f"{settings.same_story_days} days of each other")


def _compare_measures(claim_outcomes: frozenset[str], other_outcomes: frozenset[str], claim_direction: str,
                      other_direction: str, differences: list[str], notes: list[str]) -> None:
    if claim_outcomes != other_outcomes:
        differences.append(f"measures differ: {outcome_label(claim_outcomes)} vs {outcome_label(other_outcomes)}")
    elif claim_outcomes:
        notes.append(f"same measure: {outcome_label(claim_outcomes)}")
    if claim_direction != other_direction:
        def kind(direction: str) -> str:
            return f"a change ({direction})" if direction else "a level"
        differences.append(f"one is {kind(claim_direction)}, the other {kind(other_direction)}")


def match_reference(claim: FigureMeasure, ref: ReferenceMeasure, settings: CheckSettings = DEFAULT_SETTINGS) -> Match | None:
    """The figure beside one reference row; None when they have nothing in common."""
    if not _units_compatible(claim, ref):
        return None
    shared = ref.terms & claim.terms
    score = len(shared) / len(ref.terms) if ref.terms else 0.0
    if not shared or score < settings.min_keyword_score / 2:
        return None  # one common word ("oil") among many is not enough to show the pair to anyone
    notes = [f"same unit ({ref.unit_key or claim.dimension})"]
    differences: list[str] = []
    notes.append(f"shared words: {', '.join(sorted(shared))} ({len(shared)} of {len(ref.terms)})")
    if score < settings.min_keyword_score:
        differences.append(f"only {len(shared)} of the reference's {len(ref.terms)} words around the figure")
    missing = sorted(ref.measure_terms - claim.terms)
    if missing:
        differences.append(f"the text does not mention {', '.join(missing)}")
    _compare_measures(claim.outcomes, ref.outcomes, claim.direction, ref.direction, differences, notes)
    ratio = _compare_periods(claim, ref.period, True, settings, notes, differences)
    if ref.geography and names_place(claim.sentence, ref.geography):
        notes.append(f"place: {ref.geography}")
    _compare_sources(claim.source, ref.source, settings, notes, differences)
    return Match(
        figure_id=claim.figure_id, kind="reference", other_id=ref.ref_id,
        claim=_with_period(claim.label, claim.period), other=_with_period(ref.label, ref.period),
        other_source=ref.source, other_url=ref.url, unit=ref.unit_key or claim.unit_key,
        claim_low=claim.interval.low, claim_high=claim.interval.high,
        other_low=ref.interval.low, other_high=ref.interval.high,
        is_match=not differences, agrees=claim.interval.overlaps(ref.interval),
        score=round(score, 4), period_overlap=round(ratio, 4), why="; ".join(notes + differences), differences=tuple(differences),
    )


def _compare_sources(claim_source: str, other_source: str, settings: CheckSettings, notes: list[str],
                     differences: list[str]) -> None:
    """Where both name a source: the same one is noted; another one tells the pair apart if required."""
    agree = sources_agree(claim_source, other_source)
    if agree is True:
        notes.append(f"source: {claim_source} ≈ {other_source}")
    elif agree is False and settings.require_same_source:
        differences.append(f"sources differ: {claim_source} vs {other_source}")


def match_figures(claim: FigureMeasure, other: FigureMeasure, settings: CheckSettings = DEFAULT_SETTINGS) -> Match | None:
    """The figure beside a figure of another document; None when they have nothing in common."""
    if claim.doc_id == other.doc_id:
        return None
    if not _units_compatible(claim, other):
        return None
    if not claim.entity_terms & other.entity_terms:
        return None
    if not claim.names & other.names:
        # "Shares rose 1%", "$630m for planes": in two articles these are rarely the same fact.
        # A shared proper name ("Kherson", "Deutsche Boerse") is what ties two articles' figures.
        return None
    shared = claim.terms & other.terms
    either = len(claim.terms | other.terms) or 1
    score = len(shared) / either
    if score < settings.min_corpus_score:
        return None  # too little in common to be worth showing
    notes = [f"same unit ({claim.unit_key or other.unit_key or claim.dimension})",
             f"shared words: {', '.join(sorted(shared))} ({len(shared)} of {either})"]
    if claim.names & other.names:
        notes.append(f"both name {', '.join(sorted(claim.names & other.names))}")
    differences: list[str] = []
    _compare_measures(claim.outcomes, other.outcomes, claim.direction, other.direction, differences, notes)
    ratio = _compare_periods(claim, other.period, False, settings, notes, differences)
    _same_story(claim, other, settings, notes, differences)
    _compare_sources(claim.source, other.source, settings, notes, differences)
    return Match(
        figure_id=claim.figure_id, kind="corpus", other_id=other.figure_id,
        claim=_with_period(claim.label, claim.period), other=_with_period(other.label, other.period),
        other_source=other.doc_label + (f", citing {other.source}," if other.source else ""),
        other_url="", unit=claim.unit_key or other.unit_key,
        claim_low=claim.interval.low, claim_high=claim.interval.high,
        other_low=other.interval.low, other_high=other.interval.high,
        is_match=not differences, agrees=claim.interval.overlaps(other.interval),
        score=round(score, 4), period_overlap=round(ratio, 4), why="; ".join(notes + differences), differences=tuple(differences),
    )


def _ordered(matches: list[Match]) -> list[Match]:
    """Matches first, then related ones with fewest differences, closest in words and period."""
    return sorted(matches, key=lambda m: (not m.is_match, len(m.differences), -m.period_overlap, -m.score, m.other_id))


def reference_matches(measures: dict[str, FigureMeasure], reference: pd.DataFrame,
                      settings: CheckSettings = DEFAULT_SETTINGS) -> dict[str, list[Match]]:
    """Every figure's matches and related rows in the reference table."""
    rows = reference_measures(reference)
    found: dict[str, list[Match]] = {}
    for figure_id, claim in measures.items():
        pairs = [m for ref in rows if (m := match_reference(claim, ref, settings)) is not None]
        if pairs:
            found[figure_id] = _ordered(pairs)
    return found


def corpus_matches(measures: dict[str, FigureMeasure], settings: CheckSettings = DEFAULT_SETTINGS
                   ) -> dict[str, list[Match]]:
    """Every figure's matches and related figures in the other documents of the table.

    Figures are bucketed by dimension and indexed by entity word, so only pairs that could match
    are compared (the BBC corpus has thousands of figures).
    """
    by_term: dict[tuple[str, str], list[FigureMeasure]] = defaultdict(list)
    for measure in measures.values():
        for term in measure.entity_terms:
            by_term[(measure.dimension, term)].append(measure)
    found: dict[str, list[Match]] = {}
    for figure_id, claim in measures.items():
        seen: set[str] = set()
        pairs = []
        for term in claim.entity_terms:
            for other in by_term[(claim.dimension, term)]:
                if other.figure_id in seen or other.figure_id == figure_id:
                    continue
                seen.add(other.figure_id)
                match = match_figures(claim, other, settings)
                if match is not None:
                    pairs.append(match)
        if pairs:
            found[figure_id] = _ordered(pairs)
    return found
