"""The extraction engine: every statistical figure in a document, one row each."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from extract.documents.loaders import Document, document_from_text
from extract.engine.attribution import SourceMemory, attribute, note_people
from extract.engine.clause_subject import attributive_noun_after, count_entity, measure_entity
from extract.engine.measured_entity import (
    counted_noun_after,
    measured_phrase,
    object_phrase_after,
    pos_tags,
    resolve_possessive,
)
from extract.engine.non_figures import rejection_reason
from extract.engine.numbers import NumberMention, find_numbers
from extract.engine.qualifiers import CHANGE_FROM, direction, multiplier_changes, qualify
from extract.engine.sentences import split_sentences
from extract.engine.table_schema import COLUMNS, empty_frame
from extract.engine.units import Unit, currency_unit, match_per, match_unit_after, normalise

# A sentence can hold a figure only if it has a digit or a number word; most sentences do not,
# and skipping them is most of the speed-up over running quantulum3 on whole articles.
_MAY_HOLD_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|thousand|million|billion|trillion|dozens?|half|third|quarter|"
    r"halved|doubled|tripled|trebled|quadrupled|zero|hundreds|thousands|millions|billions|scores)\b",
    re.IGNORECASE,
)
_WORDS_NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\b", re.IGNORECASE)
_AGE = re.compile(r"^[\s-]*(?:years?|yrs?)[\s-]*old\b|^-year-old\b|^,\s*$", re.IGNORECASE)
_DURATION_ADJ = re.compile(r"^-(?P<unit>year|month|week|day|hour|minute|second|decade)(?![\w-])", re.IGNORECASE)


@dataclass
class Figure:
    start: int
    end: int
    value: float
    low: float
    high: float
    qualifier: str
    direction: str
    unit: str
    dimension: str
    norm_value: float
    norm_unit: str
    entity: str
    source: str
    source_cue: str
    sentence_start: int
    sentence_end: int
    counted: str = ""  # the counted noun phrase of a count ("employees"), whatever the entity says
    counted_end: int = 0  # where that phrase ends in the sentence


def _unit_for(sentence: str, mention: NumberMention) -> tuple[Unit | None, int]:
    """The unit of a number and where the unit's words end."""
    if mention.currency:
        unit = currency_unit(mention.currency)
        end = mention.end
        # "$76 US", "US $5.4m" and "$1.1 million" are all dollars; skip a trailing "US".
        trailing = re.match(r"\s+(?:US|U\.S\.)(?!\w)", sentence[end:])
        if trailing:
            end += trailing.end()
        cents = re.match(r"\s?(?:cents?)\b", sentence[end:])
        if cents:
            end += cents.end()
        return unit, end
    found = match_unit_after(sentence, mention.end)
    if found:
        return found.unit, found.end
    if 0 < mention.value < 1:
        # "1/16 of a US pint", "a third of a mile": a fraction of one unit.
        of_a = re.match(r"\s+of\s+an?\s+(?:US\s+|U\.S\.\s+|imperial\s+)?", sentence[mention.end:])
        if of_a:
            found = match_unit_after(sentence, mention.end + of_a.end())
            if found and found.unit.dimension not in ("percent", "currency"):
                return found.unit, found.end
    acronym = _ACRONYM_UNIT.match(sentence, mention.end)
    if acronym and re.search(r"\.\d", sentence[mention.start:mention.end]):
        # "0.5 WAR", "3.2 GPA": a decimal is a measure, never a model number, so the
        # capitalised abbreviation after it is its unit.
        return Unit(acronym.group(1), "other"), acronym.end()
    return None, mention.end


_ACRONYM_UNIT = re.compile(r"\s([A-Z]{2,5})(?![\w-])")


def _with_rate(sentence: str, unit: Unit, end: int) -> tuple[Unit, int]:
    """'$60 a barrel' -> USD/barrel; '$3500 a month' -> USD/month."""
    per = match_per(sentence, end)
    if not per:
        return unit, end
    what, per_end = per
    pint_expr = f"({unit.pint_expr}) / {what.replace(' ', '_')}" if unit.pint_expr else ""
    if unit.dimension == "length" and what == "hour":
        return unit, end  # "miles per hour" is matched whole by the lexicon already
    return Unit(f"{unit.name}/{what}", unit.dimension, pint_expr), per_end


def extract_document(document: Document, *, approx_tolerance: float = 0.1) -> list[Figure]:
    """All figures in one document, in text order."""
    text = document.text
    memory = SourceMemory()
    figures: list[Figure] = []
    for sentence_start, sentence_end in split_sentences(text):
        sentence = text[sentence_start:sentence_end]
        has_number = _MAY_HOLD_NUMBER.search(sentence) is not None
        if not has_number:
            # Attribution memory still needs sentences without numbers ("Ushakov said ...").
            if "said" in sentence or "report" in sentence or "according" in sentence or "wrote" in sentence \
                    or "posted" in sentence or "told" in sentence:
                if attribute(sentence, memory) is None:
                    note_people(sentence, memory)
            else:
                note_people(sentence, memory)
            continue
        attribution = attribute(sentence, memory)
        if attribution is None:
            note_people(sentence, memory)
        sentence_figures = _sentence_figures(sentence, approx_tolerance)
        previous_count_noun = previous_count_unit = ""
        for fig in sentence_figures:
            if fig.dimension == "count":
                if fig.unit:
                    previous_count_noun, previous_count_unit = fig.counted or fig.entity, fig.unit
                elif previous_count_noun and fig.value.is_integer():
                    # "killed two people and injured 12": the second count shares the noun.
                    fig.entity = fig.counted = previous_count_noun
                    fig.unit = fig.norm_unit = previous_count_unit
            if fig.entity.lower().startswith(("its ", "their ", "his ", "her ")):
                fig.entity = resolve_possessive(sentence, fig.entity, max(0, sentence.find(fig.entity)))
            fig.start += sentence_start
            fig.end += sentence_start
            fig.sentence_start, fig.sentence_end = sentence_start, sentence_end
            if attribution:
                fig.source, fig.source_cue = attribution.source, attribution.cue
            figures.append(fig)
    return figures


def _sentence_figures(sentence: str, approx_tolerance: float) -> list[Figure]:
    figures: list[Figure] = []
    counted_until = -1
    for mention in find_numbers(sentence):
        if mention.start < counted_until:
            continue  # "two new 737 Max jets": the model number is part of what is counted
        figure = _figure_from_mention(sentence, mention, approx_tolerance)
        if figure is not None:
            figures.append(figure)
            counted_until = figure.counted_end
    for start, end, change, way in multiplier_changes(sentence):
        if any(f.start <= start < f.end for f in figures):
            continue
        phrase = object_phrase_after(sentence, end) or measured_phrase(sentence, start, end)
        figures.append(Figure(start, end, abs(change), abs(change), abs(change), "exact", way, "%", "percent",
                              abs(change), "%", phrase.text if phrase else "", "", "", 0, 0))
    figures.sort(key=lambda f: f.start)
    figures = _join_ranges(sentence, figures)
    _share_entity_with_conversions(sentence, figures)
    _share_gapped_direction(sentence, figures)
    _share_entity_with_gapped_clauses(sentence, figures)
    return figures


_GAP_WORDS = {"and", "or", "then", "while"}


def _share_entity_with_gapped_clauses(sentence: str, figures: list[Figure]) -> None:
    """'Homes from $750,000 to $1m stay 70 days; $1m to $2m, 99 days': a clause after a semicolon
    made of figures alone leaves out its words, so each figure is about what the figure in the
    same place of the first clause is about."""
    bounds = [-1] + [m.start() for m in re.finditer(";", sentence)] + [len(sentence)]
    if len(bounds) < 3:
        return
    clauses = [[f for f in figures if bounds[i] < f.start < bounds[i + 1]] for i in range(len(bounds) - 1)]
    model = clauses[0]
    if not model or not all(f.entity for f in model):
        return
    for (left, right), members in zip(zip(bounds[1:], bounds[2:]), clauses[1:]):
        rest = sentence[left + 1:right]
        for figure in reversed(members):
            rest = rest[:figure.start - left - 1] + " " + rest[figure.end - left - 1:]
        words = re.findall(r"[A-Za-z]+", rest)
        if not members or len(members) > len(model) or any(w.lower() not in _GAP_WORDS for w in words):
            continue
        for figure, parallel in zip(members, model):
            if figure.dimension == parallel.dimension:
                figure.entity = parallel.entity


_GAPPED_BY = re.compile(r"(?:,|\band\b|;)\s*(?P<subject>[^,;:()]{1,40}?)\s+by\s+$", re.IGNORECASE)


def is_verb_form(word: str) -> bool:
    """A word that can only be a verb or auxiliary here ('was', 'rose', 'fell')."""
    lower = word.lower()
    if lower in {"is", "are", "was", "were", "has", "had", "have", "be", "been", "did", "do", "does"}:
        return True
    tags = pos_tags(word)
    return "VERB" in tags and not tags & {"NOUN", "PROPN", "ADJ"}


def _share_gapped_direction(sentence: str, figures: list[Figure]) -> None:
    """'Acme was down 2.3%, Beta by 2.6%': the second clause leaves out its verb, so its figure
    shares the change of the one before."""
    for previous, figure in zip(figures, figures[1:]):
        if figure.direction or not previous.direction or figure.dimension != previous.dimension:
            continue
        m = _GAPPED_BY.search(sentence[previous.end:figure.start])
        if m is None:
            continue
        words = re.findall(r"[A-Za-z][\w'’&.-]*", m.group("subject"))
        if words and not any(is_verb_form(w) for w in words):
            figure.direction = previous.direction


_CONVERSION_GAP = re.compile(r"\s*\(\s*|\s*/\s*|\s*,\s*")


def _share_entity_with_conversions(sentence: str, figures: list[Figure]) -> None:
    """'a fine of A$10.5m ($7.5m)', '296 hp (224 kW / 300 PS)': a figure in brackets right after
    another restates it in other units, so it measures the same thing."""
    inside = False
    for previous, figure in zip(figures, figures[1:]):
        gap = sentence[previous.end:figure.start]
        opens = gap.strip() == "("
        inside = opens or (inside and gap.strip() in {"/", ","} and ")" not in gap)
        if inside and figure.dimension != "count" and previous.dimension != "count":
            figure.entity = previous.entity or figure.entity
            # The restatement carries the original's change and bound: "fell 5 miles (8 km)",
            # "just under 296 hp (224 kW)".
            figure.direction = figure.direction or previous.direction
            if figure.qualifier == "exact" and previous.qualifier in ("lower", "upper"):
                figure.qualifier = previous.qualifier
                figure.low, figure.high = (figure.value, math.inf) if previous.qualifier == "lower" \
                    else (0.0 if figure.value >= 0 else -math.inf, figure.value)


_RANGE_GAP = re.compile(r"\s*(?:-|–|—|to|and)\s*-?\s*")
def _join_ranges(sentence: str, figures: list[Figure]) -> list[Figure]:
    """'between 5% and 6%', '$3 billion to $5 billion', '25 – 40min': one figure, a range.

    'rose from $639m to $1.13bn' stays two figures: a before and an after, not an interval.
    """
    joined: list[Figure] = []
    index = 0
    while index < len(figures):
        first = figures[index]
        second = figures[index + 1] if index + 1 < len(figures) else None
        if second is not None and first.qualifier in ("exact", "approx") and second.qualifier == "exact" \
                and not first.direction and not second.direction:
            gap = sentence[first.end:second.start]
            before = sentence[:first.start]
            between = re.search(r"\bbetween\s+$", before, re.IGNORECASE)
            gap_ok = _RANGE_GAP.fullmatch(gap) and ("and" not in gap or between)
            same_unit = first.unit == second.unit or (not first.unit and second.dimension != "count") \
                or (first.dimension == second.dimension == "count" and not first.unit)
            ascending = first.value < second.value or (between and first.value != second.value)
            change = CHANGE_FROM.search(before[-80:])
            if gap_ok and same_unit and ascending and not change:
                low, high = sorted((first.value, second.value))
                merged = Figure(
                    start=(between.start() if between else first.start), end=second.end,
                    value=(low + high) / 2, low=low, high=high, qualifier="range", direction="",
                    unit=second.unit, dimension=second.dimension, norm_value=0.0, norm_unit=second.norm_unit,
                    entity=first.entity or second.entity, source="", source_cue="", sentence_start=0,
                    sentence_end=0,
                )
                ratio = second.norm_value / second.value if second.value else 1.0
                merged.norm_value = merged.value * ratio
                joined.append(merged)
                index += 2
                continue
        joined.append(first)
        index += 1
    return joined


def _figure_from_mention(sentence: str, mention: NumberMention, approx_tolerance: float) -> Figure | None:
    unit, unit_end = _unit_for(sentence, mention)
    start, end, value, low, high = mention.start, mention.end, mention.value, mention.low, mention.high
    entity_phrase = None
    dimension = ""
    unit_name = ""
    after_number = sentence[mention.end:mention.end + 20]
    if unit is None:
        duration = _DURATION_ADJ.match(after_number)
        age = _AGE.match(after_number) if not mention.currency else None
        if duration and not mention.is_range or (age and after_number.startswith(("-year", " year", " years", "-years"))):
            unit_word = duration.group("unit").lower() if duration else "year"
            unit = Unit(unit_word, "duration", unit_word)
            unit_end = mention.end + (duration.end() if duration else age.end())
            if age:
                unit = Unit("year of age", "age", "year")
    counted = None
    if unit is None:
        counted = counted_noun_after(sentence, mention.end, value)
    reason = rejection_reason(
        sentence, mention.start, mention.end, value, has_unit=unit is not None,
        has_currency=bool(mention.currency), written_in_words=mention.written_in_words,
        counted_noun=counted is not None, is_range=mention.is_range,
    )
    if reason:
        return None
    # Qualifier words ("close to", "in the region of") are never what a figure measures.
    qualified = qualify(sentence, mention.start, mention.end, value, low, high, mention.is_range, approx_tolerance)
    phrase_start = min(mention.start, qualified.cue_start)
    if unit is not None:
        if unit.dimension in {"currency", "percent"} or unit.pint_expr:
            unit, unit_end = _with_rate(sentence, unit, unit_end)
        unit_name, dimension = unit.name, unit.dimension
        entity_phrase = measured_phrase(sentence, phrase_start, unit_end)
        end = max(end, unit_end)
    elif counted is not None:
        dimension = "count"
        unit_name = counted.head
        entity_phrase = counted
        end = mention.end
    else:
        dimension = "count"
        if mention.written_in_words and value < 1:
            dimension, unit_name = "ratio", ""
        entity_phrase = measured_phrase(sentence, phrase_start, mention.end)
    span_start = min(start, qualified.cue_start) if qualified.qualifier != "exact" else start
    way = direction(sentence, mention.start, mention.end, unit_end)
    if mention.vague:
        # "hundreds of families": an order of magnitude, reported as the interval it implies; its
        # value is empty, so that a spreadsheet summing the column never adds a made-up midpoint.
        value = math.nan
        qualified = type(qualified)("range", low, high, qualified.cue_start)
    unit_for_norm = unit if unit is not None else Unit(unit_name, dimension)
    norm_value, norm_unit = normalise(value, unit_for_norm) if unit is not None else (value, unit_name)
    entity = entity_phrase.text if entity_phrase is not None else ""
    if counted is not None and dimension == "count":
        entity = count_entity(sentence, span_start, counted)
    elif dimension not in ("duration", "age", "ratio"):
        entity = measure_entity(sentence, span_start, unit_end, entity_phrase)
    elif dimension == "age":
        modified = attributive_noun_after(sentence, span_start, unit_end, glued=True)  # "a 50-year-old man"
        entity = modified.text if modified is not None else entity
    return Figure(
        start=span_start, end=max(end, mention.end), value=value, low=qualified.low, high=qualified.high,
        qualifier=qualified.qualifier, direction=way, unit=unit_name, dimension=dimension,
        norm_value=norm_value, norm_unit=norm_unit, entity=entity, source="", source_cue="",
        sentence_start=0, sentence_end=0, counted=counted.text if counted is not None else "",
        counted_end=counted.end if counted is not None and not _WORDS_NUMBER.search(
            sentence[mention.end:counted.start]) else 0,
    )


def figure_rows(document: Document, *, approx_tolerance: float = 0.1) -> list[dict]:
    """Schema rows for one document: the per-document unit of work for every engine."""
    rows = []
    for index, fig in enumerate(extract_document(document, approx_tolerance=approx_tolerance)):
        rows.append({
            "doc_id": document.doc_id,
            "figure_id": f"{document.doc_id}-{index:04d}",
            "start": fig.start,
            "end": fig.end,
            "surface": document.text[fig.start:fig.end],
            "sentence": document.text[fig.sentence_start:fig.sentence_end],
            "value": fig.value,
            "low": fig.low,
            "high": fig.high,
            "qualifier": fig.qualifier,
            "direction": fig.direction,
            "unit": fig.unit,
            "dimension": fig.dimension,
            "norm_value": fig.norm_value,
            "norm_unit": fig.norm_unit,
            "entity": fig.entity,
            "source": fig.source,
            "source_cue": fig.source_cue,
            "doc_title": document.title,
            "doc_outlet": document.outlet,
            "doc_date": document.date,
            "doc_url": document.url,
        })
    return rows


def figures_frame(documents: Iterable[Document], *, approx_tolerance: float = 0.1) -> pd.DataFrame:
    rows: list[dict] = []
    for document in documents:
        rows.extend(figure_rows(document, approx_tolerance=approx_tolerance))
    if not rows:
        return empty_frame()
    return pd.DataFrame(rows, columns=COLUMNS).astype(
        {"start": "int64", "end": "int64", "value": "float64", "low": "float64", "high": "float64",
         "norm_value": "float64"}
    )


def figures(source: str | Document | Iterable[Document], *, approx_tolerance: float = 0.1) -> pd.DataFrame:
    """The figures table for a text, a document or several documents.

    >>> figures("Sales jumped 76% to $1.13bn.")[["surface", "value", "unit", "direction"]].values.tolist()
    [['76%', 76.0, '%', 'up'], ['$1.13bn', 1130000000.0, 'USD', '']]
    """
    if isinstance(source, str):
        documents: Iterable[Document] = [document_from_text(source)]
    elif isinstance(source, Document):
        documents = [source]
    else:
        documents = source
    return figures_frame(documents, approx_tolerance=approx_tolerance)

