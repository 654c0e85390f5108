"""Who or what a figure is about when its own words do not say: the subject of its clause.

"Acme on Friday announced plans to lay off 300 engineers": the count is of engineers, but the
figure is about Acme. "BioView shares finished 34.4% higher": the percentage is about BioView
shares. The reading is shallow: walk back from the number to the finite verb of its clause, then
past auxiliaries, adverbs, time phrases and parentheticals to the noun phrase before it (or, for a
relative clause, to the noun the "which"/"who"/"that" hangs on).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from lemminflect import getInflection, getLemma

from extract.engine.lexicon import (
    AMOUNT_TAKEN_FROM,
    AUXILIARIES,
    BOUGHT_FOR_NOUNS,
    CHANGE_NOUNS,
    CHANGE_VERBS,
    DETERMINERS,
    DIMENSION_NOUNS,
    ENDING_UP_VERBS,
    FINITE_VERB_FORMS,
    MODALS,
    NUMBER_FRAMES,
    OBJECT_CHANGE_VERBS,
    ORGANISATION_NOUNS,
    PAYING_VERBS,
    POSSESSION_VERBS,
    PREPOSITIONS,
    QUALIFIER_WORDS,
    RELATIVE_PRONOUNS,
    SHARE_BASES,
    TIME_NOUNS,
    TRANSACTION_NOUNS,
    word_forms,
)
from extract.engine.measured_entity import (
    STOP_WORDS,
    Phrase,
    fronted_partitive,
    is_pronoun,
    object_phrase_after,
    pos_tags,
    singular,
)

# A number grouped by commas is one token ("10,000 people", never "000 people").
_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?!\d)|[A-Za-z0-9][A-Za-z0-9'’.&-]*[A-Za-z0-9]|[A-Za-z0-9]|[^\s\w]")
# Prepositions that join a noun to the head of its phrase: "population of earth", "imports from
# Canada", "exports to China", "spending on defence" (the name is not the phrase's head).
_NOUN_LINKS = {"of", "in", "for", "across", "at", "from", "to", "on", "per"}  # "GDP per capita"
_MODALS = MODALS | {"to"}
_PRONOUNS = {"it", "they", "he", "she", "we", "you", "i", "this", "these", "those", "there", "one",
             "which", "who", "that", "what"}
_ADVERBS = {"also", "now", "still", "already", "just", "only", "reportedly", "then", "again", "even",
            "not", "never", "recently", "previously", "initially", "finally", "currently", "further",
            "officially", "meanwhile", "however", "nevertheless", "today", "yesterday", "so", "far"}
_TIME_WORDS = TIME_NOUNS | {"last", "this", "next", "on", "in", "at", "during", "earlier", "later", "ago",
                             "the", "past"}
_CLAUSE_BREAKS = {";", ":", "—", "–", "?", "!"}
_SUBORDINATORS = {"while", "whereas", "as", "but", "and", "although", "though", "because", "after",
                  "before", "when", "if", "since", "until", "where", "so", "or"}


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def is_verb(word: str) -> bool:
    """A finite-looking verb: an auxiliary, a word the lexicon knows only as a verb, a past form
    the lexicon also lists as an adjective ('peaked', 'expected'), or a common noun/verb form."""
    lower = word.lower()
    if lower in AUXILIARIES or lower in FINITE_VERB_FORMS:
        return True
    pos = pos_tags(word)
    if "VERB" not in pos and "AUX" not in pos:
        return False
    if not pos & {"NOUN", "ADJ", "PROPN"}:
        return True
    return lower.endswith("ed") and "NOUN" not in pos


def _is_noun(word: str) -> bool:
    lower = word.lower()
    if lower in STOP_WORDS and lower not in {"one"} or not word[:1].isalnum():
        return False
    if lower in FINITE_VERB_FORMS or lower in AUXILIARIES:
        return False
    pos = pos_tags(word)
    return bool(pos & {"NOUN", "PROPN"}) or not pos or (word[:1].isupper() and "ADJ" in pos)


def _noun_phrase_ending_at(tokens: list[tuple[str, int, int]], last: int) -> int:
    """Index of the first token of the noun phrase whose last word is tokens[last]: modifiers,
    possessives, and one 'of' link ('shares of the major coal producer')."""
    first = last
    while first - 1 >= 0 and last - first < 5:
        word = tokens[first - 1][0]
        lower = word.lower()
        if lower in FINITE_VERB_FORMS or lower in AUXILIARIES or lower in RELATIVE_PRONOUNS or lower in TIME_NOUNS:
            break
        # "last season Chris Wood", "tuesday Waymo": a name does not take a lower-case modifier, but
        # a descriptor does stand before one ("media giant Globex", "chip maker Acme").
        if word[:1].islower() and lower not in _NOUN_LINKS and tokens[first][0][:1].isupper() \
                and first == last - _name_length(tokens, last) + 1 and lower not in ORGANISATION_NOUNS:
            break
        pos = pos_tags(word)
        if _is_noun(word) or "ADJ" in pos and not is_verb(word) or word.endswith(("'s", "’s")) \
                or word in {"&", "-"} or re.fullmatch(r"\d+s?", word):
            first -= 1
        elif lower in _NOUN_LINKS and first - 2 >= 0 and (_is_noun(tokens[first - 2][0])
                                                         or _opening_gerund(tokens, first - 2)):
            first -= 2  # "shares in Globex", "population of earth", "growth across Asia", "spending on"
        elif lower in DETERMINERS and first - 3 >= 0 and tokens[first - 2][0].lower() in _NOUN_LINKS \
                and _noun_after_determiner(tokens, first - 3):
            first -= 3  # "shares of the major coal producer", "profits at the bank", "the cost of the"
        elif lower in DETERMINERS:
            break
        else:
            break
    while first < last and (tokens[first][0].lower() in STOP_WORDS or tokens[first][0] in {"&", "-"}):
        first += 1
    return first


def _opening_gerund(tokens: list[tuple[str, int, int]], index: int) -> bool:
    """'Spending on defence', 'the lending to firms': an -ing word opening the sentence or after a
    determiner heads a noun phrase."""
    word = tokens[index][0].lower()
    return word.endswith("ing") and "VERB" in pos_tags(word) and (
        index == 0 or tokens[index - 1][0].lower() in DETERMINERS)


def _noun_after_determiner(tokens: list[tuple[str, int, int]], index: int) -> bool:
    """A noun, or a verb-looking noun right after a determiner ("the cost", "its rise")."""
    word = tokens[index][0]
    after_determiner = index >= 1 and tokens[index - 1][0].lower() in DETERMINERS
    return _is_noun(word) or word.lower() in FINITE_VERB_FORMS and after_determiner


def _name_length(tokens: list[tuple[str, int, int]], last: int) -> int:
    length = 0
    while last - length >= 0 and tokens[last - length][0][:1].isupper():
        length += 1
    return length


def _skip_back(tokens: list[tuple[str, int, int]], index: int) -> int:
    """From tokens[index] going left, skip auxiliaries, adverbs, time phrases and a parenthetical;
    return the index of the first token that may end the subject."""
    while index >= 0:
        word = tokens[index][0]
        lower = word.lower()
        if (
            lower in AUXILIARIES
            or lower in _ADVERBS
            or lower.endswith("ly")
            and "ADV" in pos_tags(word)
            or lower in _TIME_WORDS
            and (
                lower not in {"on", "in", "at", "the", "this", "last", "next"}
                or index + 1 < len(tokens)
                and tokens[index + 1][0].lower() in _TIME_WORDS
            )
            or lower in {"on", "in", "at", "during", "last", "this", "next", "the"}
            and index + 1 < len(tokens)
            and tokens[index + 1][0].lower() in _TIME_WORDS
        ):
            index -= 1
        elif word == ")":
            opening = next((i for i in range(index - 1, -1, -1) if tokens[i][0] == "("), None)
            if opening is None:
                return index
            index = opening - 1
        elif word == ",":
            # ", 2018's best performing sector," between a subject and its verb.
            opening = next((i for i in range(index - 1, max(-1, index - 8), -1) if tokens[i][0] == ","), None)
            # ", which is made of carbon,": a non-restrictive relative clause may hold a verb.
            relative = next(
                (
                    i
                    for i in range(index - 1, max(-1, index - 16), -1)
                    if tokens[i][0] == "," and i + 1 < index and tokens[i + 1][0].lower() in {"which", "who"}
                ),
                None,
            )
            if relative is not None and relative > 0 and tokens[relative - 1][0][:1].isalnum():
                index = relative - 1
                continue
            if opening is None or any(is_verb(t[0]) for t in tokens[opening + 1 : index]):
                return index
            index = opening - 1
        else:
            return index
    return index


@dataclass(frozen=True)
class Subject:
    phrase: Phrase
    verbs: tuple[str, ...]  # lemmas of the verb chain, first to last ("announce", "plan", "lay")
    verb_start: int


def _verb_in_context(tokens: list[tuple[str, int, int]], index: int) -> bool:
    """is_verb, plus what the neighbours settle: a word after a modal or "to" ("can dip", "to end")
    and an -s form after a name ("Musk uses", "Acme plans")."""
    word = tokens[index][0]
    if is_verb(word):
        return True
    if index == 0 or word.lower() in STOP_WORDS:
        return False
    previous = tokens[index - 1][0]
    if previous.lower() in _MODALS:
        return True
    # "diamonds typically score 50": a base form after an -ly adverb after a plural noun.
    if (
        previous.lower().endswith("ly")
        and "ADV" in pos_tags(previous)
        and index >= 2
        and "VERB" in pos_tags(word)
        and not word.lower().endswith("s")
        and is_plural(tokens[index - 2][0])
        and _is_noun(tokens[index - 2][0])
    ):
        return True
    if not (word.endswith("s") and "VERB" in pos_tags(word)):
        return False
    if previous.lower() in {"it", "he", "she", "this", "which", "who"}:
        return True  # "it makes 300 PS"
    if previous.lower() in STOP_WORDS:
        return False
    if previous[:1].isupper() and index - 1 > 0:
        return True
    # "The engine makes 296 hp": an -s form after a singular common noun, with at most qualifier
    # words between it and the figure, is the verb ("oil prices at $60" is a noun compound).
    return (
        "NOUN" in pos_tags(previous)
        and not is_plural(previous)
        and _QUALIFIER_WORDS.fullmatch(" ".join(t[0].lower() for t in tokens[index + 1 :])) is not None
    )


_QUALIFIER_WORDS = re.compile(
    r"(?:(?:about|around|almost|nearly|roughly|some|just|only|over|under|more than|less than|fewer than|"
    r"up to|at least|at most|approximately|an estimated|close to|as many as|as much as|well|exactly)\s*)*"
)


@functools.lru_cache(maxsize=8192)  # a long list of figures asks about the same words again and again
def _verb_lemma(word: str) -> str:
    if word in {"lay", "lays", "laid", "laying"}:
        return "lay"  # "lay off", never "lie" in a sentence with a count
    if word in {"'s", "’s"}:
        return "be"
    return (getLemma(word, upos="AUX") if word in AUXILIARIES else getLemma(word, upos="VERB") or [word])[0]


def subject_before(sentence: str, pos: int) -> Subject | None:
    """The subject of the clause in which sentence[pos:] stands as object or complement, or None
    when the clause has no finite verb before pos or its subject is a pronoun with no antecedent."""
    tokens = _tokens(sentence[:pos])
    verb, controller = _finite_verb(sentence, tokens)
    if controller is not None or verb < 0:
        return controller
    # "will produce": a word after a modal is a verb even where the lexicon also lists a noun.
    chain = [tokens[i][0].lower() for i in range(verb, len(tokens)) if is_verb(tokens[i][0])
             or i > 0 and tokens[i - 1][0].lower() in MODALS and _verb_in_context(tokens, i)]
    verb_lemma = tuple(_verb_lemma(w) for w in chain)
    end = _skip_back(tokens, verb - 1)
    if end >= 0 and tokens[end][0].lower() in RELATIVE_PRONOUNS:
        end = end - 1
        if end >= 0 and tokens[end][0] == ",":
            end -= 1
        end = _skip_back(tokens, end) if end >= 0 and tokens[end][0] == ")" else end
    if end < 0:
        return None
    word = tokens[end][0]
    if word.lower() in _PRONOUNS:
        found = _antecedent(sentence, tokens, end) if word.lower() in {"it", "they", "he", "she"} else None
        return Subject(found, verb_lemma, tokens[verb][1]) if found else None
    if not _may_end_subject(tokens, end):
        return None  # "the cost was $5m": after a determiner, "cost" is the noun
    first = _noun_phrase_ending_at(tokens, end)
    if first > end:
        return None
    phrase = Phrase(sentence[tokens[first][1] : tokens[end][2]], singular(word), tokens[first][1], tokens[end][2])
    return Subject(phrase, verb_lemma, tokens[verb][1])


def _finite_verb(sentence: str, tokens: list[tuple[str, int, int]]) -> tuple[int, Subject | None]:
    """The index of the finite verb of the clause that ends the tokens (-1 when there is none), or
    the subject an infinitive's verb takes ("cause lake levels to climb")."""
    verb = len(tokens) - 1
    while verb >= 0:
        word = tokens[verb][0]
        if word in _CLAUSE_BREAKS or word == ",":
            return -1, None
        if not _verb_in_context(tokens, verb):
            verb -= 1
            continue
        # "plans to lay off", "set to rise": an infinitive hangs on an earlier verb.
        if verb >= 1 and tokens[verb - 1][0].lower() == "to":
            controller = _infinitive_subject(sentence, tokens, verb)
            if controller is not None:
                return verb, controller
            verb -= 2
            continue
        if word.lower().endswith("ing") and verb >= 1 and tokens[verb - 1][0].lower() not in AUXILIARIES:
            verb -= 1  # "creating 400 jobs" after a clause: the finite verb is further back
            continue
        if verb >= 1 and tokens[verb - 1][0].lower() in {"having", "being"}:
            verb -= 2  # "..., having increased by $43.6bn": a participle clause
            if verb >= 0 and tokens[verb][0] == ",":
                verb -= 1
            continue
        # "announced plans to lay off": the first verb of a chain is the finite one.
        while (
            verb >= 1
            and is_verb(tokens[verb - 1][0])
            and tokens[verb - 1][0].lower() not in AUXILIARIES
            and not tokens[verb - 1][0].lower().endswith("ing")  # "Health spending reached"
            and not (verb >= 2 and tokens[verb - 2][0].lower() in DETERMINERS)
        ):
            verb -= 1  # but "the cost was": a word after a determiner is a noun
        return verb, None
    return -1, None


def _may_end_subject(tokens: list[tuple[str, int, int]], end: int) -> bool:
    """Whether tokens[end] may be the last word of a subject: a noun, or a verb-looking noun after a
    determiner ("the cost was") or right before an auxiliary ("the pace of price increases is
    expected": two finite verbs do not stand side by side)."""
    word = tokens[end][0]
    lower = word.lower()
    if _is_noun(word):
        return True
    if lower.endswith("ing") and end >= 1 and _is_noun(tokens[end - 1][0]) and not is_verb(tokens[end - 1][0]) \
            and end + 1 < len(tokens) and _verb_in_context(tokens, end + 1):
        return True  # "Health spending reached", "consumer borrowing rose": a gerund heads the subject
    if end >= 1 and tokens[end - 1][0].lower() in DETERMINERS and lower in FINITE_VERB_FORMS:
        return True
    return (
        lower in FINITE_VERB_FORMS
        and lower.endswith("s")
        and end + 1 < len(tokens)
        and tokens[end + 1][0].lower() in AUXILIARIES - {"'s", "’s"}
        and "NOUN" in pos_tags(word)
    )


def _infinitive_subject(sentence: str, tokens: list[tuple[str, int, int]], verb: int) -> Subject | None:
    """'cause lake levels to climb 9 inches': the noun phrase right before 'to <change verb>' is the
    one that changes (the agent of a passive, 'tuned by M-Sport to ...', is not)."""
    lemma = _verb_lemma(tokens[verb][0].lower())
    end = verb - 2
    if lemma not in CHANGE_VERBS or end < 1 or tokens[end][0][:1].isdigit():
        return None
    word = tokens[end][0]
    if word.lower() in _PRONOUNS or not _is_noun(word) or is_verb(word) or word.lower() in TIME_NOUNS:
        return None
    first = _noun_phrase_ending_at(tokens, end)
    if (
        first > end
        or first == 0
        or tokens[first - 1][0].lower() in {"by", "of", "for", "in", "on", "at", "with"}
        or not _verb_in_context(tokens, first - 1)
        and tokens[first - 1][0].lower() not in DETERMINERS
    ):
        return None
    if tokens[first - 1][0].lower() in DETERMINERS and (first < 2 or not _verb_in_context(tokens, first - 2)):
        return None
    while first < end and _verb_in_context(tokens, first):
        first += 1  # "may cause lake levels": the verb is not part of the phrase
    phrase = Phrase(sentence[tokens[first][1] : tokens[end][2]], singular(word), tokens[first][1], tokens[end][2])
    return Subject(phrase, (lemma,), tokens[verb][1])


def _antecedent(sentence: str, tokens: list[tuple[str, int, int]], pronoun: int) -> Phrase | None:
    """'The company also said it has 1,000 customers': the first subject of the sentence (an
    opening phrase such as 'Meanwhile,' or 'After a torrid season at Chelsea,' is passed over)."""
    for index in range(pronoun):
        word = tokens[index][0]
        if word in _CLAUSE_BREAKS:
            break
        if word == ",":
            continue
        if index > 0 and _verb_in_context(tokens, index):
            end = _skip_back(tokens, index - 1)
            if end >= 0 and _is_noun(tokens[end][0]):
                first = _noun_phrase_ending_at(tokens, end)
                text_start, text_end = tokens[first][1], tokens[end][2]
                return Phrase(sentence[text_start:text_end], singular(tokens[end][0]), text_start, text_end)
            return None
    return None


_ATTRIBUTIVE_OPENERS = DETERMINERS | {"every", "each", "another", "our", "your"}


def _possessive(text: str, sentence: str) -> str:
    if text.endswith(("'s", "’s", "s'", "s’")):
        return text  # "his party's plans" already owns: not "party's'"
    apostrophe = "’" if "’" in sentence else "'"
    return f"{text}{apostrophe}" if text.endswith("s") and not text.endswith("ss") else f"{text}{apostrophe}s"


def _owner_before_of(sentence: str, figure_start: int, links: frozenset[str] = frozenset({"of"})) -> Phrase | None:
    """'a CNN survey of seven countries' -> 'CNN survey': the noun a figure's 'of' hangs on."""
    tokens = _tokens(sentence[:figure_start])
    if len(tokens) < 2 or tokens[-1][0].lower() not in links:
        return None
    last = len(tokens) - 2
    word = tokens[last][0]
    if not word[:1].isalpha() or not _is_noun(word) or word.lower() in NUMBER_FRAMES or is_verb(word):
        return None  # "£3m on 12 firms": another figure is never what a figure hangs on
    first = _noun_phrase_ending_at(tokens, last)
    return Phrase(sentence[tokens[first][1] : tokens[last][2]], singular(word), tokens[first][1], tokens[last][2])


def _of_complement(sentence: str, end: int, links: str = "of") -> Phrase | None:
    """' of the Acme board', ' of wire fraud' right after a counted noun: the noun phrase of it."""
    m = re.match(r"\s+(?:" + links + r")\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?", sentence[end:])
    if m is None:
        return None
    start = end + m.end()
    run: list[tuple[str, int, int]] = []
    for word, w_start, w_end in _tokens(sentence[start : start + 60]):
        if run and w_start + start - run[-1][2] > 1 or not word[:1].isalpha():
            break
        modifier = not run and word.endswith("ing")  # "in operating profit"
        if (
            not _is_noun(word)
            and not ("ADJ" in pos_tags(word) and not is_verb(word))
            and not modifier
            or word.lower() in TIME_NOUNS
            or is_verb(word) and not modifier
            or word.lower() in RELATIVE_PRONOUNS
        ):
            break
        run.append((word, w_start + start, w_end + start))
        if len(run) >= 4:
            break
    while run and not pos_tags(run[-1][0]) & {"NOUN", "PROPN"} and pos_tags(run[-1][0]):
        run.pop()
    if not run or run[0][1] != start:
        return None
    return Phrase(sentence[start : run[-1][2]], singular(run[-1][0]), start, run[-1][2])


def _multiple_of(sentence: str, counted: Phrase) -> str:
    """'trades at 6.5 times earnings': a multiple of the noun after "times"."""
    multiple = re.match(r"\s+(?:its\s+|their\s+|the\s+)?([a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)", sentence[counted.end :])
    if multiple:
        words = multiple.group(1).split()
        while words and not ("NOUN" in pos_tags(words[-1]) and words[-1] not in STOP_WORDS):
            words.pop()
        if words and all(w not in STOP_WORDS for w in words):
            return " ".join(words)
    return ""


_LONGEST_EVENT = 5  # words of a verb phrase counted by "times"
_COUNT_LINKS = frozenset({"of", "on"})


def _repeated_event(sentence: str, figure_start: int) -> str:
    """'had met the envoy four times' -> 'met the envoy', 'raised running costs three times' ->
    'raised running costs': how often something happened counts the verb phrase before it."""
    tokens = _tokens(sentence[:figure_start])
    end = len(tokens)
    while end > 0 and tokens[end - 1][0].lower() in STOP_WORDS:
        end -= 1  # "more than", "about"
    for index in range(end - 1, max(-1, end - 1 - _LONGEST_EVENT), -1):
        word = tokens[index][0]
        if not word[:1].isalpha():
            return ""
        if word.lower() in AUXILIARIES or not is_verb(word):
            continue
        if word.lower() in FINITE_VERB_FORMS and index >= 1 and tokens[index - 1][0][:1].islower() \
                and _is_noun(tokens[index - 1][0]):
            continue  # "running costs": a noun after a noun
        event = sentence[tokens[index][1]:tokens[end - 1][2]]
        if index == end - 1:  # "Prices rose three times": an intransitive verb takes its subject
            subject = subject_before(sentence, figure_start)
            if subject is not None and subject.phrase.end <= tokens[index][1]:
                return f"{subject.phrase.text} {event}"
        return event
    return ""


# A count right after the copula states it of the subject ("The population is 8 billion people");
# after "the" or other words it names a group of its own ("X and Y are the two finalists").
_COPULA_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being|stood|stands)\s+" + _QUALIFIER_WORDS.pattern + r"$",
                            re.IGNORECASE)


_LEVEL_VERBS = CHANGE_VERBS | OBJECT_CHANGE_VERBS | {"be"}


def count_entity(sentence: str, figure_start: int, counted: Phrase) -> str:
    """What a count is about: 'survey of European countries', "Dell's employees" or, for a
    count stated of a subject ('The population is 8 billion people'), the subject; else the
    counted noun phrase."""
    if counted.head == "time":
        repeated = _multiple_of(sentence, counted) or _repeated_event(sentence, figure_start)
        if repeated:
            return repeated
    near = sentence[max(0, figure_start - 120):figure_start]  # the words a cue before the count needs
    owner = _owner_before_of(sentence, figure_start, _COUNT_LINKS)
    if owner is not None:
        # "a survey of 2,000 adults", "price cuts on 50 products", "a ban on 30 chemicals"
        link = _tokens(near)[-1][0].lower()
        return f"{owner.text} {link} {counted.text}"
    complement = _of_complement(sentence, counted.end)
    if complement is not None:
        # "five new seasons of the show", "one count of wire fraud": the "of" phrase says whose.
        return sentence[counted.start : complement.end]
    subject = subject_before(sentence, figure_start)
    if subject is None or subject.phrase.end > figure_start or is_pronoun(subject.phrase.text):
        return counted.text  # "I've had two nights out": a pronoun owns nothing by name
    gave_up = (
        subject.verbs[-1:] == ("give",)
        and re.search(r"\bup\s+" + _QUALIFIER_WORDS.pattern + r"$", near) is not None
    )
    after_preposition = re.search(r"\b(?:at|to|for|from|by|into)\s+" + _QUALIFIER_WORDS.pattern + r"$", near)
    if set(subject.verbs) & POSSESSION_VERBS and not after_preposition or gave_up:
        # "gave up 517 yards" concedes them; "sold at three auctions" does not own the auctions
        return f"{_possessive(subject.phrase.text, sentence)} {counted.text}"
    if subject.verbs and subject.verbs[-1] == "be" and _COPULA_BEFORE.search(near):
        return subject.phrase.text
    if re.search(r"\b(?:at|to)\s+$", near) and set(subject.verbs) & _LEVEL_VERBS:
        # "the index closed at 1,478 points": a level of the subject; not "sold at three auctions"
        return subject.phrase.text
    if re.search(r"\bwith\s+" + _QUALIFIER_WORDS.pattern + r"$", near) \
            and subject.verbs and subject.verbs[-1] in ENDING_UP_VERBS:
        # "the side finished with 30 points", "the county came second with 900 strikes": what the
        # subject ended up with is its own.
        return f"{_possessive(subject.phrase.text, sentence)} {counted.text}"
    return counted.text


def attributive_noun_after(sentence: str, figure_start: int, unit_end: int, glued: bool = False) -> Phrase | None:
    """'a 5% pay rise' -> 'pay rise', 'an $800 pizza oven' -> 'pizza oven': a measure written
    as a modifier measures the noun it modifies. A measure hyphenated to its unit ('a 1.8
    billion-mile journey', 'a 50 year-old man') is a modifier wherever it stands (`glued`)."""
    glued = glued or re.search(r"\w-[A-Za-z]+$", sentence[figure_start:unit_end]) is not None \
        or re.search(r"%$", sentence[figure_start:unit_end]) is not None \
        and re.match(r"\s?[a-z]", sentence[unit_end:unit_end + 2]) is not None  # "up to 100% foreign ownership"
    before = _tokens(sentence[max(0, figure_start - 40) : figure_start])
    if not glued and not _attributive_opening(sentence, figure_start, unit_end, before):
        return None
    # "a 40-mile (64 km) trip", "a $2m (£1.1m) fine": a conversion may stand between.
    glue = re.match(r"(?:\s*\([^()]{1,30}\))?(?:-?(?:long|high|wide|deep|tall|thick|broad|heavy)\b)?-?\s?",
                    sentence[unit_end:])  # "the 37m (121ft)-long skeleton"
    start = unit_end + (glue.end() if glue else 0)
    run: list[tuple[str, int, int]] = []
    for word, w_start, w_end in _tokens(sentence[start : start + 60]):
        if run and w_start + start - run[-1][2] > 1:
            break
        # After a measure, "rise" in "a 3% pay rise" is the noun, not the verb; "a 10% boiling salt
        # solution": a participle may open the phrase.
        participle = not run and re.fullmatch(r"[a-z]+(?:ing|ed)", word) is not None
        if (
            not (_is_noun(word) or "NOUN" in pos_tags(word) or "ADJ" in pos_tags(word) and not is_verb(word))
            and not participle
            or word.lower() in STOP_WORDS
        ):
            break
        run.append((word, w_start + start, w_end + start))
        if len(run) >= 4:
            break
    while run and not ("NOUN" in pos_tags(run[-1][0]) or "PROPN" in pos_tags(run[-1][0])):
        run.pop()
    if run and re.fullmatch(r"[a-z]+(?:ing|ed)", run[0][0]) and not pos_tags(run[0][0]) & {"NOUN", "ADJ"} \
            and len(run) < 3:
        return None  # "15 ppb requiring action": a participle with one noun is a verb and its object
    if not run or run[0][1] != start or any(w.lower() in _TIME_WORDS | {"early", "late"} for w, _, _ in run):
        return None  # "winds of 155mph early Wednesday": a time is not what is measured
    end = run[-1][2]
    complement = _of_complement(sentence, end, links=r"in|of|on")
    if complement is not None and singular(run[-1][0]) in CHANGE_NOUNS:
        end = complement.end  # "a 20% rise in pre-tax profits", "a $8.7bn drop in consumer debt"
    return Phrase(sentence[run[0][1] : end], singular(run[-1][0]), run[0][1], end)


def _attributive_opening(sentence: str, figure_start: int, unit_end: int, before: list[tuple[str, int, int]]) -> bool:
    """Whether a measure stands where a modifier of a noun does: after a determiner or a possessive
    ("a 5% pay rise", "Acme's $5m loss"), after a determiner and an adjective ("an unexpected $8.7bn
    drop"), at the start of the sentence, or written with its own article ("a million dollar house")."""
    opener = before[-1][0] if before else ""
    if opener.lower() in _ATTRIBUTIVE_OPENERS or opener.endswith(("'s", "’s")) or not sentence[:figure_start].strip():
        return True
    if re.match(_QUALIFIER_WORDS.pattern + r"an?\s", sentence[figure_start : figure_start + 40], re.IGNORECASE):
        return True  # "a million dollar house", "around an 80% pass rate": the article is the measure's own
    if opener[:1].isdigit() and opener[-1:].isalpha():
        return True  # "a 640bhp 5.2 litre V10 engine"
    if len(before) >= 2 and before[-2][0].lower() in _ATTRIBUTIVE_OPENERS and opener[:1].islower() \
            and pos_tags(opener) & {"ADJ", "NOUN"} and not is_verb(opener) and opener.lower() not in STOP_WORDS:
        return True  # "an unexpected $8m drop", "a record $5bn profit"
    # "50mL of 30% sulfuric acid": after "of", a measure glued to a noun phrase is its strength.
    return opener.lower() == "of" and re.match(r"\s?[A-Za-z]", sentence[unit_end : unit_end + 2]) is not None


@dataclass(frozen=True)
class EntityReading:
    """What a measure is about, and whether the figure's own phrase said so (its "of", the noun it
    modifies, what it is paid for, the object a verb moves) or only its clause did (the subject,
    the nearest noun phrase), which the parse, where there is one, reads better."""

    text: str
    local: bool


def measure_entity(sentence: str, figure_start: int, unit_end: int, local: Phrase | None) -> str:
    """What a measure, amount or percentage is about: 'X% of <phrase>'; the noun it modifies
    ('a 5% pay rise'); a noun phrase between its verb and it ('paid a fine of $5m'); else the
    subject of its clause ('BioView shares finished 34.4% higher'); else the nearest phrase."""
    return read_measure_entity(sentence, figure_start, unit_end, local).text


def read_measure_entity(sentence: str, figure_start: int, unit_end: int, local: Phrase | None,
                        currency: bool = False) -> EntityReading:
    """measure_entity, with where it was found (`currency`: the figure is an amount of money)."""
    if local is not None and local.start >= unit_end:
        if local.text.lower() in SHARE_BASES:
            # "The deficit widened to 5.8% of GDP": a share of the economy's size measures the subject.
            subject = subject_before(sentence, figure_start)
            if subject is not None and subject.phrase.end <= figure_start:
                return EntityReading(f"{subject.phrase.text} as a share of {local.text}", True)
        return EntityReading(_of_phrase_entity(sentence, figure_start, local), True)
    own = attributive_noun_after(sentence, figure_start, unit_end) or _in_phrase_after(sentence, unit_end) \
        or _holder_with(sentence, figure_start) or _apposition(sentence, figure_start, unit_end) \
        or fronted_partitive(sentence, figure_start)
    if own is not None:
        return EntityReading(_held_by_subject(sentence, figure_start, own), True)
    passive = _passive_transaction(sentence, unit_end) if currency else None
    if passive is not None:
        return EntityReading(passive, True)
    return _clause_entity(sentence, figure_start, unit_end, local, currency)


# "£5m was spent on roads", "$2bn has been paid to the victims": an amount that is the subject of a
# passive verb of paying, spending or losing.
_PASSIVE_AFTER = re.compile(
    r"\s+(?:(?:has|have|had|will|would|could|may|might|must|should)\s+)?(?:been|be|is|are|was|were|being)\s+"
    r"(?:(?:already|now|also|so\s+far)\s+)?(?P<verb>[a-z]+)\b(?P<object>\s+(?:on|in|for|to)\s+"
    r"(?:(?:the|its|their|new|a)\s+)?[a-z]+(?:\s+[a-z]+)?)?")


def _passive_transaction(sentence: str, unit_end: int) -> str | None:
    """'£5m was spent on roads' -> 'spending on roads': the noun of the verb, with what it was for."""
    m = _PASSIVE_AFTER.match(sentence, unit_end)
    if m is None or m.group("verb") not in _past_forms_of_transactions():
        return None
    noun = TRANSACTION_NOUNS[_verb_lemma(m.group("verb"))]
    return noun + (m.group("object") or "") if noun in {"spending", "investment", "funding", "payment"} else noun


@functools.lru_cache(maxsize=1)
def _past_forms_of_transactions() -> frozenset[str]:
    return frozenset(form for verb in TRANSACTION_NOUNS for form in getInflection(verb, tag="VBN") or ())


def _held_by_subject(sentence: str, figure_start: int, own: Phrase) -> str:
    """'Valdez had an 84-yard interception return' -> "Valdez's interception return": the noun a
    measure modifies, as the object of a verb of having, is the subject's (as a count is)."""
    if own.start < figure_start or own.text[:1].isupper():
        return own.text
    subject = subject_before(sentence, figure_start)
    if (
        subject is None
        or subject.phrase.end > figure_start
        or not set(subject.verbs) & POSSESSION_VERBS
        or not re.search(r"\b(?:an?|the|its|their|his|her)\s+" + _QUALIFIER_WORDS.pattern + r"$",
                         sentence[subject.verb_start:figure_start])
    ):
        return own.text
    return f"{_possessive(subject.phrase.text, sentence)} {own.text}"


def _of_phrase_entity(sentence: str, figure_start: int, local: Phrase) -> str:
    subject = subject_before(sentence, figure_start)
    if (
        subject is not None
        and subject.phrase.end <= figure_start
        and set(subject.verbs) & POSSESSION_VERBS
        and not local.text.lower().startswith(("its ", "their ", "his ", "her "))
    ):
        # "The field has produced 1m barrels of oil": the field's oil.
        return f"{_possessive(subject.phrase.text, sentence)} {local.text}"
    return local.text


def _local_is_noun(sentence: str, local: Phrase | None) -> bool:
    """Whether the nearest phrase before a figure is a noun phrase it may measure: "lost 0.8% to end
    at 7,412" (a word after "to" is a verb), "guidance for the quarter ended December to $84bn" (a
    time word is not what is measured)."""
    if local is None:
        return False
    last = local.text.split()[-1]
    before = sentence[: local.start]
    if local.text == last and last.endswith("ing") and re.search(r",\s*$", before) and "VERB" in pos_tags(last):
        return False  # "The tower, standing 828 metres tall,": a participle, not a noun
    return (
        _is_noun(last)
        and not is_verb(last)
        and last.lower() not in TIME_NOUNS
        and not re.search(r"\b(?:can|could|will|would|may|might|should|must)\s+$", before)
        and not re.search(r"\bto\s+$", before)
        and not sentence[local.start - 1 : local.start].isdigit()
        and not re.search(r"(?<![A-Za-z-])\d[\d,.]*\s*$", before)
        and not (re.search(r"\bby\s+$", before) and re.match(r"\s+to\s", sentence[local.end :]))
    )


# Change nouns that move a level, so "a 20% rise in profits to £3.8bn" puts profits at £3.8bn
# (a "stake in Acme to 20%" is the stake's level, not Acme's).
_MOVING_CHANGE_NOUNS = CHANGE_NOUNS - {"stake", "share", "interest", "investment", "spending", "loss", "change",
                                       "swing", "shortfall", "improvement", "deterioration"}
_LEVEL_AFTER_CHANGE = re.compile(
    r"\b(?:" + "|".join(sorted(_MOVING_CHANGE_NOUNS)) + r")s?\s+(?:in|of)\s+(?:the\s+|its\s+|their\s+)?"
    r"(?P<level>[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){0,3})\s+to\s+" + _QUALIFIER_WORDS.pattern + r"$",
    re.IGNORECASE)


def _level_after_change_noun(sentence: str, figure_start: int) -> Phrase | None:
    """'a 20% rise in pre-tax profits to £3.8bn' -> 'pre-tax profits': the level a change reaches
    measures what changed, not the change."""
    # Anchored at the figure: the last 200 characters hold any match, and a sentence of many
    # figures stays linear.
    m = _LEVEL_AFTER_CHANGE.search(sentence, max(0, figure_start - 200), figure_start)
    if m is None:
        return None
    words = m.group("level").split()
    if any(not pos_tags(w) & {"NOUN", "PROPN", "ADJ"} and not w.endswith("ing") or w.lower() in STOP_WORDS
           for w in words) or singular(words[-1]) in TIME_NOUNS:
        return None
    return Phrase(m.group("level"), singular(words[-1]), m.start("level"), m.end("level"))


def _clause_entity(sentence: str, figure_start: int, unit_end: int, local: Phrase | None,
                   currency: bool) -> EntityReading:
    local_is_noun = _local_is_noun(sentence, local)
    level_reached = _level_after_change_noun(sentence, figure_start)
    if level_reached is not None:
        return EntityReading(level_reached.text, True)
    # "(tuned) by M-Sport to produce 296 hp": the agent of a passive is not what is measured.
    changed = _changed_object(sentence, figure_start)
    if changed is not None:
        return EntityReading(changed.text, True)
    taken_from = _taken_from(sentence, figure_start, unit_end)
    if taken_from is not None:
        return EntityReading(taken_from.text, True)
    paid_for = _paid_for(sentence, figure_start, unit_end)
    if paid_for is not None and not (
        local is not None
        and local_is_noun
        and local.start > paid_for.start - 200
        and re.search(r"\bof\s+$", sentence[local.end : figure_start])
    ):
        return EntityReading(paid_for.text, True)
    subject = subject_before(sentence, figure_start)
    transaction = _transaction(sentence, figure_start, unit_end, subject) if currency else None
    if transaction is not None:
        return EntityReading(transaction, True)
    if subject is not None and subject.phrase.end <= figure_start:
        if local is not None and local_is_noun and local.start > subject.verb_start:
            if local.head in DIMENSION_NOUNS and subject.phrase.text[:1].isalpha():
                # "The satellite orbits at an altitude of 550 km": the subject's dimension.
                return EntityReading(f"{_possessive(subject.phrase.text, sentence)} {local.text}", True)
            return EntityReading(local.text, True)  # "paid a fine of $5m"
        return EntityReading(subject.phrase.text, False)
    described = _described_by_change_clause(sentence, figure_start)
    if described is not None:
        return EntityReading(described.text, False)
    if local is not None and local_is_noun:
        return EntityReading(local.text, _after_participle_comma(sentence, figure_start))
    level = _level_of_participle(sentence, figure_start)
    if level is not None:
        return EntityReading(level.text, True)
    scope = _scope_after(sentence, unit_end)
    return EntityReading(scope, bool(scope))


# "from 18 mpg to 24 for sport utility vehicles", "$40m for The Lost Film": with nothing else,
# the "for" phrase.
_SCOPE = re.compile(r"(?:\s*\([^()]{1,30}\))?\s+for\s+(?:the\s+|its\s+|their\s+)?((?:[A-Za-z-]+\s+){0,3}[A-Za-z-]+)")


def _scope_after(sentence: str, unit_end: int) -> str:
    scope = _SCOPE.match(sentence[unit_end:])
    if not scope:
        return ""
    words = scope.group(1).split()
    if words[0][:1].isupper() and all(w[:1].isupper() or w.lower() in {"of", "and"} for w in words):
        return " ".join(words)  # a name: "The Lost Film", "Manchester United"
    while words and not (_is_noun(words[-1]) and "NOUN" in pos_tags(words[-1])):
        words.pop()
    if (
        words
        and all((_is_noun(w) or "ADJ" in pos_tags(w)) and w.lower() not in STOP_WORDS and not is_verb(w) for w in words)
        and singular(words[-1]) not in TIME_NOUNS
    ):
        return " ".join(words)
    return ""


# Transactions whose indirect object is whom the amount goes to: "owes the bank $5m".
_OWED_NOUNS = frozenset({"debt", "payment", "compensation"})
_OWED_FORMS = word_forms(frozenset({"owe", "pay", "compensate"}))
_QUALIFIER_WORDS_SET = frozenset(word for phrase in QUALIFIER_WORDS for word in phrase.split())
_NAME_WORD = r"[A-Z][\w&'’-]*(?:\.[A-Za-z]+)*"
_RECIPIENT = re.compile(
    r"\s+to\s+((?:the\s+)?(?:" + _NAME_WORD + r"\s+(?:of\s+|for\s+|and\s+)?){0,4}" + _NAME_WORD + ")")


def _transaction(sentence: str, figure_start: int, unit_end: int, subject: Subject | None) -> str | None:
    """'Acme agreed to pay $1m to the Department of Justice' -> "Acme's payment to the
    Department of Justice", 'Acme lost $5m' -> "Acme's loss", 'the bill will cost taxpayers £2bn'
    -> "bill's cost": an amount that is the object of a verb of paying, losing or fining is that
    transaction."""
    offset = max(0, figure_start - 60)
    before = sentence[offset:figure_start]
    found = _transaction_noun(_tokens(before))
    if found is None:
        return None
    noun, verb_start = found
    if subject is None:
        # "The Passion of the Christ making $370m": a participle's doer is the phrase right before it.
        subject = _doer_before(sentence, offset + verb_start)
    recipient = _RECIPIENT.match(sentence[unit_end:])
    if recipient is not None:
        noun = f"{noun} to {recipient.group(1)}"
    elif noun in _OWED_NOUNS:
        # "owes the Paris Club $48bn", "paid the victims $5m": the noun phrase between the verb and
        # the amount is whom it is owed or paid to.
        between = re.search(r"\b(?:" + "|".join(sorted(_OWED_FORMS, key=len, reverse=True)) + r")\s+"
                            r"(?P<whom>(?:the\s+|its\s+|their\s+)?(?:[A-Za-z][\w&'’.-]*\s+){0,3}[A-Za-z][\w&'’.-]*)\s+"
                            + _QUALIFIER_WORDS.pattern + r"$", before)
        if between is not None and not any(is_verb(w) for w in between.group("whom").split()):
            noun = f"{noun} to {between.group('whom')}"
    elif noun in {"spending", "investment"}:
        spent_on = _of_complement(sentence, unit_end, links="on|in")
        if spent_on is not None:  # "spent $10bn on tankers", "invested $5m in the firm"
            noun = f"{noun} {sentence[unit_end:].split()[0]} {spent_on.text}"
    if subject is None or subject.phrase.end > figure_start:
        return noun
    return f"{_possessive(subject.phrase.text, sentence)} {noun}"


def _doer_before(sentence: str, verb_start: int) -> Subject | None:
    """A noun phrase that ends right before a participle ("the film making", "Acme paying"), as
    the subject of that participle; not a pronoun, a function word or a verb."""
    tokens = _tokens(sentence[max(0, verb_start - 80):verb_start])
    if not tokens or not re.fullmatch(r"[A-Za-z][\w'’.&-]*", tokens[-1][0]):
        return None
    last = tokens[-1][0]
    if last.lower() in STOP_WORDS | TIME_NOUNS or is_verb(last) or not (_is_noun(last) or last[:1].isupper()):
        return None
    first = _noun_phrase_ending_at(tokens, len(tokens) - 1)
    before = first - 1
    while before >= 0 and tokens[before][0].lower() in DETERMINERS:
        before -= 1
    if before >= 1 and tokens[before][0] == "of" and last[:1].isupper() and tokens[before - 1][0][:1].isupper():
        # "The Passion of the Christ making $370m", "the Bank of England paying": a name with "of".
        first = _noun_phrase_ending_at(tokens, before - 1)
    elif before >= 0 and tokens[before][0].lower() in PREPOSITIONS - {"with"}:
        # "the sale in May priced": the object of a preposition does nothing; "with the musical
        # making $50m" is the absolute construction, whose noun is the doer.
        return None
    base = max(0, verb_start - 80)
    start, end = base + tokens[first][1], base + tokens[-1][2]
    return Subject(Phrase(sentence[start:end], singular(last), start, end), (), verb_start)


def _transaction_noun(tokens: list[tuple[str, int, int]]) -> tuple[str, int] | None:
    """The noun for the verb right before an amount (past qualifier words), or, for a verb of paying
    or costing, before whom it is paid ("cost taxpayers", "pay the victims"), and where the verb
    starts in the tokens' text."""
    words = [t[0] for t in tokens]
    while words and words[-1].lower() in _QUALIFIER_WORDS_SET:
        words.pop()
    if len(words) >= 2 and words[-1].lower() == "for" and _verb_lemma(words[-2].lower()) in BOUGHT_FOR_NOUNS:
        # "homes selling for £60,000", "he was signed for £4.6m": what changed hands for the amount
        return BOUGHT_FOR_NOUNS[_verb_lemma(words[-2].lower())], tokens[len(words) - 2][1]
    for between in range(4):
        if len(words) <= between or not words[-1 - between][:1].isalpha():
            return None
        word = words[-1 - between].lower()
        noun = TRANSACTION_NOUNS.get(_verb_lemma(word))
        if noun == "price" and not word.endswith(("ed", "ing")):
            noun = None  # "capping oil prices at $60": the noun; "priced at £179": the verb
        if noun is not None:
            if between and noun not in {"cost", "payment", "fine", "award", "charge", "compensation", "debt", "price"}:
                return None
            return noun, tokens[len(words) - 1 - between][1]
        word = words[-1 - between]
        if not (_is_noun(word) or word.lower() in {"the", "its", "their"}) or is_verb(word):
            return None
    return None


_LEVEL_PARTICIPLE = re.compile(
    r"\b(?:going|rising|falling|trading|climbing|dropping|sliding|heading|sitting|standing|settling|hovering)"
    r"(?:\s+(?:back|up|down))?\s+(?:to|at)\s+" + _QUALIFIER_WORDS.pattern + r"$",
    re.IGNORECASE,
)


def _level_of_participle(sentence: str, figure_start: int) -> Phrase | None:
    """'see the pound going to $1': the noun before a participle of movement 'to'/'at' a level."""
    m = _LEVEL_PARTICIPLE.search(sentence[:figure_start])
    if m is None:
        return None
    tokens = _tokens(sentence[: m.start()])
    if not tokens:
        return None
    last = len(tokens) - 1
    word = tokens[last][0]
    if not _is_noun(word) or is_verb(word) or word.lower() in TIME_NOUNS:
        return None
    first = _noun_phrase_ending_at(tokens, last)
    return Phrase(sentence[tokens[first][1] : tokens[last][2]], singular(word), tokens[first][1], tokens[last][2])


_CHANGING_VERB = re.compile(
    r"\b(?:" + "|".join(sorted(word_forms(OBJECT_CHANGE_VERBS), key=len, reverse=True)) + r")\b", re.IGNORECASE)


def _changed_object(sentence: str, figure_start: int) -> Phrase | None:
    """'Acme lowered its revenue guidance for the quarter to $84bn': what a transitive change
    verb moves 'to' or 'by' a figure is its object."""
    before = sentence[:figure_start]
    if not re.search(r"\b(?:to|by)\s+" + _QUALIFIER_WORDS.pattern + r"$", before):
        return None
    clause_start = max(before.rfind(c) for c in (",", ";", ":", "(")) + 1
    # "the driving range": a participle after a determiner is an adjective, not the verb.
    verbs = [m for m in _CHANGING_VERB.finditer(before, clause_start)
             if not re.search(r"\b(?:the|a|an|its|their|his|her|our|this|these)\s+$", before[:m.start()])]
    if not verbs:
        return None
    found = object_phrase_after(sentence, verbs[-1].end()) or _bare_object(sentence, verbs[-1].end(), figure_start)
    if found is None:
        return None
    if found.text.lower().startswith("the "):
        found = Phrase(found.text[4:], found.head, found.start + 4, found.end)
    return found if found.end <= figure_start else None


_TAKING_FORMS = {form: lemma for lemma in AMOUNT_TAKEN_FROM for form in word_forms(frozenset({lemma}))}


_TAKING_BEFORE = re.compile(r"\b([a-z]+)\s+" + _QUALIFIER_WORDS.pattern + r"$")


def _taken_from(sentence: str, figure_start: int, unit_end: int) -> Phrase | None:
    """'shaved 5% off its prices', 'added $2bn to its costs': an amount a verb takes off (or adds to)
    something measures that thing."""
    before = _TAKING_BEFORE.search(sentence, max(0, figure_start - 120), figure_start)
    if before is None or before.group(1) not in _TAKING_FORMS:
        return None
    links = AMOUNT_TAKEN_FROM[_TAKING_FORMS[before.group(1)]]
    link = re.match(r"\s+(?:" + "|".join(links) + r")\b", sentence[unit_end:])
    if link is None:
        return None
    found = object_phrase_after(sentence, unit_end + link.end())
    if found is not None:
        return Phrase(found.text[4:], found.head, found.start + 4, found.end) if found.text.startswith("the ") \
            else found
    return _of_complement(sentence, unit_end, links="|".join(links))


def _bare_object(sentence: str, start: int, end: int) -> Phrase | None:
    """'cut interest rates by', "took 2019's total to": a bare noun phrase with a noun head right
    after the verb, whatever stands between it and the preposition before the figure."""
    run: list[tuple[str, int, int]] = []
    for word, w_start, w_end in _tokens(sentence[start:end]):
        if run and w_start + start > run[-1][2] + 1 or len(run) == 3:
            break
        possessive = re.fullmatch(r"\d{4}['’]s|[A-Z][\w&.-]*['’]s?", word) is not None and not run
        tags = pos_tags(word)
        # Inside the object, "costs" and "total" are nouns ("running costs", "2019's total").
        noun = bool(tags & {"NOUN", "PROPN"}) and (bool(run) or word.lower() not in STOP_WORDS)
        if not possessive and not noun and (word.lower() in STOP_WORDS or "ADJ" not in tags or is_verb(word)):
            break
        run.append((word, w_start + start, w_end + start))
    while run and "NOUN" not in pos_tags(run[-1][0]):
        run.pop()
    if not run or not re.fullmatch(r"\s*", sentence[start:run[0][1]]):
        return None
    return Phrase(sentence[run[0][1]:run[-1][2]], singular(run[-1][0]), run[0][1], run[-1][2])


_PAYING_VERB = r"\b(?:" + "|".join(sorted(word_forms(PAYING_VERBS), key=len, reverse=True)) + r")\b"
_PAYING = re.compile(
    _PAYING_VERB + r"\s+(?:(?:about|around|almost|nearly|roughly|some|just|only|over|under|"
    r"more than|less than|up to|at least|an estimated|close to|as much as|between)\s+)*$",
    re.IGNORECASE,
)


_FOR_AFTER = re.compile(
    # One run of spaces each side of the dash: two optional runs side by side backtrack quadratically.
    r"(?:\s*(?:[-–]\s*)?(?:to\s+)?[$£€]?\d[\d.,]*\s*(?:%|per\s*cent|percent|[a-z]+)?)?"
    # "the £500m needed for the war", "£2m set aside for repairs": the participle says it is paid.
    r"(?:\s+(?P<paid>needed|required|spent|earmarked|allocated|budgeted|set\s+aside|paid|raised|pledged)"
    r"(?:\s+(?:annually|each\s+year|a\s+year|every\s+year))?)?"
    r"\s+(?:for|(?<=spent )on|(?<=invested )in|(?<=annually )on|(?<=year )on)\s+"
    r"(?:the\s+|its\s+|their\s+|his\s+|her\s+|a\s+|an\s+)?")


def _paid_for(sentence: str, figure_start: int, unit_end: int) -> Phrase | None:
    """'paying over $100m for work', 'charges 1.5% for management': what an amount paid or
    charged is for (a time, 'for the year', is not)."""
    # First the cheap test: nothing is paid "for" anything unless "for" follows the amount.
    m = _FOR_AFTER.match(sentence, unit_end)
    if m is None:
        return None
    before = sentence[:figure_start]
    clause = re.split(r"[,;:()]", before)[-1]
    # "charges 1% for management and 15% for performance fees": the verb is shared.
    gapped = (
        re.search(r"\bfor\s+[^,;:()]{1,40}\s+and\s+$", clause) is not None
        and re.search(_PAYING_VERB, clause, re.IGNORECASE) is not None
    )
    # The pattern is anchored at the end: the last 120 characters hold any verb and qualifiers it
    # can match, and searching only them keeps a long sentence of figures linear.
    if _PAYING.search(before[-120:]) is None and not gapped and not m.group("paid"):
        return None
    start = m.end()
    tokens = _tokens(sentence[start : start + 60])
    run: list[tuple[str, int, int]] = []
    for word, w_start, w_end in tokens:
        if run and w_start + start - run[-1][2] > 1 or not word[:1].isalpha() or word.lower() in RELATIVE_PRONOUNS:
            break
        if not (_is_noun(word) or "ADJ" in pos_tags(word) and not is_verb(word)) or is_verb(word):
            break
        run.append((word, w_start + start, w_end + start))
        if len(run) >= 3:
            break
    while run and not pos_tags(run[-1][0]) & {"NOUN", "PROPN"} and pos_tags(run[-1][0]):
        run.pop()
    if not run or run[0][1] != start or singular(run[-1][0]) in TIME_NOUNS:
        return None
    return Phrase(sentence[start : run[-1][2]], singular(run[-1][0]), start, run[-1][2])


def _apposition(sentence: str, figure_start: int, unit_end: int) -> Phrase | None:
    """'a bigger battery, 5000 mAh, than ...': a measure set off by commas right after a noun
    phrase restates it."""
    if not re.match(r"\s*[,)]", sentence[unit_end:]):
        return None
    tokens = _tokens(sentence[:figure_start])
    if len(tokens) < 3 or tokens[-1][0] != ",":
        return None
    last = len(tokens) - 2
    word = tokens[last][0]
    if not _is_noun(word) or is_verb(word) or word.lower() in TIME_NOUNS or word.lower() in STOP_WORDS \
            or word[:1].isupper():
        return None
    first = _noun_phrase_ending_at(tokens, last)
    return Phrase(sentence[tokens[first][1] : tokens[last][2]], singular(word), tokens[first][1], tokens[last][2])


def _holder_with(sentence: str, figure_start: int) -> Phrase | None:
    """'the older phone with 3,687 mAh', 'flats from $200,000 to $300,000': a measure 'with' a noun,
    or ranging 'from' right after it, is that noun's."""
    tokens = _tokens(sentence[:figure_start])
    if len(tokens) < 2 or tokens[-1][0].lower() not in {"with", "from"}:
        return None
    last = len(tokens) - 2
    word = tokens[last][0]
    if not _is_noun(word) or is_verb(word) or word.lower() in TIME_NOUNS or word.lower() in STOP_WORDS:
        return None
    first = _noun_phrase_ending_at(tokens, last)
    return Phrase(sentence[tokens[first][1] : tokens[last][2]], singular(word), tokens[first][1], tokens[last][2])


_IN_PHRASE = re.compile(r"(?:\s*\([^()]{1,30}\))?\s+in\s+(?:new\s+|additional\s+|extra\s+|annual\s+)?"
                        r"(?P<noun>[a-z][a-z-]+)\b(?P<rest>\s+[a-z]+)?")


def _in_phrase_after(sentence: str, unit_end: int) -> Phrase | None:
    """'$1bn in gains', '$5m in damages', '2m yuan ($290,000) in compensation', '$20m in cheap
    loans': an amount 'in' a common noun is an amount of it (a place or a year after 'in' is not)."""
    m = _IN_PHRASE.match(sentence, unit_end)
    if not m:
        return None
    word = m.group("noun")
    pos = pos_tags(word)
    if "NOUN" not in pos and m.group("rest"):
        # "in soft loans": an adjective, then the noun
        adjective, word = word, m.group("rest").strip()
        if adjective in STOP_WORDS or "ADJ" not in pos:
            return None
        pos = pos_tags(word)
        start = m.start("noun")
        end = m.end("rest")
    else:
        start, end = m.start("noun"), m.end("noun")
    if "NOUN" not in pos or word in STOP_WORDS or word in _TIME_WORDS or not (is_plural(word) or "VERB" not in pos):
        return None
    return Phrase(sentence[start:end], singular(word), start, end)


def is_plural(word: str) -> bool:
    return singular(word) != word.lower()


_CHANGE_OPENERS = {"up", "down", "higher", "lower"}


def _is_participle_opener(clause: list[tuple[str, int, int]]) -> bool:
    """', easing against the yen to 108.8', ', revised upward by $4m': a clause opened by a
    participle has no subject of its own; it describes the one before it."""
    word = clause[0][0].lower()
    pos = pos_tags(word)
    if "VERB" not in pos:
        return False
    if word.endswith("ing"):
        return not pos & {"NOUN", "ADJ"} or word in FINITE_VERB_FORMS
    return (
        word.endswith("ed") and len(clause) > 1 and clause[1][0].lower() in {"up", "down", "upward", "downward", "by"}
    )


def _after_participle_comma(sentence: str, figure_start: int) -> bool:
    """"making steady progress, gaining 886 square miles": a clause opened by an -ing participle
    right after a common noun qualifies that noun's phrase."""
    tokens = _tokens(sentence[:figure_start])
    comma = next((i for i in range(len(tokens) - 1, -1, -1) if tokens[i][0] in {",", ";"} | _CLAUSE_BREAKS), None)
    if comma is None or comma < 1 or comma + 1 >= len(tokens):
        return False
    opener = tokens[comma + 1][0].lower()
    return opener.endswith("ing") and _is_participle_opener(tokens[comma + 1:]) \
        and tokens[comma - 1][0][:1].islower() and _is_noun(tokens[comma - 1][0])


def _described_by_change_clause(sentence: str, figure_start: int) -> Phrase | None:
    """'Acme shares have had a strong run, up nearly 40%' and 'the biggest fallers were Unite
    Group, down 68p': a verbless ', up/down ...' clause describes the name just before its comma,
    else the subject of the clause before it."""
    tokens = _tokens(sentence[:figure_start])
    comma = next((i for i in range(len(tokens) - 1, -1, -1) if tokens[i][0] in {",", ";"} | _CLAUSE_BREAKS), None)
    if comma is None or comma + 1 >= len(tokens) + 1:
        return None
    clause = tokens[comma + 1 :]
    if not clause or not (clause[0][0].lower() in _CHANGE_OPENERS or _is_participle_opener(clause)):
        return None
    if (
        clause[0][0].lower().endswith("ing")
        and comma >= 1
        and tokens[comma - 1][0][:1].islower()
        and _is_noun(tokens[comma - 1][0])
    ):
        return None  # "$12m of claims, ranging from $200 to $4m": the clause may qualify "claims"
    if comma >= 1 and tokens[comma - 1][0][:1].isupper() and _is_noun(tokens[comma - 1][0]):
        first = _noun_phrase_ending_at(tokens, comma - 1)
        return Phrase(
            sentence[tokens[first][1] : tokens[comma - 1][2]],
            singular(tokens[comma - 1][0]),
            tokens[first][1],
            tokens[comma - 1][2],
        )
    if clause[0][0].lower().endswith("ed"):
        # "operating profit of $880m, revised upward by $40m": a past participle qualifies the
        # noun phrase just before its comma, which may end in a figure ("X of $880m").
        of = next((i for i in range(comma - 1, max(0, comma - 7), -1) if tokens[i][0].lower() == "of"), None)
        if (
            of is not None
            and of >= 1
            and _is_noun(tokens[of - 1][0])
            and any(t[0][:1].isdigit() for t in tokens[of + 1 : comma])
        ):
            owner = _owner_before_of(sentence, tokens[of + 1][1])
            if owner is not None:
                return owner
    subject = subject_before(sentence, tokens[comma][1])
    return subject.phrase if subject is not None else None
