"""Sentence boundaries with offsets into the original text (nothing is stripped or rewritten).

Linear in the length of the text: each full stop looks back only at the word before it, and a
"sentence" longer than MAX_SENTENCE_CHARS (a list of thousands of figures, a text without full
stops) is cut at clause breaks into pieces of about half that, because everything the engine
does per figure looks across its sentence, which would make one huge sentence cost quadratic time.
"""

from __future__ import annotations

import re

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt", "gov",
    "sen", "rep", "rev", "hon", "no", "nos", "vs", "etc", "inc", "ltd", "co", "corp", "plc", "bros",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx",
    "est", "fig", "vol", "op", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m", "mt", "ft", "govt",
}
_CANDIDATE = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"“‘'(\[]*[A-Z0-9£$€])|\n\s*\n|\n(?=\s*[-*•])")
_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")
# Longer than any abbreviation with its dots, so the word before a full stop is found whole.
_LOOK_BACK = 32
MAX_SENTENCE_CHARS = 600  # real sentences stay well under; see the module docstring
# An over-long sentence is cut into pieces of about half that: the per-figure work grows with the
# piece, and a piece of 300 characters still holds a clause or two of a list around each figure.
_PIECE_CHARS = MAX_SENTENCE_CHARS // 2
_PIECE_BREAKS = ("; ", ": ", ", ", " ")  # where an over-long sentence is cut, best first


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`; leading/trailing whitespace is outside the spans."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _CANDIDATE.finditer(text):
        end = m.end()
        if text[m.start()] == ".":
            word_start = _word_before(text, m.start())
            if word_start is not None:
                token = text[word_start:m.start()].lower().rstrip(".")
                # "U.S." / "Aug." / "Mr." and single initials ("J. Smith") do not end a sentence.
                if token in _ABBREVIATIONS:
                    continue
                # An initial ("J. Smith", "George W. Bush") follows a name or another initial;
                # "posted on X." ends a sentence.
                if len(token) == 1 and token.isalpha():
                    previous = text[max(0, word_start - 20):word_start].split()
                    if not previous or previous[-1][:1].isupper():
                        continue
        _append(text, start, end, spans)
        start = end
    _append(text, start, len(text), spans)
    return spans


def _word_before(text: str, end: int) -> int | None:
    """Where the word before text[end] starts: letters and dots, beginning with a letter, within
    _LOOK_BACK characters (None when there is none). A walk back, so each full stop costs the length
    of its word."""
    start, limit = end, max(0, end - _LOOK_BACK)
    while start > limit and text[start - 1] in _WORD_CHARS:
        start -= 1
    while start < end and text[start] == ".":
        start += 1
    return start if start < end else None


def _append(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        cut = _piece_end(text, start, start + _PIECE_CHARS)
        spans.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        spans.append((start, end))


def _piece_end(text: str, start: int, limit: int) -> int:
    """Where to cut text[start:limit]: after its last clause break, else at the limit."""
    for separator in _PIECE_BREAKS:
        at = text.rfind(separator, start + _PIECE_CHARS // 2, limit)
        if at >= 0:
            return at + len(separator.rstrip()) if separator.strip() else at
    return limit
