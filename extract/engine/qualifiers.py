"""Qualifiers ("more than", "nearly", "up to") and directions ("jumped 76%", "fell 2.1%")."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from extract.engine.lexicon import DETERMINERS, MODALS
from extract.engine.measured_entity import STOP_WORDS, pos_tags

# Longest cues first so that "no more than" wins over "more than".
_BEFORE_CUES: list[tuple[str, str]] = [
    ("no more than", "upper"), ("not more than", "upper"), ("no fewer than", "lower"),
    ("no less than", "lower"), ("not less than", "lower"), ("more or less", "approx"),
    ("as many as", "upper"), ("as much as", "upper"), ("as few as", "lower"), ("as little as", "lower"),
    ("in excess of", "lower"), ("upwards of", "lower"), ("upward of", "lower"), ("north of", "lower"),
    ("well over", "lower"), ("just over", "lower"), ("well above", "lower"), ("just above", "lower"),
    ("more than", "lower"), ("over than", "lower"), ("greater than", "lower"), ("higher than", "lower"),
    ("at least", "lower"), ("a minimum of", "lower"), ("exceeding", "lower"), ("above", "lower"),
    ("over", "lower"), ("just under", "upper"), ("well under", "upper"), ("just below", "upper"),
    ("less than", "upper"), ("fewer than", "upper"), ("lower than", "upper"), ("at most", "upper"),
    ("a maximum of", "upper"), ("up to", "upper"), ("under", "upper"), ("below", "upper"),
    ("sub-", "upper"), ("close to", "approx"), ("nearly", "approx-below"), ("almost", "approx-below"),
    ("approximately", "approx"), ("approx.", "approx"), ("roughly", "approx"), ("about", "approx"),
    ("around", "approx"), ("some", "approx"), ("circa", "approx"), ("an estimated", "approx"),
    ("estimated", "approx"), ("in the region of", "approx"), ("the equivalent of", "exact"),
    ("~", "approx"), ("≈", "approx"), ("c.", "approx"), ("barely", "approx-below"),
    ("just", "exact"), ("exactly", "exact"), ("precisely", "exact"),
]
_AFTER_CUES: list[tuple[str, str]] = [
    ("or more", "lower"), ("or above", "lower"), ("or over", "lower"), ("and over", "lower"),
    ("and above", "lower"), ("plus", "lower"), ("+", "lower"), ("or less", "upper"),
    ("or fewer", "upper"), ("or under", "upper"), ("or so", "approx"), ("-odd", "approx"),
    ("odd", "approx"), ("or thereabouts", "approx"),
]
_BEFORE = re.compile(
    r"(?:^|(?<=[\s(“\"'-]))(?P<cue>" + "|".join(re.escape(c) for c, _ in _BEFORE_CUES)
    + r")\s*(?:of\s+)?(?:a\s+|an\s+|the\s+)?$",
    re.IGNORECASE,
)
_AFTER = re.compile(r"^\s*(?P<cue>" + "|".join(re.escape(c) for c, _ in _AFTER_CUES) + r")(?![\w])", re.IGNORECASE)
_CUE_KIND = {c.lower(): k for c, k in _BEFORE_CUES + _AFTER_CUES}
# The cues after a number that are part of its span ("40-odd", "50-plus", "50+", "20 or so"); a
# spaced "plus" is left out ("£50 plus VAT" adds, it does not bound).
_TAIL_CUES = r"(?P<cue>-odd|-plus|\+|[ \u00a0]or[ \u00a0]so|[ \u00a0]or[ \u00a0]thereabouts)"
APPROXIMATE_TAIL = re.compile(_TAIL_CUES + r"(?![\w+])", re.IGNORECASE)
_TAIL_AT_END = re.compile(_TAIL_CUES + r"$", re.IGNORECASE)
_TAIL_KIND = {"-odd": "approx", "-plus": "lower", "+": "lower", "or so": "approx", "or thereabouts": "approx"}

_UP_STEMS = ("rise", "rose", "risen", "rising", "increas", "grew", "grow", "gain", "jump", "climb",
             "surg", "soar", "advanc", "add", "boost", "rall", "spik", "leap", "leapt", "improv",
             "expand", "widen", "accelerat", "higher", "rais", "rebound", "firm", "strengthen",
             "appreciat", "edged up", "ticked up", "inched up", "picked up", "shot up", "went up",
             "going up", "trending up", "up", "lift", "hik", "balloon", "swell", "swollen", "rocket",
             "skyrocket", "mushroom", "outpac", "top up")
_DOWN_STEMS = ("fell", "fall", "decreas", "declin", "drop", "lost", "los", "slid", "slip", "plung",
               "plummet", "tumbl", "sank", "sink", "shed", "cut", "lower", "shrank", "shrink", "shrunk",
               "contract", "eas", "dip", "slump", "crash", "retreat", "weaken", "depreciat", "narrow",
               "reduc", "trim", "slash", "edged down", "ticked down", "inched down", "went down",
               "going down", "knock", "wip", "down", "sunk", "halv", "tanked", "tanking", "sag", "crater",
               "erod", "collaps", "dwindl", "nosediv", "skid", "slipp")
_SUFFIXES = r"(?:e|es|ed|d|s|ing|ping|ped|ged|ging|ted|ting|med|ming|ied|ies|y|ped|en|t)?"
UP_WORDS = "|".join(re.escape(w) + _SUFFIXES for w in sorted(_UP_STEMS, key=len, reverse=True))
DOWN_WORDS = "|".join(re.escape(w) + _SUFFIXES for w in sorted(_DOWN_STEMS, key=len, reverse=True))
# "gave up 517 yards", "set up 3 firms": phrasal verbs, not changes.
_PHRASAL_UP_DOWN = re.compile(
    r"\b(?:gave|give|gives|given|giving|set|sets|sum|summed|make|made|makes|put|puts|take|took|taken|"
    r"back|backed|sign|signed|pick|picked|turn|turned|open|opened|shut|bottom|ramp|ramped|step|"
    r"stepped|stand|stood|sit|sat|mark|marked|end|ended|shoot|shot|close|closed|break|broke|"
    r"cool|cooled|slow|slowed|calm|calmed|wind|wound|water|watered|tone|toned|let|lets|hunt|hunted|"
    r"track|tracked|track|nail|nailed|play|played|talk|talked|write|wrote|written|weigh|weighed|"
    r"flag|flags|flagged|draw|draws|drew|drawn|line|lined|team|teamed|dream|dreamed|dreamt|follow|followed|"
    r"clear|cleared|hold|held|lay|laid|hand|handed|mop|mopped|snap|snapped|rack|racked|rake|raked|"
    r"churn|churned|chalk|chalked|notch|notched)\s+(?:up|down)\s+[^\s]*\s*$",
    re.IGNORECASE,
)
_DIRECTION_BEFORE = re.compile(
    r"(?:(?P<up>\b(?:" + UP_WORDS + r")\b)|(?P<down>\b(?:" + DOWN_WORDS + r")\b))"
    r"(?:\s+(?:by|of|a\s+further|a\s+massive|a\s+whopping|an?\s+(?:additional|extra|other)|another|"
    r"nearly|almost|about|around|some|roughly|more\s+than|over|just|only|as\s+much\s+as|"
    r"less\s+than|under|up\s+to|a\s+record|a\s+sharp|sharply|slightly|marginally|further|"
    r"steeply|strongly|modestly|another|a|an|the|annual|yearly|its|their|shares|sales|prices))*"
    r"\s*(?:[,:]\s*)?$",
    re.IGNORECASE,
)
_DIRECTION_AFTER = re.compile(
    r"^\s*(?:(?P<up>higher|up|more|increase|rise|gain|jump|surge|climb|improvement|hike|boost|"
    r"growth|uplift|increase)|(?P<down>lower|down|less|drop|decline|fall|cut|decrease|loss|"
    r"reduction|slump|plunge|contraction|dip|slide))\b",
    re.IGNORECASE,
)
# "a rise of 5%", "an increase of about $2bn": a change named by a noun. Not "a loss of $5m" (a
# level of losses) or "a gain of" (often a profit).
_NOMINAL_CHANGE_OF = re.compile(
    r"\b(?:(?P<up>rise|increase|jump|growth|climb|surge|hike|improvement|boost|upswing|uptick|"
    r"rebound)|(?P<down>fall|drop|decline|decrease|reduction|slump|plunge|contraction|dip|slide|"
    r"cut|downturn|downswing))s?\s+of\s+"
    r"(?:(?:about|around|nearly|almost|some|roughly|more\s+than|over|just|only|up\s+to|as\s+much\s+as|"
    r"less\s+than|at\s+least|close\s+to|an\s+estimated|approximately)\s+)?$",
    re.IGNORECASE,
)
# "trimmed its forecast by 0.3 points", "cut interest rates by 25 basis points": a change verb, its
# object, then "by" and the amount.
_VERB_OBJECT_BY = re.compile(
    r"(?:(?P<up>\b(?:" + UP_WORDS + r")\b)|(?P<down>\b(?:" + DOWN_WORDS + r")\b))"
    r"(?P<object>(?:\s+[A-Za-z][\w'’&-]*){1,5}?)\s+by\s+"
    r"(?:(?:about|around|nearly|almost|some|roughly|more\s+than|over|just|only|up\s+to|as\s+much\s+as|"
    r"less\s+than|at\s+least|a\s+further|another|an\s+estimated|approximately)\s+)?$",
    re.IGNORECASE,
)
# "ended down 1%", "closed up 2.3%": a session's change, not the phrasal "ended up", "shut down".
_SESSION_UP_DOWN = re.compile(
    r"\b(?:end|ends|ended|ending|close|closes|closed|closing|finish|finishes|finished|finishing|open|"
    r"opens|opened|opening|trade|trades|traded|trading|settle|settles|settled|settling)\s+(?P<way>up|down)\s*$",
    re.IGNORECASE,
)
_PERCENT_OR_POINTS = re.compile(r"%|\bper\s*cent\b|\bpercent|\bpoints?\b|\bpc\b|\bbps\b", re.IGNORECASE)
_MOVED_UP_TO = re.compile(
    r"\b(?:edged|edging|inched|inching|ticked|ticking|crept|creeping|crawled|crawling|moved|moving|went|"
    r"going|came|coming|bounced|bouncing|shot|shooting|nudged|nudging|climbed|climbing|back)\s+$",
    re.IGNORECASE,
)
_NOT_A_CHANGE_AFTER = re.compile(r"^\s*(?:to|at|from)\b", re.IGNORECASE)
_TARGET_BEFORE = re.compile(
    r"\b(?:(?<!\bup\s)to|at|from|of|reached|reaching|hit|hitting|stood\s+at|totalled|totaled)\s*$",
                            re.IGNORECASE)
MULTIPLIER_CHANGE = {"halved": (-50.0, "down"), "halving": (-50.0, "down"), "halves": (-50.0, "down"),
                     "doubled": (100.0, "up"), "doubling": (100.0, "up"), "doubles": (100.0, "up"),
                     "tripled": (200.0, "up"), "tripling": (200.0, "up"), "trebled": (200.0, "up"),
                     "quadrupled": (300.0, "up"), "halve": (-50.0, "down"), "double": (100.0, "up"),
                     "triple": (200.0, "up"), "treble": (200.0, "up"), "quadruple": (300.0, "up")}
# The base form is a verb only after a modal or "to" ("will double", "aims to almost double"); elsewhere
# it is an adjective or noun ("a double room", "double figures").
_BASE_FORMS = frozenset({"halve", "double", "triple", "treble", "quadruple"})
_MULTIPLIER = re.compile(
    r"\b(?:(?P<word>" + "|".join(sorted(set(MULTIPLIER_CHANGE) - _BASE_FORMS, key=len, reverse=True))
    + r")|(?P<base>" + "|".join(sorted(_BASE_FORMS, key=len, reverse=True)) + r"))\b",
    re.IGNORECASE,
)
_VERB_BEFORE_BASE = re.compile(
    r"\b(?P<modal>" + "|".join(sorted(MODALS | {"to"}))
    + r")\s+(?:(?:almost|nearly|roughly|effectively|more\s+than)\s+)?$", re.IGNORECASE)
_FROM_BEFORE_TO = re.compile(r"\bfrom\s+[\w-]+\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class Qualified:
    qualifier: str  # exact, approx, lower, upper, range
    low: float
    high: float
    cue_start: int  # where the qualifier words start (== number start when none)


def qualify(sentence: str, start: int, end: int, value: float, low: float, high: float,
            is_range: bool, approx_tolerance: float = 0.1) -> Qualified:
    """The qualifier the wording gives the number at sentence[start:end], and its interval."""
    before = sentence[max(0, start - 40):start]
    m = _BEFORE.search(before)
    kind = ""
    cue_start = start
    if m:
        kind = _CUE_KIND[m.group("cue").lower()]
        cue_start = start - (len(before) - m.start("cue"))
        # "over the past two years", "about the 20 victims": a cue followed by "the" is not one.
        tail = before[m.end("cue"):].lower()
        if "the" in tail.split() and kind not in {"approx-below"}:
            kind, cue_start = "", start
        # "under 7 days" is fine, but "some 2" after a verb is ambiguous; keep it.
        if kind == "upper" and m.group("cue").lower() == "up to" and _MOVED_UP_TO.search(before[:m.start("cue")]):
            kind, cue_start = "", start  # "inflation edged up to 4.1%": the level reached, not a bound
    written_after = _TAIL_AT_END.search(sentence[max(start, end - 16):end])
    if not kind and written_after is not None:
        kind = _TAIL_KIND[re.sub(r"\s+", " ", written_after.group("cue").strip()).lower()]
    if not kind:
        after = _AFTER.match(sentence[end:end + 20])
        if after and not (after.group("cue") == "+" and is_range):
            kind = _CUE_KIND[after.group("cue").lower()]
    if is_range and kind in ("", "exact"):
        return Qualified("range", low, high, cue_start)
    if is_range and kind == "approx":
        return Qualified("approx", low, high, cue_start)  # "about 14-18 mpg": the stated ends
    if kind in ("", "exact"):
        return Qualified("exact", value, value, cue_start)
    magnitude = abs(value) if value else 1.0
    if kind == "lower":
        return Qualified("lower", low, math.inf, cue_start)
    if kind == "upper":
        return Qualified("upper", -math.inf if value < 0 else 0.0, high, cue_start)
    if kind == "approx-below":
        return Qualified("approx", low - magnitude * approx_tolerance, high, cue_start)
    return Qualified("approx", low - magnitude * approx_tolerance, high + magnitude * approx_tolerance, cue_start)


_OBJECT_WORDS = (DETERMINERS - {"these", "those"}) | {"of", "for", "on"}


def _is_object(words: str) -> bool:
    """'its forecast', 'interest rates', 'the price of milk': a noun phrase, no verb or clause."""
    for word in words.split():
        lower = word.lower()
        if lower in _OBJECT_WORDS:
            continue
        tags = pos_tags(word)
        if lower in STOP_WORDS:
            return False
        if tags and not tags & {"NOUN", "ADJ", "PROPN"} and not lower.endswith("ing"):
            return False  # a verb: "after the grocer beat forecasts by 2%" is another clause
    return True


_SPACE = re.compile(r"\s")


def _last_words(text: str, length: int) -> str:
    """The end of `text`, about `length` characters, starting at a space (never inside a word)."""
    if len(text) <= length:
        return text
    space = _SPACE.search(text, len(text) - length)  # any space: scraped news has non-breaking ones
    return text[space.start():] if space is not None else ""


def direction(sentence: str, start: int, end: int, unit_end: int) -> str:
    """'up' / 'down' when the number states a change, else ''."""
    before = sentence[max(0, start - 60):start]
    m = _NOMINAL_CHANGE_OF.search(before)
    if m:
        return "up" if m.group("up") else "down"
    if _TARGET_BEFORE.search(before):
        return ""
    session = _SESSION_UP_DOWN.search(before)
    if session and _PERCENT_OR_POINTS.search(sentence[end:unit_end] or sentence[start:end]):
        return session.group("way").lower()
    # Both patterns end at the figure and span a few words: their search reads the last 40
    # characters only (from a word boundary), which finds the same on the whole BBC corpus, faster.
    tail = _last_words(before, 40)
    m = _DIRECTION_BEFORE.search(tail)
    if m and _PHRASAL_UP_DOWN.search(tail):
        m = None
    if m is None and re.search(r"\bby\s+", before[-30:]):
        # The nearest verb before "by" whose words up to "by" are its object.
        for word in reversed(list(re.finditer(r"\b[A-Za-z]", before))):
            m = _VERB_OBJECT_BY.match(before, word.start())
            if m and re.search(r"\b(?:the|a|an|its|their|his|her|this|that)\s+$", before[:word.start()], re.I):
                m = None  # "the firm beat forecasts by 5%": "firm" is a noun here
            if m and _is_object(m.group("object")):
                break
            m = None
    if m:
        return "up" if m.group("up") else "down"
    after = sentence[unit_end:unit_end + 25]
    m = _DIRECTION_AFTER.match(after)
    if m:
        # "34.4% higher at 3.23 shekels" is a change; "up to" after a number is not.
        if re.match(r"^\s*up\s+to\b", after, re.IGNORECASE):
            return ""
        return "up" if m.group("up") else "down"
    # "Dow +0.2%": an explicit sign on a percentage is a change.
    if sentence[start:start + 1] == "+" or (sentence[start:start + 1] in "-−" and sentence[end - 1:end] == "%"):
        return "up" if sentence[start] == "+" else "down"
    return ""


# "Saturday's doubles rubber", "the best doubles teams", "the two halves": a plural noun, not a verb.
_NOUN_BEFORE = re.compile(r"(?:\b(?:the|a|an|its|their|his|her|our|two|best|mixed|men['’]s|women['’]s)|['’]s)\s+$",
                          re.IGNORECASE)
_VERB_COMPLEMENT_AFTER = re.compile(r"\s*(?:[,.;:!?)]|$|\s(?:its|their|the|his|her|our|to|in|from|since|over|by|"
                                    r"again|this|last|after|as|and|or|every|each|with)\b)", re.IGNORECASE)


_SCORING_LEAD_AFTER = re.compile(r"\s+(?:the|their|his|her|its)\s+(?:lead|advantage)\b", re.IGNORECASE)
_MULTIPLIER_STEMS = frozenset(word[:4] for word in MULTIPLIER_CHANGE)  # "halv", "doub", ...


def multiplier_changes(sentence: str) -> list[tuple[int, int, float, str]]:
    """'halved', 'doubled': (start, end, percent change, direction) for each."""
    lowered = sentence.lower()
    if not any(stem in lowered for stem in _MULTIPLIER_STEMS):
        return []
    found = []
    for m in _MULTIPLIER.finditer(sentence):
        group = "word" if m.group("word") else "base"
        word = m.group(group).lower()
        if group == "base":
            verb = _VERB_BEFORE_BASE.search(sentence, max(0, m.start() - 30), m.start())
            if verb is None or verb.group("modal").lower() == "to" \
                    and _FROM_BEFORE_TO.search(sentence, 0, verb.start()):
                continue  # "a double room"; "went from single to double": a size, not a verb
        if word.endswith("s") and (_NOUN_BEFORE.search(sentence, 0, m.start())
                                   or not _VERB_COMPLEMENT_AFTER.match(sentence, m.end())):
            continue  # "doubles", "halves" as nouns
        if _SCORING_LEAD_AFTER.match(sentence, m.end()):
            continue  # "the visiting side doubled its lead": a second goal, not a statistic
        found.append((m.start(), m.end(), *MULTIPLIER_CHANGE[word]))
    return found


# "rose from $639m to $1.13bn", "increased by $43.6bn to $419.2bn": a change, then a level,
# never one range.
_CHANGE_VERB_FORMS = (
    r"\b(?:rose|rise[sn]?|rising|increased?|increasing|grew|grow(?:n|s|ing)?|gained|jumped|climbed|"
    r"surged|soared|fell|fall(?:en|s|ing)?|dropped|dropping|declined?|declining|decreased?|slid|"
    r"plunged|plummeted|tumbled|sank|slumped|cut|raised|lowered|revised|upgraded|downgraded|"
    r"moved|went|shifted|changed|slow|slowed|creeping|edged|boost(?:ed)?|down|up|improved|widened|"
    r"narrowed|expanded|shrank|swung|turned)\b"
)
CHANGE_FROM = re.compile(_CHANGE_VERB_FORMS + r"[^.;]{0,60}?\bfrom\s+$", re.IGNORECASE)
# "fell $1.74 to $38.10": a change verb right before the first number makes "X to Y" a change and
# then a level, as "by" does.
CHANGE_VERB_BEFORE = re.compile(
    _CHANGE_VERB_FORMS + r"\s+(?:(?:about|around|nearly|almost|some|roughly|just|only|a\s+further|another)\s+)?$",
    re.IGNORECASE)


