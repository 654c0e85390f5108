"""Number grammar: find every number written in a sentence, in digits or in words.

quantulum3's own number parser mis-reads scale suffixes ("$1.13bn" becomes 1.13 "dollar bit
newton"), reads "($350 million)" as negative and misses "tens of thousands", so figcheck reads
numbers itself and leaves units to `extract.engine.units`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from extract.engine.qualifiers import CHANGE_FROM

SMALL_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
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
                  "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}
# Vague plurals: "dozens of people" (12-120), "hundreds of families" (100-1,000).
VAGUE_PLURALS = {"dozens": (12, 120), "scores": (20, 200), "hundreds": (100, 1000),
                 "thousands": (1e3, 1e4), "millions": (1e6, 1e7), "billions": (1e9, 1e10),
                 "trillions": (1e12, 1e13)}

CURRENCY_PREFIX = re.compile(
    r"(?:(?P<code>USD|EUR|GBP|JPY|CNY|RMB|CHF|AUD|CAD|INR|RUB|HKD|NZD|SEK|NOK|DKK|ZAR|BRL|KRW|"
    r"SGD|MXN|TRY|UAH|ILS|PLN)\s?"
    r"|(?P<pre>US|U\.S\.|A|AU|NZ|C|CA|HK|S|NT|R|Z)\s?\$"
    r"|\$\s?(?P<post>US|A|AU|C|CA|NZ|HK)?"
    r"|(?P<sym>[$€£¥₹₽₩₺₴₪])"
    r"|(?P<rs>Rs\.?\s?|RM\s?|Y=))$"
)
_SYMBOL_CODES = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB",
                 "₩": "KRW", "₺": "TRY", "₴": "UAH", "₪": "ILS"}
_DOLLAR_PREFIX_CODES = {"US": "USD", "U.S.": "USD", "A": "AUD", "AU": "AUD", "NZ": "NZD",
                        "C": "CAD", "CA": "CAD", "HK": "HKD", "S": "SGD", "NT": "TWD",
                        "R": "BRL", "Z": "ZWL"}

# Letters may touch a number ("USD10m", "$US55,931,000", "G7"); non_figures rejects the codes.
DIGITS = re.compile(
    # Never a piece of scientific notation: "1e309" is neither 1 nor 309.
    r"(?<![\d.,/:⁄])(?<!\d[eE])(?<!\d[eE][-+])(?:\d{1,3}(?:,\d{3})+(?![\d])|\d+)(?:\.\d+)?"
    r"(?![\d]|[/⁄]\d|[eE][-+]?\d)|(?<![\w.])\.\d+(?![eE][-+]?\d)"
)
_SCALE_AFTER = re.compile(
    r"(?P<space>[ \u00a0]?)(?P<scale>bn|mn|mln|trn|tn|b|m|k|"
    r"hundred|thousand|million|billion|trillion|lakh|crore)(?![\w])",
    re.IGNORECASE,
)
_RANGE_JOIN = re.compile(r"\s?(?:-|–|—|to)\s?(?=[-$€£¥\d.]|US\b|(?:" + "|".join(SMALL_NUMBER_WORDS) + r")\b)")
_WORD = re.compile(r"[A-Za-z]+(?:-(?:one|two|three|four|five|six|seven|eight|nine)(?![\w]))?")


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


def _parse_digits(raw: str) -> tuple[float, int]:
    clean = raw.replace(",", "")
    decimals = len(clean.split(".", 1)[1]) if "." in clean else 0
    return float(clean), decimals


def _currency_before(sentence: str, start: int) -> tuple[str, int]:
    """ISO code and start offset of a currency prefix ending at `start`, or ("", start)."""
    window_start = max(0, start - 8)
    match = CURRENCY_PREFIX.search(sentence[window_start:start])
    if not match:
        return "", start
    begin = window_start + match.start()
    # "$" glued to a word ("AT$5") is not a prefix; letters before "US$" must be a boundary.
    if begin > 0 and sentence[begin - 1].isalnum():
        if not match.group("sym"):
            return "", start
    if match.group("code"):
        code = match.group("code")
        return ("CNY" if code == "RMB" else code), begin
    if match.group("pre"):
        return _DOLLAR_PREFIX_CODES[match.group("pre")], begin
    if match.group("post"):
        return _DOLLAR_PREFIX_CODES[match.group("post")], begin
    if match.group(0).startswith("$"):
        return "USD", begin
    if match.group("sym"):
        return _SYMBOL_CODES[match.group("sym")], begin
    rs = match.group("rs").strip().rstrip(".")
    return {"Rs": "INR", "RM": "MYR", "Y=": "JPY"}[rs], begin


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
    if match.group("space") and lower not in {"bn", "mn", "mln", "tn", "trn"}:
        return 1.0, end  # "5 m" is five metres, "5 k" is not a scale
    if lower in {"m", "b", "k"}:
        # Lower-case "m" glued to a bare number is metres ("37m"); with a currency, millions.
        after = sentence[match.end():match.end() + 12]
        if lower == "m" and scale == "m" and not currency and not re.match(r"\s+(?:[a-z]+s|people)\b", after):
            return 1.0, end
        if lower == "b" and not currency and scale == "b":
            return 1.0, end  # "16b" bits; money says "bn"
        if lower == "k" and not currency and scale == "k" and re.match(r"\s*(?:m|g|W|Wh|Hz|V|J)\b", after):
            return 1.0, end
    return SCALE_SUFFIXES[lower], match.end()


def _word_number_at(sentence: str, start: int) -> tuple[float, float, float, int, bool] | None:
    """Parse a run of number words starting at `start`: value, low, high, end, vague."""
    tokens = []
    for m in _WORD.finditer(sentence, start):
        if tokens and sentence[tokens[-1][2]:m.start()].strip(" ") not in ("", "and"):
            break
        tokens.append((m.group(0).lower(), m.start(), m.end()))
        if len(tokens) >= 6:
            break
    if not tokens or tokens[0][1] != start:
        return None
    total, current, consumed_end, used = 0.0, 0.0, start, 0
    for index, (word, _, w_end) in enumerate(tokens):
        parts = word.split("-")
        if all(p in SMALL_NUMBER_WORDS for p in parts) and len(parts) <= 2:
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


def _vague_at(sentence: str, start: int) -> tuple[float, float, float, int] | None:
    """'dozens of', 'hundreds of', 'tens of thousands of', 'several hundred'."""
    m = re.compile(
        r"(?P<tens>tens\s+of\s+)?(?P<word>dozens|scores|hundreds|thousands|millions|billions|trillions)"
        r"(?P<more>\s+of\s+(?P<word2>thousands|millions|billions))?(?=\s+of\b)",
        re.IGNORECASE,
    ).match(sentence, start)
    if m:
        low, high = VAGUE_PLURALS[m.group("word").lower()]
        if m.group("tens"):
            low, high = low * 10, low * 100
        if m.group("word2"):
            factor = VAGUE_PLURALS[m.group("word2").lower()][0]
            low, high = low * factor, high * factor
        return (low + high) / 2, low, high, m.end("more") if m.group("more") else m.end("word")
    m = re.compile(r"(?:several|a\s+few|a\s+couple\s+of)\s+(?P<scale>hundred|thousand|million|billion)\b",
                   re.IGNORECASE).match(sentence, start)
    if m:
        scale = SCALE_WORDS[m.group("scale").lower()]
        few = m.group(0).lower().startswith("a ")
        low, high = (2 * scale, 5 * scale) if few else (3 * scale, 9 * scale)
        return (low + high) / 2, low, high, m.end()
    return None


_FRACTION = re.compile(
    r"(?P<num>a|an|one|two|three|four|five|six|seven|eight|nine)[\s-]+"
    r"(?P<den>half|halves|third|thirds|quarter|quarters|fifth|fifths|tenth|tenths)\b"
    r"|(?P<half>half)\b",
    re.IGNORECASE,
)
_DIGIT_FRACTION = re.compile(r"(?<![\w/.])(?P<n>\d{1,2})\s?[/⁄]\s?(?P<d>\d{1,3})(?![\w/])")
_WORD_START = re.compile(
    r"\b(?:" + "|".join(sorted(SMALL_NUMBER_WORDS, key=len, reverse=True))
    + r"|a\s+dozen|dozens|scores|hundreds|thousands|millions|billions|tens\s+of|several|a\s+few|a\s+couple"
    r"|a\s+hundred|a\s+thousand|a\s+million|a\s+billion|a\s+trillion|half|an?\s+(?:third|quarter|fifth|tenth))\b",
    re.IGNORECASE,
)


def find_numbers(sentence: str) -> list[NumberMention]:
    """Every number in `sentence`, left to right, ranges joined, scale words applied."""
    mentions: list[NumberMention] = []
    taken_until = -1
    candidates: list[tuple[int, str]] = [(m.start(), "digits") for m in DIGITS.finditer(sentence)]
    candidates += [(m.start(), "fraction") for m in _DIGIT_FRACTION.finditer(sentence)]
    if re.search(r"[a-z]", sentence, re.IGNORECASE):
        candidates += [(m.start(), "words") for m in _WORD_START.finditer(sentence)]
    order = {"fraction": 0, "digits": 1, "words": 2}
    candidates.sort(key=lambda c: (c[0], order[c[1]]))
    for start, kind in candidates:
        if start < taken_until:
            continue
        mention = _mention_at(sentence, start, kind)
        if mention is None:
            continue
        mentions.append(mention)
        taken_until = mention.end
    return mentions


def _single_at(sentence: str, start: int, kind: str, currency_hint: str = ""):
    """One number (no range): (value, low, high, end, currency, cur_start, words, vague, scaled, decimals)."""
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
        m = DIGITS.match(sentence, start)
        if not m:
            return None
        value, decimals = _parse_digits(m.group(0))
        scale, end = _scale_after(sentence, m.end(), currency or currency_hint)
        # "4 hundred million": a second scale word multiplies the first.
        if scale != 1.0:
            scale2, end2 = _scale_after(sentence, end, currency or currency_hint)
            if scale2 > scale and sentence[end:end + 1] == " ":
                scale, end = scale * scale2, end2
        value *= scale * sign
        return value, value, value, end, currency, cur_start, False, False, scale != 1.0, decimals
    vague = _vague_at(sentence, start)
    if vague:
        value, low, high, end = vague
        return value, low, high, end, currency, cur_start, True, True, False, 0
    frac = _FRACTION.match(sentence, start)
    if frac:
        if frac.group("half"):
            value = 0.5
        else:
            num = frac.group("num").lower()
            numerator = 1 if num in ("a", "an", "one") else SMALL_NUMBER_WORDS[num]
            value = numerator / FRACTION_WORDS[frac.group("den").lower()]
        return value, value, value, frac.end(), "", start, True, False, False, 6
    if re.match(r"a\s+dozen\b", sentence[start:], re.IGNORECASE):
        end = start + re.match(r"a\s+dozen", sentence[start:], re.IGNORECASE).end()
        return 12.0, 12.0, 12.0, end, "", start, True, False, False, 0
    m = re.match(r"(?:a|one)\s+(hundred|thousand|million|billion|trillion)\b", sentence[start:], re.IGNORECASE)
    if m:
        value = SCALE_WORDS[m.group(1).lower()]
        scale, end = _scale_after(sentence, start + m.end(), currency)
        return value * scale, value * scale, value * scale, end, currency, cur_start, True, False, True, 0
    parsed = _word_number_at(sentence, start)
    if parsed is None:
        return None
    value, low, high, end, vague_flag = parsed
    return value, low, high, end, currency, cur_start, True, vague_flag, False, 0


_RANGE_TO_RANGE = re.compile(
    r"[\d.,]+(?:\s?(?:%|per\s?cent|percent|[a-z]+))?\s+to\s+[$€£]?[\d.,]+\s?(?:to|-|–)\s?[$€£]?\d",
    re.IGNORECASE,
)
# "one in three Germans", "3 out of 10 adults": a proportion, not two counts. Not "2 in 10 days".
_PROPORTION = re.compile(
    r"\s+(?:in|out\s+of)\s+(?P<whole>\d{1,4}(?![\d.,])|" + "|".join(SMALL_NUMBER_WORDS) + r"|a\s+hundred)\b"
    r"(?!\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centur(?:y|ies)|"
    r"[%$€£]|per\s*cent|percent)\b)",
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


def _mention_at(sentence: str, start: int, kind: str) -> NumberMention | None:
    first = _single_at(sentence, start, kind)
    if first is None:
        return None
    value, low, high, end, currency, cur_start, words, vague, scaled, decimals = first
    span_start = cur_start if currency else start
    # Sign: "minus 5", "minus-130", "-50.8bn" after "to", "+0.8%".
    sign = 1.0
    before = sentence[:span_start]
    sign_match = re.search(r"(?:(?<![\w-])(?P<minus>minus)[\s-]|(?<![\w\d.,)])(?P<sym>[-−+]))$", before, re.IGNORECASE)
    if sign_match and not words:
        if sign_match.group("minus") or sign_match.group("sym") in "-−":
            # A hyphen after a word is a compound ("sub-7"), not a minus sign.
            prefix = before[:sign_match.start()]
            if sign_match.group("minus") or not prefix or prefix[-1] in " (\u00a0=":
                sign = -1.0
                span_start = sign_match.start()
        else:
            span_start = sign_match.start()
    value, low, high = value * sign, low * sign, high * sign
    if not (math.isfinite(value) and math.isfinite(low) and math.isfinite(high)):
        return None  # a 310-digit number overflows a float: no statistic is written like that
    is_range = vague
    # Ranges: "5-10%", "$3 billion to $5 billion", "1 to 2 thousand", "between 5 and 10".
    between = re.search(r"\bbetween\s+$", before, re.IGNORECASE)
    join = re.compile(r"\s+and\s+" if between else _RANGE_JOIN.pattern).match(sentence, end)
    if join is None and between:
        join = _RANGE_JOIN.match(sentence, end)  # "between seven to 10 years": loose but common
    if join is None and words:
        join = re.compile(r"\s+or\s+(?=(?:" + "|".join(SMALL_NUMBER_WORDS) + r")\b)", re.IGNORECASE).match(sentence, end)
    # "increased by $43.6bn to $419.2bn": a change and then a level, not a range. "dropped by 1 to
    # 1.5 degrees" is a range: a bare first number close to the second is a spread of one change.
    by_change = bool(join and re.search(r"\bby\s+$", before, re.IGNORECASE))
    if by_change and (currency or words):
        join = None
    if join and CHANGE_FROM.search(before[-80:]) and not _RANGE_TO_RANGE.match(sentence, join.end()):
        join = None  # but "cut from 5 to 7 per cent to 3 to 5 per cent" moves from one range to another
    if join and not vague and sign > 0:
        second_start = join.end()
        prefix = re.match(r"(?:US\s?|HK\s?|A|C)?[$€£¥]\s?|(?:USD|EUR|GBP|JPY)\s?", sentence[second_start:])
        if prefix:
            second_start += prefix.end()
        second_kind = "words" if re.match(r"[A-Za-z]", sentence[second_start:second_start + 1]) else "digits"
        second = _single_at(sentence, second_start, second_kind, currency)
        if second is not None and not second[7]:
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
            if by_change and not (0 < first_value and v2 <= 3 * first_value and not cur2):
                pass  # "by 5 to 40": a change of 5 and a level of 40
            elif not is_score and v2 > first_value:
                value, low, high = (first_value + v2) / 2, first_value, v2
                end, is_range = end2, True
                currency = currency or cur2
                scaled = scaled or scaled2
    if not is_range and not vague and not currency and sign > 0:
        proportion = _proportion_after(sentence, end, value)
        if proportion is not None:
            value, end = proportion
            low = high = value
            decimals, scaled = 6, False
    if between and not is_range:
        between = None
    if between:
        span_start = between.start()
    if not math.isfinite(value):
        return None
    return NumberMention(
        start=span_start, end=end, value=value, low=low, high=high, is_range=is_range,
        currency=currency, written_in_words=words, vague=vague, scaled=scaled, decimals=decimals,
    )
