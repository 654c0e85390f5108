"""Number grammar: find every number written in a sentence, in digits or in words.

quantulum3's own number parser mis-reads scale suffixes ("$1.13bn" becomes 1.13 "dollar bit
newton"), reads "($350 million)" as negative and misses "tens of thousands", so figcheck reads
numbers itself and leaves units to `extract.engine.units`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from lemminflect import getAllLemmas

from extract.engine.currencies import alternation, currency_table
from extract.engine.lexicon import (
    AUXILIARIES,
    DETERMINERS,
    DURATION_UNIT_WORDS,
    MONEY_VERBS,
    MORE_OF_THE_SAME,
    MULTIPLE_ADVERBS,
    MULTIPLE_IDIOM_VERBS,
    RACE_NOUNS,
    RELATIVE_PRONOUNS,
    SMALL_NUMBER_WORDS,
    STOP_WORDS,
    VAGUE_PLURALS,
    word_forms,
)
from extract.engine.qualifiers import APPROXIMATE_TAIL, CHANGE_FROM, CHANGE_VERB_BEFORE

SCALE_WORDS = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "lakh": 1e5, "crore": 1e7,
}
# Attached or abbreviated scale suffixes: "$1.13bn", "£600m", "4.3M", "5k", "$2tn".
SCALE_SUFFIXES = {
    "bn": 1e9, "b": 1e9, "mn": 1e6, "m": 1e6, "mln": 1e6, "k": 1e3, "tn": 1e12, "trn": 1e12,
    "mil": 1e6, "bil": 1e9,
}
FRACTION_WORDS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
                  "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10, "hundredth": 100, "hundredths": 100,
                  "thousandth": 1000, "thousandths": 1000}
HYPHENATED_DENOMINATORS = {
    f"{word}{suffix}": value for word, value in {
        "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "eleventh": 11, "twelfth": 12, "twentieth": 20,
        "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    }.items() for suffix in ("", "s")}  # hundredths and thousandths are FRACTION_WORDS, hyphenated or not

_CURRENCIES = currency_table()
# A currency written before the number: a symbol or prefix ("£", "HK$", "Rs"), or an ISO code
# ("CHF 5m"); a space may follow it ("£ 8.10 million").
CURRENCY_PREFIX = re.compile(
    r"(?P<prefix>" + alternation(_CURRENCIES.prefixes) + r"|(?<![A-Za-z])(?:" + alternation(_CURRENCIES.codes) + r"))"
    r"[ \u00a0]?$"
)
# A currency written after a scale letter makes it a scale: "120m NZD", "15m yuan".
_CURRENCY_AFTER = re.compile(
    r"[ \u00a0]?(?:" + alternation(_CURRENCIES.codes) + "|(?i:" + alternation(_CURRENCIES.names) + r"))\b"
)
_CURRENCY_AT = re.compile(
    r"(?:" + alternation(_CURRENCIES.prefixes) + "|" + alternation(_CURRENCIES.codes) + r")[ \u00a0]?"
)

# Letters may touch a number ("USD10m", "$US55,931,000", "G7"); non_figures rejects the codes.
DIGITS = re.compile(
    # Never the exponent of scientific notation ("1e309" is not 309); the mantissa is read here and
    # its exponent by _EXPONENT.
    r"(?<![\d.,/:⁄])(?<!\d[eE])(?<!\d[eE][-+])(?:\d{1,3}(?:,\d{3})+(?![\d])|\d+)(?:\.\d+)?"
    r"(?![\d]|[/⁄]\d)|(?<![\w.])\.\d+(?![eE][-+]?\d)"
)
_SCALE_AFTER = re.compile(  # "17-million" too: a scale word joined by a hyphen (an adjective's)
    r"(?P<space>[ \u00a0]?|-(?=(?:hundred|thousand|million|billion|trillion)\b))(?P<scale>bn|mn|mln|trn|tn|b|m|k|"
    r"hundred|thousand|million|billion|trillion|lakh|crore)(?![\w])",
    re.IGNORECASE,
)
_RANGE_JOIN = re.compile(r"\s?(?:-|–|—|to)\s?(?=[-$€£¥\d.]|US\b|(?:" + "|".join(SMALL_NUMBER_WORDS) + r")\b)")
# What a scale letter counts: "35m devices", "8 B people", "35m of its devices", "300m blog entries"
# (a compound, whose last word must then be a plural noun that is never a verb: not "the 30m tower
# stands").
_COUNTED_AFTER_SCALE = re.compile(
    r"\s+(?:of\s+(?:its|their|the|these|those|his|her|our|your)\s+)?"
    # "3m PSP consoles": a modifier may be a capitalised name or an abbreviation.
    r"(?P<modifiers>(?:(?!(?:long|high|wide|deep|tall|thick|away|above|below|under|over|of)\b)"
    r"(?:[a-z-]+|[A-Z][A-Za-z]*)\s+){0,2})"
    # A people or a group is written with a capital: "1.6m Muslims", "60m Americans".
    r"(?P<counted>(?!(?:is|was|has|does|this|its|his|us|thus|plus|less|unless|across|whereas)\b)"
    r"(?:[a-z]{2,}|[A-Z][a-z]+)s|people)\b"
)
_WORD = re.compile(r"[A-Za-z]+(?:-(?:one|two|three|four|five|six|seven|eight|nine)(?![\w]))?(?:-and-a-half\b)?")


@dataclass(frozen=True)
class NumberMention:
    """A number as written: its span in the sentence and the values it implies."""

    start: int
    end: int
    value: float
    low: float
    high: float
    is_range: bool
    currency: str  # ISO code from a prefix such as "$" or "HK$", else ""
    written_in_words: bool
    vague: bool  # "dozens", "hundreds of": an order of magnitude, not a count
    scaled: bool  # a scale word or suffix was applied ("1.13bn")
    decimals: int  # digits after the decimal point as written (for rounding intervals)
    unit: str = ""  # a unit the writing itself implies ("2:17:18" is in seconds, "twice" in times), else ""
    proportion: bool = False  # "one in five": a share that needs nothing counted after it


_EXPONENT = re.compile(r"[eE][-+]?\d+(?![\w.])")


def _vulgar_fraction(sentence: str, pos: int) -> float:
    """The value of a single-character fraction ("½", "¾") at `pos`, else 0."""
    char = sentence[pos:pos + 1]
    if not char or unicodedata.category(char) != "No":
        return 0.0
    value = unicodedata.numeric(char, 0.0)
    return value if 0 < value < 1 else 0.0


def _parse_digits(raw: str) -> tuple[float, int]:
    clean = raw.replace(",", "")
    decimals = len(clean.split(".", 1)[1]) if "." in clean else 0
    return float(clean), decimals


# "£" spelt "PS", as ASCII transliteration (unidecode) writes it: "PS2.7m", "PS8.1bn", "PS300,000".
# Only glued to an amount with a scale, decimals or thousands, never "PS4" (a console).
_TRANSLITERATED_POUND = re.compile(r"(?<![\w.])PS(?=\d+(?:[.,]\d+)*(?:bn|m|k)\b|\d{1,3}(?:,\d{3})+\b|\d+\.\d{2}\b)")


def _currency_before(sentence: str, start: int) -> tuple[str, int]:
    """ISO code and start offset of a currency prefix ending at `start`, or ("", start)."""
    if start >= 2 and _TRANSLITERATED_POUND.match(sentence, start - 2):
        return "GBP", start - 2
    window_start = max(0, start - 8)
    match = CURRENCY_PREFIX.search(sentence[window_start:start])
    if not match:
        return "", start
    begin = window_start + match.start()
    prefix = match.group("prefix")
    # A prefix that starts with a letter must start a word: "AT$5" is not "T$", "SHK 5" not "HK".
    if begin > 0 and sentence[begin - 1].isalnum() and prefix[0].isalpha():
        return "", start
    return _CURRENCIES.prefixes.get(prefix) or _CURRENCIES.prefixes.get(re.sub(r"\s+", " ", prefix)) or prefix, begin


def _scale_after(sentence: str, end: int, currency: str) -> tuple[float, int]:
    match = _SCALE_AFTER.match(sentence, end)
    if not match:
        return 1.0, end
    scale = match.group("scale")
    lower = scale.lower()
    if lower in SCALE_WORDS:
        if not match.group("space") and len(lower) > 3:
            return 1.0, end  # "5million" is rare; "5hundred" even rarer: treat as written
        return SCALE_WORDS[lower], match.end()
    after = sentence[match.end():match.end() + 40]
    counted = _COUNTED_AFTER_SCALE.match(after)
    if counted is not None and re.search(r"\b[a-z]", counted.group("modifiers")) \
            and "VERB" in getAllLemmas(counted.group("counted")):
        counted = None  # "the 30m tower stands": past a modifier, a word that can be a verb is one ("3m PSP consoles")
    lemmas = getAllLemmas(counted.group("counted").lower()) if counted is not None else {}
    if counted is not None and counted.group("counted").islower() and lemmas and "NOUN" not in lemmas:
        counted = None  # "the 60m indoors": an adverb ending in "s" counts nothing
    if counted is not None and counted.group("counted")[:1].isupper() and counted.start("counted") != \
            len(after) - len(after.lstrip()):
        counted = None  # a people right after the number ("60m Americans"), not "100m of the Thames"
    # "the 100m and 200m finals", "the 400m hurdles": a race is run over metres.
    money_after = _CURRENCY_AFTER.match(after)
    if money_after is not None and money_after.group(0).strip().lower() == "crown":
        money_after = None  # "the 1,500m crown": a title; money is "80m crowns"
    if counted is not None and counted.group("modifiers").split()[:1] \
            and counted.group("modifiers").split()[0].lower() in SMALL_NUMBER_WORDS:
        counted = None  # "the 5,000m three days later": another number's noun
    counts_after = counted is not None and counted.group("counted") not in RACE_NOUNS or money_after is not None
    # "5 m" is five metres and "5 k" no scale, but a capital letter before what is counted is
    # one: "8 B people", "3 M users".
    # After a currency a spaced letter is a scale too: money is never metres ("£1.5 m", "$3 bn").
    if match.group("space") and lower not in {"bn", "mn", "mln", "tn", "trn"} \
            and not (scale in {"M", "B"} and counts_after) and not (currency and lower in {"m", "b"}):
        return 1.0, end
    if lower in {"m", "b", "k"}:
        # Lower-case "m" glued to a bare number is metres ("37m"); with a currency, or before
        # what is counted ("35m devices", "35m of its devices"), millions.
        if lower == "m" and scale == "m" and not currency and not counts_after:
            return 1.0, end
        if lower == "b" and not currency and scale == "b":
            return 1.0, end  # "16b" bits; money says "bn"
        if lower == "k" and not currency and scale == "k" and re.match(r"\s*(?:m|g|W|Wh|Hz|V|J)\b", after):
            return 1.0, end
    return SCALE_SUFFIXES[lower], match.end()


_SCALE_WORD_IN = re.compile(r"\b(?:" + "|".join(SCALE_WORDS) + r")\b", re.IGNORECASE)


def _follows_in_a_number(current: float, added: int) -> bool:
    """Whether a number word worth `added` continues a number whose value so far (below its last
    scale) is `current`: units after tens ("twenty five"), tens or teens after hundreds ("a hundred
    and twenty"), anything at the start."""
    rest = current % 100
    if current == 0:
        return True
    if added < 10:
        return rest == 0 or (rest >= 20 and rest % 10 == 0)
    return rest == 0


# Words after which a scale word stands alone for one of it: "the first million sold".
_BEFORE_A_BARE_SCALE = "|".join(sorted(MORE_OF_THE_SAME - {"other", "more"} | {"first", "next"}))
_BARE_SCALE_BEFORE = re.compile(r"\b(?:" + _BEFORE_A_BARE_SCALE + r")\s+$", re.IGNORECASE)
_BARE_SCALE = re.compile(r"\b(?:" + _BEFORE_A_BARE_SCALE + r")\s+(?P<scale>thousand|million|billion)\b",
                         re.IGNORECASE)


def _word_run(sentence: str, start: int) -> list[tuple[str, int, int]]:
    """The words from `start` joined by spaces or "and" (lower-cased, with their spans)."""
    tokens: list[tuple[str, int, int]] = []
    for m in _WORD.finditer(sentence, start):
        if tokens and sentence[tokens[-1][2]:m.start()].strip(" ") not in ("", "and"):
            break
        tokens.append((m.group(0).lower(), m.start(), m.end()))
        if len(tokens) >= 16:  # "nine hundred and ninety-nine million nine hundred and ninety-nine thousand ..."
            break
    return tokens


def _word_number_at(sentence: str, start: int) -> tuple[float, float, float, int, bool] | None:
    """Parse a run of number words starting at `start`: value, low, high, end, vague."""
    tokens = _word_run(sentence, start)
    if not tokens or tokens[0][1] != start:
        return None
    total, current, consumed_end, used = 0.0, 0.0, start, 0
    if tokens[0][0] in SCALE_WORDS and _BARE_SCALE_BEFORE.search(sentence, max(0, start - 12), start):
        current, used = 1.0, 1  # "the first million", "another billion": one of the scale
    skip_half = False
    for index, (word, _, w_end) in enumerate(tokens):
        parts = word.split("-")
        if skip_half:
            skip_half, consumed_end = False, w_end
            continue
        if word in ("a", "an") and used and tokens[index - 1][0] == "and" and index + 1 < len(tokens) \
                and tokens[index + 1][0] == "half":
            current += 0.5  # "one and a half million"
            skip_half = True
            continue
        if word in ("a", "an") and not used:
            # "a hundred and twenty thousand": the article is one of the scale that follows.
            if index + 1 < len(tokens) and tokens[index + 1][0] in SCALE_WORDS:
                current, used = 1.0, 1
                continue
            return None
        if parts[-3:] == ["and", "a", "half"] and 1 <= len(parts) - 3 <= 2 \
                and all(p in SMALL_NUMBER_WORDS for p in parts[:-3]):
            current += sum(SMALL_NUMBER_WORDS[p] for p in parts[:-3]) + 0.5  # "one-and-a-half million"
        # "three Six Nations games": a small number word that cannot continue the number starts
        # another (none of the branches below takes it either).
        elif all(p in SMALL_NUMBER_WORDS for p in parts) and len(parts) <= 2 \
                and _follows_in_a_number(current, sum(SMALL_NUMBER_WORDS[p] for p in parts)):
            current += sum(SMALL_NUMBER_WORDS[p] for p in parts)
        elif word == "hundred" and used:
            current = (current or 1) * 100
        elif word in SCALE_WORDS and used and word != "hundred":
            total += (current or 1) * SCALE_WORDS[word]
            current = 0
        elif word == "and" and used and index + 1 < len(tokens):
            continue
        else:
            break
        used += 1
        consumed_end = w_end
    if not used:
        return None
    value = total + current
    return value, value, value, consumed_end, False


_VAGUE_PLURAL = re.compile(
    r"(?P<tens>tens\s+of\s+)?(?P<word>" + "|".join(VAGUE_PLURALS) + r")"
    r"(?P<more>\s+of\s+(?P<word2>thousands|millions|billions))?\b",
    re.IGNORECASE,
)
_MONEY_VERB_BEFORE = re.compile(
    r"\b(?:" + "|".join(sorted(word_forms(MONEY_VERBS), key=len, reverse=True)) + r")\s+(?:(?:up\s+to|an\s+estimated|"
    r"the\s+[a-z]+|[a-z]+)\s+)?$",  # "costs them billions", "costs insurers billions", "cost the firm millions"
    re.IGNORECASE,
)


def _money_plural(sentence: str, m: re.Match[str]) -> bool:
    """'seeking millions in damages', 'investing millions', 'costs them billions': a plural of a
    scale of a million or more with no "of" is an amount of money when "in" a noun follows or a verb
    of paying or earning comes before."""
    if m.group("word").lower() not in {"millions", "billions", "trillions"} or m.group("more"):
        return False
    return re.match(r"\s+in\s+[a-z]", sentence[m.end():]) is not None \
        or _MONEY_VERB_BEFORE.search(sentence, max(0, m.start() - 40), m.start()) is not None


# After a vague plural standing as a noun of its own: its verb ("Thousands have fled", "Dozens were
# hurt", "hundreds marched"), or "more" and what it counts ("thousands more jobs").
_PLURAL_AS_SUBJECT_AFTER = re.compile(
    r"\s+(?:(?:" + "|".join(sorted(AUXILIARIES - {"'s", "’s", "be", "been", "being", "having"})) + r")\b|[a-z]+ed\b)")
_MORE_NOUNS_AFTER = re.compile(r"\s+more\s+[a-z]+s\b")
# Before one that ends a clause as the object of a verb ("could reach millions.", "helped thousands,"):
# a lowercase word that is no determiner, preposition or number ("in their thousands", "two hundreds").
_PLURAL_AS_OBJECT_BEFORE = re.compile(r"\b(?P<word>[a-z]+)\s+$")
_CLAUSE_END = re.compile(r"\s*(?:[.,;:!?\"”]|$)")
_OPENING = re.compile(r"[\s\"“‘']*")


def _plural_as_noun(sentence: str, m: re.Match[str]) -> bool:
    """'Thousands have fled', 'could reach millions.', 'thousands more jobs': a vague plural with
    no "of" that is itself what is counted (people, or the noun after "more")."""
    if m.group("more") or m.group("tens"):
        return False
    rest = sentence[m.end():]
    if _MORE_NOUNS_AFTER.match(rest):
        return True
    before = _PLURAL_AS_OBJECT_BEFORE.search(sentence, max(0, m.start() - 30), m.start())
    word_before = before.group("word") if before is not None else ""
    after_a_number = word_before in SMALL_NUMBER_WORDS
    if _PLURAL_AS_SUBJECT_AFTER.match(rest):
        # "tales that millions can share" ("that" relates); not "their thousands were" (whose)
        return not after_a_number and (word_before not in DETERMINERS or word_before in RELATIVE_PRONOUNS)
    if _OPENING.fullmatch(sentence, 0, m.start()) and re.match(r"\s+[a-z]", rest):
        return True  # "Millions buy ...": a sentence (or headline) that opens with it
    return bool(word_before) and not after_a_number and word_before not in STOP_WORDS \
        and _CLAUSE_END.match(rest) is not None


def _vague_at(sentence: str, start: int) -> tuple[float, float, float, int] | None:
    """'dozens of', 'hundreds of', 'tens of thousands of', 'several hundred': no value (NaN), a low and a high."""
    m = _VAGUE_PLURAL.match(sentence, start)
    if m and not re.match(r"[\"”’']?\s+of\b", sentence[m.end():]) and not _money_plural(sentence, m) \
            and not _plural_as_noun(sentence, m):
        m = None
    if m:
        low, high = VAGUE_PLURALS[m.group("word").lower()]
        if m.group("tens"):
            low, high = low * 10, low * 100
        if m.group("word2"):
            factor = VAGUE_PLURALS[m.group("word2").lower()][0]
            low, high = low * factor, high * factor
        return math.nan, low, high, m.end("more") if m.group("more") else m.end("word")
    m = re.compile(r"(?:several|a\s+few|a\s+couple\s+of)\s+(?P<scale>hundred|thousand|million|billion)\b",
                   re.IGNORECASE).match(sentence, start)
    if m:
        scale = SCALE_WORDS[m.group("scale").lower()]
        few = m.group(0).lower().startswith("a ")
        low, high = (2 * scale, 5 * scale) if few else (3 * scale, 9 * scale)
        return math.nan, low, high, m.end()
    return None


_DIGIT_WORDS = "|".join(word for word, value in SMALL_NUMBER_WORDS.items() if 1 <= value <= 9)  # one ... nine
_FRACTION = re.compile(
    r"(?P<num>a|an|" + _DIGIT_WORDS + r")[\s-]+"
    r"(?P<den>" + "|".join(sorted(FRACTION_WORDS, key=len, reverse=True)) + r")\b"
    # Other ordinals are denominators only hyphenated to their numerator: "one-twentieth", not "a
    # sixth title" (halves to tenths, hundredths and thousandths are fractions either way).
    r"|(?P<hnum>" + _DIGIT_WORDS + r")-(?P<hden>"
    + "|".join(sorted(HYPHENATED_DENOMINATORS, key=len, reverse=True)) + r")\b"
    r"|(?P<half>half)\b",
    re.IGNORECASE,
)
_FRACTION_OF_SCALE = re.compile(
    r"\s+(?:of\s+)?(?:an?\s+)?(?P<scale>hundred|thousand|million|billion|trillion)\b", re.IGNORECASE
)
_DIGIT_FRACTION = re.compile(r"(?<![\w/.])(?P<n>\d{1,2})\s?[/⁄]\s?(?P<d>\d{1,3})(?![\w/])")
_WORD_START = re.compile(
    r"\b(?:" + "|".join(sorted(SMALL_NUMBER_WORDS, key=len, reverse=True))
    + r"|a\s+dozen|" + "|".join(VAGUE_PLURALS) + r"|tens\s+of|several|a\s+few|a\s+couple"
    r"|a\s+hundred|a\s+thousand|a\s+million|a\s+billion|a\s+trillion|half|an?\s+(?:third|quarter|fifth|tenth))\b",
    re.IGNORECASE,
)


_AFTER_EXPONENT = re.compile(r"\d[eE][-+]?$")


# Durations written in parts, largest first: "two hours 18 minutes 15 seconds", "1 hr 5 mins".
SECONDS_IN = {"hour": 3600, "minute": 60, "second": 1}
_DURATION_PART = re.compile(
    r"[ \u00a0]?(?P<unit>hours?|hrs?|minutes?|mins?|seconds?|secs?)\b,?[ \u00a0]+(?:and[ \u00a0]+)?",
    re.IGNORECASE,
)
_DURATION_END = re.compile(r"[ \u00a0]?(?P<unit>minutes?|mins?|seconds?|secs?)\b", re.IGNORECASE)


def _seconds_in(unit: str) -> int:
    # "hour", "hrs", "minute", "mins", "second", "secs": the first letter tells them apart.
    first = unit[:1].lower()
    return next(seconds for name, seconds in SECONDS_IN.items() if name[0] == first)


def _compound_duration(sentence: str, first: NumberMention) -> NumberMention | None:
    """One duration from its parts, counted in its last (smallest) unit, whose word then follows
    the mention as any unit does: "two hours 18 minutes 15 seconds" is 8,295 seconds."""
    if first.is_range or first.currency or first.value < 0:
        return None
    parts: list[tuple[float, int]] = []  # (amount, seconds in its unit), largest unit first
    value, end = first.value, first.end
    while True:
        part = _DURATION_PART.match(sentence, end)
        if part is None:
            break
        unit = _seconds_in(part.group("unit"))
        if parts and unit >= parts[-1][1]:
            break
        kind = "digits" if sentence[part.end():part.end() + 1].isdigit() else "words"
        following = _single_at(sentence, part.end(), kind)
        if following is None or following[7] or following[4]:
            break
        closing = _DURATION_END.match(sentence, following[3])
        if closing is None or _seconds_in(closing.group("unit")) >= unit:
            break
        parts.append((value, unit))
        value, end = following[0], following[3]
    closing = _DURATION_END.match(sentence, end)
    if not parts or closing is None:
        return None
    last = _seconds_in(closing.group("unit"))
    amount = (sum(v * u for v, u in parts) + value * last) / last
    return NumberMention(start=first.start, end=end, value=amount, low=amount, high=amount, is_range=False,
                         currency="", written_in_words=first.written_in_words, vague=False, scaled=False,
                         decimals=0)


# A height or length in feet and inches: "6ft 2in", "5 feet 8 inches", "6ft 5ins".
_FEET_THEN_INCHES = re.compile(
    r"[ \u00a0]?(?:ft|feet|foot)\b\.?,?[ \u00a0]*(?:and[ \u00a0]+)?(?P<inches>\d{1,2}(?:\.\d+)?|½)"
    r"[ \u00a0]?(?P<unit>ins?|inch(?:es)?)\b",
    re.IGNORECASE)


def _feet_and_inches(sentence: str, first: NumberMention) -> NumberMention | None:
    """One length in inches from its parts: "6ft 2in" is 74 inches."""
    if first.is_range or first.currency or first.written_in_words or not 0 < first.value < 10:
        return None
    m = _FEET_THEN_INCHES.match(sentence, first.end)
    if m is None:
        return None
    inches = 0.5 if m.group("inches") == "½" else float(m.group("inches"))
    if inches >= 12:
        return None
    amount = first.value * 12 + inches
    return NumberMention(start=first.start, end=m.end(), value=amount, low=amount, high=amount, is_range=False,
                         currency="", written_in_words=False, vague=False, scaled=False, decimals=0, unit="inch")


# "2:17:18", "1:59:40.2": hours, minutes and seconds of a time taken, not a time of day (which
# comes after "at", "until", ... or before "am", "GMT").
# "3:41.07", "12:58.3": minutes and seconds with fractions of a second, which a clock never shows.
_RACE_TIME = re.compile(r"(?P<h>\d{1,2}):(?P<m>[0-5]\d):(?P<s>[0-5]\d(?:\.\d+)?)(?![\d:])"
                        r"|(?P<min>\d{1,2}):(?P<sec>[0-5]\d\.\d{1,3})(?![\d:]|\.\d)")
_CLOCK_BEFORE = re.compile(r"\b(?:at|until|till|by|from|since|before|after|around|to)\s+$", re.IGNORECASE)
_CLOCK_AFTER = re.compile(r"\s?(?:[ap]\.?m\b|GMT|BST|UTC|[ECMP][SD]T|CET|local|hrs\b|o'clock)", re.IGNORECASE)


def _race_time_at(sentence: str, start: int) -> NumberMention | None:
    m = _RACE_TIME.match(sentence, start)
    if m is None or start > 0 and sentence[start - 1] in ":.,":
        return None
    if _CLOCK_BEFORE.search(sentence, max(0, start - 12), start) or _CLOCK_AFTER.match(sentence, m.end()):
        return None
    if m.group("min") is not None:
        seconds = int(m.group("min")) * 60 + float(m.group("sec"))
    else:
        seconds = int(m.group("h")) * 3600 + int(m.group("m")) * 60 + float(m.group("s"))
    return NumberMention(start=start, end=m.end(), value=seconds, low=seconds, high=seconds, is_range=False,
                         currency="", written_in_words=False, vague=False, scaled=False, decimals=0, unit="second")


# How many times: "twice", "thrice", "tenfold", "a 10-fold rise", "three-fold". Not "think twice",
# "once or twice" (a vague few) or "twice-weekly" (how often, a word of its own).
_MULTIPLE = re.compile(
    r"(?<![\w-])(?:(?P<adverb>" + "|".join(MULTIPLE_ADVERBS) + r")|(?P<times>\d+(?:\.\d+)?|"
    + "|".join(sorted(SMALL_NUMBER_WORDS, key=len, reverse=True)) + r"|hundred|thousand)-?fold)(?![\w-])",
    re.IGNORECASE,
)
# "broke twice in the opening set and once in the next": "once" joined to another count of times
# counts one (not "at once", "once again", "once he left", "once or twice").
_TIMES_BESIDE = re.compile(r"\b(?:twice|thrice|\w+\s+times)\b", re.IGNORECASE)
_ONCE_BESIDE = re.compile(r"(?:\b(?:and|but)\s+(?:[a-z]+\s+)?|,\s*)(once)\b"
                          r"(?!\s+(?:or|again|more|upon|the|a|an|he|she|it|they|we|I|you|his|her|their|its)\b)",
                          re.IGNORECASE)
_MULTIPLE_IDIOM_BEFORE = re.compile(
    r"\b(?:(?:" + "|".join(sorted(MULTIPLE_IDIOM_VERBS)) + r")|once\s+or)\s+$", re.IGNORECASE
)


def _multiple_at(sentence: str, start: int) -> NumberMention | None:
    """'twice', 'tenfold': a number of times, its unit "time" (as "five times" is counted)."""
    m = _MULTIPLE.match(sentence, start)
    if m is None or _MULTIPLE_IDIOM_BEFORE.search(sentence, max(0, start - 20), start):
        return None
    if m.group("adverb"):
        value = float(MULTIPLE_ADVERBS[m.group("adverb").lower()])
    else:
        times = m.group("times").lower()
        value = float(times) if times[0].isdigit() else float(SMALL_NUMBER_WORDS.get(times) or SCALE_WORDS[times])
    if value < 2:
        return None
    words = not m.group(0)[0].isdigit()
    return NumberMention(start=start, end=m.end(), value=value, low=value, high=value, is_range=False,
                         currency="", written_in_words=words, vague=False, scaled=False, decimals=0, unit="time")


def _once_at(sentence: str, start: int) -> NumberMention:
    """'once' beside another count of times (found by _ONCE_BESIDE): one time."""
    return NumberMention(start=start, end=start + 4, value=1.0, low=1.0, high=1.0, is_range=False, currency="",
                         written_in_words=True, vague=False, scaled=False, decimals=0, unit="time")


# "a week-long visit", "a year-long review": one unit of time, how long something lasts.
ONE_UNIT_LONG = re.compile(r"(?<![\w-])(?P<unit>hour|day|week|month|year|decade)-long\b", re.IGNORECASE)


def _one_unit_long_at(sentence: str, start: int) -> NumberMention | None:
    m = ONE_UNIT_LONG.match(sentence, start)
    if m is None:
        return None
    return NumberMention(start=start, end=m.end(), value=1.0, low=1.0, high=1.0, is_range=False, currency="",
                         written_in_words=True, vague=False, scaled=False, decimals=0, unit=m.group("unit").lower())


# Readers of the words that state a number of times or one unit of time, by candidate kind.
_WORD_OF_TIMES: dict[str, Callable[[str, int], NumberMention | None]] = {
    "multiple": _multiple_at, "long": _one_unit_long_at, "once": _once_at}


def find_numbers(sentence: str) -> list[NumberMention]:
    """Every number in `sentence`, left to right, ranges joined, scale words applied."""
    mentions: list[NumberMention] = []
    taken_until = -1
    candidates: list[tuple[int, str]] = [(m.start(), "digits") for m in DIGITS.finditer(sentence)]
    candidates += [(m.start(), "fraction") for m in _DIGIT_FRACTION.finditer(sentence)]
    if re.search(r"[a-z]", sentence, re.IGNORECASE):
        candidates += [(m.start(), "words") for m in _WORD_START.finditer(sentence)]
        candidates += [(m.start("scale"), "words") for m in _BARE_SCALE.finditer(sentence)]
        lowered = sentence.lower()
        if "fold" in lowered or "twice" in lowered or "thrice" in lowered:
            candidates += [(m.start(), "multiple") for m in _MULTIPLE.finditer(sentence)]
        if "once" in lowered and _TIMES_BESIDE.search(sentence):
            candidates += [(m.start(1), "once") for m in _ONCE_BESIDE.finditer(sentence)]
        if "-long" in lowered:
            candidates += [(m.start(), "long") for m in ONE_UNIT_LONG.finditer(sentence)]
    order = {"multiple": -1, "once": -1, "long": -1, "fraction": 0, "digits": 1, "words": 2}
    candidates.sort(key=lambda c: (c[0], order[c[1]]))
    for start, kind in candidates:
        if start < taken_until:
            continue
        if kind == "digits" and _AFTER_EXPONENT.search(sentence, max(0, start - 3), start):
            continue  # the exponent of a number written in scientific notation
        if kind in _WORD_OF_TIMES:
            mention = _WORD_OF_TIMES[kind](sentence, start)
            if mention is not None:
                mentions.append(mention)
                taken_until = mention.end
            continue
        mention = _race_time_at(sentence, start) if kind == "digits" else None
        mention = mention or _mention_at(sentence, start, kind)
        if mention is None:
            continue
        mention = _compound_duration(sentence, mention) or _feet_and_inches(sentence, mention) or mention
        mentions.append(mention)
        taken_until = mention.end
    return mentions


# One number read at a position: (value, low, high, end, currency, currency start, written in
# words, vague, scaled, decimals).
_Single = tuple[float, float, float, int, str, int, bool, bool, bool, int]


def _single_at(sentence: str, start: int, kind: str, currency_hint: str = "") -> _Single | None:
    """One number (no range) starting at `start`."""
    currency, cur_start = _currency_before(sentence, start)
    sign = 1.0
    if not currency and kind == "digits" and start > 0 and sentence[start - 1] in "-−":
        # "$-50.8bn": a minus sign written between the currency and the digits.
        currency, cur_start = _currency_before(sentence, start - 1)
        sign = -1.0 if currency else 1.0
    if kind == "fraction":
        m = _DIGIT_FRACTION.match(sentence, start)
        if not m or int(m.group("d")) == 0 or int(m.group("n")) >= int(m.group("d")):
            return None
        value = int(m.group("n")) / int(m.group("d"))
        return value, value, value, m.end(), "", start, False, False, False, 6
    if kind == "digits":
        return _digits_at(sentence, start, currency, cur_start, sign, currency or currency_hint)
    return _words_at(sentence, start, currency, cur_start)


# Scientific notation with a multiplication sign: "1.99×10−30", "6.02 x 10^23", "3×10⁸". Without a
# caret, a superscript or (after "×") a minus sign, "2×10" is two dimensions, not a power of ten.
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_TIMES_TEN = re.compile(
    r"[ \u00a0]?(?:[×x*·][ \u00a0]?10(?:\^|\*\*)[ \u00a0]?(?P<caret>[-−+]?\d{1,3})"
    r"|[×x*·][ \u00a0]?10(?P<super>[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})"
    r"|×[ \u00a0]?10(?P<minus>[-−]\d{1,3}))(?![\d.,]\d)"
)


def _power_of_ten(m: re.Match[str]) -> int:
    written = m.group("caret") or m.group("minus") or m.group("super").translate(_SUPERSCRIPTS)
    return int(written.replace("−", "-"))


# Groups of exactly three digits after spaces (plain, no-break or thin): "45 000", "1 250 000.5".
# Not before a letter or hyphen ("3 100m", "2 100-metre races" are two numbers).
_SPACE_GROUPS = re.compile(r"(?:[ \u00a0\u202f\u2009]\d{3}(?![\d,]))+(?:\.\d+)?(?![\w.,-]?\d|[A-Za-z-])")


def _digits_at(sentence: str, start: int, currency: str, cur_start: int, sign: float,
               scale_currency: str) -> _Single | None:
    m = DIGITS.match(sentence, start)
    if not m:
        return None
    value, decimals = _parse_digits(m.group(0))
    if not math.isfinite(value):
        return None  # a 310-digit number overflows a float: no statistic is written like that
    digits_end = m.end()
    grouped = _SPACE_GROUPS.match(sentence, digits_end) if re.fullmatch(r"\d{1,3}", m.group(0)) else None
    if grouped:
        # "45 000 fans", "1 250 000": thousands set apart by spaces (SI and many European styles).
        value, decimals = _parse_digits(m.group(0) + re.sub(r"[^\d.]", "", grouped.group(0)))
        digits_end = grouped.end()
    exponent = _EXPONENT.match(sentence, digits_end)
    if exponent and exponent.group(0)[0] == "E" and "." not in m.group(0):
        return None  # "the Aerco 4E8", "a 3E5 chip": a capital E between whole numbers is a model name
    if exponent:
        # "6.02e23" is one number; "1e309" overflows a float and is not read at all, never
        # as the "309" after its "e".
        value = float(m.group(0).replace(",", "") + exponent.group(0))
        if not math.isfinite(value):
            return None
        return value, value, value, exponent.end(), currency, cur_start, False, False, False, decimals
    times_ten = _TIMES_TEN.match(sentence, digits_end)
    if times_ten:
        value = float(f"{m.group(0).replace(',', '')}e{_power_of_ten(times_ten)}")
        if not math.isfinite(value) or value == 0:
            return None
        return value, value, value, times_ten.end(), currency, cur_start, False, False, False, decimals
    vulgar = _vulgar_fraction(sentence, digits_end)
    if vulgar:
        # "2½ per cent": the fraction sign belongs to the whole number before it.
        value, digits_end, decimals = value + vulgar, digits_end + 1, max(decimals, 2)
    scale, end = _scale_after(sentence, digits_end, scale_currency)
    # "4 hundred million": a second scale word multiplies the first.
    if scale != 1.0:
        scale2, end2 = _scale_after(sentence, end, scale_currency)
        if scale2 > scale and sentence[end:end + 1] == " ":
            scale, end = scale * scale2, end2
    if scale != 1.0:
        # In decimal, so that "4.1m" is 4100000 and not the binary product 4099999.9999999995.
        value = float(Decimal(repr(value)) * Decimal(repr(scale)))
    value *= sign
    return value, value, value, end, currency, cur_start, False, False, scale != 1.0, decimals


_A_DOZEN = re.compile(r"a\s+dozen\b", re.IGNORECASE)


def _words_at(sentence: str, start: int, currency: str, cur_start: int) -> _Single | None:
    vague = _vague_at(sentence, start)
    if vague:
        value, low, high, end = vague
        return value, low, high, end, currency, cur_start, True, True, False, 0
    frac = _FRACTION.match(sentence, start)
    if frac:
        if frac.group("half"):
            value = 0.5
        elif frac.group("hden"):
            value = SMALL_NUMBER_WORDS[frac.group("hnum").lower()] / HYPHENATED_DENOMINATORS[frac.group("hden").lower()]
        else:
            num = frac.group("num").lower()
            numerator = 1 if num in ("a", "an", "one") else SMALL_NUMBER_WORDS[num]
            value = numerator / FRACTION_WORDS[frac.group("den").lower()]
        of_scale = _FRACTION_OF_SCALE.match(sentence, frac.end())
        if of_scale:
            # "half a million fans", "a quarter of a billion": a share of the scale word.
            value *= SCALE_WORDS[of_scale.group("scale").lower()]
            return value, value, value, of_scale.end(), currency, cur_start, True, False, True, 0
        return value, value, value, frac.end(), "", start, True, False, False, 6
    dozen = _A_DOZEN.match(sentence, start)
    if dozen:
        return 12.0, 12.0, 12.0, dozen.end(), "", start, True, False, False, 0
    parsed = _word_number_at(sentence, start)
    if parsed is None:
        return None
    value, low, high, end, vague_flag = parsed
    scaled = bool(_SCALE_WORD_IN.search(sentence, start, end))
    return value, low, high, end, currency, cur_start, True, vague_flag, scaled, 0


_RANGE_TO_RANGE = re.compile(
    r"[\d.,]+(?:\s?(?:%|per\s?cent|percent|[a-z]+))?\s+to\s+[$€£]?[\d.,]+\s?(?:to|-|–)\s?[$€£]?\d",
    re.IGNORECASE,
)
# "one in three Germans", "one-in-four adults", "3 out of 10 adults": a proportion, not two counts.
# Not "2 in 10 days".
_PROPORTION = re.compile(
    r"(?:\s+(?:in|out\s+of)\s+|-in-)(?P<whole>\d{1,4}(?![\d.,])|" + "|".join(SMALL_NUMBER_WORDS) + r"|a\s+hundred)\b"
    r"(?!\s+(?:" + DURATION_UNIT_WORDS + r"|[%$€£]|per\s*cent|percent)\b)",
    re.IGNORECASE,
)


def _proportion_after(sentence: str, end: int, value: float) -> tuple[float, int] | None:
    """(share, end) when the whole number at `end` is followed by 'in N' / 'out of N' with N larger."""
    if value != int(value) or value < 1:
        return None
    m = _PROPORTION.match(sentence, end)
    if m is None:
        return None
    whole_text = m.group("whole").lower()
    if whole_text[0].isdigit():
        whole = float(whole_text)
    elif whole_text.startswith("a"):
        whole = 100.0
    else:
        whole = float(SMALL_NUMBER_WORDS[whole_text])
    if not value < whole <= 1000 or re.match(r"\s*[-–]", sentence[m.end():]):
        return None
    return value / whole, m.end()


_SIGN_BEFORE = re.compile(r"(?:(?<![\w-])(?P<minus>minus)[\s-]|(?<![\w\d.,)])(?P<sym>[-−+]))$", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_BY_BEFORE = re.compile(r"\bby\s+$", re.IGNORECASE)
_AND_JOIN = re.compile(r"\s+and\s+")
_OR_WORD_JOIN = re.compile(r"\s+or\s+(?=(?:" + "|".join(SMALL_NUMBER_WORDS) + r")\b)", re.IGNORECASE)


def _sign_before(before: str, words: bool) -> tuple[float, int | None]:
    """The sign written before a number and where it starts: "minus 5", "minus-130", "-50.8bn"
    after "to", "+0.8%"."""
    sign_match = _SIGN_BEFORE.search(before)
    if not sign_match or words:
        return 1.0, None
    if sign_match.group("minus") or sign_match.group("sym") in "-−":
        # A hyphen after a word is a compound ("sub-7"), not a minus sign.
        prefix = before[:sign_match.start()]
        if sign_match.group("minus") or not prefix or prefix[-1] in " (\u00a0=":
            return -1.0, sign_match.start()
        return 1.0, None
    return 1.0, sign_match.start()


# A year after a preposition of time ends the text before it; a year is four digits from 1800 to 2099.
_DATING_YEAR = re.compile(r"\b(?:in|during|since|by|until|through|throughout|for|of)\s+(?:1[89]|20)\d\d$",
                          re.IGNORECASE)
_YEAR = re.compile(r"(?:1[89]|20)\d\d")


def _range_join(sentence: str, end: int, before: str, between: bool, currency: str,
                words: bool) -> tuple[re.Match[str] | None, bool]:
    """What joins a number to the second end of a range ("-", "to", "and" after "between"), and
    whether the first number is a change "by" which the range was reached."""
    join = (_AND_JOIN if between else _RANGE_JOIN).match(sentence, end)
    if join is None and between:
        join = _RANGE_JOIN.match(sentence, end)  # "between seven to 10 years": loose but common
    if join is None and words:
        join = _OR_WORD_JOIN.match(sentence, end)
    # "increased by $43.6bn to $419.2bn": a change and then a level, not a range. "dropped by 1 to
    # 1.5 degrees" is a range: a bare first number close to the second is a spread of one change.
    by_change = bool(join and (_BY_BEFORE.search(before) or CHANGE_VERB_BEFORE.search(before[-40:])))
    if by_change and (currency or words):
        join = None
    if join and CHANGE_FROM.search(before[-80:]) and not _RANGE_TO_RANGE.match(sentence, join.end()):
        join = None  # but "lowered from 6 to 8 per cent to 2 to 4 per cent" moves from one range to another
    return join, by_change


def _range_end(sentence: str, end: int, join: re.Match[str], value: float, scaled: bool, currency: str,
               between: bool, by_change: bool) -> tuple[float, float, int, str, bool] | None:
    """(low, high, end, currency, scaled) of the range a number opens, or None when the second
    number does not close one (a score "3-1", a change then a level)."""
    second_start = join.end()
    prefix = _CURRENCY_AT.match(sentence, second_start)
    if prefix:
        second_start = prefix.end()
    second_kind = "words" if re.match(r"[A-Za-z]", sentence[second_start:second_start + 1]) else "digits"
    second = _single_at(sentence, second_start, second_kind, currency)
    if second is None or second[7]:
        return None
    v2, _, _, end2, cur2, _, words2, _, scaled2, _ = second
    first_value = value
    if scaled2 and not scaled and v2 != 0:
        # "$89 to $93 billion", "1 to 2 thousand": the scale is written once.
        written = re.match(r"[\d,.]+", sentence[second_start:end2])
        scale2 = v2 / float(written.group(0).replace(",", "")) \
            if written and not words2 and float(written.group(0).replace(",", "") or 0) else 1.0
        if scale2 > 1:
            first_value = value * scale2
    hyphen = sentence[end:join.end()].strip() in "-–—"
    is_score = hyphen and first_value >= v2 and not between
    if by_change and not (first_value > 0 and v2 <= 3 * first_value and not cur2):
        return None  # "by 5 to 40": a change of 5 and a level of 40
    if is_score or v2 <= first_value:
        return None
    if not currency and _DATING_YEAR.search(sentence, max(0, end - 20), end) \
            and not _YEAR.fullmatch(sentence, second_start, end2):
        return None  # "sales rose during 2004 to 136,000": a year, then the level reached in it
    return first_value, v2, end2, currency or cur2, scaled or scaled2


def _mention_at(sentence: str, start: int, kind: str) -> NumberMention | None:
    first = _single_at(sentence, start, kind)
    if first is None:
        return None
    value, low, high, end, currency, cur_start, words, vague, scaled, decimals = first
    span_start = cur_start if currency else start
    before = sentence[:span_start]
    sign, sign_start = _sign_before(before, words)
    if sign_start is not None:
        span_start = sign_start
    value, low, high = value * sign, low * sign, high * sign
    if math.isinf(value) or not (math.isfinite(low) and math.isfinite(high)):
        return None  # a 310-digit number overflows a float: no statistic is written like that
    is_range = vague
    proportion = False
    # Ranges: "5-10%", "$3 billion to $5 billion", "1 to 2 thousand", "between 5 and 10".
    between = _BETWEEN_BEFORE.search(before)
    join, by_change = _range_join(sentence, end, before, between is not None, currency, words)
    if join and not vague and sign > 0:
        closed = _range_end(sentence, end, join, value, scaled, currency, between is not None, by_change)
        if closed is not None:
            low, high, end, currency, scaled = closed
            value, is_range = (low + high) / 2, True
    if not is_range and not vague and not currency and sign > 0:
        proportion_read = _proportion_after(sentence, end, value)
        if proportion_read is not None:
            value, end = proportion_read
            low = high = value
            decimals, scaled, proportion = 6, False, True
    if not is_range and not vague and sign > 0:
        # "40-odd", "50-plus", "50+", "20 or so": the approximation is written after the number and
        # belongs to it, so that what it counts is read after it ("20 or so people").
        tail = APPROXIMATE_TAIL.match(sentence, end)
        if tail is not None:
            end = tail.end()
    if between and not is_range:
        between = None
    if between:
        span_start = between.start()
    if math.isinf(value) or not (math.isfinite(low) and math.isfinite(high)):
        return None  # "9" * 400 times a scale word: no statistic is that large (a vague plural's value is NaN)
    return NumberMention(
        start=span_start, end=end, value=value, low=low, high=high, is_range=is_range,
        currency=currency, written_in_words=words, vague=vague, scaled=scaled, decimals=decimals,
        proportion=proportion,
    )
