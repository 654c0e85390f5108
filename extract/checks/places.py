"""Places a figure is about, read with CLDR's English territory names (via babel).

"Inflation in the UK" measures inflation, in the United Kingdom: the place is split off what is
measured, so that "UK inflation" and "inflation in the UK" measure the same thing, and a French
figure is never set against a British one as if they measured the same.

The names are CLDR's ("United Kingdom", "Germany", "Eurozone", "Sub-Saharan Africa"), kept up to
date by babel; CLDR gives only one English name per territory, so the short forms news writes
("UK", "US", "Britain") are added in `_SHORT_FORMS`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from babel import Locale

# CLDR entries that are not places a figure is about.
_NOT_PLACES = {"United Nations", "Pseudo-Accents", "Pseudo-Bidi", "Unknown Region", "world", "Outlying Oceania"}
# Short forms and older names that CLDR's single English name leaves out, by the CLDR name they mean.
_SHORT_FORMS = {
    "UK": "United Kingdom", "U.K.": "United Kingdom", "Britain": "United Kingdom",
    "Great Britain": "United Kingdom", "British": "United Kingdom",
    "US": "United States", "U.S.": "United States", "USA": "United States", "America": "United States",
    "EU": "European Union", "euro area": "Eurozone", "eurozone": "Eurozone", "Turkey": "Türkiye",
    "Czech Republic": "Czechia", "Burma": "Myanmar (Burma)", "Hong Kong": "Hong Kong SAR China",
}


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    place: str  # the CLDR name: "United Kingdom"


@functools.cache
def place_names() -> dict[str, str]:
    """Every name a place is written by, lower-cased, to its CLDR English name."""
    names: dict[str, str] = {}
    for name in Locale("en").territories.values():
        if name not in _NOT_PLACES:
            names[name.lower()] = name
            names[name.replace("&", "and").lower()] = name
    for short, name in _SHORT_FORMS.items():
        names[short.lower()] = name
    return names


@functools.cache
def _first_words() -> frozenset[str]:
    """The first word of every place name, lower-cased: a text without one of them names no place."""
    return frozenset(re.split(r"[\s’'.]", name, maxsplit=1)[0] for name in place_names())


_WORD = re.compile(r"[^\W\d_][\w’'-]*")


@functools.cache
def _place_pattern() -> re.Pattern[str]:
    alternatives = sorted(place_names(), key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(a) for a in alternatives) + r")(?:['’]s)?(?![\w])",
                      re.IGNORECASE)


# "Bank of America", "University of Chad": a place after "<Name> of" is part of that name.
_NAME_OF = re.compile(r"\b[A-Z][\w’'&-]*\s+of\s+(?:the\s+)?$")
# "US Airways", "China Mobile": a place followed by another capitalised word is part of a name.
_NAME_AFTER = re.compile(r"^\s+[A-Z][a-z]")


def place_mentions(text: str) -> list[PlaceMention]:
    """Every place named in a text. A name counts only as written with a capital ("Chad", not "chad");
    short forms ("US", "UK") only in capitals, so "us" is never the United States; a place inside
    an organisation's name ("Bank of America", "US Airways") is not a place the figure is about."""
    found: list[PlaceMention] = []
    if not any(c.isupper() for c in text) and "euro" not in text.lower():
        return found  # every place is written with a capital, but for the eurozone
    first_words = _first_words()
    if not any(re.split(r"[’'.]", w.lower(), maxsplit=1)[0] in first_words for w in _WORD.findall(text)):
        return found  # the one big pattern below is slow; most sentences name no place
    for match in _place_pattern().finditer(text):
        written = re.sub(r"['’]s$", "", match.group(0))
        if not written[:1].isupper() and written.lower() not in ("eurozone", "euro area"):
            continue
        if len(written.replace(".", "")) <= 3 and written != written.upper():
            continue
        if _NAME_OF.search(text[:match.start()]):
            continue
        after = text[match.end():]
        if _NAME_AFTER.match(after) and not place_mentions(after.split(None, 1)[0] if after.split() else ""):
            continue
        found.append(PlaceMention(match.start(), match.end(), place_names()[written.lower()]))
    return found


# "in the UK", "across the eurozone", "for Britain": the words that tie a place to a measure.
_PLACE_PREPOSITION = re.compile(r"(?:\b(?:in|across|for|of|throughout|within)\s+(?:the\s+)?)$", re.IGNORECASE)


@functools.lru_cache(maxsize=65536)  # a sentence is read once per figure in it
def split_place(phrase: str) -> tuple[str, str]:
    """A phrase without its place, and the place: 'UK inflation' -> ('inflation', 'United Kingdom');
    'inflation in the UK' -> ('inflation', 'United Kingdom'); 'Ukrainian civilians' keeps its words."""
    mentions = place_mentions(phrase)
    if not mentions:
        return phrase.strip(), ""
    # "France and Spain", "the US, UK and Japan": places joined by "and", "or" or commas go as one.
    spans: list[list[int]] = []
    for mention in mentions:
        if spans and re.fullmatch(r"\s*(?:,|,?\s*and|,?\s*or|&)?\s*(?:the\s+)?", phrase[spans[-1][1]:mention.start]):
            spans[-1][1] = mention.end
        else:
            spans.append([mention.start, mention.end])
    rest = phrase
    for start, end in reversed(spans):
        tie = _PLACE_PREPOSITION.search(rest[:start])
        cut = tie.start() if tie else start
        rest = rest[:cut] + " " + rest[end:]
    rest = re.sub(r"\s+", " ", rest).strip(" ,;:-–")
    places = sorted({m.place for m in mentions})
    return rest, " and ".join(places)


def same_place(a: str, b: str) -> bool | None:
    """True/False when both name a place; None when either is silent."""
    if not a or not b:
        return None
    return a == b
