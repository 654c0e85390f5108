"""Sentence boundaries with offsets into the original text (nothing is stripped or rewritten)."""

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
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`; leading/trailing whitespace is outside the spans."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _CANDIDATE.finditer(text):
        end = m.end()
        if text[m.start()] == ".":
            word = _WORD_BEFORE.search(text, 0, m.start())
            if word:
                token = word.group(1).lower().rstrip(".")
                # "U.S." / "Aug." / "Mr." and single initials ("J. Smith") do not end a sentence.
                if token in _ABBREVIATIONS:
                    continue
                # An initial ("J. Smith", "George W. Bush") follows a name or another initial;
                # "posted on X." ends a sentence.
                if len(token) == 1 and token.isalpha():
                    previous = text[max(0, word.start() - 20):word.start()].split()
                    if not previous or previous[-1][:1].isupper():
                        continue
        _append(text, start, end, spans)
        start = end
    _append(text, start, len(text), spans)
    return spans


def _append(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
