"""The extraction engine: every statistical figure in a document, one row each."""

from __future__ import annotations

import bisect
import functools
import math
import re
import time
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd
from lemminflect import getInflection, getLemma
from spacy.tokens import Doc

from extract.documents.loaders import Document, document_from_text
from extract.engine.attribution import (
    Attribution,
    SourceMemory,
    may_attribute,
    may_continue,
    needs_entities,
    note_defined_acronyms,
    note_full_names,
    read_sentence,
)
from extract.engine.clause_subject import attributive_noun_after, count_entity, read_measure_entity
from extract.engine.coordinated_figures import share_coordinated_entities
from extract.engine.lexicon import (
    CHANGE_VERBS,
    DURATION_UNIT_WORDS,
    DURATION_UNITS,
    HONORIFICS,
    MULTIPLE_ADVERBS,
    NUMBER_FRAMES,
    OBJECT_CHANGE_VERBS,
    ORGANISATION_NOUNS,
    QUALIFIER_WORDS,
    SOURCE_COLLECTIVES,
    SOURCE_NOUNS,
    SOURCE_ROLES,
    STOP_WORDS,
    TRANSACTION_NOUNS,
    VAGUE_PLURALS,
    phrase_alternation,
    word_forms,
)
from extract.engine.measured_entity import (
    counted_noun_after,
    measured_phrase,
    object_phrase_after,
    parsed_measure_entity,
    parsed_partitive_entity,
    pos_tags,
    resolve_possessive,
)
from extract.engine.non_figures import MODIFIERS_BEFORE_NEXT_COUNT, parsed_rejection, rejection_reason
from extract.engine.numbers import ONE_UNIT_LONG, SMALL_NUMBER_WORDS, NumberMention, find_numbers
from extract.engine.parse import WORD_CACHE_SIZE, add_entities, parse_selected, upos
from extract.engine.qualifiers import (
    APPROXIMATE_TAIL,
    CHANGE_FROM,
    MULTIPLIER_CHANGE,
    Qualified,
    direction,
    multiplier_changes,
    qualify,
)
from extract.engine.sentences import split_sentences
from extract.engine.table_schema import COLUMNS, empty_frame
from extract.engine.units import Unit, currency_unit, match_per, match_unit_after, normalise

# A sentence can hold a figure only if it has a digit or a number word; most sentences do not,
# and skipping them is most of the speed-up over running quantulum3 on whole articles. ("doubles"
# and "halves" alone do not count: they are nouns as often as verbs, "play doubles".)
_NUMBER_WORDS = frozenset(SMALL_NUMBER_WORDS) | frozenset(VAGUE_PLURALS) | frozenset({
    "hundred", "thousand", "million", "billion", "trillion", "dozen", "half", "third", "quarter",
}) | frozenset(word for word in MULTIPLIER_CHANGE if not word.endswith("s")) \
    | frozenset(MULTIPLE_ADVERBS) | frozenset(word + "fold" for word in (*SMALL_NUMBER_WORDS, "hundred", "thousand"))
_VAGUE_PLURAL_WORDS = tuple(VAGUE_PLURALS)
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"\w+")


def _may_hold_number(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] has a digit, a number word or an article that stands for one ("less
    than an hour", "lasted a year", "a day or so"): a set lookup of its words, several times as fast as one regular
    expression of every number word."""
    if _DIGIT.search(text, start, end):
        return True
    sentence = text[start:end]
    return not _NUMBER_WORDS.isdisjoint(_WORD.findall(sentence.lower())) or bool(_bounded_articles(sentence)) \
        or "-long" in sentence and ONE_UNIT_LONG.search(sentence) is not None \
        or " or so" in sentence and _ROUGHLY_ONE.search(sentence) is not None


_WORDS_NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\b", re.IGNORECASE)
_AGE = re.compile(r"^[\s-]*(?:years?|yrs?)[\s-]*old\b|^-year-old\b|^,\s*$", re.IGNORECASE)
_DURATION_ADJ = re.compile(r"^-(?P<unit>" + "|".join(DURATION_UNITS) + r")(?![\w-])", re.IGNORECASE)


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
    entity_local: bool = True  # the entity came from the figure's own phrase, not only its clause


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
    if mention.unit == "second":
        return Unit("second", "duration", "second"), mention.end  # "2:17:18"
    if mention.unit == "inch":
        return Unit("inch", "length", "inch"), mention.end  # "6ft 2in"
    if mention.unit == "time":
        return Unit("time", "count"), mention.end  # "twice", "tenfold": counted as "five times" is
    if mention.unit:
        return Unit(mention.unit, "duration", mention.unit), mention.end  # "a week-long visit"
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
    unbroken = _UNBROKEN_RUN.match(sentence, mention.end)
    if unbroken:
        # "three consecutive weeks", "ten working days": a run of time, as long as "three weeks".
        found = match_unit_after(sentence, unbroken.end())
        if found and found.unit.dimension == "duration":
            return found.unit, found.end
    acronym = _ACRONYM_UNIT.match(sentence, mention.end)
    if acronym and re.search(r"\.\d", sentence[mention.start:mention.end]) and not mention.scaled:
        # "0.5 WAR", "3.2 GPA": a decimal is a measure, never a model number, so the
        # capitalised abbreviation after it is its unit.
        return Unit(acronym.group(1), "other"), acronym.end()
    return None, mention.end


_UNBROKEN_RUN = re.compile(r"\s+(?:consecutive|straight|successive|full|whole|[a-z]+ing)(?=\s)", re.IGNORECASE)
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


_DATE_LINE = re.compile(r"\s*date\s+\d{4}-\d{2}-\d{2}\s+")


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Sentence spans, with a leading `date YYYY-MM-DD` line (document metadata) left out."""
    bounds = split_sentences(text)
    if bounds:
        header = _DATE_LINE.match(text, bounds[0][0])
        if header is not None and header.end() < bounds[0][1]:
            bounds[0] = (header.end(), bounds[0][1])
    return bounds


# How much of one document the parse reads: the characters of the sentences it is given. The
# parse (spaCy) is most of the cost of an article, so a document of a megabyte would take it ten
# seconds; past this budget its sentences are read by the shallow rules alone, which find the same
# figures, values, units, qualifiers and changes, but read what is measured and who says so less
# surely. No article of the BBC corpus (2,225 of them) needs more than 4,285 characters parsed, a
# typical one about 400: every ordinary article is parsed whole.
PARSE_BUDGET_CHARS = 10_000


class TimeBudgetExceeded(Exception):
    """Extraction ran past its deadline. It is checked between sentences and between batches of
    the parse, so it ends an extraction in any thread (a Dask worker runs tasks in threads, where
    no alarm signal reaches)."""


def _check(deadline: float | None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise TimeBudgetExceeded


@dataclass(frozen=True)
class ParseBudgetReached:
    """A document longer than the parse budget: where the shallow rules took over."""

    doc_id: str
    budget: int  # characters
    from_char: int  # where the first sentence that needed the parse and did not get it starts
    sentences: int  # sentences that needed the parse and did not get it
    figures: int  # figures in those sentences

    def reading(self) -> str:
        """What happened, in words (without the document's name)."""
        return (f"longer than the parse budget ({self.budget:,} characters parsed): from character "
                f"{self.from_char:,} on, {self.figures:,} figures in {self.sentences:,} sentences were read "
                "without the parse (what is measured and who says so are less sure there)")

    def __str__(self) -> str:
        return f"{self.doc_id}: {self.reading()}"


class FigureRows(list[dict]):
    """The schema rows of one document (a list, as before), and `parse_budget`: where the parse
    stopped when the document was over the parse budget, else None."""

    parse_budget: ParseBudgetReached | None = None


class ParseBudgetWarning(UserWarning):
    """figures() read part of a document without the parse (see PARSE_BUDGET_CHARS)."""


@dataclass
class _Reading:
    """One document between the shallow pass and the parse: its sentences, their figures, and
    which sentences the parse (and the entity recogniser) must read."""

    text: str
    bounds: list[tuple[int, int]]
    candidates: list[list[Figure]]
    cues: list[bool]
    needed: list[bool]
    with_entities: list[bool]
    over_budget: ParseBudgetReached | None = None


def _shallow_reading(document: Document, approx_tolerance: float, parse_budget: int | None,
                     deadline: float | None) -> _Reading:
    text = document.text
    bounds = _sentence_bounds(text)
    candidates: list[list[Figure]] = []
    for start, end in bounds:
        _check(deadline)
        candidates.append(_sentence_figures(text[start:end], approx_tolerance)
                          if _may_hold_number(text, start, end) else [])
    # The parse is most of the cost, so a sentence is parsed only when something needs it: a cue
    # that may name a source (with named entities), or figures whose reading the parse settles.
    cues = [may_attribute(text[start:end]) for start, end in bounds]
    with_entities = [cue and bool(found) for cue, found in zip(cues, candidates, strict=True)]
    needed = [bool(found) and (cue or _parse_settles(found) or _STRETCH_OF_TIME.search(text, start, end) is not None)
              for cue, found, (start, end) in zip(cues, candidates, bounds, strict=True)]
    for index in range(1, len(bounds)):  # "That took the total to ...": may go on with the sentence before
        # (The cue pre-check is loose, so a sentence that may have a cue may still have none.)
        if candidates[index] and cues[index - 1] and may_continue(text[slice(*bounds[index])]):
            needed[index] = needed[index - 1] = with_entities[index - 1] = True
    _add_memory_sentences(text, bounds, cues, needed, with_entities, [bool(found) for found in candidates])
    reading = _Reading(text, bounds, candidates, cues, needed, with_entities)
    if parse_budget is not None:
        reading.over_budget = _keep_to_budget(document.doc_id, reading, parse_budget)
    return reading


def _keep_to_budget(doc_id: str, reading: _Reading, budget: int) -> ParseBudgetReached | None:
    """Leave unparsed the sentences past the first `budget` characters the parse would read."""
    spent = 0
    for index, (start, end) in enumerate(reading.bounds):
        if not reading.needed[index]:
            continue
        if spent + end - start > budget:
            left = [i for i in range(index, len(reading.bounds)) if reading.needed[i]]
            for i in left:
                reading.needed[i] = reading.with_entities[i] = False
            return ParseBudgetReached(doc_id, budget, start, len(left),
                                      sum(len(reading.candidates[i]) for i in left))
        spent += end - start
    return None


def _extract(documents: Sequence[Document], approx_tolerance: float, parse_budget: int | None,
             deadline: float | None) -> list[tuple[list[Figure], ParseBudgetReached | None]]:
    readings = [_shallow_reading(document, approx_tolerance, parse_budget, deadline) for document in documents]
    sentences = [r.text[start:end] for r in readings for start, end in r.bounds]
    parsed_all = parse_selected(sentences, [need for r in readings for need in r.needed],
                                check=lambda: _check(deadline))
    parsed_by_reading: list[list[Doc | None]] = []
    offset = 0
    for reading in readings:
        parsed_by_reading.append(parsed_all[offset:offset + len(reading.bounds)])
        offset += len(reading.bounds)
    # Entities where a source may be named, in the sentences read only for the memory, and where
    # a duration or age may be a period or a person (DATE).
    add_entities([doc for reading, parsed in zip(readings, parsed_by_reading, strict=True)
                  for doc, want, cue, found in zip(parsed, reading.with_entities, reading.cues, reading.candidates,
                                                   strict=True)
                  if doc is not None and (want and (not cue or needs_entities(doc)) or _may_be_period(found))],
                 check=lambda: _check(deadline))
    return [(_deep_reading(reading, parsed, deadline), reading.over_budget)
            for reading, parsed in zip(readings, parsed_by_reading, strict=True)]


def extract_documents(documents: Sequence[Document], *, approx_tolerance: float = 0.1,
                      parse_budget: int | None = PARSE_BUDGET_CHARS,
                      deadline: float | None = None) -> list[list[Figure]]:
    """All figures of each document, in text order. The sentences of all the documents that need
    the parse are parsed in one batch, which costs less than one batch per document.

    `parse_budget`: characters of each document the parse reads (None: no limit); `deadline`: a
    time.monotonic() after which TimeBudgetExceeded is raised (None: no limit)."""
    return [found for found, _ in _extract(documents, approx_tolerance, parse_budget, deadline)]


def extract_document(document: Document, *, approx_tolerance: float = 0.1,
                     parse_budget: int | None = PARSE_BUDGET_CHARS) -> list[Figure]:
    """All figures in one document, in text order."""
    return extract_documents([document], approx_tolerance=approx_tolerance, parse_budget=parse_budget)[0]


def _deep_reading(reading: _Reading, parsed: list[Doc | None], deadline: float | None) -> list[Figure]:
    text, bounds, candidates = reading.text, reading.bounds, reading.candidates
    for found, doc in zip(candidates, parsed, strict=True):
        if doc is not None and found:
            found[:] = _refine_with_parse(doc, found)
    memory = SourceMemory()
    note_defined_acronyms(text, memory)
    note_full_names(text, memory)
    figures: list[Figure] = []
    attributions: list[Attribution | None] = []
    for (sentence_start, sentence_end), sentence_figures, doc in zip(bounds, candidates, parsed, strict=True):
        _check(deadline)
        sentence = text[sentence_start:sentence_end]
        same_paragraph = bool(attributions) and "\n" not in text[bounds[len(attributions) - 1][1]:sentence_start]
        previous = attributions[-1] if same_paragraph else None
        sources = read_sentence(doc, memory, previous) if doc is not None else None
        attributions.append(sources.main if sources is not None else None)
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
                # The owner is named before the figure ("Half their income": not "Half's").
                fig.entity = resolve_possessive(sentence, fig.entity,
                                                max(0, min(sentence.find(fig.entity), fig.start)))
            fig.start += sentence_start
            fig.end += sentence_start
            fig.sentence_start, fig.sentence_end = sentence_start, sentence_end
            attribution = sources.for_span(fig.start - sentence_start, fig.end - sentence_start) if sources else None
            if attribution:
                fig.source, fig.source_cue = attribution.source, attribution.cue
            figures.append(fig)
    _attribute_quotations(text, bounds, attributions, figures)
    for fig in figures:
        fig.source = memory.canonical(fig.source) if fig.source else ""
    return figures


_QUOTE_MARK = re.compile(r"[“”\"]")
_RUN_ON_GAP = 60  # characters between two quotations ('," she said. "') for the second to go on the first
_LONGEST_QUOTATION = 2000  # characters; a longer stretch between marks is a stray mark, not a quotation


def _quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation: “...” or "...", paired left to right in one pass. A straight
    mark after a space opens and one before a space closes, so a quotation carried on into a new
    paragraph with a fresh opening mark (news style) does not pair with the next one's opening."""
    found: list[tuple[int, int]] = []
    opened: int | None = None
    last_open = 0
    for mark in _QUOTE_MARK.finditer(text):
        at = mark.start()
        if _opens(text, at):
            # An unclosed mark: start again from this one, unless it opens the sentence right after
            # the open one ends ('"We lost 300 jobs. "We hope ...," she said.': one quotation).
            if opened is None or _CARRIED_ON.fullmatch(text, last_open, at) is None:
                opened = at
            last_open = at
        elif opened is not None:
            if 0 < at - opened <= _LONGEST_QUOTATION:
                found.append((opened, at + 1))
            opened = None
    return found


# An open quotation that runs to the end of its sentence and on into the next one.
_CARRIED_ON = re.compile(r"[“\"][^“”\"\n]*[.!?]\s+")


def _opens(text: str, at: int) -> bool:
    char = text[at]
    if char != '"':
        return char == "“"
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-") and not after.isspace()


def _attribute_quotations(text: str, bounds: list[tuple[int, int]], attributions: list[Attribution | None],
                          figures: list[Figure]) -> None:
    """A figure inside a quotation is the speaker's: the source of the sentence that closes the
    quotation ("... 300 jobs. Sales fell 5%," Mr Smith said), or of the one that opens it."""
    starts = [f.start for f in figures]  # figures are in text order
    previous: tuple[int, Attribution | None] = (-_RUN_ON_GAP - 1, None)
    for quote_start, quote_end in _quotations(text):
        first = bisect.bisect_left(starts, quote_start)
        inside = [f for f in figures[first:bisect.bisect_left(starts, quote_end)] if f.end <= quote_end]
        speaker = _attribution_at(bounds, attributions, quote_end - 1) \
            or _attribution_at(bounds, attributions, quote_start)
        if speaker is None and quote_start - previous[0] <= _RUN_ON_GAP:
            speaker = previous[1]  # '"...," she said. "More of it."': the same speaker goes on
        previous = (quote_end, speaker)
        if speaker is None or not inside:
            continue
        for fig in inside:
            if not fig.source:
                fig.source, fig.source_cue = speaker.source, speaker.cue


def _attribution_at(bounds: list[tuple[int, int]], attributions: list[Attribution | None],
                    position: int) -> Attribution | None:
    index = _sentence_at(bounds, position)
    return attributions[index] if index is not None else None


def _sentence_at(bounds: list[tuple[int, int]], position: int) -> int | None:
    """Index of the sentence that holds `position` (sentences are in text order)."""
    index = bisect.bisect_right(bounds, (position, float("inf"))) - 1
    if index >= 0 and bounds[index][0] <= position < bounds[index][1]:
        return index
    return None


_BACK_REFERENCE = re.compile(
    r"\b(?:he|she|it|they|him|her|them)\b|\b(?:the|this|these|that)\s+(?:[A-Z][\w-]*\s+){0,2}(?:"
    + "|".join(sorted(SOURCE_NOUNS | SOURCE_ROLES - SOURCE_COLLECTIVES))
    + r")s?\b", re.IGNORECASE)  # "the Finance Minister"
_MEMORY_REACH = 3  # sentences looked back for what a pronoun or "the report" refers to
_ORGANISATION_BACK_REFERENCE = re.compile(
    r"\b(?:the|this)\s+(?:[a-z-]+\s+){0,2}(?:" + "|".join(sorted(ORGANISATION_NOUNS)) + r")\b", re.IGNORECASE)


def _add_memory_sentences(text: str, bounds: list[tuple[int, int]], cues: list[bool], needed: list[bool],
                          with_entities: list[bool], has_figures: list[bool]) -> None:
    """Sentences without figures are parsed only to feed the memory: those before a figure
    sentence whose cue may refer back ("it said", "the report found"), and those that close or
    open a quotation holding a figure (whose speaker they name)."""
    # Quotations first: a sentence that opens one ("He said: ...") may itself refer back.
    previous_end = -_RUN_ON_GAP - 1
    previous_ends: list[int] = []
    for quote_start, quote_end in _quotations(text):
        ends = [i for i in (_sentence_at(bounds, quote_start), _sentence_at(bounds, quote_end - 1)) if i is not None]
        if ends and any(has_figures[i] for i in range(ends[0], ends[-1] + 1)):  # a quotation is short
            # A quotation without a cue of its own may go on the one just before it.
            run_on = previous_ends if quote_start - previous_end <= _RUN_ON_GAP else []
            for i in ends + run_on:
                if cues[i]:
                    needed[i] = with_entities[i] = True
        previous_end, previous_ends = quote_end, ends
    for index in range(len(bounds)):
        if not (needed[index] and with_entities[index]):
            continue
        start, end = bounds[index]
        if _BACK_REFERENCE.search(text, start, end) is None:
            continue
        named = False
        for previous in range(index - 1, max(-1, index - 1 - _MEMORY_REACH), -1):
            if needed[previous] and with_entities[previous]:
                named = True
                break
            if cues[previous] or _names_a_pair(text, *bounds[previous]):
                needed[previous] = with_entities[previous] = named = True
        if not named and index > _MEMORY_REACH and _ORGANISATION_BACK_REFERENCE.search(text, start, end):
            # "the airline says" long after the airline was named: the nearest earlier sentence
            # that names something, however far back.
            for previous in range(index - 1 - _MEMORY_REACH, -1, -1):
                if needed[previous] and with_entities[previous]:
                    break
                if _names_a_pair(text, *bounds[previous]):
                    needed[previous] = with_entities[previous] = True
                    break


# Two capitalised words in a row: a sentence that may name a person for a later "he said".
_NAME_PAIR = re.compile(r"\b([A-Z][a-z]+)\s+[A-Z][a-z]+")


def _names_a_pair(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] has two capitalised words in a row that may be a name: at the
    sentence's start only when the first is not a function word ("Mary Jones is ..." but not
    "The Treasury ...", "In March ...")."""
    for m in _NAME_PAIR.finditer(text, start, end):
        if text[start:m.start()].strip() or m.group(1).lower() not in STOP_WORDS or m.group(1) in HONORIFICS:
            return True  # ... or a title before a surname: "Mr Cable compared ..."
    return False


# A number of units of time, which the shallow reading may have set aside as a period ("for the
# three months to December"): the parse still reads its sentence, whose other figures' entities
# it settles as it did when the period was among them.
_STRETCH_OF_TIME = re.compile(
    r"(?:\d|\b(?:" + "|".join(SMALL_NUMBER_WORDS) + r"))[\s-]*(?:" + DURATION_UNIT_WORDS + r"|mins?)\b",
    re.IGNORECASE)


def _may_be_period(figures: list[Figure]) -> bool:
    return any(figure.dimension in ("duration", "age") for figure in figures)


def _parse_settles(figures: list[Figure]) -> bool:
    """Whether the parse may change a sentence's figures: a duration or age that may be a period
    or a person, a count that names nothing it counts (the parse may find its set: "two of the
    most popular games"), or a measure whose shallow entity is not plainly a noun phrase."""
    for figure in figures:
        if figure.dimension in ("duration", "age") or figure.dimension == "count" and not figure.entity:
            return True
        if figure.dimension not in ("count", "ratio") and not _plainly_a_phrase(figure.entity):
            return True
    return False


def _plainly_a_phrase(entity: str) -> bool:
    words = entity.split()
    if not words or len(words) > _LONGEST_ENTITY:
        return False
    last = words[-1]
    tags = pos_tags(last)
    if not tags & {"NOUN", "PROPN"} or not last.isalpha() or last.lower() in NUMBER_FRAMES:
        return False
    # "scaled back", "set in May": an adverb or a verb's past form is settled by the parse.
    return "ADV" not in tags and not ("VERB" in tags and last.lower() in _past_forms(last.lower()))


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def _past_forms(word: str) -> frozenset[str]:
    lemmas = getLemma(word, upos="VERB")
    forms: set[str] = set()
    for lemma in lemmas:
        for tag in ("VBD", "VBN"):
            forms.update(getInflection(lemma, tag=tag) or ())
    return frozenset(forms)


def _refine_with_parse(doc: Doc, figures: list[Figure]) -> list[Figure]:
    kept = [f for f in figures if not parsed_rejection(
        doc, f.start, f.end, dimension=f.dimension, has_other_figure=len(figures) > 1, unit=f.unit)]
    _entities_from_parse(doc, kept)
    # A restatement in other units and a clause of figures alone follow what the parse settled.
    _share_entities(doc.text, kept)
    return kept


# "less than an hour", "more than a mile": after a bound, an article before a unit stands for one.
# ... and after a word of approximation ("around an hour") or a verb whose object is a stretch of
# time ("waited a year", "the meeting lasted an hour"): there "a" is one, and a measure follows.
_ARTICLE = re.compile(r"\b(?:an?)\s", re.IGNORECASE)
# What stands right before such an article (searched back from each "a"/"an", which is faster than
# one pattern over the sentence): a bound, a word of approximation, a verb of time spent.
_TIME_SPENT_FORMS = word_forms(frozenset({"last", "wait", "take", "spend"}))
_BEFORE_ARTICLE = re.compile(
    r"(?:\b(?P<bound>(?:less|more|fewer)\s+than)|\b(?P<approximate>" + phrase_alternation(QUALIFIER_WORDS)
    + r"|just\s+over|just\s+under|under)|\b(?P<spent>" + "|".join(sorted(_TIME_SPENT_FORMS)) + r"))\s+$",
    re.IGNORECASE)
# The last words those phrases can end with: a set lookup rules out most articles before the pattern.
_LAST_WORDS_BEFORE_ARTICLE = frozenset(
    [phrase.split()[-1] for phrase in QUALIFIER_WORDS] + ["than", "over", "under"]) | _TIME_SPENT_FORMS
_WORD_BEFORE = re.compile(r"(\w+)\s+$")


def _bounded_articles(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, what comes before) of each "a"/"an" that may stand for one."""
    found = []
    for m in _ARTICLE.finditer(sentence):
        word = _WORD_BEFORE.search(sentence, max(0, m.start() - 16), m.start())
        if word is None or word.group(1).lower() not in _LAST_WORDS_BEFORE_ARTICLE:
            continue
        before = _BEFORE_ARTICLE.search(sentence, max(0, m.start() - 24), m.start())
        if before is not None:
            found.append((m.start(), m.end() - 1, before.lastgroup or ""))
    return found


# "a day or so", "a week or two": an article before a unit, then a rough "or so" or "or two".
_ROUGHLY_ONE = re.compile(r"\b(an?)\s+(?:" + DURATION_UNIT_WORDS + r"|miles?)\s+or\s+(?:so|two)\b",
                          re.IGNORECASE)


_OR_TWO_TAIL = re.compile(r"\s+or\s+two\b", re.IGNORECASE)


def _articles_for_one(sentence: str) -> list[NumberMention]:
    mentions = []
    bounded = _bounded_articles(sentence)
    or_two = set()
    if " or " in sentence:
        rough = list(_ROUGHLY_ONE.finditer(sentence))
        # "a day or two" is one to two days, as "one or two days" is.
        or_two = {m.start(1) for m in rough if m.group(0).lower().endswith("two")}
        bounded += [(m.start(1), m.end(1), "approximate") for m in rough
                    if not any(start == m.start(1) for start, _, _ in bounded)]
    for start, end, before in bounded:
        found = match_unit_after(sentence, end)
        if found is None or found.unit.dimension in ("currency", "percent", "") \
                or re.match(r"\s+ago\b", sentence[found.end:]) \
                or before == "spent" and found.unit.dimension != "duration" \
                or before != "bound" and sentence[end:found.end].strip().lower() == "second":
            continue  # "talked about a second referendum", "took a second look": the ordinal
        high = 2.0 if start in or_two else 1.0
        mentions.append(NumberMention(start, end, (1.0 + high) / 2, 1.0, high, high > 1, "", True, False, False, 0))
    return mentions


def _sentence_figures(sentence: str, approx_tolerance: float) -> list[Figure]:
    figures: list[Figure] = []
    counted_until = -1
    for mention in sorted(find_numbers(sentence) + _articles_for_one(sentence), key=lambda m: m.start):
        if mention.start < counted_until:
            continue  # "two new 797 Zeta jets": the model number is part of what is counted
        figure = _figure_from_mention(sentence, mention, approx_tolerance)
        if figures and (figure is None or figure.dimension == "count" and not figure.unit):
            # A bare number right after a count may leave out that count's noun.
            figure = _gapped_count(sentence, mention, figures[-1]) or figure
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
    _share_later_nouns(sentence, figures)
    _share_entities(sentence, figures)
    _share_gapped_direction(sentence, figures)
    return figures


# "two male and three female judges": the modifiers between a bare count and the next count.
_MODIFIERS_AND = re.compile(MODIFIERS_BEFORE_NEXT_COUNT)


def _share_later_nouns(sentence: str, figures: list[Figure]) -> None:
    """A bare count followed by its own modifiers and another count takes that count's noun: "two
    male and three female judges" counts male judges and female judges."""
    for bare, counted in zip(figures, figures[1:], strict=False):
        if bare.dimension != "count" or bare.unit or counted.dimension != "count" or not counted.counted:
            continue
        between = _MODIFIERS_AND.fullmatch(sentence, bare.end, counted.start)
        if between is None:
            continue
        noun = counted.counted.split()[-1]
        bare.entity = bare.counted = f"{between.group(1).strip()} {noun}"
        bare.unit, bare.norm_unit = counted.unit, counted.norm_unit


# "Unison's 800,000 workers, the GMB's 70,000 and Amicus' 20,000": after a count, a bare number
# joined to it (with at most the name of whose) leaves out the same counted noun.
# ... also after the first count's own verb ("One man died and two were hurt").
_GAPPED_COUNT_GAP = re.compile(
    r"(?:\s+[a-z]+){0,3}?\s*(?:,|;|\band\b|\bor\b|\bwhile\b|\bagainst\b|\bversus\b)\s*(?:and\s+|or\s+)?"
    r"(?P<owner>(?:the\s+)?(?:[A-Z][\w&.'’-]*\s+(?:and\s+|&\s+|of\s+)?){0,6}[A-Z][\w&.-]*(?:['’]s?))?\s*$")
_GAPPED_COUNT_END = re.compile(
    r"\s*(?:$|[,;:.)]|(?:and|or|are|were|have|had|each|respectively|between|among|in|at|will|would|"
    r"could|can|may|might|must|should|also)\b)")  # a count of things takes "are", not "is"


def _gapped_count(sentence: str, mention: NumberMention, previous: Figure) -> Figure | None:
    """The count a bare number leaves out its noun for, after a count of that noun ("800,000
    workers, Amicus' 20,000"), or None."""
    surface = sentence[mention.start:mention.end]
    if previous.dimension != "count" or not previous.counted or not previous.unit or mention.currency \
            or mention.written_in_words and mention.value < 2 or not math.isfinite(mention.value) \
            or surface.startswith("0") or re.fullmatch(r"1[89]\d\d|20\d\d|21[0-4]\d", surface):
        return None  # a year or a number dialled is never a count that leaves out its noun
    gap = _GAPPED_COUNT_GAP.fullmatch(sentence, max(previous.end, previous.counted_end), mention.start)
    if gap is None or not _GAPPED_COUNT_END.match(sentence, mention.end):
        return None
    owner = re.sub(r"^the\s+", "", gap.group("owner") or "")
    counted = re.sub(r"^(?:[A-Z][\w&.'’-]*\s+)*[A-Z][\w&.-]*['’]s?\s+", "", previous.counted)
    entity = f"{owner} {counted}" if owner else previous.counted
    value = mention.value
    return Figure(mention.start, mention.end, value, mention.low, mention.high, "exact", "", previous.unit,
                  previous.dimension, value, previous.norm_unit, entity, "", "", 0, 0,
                  counted=previous.counted, counted_end=0)


_LONGEST_ENTITY = 8  # words; longer is a clause, not a phrase


def _plausible_entity(doc: Doc, entity: str) -> bool:
    """Whether the shallow reading gave a noun phrase: not empty, not a clause, and ending in a
    word the parse takes as a noun ("scaled back" and "set" are not)."""
    words = entity.split()
    if not words or len(words) > _LONGEST_ENTITY:
        return False
    last = words[-1]
    heads = [t for t in doc if t.text == last]
    return not heads or any(upos(t) in {"NOUN", "PROPN"} for t in heads)


def _names_a_place_or_time(doc: Doc, entity: str) -> bool:
    words = entity.split()
    return bool(words) and any(t.text == words[-1] and t.ent_type_ in {"GPE", "LOC", "FAC", "DATE", "TIME"}
                               for t in doc)


_TRANSACTIONS = frozenset(TRANSACTION_NOUNS.values())


def _entities_from_parse(doc: Doc, figures: list[Figure]) -> None:
    """What each measure is about, from the parse where it says (the shallow reading otherwise)."""
    spans = [(f.start, f.end) for f in figures]
    for figure in figures:
        others = [span for span in spans if span != (figure.start, figure.end)]
        if figure.dimension == "count" and not figure.entity:
            figure.entity = parsed_partitive_entity(doc, figure.start, figure.end, others)
        if figure.dimension in ("count", "age", "ratio"):
            continue
        # A duration's nearest noun is often a place or a time ("talks in Istanbul lasted less than
        # an hour"): then the parse reads it.
        # A phrase a rule made ("Acme's payment", "remaining time") is not a shallow guess at a span;
        # an entity only the clause gave (its subject) is the parse's to settle.
        made = figure.entity_local and bool(figure.entity) and (
            figure.entity not in doc.text or figure.entity in _TRANSACTIONS)  # "will cost $5": a cost
        place_or_time = figure.dimension == "duration" and _names_a_place_or_time(doc, figure.entity)
        if made or figure.entity_local and _plausible_entity(doc, figure.entity) and not place_or_time:
            continue
        parsed = parsed_measure_entity(doc, figure.start, figure.end, others)
        if parsed:
            figure.entity = parsed


_GAP_WORDS = {"and", "or", "then", "while"}


def _share_entities(sentence: str, figures: list[Figure]) -> None:
    """Give figures that only restate or continue another figure that one's entity, in this order:
    conversions, measures joined to the next, changes along a participle, clauses of figures
    alone, coordinated figures. Run after the shallow reading and again after the parse."""
    _share_entity_with_conversions(sentence, figures)
    _share_entity_backwards(sentence, figures)
    _share_entity_along_changes(sentence, figures)
    _share_entity_with_gapped_clauses(sentence, figures)
    share_coordinated_entities(sentence, figures)


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
    for (left, right), members in zip(zip(bounds[1:], bounds[2:], strict=False), clauses[1:], strict=True):
        rest = sentence[left + 1:right]
        for figure in reversed(members):
            rest = rest[:figure.start - left - 1] + " " + rest[figure.end - left - 1:]
        words = re.findall(r"[A-Za-z]+", rest)
        if not members or len(members) > len(model) or any(w.lower() not in _GAP_WORDS for w in words):
            continue
        for figure, parallel in zip(members, model, strict=False):
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
    for previous, figure in zip(figures, figures[1:], strict=False):
        if figure.direction or not previous.direction or figure.dimension != previous.dimension:
            continue
        m = _GAPPED_BY.search(sentence[previous.end:figure.start])
        if m is None:
            continue
        words = re.findall(r"[A-Za-z][\w'’&.-]*", m.group("subject"))
        if words and not any(is_verb_form(w) for w in words):
            figure.direction = previous.direction


_CONVERSION_GAP = re.compile(r"\s*\(\s*|\s*/\s*|\s*,\s*")


_JOINED_BEFORE = re.compile(r"\s*(?:,|and|or|to|-|–)\s*")
# "£60,000 in damages, later reduced to £40,000": a participle of change after a figure moves it.
_CHANGED_AFTER = re.compile(
    r"[^,;.]{0,40}?,\s*(?:later\s+|then\s+|since\s+|subsequently\s+|now\s+|eventually\s+)?"
    r"(?P<verb>[a-z]+ed)\s+(?:up\s+|down\s+|back\s+)?(?:to|by)\s+$")
_CHANGE_PARTICIPLES = word_forms(OBJECT_CHANGE_VERBS | CHANGE_VERBS)


def _share_entity_along_changes(sentence: str, figures: list[Figure]) -> None:
    """'awarded £60,000 in damages, later reduced to £40,000': the amount a participle of change
    moves a figure to is about what that figure is about."""
    for previous, figure in zip(figures, figures[1:], strict=False):
        m = _CHANGED_AFTER.fullmatch(sentence, previous.end, figure.start)
        if m is not None and m.group("verb") in _CHANGE_PARTICIPLES and previous.entity \
                and previous.dimension == figure.dimension:
            figure.entity = previous.entity


def _share_entity_backwards(sentence: str, figures: list[Figure]) -> None:
    """'the 2.5GB and 5GB pocket drives': a measure joined to the next one of its kind, with no
    words of its own, is about what the next one is about."""
    for figure, following in zip(reversed(figures[:-1]), reversed(figures[1:]), strict=True):
        if not figure.entity and following.entity and figure.dimension == following.dimension \
                and figure.dimension != "count" and _JOINED_BEFORE.fullmatch(sentence, figure.end, following.start):
            figure.entity = following.entity


def _share_entity_with_conversions(sentence: str, figures: list[Figure]) -> None:
    """'a fine of A$10.5m ($7.5m)', '296 hp (224 kW / 300 PS)': a figure in brackets right after
    another restates it in other units, so it measures the same thing."""
    inside = False
    for previous, figure in zip(figures, figures[1:], strict=False):
        gap = sentence[previous.end:figure.start]
        opens = gap.strip() == "("
        inside = opens or (inside and gap.strip() in {"/", ",", ";"} and ")" not in gap)
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


def _qualify_after_unit(sentence: str, mention: NumberMention, has_unit: bool, unit_end: int,
                        approx_tolerance: float) -> tuple[Qualified, int]:
    """The qualifier, its cues after the number read after its unit ("5% or more", "10 miles or
    so"), and where the unit ends, an approximation after it included ("5% or so")."""
    if has_unit:
        tail = APPROXIMATE_TAIL.match(sentence, unit_end)
        if tail is None and mention.is_range and mention.written_in_words:
            tail = _OR_TWO_TAIL.match(sentence, unit_end)  # "a day or two": the range's second end
        if tail is not None:
            unit_end = tail.end()
    qualified = qualify(sentence, mention.start, max(mention.end, unit_end), mention.value, mention.low,
                        mention.high, mention.is_range, approx_tolerance)
    return qualified, unit_end


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
        aged = age is not None and after_number.startswith(("-year", " year", " years", "-years"))
        if duration and not mention.is_range or aged:
            unit_word = duration.group("unit").lower() if duration else "year"
            unit = Unit(unit_word, "duration", unit_word)
            unit_end = mention.end + (duration.end() if duration else age.end() if age else 0)
            if age:
                unit = Unit("year of age", "age", "year")
    counted = None
    if unit is None:
        counted = counted_noun_after(sentence, mention.end, value, vague=mention.vague)
    # "dozens of ...", "one in five": the wording states what kind of figure it is (an order of a
    # count, a share), so it is one even when no counted noun can be read after it ("dozens of Kia
    # and Hyundai vehicles"; "Thousands marched", which the number reader took only as a noun of
    # its own). Not a bare "several hundred", which may count nothing.
    states_its_measure = mention.proportion or mention.vague and \
        sentence[mention.start:mention.end].lower().endswith(_VAGUE_PLURAL_WORDS)
    reason = rejection_reason(
        sentence, mention.start, mention.end, value, has_unit=unit is not None,
        has_currency=bool(mention.currency), written_in_words=mention.written_in_words,
        counted_noun=counted is not None or states_its_measure, is_range=mention.is_range,
        dimension=unit.dimension if unit is not None else "", unit_end=unit_end,
    )
    if reason:
        return None
    # Qualifier words ("close to", "in the region of") are never what a figure measures.
    qualified, unit_end = _qualify_after_unit(sentence, mention, unit is not None, unit_end, approx_tolerance)
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
    entity_local = True
    if counted is not None and dimension == "count":
        entity = count_entity(sentence, span_start, counted)
    elif dimension not in ("duration", "age", "ratio"):
        reading = read_measure_entity(sentence, span_start, unit_end, entity_phrase, currency=dimension == "currency")
        entity, entity_local = reading.text, reading.local
    elif dimension == "age":
        modified = attributive_noun_after(sentence, span_start, unit_end, glued=True)  # "a 50-year-old man"
        entity = modified.text if modified is not None else entity
    return Figure(
        start=span_start, end=max(end, mention.end), value=value, low=qualified.low, high=qualified.high,
        qualifier=qualified.qualifier, direction=way, unit=unit_name, dimension=dimension,
        norm_value=norm_value, norm_unit=norm_unit, entity=entity, source="", source_cue="",
        sentence_start=0, sentence_end=0, counted=counted.text if counted is not None else "",
        counted_end=counted.end if counted is not None and not _WORDS_NUMBER.search(
            sentence[mention.end:counted.start]) else 0, entity_local=entity_local,
    )


def _named_entity(entity: str) -> str:
    """The entity, or '' when it is only numbers ("1.4bn" read off another figure): a figure is
    never about a number."""
    words = entity.split()
    return "" if words and all(re.match(r"[$£€¥]?\d", word) for word in words) else entity


def _rows(document: Document, found: list[Figure]) -> list[dict]:
    rows = []
    for index, fig in enumerate(found):
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
            "entity": _named_entity(fig.entity),
            "source": fig.source,
            "source_cue": fig.source_cue,
            "doc_title": document.title,
            "doc_outlet": document.outlet,
            "doc_date": document.date,
            "doc_url": document.url,
        })
    return rows


def figure_rows(document: Document, *, approx_tolerance: float = 0.1,
                parse_budget: int | None = PARSE_BUDGET_CHARS, deadline: float | None = None) -> FigureRows:
    """Schema rows for one document: the per-document unit of work for every engine."""
    return figure_rows_of([document], approx_tolerance=approx_tolerance, parse_budget=parse_budget,
                          deadline=deadline)[0]


def figure_rows_of(documents: Sequence[Document], *, approx_tolerance: float = 0.1,
                   parse_budget: int | None = PARSE_BUDGET_CHARS, deadline: float | None = None) -> list[FigureRows]:
    """Schema rows for each of several documents, parsed together (the same rows as figure_rows).
    Each one's `parse_budget` says where the parse stopped in a document over the parse budget;
    past `deadline` (a time.monotonic()) TimeBudgetExceeded is raised."""
    results = []
    for document, (found, over) in zip(documents, _extract(documents, approx_tolerance, parse_budget, deadline),
                                       strict=True):
        rows = FigureRows(_rows(document, found))
        rows.parse_budget = over
        results.append(rows)
    return results


_DOCUMENTS_PER_PARSE = 32  # documents whose sentences are parsed in one batch


def figures_frame(documents: Iterable[Document], *, approx_tolerance: float = 0.1,
                  parse_budget: int | None = PARSE_BUDGET_CHARS) -> pd.DataFrame:
    """The figures table of these documents. A document over the parse budget is read in full, its
    later sentences without the parse, and a ParseBudgetWarning says where."""
    rows: list[dict] = []
    chunk: list[Document] = []

    def flush() -> None:
        for doc_rows in figure_rows_of(chunk, approx_tolerance=approx_tolerance, parse_budget=parse_budget):
            rows.extend(doc_rows)
            if doc_rows.parse_budget is not None:
                warnings.warn(str(doc_rows.parse_budget), ParseBudgetWarning, stacklevel=4)
        chunk.clear()

    for document in documents:
        chunk.append(document)
        if len(chunk) == _DOCUMENTS_PER_PARSE:
            flush()
    if chunk:
        flush()
    if not rows:
        return empty_frame()
    return pd.DataFrame(rows, columns=COLUMNS).astype(
        {"start": "int64", "end": "int64", "value": "float64", "low": "float64", "high": "float64",
         "norm_value": "float64"}
    )


def figures(source: str | Document | Iterable[Document], *, approx_tolerance: float = 0.1,
            parse_budget: int | None = PARSE_BUDGET_CHARS) -> pd.DataFrame:
    """The figures table for a text, a document or several documents. Of a document longer than
    the parse budget (PARSE_BUDGET_CHARS characters that need the parse; None: no limit) the rest
    is read without the parse, and a ParseBudgetWarning says so.

    >>> figures("Sales jumped 76% to $1.13bn.")[["surface", "value", "unit", "direction"]].values.tolist()
    [['76%', 76.0, '%', 'up'], ['$1.13bn', 1130000000.0, 'USD', '']]
    """
    if isinstance(source, str):
        documents: Iterable[Document] = [document_from_text(source)]
    elif isinstance(source, Document):
        documents = [source]
    else:
        documents = source
    return figures_frame(documents, approx_tolerance=approx_tolerance, parse_budget=parse_budget)

