"""What a figure is about when it only continues the figure before it.

"7.5 connections per 100 people, compared with 6.7 in Germany and 15.8 in France": the figures
after the first are of the same thing, in other places. "The share was 62%, and the government
hopes this will rise to 85%": "this" stands for the share, so 85% is about what 62% is about.
Neither later figure has words of its own that say what it measures; what the shallow reading
finds for them is a stray noun nearby ("Germany", "government").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from lemminflect import getLemma

from extract.engine.lexicon import (
    AUXILIARIES,
    CHANGE_VERBS,
    DENOMINATOR_WORDS,
    MODALS,
    STOP_WORDS,
    phrase_alternation,
)
from extract.engine.measured_entity import pos_tags


class SharedFigure(Protocol):
    start: int
    end: int
    dimension: str
    unit: str
    entity: str
    counted: str
    counted_end: int


# The base a rate is counted against, which is not a figure of its own: "4.1 doctors per 1,000 residents".
_DENOMINATOR = re.compile(
    r"^\s*(?:[a-z-]+\s+)?(?:" + phrase_alternation(DENOMINATOR_WORDS)
    + r")\s+[\d,.]+(?:\s+[a-z-]+)?", re.IGNORECASE)
# Between two figures of one thing: a place or group the second is of ("in Germany", "for women"),
# then a word that coordinates or compares them, or "from" ("cut its debt to £160m from £610m": the
# level before a change is a level of the same thing).
_COORDINATED_GAP = re.compile(
    r"(?:\s+(?:in|for|at|on|among|by)\s+[^,;:()\s][^,;:()]{0,29}?)?\s*(?:,\s*)?"
    r"(?:and|or|but|while|against|versus|vs\.?|compared\s+(?:with|to)|as\s+against|(?:up\s+|down\s+)?from)\s+$",
    re.IGNORECASE,
)
# "..., and the minister hopes this will rise to": a pronoun subject of the later figure's verb.
_PRONOUN_CLAUSE = re.compile(r"\b(?:it|this)\s+(?P<words>(?:[a-z]+\s+){1,5})$")


def share_coordinated_entities(sentence: str, figures: Sequence[SharedFigure]) -> None:
    """A figure coordinated with or compared to the one before it, or whose clause's subject is
    "it"/"this" standing for it, takes that figure's entity when it has none of its own."""
    for index in range(1, len(figures)):
        figure, anchor = figures[index], figures[index - 1]
        previous = anchor
        if index >= 2 and re.search(r"\bper\s+$", sentence[:anchor.start]):
            previous = figures[index - 2]  # "7.5 connections per 100 people, against 6.7": 100 is the base
        closing = re.match(r"\s*\)", sentence[max(anchor.end, anchor.counted_end):figure.start])
        if closing is not None:
            # "to $300m (£160m; 230m euros) from $700m": the conversions in brackets are passed over.
            first = index - 1
            while first > 0 and sentence[figures[first - 1].end:figures[first].start].strip() in {"(", ";", ",", "/"}:
                first -= 1
            if first < index - 1:
                previous = figures[first]
        if not previous.entity or not _same_kind(previous, figure) or _has_own_entity(sentence, figure):
            continue
        gap = sentence[max(anchor.end, anchor.counted_end):figure.start]
        if closing is not None and previous is not anchor:
            gap = gap[closing.end():]
        base = _DENOMINATOR.match(gap)
        if base is not None:
            gap = gap[base.end():]
        if _COORDINATED_GAP.fullmatch(gap) or _pronoun_for_previous(gap) or _from_to(sentence, anchor.start, gap):
            figure.entity = previous.entity


_FROM_BEFORE = re.compile(r"\bfrom\s+(?:(?:about|around|nearly|almost|some|roughly|just|only|under|over)\s+)?$",
                          re.IGNORECASE)
_TO_GAP = re.compile(r"\s*(?:\b(?:in|at)\s+[^,;:()]{1,30}?\s+)?to\s+", re.IGNORECASE)


def _from_to(sentence: str, anchor_start: int, gap: str) -> bool:
    """'rise from 7,500 to 45,000', 'from 102 in 2003 to 81': the level after a change is a level of
    what the level before it was."""
    return bool(_TO_GAP.fullmatch(gap)) and _FROM_BEFORE.search(sentence, max(0, anchor_start - 30), anchor_start) \
        is not None


def _same_kind(previous: SharedFigure, figure: SharedFigure) -> bool:
    if figure.dimension == "count" and not figure.unit:
        return previous.dimension in {"count", "ratio", "percent"}  # "7.5 connections ..., against 6.7"
    return figure.dimension == previous.dimension and figure.unit == previous.unit


def _has_own_entity(sentence: str, figure: SharedFigure) -> bool:
    """The figure's entity stands after it ("5% of adults", "a $5m fine", "20 new jobs"), or is made
    from words after it, so it is the figure's own."""
    if figure.counted or not figure.entity:
        return bool(figure.counted)
    found = sentence.find(figure.entity)
    return found < 0 or found >= figure.start


def _pronoun_for_previous(gap: str) -> bool:
    """', and the ministry hopes this will rise to': "it"/"this" is the subject of a verb of change
    or of being that carries the figure, with nothing but auxiliaries, adverbs and a preposition
    between."""
    if ";" in gap:
        return False
    m = _PRONOUN_CLAUSE.search(gap)
    if m is None:
        return False
    words = m.group("words").split()
    verbs = [w for w in words if w not in STOP_WORDS or w in AUXILIARIES]
    for word in words:
        tags = pos_tags(word)
        if word in AUXILIARIES or word in MODALS or word in STOP_WORDS:
            continue
        if not tags & {"VERB", "ADV"}:
            return False
    main = [w for w in verbs if w not in AUXILIARIES and w not in MODALS]
    if not main:
        return any(w in {"is", "was", "are", "were", "be", "been"} for w in words)
    return any((getLemma(word, upos="VERB") or [word])[0] in CHANGE_VERBS for word in main)
