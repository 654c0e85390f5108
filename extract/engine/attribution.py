"""Who stands behind a figure: 'according to the United Nations', 'Ria Novosti reported', 'he said'.

Attribution is read sentence by sentence, with a memory of the document so far: a pronoun
("it said", "he said") or a back-reference ("according to the report") resolves to the source
last named of the matching kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_NAME_WORD = r"(?:[A-Z][\w’'.&-]*|of|for|the|and|de|van|von|al|bin|la|le|du|del|da)"
_NAME = rf"(?:[A-Z][\w’'.&-]*(?:\s+{_NAME_WORD})*)"
_VERBS = (
    r"said|says|say|reported|reports|report|reporting|estimated|estimates|estimating|wrote|writes|"
    r"posted|posts|told|tells|announced|announces|found|finds|showed|shows|show|stated|states|"
    r"claimed|claims|warned|warns|predicted|predicts|forecast|forecasts|calculated|calculates|"
    r"noted|notes|added|adds|revealed|reveals|disclosed|discloses|confirmed|confirms|"
    r"published|publishes|counted|counts|recorded|records|tallied|tweeted|explained|argued|"
    r"insisted|suggested|suggests|projected|projects|expects|expected|believes|believed|"
    r"indicated|indicates|concluded|concludes|cited|cites|put"
)
_TITLES = (
    r"President|Prime\s+Minister|Minister|Secretary|Chancellor|Spokesman|Spokeswoman|Spokesperson|"
    r"Governor|Senator|Mayor|Chairman|Chairwoman|Chair|Chief\s+Executive|CEO|Director|Professor|Prof|"
    r"Dr|Mr|Mrs|Ms|General|Gen|Commander|Ambassador|Envoy|Aide|Analyst|Economist|Adviser|Advisor|"
    r"Foreign\s+Minister|Defence\s+Minister|Defense\s+Secretary|King|Queen|Prince|Pope|Judge|Rep|Sen|Gov"
)
_ORG_WORDS = re.compile(
    r"\b(?:School|Institute|Institution|Nations|Ministry|Bank|Agency|News|Novosti|Reuters|Press|Times|"
    r"Post|Office|Fund|Council|Commission|Union|Association|Group|Inc|Ltd|Corp|Corporation|Company|"
    r"Kremlin|Government|Department|Bureau|Center|Centre|University|Organisation|Organization|"
    r"Statistics|Service|Committee|Authority|Board|Court|Police|Army|Forces|Federation|Foundation|"
    r"Journal|Telegraph|Guardian|Tass|Interfax|Izvestia|Bloomberg|AFP|AP|BBC|CNN|IMF|OECD|WHO|"
    r"UN|EU|NATO|Nato|FactSet|Refinitiv|Eurostat|ONS|Pentagon|Parliament|Congress|Senate|Mission|"
    r"Monitor|Observatory|Watch|Index|Survey|Trust|Society|Club|Network|Partners|Capital|Securities|"
    r"Research|Analytics|Consulting|Economics|Markets|Exchange|Treasury|Reserve|Newspaper|Magazine|"
    r"Channel|Television|Radio|Herald|Tribune|Gazette|Daily|Financial|Airways|Airlines|Motors)\b"
)
_ORG_DESCRIPTORS = r"newspaper|agency|news\s+agency|think\s+tank|daily|broadcaster|website|outlet|ministry|watchdog|regulator|institute|group|firm|company|monitor"
_PERSON_PRONOUNS = {"he", "she"}
_ORG_PRONOUNS = {"it", "they"}
_SOURCE_NOUNS = r"report|study|survey|data|figures|statistics|analysis|estimates?|research|census|poll|assessment|ministry|agency|institute|paper|document|filing|review|index|monitor|group|organisation|organization|body|company|firm|bank|government"

_ACCORDING = re.compile(
    rf"\baccording\s+to\s+(?:(?:the\s+)?(?:latest\s+|new\s+|recent\s+|preliminary\s+|official\s+)?"
    rf"(?:data|figures|estimates|statistics|calculations|research|analysis|a\s+report|reports|a\s+study|"
    rf"a\s+survey|a\s+poll|the\s+report|the\s+study|the\s+survey|documents|filings?|an?\s+\w+\s+filing)\s+"
    rf"(?:from|by|of|published\s+by|compiled\s+by|released\s+by)\s+)?"
    rf"(?:the\s+)?(?P<desc>(?:[a-z][\w-]*\s+){{0,3}}?)(?P<name>{_NAME})"
    rf"|\baccording\s+to\s+(?P<ref>(?:the|this|that|these|a|an)\s+(?:[a-z]+\s+)?(?:{_SOURCE_NOUNS}))\b"
    rf"|\baccording\s+to\s+(?P<pron>him|her|them|it)\b"
    rf"|\baccording\s+to\s+(?P<common>(?:[a-z]+\s+){{0,2}}(?:officials|analysts|experts|economists|"
    rf"researchers|scientists|sources|estimates|figures|data|police|doctors|witnesses|residents|"
    rf"activists|authorities|investigators|prosecutors|organisers|organizers))\b"
)
_SUBJECT_VERB = re.compile(
    rf"(?:(?P<desc>(?:(?:[a-z][\w-]*|[A-Z][a-z]+-[a-z]+)\s+){{0,3}}?)(?P<name>{_NAME})(?:\s*\([^)]*\))?"
    rf"|(?P<pron>\b(?:he|she|it|they|He|She|It|They)))"
    rf"(?:\s+(?:{_ORG_DESCRIPTORS}))?"
    rf"(?P<aux>\s+(?:has|have|had|also|later|previously|recently|then|separately|now|will|would|"
    rf"had\s+previously|has\s+also|on\s+\w+day|last\s+\w+|earlier|this\s+week|in\s+a\s+statement|"
    rf"in\s+\w+|on\s+\w+)){{0,2}}"
    rf"\s+(?P<verb>{_VERBS})\b"
)
_PARTICIPIAL = re.compile(rf"\b(?:with|as)\s+(?:the\s+)?(?P<name>{_NAME})\s+(?P<verb>reporting|saying|estimating|noting|finding|showing)\b")
_INVERTED = re.compile(rf"(?:,|[”\"])\s*(?P<verb>said|says|reported|wrote|added|told)\s+(?:(?P<desc>(?:[a-z][\w-]*\s+){{0,3}}?))?(?P<name>{_NAME})\s*[.,]?\s*$")
_COMMON_SUBJECT = re.compile(
    rf"\b(?P<name>(?:[a-z]+\s+)?(?:analysts|officials|experts|economists|researchers|scientists|sources|"
    rf"investigators|authorities|police|doctors|witnesses|observers|traders|dealers|brokers|"
    rf"the\s+(?:company|firm|bank|report|study|survey|ministry|government|group|agency|data|figures)))"
    rf"\s+(?P<verb>{_VERBS})\b"
)
_STRIP_LEADING = re.compile(rf"^(?:The\s+|A\s+|(?:(?:{_TITLES})\s+)+|(?:[A-Z][a-z]+ian\s+|[A-Z][a-z]+ese\s+|US\s+|UK\s+|EU\s+)(?=(?:{_TITLES})\b)(?:(?:{_TITLES})\s+)*)+")
_STRIP_TRAILING = re.compile(rf"\s+(?:{_ORG_DESCRIPTORS})$")
_NOT_SOURCES = {"But", "And", "The", "This", "That", "However", "Meanwhile", "In", "On", "At", "After",
                "Before", "Last", "Earlier", "Later", "When", "While", "If", "As", "It", "He", "She",
                "They", "We", "I", "You", "Yet", "So", "Then", "There", "Still", "Also", "Instead",
                "Despite", "Although", "Since", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July",
                "August", "September", "October", "November", "December", "Today", "Yesterday"}


@dataclass(frozen=True)
class Attribution:
    source: str
    cue: str
    kind: str  # "person", "organisation" or "group"


@dataclass
class SourceMemory:
    """Sources named so far in a document, for pronouns and back-references."""

    last_person: str = ""
    last_organisation: str = ""
    last_source: str = ""
    names: list[str] = field(default_factory=list)

    def full_name(self, name: str) -> str:
        """'Zelenskyy' -> 'Volodymyr Zelenskyy' once the full name has been seen."""
        for known in reversed(self.names):
            if known != name and known.endswith(" " + name):
                return known
        return name

    def remember(self, attribution: Attribution) -> None:
        if attribution.source not in self.names:
            self.names.append(attribution.source)
        self.last_source = attribution.source
        if attribution.kind == "person":
            self.last_person = attribution.source
        elif attribution.kind == "organisation":
            self.last_organisation = attribution.source


_PERSON_NAME = re.compile(r"(?<![\w’'])(?P<name>[A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)?(?:\s+(?:[A-Z]\.\s+)?[A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)?){1,2})(?![\w’'])")


def note_people(sentence: str, memory: SourceMemory) -> None:
    """Remember the last person named ("Analyst Mary Jones praised ...") for a later "she said"."""
    for m in _PERSON_NAME.finditer(sentence):
        name = _clean_name(m.group("name"))
        words = name.split()
        if len(words) < 2 or any(w in _NOT_SOURCES for w in words) or _kind(name) != "person":
            continue
        if re.search(r"\b(?:" + _TITLES + r")$", name):
            continue
        memory.last_person = memory.full_name(name)
        if name not in memory.names:
            memory.names.append(name)


def _kind(name: str, descriptor: str = "") -> str:
    if _ORG_WORDS.search(name) or re.search(_ORG_DESCRIPTORS, descriptor, re.IGNORECASE):
        return "organisation"
    if re.match(r"^[a-z]", name):
        return "group"
    if re.fullmatch(r"[A-Z]{2,6}", name):
        return "organisation"
    return "person"


def _clean_name(name: str) -> str:
    name = name.strip(" ,.’'")
    name = re.sub(r"[’']s$", "", name)
    previous = None
    while previous != name:
        previous = name
        name = _STRIP_LEADING.sub("", name).strip()
    name = _STRIP_TRAILING.sub("", name)
    # Trailing function words: "United Nations and" -> "United Nations".
    name = re.sub(r"(?:\s+(?:of|for|the|and|de|van|von|al|la|le|du|del|da))+$", "", name)
    return name.strip()


def _resolve_pronoun(pronoun: str, memory: SourceMemory) -> str:
    lower = pronoun.lower()
    if lower in _PERSON_PRONOUNS:
        return memory.last_person or memory.last_source
    if lower in {"him", "her"}:
        return memory.last_person or memory.last_source
    return memory.last_organisation or memory.last_source


def attribute(sentence: str, memory: SourceMemory) -> Attribution | None:
    """The source a sentence names for what it states, resolved against the document so far."""
    found: Attribution | None = None
    m = _ACCORDING.search(sentence)
    if m:
        if m.group("name"):
            raw = m.group("name")
            name = _clean_name(raw)
            if name and name not in _NOT_SOURCES:
                found = Attribution(name, "according to", _kind(name, m.group("desc") or ""))
        elif m.group("ref"):
            ref = m.group("ref")
            source = memory.last_organisation or memory.last_source
            if "report" in ref or "study" in ref or "survey" in ref or "data" in ref:
                source = memory.last_organisation or memory.last_source
            if source:
                found = Attribution(source, f"according to {ref}", "organisation" if source == memory.last_organisation else _kind(source))
        elif m.group("pron"):
            source = _resolve_pronoun(m.group("pron"), memory)
            if source:
                found = Attribution(source, f"according to {m.group('pron')}", _kind(source))
        elif m.group("common"):
            found = Attribution(m.group("common"), "according to", "group")
    if found is None:
        m = _PARTICIPIAL.search(sentence)
        if m:
            name = _clean_name(m.group("name"))
            if name and name not in _NOT_SOURCES:
                found = Attribution(name, m.group("verb"), _kind(name))
    if found is None:
        m = _INVERTED.search(sentence)
        if m:
            name = _clean_name(m.group("name"))
            if name and name not in _NOT_SOURCES:
                found = Attribution(name, m.group("verb"), _kind(name, m.group("desc") or ""))
    if found is None:
        for m in _SUBJECT_VERB.finditer(sentence):
            pronoun = m.group("pron") or (m.group("name") if m.group("name") in {"He", "She", "It", "They"} else "")
            if pronoun:
                source = _resolve_pronoun(pronoun, memory)
                if source:
                    found = Attribution(source, f"{pronoun.lower()} {m.group('verb')}", _kind(source))
                    break
                continue
            name = _clean_name(m.group("name"))
            if not name or name in _NOT_SOURCES or name.split()[0] in _NOT_SOURCES and len(name.split()) == 1:
                continue
            # "On Sunday, he said", "Last week, Trump described": a leading capitalised word of the
            # sentence that is not a name is dropped by _clean_name's callers here.
            first = name.split()[0]
            if first in _NOT_SOURCES:
                name = " ".join(name.split()[1:])
                if not name:
                    continue
            found = Attribution(name, m.group("verb"), _kind(name, m.group("desc") or ""))
            break
    if found is None:
        m = _COMMON_SUBJECT.search(sentence)
        if m:
            text = m.group("name")
            if text.startswith("the "):
                source = memory.last_organisation or memory.last_source
                if source and any(w in text for w in ("report", "study", "survey", "data", "figures")):
                    found = Attribution(source, f"{text} {m.group('verb')}", "organisation")
                else:
                    found = Attribution(text, m.group("verb"), "group")
            else:
                found = Attribution(text, m.group("verb"), "group")
    if found is not None:
        full = memory.full_name(found.source)
        if full != found.source:
            found = Attribution(full, found.cue, found.kind)
    if found is not None and found.kind != "group":
        memory.remember(found)
    elif found is not None:
        memory.last_source = memory.last_source or found.source
    return found
