"""What a figure measures: the counted noun after a count, or the phrase a measure belongs to.

A shallow, dictionary-driven reading (lemminflect's English lexicon gives each word's possible
parts of speech) instead of a statistical parser: it runs only on the few words around each
number, so extraction stays several times faster than quantulum3 alone.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from lemminflect import getAllLemmas, getLemma
from spacy.tokens import Doc, Span, Token

from extract.engine.lexicon import (
    AMOUNT_TAKEN_FROM,
    AUXILIARIES,
    CHANGE_VERBS,
    CLAUSE_OPENERS,
    DETERMINERS,
    DIMENSION_NOUNS,
    DURATION_UNIT_WORDS,
    MORE_OF_THE_SAME,
    NOT_FIGURE_ENTITY_LABELS,
    NUMBER_FRAMES,
    OPINION_VERBS,
    PENALTY_NOUNS,
    RELATIVE_PRONOUNS,
    SMALL_NUMBER_WORDS,
    STOP_WORDS,
    TIME_NOUNS,
    VAGUE_PLURALS,
    VERBS_AFTER_NOUNS,
    word_forms,
)
from extract.engine.parse import WORD_CACHE_SIZE, lemma, upos

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’.&-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*(?:['’]s\b)?|[^\s\w]")
# Words that name a group in plural without an -s.
_PLURAL_NOUNS = {"people", "children", "men", "women", "police", "staff", "personnel", "cattle",
                 "sheep", "deer", "fish", "aircraft", "crew", "data", "media", "feet", "teeth",
                 "mice", "geese", "troops", "livestock", "offspring", "clergy", "folk", "youth",
                 "poultry", "spacecraft", "series", "species", "headquarters"}
_PREPOSITIONS = {"in", "of", "for", "on", "at", "from", "with", "by", "across", "among"}
_PARTICIPLE = re.compile(r".+(?:ed|ing|en)$")


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def pos_tags(word: str) -> frozenset[str]:
    """The parts of speech lemminflect's lexicon allows for `word` ({"NOUN", "VERB"}, ...);
    {"PROPN"} for a capitalised word it does not know."""
    lemmas = getAllLemmas(word.lower())
    if not lemmas and word[:1].isupper():
        return frozenset({"PROPN"})
    if not lemmas and "-" in word.strip("-"):
        # "front-runners", "start-ups": a compound the lexicon does not list is what its last part is.
        return pos_tags(word.rsplit("-", 1)[1])
    return frozenset(lemmas)


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def lemma_of_verb(word: str) -> str:
    """The lemma of a verb form ("browsed" -> "browse")."""
    found = getLemma(word.lower(), upos="VERB")
    return found[0] if found else word.lower()


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)  # lemminflect deep-copies its tables on every call
def singular(word: str) -> str:
    """The singular form of a noun ("tankers" -> "tanker", "people" -> "people")."""
    lower = word.lower()
    if lower in _PLURAL_NOUNS:
        return lower
    if "-" in lower.strip("-") and not getAllLemmas(lower):
        head, last = lower.rsplit("-", 1)
        return f"{head}-{singular(last)}"  # "front-runners" -> "front-runner"
    lemma = getLemma(lower, upos="NOUN")
    return lemma[0] if lemma else lower


_UNKNOWN_PLURAL = re.compile(r"[a-z]{3,}[^su]s")


def is_plural_noun(word: str) -> bool:
    lower = word.lower()
    if lower in _PLURAL_NOUNS:
        return True
    pos = pos_tags(word)
    if not pos and _UNKNOWN_PLURAL.fullmatch(word):
        return True  # "gamers", "bloggers": a word the lexicon lacks, plural in form, is a plural noun
    if "NOUN" not in pos and "PROPN" not in pos:
        return False
    if "PROPN" in pos and not lower.endswith("s"):
        return False
    return singular(lower) != lower or (lower.endswith("s") and not lower.endswith("ss") and "PROPN" in pos)


_OBJECT_PRONOUNS = {"me", "him", "us", "myself", "himself", "herself", "itself", "ourselves", "themselves",
                    "yourself", "Me", "Him"}


def _nounish(word: str) -> bool:
    lower = word.lower()
    if lower in STOP_WORDS or not word[:1].isalpha() or word in _OBJECT_PRONOUNS:
        return False
    pos = pos_tags(word)
    return bool(pos & {"NOUN", "PROPN", "ADJ"}) or not pos or lower in _PLURAL_NOUNS


def _verb_only(word: str) -> bool:
    pos = pos_tags(word)
    return bool(pos) and not (pos & {"NOUN", "ADJ", "PROPN"})


@dataclass(frozen=True)
class Phrase:
    text: str
    head: str  # the noun the phrase is about
    start: int
    end: int


def _tokens(sentence: str, start: int, end: int) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(sentence, start, end)]


def counted_noun_after(sentence: str, pos: int, value: float, vague: bool = False) -> Phrase | None:
    """'6700 Ukrainian civilians' -> 'Ukrainian civilians' (head 'civilian').

    A vague plural also counts a mass noun after "of" or "in" ("billions of revenue", "millions in
    damages"): an order of magnitude of it."""
    if sentence[pos:pos + 1].isalpha():
        return None  # "5G", "3D": letters glued to a number make a name, not a count
    if re.match(r"-(?:,|\s+(?:and|or|to)\b)", sentence[pos:pos + 6]):
        # "four-, five- and six-cylinder engines": the hanging hyphen is completed further on.
        completion = re.search(r"\b(?:\w+|\d[\d.,]*)(?=-[A-Za-z])", sentence[pos + 1:pos + 60])
        if completion is None:
            return None
        return _hyphen_compound(sentence, pos + 1 + completion.end())
    compound = _hyphen_compound(sentence, pos) if re.match(r"-[A-Za-z]", sentence[pos:pos + 2]) else None
    if compound is not None:
        return compound
    age_group = _AGE_GROUP.match(sentence, pos)
    if age_group is not None:
        # "500 British 16 to 20-year-olds": people of an age, counted.
        return Phrase(age_group.group(1), "person", age_group.start(1), age_group.end(1))
    tokens = _tokens(sentence, pos, min(len(sentence), pos + 80))
    if 0 < abs(value) < 1 and tokens and tokens[0][0] in _OPINION_FORMS:
        return None  # "a quarter think prices will rise": the verb of those asked, not a noun counted
    linked = bool(tokens) and tokens[0][0].lower() in ({"of", "in"} if vague else {"of"})
    if linked and re.match(r"\s*(?:of|in)\b", sentence[pos:]):
        tokens = tokens[1:]  # "hundreds of families", "a dozen of them"
        if tokens and tokens[0][0].lower() in {"the", "these", "those", "its", "their", "his", "her", "our", "my",
                                               "your"}:
            tokens = tokens[1:]
            if len(tokens) > 1 and (tokens[0][0].lower() in SMALL_NUMBER_WORDS or tokens[0][0][:1].isdigit()):
                tokens = tokens[1:]  # "four of the nine judges": a part of a group counts its noun
    if len(tokens) > 2 and tokens[0][0].lower() == "or" and tokens[1][0].lower() in _OPEN_BOUNDS:
        tokens = tokens[2:]  # "ten or more tickets": the bound's words stand between the number and its noun
    if tokens and tokens[0][0] in {"-", "‑"}:
        tokens = tokens[1:]  # "a 30-year mortgage" handled as duration elsewhere; "5-star"
    if tokens and tokens[0][0].lower() in MORE_OF_THE_SAME:
        tokens = tokens[1:]  # "six other unions", "four more fixes": what is counted follows
    if tokens and tokens[0][0].lower() in VAGUE_PLURALS:
        return None  # "Five mailed thousands of dossiers": another number, never what this one counts
    # Quotation marks around a word of the phrase ("eight "critical" holes") are not words.
    tokens = [t for t in tokens if t[0] not in _QUOTE_MARKS]
    run = _counted_run(sentence, tokens, value)
    if isinstance(run, Phrase):
        return run
    return _counted_phrase(sentence, run, value, mass=vague and linked)


# "British 16 to 20-year-olds", "21 to 25-year olds", "over-65s" are people counted by age.
_AGE_GROUP = re.compile(
    r"\s+((?:[A-Z][a-z]+\s+)?\d{1,3}(?:\s*(?:to|-|–)\s*\d{1,3})?[\s-]*(?:years?|yrs?)[\s-]*olds)\b",
    re.IGNORECASE)


_Tokens = list[tuple[str, int, int]]
_OPEN_BOUNDS = frozenset({"more", "fewer", "less", "over", "above", "under", "below"})
_QUOTE_MARKS = "\"'“”‘’"


def _number_inside_the_phrase(run: _Tokens, end: int, following: tuple[str, int, int]) -> bool:
    """'two new 797 Zeta jets': a model number; 'three UK top 10 singles': a place in a chart. Either
    describes what is counted, which goes on after it."""
    if following[1] == end + 1 and following[0][:1].isupper() and _nounish(following[0]):
        return True
    return bool(run) and run[-1][0].lower() == "top" and _nounish(following[0])


def _model_number(sentence: str, run: _Tokens, start: int) -> bool:
    """'70 Boeing 737-800 planes', '10 Airbus A380 jets': digits right after a maker's name or
    glued to a model's letters, or after a hyphen that follows such digits, are a model's number
    inside what is counted."""
    if not run:
        return False
    gap = sentence[run[-1][2]:start]
    return gap in {" ", ""} and run[-1][0][:1].isupper() or gap in {"-", "‑"} and run[-1][0].isdigit()


def _counted_run(sentence: str, tokens: _Tokens, value: float) -> _Tokens | Phrase:
    """The words after a number that may be what it counts (or, for "63,150 Model 3s", the
    counted phrase itself)."""
    run: list[tuple[str, int, int]] = []
    for index, (word, start, end) in enumerate(tokens):
        if run and (start - run[-1][2] > 3 or sentence[run[-1][2]:start].strip(" " + _QUOTE_MARKS)) \
                and not (word.isdigit() and _model_number(sentence, run, start)):
            break
        if word in {"-", "‑"} and run:
            continue
        if word[:1].isdigit() and re.fullmatch(r"\d+", word) \
                or run and run[-1][0].lower() == "top" and word.lower() in SMALL_NUMBER_WORDS:
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if following and following[0] == "s" and following[1] == end and run and run[-1][0][:1].isupper():
                # "63,150 Model 3s": the plural of a model name is what is counted.
                name_start = run[0][1]
                return Phrase(sentence[name_start:following[2]], sentence[name_start:end], name_start, following[2])
            if following and _number_inside_the_phrase(run, end, following) or _model_number(sentence, run, start):
                run.append((word, start, end))
                continue
            break
        if not word[:1].isalpha() or word.lower() in VAGUE_PLURALS:
            break  # "Five mailed thousands of dossiers": another number ends what this one counts
        next_word = tokens[index + 1][0] if index + 1 < len(tokens) else ""
        if run and (_inside_a_name(run[-1][0], word, next_word) or _joins_two_modifiers(run[-1][0], word, next_word)):
            run.append((word, start, end))
            continue
        if run and _agreeing_verb(run[-1][0], word, next_word, abs(value)):
            break  # "a third of the population lives in": the verb, not a compound noun
        if not _joins_the_run(run, tokens, index, value):
            break
        run.append((word, start, end))
        if len(run) >= 4:
            break
    return run


def _joins_the_run(run: _Tokens, tokens: _Tokens, index: int, value: float) -> bool:
    """Whether the word at `index` goes on the phrase a number counts: a noun or an adjective, or
    a word that opens one."""
    word = tokens[index][0]
    next_word = tokens[index + 1][0] if index + 1 < len(tokens) else ""
    if _nounish(word):
        return True
    if not run and _PARTICIPLE.match(word.lower()) and _verb_only(word) and _nounish(next_word):
        return True  # "135 sanctioned tankers", "ageing oil tankers"
    if not run and word.lower().endswith("ly") and "ADV" in pos_tags(word) and _nounish(next_word):
        return True  # "two really important games": an adverb of the adjective
    if word[:1].isupper() and next_word[:1].isupper() and word.lower() in SMALL_NUMBER_WORDS and _nounish(next_word):
        return True  # "12 Six Nations titles": a number word inside a name
    # "five surround sound speakers": a verb as a noun's modifier
    return not run and abs(value) != 1 and pos_tags(word) == {"VERB"} and _opens_a_compound(tokens, index)


def _joins_two_modifiers(previous: str, word: str, next_word: str) -> bool:
    """'40 red and white roses', 'public or private sector jobs': "and" or "or"
    between two adjectives before the noun counted."""
    return word in {"and", "or"} and "ADJ" in pos_tags(previous) and "ADJ" in pos_tags(next_word)


def _inside_a_name(previous: str, word: str, next_word: str) -> bool:
    """'four Bank of Ireland branches', 'three Grade B homes', 'six Premiership and Cup matches', '10 Airbus
    A380 jets': "of", "and", a capital letter or a model code between capitalised words of a name."""
    if not previous[:1].isupper():
        return False
    return word in {"of", "and", "&"} and next_word[:1].isupper() \
        or bool(re.fullmatch(r"[A-Z]", word)) and next_word[:1].isalpha() \
        or bool(re.fullmatch(r"[A-Z]{1,3}", word)) and next_word[:1].isdigit()  # "Airbus A380 jets"


def _opens_a_compound(tokens: _Tokens, index: int) -> bool:
    """Whether tokens[index], a word the lexicon knows only as a verb, opens a compound noun after
    a number: adjacent nouns follow it, the last a plural ("surround sound speakers"); as the verb
    of a number standing as subject ("six surround the house") it is followed by its object."""
    previous_end = tokens[index][2]
    for word, start, end in tokens[index + 1:index + 4]:
        if start - previous_end > 1 or not word[:1].isalpha() or not _nounish(word):
            break
        previous_end = end
        if is_plural_noun(word):
            return True
    return False


def _is_head_noun(word: str) -> bool:
    return "NOUN" in pos_tags(word) or word.lower() in _PLURAL_NOUNS or "PROPN" in pos_tags(word) \
        or is_plural_noun(word)


def _counted_phrase(sentence: str, run: list[tuple[str, int, int]], value: float, mass: bool) -> Phrase | None:
    """The counted phrase among the words after a number: up to its head, the last noun (or the
    first plural noun); None when nothing is counted ("zero military sense")."""
    # The head is the last noun; trailing adjectives ("workers alone") are dropped.
    while run and not _is_head_noun(run[-1][0]):
        run.pop()
    if not run:
        return None
    head = run[-1][0]
    # Stop at the first plural noun: "496 tankers recorded" is fine, "12 people killed" too.
    for i, (word, _, _) in enumerate(run):
        if is_plural_noun(word) and i < len(run) - 1 and not _nounish(run[i + 1][0]) \
                and not re.fullmatch(r"[A-Z]{1,3}|\d+", run[i + 1][0]):  # "Airbus A380 jets": a model follows
            run = run[: i + 1]
            head = word
            break
    if abs(value) != 1 and not is_plural_noun(head):
        # A possessive before its noun ("Acme's staff") is not the plural counted.
        plural_at = [i for i, (word, _, _) in enumerate(run) if is_plural_noun(word)
                     and not (word.endswith(("'s", "’s")) and i < len(run) - 1)]
        if plural_at:
            # "two viruses deformed wing virus": the count is of the first plural noun.
            run = run[: plural_at[0] + 1]
            head = run[-1][0]
    # A plural head is needed unless the value is one ("one solution"), a share ("a third of the
    # population") or an order of magnitude of a mass noun ("billions of revenue"); "nine lives"
    # yes, "zero military sense" no.
    singular_ok = abs(value) == 1 or (0 < abs(value) < 1 or mass) and "NOUN" in pos_tags(head)
    if not is_plural_noun(head) and not singular_ok:
        return None
    text = re.sub(r"\s*[\"“”]\s*", " ", sentence[run[0][1] : run[-1][2]]).strip()  # 'eight "critical" holes'
    return Phrase(text=text, head=singular(head), start=run[0][1], end=run[-1][2])


def _agreeing_verb(previous: str, word: str, following: str, value: float) -> bool:
    """'a third of the population lives in': when a share or one is counted, an -s form after a
    singular noun is the verb, unless a verb follows it ('half of the bus stops were shut')."""
    lower = word.lower()
    if not (value <= 1 and lower.endswith("s") and not lower.endswith("ss")):
        return False
    if (
        following.lower() in AUXILIARIES
        or following[:1].isalpha()
        and following.lower() not in STOP_WORDS
        and pos_tags(following) & {"VERB", "AUX"}
    ):
        return False
    return (
        "VERB" in pos_tags(word)
        and "NOUN" in pos_tags(previous)
        and singular(previous) == previous.lower()
        and previous.lower() not in _PLURAL_NOUNS
    )


def _hyphen_compound(sentence: str, hyphen: int) -> Phrase | None:
    """'six-cylinder engines', 'a two-bedroom flat': the noun after the hyphen is what is counted
    (cylinders, bedrooms); the entity is the phrase it belongs to."""
    m = re.match(r"-([A-Za-z]+)\b(?!-)", sentence[hyphen:])
    if m is not None and m.group(1).lower() == "time":
        # "a three-time champion": the times the title was won; what it counts is the noun after.
        gap = re.match(r"\s+", sentence[hyphen + m.end():])
        after = _noun_run_after(sentence, hyphen + m.end() + gap.end()) if gap else None
        return Phrase(after.text, "time", after.start, after.end) if after is not None else None
    if (
        m is None
        or "NOUN" not in pos_tags(m.group(1))
        or m.group(1).lower() in STOP_WORDS
        or m.group(1).lower() in {"something", "somethings", "odd", "plus", "ish"}
    ):
        return None
    head_start, head_end = hyphen + m.start(1), hyphen + m.end(1)
    end = head_end
    for word, _, w_end in _tokens(sentence, head_end, min(len(sentence), head_end + 40)):
        if not (_nounish(word) and word.lower() not in VERBS_AFTER_NOUNS) or w_end - end > len(word) + 1:
            break
        end = w_end
    return Phrase(sentence[head_start:end], singular(m.group(1)), head_start, end)


_TIME_UNIT = re.compile(r"(?:" + DURATION_UNIT_WORDS + r"|secs?|mins?|hrs?|laps?|overs?)$",
                        re.IGNORECASE)
_TIME_SPENT = re.compile(r"\b(?:spen[dt]|spends|spending)\s+(?:(?:about|around|nearly|almost|some|over|"
                         r"more\s+than|less\s+than|just|only|roughly)\s+)*(?:an?\s+)?$", re.IGNORECASE)
_PENALISED = re.compile(r"\b(?P<verb>[A-Za-z]+ed)\s+(?:for|to)\s+(?:(?:up\s+to|more\s+than|nearly|almost|about|"
                        r"another|a\s+further|at\s+least)\s+)?$")
# "three minutes left to play", "two laps remaining", "five days to go".
_TIME_LEFT = re.compile(r"\s+(?P<left>left|remaining|to\s+go|to\s+spare)\b")


def measured_phrase(sentence: str, number_start: int, unit_end: int) -> Phrase | None:
    """What a measure or percentage belongs to: 'X% of <phrase>', what a period is of ("two
    years' free maintenance"), the time left ("three minutes left to play"), or the noun phrase
    before it."""
    if _TIME_UNIT.search(sentence, max(0, unit_end - 8), unit_end):
        left = _TIME_LEFT.match(sentence, unit_end)
        if left is not None:
            return Phrase("remaining time", "time", left.start("left"), left.end())
        penalty = _PENALISED.search(sentence, max(0, number_start - 40), number_start)
        if penalty is not None and lemma_of_verb(penalty.group("verb").lower()) in PENALTY_NOUNS:
            noun = PENALTY_NOUNS[lemma_of_verb(penalty.group("verb").lower())]
            return Phrase(noun, noun.split()[-1], penalty.start("verb"), penalty.end("verb"))  # "jailed for six years"
        spent = _TIME_SPENT.search(sentence, max(0, number_start - 40), number_start)
        if spent is not None:
            return Phrase("time spent", "time", spent.start(), spent.end())  # "where they spent about 90 minutes"
        if re.match(r"['’]\s", sentence[unit_end:unit_end + 2]) and sentence[unit_end - 1:unit_end] in "sS":
            owned = _noun_run_after(sentence, unit_end + 2)
            if owned is not None:
                return owned  # "two years' free maintenance"
        if re.search(r"\w-[A-Za-z]+$", sentence[number_start:unit_end]) and sentence[unit_end:unit_end + 1] == " ":
            lasting = _noun_run_after(sentence, unit_end + 1)
            words = lasting.text.split() if lasting is not None else []
            if lasting is not None and len(words) > 1 and words[-1].endswith("s") and "VERB" in pos_tags(words[-1]):
                # "the 10-day festival runs until": the verb after a singular noun ends the phrase
                end = lasting.start + len(" ".join(words[:-1]))
                lasting = Phrase(sentence[lasting.start:end], singular(words[-2]), lasting.start, end)
            if lasting is not None:
                return lasting  # "the 10-day festival", "a three-year contract": what lasts that long
    return (
        _of_phrase(sentence, number_start, unit_end)
        or _respondents(sentence, number_start, unit_end)
        or fronted_partitive(sentence, number_start)
        or _phrase_before(sentence, number_start)
    )


def _opens_clause(sentence: str, number_start: int) -> bool:
    """Whether the figure (with its qualifier) opens its clause: the sentence's start, a comma or
    colon, or a word that opens a clause ("because around a quarter said ...")."""
    window = max(0, number_start - 200)  # what opens the clause is just before the figure
    before = sentence[window:number_start].rstrip()
    adverb = re.search(r"\b[A-Za-z]+ly$", before)
    while adverb is not None and "ADV" in pos_tags(adverb.group(0)):
        before = before[:adverb.start()].rstrip()  # "Nationally, more than 5 million ..."
        adverb = re.search(r"\b[A-Za-z]+ly$", before)
    if not before or before[-1] in ",;:(\"“‘'":
        return True
    last = re.search(r"[A-Za-z]+$", before)
    return last is not None and last.group(0).lower() in CLAUSE_OPENERS


_OPINION_FORMS = word_forms(OPINION_VERBS)
_SAY_FORMS = word_forms(frozenset({"say", "tell"}))
_RESPONDENT_CLAUSE = re.compile(r"\s+(?P<verb>[a-z]+)\s+(?P<rest>[^,.;:()?!]+)")
_MONEY_SIGN = re.compile(r"[$£€¥]")
_LONGEST_ANSWER = 7  # words of what those asked said or thought
_ADJUNCT_OPENERS = frozenset({"in", "amid", "after", "before", "since", "despite", "during", "when", "while",
                              "because", "following", "as", "if", "at", "compared", "versus", "but", "whereas"})
# A figure that is a number alone, counting no noun: "more than 5 million", "about 300".
_BARE_COUNT = re.compile(r"(?:\d|\b(?:hundred|thousand|million|billion|dozen)s?)$", re.IGNORECASE)


def _acting_verb(word: str) -> bool:
    """'5 million browse the net', '300 attended': a verb (not an auxiliary, not one of change) after
    a bare count says what those counted do; a word that may be a plural noun would have been
    counted, so a noun reading is no objection ("browse")."""
    tags = pos_tags(word)
    return (
        "VERB" in tags
        and not tags & {"ADJ", "PROPN"}
        and not (word.endswith("s") and "NOUN" in tags)
        and word not in AUXILIARIES
        and lemma_of_verb(word) not in CHANGE_VERBS
    )


def _respondents(sentence: str, number_start: int, unit_end: int) -> Phrase | None:
    """'47% said they backed the plan' -> 'those who backed the plan', 'a quarter think prices will
    rise' -> 'those who think prices will rise': a share that opens its clause as the subject of a
    verb of opinion or answer is a share of the people who did so."""
    m = _RESPONDENT_CLAUSE.match(sentence, unit_end)
    if m is None or not _opens_clause(sentence, number_start) or _MONEY_SIGN.search(sentence, number_start, unit_end):
        return None  # "with £80,000 bail money": an amount of money is not people who answered
    if m.group("verb") not in _OPINION_FORMS and not (_BARE_COUNT.search(sentence, 0, unit_end)
                                                      and _acting_verb(m.group("verb"))):
        return None
    start, rest = m.start("verb"), m.group("verb") + " " + m.group("rest")
    if m.group("verb") in _SAY_FORMS:
        rest = m.group("rest")
        # "said they backed", "say that it is": what was said, without the speech verb.
        said = re.match(r"(?:that\s+)?(?:they|it|he|she|we)\s+(?=[\"“‘']?[a-z])", rest)
        if said is None:
            return None  # "rose 5% said the company": a speech cue, not an answer
        start, rest = m.start("rest") + said.end(), rest[said.end():]
    words: list[str] = []
    for word in rest.split()[:_LONGEST_ANSWER]:
        if len(words) >= 2 and word.lower() in _ADJUNCT_OPENERS or any(c.isdigit() for c in word):
            break  # "voted against the plan in protest": the adjunct is not what they did
        words.append(word.strip("\"“”‘’'"))
    words = [w for w in words if w]
    while words and words[-1].lower() in STOP_WORDS:
        words.pop()
    if not words:
        return None
    end = start + len(" ".join(rest.split()[:len(words)]))
    return Phrase("those who " + " ".join(words), "respondent", start, min(end, len(sentence)))


# "Of the 21 films in competition, more than half ...", "Of those asked, 40% ...".
_PARTITIVE = re.compile(r"(?:^|[;:]\s*)[\"“‘']?\s*of\s+(?P<rest>[^,;:]{1,80}),\s*$", re.IGNORECASE)
_PARTITIVE_OPENERS = DETERMINERS | {"all", "both", "some"}


def fronted_partitive(sentence: str, number_start: int) -> Phrase | None:
    """'Of the 21 films shown, more than half are ...': a share or count that follows a fronted
    "of" phrase is a part of what that phrase names."""
    if not (sentence.lstrip("\"“‘' ")[:3].lower() == "of " or ";" in sentence or ":" in sentence):
        return None  # the "of" phrase opens the sentence or a clause after a semicolon or colon
    m = _PARTITIVE.search(sentence, 0, number_start)
    if m is None:
        return None
    tokens = _tokens(sentence, m.start("rest"), m.end("rest"))
    while tokens and (tokens[0][0].lower() in _PARTITIVE_OPENERS - {"those"} or tokens[0][0][:1].isdigit()):
        tokens = tokens[1:]
    if not tokens:
        return None
    if tokens[0][0].lower() in {"those", "people", "respondents", "voters", "adults"} and len(tokens) >= 2:
        # "Of those asked", "Of people polled": the group with what sets it apart.
        return Phrase(sentence[tokens[0][1]:tokens[1][2]], singular(tokens[0][0]), tokens[0][1], tokens[1][2])
    return _noun_run_after(sentence, tokens[0][1])


# "8 miles (13 km) of new tunnels": a conversion in brackets may stand between a measure and its
# "of"; "46% of all adults", "50mL of 30% acid": a quantifier or a strength is passed over to reach
# the noun; "half the country": a fraction needs no "of".
_OF = re.compile(
    r"(?:\s*\([^()]{1,40}\))?\s+of\s+(?:(?:all|both|those|these|every|each)\s+)?"
    r"(?:the\s+|its\s+|their\s+|his\s+|her\s+)?(?:\d[\d.,]*\s?%\s+|(?<=the\s)\d[\d,]*\s+)?"  # "of the 2,000 users"
)
_FRACTION_THE = re.compile(r"\s+(?:the|its|their|his|her)\s+")
# "more than half of those with broadband", "a third of those who voted".
_OF_THOSE = re.compile(r"\s+of\s+(?P<those>(?:those|people|everyone|anyone)\s+"
                       r"(?:(?:with|who|without|in|on|aged|over|under)(?:\s+[\w'’-]+){1,3}"
                       r"|(?:surveyed|questioned|polled|asked|interviewed|sampled|tested)\b))")


def _of_phrase(sentence: str, number_start: int, unit_end: int) -> Phrase | None:
    those = _OF_THOSE.match(sentence, unit_end)
    if those is not None:
        words = those.group("those").split()
        for index, word in enumerate(words[2:], start=2):
            if word.lower() in VERBS_AFTER_NOUNS or _verb_only(word):
                words = words[:index]  # "those with savings lost money": the verb ends the phrase
                break
        while len(words) > 2 and (words[-1].lower() in STOP_WORDS or not _nounish(words[-1])):
            words.pop()
        text = " ".join(words)
        return Phrase(text, words[-1], those.start("those"), those.start("those") + len(text))
    after = _OF.match(sentence, unit_end)
    fraction = re.search(r"(?:half|third|quarter)$", sentence[number_start:unit_end], re.IGNORECASE)
    if after is None and fraction:
        after = _FRACTION_THE.match(sentence, unit_end)
    if after is None:
        return None
    run = _of_run(sentence, unit_end + len(after.group(0)))
    if not run:
        return None
    of_word = re.search(r"\s+of\s+", after.group(0))
    owner_start = unit_end + (of_word.end() if of_word else 1)
    text_start = owner_start if re.search(r"(?:its|their|his|her)\s+$", after.group(0)) else run[0][1]
    return Phrase(sentence[text_start : run[-1][2]], singular(run[-1][0]), text_start, run[-1][2])


def _of_run(sentence: str, start: int) -> list[tuple[str, int, int]]:
    tokens = _tokens(sentence, start, min(len(sentence), start + 80))
    run: list[tuple[str, int, int]] = []
    for word, w_start, w_end in tokens:
        if run and w_start - run[-1][2] > 1:
            break
        possessive = word.endswith(("'s", "’s")) and len(run) < 3
        after_possessive = bool(run) and run[-1][0].endswith(("'s", "’s"))
        if run and not after_possessive and _agrees_with(run[-1][0], word):
            break  # "60% of the firm's revenue comes from": the verb ends the phrase
        # After a possessive comes its noun phrase ("Acme's operating profit", "Russia's total output").
        modifier = after_possessive and (pos_tags(word) & {"ADJ", "NOUN"} or _PARTICIPLE.match(word.lower()))
        if _nounish(word) or possessive or modifier or _PARTICIPLE.match(word.lower()) and not run:
            run.append((word, w_start, w_end))
        else:
            break
        if len(run) >= 4:
            break
    while run and "NOUN" not in pos_tags(run[-1][0]) and "PROPN" not in pos_tags(run[-1][0]):
        run.pop()
    return run


_ORIGIN_VERBS = frozenset({"comes", "stems", "derives", "originates"})  # "60% of revenue comes from"


def _agrees_with(previous: str, word: str) -> bool:
    """'revenue comes', 'the rate depends': an -s form that is mostly a verb right after a singular
    noun is that noun's verb, not a plural noun of its phrase ("oil exports" stays a phrase)."""
    lower = word.lower()
    tags = pos_tags(word)
    if lower in VERBS_AFTER_NOUNS | {"come"} and not lower.endswith("s") and is_plural_noun(previous):
        return True  # "30% of oil exports go to Asia"
    return (
        lower.endswith("s")
        and not lower.endswith("ss")
        and "VERB" in tags
        and (lower in VERBS_AFTER_NOUNS or lower in _ORIGIN_VERBS or "NOUN" not in tags)
        and (pos_tags(previous) & {"NOUN", "PROPN"} or previous.endswith(("'s", "’s")))
        and not is_plural_noun(previous)
        and previous.lower() not in _PLURAL_NOUNS
    )


def _noun_run_after(sentence: str, start: int) -> Phrase | None:
    """The noun phrase that starts at `start` (a few nounish words ending in a noun)."""
    run: list[tuple[str, int, int]] = []
    for word, w_start, w_end in _tokens(sentence, start, min(len(sentence), start + 60)):
        gerund = word.lower().endswith("ing") and "VERB" in pos_tags(word)  # "free servicing"
        if run and w_start - run[-1][2] > 1 or not (_nounish(word) or gerund) or len(run) == 4:
            break
        run.append((word, w_start, w_end))
    while run and not pos_tags(run[-1][0]) & {"NOUN", "PROPN"} and not run[-1][0].lower().endswith("ing"):
        run.pop()
    if not run or run[0][1] != start:
        return None
    return Phrase(sentence[run[0][1]:run[-1][2]], singular(run[-1][0]), run[0][1], run[-1][2])


_CLAUSE_BREAK = {",", ";", ":", "(", ")", "—", "–"}
_AUXILIARIES = AUXILIARIES | RELATIVE_PRONOUNS  # a noun followed by one of these ends a phrase


def _is_phrase_word(word: str) -> bool:
    return _nounish(word) and word.lower() not in VERBS_AFTER_NOUNS




def _is_phrase_word_at(tokens: list[tuple[str, int, int]], index: int) -> bool:
    """_is_phrase_word, except that a verb-looking noun after a determiner, alone or with one
    modifier, is a noun: 'the driving range', 'its total'."""
    word = tokens[index][0]
    if index >= 1 and (
        tokens[index - 1][0] == "/" or tokens[index - 1][0][:1].isdigit() and tokens[index - 1][2] == tokens[index][1]
    ):
        return False  # "80km/h", "100km/hr": a unit glued to a number, not a phrase
    if _is_phrase_word(word):
        return True
    if not _nounish(word) or index == 0:
        return False
    previous = tokens[index - 1][0].lower()
    if previous in DETERMINERS:
        return True
    return (
        index >= 2
        and tokens[index - 2][0].lower() in DETERMINERS
        and _nounish(tokens[index - 1][0])
        and previous not in VERBS_AFTER_NOUNS
    )


def _phrase_run_back(tokens: list[tuple[str, int, int]], last: int) -> int:
    """Index of the first token of the noun phrase ending at tokens[last]."""
    first = last
    while first - 1 >= 0 and last - first < 4:
        word = tokens[first - 1][0]
        if (
            _PARTICIPLE.match(word.lower())
            and "VERB" in pos_tags(word)
            and "ADJ" not in pos_tags(word)
            and not (first - 2 >= 0 and tokens[first - 2][0].lower() in DETERMINERS)
        ):
            break  # "cut", "raised" before a noun are verbs; "the driving range" is a phrase
        if first - 2 >= 0 and tokens[first - 2][0].lower() == "to" and "VERB" in pos_tags(word):
            break  # "plans to make savings": after "to", a word that can be a verb is one
        glued = first - 2 >= 0 and tokens[first - 2][0][:1].isdigit() and tokens[first - 2][2] == tokens[first - 1][1]
        if glued:
            break  # "the 60m title": the unit letter of a number is no word of the phrase
        if _is_phrase_word(word) or word.endswith(("'s", "’s")) or word in {"&", "-"}:
            first -= 1
        else:
            break
    while first <= last and tokens[first][0] in {"&", "-"}:
        first += 1
    return first


_PASSED_OVER = NUMBER_FRAMES | {"estimated", "cents", "cent", "worth"}
# Frames that name a measure of the noun before them ("market value", "poverty level").
_MEASURE_FRAMES = frozenset({"value", "level", "total", "average", "figure", "amount", "count"})


def _phrase_before(sentence: str, number_start: int) -> Phrase | None:
    """The noun phrase a number belongs to: the nearest one in its clause ('oil prices at $60',
    'Revenue in the quarter rose to $7bn'), else the subject of the sentence ('Acme shares have
    had a strong run, up nearly 40%')."""
    tokens = _tokens(sentence, 0, number_start)
    index = len(tokens) - 1
    while index >= 0:
        word = tokens[index][0]
        if word in _CLAUSE_BREAK and word != "(":
            break
        # "a total of", "an average of", "a deal worth": frame words are passed over
        if _is_phrase_word_at(tokens, index) and word.lower() not in _PASSED_OVER:
            break
        index -= 1
    if index >= 0 and tokens[index][0] not in _CLAUSE_BREAK:
        following = tokens[index + 1][0].lower() if index + 1 < len(tokens) else ""
        if following in _MEASURE_FRAMES and "NOUN" in pos_tags(tokens[index][0]) \
                and "ADJ" not in pos_tags(tokens[index][0]) and tokens[index][0].lower() not in _PASSED_OVER:
            index += 1  # "a market value of $1bn", "the poverty level of": a frame with its noun
        return _nearest_phrase(sentence, tokens, index)
    # No phrase in the number's own clause. ", up 57%" / ", down 2%" describe the sentence's
    # subject; otherwise the clause continues the phrase before the comma ("progress, gaining 886").
    clause_words = [w.lower() for w, _, _ in tokens[index + 1 :]] if index >= 0 else []
    if index >= 0 and any(_verb_only(w) and not w.endswith("ing") for w in clause_words):
        return None  # "near the Kremlin, where they spent about 90 minutes": not the Kremlin's
    if index >= 0 and not (clause_words and clause_words[0] in {"up", "down", "rising", "falling", "or"}):
        return _phrase_before_comma(sentence, tokens, index)
    return _sentence_subject(sentence, tokens)


def _token_phrase(sentence: str, tokens: _Tokens, first: int, last: int) -> Phrase:
    return Phrase(sentence[tokens[first][1] : tokens[last][2]], singular(tokens[last][0]), tokens[first][1],
                  tokens[last][2])


def _nearest_phrase(sentence: str, tokens: _Tokens, last: int) -> Phrase | None:
    """The phrase ending at tokens[last], with the phrase a prepositional phrase hangs on ("top
    wind speeds on mars can reach")."""
    first = _phrase_run_back(tokens, last)
    probe = first - 1
    while probe >= 0 and tokens[probe][0].lower() in {"the", "a", "an", "this", "that"}:
        probe -= 1
    if (
        probe >= 1
        and tokens[probe][0].lower() in _PREPOSITIONS - {"at", "by", "from", "with"}
        and _is_phrase_word(tokens[probe - 1][0])
    ):
        outer_first = _phrase_run_back(tokens, probe - 1)
        if last - outer_first <= 6:
            first = outer_first
    return _token_phrase(sentence, tokens, first, last) if first <= last else None


def _phrase_before_comma(sentence: str, tokens: _Tokens, comma: int) -> Phrase | None:
    before = comma - 1
    while before >= 0 and not _is_phrase_word(tokens[before][0]):
        if tokens[before][0] in _CLAUSE_BREAK:
            return None
        before -= 1
    if before < 0:
        return None
    return _token_phrase(sentence, tokens, _phrase_run_back(tokens, before), before)


def _sentence_subject(sentence: str, tokens: _Tokens) -> Phrase | None:
    """The first noun phrase followed by a verb: the sentence's subject."""
    for i, (word, _, _) in enumerate(tokens[:-1]):
        following = tokens[i + 1][0].lower()
        if _is_phrase_word(word) and (
            following in _AUXILIARIES
            or following in VERBS_AFTER_NOUNS
            or (_verb_only(tokens[i + 1][0]) and following not in STOP_WORDS)
        ):
            return _token_phrase(sentence, tokens, _phrase_run_back(tokens, i), i)
    return None


def is_pronoun(text: str) -> bool:
    """'I', "We've", 'they': a pronoun (or other function word), with or without a contracted verb;
    it owns nothing by name."""
    return re.sub(r"['’][a-z]+$", "", text).lower() in STOP_WORDS


def resolve_possessive(sentence: str, phrase_text: str, phrase_start: int) -> str:
    """'its state budget' -> "Russia's state budget": the owner is the noun a relative clause
    hangs on (", which ..."), else the sentence's subject, else the nearest name before it."""
    m = re.match(r"(its|their|his|her)\s+(.*)", phrase_text, re.IGNORECASE)
    if not m:
        return phrase_text
    head = sentence[:phrase_start]
    apostrophe = "’" if "’" in sentence else "'"
    relative = list(re.finditer(r"([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*),\s+(?:which|who)\b", head))
    owner = relative[-1].group(1) if relative else ""
    if not owner:
        owner = _infinitive_subject_before(head)
    if not owner:
        # Drop parentheticals (", operated by Rosneft oil company,") before finding the subject.
        plain = re.sub(r",[^,]*,", ",", head)
        tokens = _tokens(plain, 0, len(plain))
        words: list[str] = []
        for word, _, _ in tokens:
            if (
                word in {",", ";", ":"}
                or ((_verb_only(word) or word.lower() in VERBS_AFTER_NOUNS) and words)
                or _past_verb_after_noun(word, words)
                or word[:1].isdigit()
                or word.lower() in {"has", "have", "had", "is", "was", "are", "were", "will", "would"}
            ):
                break
            words.append(word)
        while words and words[0].lower() in {"the", "a", "an", "this", "that"}:
            words = words[1:]
        if words and is_pronoun(words[0]):
            words = []  # "They lost half their savings": a pronoun owns nothing by name
        if (
            0 < len(words) <= 5
            and "PROPN" in "".join(sorted(pos_tags(words[0])))
            or (words and words[0][:1].isupper() and len(words) <= 5)
        ):
            owner = " ".join(words)
    if not owner:
        names = re.findall(r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)(?=[\s,’'])", head[1:])
        names = [n for n in names if n.lower() not in STOP_WORDS]
        owner = names[-1] if names else ""
    if not owner:
        return phrase_text
    plural = owner.endswith("s") and not owner.endswith("ss")
    return f"{owner}{apostrophe}{'' if plural else 's'} {m.group(2)}"  # "Councils' budgets", "Acme's budget"


def _past_verb_after_noun(word: str, words: list[str]) -> bool:
    """'The Treasury revised its forecast': a past form that may be a verb, right after a noun, ends
    the subject (where 'the revised forecast' keeps it as a modifier)."""
    if not word.lower().endswith("ed") or "VERB" not in pos_tags(word) or not words:
        return False
    last = words[-1]
    return last.lower() not in {"the", "a", "an", "this", "that"} and bool(pos_tags(last) & {"NOUN", "PROPN"})


_INFINITIVE_SUBJECT = re.compile(r"\b(?:the|a|an)\s+(?P<owner>(?:[\w'’-]+\s+){0,3}?[\w'’-]+)\s+to\s+[a-z]+\s+$")


def _infinitive_subject_before(head: str) -> str:
    """'expect the central bank to raise its rate' -> 'central bank': the subject of the infinitive
    whose object the possessive stands in owns it."""
    m = _INFINITIVE_SUBJECT.search(head)
    if m is None:
        return ""
    words = m.group("owner").split()
    if not all(_nounish(w) for w in words) or "NOUN" not in pos_tags(words[-1]) and "PROPN" not in pos_tags(words[-1]):
        return ""
    return " ".join(words)


def object_phrase_after(sentence: str, end: int) -> Phrase | None:
    """'halved its refining capacity since' -> 'its refining capacity'."""
    m = re.match(r"\s+(its|their|the|his|her)\s+", sentence[end:])
    if not m:
        return None
    start = end + m.start(1)
    run: list[tuple[str, int, int]] = []
    for word, w_start, w_end in _tokens(sentence, end + m.end(), min(len(sentence), end + m.end() + 60)):
        if run and w_start - run[-1][2] > 1:
            break
        if not _nounish(word) and not (_PARTICIPLE.match(word.lower()) and not run):
            break
        run.append((word, w_start, w_end))
        if len(run) >= 3:
            break
    while run and "NOUN" not in pos_tags(run[-1][0]):
        run.pop()
    if not run:
        return None
    end = run[-1][2]
    of = re.match(r"\s+of\s+", sentence[end:])
    complement = _noun_run_after(sentence, end + of.end()) if of is not None else None
    if complement is not None and len(complement.text.split()) <= 2:
        end = complement.end  # "cut the risk of death by 30%", "lowered the cost of borrowing"
    return Phrase(sentence[start:end], singular(run[-1][0]), start, end)


# ---------------------------------------------------------------------------------------------
# What a measure is about, read from the dependency parse.

_NOUN_POS = frozenset({"NOUN", "PROPN"})
_VERB_POS = frozenset({"VERB", "AUX"})
_PHRASE_MODIFIERS = frozenset({"compound", "amod", "poss", "nmod", "case"})
_PHRASE_PREPOSITIONS = frozenset({"of", "for", "in", "on"})
# Dependents by which a figure hangs on the verb that carries it.
_VERB_ARGUMENTS = frozenset(
    {"dobj", "attr", "npadvmod", "oprd", "acomp", "advmod", "nsubj", "nsubjpass", "dative", "pobj", "prep"}
)
_MAX_PHRASE = 7


class _TokenSet:
    """Token indices a phrase must not take: the figure's own and those of the sentence's other figures."""

    def __init__(self, own: range, others: Sequence[Span | None]) -> None:
        self.indices = set(own)
        for span in others:
            if span is not None:
                self.indices.update(range(span.start, span.end))

    def __contains__(self, index: object) -> bool:
        return index in self.indices


def _frame(token: Token) -> bool:
    return lemma(token) in NUMBER_FRAMES or lemma(token) in DIMENSION_NOUNS


def _phrase_tokens(token: Token, avoid: _TokenSet, extend: bool = True) -> list[Token]:
    """The noun phrase headed by `token`: its modifiers (not determiners or numbers) and one
    prepositional complement ("shares in Acme", "forecasts for Brazil's growth")."""
    found = [token]
    for child in token.lefts:
        if child.dep_ in _PHRASE_MODIFIERS and child.i not in avoid:
            found.extend(t for t in child.subtree if t.i not in avoid and t.dep_ != "det")
    for child in token.rights:
        # "Acme Pad 2", "Model 3": a number that is not a figure names the thing.
        if child.dep_ in {"nummod", "compound"} and child.i == token.i + 1 and child.i not in avoid:
            found.append(child)
    if extend:
        for child in token.rights:
            if child.dep_ == "prep" and child.lower_ in _PHRASE_PREPOSITIONS and child.i not in avoid:
                objects = [
                    c
                    for c in child.children
                    if c.dep_ == "pobj"
                    and c.i not in avoid
                    and upos(c) in _NOUN_POS
                    and c.ent_type_ not in NOT_FIGURE_ENTITY_LABELS
                    and c.lower_ not in TIME_NOUNS
                ]
                if objects:
                    found.append(child)
                    found.extend(_phrase_tokens(objects[0], avoid, extend=False))
                    # "costs of the trial": a determiner inside the phrase keeps it whole
                    found.extend(t for t in objects[0].lefts if t.dep_ == "det" and t.i not in avoid)
                break
    return found


def _phrase_text(token: Token, avoid: _TokenSet) -> str:
    tokens = sorted(_phrase_tokens(token, avoid), key=lambda t: t.i)
    # Keep the contiguous run around the head, at most a few words, with no leading determiner.
    indices = {t.i for t in tokens}
    first = last = token.i
    while first - 1 in indices and token.i - (first - 1) < _MAX_PHRASE:
        first -= 1
    while last + 1 in indices and (last + 1) - first < _MAX_PHRASE:
        last += 1
    doc = token.doc
    while first < token.i and (doc[first].dep_ in {"det", "case", "punct"} or doc[first].is_punct):
        first += 1
    while last > token.i and (upos(doc[last]) in {"ADP", "PUNCT", "PART", "DET"}):
        last -= 1
    return doc[first : last + 1].text


def _subject_of(verb: Token) -> Token | None:
    """The subject of a verb, climbing through infinitives, participles and coordinated verbs
    that share it ("expected to rise", "due to rise", "..., rising 5%"), and from a relative pronoun
    to its noun."""
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}]
        if subjects:
            subject = subjects[0]
            if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return verb.head
            return subject
        if verb.dep_ in {"xcomp", "conj", "advcl", "pcomp", "acomp"} and verb.head.i != verb.i:
            verb = verb.head
            continue
        if verb.dep_ in {"acl", "relcl"} and upos(verb.head) in _NOUN_POS:
            return verb.head  # "homes sold in 40 days", "prices reaching $60"
        return None
    return None


def _from_verb(verb: Token, figure: Token, avoid: _TokenSet) -> str:
    taken_from = AMOUNT_TAKEN_FROM.get(lemma(verb), ())
    if figure.dep_ in {"dobj", "npadvmod"} and taken_from:
        # "slash $5bn from its costs", "wiped 10% off the value": the amount is taken off the object.
        for child in verb.children:
            if child.dep_ in {"prep", "prt"} and child.lower_ in taken_from:
                objects = [c for c in child.children if c.dep_ == "pobj" and _usable(c, avoid)]
                if objects:
                    return _phrase_text(objects[0], avoid)
    if figure.dep_ != "dobj":
        for child in verb.children:
            # "put growth at 3.1%", "cut interest rates by 0.25 points": the object moved to or by.
            if child.dep_ == "dobj" and _usable(child, avoid):
                return _phrase_text(child, avoid)
    subject = _subject_of(verb)
    if subject is None or not (_usable(subject, avoid) or _gerund_subject(subject, avoid)):
        return ""
    return _phrase_text(subject, avoid)


def _gerund_subject(token: Token, avoid: _TokenSet) -> bool:
    """'sampling came back at 4 ppb', 'borrowing rose 5%': a gerund as subject names an activity."""
    return token.tag_ == "VBG" and token.dep_ in {"nsubj", "nsubjpass"} and token.i not in avoid and token.is_alpha


def _usable(token: Token, avoid: _TokenSet) -> bool:
    """A head noun can name what is measured: not a number, a unit inside a figure, a date or time."""
    return (
        token.i not in avoid
        and upos(token) in _NOUN_POS
        and not token.like_num
        and token.ent_type_ not in NOT_FIGURE_ENTITY_LABELS
        and token.lower_ not in STOP_WORDS
        and token.is_alpha
    )


def parsed_measure_entity(doc: Doc, start: int, end: int, other_figures: Sequence[tuple[int, int]] = ()) -> str:
    """What the measure at doc.text[start:end] is about, from the parse: 'X% of <Y>', the noun it
    modifies ('a 5% pay rise'), the noun whose '<frame> of' it is ('a fine of $5m'), else the
    object the verb moves ('cut rates by 0.25 points') or the subject of the verb that carries
    it ('Copper reached a record high of $48'). Empty when the parse does not say."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return ""
    own = range(span.start, span.end)
    avoid = _TokenSet(own, [doc.char_span(s, e, alignment_mode="expand") for s, e in other_figures])
    root = span.root
    of_object = _of_object(span, avoid)
    if of_object:
        return of_object
    # "... and Burlington 2.6%": a clause that leaves out its verb keeps its subject beside the figure.
    for child in root.lefts:
        if (
            child.dep_ in {"nsubj", "npadvmod", "nmod", "dep", "appos"}
            and _usable(child, avoid)
            and child.i == span.start - 1
        ):
            return _phrase_text(child, avoid)
    return _climb(root, own, avoid)


def parsed_partitive_entity(doc: Doc, start: int, end: int, other_figures: Sequence[tuple[int, int]] = ()) -> str:
    """The set a count without a noun is a part of, from the parse ("three of the most popular
    games" counts games), or ''."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return ""
    avoid = _TokenSet(range(span.start, span.end),
                      [doc.char_span(s, e, alignment_mode="expand") for s, e in other_figures])
    return _of_object(span, avoid)


def _of_object(span: Span, avoid: _TokenSet) -> str:
    """The object of an "of" that hangs on the figure: "40% of its state budget", "8 miles (13 km)
    of tunnels"."""
    for token in span:
        for child in token.rights:
            if child.dep_ == "prep" and child.lower_ == "of" and child.i not in avoid:
                objects = [c for c in child.children if c.dep_ == "pobj" and _usable(c, avoid)]
                if objects:
                    return _phrase_text(objects[0], avoid)
    return ""


def _climb(root: Token, own: range, avoid: _TokenSet) -> str:
    """From the figure's head up the tree to the first noun or verb that says what it measures."""
    token = root
    for _ in range(8):
        head = token.head
        if head.i == token.i:
            return ""
        if head.i in own:
            token = head
            continue
        if token.dep_ in {"nummod", "compound", "amod", "nmod", "quantmod"} and upos(head) in _NOUN_POS:
            if _frame(head) or not _usable(head, avoid):
                token = head
                continue
            return _phrase_text(head, avoid)  # "a 5% pay rise"
        if token.dep_ == "pobj" and head.dep_ == "prep" or token.dep_ == "pobj" and upos(head) == "ADP":
            governor = head.head
            if not _frame(governor) and _usable(governor, avoid):
                # "a bill for $5m", "a phone with 4,500 mAh", "homes from $750,000", "oil at $60"
                return _phrase_text(governor, avoid)
            if upos(governor) in _NOUN_POS:
                token = governor
                continue
            if upos(governor) in _VERB_POS:
                return _from_verb(governor, head, avoid)
            token = governor
            continue
        if token.dep_ in {"conj", "appos"}:
            token = head
            continue
        if token.dep_ in _VERB_ARGUMENTS and upos(head) in _VERB_POS:
            return _from_verb(head, token, avoid)
        if upos(head) in {"ADJ", "ADV", "ADP"}:  # "3.4% higher", "up 5%"
            token = head
            continue
        return ""
    return ""
