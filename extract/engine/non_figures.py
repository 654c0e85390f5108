"""Numbers that are not statistics: dates, years, clock times, ordinals, names and codes, idioms."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from extract.engine.lexicon import (
    AUXILIARIES,
    CASUALTY_VERBS,
    DENOMINATOR_WORDS,
    DURATION_UNIT_WORDS,
    FIGURE_OF_SPEECH_ADJECTIVES,
    LIFE_EVENT_VERBS,
    MODALS,
    PERIOD_DETERMINERS,
    PERSON_GROUP_NOUNS,
    POSSESSION_VERBS,
    QUALIFIER_WORDS,
    RACE_NOUNS,
    RACE_SCOPES,
    SMALL_NUMBER_WORDS,
    SOURCE_ROLES,
    SPEECH_VERBS,
    STOP_WORDS,
    SUPERLATIVES,
    TEAM_SHEET_WORDS,
    TIME_SPAN_NOUNS,
    TRACK_DISTANCES,
    phrase_alternation,
    word_forms,
)
from extract.engine.lexicon import MONTHS as LEXICON_MONTHS
from extract.engine.measured_entity import is_plural_noun, pos_tags
from extract.engine.parse import lemma, upos

MONTHS = "|".join(LEXICON_MONTHS)
_MONTH_BEFORE = re.compile(r"\b(?:" + MONTHS + r")\.?\s*$")
_MONTH_AFTER = re.compile(r"^(?:st|nd|rd|th)?\s+(?:of\s+)?(?:" + MONTHS + r")\b")
# "on 16 or 17 March", "between 3 and 5 May": the first of two days that share their month.
_DAY_AND_MONTH_AFTER = re.compile(r"^(?:st|nd|rd|th)?\s*(?:or|and|to|-|–)\s*\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:"
                                  + MONTHS + r")\b")
_YEAR_CONTEXT_BEFORE = re.compile(
    r"\b(?:in|since|by|from|until|till|to|of|during|before|after|for|year|years|early|late|mid|"
    r"summer|winter|spring|autumn|fall|fiscal|financial|FY|season|class|between|and|the|"
    r"circa|around|end|start|beginning|through|throughout|between|decade|century)[\s-]*$",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}\.\d{1,2}\.\d{4}")
_CLOCK_AFTER = re.compile(r"^\s?(?:[ap]\.?m\b\.?|GMT|BST|EST|EDT|CET|PST|PDT|UTC|hrs\b|o'clock)", re.IGNORECASE)
_ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th)\b", re.IGNORECASE)
_DECADE_AFTER = re.compile(r"^'?s\b")
_CAPITALISED_BEFORE = re.compile(r"(?<![.!?]\s)\b(?P<word>[A-Z][\w&'’.]*|[A-Z]{2,}|S&P|P&O)\s$")
_COUNT_BEFORE = re.compile(
    r"\b(?:about|around|some|nearly|almost|over|than|least|to|of|employs?|employed|hired?|cut|"
    r"killed|lost|sold|bought|added|created|hire|with|had|has|have|were|are|was|is|by|roughly|"
    r"approximately|estimated|only|just|another|additional|extra|all|total)\s$",
    re.IGNORECASE,
)
_NOT_A_NAME = {
    "About",
    "Around",
    "Over",
    "Under",
    "Some",
    "Nearly",
    "Almost",
    "More",
    "Less",
    "Only",
    "Just",
    "Up",
    "Down",
    "At",
    "By",
    "To",
    "From",
    "In",
    "On",
    "Of",
    "For",
    "With",
    "The",
    "A",
    "An",
    "And",
    "But",
    "Or",
    "Than",
    "Roughly",
    "Approximately",
    "Exactly",
    "Another",
    "Those",
    "These",
    "All",
    "Its",
    "Their",
    "His",
    "Her",
    "Our",
    "Your",
    "My",
    "Between",
    "Below",
    "Above",
    "Fewer",
    "Least",
    "Most",
    "Top",
    "First",
    "Last",
    "Every",
    "Each",
    "Per",
    "Plus",
    "Minus",
    "Estimated",
    "Totalling",
    "Total",
    "Barely",
    "Record",
    "It",
    "They",
    "We",
    "He",
    "She",
    "There",
    "Here",
    "Then",
    "Now",
    "Today",
    "Yesterday",
    "I",
    "Dow",
    "Nasdaq",
    "FTSE",
    "DAX",
    "Nikkei",
    "CAC",
    "Hang",
    "Seng",
}
_LOWER_CODE_NAMES = re.compile(
    r"\b(?:category|type|grade|level|phase|stage|number|channel|route|gate|platform|room|flight|model|"
    r"section|article|chapter|series|size|version|apartment|suite|floor|ward|district|zone|tier|"
    r"covid|windows|iphone|resolution|clause|paragraph|amendment|regulation|directive|rule|bill|act)\s$",
    re.IGNORECASE,
)
_CODE_NAMES = re.compile(
    r"\b(?:Windows|iPhone|iPad|Galaxy|Pixel|Model|Series|Section|Article|Chapter|Route|Highway|"
    r"Interstate|Channel|Room|Flight|Gate|Platform|Level|Grade|Year|Stage|Phase|Game|Week|Round|"
    r"Group|Division|Category|Class|Unit|Apollo|Covid|COVID|Fortune|FTSE|S&P|Big|Top|Formula|Euro|"
    r"Vision|Agenda|Boeing|Airbus|Premier|Championship|League|Proposition|Prop|Bill|Act|Resolution|"
    r"Tier|Level|Band|Ward|District|Zone|Block|Apartment|Flat|Suite|Floor|Line|Terminal|Studio|"
    r"Xbox|PlayStation|PS|Nintendo|Office|Android|Pro|Max|Plus|Mark|Mk|Volume|Vol|Episode|Season|"
    r"Part|Book|Psalm|Matthew|Mark|Luke|John|Genesis|Table|Figure|Fig|Appendix|No|Number)\.?\s$"
)
_ADDRESS_AFTER = re.compile(
    r"^\s(?:[A-Z][a-z]+\s){0,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|"
    r"Blvd|Way|Place|Square|Court|Terrace|Crescent|Close|Park|Parkway)\b"
)
_SCORE = re.compile(r"^\d+\s?[-–]\s?\d+$")
_PHONE = re.compile(r"\+?\d[\d\s().-]{8,}\d")
_DIALLED = re.compile(r"(?<![\w.,])(?:\+\d{1,3}[ -]?)?\(?0\d{1,4}\)?(?:[ -]\d{2,4}){1,3}(?![\w.,])")
_IDIOM_ONE_BEFORE = re.compile(
    r"\b(?:the|this|that|each|every|no|any|which|same|another|other|"
    r"last|the\s+only|first|next|such|a|no|for)\s+$",
    re.IGNORECASE,
)
_IDIOM_ONE_AFTER = re.compile(
    r"^\s+(?:of|another|day|another|by\s+one|or\s+two|or\s+another|thing|"
    r"way|hand|time|point|side|another|piece|step|between|that|which|who|whose)\b",
    re.IGNORECASE,
)
_ZERO_IDIOM_AFTER = re.compile(
    r"^[\s-]+(?:tolerance|sense|chance|interest|doubt|point|hour|sum|emissions?|carbon|waste|rated|"
    r"in\b|on\b|hour)",
    re.IGNORECASE,
)
_HALF_IDIOM_BEFORE = re.compile(r"\b(?:first|second|last|latter|other|the|this|that|a|an|and\s+a|top|bottom|upper|"
                                r"their|our|his|its|my|your|own|"
                                r"lower|front|back|northern|southern|eastern|western|"
                                # "in the Welsh half": a team's half of the pitch, named for it
                                r"the\s+(?-i:[A-Z][a-z]+))(?:\s+|-\s*)$", re.IGNORECASE)


@dataclass(frozen=True)
class _Number:
    """A number the shallow reading found, and what the rules below know about it."""

    sentence: str
    start: int
    end: int
    value: float
    has_unit: bool
    has_currency: bool
    written_in_words: bool
    counted_noun: bool
    is_range: bool
    dimension: str
    unit_end: int

    @property
    def surface(self) -> str:
        return self.sentence[self.start:self.end]

    @property
    def before(self) -> str:
        return self.sentence[max(0, self.start - 30):self.start]

    @property
    def after(self) -> str:
        return self.sentence[self.end:self.end + 30]

    @property
    def after_unit(self) -> str:
        return self.sentence[self.unit_end:self.unit_end + 30]

    @property
    def bare(self) -> bool:
        return not self.has_unit and not self.has_currency


def rejection_reason(
    sentence: str,
    start: int,
    end: int,
    value: float,
    *,
    has_unit: bool,
    has_currency: bool,
    written_in_words: bool,
    counted_noun: bool,
    is_range: bool,
    dimension: str = "",
    unit_end: int | None = None,
) -> str:
    """Why the number at sentence[start:end] is not a statistic, or '' when it is one.

    `dimension` and `unit_end` are those of its unit, when it has one ("duration", where "years"
    ends): a period that places an event in time and a percentage of speech are read from them."""
    number = _Number(sentence, start, end, value, has_unit, has_currency, written_in_words, counted_noun,
                     is_range, dimension, end if unit_end is None else unit_end)
    reason = _denominator_reason(number) or _measure_reason(number) or _gapped_period_reason(number) \
        or _age_reason(number) or _event_reason(number) or _digit_count_reason(number) or _named_money_reason(number) \
        or _named_unit_reason(number) or _glued_code_reason(number)
    if reason:
        return reason
    if written_in_words:
        return _word_number_reason(number)
    return _digit_reason(number)


_FIGURE_AFTER = re.compile(r"^[-‑\s]figure\b")
_CAPITALISED_SINGULAR = re.compile(r"\s+[A-Z][a-z]+(?<!s)$")


# A unit word written with a capital inside a sentence: "60 Minutes", "the Three Degrees" (not a
# currency's or a temperature scale's name, which take one: "5m Euros", "3.6 Fahrenheit").
_CAPITALISED_UNIT = re.compile(r"[\s-]+[A-Z][a-z]{2,}")


def _named_unit_reason(number: _Number) -> str:
    """'US TV show 60 Minutes', 'Three Degrees star X': a unit word written with a capital is part of
    a name."""
    if number.has_unit and number.unit_end > number.end and not number.has_currency \
            and number.dimension not in ("currency", "temperature") \
            and _CAPITALISED_UNIT.fullmatch(number.sentence, number.end, number.unit_end):
        return "name"
    return ""


def _glued_code_reason(number: _Number) -> str:
    """'P2P', 'MP3 players', 'PS2 consoles': a number glued to a letter before it is a code, whatever
    follows it."""
    if not number.written_in_words and not number.has_currency and re.search(r"[A-Za-z]$", number.before):
        return "code"
    return ""


def _named_money_reason(number: _Number) -> str:
    """'the rapper 90 Cent': a money word written with a capital and in the singular after a number
    other than one is part of a name (amounts are "50 cents", "$50")."""
    if (number.has_currency or number.dimension == "currency") and number.value != 1 and number.unit_end > number.end \
            and _CAPITALISED_SINGULAR.fullmatch(number.sentence, number.end, number.unit_end):
        return "name"
    return ""


def _digit_count_reason(number: _Number) -> str:
    """'a six-figure salary', 'a 6 figure sum': how many digits an amount has, not an amount."""
    if (number.written_in_words or number.bare) and _FIGURE_AFTER.match(number.after):
        return "idiom"
    return ""


# ---------------------------------------------------------------------------------------------
# Measures that are not statistics: periods that place an event in time, percentages of speech.

# After a duration, words that make it a point in time: "two years ago", "12 months later", "ten
# minutes into the second half", "five years on, ...", "in five years' time".
_PERIOD_AFTER = re.compile(
    r"^(?:\s+or\s+(?:so|two))?['’]?\s*(?:ago|later|earlier|afterwards|previously|in\s?to\s+(?:the|an?|his|her|its|their|our)\b|on\s*(?=[,;])"
    r"|['’]\s*time\b|on\s+(?:from|since)\b)",
    re.IGNORECASE)
# Before a duration, words that make it a stretch of the calendar: "the past two years", "the prior
# two months", "over the next five years", "in the first six months".
_QUALIFIERS = phrase_alternation(QUALIFIER_WORDS)
_PERIOD_BEFORE = re.compile(
    r"\b(?:the|its|their|his|her|our|this|these|those|over|in|for|during|within|throughout)\s+"
    r"(?:" + "|".join(PERIOD_DETERMINERS) + r")\s+(?:(?:" + _QUALIFIERS + r")\s+)*$",
    re.IGNORECASE)
# "the best showing in five years", "the first time in a decade", "its lowest level for 20 years":
# after a superlative, "in" or "for" a period measures how rare the event is, not an amount.
_TIME_AFTER = re.compile(r"^\s+time\b(?!\s*(?:limit|frame|scale|trial|span|lag|zone|penalty|penalties))",
                         re.IGNORECASE)
_RECORD_AFTER = re.compile(r"^\s+(?:low|high|peak|trough)\b", re.IGNORECASE)
# The words between the superlative and "in"/"for" stay inside its phrase: not "said last week that
# the plans for 24-hour drinking", where a clause begins.
_SINCE_SUPERLATIVE = re.compile(
    r"\b(?:" + "|".join(SUPERLATIVES) + r")\b(?:\s+(?!(?:that|which|who|when|where|because|while|but)\b)[\w'’-]+){0,4}"
    r"\s+(?:in|for)\s+(?:(?:" + _QUALIFIERS + r")\s+)*$",
    re.IGNORECASE,
)
_OF_SPEECH_AFTER = re.compile(r"^\s+(?:" + "|".join(FIGURE_OF_SPEECH_ADJECTIVES) + r")\b", re.IGNORECASE)


# "7 beds per 1,000 people", "one in every four": the number after these words is what a rate is
# counted against, not an amount.
_DENOMINATOR_BEFORE = re.compile(
    r"\b(?:" + phrase_alternation(DENOMINATOR_WORDS) + r")\s+$", re.IGNORECASE)


def _denominator_reason(number: _Number) -> str:
    return "denominator" if _DENOMINATOR_BEFORE.search(number.before) else ""


_OPENS_CLAUSE = re.compile(r"(?:^|[.!?\"“”:;]|\b(?:and|but|then|until|till))\s*$", re.IGNORECASE)
_WITHIN_BEFORE = re.compile(r"\b(?:within|inside)\s+(?:(?:" + _QUALIFIERS + r")\s+)*$", re.IGNORECASE)
# What makes "within" a deadline: a modal or an infinitive of what is to be done, earlier in the clause.
_DEADLINE_BEFORE = re.compile(r"\b(?:must|will|would|shall|should|could|can|may|might|to\s+[a-z]+)\b[^,;:]*$",
                              re.IGNORECASE)
_OF_AFTER = re.compile(r"^\s+of\s+(?:the|an?|his|her|its|their|our|this|that|[a-z]+)\b")  # "of release"
# The first number of a range whose unit is written once, after the second: "30 or 40 years ago".
_GAPPED_DURATION_AFTER = re.compile(
    r"^\s*(?:or|to|and|-|–)\s*(?:\d[\d,.]*|[a-z]+)[\s-]+(?:" + DURATION_UNIT_WORDS + r")\b",
    re.IGNORECASE,
)


def _gapped_period_reason(number: _Number) -> str:
    if not number.bare or number.counted_noun or number.is_range:
        return ""
    shared = _GAPPED_DURATION_AFTER.match(number.after)
    if shared is None:
        return ""
    as_duration = _Number(number.sentence, number.start, number.end, number.value, True, False,
                          number.written_in_words, False, False, "duration", number.end + shared.end())
    return _measure_reason(as_duration)


# "the Athens 10,000m", "won the 100m", "the 200m final": a distance in metres written as one word
# after "the" is a race, not a length, unless it measures a noun ("the 35m tower").
# "the Olympic 100m and 200m finals", "her 800m", "the women's 4x400m relay".
_RACE_BEFORE = re.compile(r"(?:\b(?P<the>[Tt]he|[Hh]er|[Hh]is|[Tt]heir)\s+|^\W*)"
                          r"(?:(?:[A-Z][\w'’-]*|world|(?:wo)?men['’]s)\s+)*"
                          r"(?:(?:\d[\d,.]*k?m|(?:half-)?marathon)(?:\s*,|\s+and|\s+or)\s+)*(?:\d\s?[x×]\s?)?$")
_RACE_DISTANCE = re.compile(r"\d[\d,.]*\s?(?:k?m|(?:kilo)?metres)")
# Any distance a race is named by, in digits or words, metric or in miles: "eight-kilometre", "10-mile".
_ANY_RACE_DISTANCE = re.compile(r"(?:\d[\d,.]*|[A-Za-z]+)[\s-]?(?:k?m|(?:kilo)?met(?:re|er)s?|miles?)",
                                re.IGNORECASE)
_RACE_AFTER = re.compile(r"^\s+(?:(?P<first>[a-z-]+)\b|[\w'’-]+)(?:\s+(?P<second>[a-z-]+)\b)?")


# Words around a length that make it a length measured: "cleared 800m" no, but "by 100m", "from
# 200m", "a 400m-long", "200m away", "100m high".
_MEASURED_BEFORE = re.compile(r"\b(?:by|from|of|within|about|around|some|nearly|almost|than|just|only|[a-z]+ed)\s+$",
                              re.IGNORECASE)
_MEASURED_AFTER = re.compile(r"^[\s-]+(?:long|high|deep|wide|tall|away|from|of|across|up|down|above|below|under|"
                             r"square|cubed|radius|stretch|section|length)\b", re.IGNORECASE)


def _track_event(number: _Number) -> bool:
    """A standard track distance written with a glued "m" names the race ("won the 800m", "to race
    at 1500m", "his 5,000m season"), unless words around it measure a length ("by 200m", "100m long")."""
    if not re.fullmatch(r"\d[\d,]*m", number.sentence[number.start:number.unit_end]) \
            or number.value not in TRACK_DISTANCES:
        return False
    before = number.sentence[max(0, number.start - 30):number.start]
    return not _MEASURED_BEFORE.search(before) and not _MEASURED_AFTER.match(number.after_unit)


def _event_reason(number: _Number) -> str:
    if number.dimension != "length" or number.is_range or not _ANY_RACE_DISTANCE.fullmatch(
            number.sentence, number.start, number.unit_end):
        return ""
    if not re.match(r"^(?:\s*[,.;:!?]|\s+\w|\s*$)", number.after_unit):
        return ""  # "the 37m (121ft)-long skeleton": a conversion or a compound follows a length
    if re.match(r"\s*:", number.after_unit) and not number.sentence[:number.start].strip():
        return "name"  # "60m: D Chin, J Cole": the event heading a list of results
    race = _RACE_AFTER.match(number.after_unit)
    if race is not None and (race.group("first") in RACE_NOUNS
                             or race.group("first") in RACE_SCOPES and race.group("second") in RACE_NOUNS):
        return "name"  # "400m runners", "the eight-kilometre race", "a 10-mile run": a race noun right after
    if not _RACE_DISTANCE.fullmatch(number.sentence, number.start, number.unit_end):
        return ""
    if _track_event(number):
        return "name"
    # read only for a length in metres or kilometres ("the 8km race")
    race_before = _RACE_BEFORE.search(number.sentence[:number.start])
    if race_before is None:
        return ""
    # "the 1,000m title", "the 100m freestyle final": the race noun right after, or one word on.
    race_nouns = {race.group("first"), race.group("second")} & RACE_NOUNS if race is not None else set()
    # After "the" a length that modifies nothing is a race ("won the 100m"); at the start of a
    # sentence only a race noun says so ("World 100m champion"; not "400m of fencing was stolen").
    if race_nouns or race_before.group("the") and not _modifies_a_noun(number.after_unit):
        return "name"
    return ""


# The clock of a match: "after 12 minutes", "on 61 minutes", "three minutes into stoppage time",
# "four minutes before half-time" say when something happened in the game, not how long anything took.
_MATCH_CLOCK_UNIT = re.compile(r"(?:minutes?|mins?|seconds?|secs?)\.?$", re.IGNORECASE)
_MATCH_CLOCK_BEFORE = re.compile(
    r"\b(?:after|on|at)\s+(?:(?:just|only|barely|fully|almost|nearly|around|about|some|over|under)\s+)*$",
    re.IGNORECASE)
_MATCH_CLOCK_AFTER = re.compile(
    r"^\s+(?:into\b|(?:left\s+|remaining\s+)?on\s+the\s+clock\b|(?:before|after|from)\s+(?:the\s+)?(?:half[- ]?time|"
    r"break|interval|end|full[- ]?time|time|restart|extra[- ]time|injury[- ]time|stoppage[- ]time|final\s+whistle|"
    r"kick[- ]?off|second\s+half|first\s+half)\b)",
    re.IGNORECASE)


# "the three months to 31 March", "the 12 months ending in May": the window a company's
# figures cover, which dates them.
_REPORTING_WINDOW_AFTER = re.compile(
    r"^\s+(?:to|up\s+to|ending|ended)\s+(?:in\s+)?(?:the\s+end\s+of\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    r"(?:" + MONTHS + r")\b")


_WITH_BEFORE = re.compile(r"\bwith\s+(?:(?:" + _QUALIFIERS + r"|under)\s+)*$", re.IGNORECASE)
_LEFT_AFTER = re.compile(r"\s+(?:remaining|left|to\s+go|to\s+play)\b", re.IGNORECASE)
# "In four days, the union will ...": a sentence that opens with how far off its event is.
# A state of body or mind before "100%": "she feels 100%", "I am not 100%".
_FIT_BEFORE = re.compile(r"\b(?:feel|feels|felt|feeling|am|i['’]m|getting)\s+"
                         r"(?:(?:not|never|only|almost|nearly|quite|yet)\s+)?$", re.IGNORECASE)
_COUNTED_THEN_AGO = re.compile(
    r"^(?:[\s-]+[a-z]+)?[\s-]+[a-z]+s\s+(?:ago|later|earlier)\b(?!\s+(?:in|on|at|this|that|than|today|tonight)\b)")
_OPENING_IN = re.compile(r"\W*In\s+(?:(?:" + phrase_alternation(QUALIFIER_WORDS) + r")\s+)*")


def _match_clock_reason(number: _Number, before: str) -> str:
    if not _MATCH_CLOCK_UNIT.search(number.sentence, number.end, number.unit_end):
        return ""
    if _MATCH_CLOCK_AFTER.match(number.after_unit):
        return "period"
    if _MATCH_CLOCK_BEFORE.search(before) and not re.match(r"\s+of\b", number.after_unit):
        return "period"  # "after 30 minutes of talks" says how long the talks took
    if _WITH_BEFORE.search(before) and _LEFT_AFTER.match(number.after_unit):
        return "period"  # "level with five minutes remaining", "with 20 seconds to go"
    return ""


def _measure_reason(number: _Number) -> str:
    if number.dimension == "duration" and ":" in number.surface:
        return ""  # "second in 3:42.5": a time written with a colon is a time taken, never a period
    before = number.sentence[max(0, number.start - 60):number.start]
    if number.dimension == "duration" and number.is_range and (
            _PERIOD_AFTER.match(number.after_unit) or _PERIOD_BEFORE.search(before)):
        return "period"  # "15 to 20 years later", "in the first two or three weeks of January"
    if number.dimension == "duration" and not number.is_range:
        if re.match(r"\s+(?:old\b|of\s+age\b)", number.after_unit):
            return "age"  # "I'm only 30 years old", "65 years of age"
        if _RECORD_AFTER.match(number.after_unit):
            return "period"  # "a nine-year low": how rare the level is, as "the lowest in nine years"
        if number.after_unit.startswith(",") and _OPENING_IN.fullmatch(number.sentence, 0, number.start):
            return "period"  # "In two weeks, the vote opens": when, not how long
        if _PERIOD_AFTER.match(number.after_unit) or _PERIOD_BEFORE.search(before) \
                or number.sentence[number.unit_end - 1:number.unit_end] == "s" and _TIME_AFTER.match(number.after_unit):
            return "period"  # places an event in time ("in five years time"; not "a five-second time penalty")
        if _SINCE_SUPERLATIVE.search(before) or _match_clock_reason(number, before) \
                or _REPORTING_WINDOW_AFTER.match(number.after_unit) and re.search(r"\bthe\s+$", before, re.I):
            return "period"
        if _WITHIN_BEFORE.search(before) and (_OF_AFTER.match(number.after_unit) or _DEADLINE_BEFORE.search(before)):
            # "within 24 hours of the final", "must be heard within 10 days", "vowed to halve it within
            # five years": a deadline; "was finished within 48 hours" still says how long it took.
            return "period"
    if number.counted_noun and not number.has_unit and _COUNTED_THEN_AGO.match(number.after):
        return "period"  # "six seasons ago", "three rounds later": when, counted in events
    if number.dimension == "duration" and number.surface.lower() == "one" and _OPENS_CLAUSE.search(before) \
            and re.match(r"^(?:\s*,|\s+(?:he|she|it|they|we|i|you|the|a|his|her|their)\b)", number.after_unit, re.I):
        return "idiom"  # "One day, she hopes, ...": some day, not a day long
    if number.dimension == "percent" and _OF_SPEECH_AFTER.match(number.after_unit):
        return "figure of speech"  # "100% certain"
    if number.dimension == "percent" and number.value == 100 and _FIT_BEFORE.search(before) \
            and not re.match(r"\s+(?:of|in|on|for|at)\b", number.after_unit):
        return "figure of speech"  # "she feels 100%", "I am not 100%": how fit or sure, not a share
    return ""


# "aged 65", "people over 60", "those under 18", "16 to 20-year-olds".
_AGED_BEFORE = re.compile(
    r"\b(?:aged(?:\s+(?:over|under|above|below))?|ages?|"
    r"(?:" + "|".join(PERSON_GROUP_NOUNS) + r")\s+(?:(?:who|that)\s+)?"
    r"(?:(?:are|were|is|was|being|aged)\s+)?(?:over|under|above|below|aged))\s+$",
    re.IGNORECASE,
)
# "at the age of 85", "the ages of 14 and 16": the second of a pair is an age as the first is.
_AGE_OF_BEFORE = re.compile(r"(?<!average )(?<!median )(?<!mean )\bages?\s+(?:of|from|to|at)\s+"
                            r"(?:\d{1,3}\s*(?:,|and|or|to|-|–)\s*)*$", re.IGNORECASE)  # "the pension age from 60"
# "raise the pension age for council workers from 60 to 65": an age a rule sets, a few words on.
_AGE_LIMIT_BEFORE = re.compile(
    r"\b(?:pension|retirement|voting|school[- ]leaving|minimum|legal|drinking)\s+age"
    r"(?:\s+for(?:\s+[\w'’-]+){1,4}?)?(?:\s+(?:will|would|could|should|to|is|was|has|had|been|be)){0,2}"
    r"(?:\s+(?:rise|rises|rising|rose|risen|fall|falls|falling|fell|fallen|go|goes|going|went|gone|"
    r"move|moves|moving|moved|increase|increases|increased|raised|lowered|cut))?(?:\s+from\s+\d{1,3})?"
    r"\s+(?:from|to|at|of)\s+$",  # "the pension age would rise from 60 to 65": both ends
    re.IGNORECASE)
_TURNED_BEFORE = re.compile(r"\bturn(?:s|ed|ing)?\s+$", re.IGNORECASE)  # "she turned 40"
_WHO_IS_BEFORE = re.compile(
    r"\b(?:(?:who|he|she|I)\s+(?:is|was|turns|turned|will\s+be|am)|I['’]m|(?:he|she)['’]s)"
    r"\s+(?:(?:only|just|still|now|nearly|almost|barely)\s+)?$",  # "I'm only 27", "when she was just 15"
    re.IGNORECASE)
# "prove they are over 18": people over or under a number of years, whatever follows.
_PEOPLE_OVER_BEFORE = re.compile(r"\b(?:they|you|we|he|she|I)\s+(?:are|were|is|was|am|be)\s+(?:over|under|aged)\s+$",
                                 re.IGNORECASE)
_NAME_WAS_BEFORE = re.compile(r"\b[A-Z][a-z]+\s+(?:was|is)\s+(?:(?:only|just|still|barely)\s+)?$")
_ARE_OVER_BEFORE = re.compile(r"\b(?:are|were|be|being)\s+(?:over|under|above|below)\s+$", re.IGNORECASE)
_AT_BEFORE = re.compile(r"\bat\s+$", re.IGNORECASE)
_AGE_END_AFTER = re.compile(r"^\s*(?:$|[,.;:!?)\-–—]|(?:and|but|after|when|in|with)\b)", re.IGNORECASE)
# "At 34, Holmes knows ...": a bare number opening the sentence after "At" is the subject's age.
_AT_OPENING = re.compile(r"^\W*at\s+$", re.IGNORECASE)
_PERSON_AFTER_COMMA = re.compile(r"^\s*,\s*(?:[A-Z][a-z]+\b(?<!The)|(?:he|she|I|they)\b)")
_AS_YOUNG_AS = re.compile(r"\bas\s+(?:young|old)\s+as\s+$", re.IGNORECASE)
_LIFE_EVENT_FORMS = word_forms(LIFE_EVENT_VERBS)
# "15 to 19-year-olds", "15- and 16-year-olds", "15 and 16-year-olds".
_AGE_GROUP_AFTER = re.compile(r"^(?:-?\s*(?:to|-|–|and|or)\s*\d{1,3})?[\s-]*(?:years?|yrs?)[\s-]*olds\b",
                              re.IGNORECASE)


_AGE_GAP_AFTER = re.compile(r"\s+(?:his|her|their|my|your|our)\s+(?:junior|senior)\b", re.IGNORECASE)


def _age_reason(number: _Number) -> str:
    if _AGE_GROUP_AFTER.match(number.sentence[number.end:number.end + 24]):
        return "age group"  # "16 to 20-year-olds": who, not how many
    if number.dimension == "duration" and _AGE_GAP_AFTER.match(number.sentence, number.unit_end):
        return "age"  # "a coach 11 years his junior": a difference of ages
    if number.dimension == "age" and number.value < 1000:
        # "a 61-year-old woman", "the 19-year-old": an age describes who someone (or what something)
        # is, it counts nothing; the age of a rock in millions of years is a measurement.
        return "age"
    if not (number.bare and not number.counted_noun and not number.written_in_words and 1 <= number.value <= 120):
        return ""
    if _AGED_BEFORE.search(number.before) or _TURNED_BEFORE.search(number.before) \
            or _AGE_OF_BEFORE.search(number.before) or _AGE_LIMIT_BEFORE.search(number.sentence[:number.start]):
        return "age"
    if _PEOPLE_OVER_BEFORE.search(number.before) \
            or _ARE_OVER_BEFORE.search(number.before) and _AGE_END_AFTER.match(number.after):
        return "age"  # "they are over 21"; "most members are over 21, with ..."
    if _WHO_IS_BEFORE.search(number.before) and _AGE_END_AFTER.match(number.after) \
            or _NAME_WAS_BEFORE.search(number.before) and re.match(r"^\s+when\b", number.after):
        return "age"  # "the singer, who is 45, ...", "He was 84, and ...", "Ray Hill was 22 when she retired"
    if _AS_YOUNG_AS.search(number.before):
        return "age"  # "children as young as 12"
    if _AT_OPENING.match(number.sentence[:number.start]) and _PERSON_AFTER_COMMA.match(number.after):
        return "age"  # "At 34, Holmes ..."; not "At 40, the index ..."
    if _AT_BEFORE.search(number.before) and _AGE_END_AFTER.match(number.after) and number.value.is_integer():
        clause = re.split(r"[;:]", number.sentence[:number.start])[-1]
        if any(word in _LIFE_EVENT_FORMS for word in re.findall(r"[a-z]+", clause.lower())):
            return "age"  # "became an MP at 27", "died at 85", "left school at 16"
    return ""


# ---------------------------------------------------------------------------------------------
# Numbers written in words.

# "a fourth crown", "a fifth consecutive win": an ordinal after "a", not a fraction ("a third of").
_ORDINAL_WORD = re.compile(r"an?\s+(?:third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)", re.IGNORECASE)
_NOT_ORDINAL_AFTER = re.compile(
    r"^(?:\s*[^\w\s]|\s+(?:of|more|less|fewer|as|higher|lower|bigger|smaller|larger|up|down|off|to|in|on|"
    r"since|from|and|or|than)\b|\s*$)",
    re.IGNORECASE,
)


def _word_number_reason(number: _Number) -> str:
    word_lower = number.surface.lower().strip()
    before, after = number.before, number.after
    if re.search(r"[A-Za-z][-‑]$", before) and not number.has_unit:
        return "part of a word"  # "a fly-half", "a one-two": the number word is half of a word
    if re.search(r"\b" + _SMALL_NUMBER + r"\s+top\s+$", before, re.IGNORECASE) and _CHART_AFTER.match(after):
        return "rank"  # "eight top ten hits": a place in a chart inside what the count before it counts
    # A title's line break is not a space inside a sentence: "...lenders\n\nSeven Lloyds syndicates".
    if number.surface[:1].isupper() and number.bare \
            and re.search(r"[a-z\d,;:][^\S\n]+[A-Z][\w’'-]*[^\S\n]+$", before):
        # "the Big Four", "Formula One", "the 2005 RBS Six Nations": a capitalised number word after a name
        return "name"
    if number.surface[:1].isupper() and re.search(r"(?:\b[a-z]+[,;]?|\bThe|\d)[^\S\n]+$", before) \
            and re.match(r"^\s+[A-Z][a-z]", after) \
            and not number.has_unit and not number.has_currency:
        return "name"  # "the Six Nations", "..., Nine Queens won": capitalised inside a sentence, before a name
    if _ORDINAL_WORD.fullmatch(word_lower) and not number.has_unit and (
            not _NOT_ORDINAL_AFTER.match(after) and (_modifies_a_noun(after) or re.match(r"\s+[A-Z]", after))
            or re.match(r"[-‑][a-z]", after)):
        return "ordinal"  # "a fourth crown"; "a third-person view", "a fifth-generation phone": a compound
    idiom = _word_idiom_reason(number, word_lower)
    if idiom:
        return idiom
    if word_lower == "one" and number.dimension == "duration" and _BEFORE_SOMEDAY.search(before) \
            and _SOMEDAY.fullmatch(number.sentence, number.end, number.unit_end):
        return "idiom"  # "hopes to one day lead", "she may one day return": some day, not a day's length
    if not number.has_unit and _noun_named_elsewhere(number):
        return ""
    if (
        not number.has_unit
        and not number.counted_noun
        and word_lower not in {"half", "millions", "billions", "trillions"}  # money: "investing millions"
        and not 0 < number.value < 1  # a fraction in words states a share: "one-twentieth of what it needs"
        and not number.value >= 1000  # "ownership reached five million": a scale word makes an amount
    ):
        # A bare number word with nothing counted ("the two of them", "one said") is not a figure.
        return "no-measure"
    return ""


def _noun_named_elsewhere(number: _Number) -> bool:
    """Whether a number word without a unit counts a noun the text names elsewhere, so that it is a
    count although no noun follows it."""
    before, after = number.before, number.after
    the_before = re.search(r"\bthe\s+$", before, re.IGNORECASE)
    many = number.value >= 2
    if many and re.match(r"^\s+of\s+(?:them|those|these)\b", after) and not the_before:
        return True  # "Nine of them voted against" counts a part; "the two of them" names a pair
    if number.counted_noun:
        return False
    return bool(
        _elliptical_count(number)  # "Smith has three", "lost five or six": the noun was named just before
        # "All three were charged", "the other two are in hospital", "this term and another two."
        or many and _SET_BEFORE.search(before) and (_SET_AFTER.match(after) or _ELLIPTICAL_AFTER.match(after))
        # "the two who finish last": a relative clause says the number stands for members of a set
        or many and the_before and re.match(r"^\s+(?:who|that|which)\b", after)
        # "two of their last five games", "five of the defendants": a part of a set
        or many and _PARTITIVE_OF_COUNT.match(after) and not the_before and not _STAGE_BEFORE.search(before)
        # "14 arrests, including three in the city centre": a part of the count before it
        or _INCLUDED_BEFORE.search(before) and _ELIDED_NOUN_AFTER.match(after)
        and _COUNT_EARLIER.search(number.sentence[:number.start])
        or (_COMPARED_BEFORE.search(before) or many and _NEXT_CLAUSE_BEFORE.search(before) and _SET_AFTER.match(after))
        and _COUNT_EARLIER.search(number.sentence[:number.start])
        # "two white and five black candidates": the noun is written once, after the last count
        or many and _shares_a_later_noun(number)
        # "finished three ahead of his rival", "three clear at the top": a margin
        or _MARGIN_AFTER.match(after)
        # "questioned seven others": the pronoun stands for more of what the clause counts
        or many and re.match(r"^\s+others\b", after) is not None)


# A number word as the whole object of a verb of having, winning or losing, its noun left out
# because the clause before named it: "has six nominations, while Smith has four", "got two
# each", "lost all four", "scored five or six".
_ELLIPSIS_VERB_FORMS = word_forms(POSSESSION_VERBS | CASUALTY_VERBS | {"get", "collect", "claim", "earn", "draw"})
_ELLIPTICAL_BEFORE = re.compile(
    r"\b(?:" + "|".join(sorted(_ELLIPSIS_VERB_FORMS, key=len, reverse=True))
    + r")\s+(?:(?:just|only|all|another)\s+)?$", re.IGNORECASE)
_ELLIPTICAL_AFTER = re.compile(
    r"^(?:\s+(?:or|to)\s+[a-z]+)?(?:\s*[,.;:!?)]|\s+(?:each|apiece|in\s+a\s+row|and|but|while|since|so)\b)",
    re.IGNORECASE)


# The words of a ranking's end before a number: "the top 10", "the last 16", "the final four".
_RANK_END_WORDS = r"(?:[Tt]op|[Bb]ottom|[Ll]ast|[Ff]inal)"
# "the final four of the Open", "the top four of the league": a stage or a place, not a part of a set.
_STAGE_BEFORE = re.compile(r"\b" + _RANK_END_WORDS + r"\s+$", re.IGNORECASE)
# A number of two or more, in digits or words.
_SMALL_NUMBER = r"(?:\d[\d,.]*|" + "|".join(word for word, value in SMALL_NUMBER_WORDS.items() if value >= 2) \
    + r"|a\s+(?:dozen|hundred))"
# "two of their last five games", "three of the injured": a part of a set named after it.
_PARTITIVE_OF_COUNT = re.compile(r"^\s+of\s+(?:the|their|its|his|her|our|your|my|these|those)\s+\w", re.IGNORECASE)
# After "including" a number whose noun is left out stands for part of a count named before it.
_INCLUDED_BEFORE = re.compile(r"\b(?:including|includ(?:es|ed)|among\s+them|of\s+which|of\s+whom)\s+$",
                              re.IGNORECASE)
_ELIDED_NOUN_AFTER = re.compile(r"^(?:\s*[,.;:)]|\s+(?:in|at|on|from|by|of|for|during|against|this|last)\b)",
                                re.IGNORECASE)
_COUNT_EARLIER = re.compile(r"\b" + _SMALL_NUMBER + r"\s+(?:[a-z]+[\s-]+){0,2}[a-z]+s\b", re.IGNORECASE)
# "three ahead of", "two behind", "three clear": the distance between two competitors.
_MARGIN_AFTER = re.compile(r"^\s+(?:ahead|behind|clear|back|adrift|(?:fewer|less)\s+than)\b", re.IGNORECASE)
# "12 threads, compared with four for older chips": the other side of a comparison of counts.
_COMPARED_BEFORE = re.compile(r"\b(?:compared\s+(?:with|to)|against|versus|vs\.?|up\s+from|down\s+from)\s+$",
                              re.IGNORECASE)
# "25 pupils passed and two have left": the subject of the next clause, counted like the first.
_NEXT_CLAUSE_BEFORE = re.compile(r"(?:\b(?:and|but|while|whereas)|,)\s+$", re.IGNORECASE)
# "two male and three female judges", "three British and two French soldiers": modifiers, then
# the next count, which names the noun for both (extraction gives the first count that noun).
MODIFIERS_BEFORE_NEXT_COUNT = r"((?:\s+[A-Za-z][a-z-]+){1,2})\s+(?:and|or)\s+"
_MODIFIERS_THEN_COUNT = re.compile("^" + MODIFIERS_BEFORE_NEXT_COUNT + _SMALL_NUMBER + r"\b", re.IGNORECASE)


def _shares_a_later_noun(number: _Number) -> bool:
    then = _MODIFIERS_THEN_COUNT.match(number.after)
    return then is not None and all("ADJ" in pos_tags(word) or word[0].isupper()
                                    for word in then.group(1).split())


# A number that stands for the members of a set named before: "all three were", "the other two have",
# "took the next two" ("the final four" is a stage of a knockout).
_SET_BEFORE = re.compile(r"\b(?:all|the\s+(?:other|remaining|next|first|following|previous)|another)\s+$",
                         re.IGNORECASE)
_SET_AFTER = re.compile(r"^\s+(?:" + "|".join(sorted(AUXILIARIES - {"'s", "’s"})) + r")\b", re.IGNORECASE)


def _elliptical_count(number: _Number) -> bool:
    return number.value >= 2 and bool(_ELLIPTICAL_BEFORE.search(number.before)) \
        and bool(_ELLIPTICAL_AFTER.match(number.after))


_COUNT_BOUND_BEFORE = re.compile(r"\b(?:" + _QUALIFIERS + r")\s+$", re.IGNORECASE)
# "one gold and two silvers", "three wins and one draw": a "one" counted beside other numbers is a count.
_COUNTS_AFTER = re.compile(r"^[^.;:]{0,30}?\b(?:and|or)\s+" + _SMALL_NUMBER + r"\b", re.IGNORECASE)
_COUNTS_BEFORE = re.compile(r"\b" + _SMALL_NUMBER + r"\b[^.;:]{0,30}?\b(?:and|or)\s+$", re.IGNORECASE)


def _verb_after(after: str) -> bool:
    """Whether the word after "one" is a verb agreeing with it as a pronoun: a plural-looking noun
    ("wonders", "hopes") or a form the lexicon knows only as a verb ("doesn't", "can")."""
    m = re.match(r"\s+([a-z][\w'’]*)(?:\s+([A-Za-z][\w'’-]*))?", after)
    if m is None:
        return False
    word, following = m.group(1), m.group(2) or ""
    if word in MODALS or word in {"doesn't", "does", "has"}:
        return True
    # "One wonders whether": a verb-looking plural followed by no noun ("one arms deal" counts a deal).
    noun_after = following.lower() not in STOP_WORDS | {"whether"} and bool(pos_tags(following) & {"NOUN"})
    return is_plural_noun(word) and "VERB" in pos_tags(word) and not noun_after


def _determines_a_singular_noun(number: _Number) -> bool:
    """Whether a bare "one" stands before a singular noun as "a" would ("one device", "one big
    problem"), rather than counting it: not after a bound ("at least one", "just one") and not
    beside other counts ("one gold and two silvers")."""
    if not number.counted_noun or number.has_unit or _COUNT_BOUND_BEFORE.search(number.before) \
            or _ONE_SPAN_COMPOUND.match(number.after):
        return False  # "a one-season loan": hyphened after "a", "one" counts what it spans
    if _COUNTS_AFTER.match(number.after) or _COUNTS_BEFORE.search(number.before):
        return False
    words = re.findall(r"[A-Za-z][\w'’-]*", number.after)
    for index, word in enumerate(words[:3]):
        tags = pos_tags(word)
        if "NOUN" in tags or "PROPN" in tags:
            # "one count of fraud", "one case of flu": a noun of counting keeps its "of" phrase.
            # "One person died" is read as "a person died" too, as the hand-annotated articles read it.
            return not is_plural_noun(word) and words[index + 1:index + 2] != ["of"]
        if "ADJ" not in tags:
            return False
    return False


def _modifies_a_noun(after: str) -> bool:
    """Whether the word after a number is a noun or an adjective (not a function or time word)."""
    m = re.match(r"\s+([A-Za-z][\w-]*)", after)
    return m is not None and m.group(1).lower() not in STOP_WORDS \
        and bool(pos_tags(m.group(1)) & {"NOUN", "ADJ", "PROPN"})


_SPEECH_FORMS = word_forms(SPEECH_VERBS)


def _speaker_after(number: _Number) -> bool:
    """Whether "one" names a reporter who speaks in the sentence: "one analyst said"."""
    role = re.match(r"\s+([a-z-]+)\b", number.after)
    if role is None or role.group(1) not in SOURCE_ROLES:
        return False
    return any(word in _SPEECH_FORMS for word in re.findall(r"[a-z]+", number.sentence[number.end:].lower()))


# "one-time", "a one-stop shop", "one-click", "one-size-fits-all", "one-sided": "one" in a fixed compound.
# "a one-season loan", "a one-match ban": after "a", "one" hyphened to a span of play counts it.
_ONE_SPAN_COMPOUND = re.compile(r"^[-‑](?:season|match|game|test|race|round|term)\b", re.IGNORECASE)
_ONE_COMPOUND_IDIOM = re.compile(r"^[-‑](?:time|stop|click|size|sided|trick|liners?|dimensional)\b")


_DIALLED_BEFORE = re.compile(r"\b(?:text|texting|txt|call|calling|ring|dial|phone|sms)\b", re.IGNORECASE)
_NAME_AND_NUMBER = re.compile(r"\b[A-Z][\w'’-]*\s\(\d{1,3}\)")
_TEAM_SHEET = re.compile(r"\b(?:" + "|".join(sorted(TEAM_SHEET_WORDS)) + r")\b", re.IGNORECASE)
_IN_THE_WORLD_AFTER = re.compile(r"\s+in\s+the\s+world\b")
# "number one", "No 2", "at number eight and 10", "numbers 3, 5 and 7": places in a ranking.
_RANK_NUMBER_BEFORE = re.compile(r"\b(?:numbers?|nos?\.?)\s+(?:[a-z\d]+(?:\s*,\s*|\s+(?:and|or)\s+))*$",
                                 re.IGNORECASE)


# "one day" as "some day": after "to" (a split infinitive), a modal or a verb of hoping.
_SOMEDAY = re.compile(r"\s+day")
_BEFORE_SOMEDAY = re.compile(r"\b(?:to|" + "|".join(sorted(MODALS))
                             + r"|hope[sd]?|hoping|want(?:s|ed)?|dream(?:s|ed)?|aims?|plans?)\s+$", re.IGNORECASE)


_HALF_THE_PERSON = re.compile(
    r"^\s+the\s+(?:[a-z-]+\s+){1,2}(?:I|you|he|she|we|they|it)\s+(?:am|are|is|was|were|used)\b")
_HALF_OF_A_PAIR = re.compile(r"^\s+of\s+(?:[\w'’-]+\s+){0,4}?(?:duo|pair|partnership|double[\s-]act|couple)\b",
                             re.IGNORECASE)


def _word_idiom_reason(number: _Number, word_lower: str) -> str:
    before, after = number.before, number.after
    if _RANK_NUMBER_BEFORE.search(before) and not number.has_unit:
        return "rank"  # "world number one", "the number two", "the number one and two spots"
    if word_lower in {"one", "zero"} and not number.has_unit:
        if word_lower == "zero" and (_ZERO_IDIOM_AFTER.match(after) or not number.counted_noun):
            return "idiom"
        if word_lower == "one" and (
            _IDIOM_ONE_BEFORE.search(before) and not _ONE_SPAN_COMPOUND.match(after)
            or _IDIOM_ONE_AFTER.match(after) or not number.counted_noun
        ):
            return "idiom"
        if word_lower == "one" and _speaker_after(number):
            return "speaker"  # "one analyst said", "quoted one trader as saying": who speaks, not how many
        if word_lower == "one" and _verb_after(number.after):
            return "pronoun"  # "one wonders whether", "one hopes": "one" cannot count a plural
        if word_lower == "one" and _determines_a_singular_noun(number):
            return "determiner"  # "keeps them in one place", "one gadget that helps": "one" as "a"
    if re.match(r"(?:an?\s+)?quarter$", word_lower) and re.match(r"^[\s-]+finals?\b", after, re.IGNORECASE):
        return "name"  # "a quarter final place": a round of a cup, not a fraction
    if word_lower == "half" and _HALF_IDIOM_BEFORE.search(before) and not number.has_unit:
        return "period"  # "the first half of this year", "and a half"
    if word_lower == "half" and re.match(
        r"^[\s-]+(?:time|way|hearted|brother|sister|term|century|hour|marathons?|an?\b)", after, re.I
    ):
        return "idiom"
    if word_lower == "half" and _HALF_THE_PERSON.match(after):
        return "idiom"  # "half the man he was", "half the player you are": a comparison of worth
    if word_lower.endswith("half") and _HALF_OF_A_PAIR.match(after):
        return "idiom"  # "one half of the comedy duo": one of two people, not a share
    if re.match(r"^[-‑](?:based|run|led|owned|backed|style|like|off|party|rate|hand|way|horse|pronged|sided|edged|"
                r"faced)\b", after) \
            or word_lower == "one" and _ONE_COMPOUND_IDIOM.match(after) \
            or word_lower == "two" and re.match(r"^[-‑](?:tier|speed|track)\b", after):
        # "one-time" is former, "a two-horse race" a contest, "a two-tier economy" a divide (not "a
        # four-tier diploma"); "a three-time champion" counts the wins
        return "idiom"
    return ""


# ---------------------------------------------------------------------------------------------
# Numbers written in digits.


_CHART_AFTER = re.compile(r"^[\s-]+(?:hits?|singles?|albums?|spots?|places?|finish(?:es)?|positions?|slots?|lists?|"
                          r"charts?|seeds?|rankings?)\b", re.IGNORECASE)
# "a place in the last 16", "the Uefa Cup last 16": a stage or a rank, not how many.
_TOP_BEFORE = re.compile(r"(?:\b(?:[Tt]he|[Aa])|\b[A-Z][\w'’-]*)\s+" + _RANK_END_WORDS + r"\s+$")


def _rank_reason(number: _Number) -> str:
    """A place in a ranking or a chart, written in digits."""
    if (_RANK_NUMBER_BEFORE.search(number.before) or _IN_THE_WORLD_AFTER.match(number.after)) and number.bare \
            and not number.counted_noun:
        return "rank"  # "at number eight and 10", "at numbers 3 and 7", "climbed from 48 in the world"
    if _TOP_BEFORE.search(number.before) and number.bare and not number.counted_noun:
        return "rank"  # "finished in the top 10"; not "the top 10 firms"
    if re.search(r"\btop\s+$", number.before, re.IGNORECASE) and (
            # "acts in the sales top 10 include", "made the top 10 of TV flops": a chart
            number.bare and number.value <= 100 and (not number.counted_noun or re.match(r"^\s+of\b", number.after))
            or _CHART_AFTER.match(number.after)):  # "a UK top 10 hit", "three top 20 singles": a place in a chart
        return "rank"
    return ""


def _digit_reason(number: _Number) -> str:
    sentence, start, end = number.sentence, number.start, number.end
    if re.match(r"\s?[+=]\s?\d", number.after) or re.search(r"\d\s?[+=]\s?$", number.before):
        return "equation"  # "a poster reading 2+2=5": sums written out, not statistics
    if number.bare and not number.counted_noun and re.search(r"\b[A-Z][\w'’-]*\s\($", number.before) \
            and number.after.startswith(")") and (len(_NAME_AND_NUMBER.findall(sentence)) > 1
                                                  or _TEAM_SHEET.search(sentence)):
        # "Smith for Jones (53), Brown (60)", "Booked: Hale (77)", "seeds: Japan (1), Peru (8)": the
        # minutes of a team sheet or a seeding, not "goals from Rivaldo (2) and Figo" (how many)
        return "name"
    if number.bare and not number.counted_noun and re.fullmatch(r"\d{5,}", number.surface) \
            and _DIALLED_BEFORE.search(number.before[-40:]):
        return "code"  # "text HELP to 81234", "call 01632 960": a number to dial, not an amount
    rank = _rank_reason(number)
    if rank:
        return rank
    if _ISO_DATE.search(sentence[max(0, start - 6):end + 6]) and number.bare:
        window = sentence[max(0, start - 6):end + 6]
        if re.search(r"\d{4}-\d{2}-\d{2}", window) or re.search(r"\d{1,2}/\d{1,2}/\d{2,4}", window):
            return "date"
    if number.bare:
        reason = _date_or_time_reason(number) or _year_reason(number) or _code_reason(number) \
            or _name_reason(number) or _layout_reason(number)
        if reason:
            return reason
        if number.is_range and not number.counted_noun and _SCORE.match(number.surface):
            return "score"  # "from 0-2 down", "a 3-1 win": two tallies of a match, nothing measured
        if re.fullmatch(r"\d{1,2}\s?[/–-]\s?\d{1,2}", number.surface) \
                and re.search(r"\d\s?[-–]\s?\d\s*\($", number.before):
            return "score"  # "7-6 (8/6)": the tie-break of a set
    if re.match(r"^[-–]\d+(?:st|nd|rd|th)\b", number.after) or re.match(r"^(?:st|nd|rd|th)\b", number.after):
        return "ordinal"
    if not re.sub(r"[^\d.]", "", number.surface) and not number.is_range:
        return "empty"
    return ""


_DAY_SLASH_MONTH = re.compile(r"(?:[1-9]|[12]\d|3[01])/(?:[1-9]|1[0-2])")
_TWENTY_FOUR_HOUR = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d")
_TWENTY_FOUR_HOUR_PAIR = re.compile(r"^\s*(?:and|to|until|till|-|–)\s*0\d{3}\b")
_TWENTY_FOUR_HOUR_PAIR_BEFORE = re.compile(r"\b0\d{3}\s*(?:and|to|until|till|-|–)\s*$")


def _date_or_time_reason(number: _Number) -> str:
    surface, before, after = number.surface, number.before, number.after
    if _DAY_SLASH_MONTH.fullmatch(surface) and not number.counted_noun and not re.match(r"^\s+of\b", after):
        return "date"  # "since 9/11", "the 7/7 attacks": a day and month, not a fraction ("3/4 of")
    if _MONTH_BEFORE.search(before) and re.fullmatch(r"\d{1,4}", surface):
        return "date"
    if (_MONTH_AFTER.match(after) or _DAY_AND_MONTH_AFTER.match(after)) and re.fullmatch(r"\d{1,2}", surface):
        return "date"
    if _CLOCK_AFTER.match(after) or re.search(
        r"\d{1,2}[:.]\d{2}\s?(?:[ap]\.?m\.?)", number.sentence[number.start:number.end + 6], re.I
    ):
        return "clock time"
    if re.fullmatch(r"\d{1,2}:\d{2}(?::\d{2})?", surface) or re.match(r"^:\d{2}", after):
        return "clock time"
    if _TWENTY_FOUR_HOUR.fullmatch(surface) and (surface[0] == "0" or _TWENTY_FOUR_HOUR_PAIR.match(after)
                                                or _TWENTY_FOUR_HOUR_PAIR_BEFORE.search(before)):
        return "clock time"  # "a curfew between 2100 and 0600": hours and minutes of a 24-hour clock
    if _ORDINAL_AFTER.match(after):
        return "ordinal"
    if _DECADE_AFTER.match(after) and re.fullmatch(r"\d{2,4}", surface):
        return "decade"
    return ""


def _year_reason(number: _Number) -> str:
    surface, before, value = number.surface, number.before, number.value
    if re.fullmatch(r"\d{2}", surface) and re.search(r"(?<![\w'’])['’]$", before) and not number.counted_noun:
        return "year"  # "in '93", "the class of '99": a year with its century left out
    year_like = re.fullmatch(r"\d{4}", surface) and 1800 <= value <= 2150
    if year_like and not number.counted_noun:
        return "year"
    if re.fullmatch(r"\d{4}", surface) and 1000 <= value < 1800 and not number.counted_noun \
            and re.search(r"\b(?:in|since|from|until|till|by|of|before|after|around|circa|c\.)\s+$", before, re.I):
        return "year"  # "set up in 1337"
    if year_like and (_YEAR_CONTEXT_BEFORE.search(before) or not _COUNT_BEFORE.search(before)):
        return "year"  # "Keytruda's 2018 sales", "the 2019 Rich List"; not "employs 2000 workers"
    if number.is_range and re.fullmatch(r"(?:between\s+)?\d{4}\s*(?:-|–|to|and)\s*\d{2,4}", surface, re.IGNORECASE):
        return "years"
    if re.fullmatch(r"\d{4}", surface) and 1900 <= value <= 2100 and re.match(r"^(?:/\d{2}|[-–]\d{2}\b)", number.after):
        return "year"
    return ""


# A singular verb or a singular role after a plural number: the number is a name ("3 is", "3 spokesman").
_SINGULAR_AFTER = re.compile(r"^\s+(?:(?P<verb>is|was|has|does|says)\b|(?P<role>[a-z]+)\b)")


# A singular noun phrase opened by an article and closed by a comma: "the veteran director, ".
_SINGULAR_NOUN_PHRASE_COMMA = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s+(?:[\w-]+\s+){0,3}[a-z][\w-]*[^\Ws],\s$")


def _named_by_number(number: _Number) -> str:
    """A bare whole number directly before one thing, and not counting it, names the thing: "the
    6600 handset sold", "the 1642 manuscript, kept in". Not "a 500 page report", where the number and
    its noun together describe the next noun."""
    if not (number.bare and not number.counted_noun and number.value >= 2 and re.fullmatch(r"\d+", number.surface)):
        return ""
    noun_after = re.match(r"\s([a-z]+)\b(?!['’-])\s*([A-Za-z]*)", number.sentence[number.end:number.end + 40])
    if noun_after is None:
        return ""
    noun, following = noun_after.group(1), noun_after.group(2)
    if pos_tags(noun) != frozenset({"NOUN"}) or is_plural_noun(noun):
        return ""
    if following and "NOUN" in pos_tags(following) and not following[:1].isupper():
        return ""
    return "code"


def _code_reason(number: _Number) -> str:
    before, after = number.before, number.after
    if number.value != 1 and not number.is_range and re.fullmatch(r"\d+", number.surface):
        agrees = _SINGULAR_AFTER.match(after)
        opens = re.search(r"(?:^|[.!?\"“”:;(]|\b(?:and|but|while|whereas))\s*$", before)
        if agrees and (agrees.group("verb") and opens or agrees.group("role") in SOURCE_ROLES):
            return "name"  # "3 is looking", "a 3 spokesperson": a number that agrees with one thing names it
    if re.match(r"^\s[A-Z]", after) and not number.counted_noun:
        return "code"  # "iPhone 11 Pro", "787 Dreamliner", "90049 ZIP Code"
    named = _named_by_number(number)
    if named:
        return named
    if re.search(r"\b[A-Z][\w.]*,\s(?:now\s|aged\s)?$", before) and re.match(r"^(?:,|\s[-–—]\s|\.(?:\s|$))", after) \
            and 1 <= number.value <= 120:
        return "age"  # "Ana Cole, 41, said", "Jo Rees, 19 - who ...", "with Ana Cole, 41.": an age, not a statistic
    if _SINGULAR_NOUN_PHRASE_COMMA.search(before) and re.match(r"^,\s", after) and 1 <= number.value <= 120 \
            and number.value.is_integer() and not number.counted_noun:
        return "age"  # "The veteran director, 68, won": a number set off by commas after one person
    if number.surface == "22" and not number.counted_noun and re.search(r"\b(?:their|our|your|own)\s$", before):
        return "code"  # "deep in their own 22": the line of a rugby pitch, not a count
    if re.search(r"[#№]$", before) or re.search(r"\b(?:No|Nos|number)\.?\s$", before):
        return "code"  # "#1", "No. 10" ("X6", glued to a letter, is _glued_code_reason's)
    if re.search(r"[=_]$", before) or re.match(r"^[=_]", after):
        return "code"  # markup and code pasted with an article: "width=300", "id_2"
    if re.search(r"[A-Za-z]{1,6}[-‑]$", before):
        return "code"  # "G-7", "TA-35", "Covid-19", "F-35"
    if re.match(r"^[-‑][A-Z]\b", after):
        return "code"  # "a 10-K filing", "the 4-F rating"
    if re.match(r"^[A-Za-z]", after) and not number.counted_noun:
        return "code"  # "5G", "4K", "A4", "3D"
    if _CODE_NAMES.search(before) or _LOWER_CODE_NAMES.search(before):
        return "code"
    return ""


_CODE_THEN_AND = re.compile(r"(?<![.!?]\s)\b[A-Z][\w&]*\s\d+\s*(?:,|and|or|&)\s*$")


def _name_reason(number: _Number) -> str:
    before, after = number.before, number.after
    cap = _CAPITALISED_BEFORE.search(before)
    if (
        cap
        and cap.group("word").rstrip(".") not in _NOT_A_NAME
        # "the union's 70,000", "Amicus' 20,000": what a possessor has is counted, not named
        and not re.search(r"(?:['’]s|s['’])$", cap.group("word"))
        and not re.search(r"\d,\d{3}", number.surface)  # "in Devon 48,000": names are not written with separators
        and not re.search(r"\b(?:" + MONTHS + r")\.?\s$", before)
        and not (number.counted_noun and re.match(r"^\s+(?:[a-z]+s)\b", after))
        and not re.match(r"^\s*(?:per|%)", after)
    ):
        return "code"  # "FTSE 100", "Big 12", "Lang 20", "S&P 500"
    if _ADDRESS_AFTER.match(after):
        return "address"
    if _CODE_THEN_AND.search(before) and not number.counted_noun and re.fullmatch(r"\d+", number.surface):
        return "code"  # "Office 97 and 2000": the second of two names that share their word
    return ""


def _layout_reason(number: _Number) -> str:
    sentence, start, end = number.sentence, number.start, number.end
    if re.match(r"^[-–]\d", number.after) or re.search(r"\d[-–]$", number.before):
        return "score"
    if re.match(r"^\.\d", number.after):
        return "code"  # version or section numbers like "2.0.1"
    if _PHONE.fullmatch(sentence[max(0, start - 4):end + 8].strip()):
        return "phone"
    if re.fullmatch(r"0\d+", number.surface) or any(
            m.start() <= start and end <= m.end() for m in _DIALLED.finditer(sentence)):
        return "phone"  # "call 0800 123 4567": a number dialled, in groups, from a leading zero
    return ""


# Prepositions by which a period dates what the clause states: "rose 4% in the first six months".
_DATING_PREPOSITIONS = frozenset({"in", "over", "during", "across", "throughout", "since", "through"})
_STRESSING_WORDS = frozenset({"just", "only", "under", "less", "barely", "mere", "record"})


def _says_how_long(preposition: Token) -> bool:
    """Whether the period after `preposition` says how long the action of a verb with no object
    took ("the flats sell in 40 days", "it sold out in a week"), rather than the time over which
    an amount built up ("bought 5m songs in 12 months")."""
    governor = preposition.head
    return upos(governor) == "VERB" and not any(c.dep_ in {"dobj", "attr", "oprd"} for c in governor.children)


def parsed_rejection(doc: Doc, start: int, end: int, *, dimension: str, has_other_figure: bool,
                     unit: str = "") -> str:
    """Why the figure at doc.text[start:end] is not a statistic, from the parse and named entities,
    or '' when it is one.

    - a period that only dates another figure of its sentence: a DATE entity governed by a
      preposition of time ("in the first six months of the year", "over three months");
    - a person named by their age ("the 19-year-old"), as against an age that modifies a noun
      ("a 50-year-old man");
    - an ordinal that modifies a noun ("a fifth appearance");
    - a bare number (no unit, nothing counted) that the entity recogniser reads as a date or time:
      an age ("the victim was 29") or a day.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return ""
    labels = {t.ent_type_ for t in span if t.like_num or t.ent_type_}
    root = span.root
    if dimension == "duration" and has_other_figure and "DATE" in labels:
        nouns = [t for t in span if upos(t) == "NOUN" and t.dep_ == "pobj"]
        if nouns and nouns[-1].head.lower_ in _DATING_PREPOSITIONS:
            determined = any(t.dep_ in {"det", "amod", "poss"} for t in nouns[-1].lefts)
            # "sold 2m copies in the first six months" and "sold 2m copies in 12 months" date the
            # other figure. After "in" a period is a figure where the writer stresses it ("collected
            # 5,000 in just two weeks": how short the time was is the news) or where it says how
            # long a verb with no object took ("homes from $200,000 sell in 40 days").
            stressed = any(t.lower_ in _STRESSING_WORDS for t in doc[max(0, span.start - 2):span.end])
            preposition = nouns[-1].head
            if preposition.lower_ != "in" or determined or not stressed and not _says_how_long(preposition):
                return "period"
    if dimension == "duration" and has_other_figure and "DATE" in labels:
        held = next((t for t in span if t.like_num), root)
        while span.start <= held.i < span.end and held.head.i != held.i:
            held = held.head
        if upos(held) == "NOUN" and held.dep_ == "pobj" and held.i >= span.end \
                and held.head.lower_ in _DATING_PREPOSITIONS - {"in", "since"} and lemma(held) in TIME_SPAN_NOUNS:
            # "£900 over a five-year period": the period the amount is spread over; not "500 launched
            # during the four-day fair", which says how long the fair lasts.
            return "period"
    if dimension == "age":
        old = next((t for t in doc[span.start : min(len(doc), span.end + 3)] if t.lower_ == "old"), None)
        following = doc[old.i + 1] if old is not None and old.i + 1 < len(doc) else None
        if old is not None and (old.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj", "ROOT"}
                                or upos(old.head) not in {"NOUN", "PROPN"}
                                or following is not None and upos(following) == "PROPN"):
            return "person"  # "the 19-year-old signed", "18-year-old Nadal"; not "a 19-year-old player"
    if labels == {"ORDINAL"} and root.dep_ == "amod" and upos(root.head) == "NOUN" and all(
            _WRITTEN_AS_ORDINAL.search(t.lower_) for t in span if t.ent_type_ == "ORDINAL" and t.text[:1].isdigit()):
        return "ordinal"  # "a fifth title", "his 3rd win"; not "a 2bn rouble claim" the recogniser misreads
    if dimension == "count" and not unit and all(t.like_num for t in span):
        return _entity_reason(span)
    return ""


_WRITTEN_AS_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)$")


def _entity_reason(span: Span) -> str:
    labels = {t.ent_type_ if t.ent_iob_ != "O" else "" for t in span}
    entity = next((e for e in span.doc.ents if e.start <= span.start < e.end), None)
    if entity is not None and any(t.like_num for t in entity if not span.start <= t.i < span.end):
        return ""  # "from 36 to 12 months": the first end of a range whose unit is written once
    if span.root.dep_ == "pobj":
        return ""  # "cut the squad to 23", "rose to 45": the level a preposition leads to is an amount
    if labels <= {"DATE", "TIME"}:  # every token inside a date or time entity
        return "date"  # an age or a day the recogniser reads as a date: "the victim was 29"
    return ""
