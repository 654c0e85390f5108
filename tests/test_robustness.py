"""No text crashes the loader or the extractor; spans always index the text exactly."""

import json
import math

import pytest
from conftest import SHARED
from fuzzing import FUZZ, ran
from hypothesis import given
from hypothesis import strategies as st

from extract import document_from_text, figures, load_bytes
from extract.engine.numbers import find_numbers

NEWSY = st.lists(
    st.sampled_from(list("0123456789 ,.-–%$£€¥/:()'\"\nabcdefmkMBnpx") + [
        " million", " billion", " per cent", " more than ", " about ", " between ", " and ", " to ",
        " nearly ", " up ", " fell ", " rose ", " square miles", " a barrel", " according to the UN",
        " he said", " August ", " 2003", "bn", "m", " dozens of ", " half", " one of the", " zero",
        " people", " tankers", " Reuters reported", "\u00a0", "—", "’s", " US$", "Y=", "#",
    ]),
    max_size=60,
).map("".join)


@FUZZ
@given(st.one_of(NEWSY, st.text(max_size=300)))
def test_extractor_never_raises_and_spans_hold(text):
    ran("extractor: spans hold")
    table = figures(text)
    for row in table.itertuples():
        assert text[row.start:row.end] == row.surface
        assert 0 <= row.start < row.end <= len(text)
        if math.isnan(row.value):  # a vague plural ("dozens of"): no value, only its interval
            assert row.qualifier == "range" and row.low <= row.high
        else:
            assert row.low <= row.value <= row.high or row.qualifier in ("lower", "upper", "approx")
        assert row.qualifier in ("exact", "approx", "lower", "upper", "range")


@FUZZ
@given(NEWSY)
def test_number_mentions_lie_inside_the_sentence(text):
    ran("number grammar: mentions inside the text")
    for mention in find_numbers(text):
        assert 0 <= mention.start < mention.end <= len(text)
        assert mention.low <= mention.high


@FUZZ
@given(st.binary(max_size=300), st.sampled_from(["a.txt", "a.md", "a.html", "a.jsonl", "a.csv", "a.bin", "-"]))
def test_loader_never_raises(data, name):
    ran("loader: any bytes")
    for item in load_bytes(data, name):
        if hasattr(item, "text"):
            assert isinstance(item.text, str) and item.text.strip()
        else:
            assert item.origin.startswith(name) and item.message


def test_span_invariant_on_bbc_articles():
    corpus = SHARED / "corpora" / "bbc-news.jsonl"
    if not corpus.exists():
        pytest.skip(f"{corpus} not found")
    lines = corpus.read_text(encoding="utf-8").splitlines()[::10]  # 223 articles, every category
    total = 0
    for line in lines:
        record = json.loads(line)
        document = document_from_text(record["text"], doc_id=record["id"])
        table = figures(document)
        total += len(table)
        for row in table.itertuples():
            assert record["text"][row.start:row.end] == row.surface, (record["id"], row.surface)
            assert row.surface in row.sentence
    assert total > 1000
