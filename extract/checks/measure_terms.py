"""What a figure measures, in words that can be compared: lemmas, outcomes, change, source.

"968 civilians were killed" and "4,807 injured" count the same people but different outcomes;
"6,754 civilians killed or injured" counts both. The entity column says only "civilians": the
verb around the figure decides the measure. Each figure gets the clause it stands in (split at
the other figures of its sentence), and from it:

- its terms: lemmatised content words (lemminflect), for a keyword overlap anyone can check;
- its outcomes: killed / injured, from a small lexicon ("casualties" is both);
- its direction: whether it states a change.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from extract.checks.word_forms import all_lemmas
from extract.engine.lexicon import STOP_WORDS

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
# Words that say who reported a figure or how, not what it measures.
_NOT_MEASURE_WORDS = STOP_WORDS | {
    "report", "reported", "reporting", "reports", "accord", "according", "tell", "told", "state",
    "stated", "show", "showed", "shows", "data", "figure", "figures", "number", "numbers", "total",
    "latest", "new", "least", "nearly", "than", "around", "some", "approximately", "estimate",
    "estimated", "hit", "reach", "reached", "stand", "stood", "half", "quarter", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "thursday", "monday", "tuesday", "wednesday", "friday", "saturday",
    "sunday", "bn", "m", "k", "mn", "tn", "us", "u.s", "a", "per", "cent", "percent", "point",
    "points", "s", "’s", "'s", "end", "start", "beginning", "period", "same", "compared",
}

# The outcome words of casualty counts: "killed" and "injured" are different measures, and
# "casualties" means both. Lemmas on the left (what `lemma()` returns).
OUTCOME_ORDER = ("killed", "injured")
_OUTCOMES: dict[str, frozenset[str]] = {
    "kill": frozenset({"killed"}), "die": frozenset({"killed"}), "dead": frozenset({"killed"}),
    "death": frozenset({"killed"}), "fatality": frozenset({"killed"}), "slay": frozenset({"killed"}),
    "slain": frozenset({"killed"}), "fatal": frozenset({"killed"}),
    "injure": frozenset({"injured"}), "injured": frozenset({"injured"}), "injury": frozenset({"injured"}),
    "wound": frozenset({"injured"}), "wounded": frozenset({"injured"}), "hurt": frozenset({"injured"}),
    "casualty": frozenset({"killed", "injured"}),
}
_UP = re.compile(r"\b(?:increase[sd]?|increasing|rise|rose|risen|rising|up|higher|growth|grew|jump(?:ed)?"
                 r"|surge[sd]?)\b",
                 re.IGNORECASE)
_DOWN = re.compile(r"\b(?:decrease[sd]?|decreasing|fall|fell|fallen|falling|down|lower|decline[sd]?|drop(?:ped)?)\b",
                   re.IGNORECASE)
# Where one figure's clause ends and the next one's begins, between two figures of a sentence.
_CLAUSE_BREAK = re.compile(r",|;|:|\s[–—-]\s|\(|\)|\band\b|\bbut\b|\bwhile\b|\bwhereas\b|\bwith\b|\bincluding\b",
                           re.IGNORECASE)
_CLAUSE_START = re.compile(r"[,;:(]|\s[–—-]\s")


@functools.lru_cache(maxsize=1 << 15)  # keyed by words: bounded, or a long run's vocabulary would leak
def lemma(word: str) -> str:
    """The dictionary form used for matching: 'killed' -> 'kill', 'tankers' -> 'tanker'.

    -ed and -ing forms take their verb ('capping' -> 'cap'); otherwise nouns first ('sanctions' ->
    'sanction'); words lemminflect does not know ('Ukrainian', 'seaborne') stay as written, lower-cased.
    """
    lower = word.lower().replace("’", "'")
    if lower.endswith("'s"):
        lower = lower[:-2]
    lemmas = all_lemmas(lower)
    if lower.endswith(("ed", "ing")) and "VERB" in lemmas:
        return lemmas["VERB"][0]
    for pos in ("NOUN", "VERB", "ADJ", "ADV", "PROPN"):
        if pos in lemmas:
            return lemmas[pos][0]
    return lower


def terms(text: str) -> frozenset[str]:
    """The content lemmas of a text: what it is about, minus function and reporting words.

    Outcome words ('killed', 'casualties') are left out: `outcomes()` compares them as a set, so
    that 'killed' against 'killed or injured' is a difference, not two words out of three.
    """
    found = set()
    for word in _WORD.findall(text):
        lower = word.lower()
        if lower in _NOT_MEASURE_WORDS or len(lower) < 2:
            continue
        lemma_form = lemma(word)
        if lemma_form not in _NOT_MEASURE_WORDS and lemma_form not in _OUTCOMES:
            found.add(lemma_form)
    return frozenset(found)


def outcomes(text: str) -> frozenset[str]:
    """The casualty outcomes a text names: {'killed'}, {'injured'}, {'killed', 'injured'} or {}."""
    found: set[str] = set()
    for word in _WORD.findall(text):
        found |= _OUTCOMES.get(lemma(word), frozenset())
        found |= _OUTCOMES.get(word.lower(), frozenset())
    return frozenset(found)


def outcome_label(found: Iterable[str]) -> str:
    """{'injured', 'killed'} -> 'killed or injured'; {} -> 'not stated'."""
    ordered = [o for o in OUTCOME_ORDER if o in set(found)]
    return " or ".join(ordered) if ordered else "not stated"


def change_direction(text: str) -> str:
    """'up' / 'down' when a reference measure describes a change ('increase in casualties'), else ''."""
    if _UP.search(text):
        return "up"
    if _DOWN.search(text):
        return "down"
    return ""


def figure_clause(sentence: str, start: int, end: int, others: list[tuple[int, int]]) -> tuple[int, int]:
    """The part of the sentence that belongs to the figure at [start, end).

    Between two figures, the clause break nearest the next figure splits them: in "968 civilians
    were killed and 4,807 injured" the first ends at "and", the second takes "injured ...".
    Before the first figure, the clause runs back to the last comma or dash.
    """
    previous_end = max((e for s, e in others if e <= start), default=None)
    next_start = min((s for s, e in others if s >= end), default=None)
    if previous_end is None:
        breaks = [m.end() for m in _CLAUSE_START.finditer(sentence, 0, start)]
        clause_start = breaks[-1] if breaks else 0
    else:
        gap_breaks = list(_CLAUSE_BREAK.finditer(sentence, previous_end, start))
        clause_start = gap_breaks[-1].end() if gap_breaks else start
    if next_start is None:
        clause_end = len(sentence)
    else:
        gap_breaks = list(_CLAUSE_BREAK.finditer(sentence, end, next_start))
        clause_end = gap_breaks[-1].start() if gap_breaks else next_start
    return clause_start, max(clause_end, end)


def nearest_outcomes(sentence: str, start: int, end: int, clause: tuple[int, int]) -> frozenset[str]:
    """The outcomes of a figure: those after it in its clause ("968 civilians were killed"),
    else the nearest before it ("a strike that killed two people")."""
    after = outcomes(sentence[end:clause[1]])
    if after:
        return after
    before = sentence[clause[0]:start]
    words = _WORD.findall(before)
    for word in reversed(words[-6:]):
        found = _OUTCOMES.get(lemma(word)) or _OUTCOMES.get(word.lower())
        if found:
            return found
    return frozenset()


def source_names(source: str) -> frozenset[str]:
    """Tokens a source can be recognised by: its words and the initials of its capitalised words.

    'United Nations' -> {united, nations, un}; 'KSE Institute (Kyiv School of Economics)' ->
    {kse, kyiv, ki}: two sources agree when these sets meet. Generic words ('institute', 'office')
    and a trailing place ('... Mission in Ukraine') never make two sources agree on their own.
    """
    source = re.sub(r"\s+in\s+[A-Z][\w’'-]*", " ", source)
    words = re.findall(r"[A-Za-z][A-Za-z'’.&-]*", source)
    names = {w.lower().strip(".") for w in words
             if w.lower() not in STOP_WORDS and w.lower() not in _GENERIC_SOURCE_WORDS}
    for group in re.split(r"[(),;/]", source):
        capitals = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", group) if w[0].isupper()]
        if len(capitals) >= 2:
            names.add("".join(w[0] for w in capitals).lower())
    return frozenset(n for n in names if n)


# Words shared by unrelated organisations; they must not make two sources agree on their own.
_GENERIC_SOURCE_WORDS = {"institute", "office", "agency", "ministry", "department", "report", "school",
                         "university", "council", "commission", "mission", "group", "centre", "center",
                         "human", "rights", "monitoring", "national", "international", "government", "state",
                         "news", "press", "service", "economics", "data", "statistics", "bureau", "union"}


def sources_agree(a: str, b: str) -> bool | None:
    """True/False when both name a source; None when either is silent."""
    if not a.strip() or not b.strip():
        return None
    return bool(source_names(a) & source_names(b))


def names_place(text: str, place: str) -> bool:
    """Whether a text names a place or its adjective ('Ukrainian' names 'Ukraine')."""
    stem = place.strip().lower()[:5]
    if len(stem) < 4:
        return False
    return any(word.lower().startswith(stem) for word in _WORD.findall(text))


_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][A-Za-z’'&-]*[a-z][A-Za-z’'&-]*|\b[A-Z]{2,}\b")


def names(text: str, source: str = "") -> frozenset[str]:
    """Proper names in a clause ('Kherson', 'Umbro', 'Deutsche'), lower-cased: what a figure is about.

    A capitalised first word is not a name ('Shares rose'); months, days and the words of the
    figure's own source ('United Nations') are left out: the source is compared on its own.
    """
    own = {w.lower() for w in re.findall(r"[A-Za-z]+", source)}
    found = set()
    for match in _NAME.finditer(text):
        word = re.sub(r"[’']s?$", "", match.group(0).lower())
        if word in own or word in _NOT_MEASURE_WORDS or match.start() == 0:
            continue
        found.add(word)
    return frozenset(found)

