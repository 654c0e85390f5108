"""Which published figures and which other articles' figures measure the same thing as a figure.

Each figure is read for what it measures, where and when, and who says so: "Inflation in the UK
dropped to 3.4% in October" measures *inflation*, in the *United Kingdom* (`places`), in *October*
(`periods`, against the article's date; an undated article keeps "October" without a year), by
the merged source name (`source_names`). A pair is considered when they share a word of what is
measured. It is then a *match*, used for the verdict, when nothing tells them apart:

- the same unit (same dimension and normalised unit; for counts, the same counted noun),
- the same measure (the words of one include the other's; "killed" vs "killed or injured" differ),
- both a change or both a level,
- the same period where both state one (a count with no period is not compared with a dated one),
- the same place where both name one,
- the same source where both name one.

Figures of two articles are paired only when they share a proper name or place ("the Kherson
ferry", "UK"): on 600 BBC business articles, pairing on common words alone ("shares", "profits")
produced hundreds of false conflicts between different companies' figures. The pairing is
blocked on (measure word, name) keys and figures alike in everything compared are compared once,
so it grows with the number of figures, not its square.

Anything else that shares a word is kept as *related*, with the test that failed and both values
("measures differ: killed vs killed or injured", "periods differ: October 2025 vs September 2025",
"places differ: ...", "units differ: ...", "sources differ: ..."). Every pair carries a `why`.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import pandas as pd

from extract.checks.figure_wording import bounded_quantity_text, figure_text, with_outcomes
from extract.checks.intervals import Interval, claim_interval, reference_interval
from extract.checks.measure_terms import (
    change_direction,
    figure_clause,
    lemma,
    names,
    nearest_outcomes,
    outcome_label,
    outcomes,
    sources_agree,
    terms,
)
from extract.checks.periods import Period, overlap_ratio, parse_iso_date, period_among, periods_in
from extract.checks.places import split_place
from extract.checks.settings import DEFAULT_SETTINGS, CheckSettings
from extract.checks.source_names import merged_source_names, spelling_key


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
    measure: str  # what it measures, without place or period: "inflation", "average house price"
    measure_terms: frozenset[str]  # the lemmas of `measure`: the key figures are blocked and compared on
    place: str  # CLDR name of the place it is about ("United Kingdom"), '' when none is named
    is_period: bool  # "three months" in "the three months to September": part of a period, never checked
    unit: str  # the unit as the figures table writes it
    ties: frozenset[str]  # what can tie it to another article's figure: its names, else "source:<merged source>"


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
    unit: str
    measure: str


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
_CHANGE_WORDS = frozenset({"increase", "rise", "decrease", "fall", "drop", "decline", "growth", "up", "down",
                           "climb", "jump", "surge", "slip", "ease", "edge", "grow", "shrink", "soar", "plunge",
                           "tumble", "slump", "dip", "slow", "accelerate", "rebound", "recover", "lower", "higher",
                           # past forms lemminflect reads as nouns first ("rose", "fell")
                           "rose", "fell", "risen", "fallen", "grew", "sank"})
# Verbs that state a level, not what is measured: "stood at", "came in at", "was".
_LEVEL_VERBS = frozenset({"stand", "come", "be", "remain", "reach", "hit", "total", "amount", "say", "show",
                          "put", "record", "register", "figure", "official", "add"})


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


def _sentence_offset(rows: list[dict[str, Any]]) -> int | None:
    """Where the sentence starts in the document, from its figures' spans and surfaces."""
    first = rows[0]
    sentence = first["sentence"]
    position = sentence.find(first["surface"])
    while position >= 0:
        offset = int(first["start"]) - position
        if all(sentence[int(r["start"]) - offset:int(r["end"]) - offset] == r["surface"] for r in rows):
            return offset
        position = sentence.find(first["surface"], position + 1)
    return None


def _text_or_empty(value: object) -> str:
    return value if isinstance(value, str) else ""


def _float(value: object) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan
    return number


def measure_words(text: str) -> frozenset[str]:
    """What a phrase measures, in lemmas: without its place, change verbs or period words."""
    return terms(split_place(text)[0]) - _CHANGE_WORDS - _LEVEL_VERBS


def _read_measure(entity: str, sentence: str, clause: tuple[int, int], span: tuple[int, int],
                  previous: tuple[str, frozenset[str]] | None) -> tuple[str, frozenset[str]]:
    """What a figure measures, as a phrase and its lemmas.

    The entity without its place ("UK inflation" -> inflation); when the entity names only a
    place or a month (the engine's "UK" for "Inflation in the UK dropped to 3.4%"), the words of
    the figure's clause before it; when that is empty too ("down from 3.8%"), what the figure
    before it in the sentence measures; else the rest of its clause.
    """
    phrase = _without_names(split_place(entity)[0])
    words = measure_words(phrase)
    if words:
        return phrase, words
    before = _without_names(split_place(sentence[clause[0]:span[0]])[0])
    words = measure_words(before)
    if words:
        return _measure_phrase(before, words), words
    if previous is not None and previous[1]:
        return previous
    after = split_place(sentence[span[1]:clause[1]])[0]
    words = measure_words(after)
    return (_measure_phrase(after, words), words) if words else ("", frozenset())


# Names in a measure phrase: "TimeWarner's", "Warner's", "BP", and any capitalised word after the
# first ("profits at Time Warner"). What a figure is about ties it to other articles; what it
# measures ("profits", "sales") is compared on its own.
_NAME_IN_PHRASE = re.compile(r"\b[A-Z][a-z]+[A-Z][\w’']*|\b[A-Z][\w]*['’]s\b|\b[A-Z]{2,}\b|(?<=\w\s)[A-Z][\w’'-]*")


def _without_names(phrase: str) -> str:
    return re.sub(r"\s+", " ", _NAME_IN_PHRASE.sub(" ", phrase)).strip()


def _measure_phrase(text: str, words: frozenset[str]) -> str:
    """The words of a clause that carry its measure, in their order: 'The average house price rose to' ->
    'average house price'."""
    kept = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", text) if lemma(w) in words]
    return " ".join(kept)


# Names a sentence may open with: two capitalised words ("Time Warner made"), one with a capital
# inside ("TimeWarner's"), or a possessive ("Nestle's").
_NAME_RUN = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\b|\b[A-Z][a-z]+[A-Z][A-Za-z]*\b|\b[A-Z][a-z]+(?=['’]s\b)")


def _ties(found_names: set[str] | frozenset[str], source: str, text: str) -> frozenset[str]:
    """A figure's names tie it to other articles, each also spelled without spaces ("Time Warner"
    as "timewarner", so that "TimeWarner" meets it); one that names nothing ("Unemployment rose to
    5%, the ONS said") is tied by its source alone, so two such statements of one publisher meet."""
    joined = set()
    own = set(source.lower().split())  # the source is compared on its own, never as a name
    for run in _NAME_RUN.findall(text):
        words = run.split()
        while words and words[0].lower() in _OPENING_WORDS:
            words = words[1:]
        if all(w.lower() in own for w in words):
            continue
        if words and (len(words) > 1 or any(c.isupper() for c in words[0][1:]) or f"{words[0]}'s" in text
                      or f"{words[0]}’s" in text):
            joined.add(spelling_key(" ".join(words)))
    found = set(found_names) | joined
    if found:
        return frozenset(found)
    return frozenset({f"source:{source}"}) if source else frozenset()


# Capitalised only because they open a sentence: "In France", "The Office".
_OPENING_WORDS = frozenset({"in", "the", "a", "an", "on", "at", "for", "by", "but", "and", "after", "before", "of",
                            "as", "with", "from", "to", "last", "this", "since", "while", "when"})


def _place_of(entity: str, clause_text: str, sentence: str) -> str:
    """The place a figure is about: named in its entity, else its clause, else its sentence."""
    for text in (entity, clause_text, sentence):
        place = split_place(text)[1]
        if place:
            return place
    return ""


_NEEDED = ["figure_id", "doc_id", "sentence", "surface", "start", "end", "value", "low", "high", "qualifier",
           "direction", "unit", "dimension", "norm_value", "norm_unit", "entity", "source", "doc_title",
           "doc_outlet", "doc_date"]


def figure_measures(table: pd.DataFrame, settings: CheckSettings = DEFAULT_SETTINGS,
                    source_names: dict[str, str] | None = None) -> dict[str, FigureMeasure]:
    """Every figure of a figures table, read for matching, by figure_id.

    `source_names` maps each source to its merged name (`source_names.merged_source_names`); by
    default the table's own sources are merged.
    """
    measures: dict[str, FigureMeasure] = {}
    if table.empty:
        return measures
    merged = merged_source_names(table["source"]) if source_names is None else source_names
    sentences: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for record in table[_NEEDED].to_dict("records"):
        sentences.setdefault((str(record["doc_id"]), _text_or_empty(record["sentence"])), []).append(record)
    for (_doc, sentence), rows in sentences.items():
        rows.sort(key=lambda r: int(r["start"]))
        offset = _sentence_offset(rows) if sentence else None
        spans = []
        for row in rows:
            if offset is None:
                where = max(sentence.find(row["surface"]), 0)
                spans.append((where, where + len(row["surface"])))
            else:
                spans.append((int(row["start"]) - offset, int(row["end"]) - offset))
        today = parse_iso_date(_text_or_empty(rows[0]["doc_date"]))
        stated = periods_in(sentence, today)
        previous: dict[tuple[str, str], tuple[str, frozenset[str]]] = {}
        kinds = [(_text_or_empty(r["dimension"]), _text_or_empty(r["unit"])) for r in rows]
        for index, ((start, end), row) in enumerate(zip(spans, rows, strict=True)):
            others = [s for s in spans if s != (start, end)]
            clause = figure_clause(sentence, start, end, others)
            clause_text = sentence[clause[0]:clause[1]]
            entity = _text_or_empty(row["entity"])
            unit = _text_or_empty(row["unit"])
            dimension = _text_or_empty(row["dimension"])
            unit_key = _unit_key(dimension, unit, _text_or_empty(row["norm_unit"]))
            entity_terms = terms(entity) | ({unit_key} if dimension == "count" and unit_key else set())
            found_outcomes = nearest_outcomes(sentence, start, end, clause) | outcomes(entity)
            value, norm_value = _float(row["value"]), _float(row["norm_value"])
            # A vague plural has no value (NaN), so no factor to its normalised unit: its interval stays as written.
            factor = norm_value / value if value and math.isfinite(value) and math.isfinite(norm_value) else 1.0
            interval = claim_interval(value, _float(row["low"]), _float(row["high"]), _text_or_empty(row["qualifier"]),
                                      row["surface"], settings).scaled(factor)
            # Two figures of one kind in a sentence ("36% ..., up from 7% in 2003") each take only the
            # period of their own clause; a lone figure takes the nearest one.
            alike = kinds.count(kinds[index]) > 1
            period = period_among(stated, start, end, clause, own_clause_only=alike, first_figure=spans[0][0])
            # "the three months to September": the figure is part of a period, not a statistic.
            is_period = any(s <= start and end <= e for s, e, _ in stated)
            measure_text, measure_terms = _read_measure(entity, sentence, clause, (start, end),
                                                        previous.get((dimension, unit_key)))
            if measure_terms:
                previous[(dimension, unit_key)] = (measure_text, measure_terms)
            place = _place_of(entity, clause_text, sentence)
            # An entity that names only a place or a month ("UK" for "Inflation in the UK dropped to 3.4%")
            # says nothing of the measure: the label names the measure and the place instead.
            described = entity if measure_words(entity) or not measure_text else \
                ", ".join(p for p in (measure_text, place) if p)
            label = figure_text(row["surface"], dimension, described, found_outcomes)
            name = _text_or_empty(row["doc_outlet"]) or _text_or_empty(row["doc_title"]) or str(row["doc_id"])
            doc_date = _text_or_empty(row["doc_date"])
            doc_label = f"{name} ({doc_date})" if doc_date else name
            source = _text_or_empty(row["source"]).strip()
            # A capitalised word of what is measured ("Unemployment rose ...") is not a name.
            ties = {n for n in names(clause_text.strip(), source) | names(" " + entity, source)
                    if lemma(n) not in measure_terms}
            measures[row["figure_id"]] = FigureMeasure(
                figure_id=row["figure_id"], doc_id=str(row["doc_id"]), dimension=dimension, unit_key=unit_key,
                interval=interval, entity_terms=frozenset(entity_terms),
                terms=frozenset(entity_terms | terms(clause_text) | measure_terms),
                names=frozenset(ties | ({place} if place else set())),
                outcomes=found_outcomes, direction=_text_or_empty(row["direction"]), period=period,
                source=merged.get(source, source), sentence=sentence, span=(start, end), clause=clause,
                start=int(row["start"]), surface=row["surface"], label=label, doc_label=doc_label, doc_date=today,
                measure=measure_text, measure_terms=measure_terms, place=place, is_period=is_period,
                unit=unit, ties=_ties(ties | ({place} if place else set()), merged.get(source, source), clause_text),
            )
    return measures


def reference_measures(reference: pd.DataFrame) -> list[ReferenceMeasure]:
    """The rows of a loaded reference table, read for matching."""
    measures = []
    for row in reference.itertuples():
        start = parse_iso_date(row.period_start)
        period = Period(start, parse_iso_date(row.period_end)) if start else None
        unit_key = _unit_key(row.dimension, row.unit, row.norm_unit)
        entity, entity_place = split_place(row.entity)
        entity_terms = terms(entity) | ({unit_key} if row.dimension == "count" else set())
        found_outcomes = outcomes(row.measure) | outcomes(row.entity)
        text = bounded_quantity_text(row.value, row.low, row.high, row.unit)
        if row.dimension == "count":
            label = with_outcomes(f"{text} {row.entity}", found_outcomes)
        else:
            label = f"{text} ({row.measure}, {row.entity})"
        measure_terms = measure_words(row.measure)
        measures.append(ReferenceMeasure(
            ref_id=row.id, dimension=row.dimension, unit_key=unit_key,
            interval=reference_interval(row.value, row.low, row.high).scaled(row.norm_scale),
            entity_terms=frozenset(entity_terms), terms=frozenset(entity_terms | measure_terms),
            measure_terms=measure_terms, outcomes=found_outcomes,
            direction=change_direction(row.measure), period=period,
            geography=_place_name(row.geography) or entity_place, source=row.source, url=row.url, label=label,
            unit=row.unit, measure=row.measure,
        ))
    return measures


def _place_name(geography: str) -> str:
    """A reference row's geography in the names places are compared by ('UK' -> 'United Kingdom')."""
    geography = geography.strip()
    return split_place(geography)[1] or geography


def _with_period(label: str, period: Period | None) -> str:
    return f"{label}, {period.label()}" if period else label


def _compare_periods(claim: FigureMeasure, other_period: Period | None, other_is_reference: bool,
                     settings: CheckSettings, notes: list[str], differences: list[str]) -> float:
    other_name = "the reference" if other_is_reference else "the other figure"
    if claim.period and other_period:
        today = claim.doc_date or claim.period.end_or(claim.period.start)
        ratio = overlap_ratio(claim.period, other_period, today)
        if not other_is_reference and (claim.period.end is None or other_period.end is None) \
                and (claim.period.end, claim.period.start) != (other_period.end, other_period.start):
            # "since 1998" in an undated article runs to a day nobody knows: it is the same period
            # only as another undated "since 1998".
            ratio = 0.0
        if ratio >= settings.min_period_overlap:
            notes.append(f"period {claim.period.label()} ≈ {other_period.label()}")
        else:
            differences.append(f"periods differ: {claim.period.label()} vs {other_period.label()}")
        return ratio
    if other_period and not claim.period:
        # A reference state still in force (a price cap) holds for any undated count; another
        # article's "since 1998" is a stretch of time like any other.
        if claim.dimension == "count" and settings.counts_need_period and (
                other_period.end is not None or not other_is_reference):
            differences.append(f"the text states no period; {other_name} covers {other_period.label()}")
        else:
            notes.append(f"no period stated; {other_name} covers {other_period.label()}")
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
    (an oil price "closed at $44.38" on one day and "$49.74" on another is no conflict). What is said
    about dates is always true: an undated article is called undated."""
    if (claim.period and other.period) or claim.dimension == "count":
        return
    if claim.period is None and other.period is None:
        stated = "neither states a period"
    elif claim.period is None:
        stated = f"this figure states no period (the other: {other.period.label() if other.period else ''})"
    else:
        stated = f"the other figure states no period (this one: {claim.period.label()})"
    if claim.doc_date and other.doc_date:
        days = abs((claim.doc_date - other.doc_date).days)
        if days <= settings.same_story_days:
            notes.append(f"{stated}; published {days} days apart")
        else:
            differences.append(f"{stated}, and the articles were published {days} days apart "
                               f"(more than {settings.same_story_days})")
        return
    undated = ("neither article is dated" if not claim.doc_date and not other.doc_date
               else "this article is not dated" if not claim.doc_date else "the other article is not dated")
    differences.append(f"{stated}, and {undated}")


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


def _compare_places(claim_place: str, other_place: str, other_is_reference: bool, notes: list[str],
                    differences: list[str]) -> None:
    """Where both name a place it must be the same; a figure that names none is not told apart."""
    if claim_place and other_place:
        if claim_place == other_place:
            notes.append(f"place: {claim_place}")
        else:
            differences.append(f"places differ: {claim_place} vs {other_place}")
    elif other_place:
        notes.append(f"the text names no place; {'the reference' if other_is_reference else 'the other figure'} "
                     f"covers {other_place}")


def _unit_text(unit: str, dimension: str) -> str:
    return unit or dimension or "no unit"


def match_reference(claim: FigureMeasure, ref: ReferenceMeasure,
                    settings: CheckSettings = DEFAULT_SETTINGS) -> Match | None:
    """The figure beside one reference row; None when they have nothing in common.

    A pair with different units is shown (as related, "units differ") only when the figure's
    measure and the reference's are the same words: "unemployment 1.5 million" beside "unemployment
    rate 5%" tells the reviewer why the reference did not decide it.
    """
    shared = ref.terms & claim.terms
    word_score = len(shared) / len(ref.terms) if ref.terms else 0.0
    # Words of what the figure measures that the reference row does not have ("youth" in "youth
    # unemployment rate" against "unemployment rate"); an adjective of the row's place ("Ukrainian"
    # for Ukraine) is the place, not another measure.
    place_stem = ref.geography.lower()[:5] if len(ref.geography) >= 4 else "\x00"
    extra = sorted(w for w in claim.measure_terms - ref.terms if not w.startswith(place_stem))
    within = bool(claim.measure_terms) and not extra
    # Every word of what the figure measures is among the reference's ("inflation" in
    # "inflation, consumer prices"), and the reference's measure is named around the figure.
    covered = within and ref.measure_terms <= claim.terms
    score = 1.0 if covered else word_score
    same_unit = _units_compatible(claim, ref)
    if not same_unit and not within:
        return None
    if not shared or score < settings.min_keyword_score / 2:
        return None  # one common word ("oil") among many is not enough to show the pair to anyone
    notes: list[str] = []
    differences: list[str] = []
    if same_unit:
        notes.append(f"same unit ({ref.unit_key or claim.dimension})")
    else:
        differences.append(f"units differ: {_unit_text(claim.unit, claim.dimension)} vs {ref.unit}")
    notes.append(f"shared words: {', '.join(sorted(shared))} ({len(shared)} of {len(ref.terms)})")
    if extra and claim.measure_terms & ref.terms:
        differences.append(f"measures differ: {claim.measure} vs {ref.measure} "
                           f"({', '.join(extra)} not in the reference)")
    elif score < settings.min_keyword_score and not within:
        differences.append(f"measures differ: {claim.measure or 'not stated'} vs {ref.measure} "
                           f"(only {len(shared)} of the reference's {len(ref.terms)} words around the figure)")
    missing = sorted(ref.measure_terms - claim.terms)
    if missing:
        differences.append(f"measures differ: {claim.measure or 'not stated'} vs {ref.measure} "
                           f"(the text does not mention {', '.join(missing)})")
    _compare_measures(claim.outcomes, ref.outcomes, claim.direction, ref.direction, differences, notes)
    ratio = _compare_periods(claim, ref.period, True, settings, notes, differences)
    _compare_places(claim.place, ref.geography, True, notes, differences)
    _compare_sources(claim.source, ref.source, settings, notes, differences)
    return Match(
        figure_id=claim.figure_id, kind="reference", other_id=ref.ref_id,
        claim=_with_period(claim.label, claim.period), other=_with_period(ref.label, ref.period),
        other_source=ref.source, other_url=ref.url, unit=ref.unit_key or claim.unit_key,
        claim_low=claim.interval.low, claim_high=claim.interval.high,
        other_low=ref.interval.low, other_high=ref.interval.high,
        is_match=not differences, agrees=same_unit and claim.interval.overlaps(ref.interval),
        score=round(score, 4), period_overlap=round(ratio, 4), why="; ".join(notes + differences),
        differences=tuple(differences),
    )


def _compare_sources(claim_source: str, other_source: str, settings: CheckSettings, notes: list[str],
                     differences: list[str]) -> None:
    """Where both name a source: the same one is noted; another one tells the pair apart if required."""
    agree = True if claim_source and claim_source == other_source else sources_agree(claim_source, other_source)
    if agree is True:
        notes.append(f"source: {claim_source}" if claim_source == other_source
                     else f"source: {claim_source} ≈ {other_source}")
    elif agree is False and settings.require_same_source:
        differences.append(f"sources differ: {claim_source} vs {other_source}")


# Words that say how a measure is stated, not what is measured: "unemployment" and "unemployment
# rate", "house prices" and "average house price" are one measure; "youth unemployment" is another.
_HOW_STATED = frozenset({"rate", "level", "average", "total", "overall", "annual", "headline", "official",
                         "index", "figure", "number", "current"})


def _same_measure(a: FigureMeasure, b: FigureMeasure) -> bool:
    """The same words of what is measured, but for words of how it is stated (`_HOW_STATED`)."""
    return bool(a.measure_terms & b.measure_terms) and (a.measure_terms ^ b.measure_terms) <= _HOW_STATED


def _figure_pair(claim: FigureMeasure, other: FigureMeasure, settings: CheckSettings) -> Match | None:
    """`match_figures` without the document test: also used for one figure standing for many alike."""
    if claim.is_period or other.is_period:
        return None  # "the three months to September" is a period, never a statistic to check
    shared_names = claim.ties & other.ties
    shared_measure = claim.measure_terms & other.measure_terms
    if not shared_names or not shared_measure:
        # "Shares rose 1%", "$630m for planes": in two articles these are rarely the same fact.
        # A shared proper name or place ("Kherson", "UK") is what ties two articles' figures.
        return None
    notes: list[str] = []
    differences: list[str] = []
    same_unit = _units_compatible(claim, other)
    if same_unit:
        notes.append(f"same unit ({claim.unit_key or other.unit_key or claim.dimension})")
    elif _same_measure(claim, other):
        differences.append(f"units differ: {_unit_text(claim.unit, claim.dimension)} vs "
                           f"{_unit_text(other.unit, other.dimension)}")
    else:
        return None
    if _same_measure(claim, other):
        notes.append(f"same measure: {claim.measure}"
                     + (f" ≈ {other.measure}" if other.measure.lower() != claim.measure.lower() else ""))
    else:
        differences.append(f"measures differ: {claim.measure} vs {other.measure}")
    named = sorted(n for n in shared_names if not n.startswith("source:"))
    notes.append(f"both name {', '.join(named)}" if named else "neither names anything else; both cite the same source")
    _compare_measures(claim.outcomes, other.outcomes, claim.direction, other.direction, differences, notes)
    ratio = _compare_periods(claim, other.period, False, settings, notes, differences)
    _same_story(claim, other, settings, notes, differences)
    _compare_places(claim.place, other.place, False, notes, differences)
    _compare_sources(claim.source, other.source, settings, notes, differences)
    score = len(shared_measure) / len(claim.measure_terms | other.measure_terms)
    return Match(
        figure_id=claim.figure_id, kind="corpus", other_id=other.figure_id,
        claim=_with_period(claim.label, claim.period), other=_with_period(other.label, other.period),
        other_source=_doc_citing(other), other_url="", unit=claim.unit_key or other.unit_key,
        claim_low=claim.interval.low, claim_high=claim.interval.high,
        other_low=other.interval.low, other_high=other.interval.high,
        is_match=not differences, agrees=same_unit and claim.interval.overlaps(other.interval),
        score=round(score, 4), period_overlap=round(ratio, 4), why="; ".join(notes + differences),
        differences=tuple(differences),
    )


def _doc_citing(figure: FigureMeasure) -> str:
    return figure.doc_label + (f", citing {figure.source}," if figure.source else "")


def match_figures(claim: FigureMeasure, other: FigureMeasure,
                  settings: CheckSettings = DEFAULT_SETTINGS) -> Match | None:
    """The figure beside a figure of another document; None when they have nothing in common."""
    if claim.doc_id == other.doc_id:
        return None
    return _figure_pair(claim, other, settings)


# Which test each difference reports, by how its sentence begins.
_TESTS_BY_DIFFERENCE = (
    ("units differ", "unit"), ("measures differ", "measure"), ("one is ", "measure"), ("periods differ", "period"),
    ("the text states no period", "period"),
    ("the other figure states no period", "period"), ("neither states a period", "period"),
    ("this figure states no period", "period"), ("places differ", "place"), ("sources differ", "source"),
)
TESTS = ("measure", "period", "place", "unit", "source")


def failed_tests(differences: tuple[str, ...]) -> tuple[str, ...]:
    """The tests (TESTS) a related pair failed, in TESTS order: ('period', 'source')."""
    failed = {test for difference in differences for prefix, test in _TESTS_BY_DIFFERENCE
              if difference.startswith(prefix)}
    return tuple(t for t in TESTS if t in failed)


def _ordered(matches: list[Match]) -> list[Match]:
    """Matches first, then related ones with fewest differences, closest in words and period."""
    return sorted(matches, key=lambda m: (not m.is_match, len(m.differences), -m.period_overlap, -m.score, m.other_id))


def reference_matches(measures: dict[str, FigureMeasure], reference: pd.DataFrame,
                      settings: CheckSettings = DEFAULT_SETTINGS) -> dict[str, list[Match]]:
    """Every figure's matches and related rows in the reference table.

    Reference rows are indexed by their words, so a figure is compared only with the rows that
    share one (an imported series of thousands of rows costs no more than the rows it touches).
    """
    rows = reference_measures(reference)
    by_term: dict[str, list[int]] = defaultdict(list)
    for index, ref in enumerate(rows):
        for term in ref.terms:
            by_term[term].append(index)
    found: dict[str, list[Match]] = {}
    for figure_id, claim in measures.items():
        if claim.is_period:
            continue
        candidates = sorted({i for term in claim.terms for i in by_term.get(term, ())})
        pairs = [m for i in candidates if (m := match_reference(claim, rows[i], settings)) is not None]
        if pairs:
            found[figure_id] = _ordered(pairs)
    return found


@dataclass(frozen=True)
class CorpusTally:
    """How many figures of other articles match a figure, of which how many disagree; the listed
    matches are capped (`LISTED_PER_FIGURE`), these counts are not."""

    matching: int = 0
    disagreeing: int = 0


# Evidence listed per figure: 2,000 copies of one wire story must not list 2,000 matches each.
LISTED_PER_FIGURE = 20


def _signature(m: FigureMeasure) -> tuple[object, ...]:
    """Everything the comparison of two figures reads: figures alike in all of it compare alike."""
    period = (m.period.start, m.period.end, m.period.year_stated) if m.period else None
    return (m.dimension, m.unit_key, m.unit, m.measure_terms, m.ties, m.outcomes, m.direction, period, m.source,
            m.doc_date, m.place, m.interval, m.is_period)


@dataclass
class _Groups:
    """Figures alike in everything compared, with what the expansion to single figures needs."""

    members: list[list[FigureMeasure]]
    docs_in: list[dict[str, int]]  # per group: figures per document
    sentences_in: list[dict[str, int]]  # per group: figures per sentence text
    spans_in: list[dict[tuple[str, int, int], int]]  # per group: figures per (sentence, span)

    def others(self, j: int, figure: FigureMeasure) -> int:
        """Figures of group j in other documents, without those elsewhere in a copy of the figure's
        sentence: a sentence repeated word for word (a reprinted story) states each of its figures
        once, so its 7% is compared with the other copy's 7%, never with the 36% beside it."""
        elsewhere_in_copy = self.sentences_in[j].get(figure.sentence, 0) \
            - self.spans_in[j].get((figure.sentence, *figure.span), 0)
        count = len(self.members[j]) - self.docs_in[j].get(figure.doc_id, 0) - elsewhere_in_copy
        if elsewhere_in_copy and self.docs_in[j].get(figure.doc_id, 0):
            count += sum(1 for other in self.members[j] if other.doc_id == figure.doc_id
                         and other.sentence == figure.sentence and other.span != figure.span)  # counted twice
        return count


def _grouped(measures: dict[str, FigureMeasure]) -> _Groups:
    by_signature: dict[tuple[object, ...], list[FigureMeasure]] = {}
    for measure in measures.values():
        if not measure.is_period and measure.measure_terms and measure.ties:
            by_signature.setdefault(_signature(measure), []).append(measure)
    members = list(by_signature.values())
    groups = _Groups(members, [defaultdict(int) for _ in members], [defaultdict(int) for _ in members],
                     [defaultdict(int) for _ in members])
    for index, group in enumerate(members):
        for figure in group:
            groups.docs_in[index][figure.doc_id] += 1
            groups.sentences_in[index][figure.sentence] += 1
            groups.spans_in[index][(figure.sentence, *figure.span)] += 1
    return groups


def _figure_evidence(figure: FigureMeasure, templates: list[tuple[int, Match]], groups: _Groups
                     ) -> tuple[list[Match], CorpusTally]:
    """One figure's listed matches (up to LISTED_PER_FIGURE, a disagreement always among them) and its tally.

    `templates` come in `_ordered` order, so the first groups fill the list; the counts cover all.
    """
    matching = disagreeing = 0
    available: list[tuple[int, Match, int]] = []
    for j, template in templates:
        others = groups.others(j, figure)
        if others <= 0:
            continue
        available.append((j, template, others))
        if template.is_match:
            matching += others
            disagreeing += 0 if template.agrees else others
    # The first disagreeing group is listed first, so that the cap never hides a disagreement.
    dissent = [item for item in available if item[1].is_match and not item[1].agrees][:1]
    claim = _with_period(figure.label, figure.period)
    listed: list[Match] = []
    seen: set[str] = set()
    for turn, (j, template, _) in enumerate(dissent + available):
        for other in groups.members[j]:
            if len(listed) >= LISTED_PER_FIGURE or (dissent and turn == 0 and listed):
                break  # full; or the one disagreement put up front, the rest in order
            if other.doc_id == figure.doc_id or other.figure_id in seen \
                    or (other.sentence == figure.sentence and other.span != figure.span):
                continue
            seen.add(other.figure_id)
            listed.append(replace(template, figure_id=figure.figure_id, other_id=other.figure_id, claim=claim,
                                  other=_with_period(other.label, other.period), other_source=_doc_citing(other)))
    return _ordered(listed), CorpusTally(matching, disagreeing)


def corpus_matches_and_tallies(measures: dict[str, FigureMeasure], settings: CheckSettings = DEFAULT_SETTINGS
                               ) -> tuple[dict[str, list[Match]], dict[str, CorpusTally]]:
    """Every figure's matches and related figures in the other documents, and how many match.

    Near-linear: figures alike in everything the comparison reads are compared once as a group,
    and groups are paired only through a shared (measure word, name) key.
    """
    groups = _grouped(measures)
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, group in enumerate(groups.members):
        for term in group[0].measure_terms:
            for name in group[0].ties:
                by_key[(term, name)].append(index)
    found: dict[str, list[Match]] = {}
    tallies: dict[str, CorpusTally] = {}
    for group in groups.members:
        head = group[0]
        partners = sorted({j for term in head.measure_terms for name in head.ties for j in by_key[(term, name)]})
        paired = [(j, t) for j in partners if (t := _figure_pair(head, groups.members[j][0], settings)) is not None]
        if not paired:
            continue
        templates = sorted(paired, key=lambda item: (not item[1].is_match, len(item[1].differences),
                                                     -item[1].period_overlap, -item[1].score))
        for figure in group:
            listed, tally = _figure_evidence(figure, templates, groups)
            if listed:
                found[figure.figure_id] = listed
                tallies[figure.figure_id] = tally
    return found, tallies


def corpus_matches(measures: dict[str, FigureMeasure], settings: CheckSettings = DEFAULT_SETTINGS
                   ) -> dict[str, list[Match]]:
    """Every figure's matches and related figures in the other documents of the table."""
    return corpus_matches_and_tallies(measures, settings)[0]
