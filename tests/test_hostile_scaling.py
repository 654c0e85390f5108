"""Linear time on adversarial text: every regular expression of the engine, and extraction as a
whole, on runs of digits, commas, spaces, capitals, "5 to 5 to …" and the like. The bounds are
generous (a shared CI machine is slow); catastrophic backtracking or a quadratic path over a whole
document blows through them. benchmarks/scaling.py prints the real growth curves."""

from __future__ import annotations

import importlib
import pkgutil
import re
import time

import pytest

import extract.engine
from extract.documents.loaders import DATE_LINE, document_from_text
from extract.engine.extraction import figure_rows
from extract.engine.sentences import MAX_SENTENCE_CHARS, split_sentences
from extract.workspace.batch import warm_up

PIECES = {
    "digits": "1", "commas": "1,", "spaces": " ", "capitals": "A", "capital words": "Ab ", "five to": "5 to ",
    "dots": "1.", "hyphens": "5-", "words": "the ", "initials": "A. ", "percents": "5% ", "dollars": "$5 ",
    "numbers and words": "1 a ", "comma lists": "1, ", "quotes": "'A ", "full stops": ". ", "newlines": "\n",
    "said": "Smith said 5 ", "tabs and spaces": " \t", "dashes": "5–", "brackets": "(5 ",
}


def _run(piece: str, length: int) -> str:
    return piece * (length // len(piece))


def _engine_patterns() -> list[tuple[str, re.Pattern[str]]]:
    patterns = []
    for info in pkgutil.iter_modules(extract.engine.__path__):
        module = importlib.import_module(f"extract.engine.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and value.pattern and isinstance(value.pattern, str):
                patterns.append((f"{info.name}.{name}", value))
    return patterns


def test_the_engine_has_its_patterns_where_this_test_finds_them():
    names = {name for name, _ in _engine_patterns()}
    assert {"sentences._CANDIDATE", "numbers.DIGITS", "units.CURRENCY_WORDS", "attribution._DEFINED_ACRONYM"} <= names


def test_no_engine_pattern_backtracks_badly_on_a_sentence_of_adversarial_text():
    """The engine runs these over one sentence at a time, and a sentence is at most MAX_SENTENCE_CHARS."""
    slow = []
    for name, pattern in _engine_patterns():
        for kind, piece in PIECES.items():
            text = _run(piece, MAX_SENTENCE_CHARS)
            start = time.perf_counter()
            for _ in pattern.finditer(text):
                pass
            pattern.match(text)
            seconds = time.perf_counter() - start
            if seconds > 2.0:
                slow.append(f"{name} on {kind}: {seconds:.2f} s")
    assert slow == []


@pytest.mark.parametrize("kind", ["digits", "spaces", "capitals", "full stops", "initials", "newlines", "five to"])
def test_whole_text_patterns_are_linear_on_a_long_document(kind):
    text = _run(PIECES[kind], 400_000)
    start = time.perf_counter()
    spans = split_sentences(text)
    DATE_LINE.match(text)
    assert time.perf_counter() - start < 5.0
    assert all(end - begin <= MAX_SENTENCE_CHARS for begin, end in spans)


def test_a_sentence_with_no_full_stop_is_cut_at_clause_breaks():
    text = "Sales rose " + ", ".join(f"{n + 10} units" for n in range(400)) + "."
    spans = split_sentences(text)
    assert len(spans) > 1
    assert all(end - begin <= MAX_SENTENCE_CHARS for begin, end in spans)
    # Cut after a comma, never inside a figure: every piece but the first begins with a number.
    assert all(text[begin].isdigit() for begin, _ in spans[1:])
    assert "".join(text[b:e] for b, e in spans).replace(",", "").count("units") == 400


def test_abbreviations_and_initials_still_do_not_end_a_sentence():
    text = "Mr. Smith of the U.S. firm met George W. Bush. Prices rose 5% in Aug. last year. It closed."
    assert [text[b:e] for b, e in split_sentences(text)] == [
        "Mr. Smith of the U.S. firm met George W. Bush.", "Prices rose 5% in Aug. last year.", "It closed."]


@pytest.mark.parametrize("kind", list(PIECES))
def test_extraction_of_an_adversarial_document_is_bounded(kind):
    warm_up()
    document = document_from_text("It was " + _run(PIECES[kind], 3_000) + " in all.")
    start = time.perf_counter()
    rows = figure_rows(document)
    assert time.perf_counter() - start < 60.0
    assert all(document.text[row["start"]:row["end"]] == row["surface"] for row in rows)


def test_two_thousand_figures_in_one_sentence_are_all_found():
    warm_up()
    text = "The stalls sold " + ", ".join(f"{n % 900 + 12} apples" for n in range(2_000)) + "."
    start = time.perf_counter()
    rows = figure_rows(document_from_text(text))
    assert time.perf_counter() - start < 60.0
    assert len(rows) == 2_000
    assert [row["value"] for row in rows[:3]] == [12.0, 13.0, 14.0]
    assert (rows[-1]["surface"], rows[-1]["value"], rows[-1]["unit"]) == ("211", 211.0, "apple")
