"""Who stands behind a figure: 'according to the United Nations', 'Ria Novosti reported', 'he said'.

Read from the parse: the subject of a speech verb and the object of "according to", taken as the
named entity (person, organisation, nationality, country) in that phrase, or the proper-noun
phrase, or the kind of reporter ("analysts"). A memory of the document, updated by every
sentence, resolves pronouns ("it said", "he added") and back-references ("the report said") and
merges an acronym with its long form ("the Office for National Statistics (ONS)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from extract.engine.lexicon import (
    COMPANY_NOUNS,
    CONTRAST_CONJUNCTIONS,
    HONORIFICS,
    NUMBER_FRAMES,
    ORGANISATION_NOUNS,
    ORGANISATION_POSSESSIVES,
    ORGANISATION_PRONOUNS,
    PERSON_PRONOUNS,
    PUBLISHING_VERBS,
    RELATIVE_PRONOUNS,
    SOURCE_ENTITY_LABELS,
    SOURCE_NOUNS,
    SOURCE_ROLES,
    SPEECH_VERB_FRAMES,
    SPEECH_VERBS,
    STOP_WORDS,
    word_forms,
)
from extract.engine.parse import lemma, upos

# Dependents that start another clause: a source is never looked for inside them.
_CLAUSE_DEPS = frozenset({"relcl", "acl", "ccomp", "advcl", "xcomp", "conj", "cc", "punct", "appos"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_OF_SOURCE = frozenset({"from", "by", "of"})
# Preference between the entities of one phrase: a person or organisation over a place or people.
_LABEL_RANK = {"PERSON": 0, "ORG": 1, "GPE": 2, "NORP": 3}
# Leading words of an entity span that are not the name ("the", a title, a role).
_LEADING = re.compile(r"^(?:the|The|THE|" + "|".join(sorted(HONORIFICS)) + r")\.?\s+")
_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,7}")


_SPEECH_FORMS = word_forms(SPEECH_VERBS | set(SPEECH_VERB_FRAMES)) | {"according"}
_PLAIN_SPEECH_FORMS = word_forms(SPEECH_VERBS) | {"according"}
# A frame verb's forms, each with the preposition that must follow it: "points" -> "to".
_FRAME_FORMS = {form: preposition for verb, preposition in SPEECH_VERB_FRAMES.items()
                for form in word_forms({verb})}
_WORD = re.compile(r"[a-z]+")


def may_attribute(sentence: str) -> bool:
    """Whether a sentence has a word that may cue a source (a speech verb or 'according', or a
    frame verb with its preposition later on: "put ... at", "pointed to"): only those sentences need
    named entities and the attribution rules."""
    words = _WORD.findall(sentence.lower())
    return any(word in _PLAIN_SPEECH_FORMS
               or word in _FRAME_FORMS and _FRAME_FORMS[word] in words[index + 1:]
               for index, word in enumerate(words))


@dataclass(frozen=True)
class Attribution:
    source: str
    cue: str
    kind: str  # "person", "organisation" or "group"


@dataclass
class SourceMemory:
    """What a document has named so far, for pronouns, back-references and acronyms."""

    last_person: str = ""
    last_organisation: str = ""
    last_source: str = ""
    names: list[str] = field(default_factory=list)
    persons: set[str] = field(default_factory=set)  # the names noted as people
    full_names: dict[str, set[str]] = field(default_factory=dict)  # "Vries" -> {"Jan Vries"}, from the text
    aliases: dict[str, str] = field(default_factory=dict)  # "ONS" -> "Office for National Statistics"
    titles: dict[str, str] = field(default_factory=dict)  # "finance minister" -> "Jan de Vries"
    last_mentioned: str = ""  # the organisation or party last named, whether or not it spoke
    last_subject: str = ""  # the organisation last named as what a clause is about ("Acme posted a rise")

    def titled(self, description: str) -> str:
        """The person last named with this title: 'the Dutch Finance Minister' after
        'Finance Minister Jan de Vries'."""
        words = description.lower().split()
        for title, name in reversed(self.titles.items()):
            title_words = title.split()
            if title_words[-1] == words[-1] and set(title_words) <= set(words):
                return name
        return ""

    def canonical(self, name: str) -> str:
        """One spelling per source: an acronym becomes its long form, a surname the full name."""
        if name in self.aliases:
            return self.aliases[name]
        if _ACRONYM.fullmatch(name):
            for known in self.names:
                if known != name and initials(known) == name:
                    return known
        for known in reversed(self.names):
            if known != name and known.endswith(" " + name):
                return known
        if name in self.persons and len(self.full_names.get(name, ())) == 1:
            return next(iter(self.full_names[name]))  # a surname alone: the one full name the text gives it
        return name

    def note_name(self, name: str, kind: str) -> None:
        name = self.canonical(name)
        if name not in self.names:
            self.names.append(name)
        if kind == "person":
            self.last_person = name
            self.persons.add(name)

    def remember(self, attribution: Attribution) -> None:
        self.note_name(attribution.source, attribution.kind)
        self.last_source = attribution.source
        if attribution.kind == "organisation":
            self.last_organisation = attribution.source


def initials(name: str) -> str:
    """'Office for National Statistics' -> 'ONS': the capitals of its capitalised words."""
    return "".join(word[0] for word in name.split() if word[:1].isupper())


def _entity_text(span: Span) -> str:
    text = span.text
    previous = None
    while previous != text:
        previous = text
        text = _LEADING.sub("", text)
    return re.sub(r"\s*[’']s?$", "", text).strip()


def _kind(label: str) -> str:
    return "person" if label == "PERSON" else "organisation"


def _phrase_tokens(token: Token) -> list[Token]:
    """The token and its dependents, not crossing into another clause."""
    found = [token]
    for child in token.children:
        if child.dep_ not in _CLAUSE_DEPS:
            found.extend(_phrase_tokens(child))
    return found


def _proper_name(token: Token) -> str:
    """A proper noun with the proper nouns compounded before it: "Halden Bank", "the Acme survey" ->
    "Acme survey"."""
    names = [t for t in token.lefts if t.dep_ == "compound" and upos(t) == "PROPN"]
    return token.doc[names[0].i if names else token.i:token.i + 1].text


def _capitalised(ent: Span) -> bool:
    return any(c.isupper() for c in ent.text)


def _named_in(token: Token) -> tuple[str, str] | None:
    """(name, kind) of the entity a phrase names: the token's own entity, else the best-ranked
    entity among its dependents (closest to it first), else its proper-noun compound."""
    doc = token.doc
    candidates: list[tuple[int, int, Span]] = []
    tokens = _phrase_tokens(token)
    for ent in doc.ents:
        if ent.label_ in SOURCE_ENTITY_LABELS and any(ent.start <= t.i < ent.end for t in tokens) and _capitalised(ent):
            if ent.label_ == "NORP" and not ent.start <= token.i < ent.end:
                continue  # "a sample of 500 British adults", "British officials": a modifier, not the source
            depth = min(_depth_below(t, token) for t in tokens if ent.start <= t.i < ent.end)
            candidates.append((0 if ent.start <= token.i < ent.end else 1 + depth, _LABEL_RANK[ent.label_], ent))
    if candidates:
        candidates.sort(key=lambda c: (c[0], c[1]))
        ent = candidates[0][2]
        # "Ukrainian President Volodymyr Zelenskyy": a nationality beside a named person is not the
        # source; nor is a place beside the body that speaks ("a study of the Leeds floods from the
        # Flood Research Unit").
        branch = [t for t in doc[max(0, ent.start - 3):ent.start] if t.head.i in range(ent.start, ent.end)
                  and t.dep_ == "compound" and upos(t) == "PROPN"]
        if ent.label_ == "GPE" and branch:
            return doc[branch[0].i:ent.end].text, "organisation"  # "Acme UK": a firm's branch in a country
        if ent.label_ in {"NORP", "GPE"}:
            person = [c for c in candidates if c[2].label_ in {"PERSON", "ORG"}]
            if person:
                ent = person[0][2]
        joint = _coordinated_names(token, ent)
        if joint:
            return joint, "organisation"
        return _entity_text(ent), _kind(ent.label_)
    for child in token.children:  # "the think-tank, Civitas,": a name in apposition to a common noun
        if child.dep_ == "appos" and upos(token) == "NOUN" and child.ent_type_ in {"ORG", "PERSON"}:
            ent = next(e for e in doc.ents if e.start <= child.i < e.end)
            return _entity_text(ent), _kind(ent.label_)
    if upos(token) == "PROPN" and token.lower_ not in SOURCE_ROLES:  # "the Finance Minister" is a role
        return _proper_name(token), "organisation"
    return None


def _coordinated_names(token: Token, first: Span) -> str:
    """'Acme Telecom and Brightline have announced': the names coordinated with the phrase's head
    speak together, as one source."""
    doc = token.doc
    names = [first]
    stack = [token]
    while stack:
        for child in stack.pop().children:
            if child.dep_ != "conj":
                continue
            stack.append(child)
            ent = next((e for e in doc.ents if e.start <= child.i < e.end), None)
            if ent is not None and ent.label_ in {"PERSON", "ORG", "GPE"} and all(ent != n for n in names):
                names.append(ent)
    if len(names) < 2:
        return ""
    texts = [_entity_text(n) for n in sorted(names, key=lambda n: n.start)]
    return ", ".join(texts[:-1]) + " and " + texts[-1]


def _depth_below(token: Token, top: Token) -> int:
    depth = 0
    while token.i != top.i and token.head.i != token.i:
        token = token.head
        depth += 1
    return depth


def _from_source_noun(token: Token) -> Token | None:
    """'figures from the Electoral Commission', 'a report by analysts Jupiter', 'data compiled by
    Bloomberg': the object of the preposition that says whose the evidence is."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in _OF_SOURCE:
            for grandchild in child.children:
                # "a survey of 2,000 adults" names whom it asked; "a report of the ministry" its author
                if grandchild.dep_ == "pobj" and (child.lower_ != "of" or grandchild.ent_type_ in {"ORG", "PERSON"}):
                    return grandchild
        if child.dep_ == "acl":  # "compiled by", "published by"
            for grandchild in child.children:
                if grandchild.dep_ in {"agent", "prep"} and grandchild.lower_ == "by":
                    return next((c for c in grandchild.children if c.dep_ == "pobj"), None)
    return None


def _reporter(token: Token, memory: SourceMemory) -> tuple[str, str, str] | None:
    """(source, kind, back-reference words) for the phrase headed by `token` (a subject of a
    speech verb or the object of 'according to')."""
    if upos(token) == "PRON":
        if token.lower_ in ORGANISATION_PRONOUNS:
            earlier = _subject_organisation_before(token)
            if earlier:
                return earlier, "organisation", token.lower_  # "Acme reported a rise, and it forecast ..."
        return _pronoun_reporter(token.lower_, memory)
    if lemma(token) in SOURCE_NOUNS:
        return _evidence_reporter(token, memory)
    named = _named_in(token)
    if named is not None:
        return named[0], named[1], ""
    if lemma(token) in SOURCE_ROLES:
        return _role_reporter(token, memory)
    return None


def _subject_organisation_before(pronoun: Token) -> str:
    """The name that is the subject of an earlier clause of the pronoun's own sentence ("The Greens
    have published what they say ...", "Acme reported a rise, and it forecast ..."): for "they" a
    plural name, for "it" one the recogniser does not take for a person's full name."""
    doc = pronoun.doc
    for token in reversed(doc[:pronoun.i]):
        if token.dep_ not in _SUBJECT_DEPS or upos(token) != "PROPN":
            continue
        plural = token.tag_ == "NNPS" or token.text.endswith("s")
        if pronoun.lower_ != "it" and not plural:
            return ""
        if pronoun.lower_ == "it" and token.ent_type_ == "PERSON" and token.ent_iob_ != "B":
            return ""  # "Ms Jane Smith said ... it": not a person
        return _proper_name(token)
    return ""


def _pronoun_reporter(lower: str, memory: SourceMemory) -> tuple[str, str, str] | None:
    if lower in PERSON_PRONOUNS:
        source = memory.last_person or memory.last_source
        return (source, "person", lower) if source else None
    if lower in ORGANISATION_PRONOUNS:
        # "it said" never stands for a person's full name: the organisation that spoke or that the
        # story is about. ("They" may stand for a party the recogniser took for a person, and a
        # one-word "person" is often a mislabelled organisation.)
        person = memory.last_source in memory.persons and " " in memory.last_source
        spoken = "" if lower == "it" and person else memory.last_source
        source = memory.last_organisation or spoken or memory.last_subject or memory.last_mentioned
        return (source, "organisation", lower) if source else None
    return None


def _evidence_reporter(token: Token, memory: SourceMemory) -> tuple[str, str, str] | None:
    """'figures from the ONS', 'the Ipsos survey', 'the Acme survey', 'the report said'."""
    owner = _from_source_noun(token)
    named = _named_in(owner) if owner is not None else None
    if named is not None:
        return named[0], named[1], ""
    if owner is not None and lemma(owner) in SOURCE_ROLES and _name_after(owner):
        return _name_after(owner), "organisation", ""  # "figures gathered by the watchdog, Ofcom"
    named = _named_in(token)
    if named is not None:
        return named[0], named[1], ""
    if any(t.dep_ == "compound" and upos(t) == "PROPN" for t in token.lefts):
        return _proper_name(token), "organisation", ""  # "the Acme survey"
    if token.dep_ == "dobj" and lemma(token.head) in PUBLISHING_VERBS:
        publisher = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
        named = _named_in(publisher) if publisher is not None else None
        if named is not None:
            return named[0], named[1], ""  # "Acme released statistics which showed ..."
    if any(child.dep_ in {"det", "poss"} and child.lower_ in {"the", "this", "that", "these", "its", "their"}
           for child in token.children):
        source = memory.last_organisation or memory.last_source
        words = " ".join(t.lower_ for t in token.doc[token.left_edge.i:token.i + 1])
        return (source, "organisation", words) if source else None
    return None


def _role_reporter(token: Token, memory: SourceMemory) -> tuple[str, str, str] | None:
    """'analysts Jupiter', 'the port authority said', 'the company said', 'officials said', 'a
    spokesman said', 'the Finance Minister explained' (once named with that title)."""
    doc = token.doc
    named_after = _name_after(token)
    if named_after:
        return named_after, "organisation", ""
    employer = _employer(token)
    if employer is not None:
        return employer
    organisation = memory.last_organisation or memory.last_subject or memory.last_mentioned
    named_here, introduced_as = _organisation_named_before(token)
    if introduced_as or not organisation:
        # "Revenues at media group Acme fell 5%, the group said": the name the sentence itself
        # introduced with that noun, or the only organisation named so far.
        organisation = named_here or organisation
    owner = organisation or (memory.last_source if memory.last_source not in memory.persons else "")
    if owner and any(child.dep_ == "poss" and child.lower_ in ORGANISATION_POSSESSIVES for child in token.children):
        # "its chairman said", "their spokeswoman added": a role of the organisation last named
        return owner, "organisation", " ".join(t.lower_ for t in doc[token.left_edge.i:token.i + 1])
    modifiers = [t for t in token.lefts if t.dep_ in {"amod", "compound"}]
    description = doc[modifiers[0].i if modifiers else token.i:token.i + 1].text
    titled = memory.titled(description)
    if titled:
        return titled, "person", description.lower()
    determiner = next((child.lower_ for child in token.children if child.dep_ == "det"), "")
    generic = lemma(token) in ORGANISATION_NOUNS or lemma(token) in organisation.lower().split()
    # "the car maker said", "the global drinks giant said" refer back like "the company said"; "the
    # central bank said" describes a source not named, like "the port authority said".
    if modifiers and token.tag_ in {"NN", "NNP"} and not (
            generic and all(m.dep_ == "compound" and upos(m) == "NOUN" for m in modifiers)) \
            and not (organisation and lemma(token) in COMPANY_NOUNS and determiner == "the"):
        return description, "group", ""
    if determiner in {"the", "this", "that"} and token.tag_ in {"NN", "NNP"} and organisation and generic:
        # "the company said": the organisation last named; "the ministry said" only when that
        # organisation is a ministry.
        words = " ".join(t.lower_ for t in doc[token.left_edge.i:token.i + 1])
        return organisation, "organisation", words
    if token.tag_ in {"NNS", "NNPS"} or lemma(token) in {"police"} or determiner in {"a", "an", "the"}:
        return description, "group", ""  # "officials said", "a court ruled", "the ministry said" (none named)
    return None


_NOT_NAMES = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})


def _organisation_named_before(token: Token) -> tuple[str, bool]:
    """The organisation the sentence names last before `token`, and whether it was introduced with
    the noun `token` is ("media group Acme" before "the group")."""
    before = [ent for ent in token.doc.ents if ent.end <= token.i and _capitalised(ent)]
    for ent in reversed(before):
        # The noun before the name says what it is, whatever label the recogniser gave the name.
        if ent.start > 0 and lemma(token.doc[ent.start - 1]) == lemma(token) and ent.label_ not in _NOT_NAMES:
            return _entity_text(ent), True
    named = [ent for ent in before if ent.label_ == "ORG"]
    return (_entity_text(named[-1]) if named else ""), False


_EMPLOYER_PREPOSITIONS = frozenset({"at", "for", "from", "with", "of"})


def _employer(token: Token) -> tuple[str, str, str] | None:
    """'analysts at Fitch', 'a spokeswoman for Acme', 'economists from the IMF': the organisation
    a role works for is who stands behind what the role says."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in _EMPLOYER_PREPOSITIONS:
            for owner in child.children:
                named = _named_in(owner) if owner.dep_ == "pobj" else None
                if named is not None and named[1] != "person":
                    return named[0], "organisation", ""
    return None


def _name_after(token: Token) -> str:
    """'analysts Acme Research', 'think-tank Brightline', 'the regulator, Ofcom,': a proper name
    right after a role noun (or in apposition to it) names it. A capitalised word there is a name
    even when the tagger took an odd spelling ("Web//Metrics") for a common noun."""
    if token.tag_ not in {"NNS", "NN"}:
        return ""
    doc = token.doc
    start = token.i + 2 if token.i + 2 < len(doc) and doc[token.i + 1].text == "," else token.i + 1
    end = start
    while end < len(doc) and _name_word(doc[end]) and doc[end].ent_type_ not in {"DATE", "GPE"}:
        end += 1
    if start > token.i + 1 and end < len(doc) and doc[end].text != ",":
        return ""  # an apposition is set off by commas on both sides: "the watchdog, Ofcom, said"
    return doc[start:end].text if end > start else ""


def _name_word(token: Token) -> bool:
    return upos(token) == "PROPN" or upos(token) == "NOUN" and token.text[:1].isupper() and token.i > 0 \
        and not token.is_sent_start


def _in_evidence(doc: Doc, memory: SourceMemory) -> list[tuple[Token, Attribution]]:
    """'In the annual survey, 40% said ...', 'In its report, the OECD ...': a sentence that
    opens in a body of evidence states what that evidence holds."""
    found = []
    for token in doc:
        if token.lower_ != "in" or token.i > 1 or token.dep_ != "prep":
            continue
        obj = next((c for c in token.children if c.dep_ == "pobj" and lemma(c) in SOURCE_NOUNS), None)
        reporter = _evidence_reporter(obj, memory) if obj is not None else None
        if reporter is not None:
            source, kind, back = reporter
            found.append((token, Attribution(source, f"in {back}" if back else "in", kind)))
    return found


def _according_to(doc: Doc, memory: SourceMemory) -> list[tuple[Token, Attribution]]:
    found = []
    for token in doc:
        if token.lower_ != "according":
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        if to is None and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            to = doc[token.i + 1]
        if to is None:
            continue
        obj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if obj is None:
            continue
        reporter = _reporter(obj, memory)
        if reporter is None:
            continue
        source, kind, back = reporter
        found.append((token, Attribution(source, f"according to {back}" if back else "according to", kind)))
    return found


def _speech_subjects(verb: Token) -> list[Token]:
    """The subjects of a speech verb (a passive's agent included), or of the verb it is
    coordinated with ('X rose and said'). Several when the parse splits one subject in two."""
    # "It is estimated that ...", "Japan's economy is forecast to grow": the subject of a passive is
    # what is said, not who says it (only "X was quoted as saying" makes it the speaker).
    found = [child for child in verb.children if child.dep_ in _SUBJECT_DEPS
             and not (child.dep_ == "nsubjpass" and (child.lower_ == "it" or lemma(verb) != "quote"))]
    # "... the governor, who warned": a relative pronoun stands for the noun its clause modifies.
    found = [_antecedent_of(child) if child.lower_ in RELATIVE_PRONOUNS else child for child in found]
    if not found and verb.dep_ == "acl" and lemma(verb.head) in SOURCE_NOUNS:
        return [verb.head]  # "data from the central bank showing ...": the evidence shows
    for child in verb.children:
        if child.dep_ == "agent":  # "was reported by the Financial Times"
            found.extend(c for c in child.children if c.dep_ == "pobj")
    passive = any(child.dep_ == "auxpass" for child in verb.children)
    if not found and verb.dep_ == "conj" and upos(verb.head) in {"VERB", "AUX"} and not passive:
        return _speech_subjects(verb.head)  # "X rose and said", not "X grew and is forecast to"
    return found


def _antecedent_of(pronoun: Token) -> Token:
    """The noun a relative pronoun stands for: the head of its clause, or (where the parse took
    the clause for a complement) the noun right before it."""
    verb = pronoun.head
    if verb.dep_ == "relcl":
        return verb.head
    before = pronoun.doc[pronoun.i - 2] if pronoun.i >= 2 and pronoun.doc[pronoun.i - 1].text == "," \
        else pronoun.doc[pronoun.i - 1] if pronoun.i >= 1 else pronoun
    return before if upos(before) in {"NOUN", "PROPN"} else pronoun


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i:
        token = token.head
        depth += 1
    return depth


def _is_speech_verb(token: Token) -> bool:
    if token.lower_ not in _SPEECH_FORMS or upos(token) != "VERB":
        return False
    if lemma(token) == "add" and any(child.dep_ in {"dobj", "npadvmod"} and _is_amount(child)
                                     for child in token.children):
        return False  # "Halden added 4.1% to 310p": "add" with an amount for object is a change
    word_lemma = lemma(token)
    if word_lemma in SPEECH_VERB_FRAMES:
        return any(child.dep_ == "prep" and child.lower_ == SPEECH_VERB_FRAMES[word_lemma] for child in token.children)
    return word_lemma in SPEECH_VERBS


def _is_amount(token: Token) -> bool:
    """'5.3%', '200 jobs': a number or what a number counts; not a name with a number word in it
    ("told BBC Radio Five Live")."""
    if upos(token) == "PROPN":
        return False
    return token.like_num or any(child.dep_ == "nummod" for child in token.children)


def _by_speech_verbs(doc: Doc, memory: SourceMemory) -> list[tuple[Token, Attribution]]:
    found = []
    for verb in doc:
        if not _is_speech_verb(verb):
            continue
        reporter = next((r for r in (_reporter(subject, memory) for subject in _speech_subjects(verb)) if r), None)
        if reporter is None:
            continue
        source, kind, back = reporter
        found.append((verb, Attribution(source, f"{back} {verb.lower_}" if back else verb.lower_, kind)))
    return found


# Cues that cover their whole sentence rather than the clause below them.
_SENTENCE_CUES = frozenset({"according", "in"})


@dataclass(frozen=True)
class SentenceSources:
    """Every attribution cue of one parsed sentence, to pick the one that covers each figure;
    `carried`, the source of the sentence before when this one goes on stating its evidence."""

    doc: Doc
    cues: tuple[tuple[Token, Attribution], ...]
    carried: Attribution | None = None

    @property
    def main(self) -> Attribution | None:
        """The sentence's source when nothing ties a figure to one cue: "according to" first, then a
        named source before a kind of reporter ("analysts say"), then the cue nearest the root."""
        cue = self._main_cue()
        return cue[1] if cue is not None else self.carried

    def _main_cue(self) -> tuple[Token, Attribution] | None:
        if not self.cues:
            return None
        return min(self.cues, key=lambda cue: (cue[0].lower_ not in _SENTENCE_CUES, cue[1].kind == "group",
                                               _depth(cue[0]), cue[0].i))

    def for_span(self, start: int, end: int) -> Attribution | None:
        """The source of the figure at doc.text[start:end]: the speech verb that governs it (the
        nearest one above it in the parse), else the sentence's source."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return self.main
        by_token = {cue[0].i: cue[1] for cue in self.cues if cue[0].lower_ not in _SENTENCE_CUES}
        child = span.root
        for ancestor in span.root.ancestors:
            if ancestor.i in by_token:
                if child.dep_ in _SUBJECT_DEPS | {"agent"}:
                    # "Jane Doe, who runs a firm of 300 staff, said ...": a figure in
                    # the description of the speaker is the writer's, not the speaker's.
                    return None
                return by_token[ancestor.i]
            child = ancestor
        cue = self._main_cue()
        if cue is not None and cue[0].i >= span.end and _opens_contrast(cue[0]):
            return None  # "Acme wants £6m but its chief has said ...": the figure is before the turn
        return self.main


def _opens_contrast(verb: Token) -> bool:
    """Whether the clause of a speech verb opens with a contrast ('..., but the firm said'), which
    sets it apart from what went before."""
    subjects = [s for s in _speech_subjects(verb) if s.i < verb.i]
    if not subjects:
        return False
    at = min(s.left_edge.i for s in subjects) - 1
    doc = verb.doc
    while at >= 0 and (doc[at].text == "," or upos(doc[at]) in {"NOUN", "ADJ"} and lemma(doc[at]) in SOURCE_ROLES):
        at -= 1  # past a title the parse left out of the subject: "but manager Alan Reid said"
    return at >= 0 and doc[at].lower_ in CONTRAST_CONJUNCTIONS




_DEFINED_ACRONYM = re.compile(
    r"(?P<name>[A-Z][\w&'’-]*(?:\s+(?:of|for|and|the|on|[A-Z][\w&'’-]*)){1,8})\s+\((?P<acronym>[A-Z][A-Z&]{1,7})\)")


def note_defined_acronyms(text: str, memory: SourceMemory) -> None:
    """'the Office for National Statistics (ONS)' anywhere in a document: the bracketed capitals
    are the initials of the name before them (checked, so a bracketed ticker is not taken)."""
    for m in _DEFINED_ACRONYM.finditer(text):
        words = m.group("name").split()
        acronym = m.group("acronym").replace("&", "")
        # The name is the shortest tail of the capitalised run whose initials make the acronym.
        for first in range(len(words) - 1, -1, -1):
            name = " ".join(words[first:])
            if words[first][:1].isupper() and initials(name) == acronym:
                memory.aliases.setdefault(m.group("acronym"), name)
                break


# A first name and a surname: "Leonardo Vance", "Ann McKee" (each written with a capital).
_FULL_NAME = re.compile(r"\b([A-Z][a-z]+)\s+(?=([A-Z][a-z]*[A-Z]?[a-z]+)\b)")  # overlapping pairs


def note_full_names(text: str, memory: SourceMemory) -> None:
    """Every 'First Surname' pair in a document, so that a person quoted by surname alone is
    named in full wherever the text gives the full name once (however the parse read that
    sentence); a surname two people share is left alone."""
    for m in _FULL_NAME.finditer(text):
        first, surname = m.group(1), m.group(2)
        if first.lower() in STOP_WORDS or first.lower() in SOURCE_ROLES or _LEADING.match(first + " "):
            continue
        memory.full_names.setdefault(surname, set()).add(f"{first} {surname}")




def _note_acronyms(doc: Doc, memory: SourceMemory) -> None:
    """'the Office for National Statistics (ONS)': the bracketed capitals name the entity before them."""
    for ent in doc.ents:
        if ent.label_ not in SOURCE_ENTITY_LABELS or ent.end + 2 >= len(doc) + 1:
            continue
        following = doc[ent.end:ent.end + 3]
        if len(following) == 3 and following[0].text == "(" and following[2].text == ")" \
                and _ACRONYM.fullmatch(following[1].text):
            memory.aliases[following[1].text] = _entity_text(ent)
            memory.note_name(_entity_text(ent), _kind(ent.label_))


def needs_entities(doc: Doc) -> bool:
    """Whether a parsed sentence may name a source: a speech verb whose subject is not a pronoun,
    'according to', or a bracketed acronym. Only those sentences get named entities."""
    for token in doc:
        if token.lower_ == "according" or token.text == "(":
            return True
        if _is_speech_verb(token) and any(upos(s) != "PRON" for s in _speech_subjects(token)):
            return True
    return False


def _note_mentions(doc: Doc, memory: SourceMemory) -> None:
    """People (with the title written before the name: "Finance Minister Jan de Vries") and
    the last organisation or party a sentence names."""
    people = {ent.start: ent for ent in doc.ents if ent.label_ == "PERSON"}
    # "Mr Cable compared ...": an honorific makes the name after it a person's, whatever the
    # recogniser made of it; people are noted in the order the sentence names them.
    titled = _titled_surnames(doc, people)
    for index in sorted(set(people) | set(titled)):
        ent = people.get(index)
        if ent is None:
            memory.note_name(titled[index], "person")
            continue
        name = _entity_text(ent)
        memory.note_name(name, "person")
        title = _title_before(ent)
        if title:
            memory.titles[title] = memory.canonical(name)
    subject_named = False
    for ent in doc.ents:
        if not _capitalised(ent):
            continue  # "capable of 9km/h": the recogniser's ORG without a capital letter is no name
        if ent.label_ == "ORG" and _is_subject(ent.root):
            memory.last_subject, subject_named = _entity_text(ent), True
        if ent.label_ == "ORG" or ent.label_ == "NORP" and ent.start > 0 and doc[ent.start - 1].lower_ == "the" \
                and ent.text.endswith("s"):
            memory.last_mentioned = _entity_text(ent)  # "the Social Democrats", "the Greens"
    # Active subjects only ("Farmers are promised grants by the party": the party acts), and not a
    # capitalised first word that is a common noun.
    main_subject = next((t for t in doc if t.dep_ == "nsubj" and t.head.dep_ == "ROOT" and upos(t) == "PROPN"
                         and t.is_title and (t.i > 0 or t.tag_ == "NNP")
                         and (t.ent_type_ in {"", "ORG"} or _introduced_as_organisation(t))), None)
    if main_subject is not None and not subject_named:
        # "Norvik has posted a rise", where the recogniser missed the name: what the main clause is about.
        memory.last_subject = _proper_name(main_subject)


def _introduced_as_organisation(token: Token) -> bool:
    """'equipment supplier Norvik', 'media group Acme': a name after the noun for a business is
    an organisation's, whatever the recogniser took it for."""
    return any(child.dep_ == "compound" and lemma(child) in ORGANISATION_NOUNS for child in token.lefts)


def _is_subject(token: Token) -> bool:
    """'Acme posted', 'Acme shares fell', "Acme's profits rose": a name that is, or owns, a subject."""
    return token.dep_ in _SUBJECT_DEPS or token.dep_ in {"compound", "poss"} and token.head.dep_ in _SUBJECT_DEPS


def _titled_surnames(doc: Doc, people: dict[int, Span]) -> dict[int, str]:
    """Token index -> name for each capitalised name after an honorific that no PERSON entity covers."""
    covered = {i for ent in people.values() for i in range(ent.start, ent.end)}
    found: dict[int, str] = {}
    for token in doc[:-1]:
        following = doc[token.i + 1]
        if token.text.rstrip(".") in HONORIFICS and following.i not in covered and following.is_alpha \
                and following.text[:1].isupper():
            found[following.i] = following.text
    return found


def _title_before(ent: Span) -> str:
    doc = ent.doc
    start = ent.start
    while start > 0 and ent.start - start < 4 and upos(doc[start - 1]) in {"NOUN", "PROPN", "ADJ"} \
            and not doc[start - 1].ent_type_:
        start -= 1
    if start == ent.start or lemma(doc[ent.start - 1]).lower() not in SOURCE_ROLES:
        return ""
    return doc[start:ent.start].text.lower()


# Opening words of a sentence that may go on with the evidence of the one before it: "That took",
# "The 600,000 new lines", "The UK total of 5.3 million".
# "In total, ...", "Overall, ...": a sentence that sums up what the one before reported.
_SUMMING_UP_WORDS = r"(?:In\s+total|In\s+all|Altogether|Overall),"
_SUMMING_UP = re.compile(r"\s*" + _SUMMING_UP_WORDS)
_MAY_CONTINUE = re.compile(
    r"\s*(?:" + _SUMMING_UP_WORDS + r"|(?:That|This)\s+[a-z]|The\s+(?:[£$€]?\d[\d.,]*[a-z%]*\s|(?:\S+\s+){0,2}(?:"
    + "|".join(sorted(NUMBER_FRAMES)) + r")\s+of\s+\S*\d))")


def may_continue(sentence: str) -> bool:
    """Whether a sentence opens as one that may state more of the evidence of the sentence before
    it (see `continues_evidence`): only those need the parse for it."""
    return _MAY_CONTINUE.match(sentence) is not None


def continues_evidence(doc: Doc) -> bool:
    """A sentence with no cue of its own that states more of what the sentence before it reported:
    its subject opens it and is a pronoun for that report ("That took the total to 2.2 million"),
    or a definite phrase holding a statistic ("The 600,000 new lines take the total to ..."; not
    "the two sides", a set already known)."""
    if _SUMMING_UP.match(doc.text):
        return True  # "In total, nine hackers were arrested": the sum of what was just reported
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return False
    subject = next((c for c in root.children if c.dep_ in _SUBJECT_DEPS), None)
    if subject is None or subject.left_edge.i != 0:
        return False
    if subject.lower_ in {"that", "this"}:
        return True  # the pronoun stands for what was just reported; "this aid" for a thing
    determiner = next((c.lower_ for c in subject.children if c.dep_ == "det"), "")
    # a statistic in digits; "the two sides" is a set already known, not a figure
    return determiner == "the" and any(t.like_num and any(ch.isdigit() for ch in t.text) for t in subject.subtree)


def read_sentence(doc: Doc, memory: SourceMemory, previous: Attribution | None = None) -> SentenceSources:
    """The sources a parsed sentence names for what it states (resolved against the document so
    far), after which the memory holds the people, acronyms and source it names. `previous`: the
    source of the sentence just before in the same paragraph, which a sentence without a cue of
    its own may go on with (`continues_evidence`)."""
    _note_acronyms(doc, memory)
    cues = [(token, Attribution(memory.canonical(a.source), a.cue, a.kind))
            for token, a in _according_to(doc, memory) + _in_evidence(doc, memory) + _by_speech_verbs(doc, memory)]
    _note_mentions(doc, memory)
    carried = previous if previous is not None and not cues and continues_evidence(doc) else None
    sources = SentenceSources(doc, tuple(cues), carried)
    if carried is not None:
        return sources
    main = sources.main
    if main is not None:
        if main.kind != "group":
            memory.remember(main)
        else:
            memory.last_source = memory.last_source or main.source
    return sources
