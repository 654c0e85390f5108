"""Corpus files are read a record at a time: no size limit, bad lines named, the rest still read."""

import json

import extract.documents.loaders as documents_module
from extract.documents.loaders import Document, LoadError, load_path


def kinds(items):
    return [type(i).__name__ for i in items]


def test_a_corpus_over_the_single_file_limit_is_still_read(tmp_path, monkeypatch):
    monkeypatch.setattr(documents_module, "MAX_FILE_BYTES", 100)
    corpus = tmp_path / "big.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"d{i}", "text": f"Sales rose {i}%."}) + "\n" for i in range(20)),
                      encoding="utf-8")
    article = tmp_path / "big.txt"
    article.write_text("x" * 200, encoding="utf-8")
    assert [d.doc_id for d in load_path(corpus)] == [f"d{i}" for i in range(20)]
    assert str(next(load_path(article))) == f"{article}: file too large (200 bytes; limit 100)"


def test_a_line_separator_inside_a_record_does_not_split_it(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": "Sales rose 5%.\u2028Costs fell 2%."}, ensure_ascii=False)
                      + "\r\n" + json.dumps({"id": "b", "text": "Profit hit $3bn."}) + "\n", encoding="utf-8")
    items = list(load_path(corpus))
    assert [(d.doc_id, d.text) for d in items] == [("a", "Sales rose 5%.\u2028Costs fell 2%."),
                                                    ("b", "Profit hit $3bn.")]


def test_a_line_that_is_not_utf8_is_named_and_the_others_are_read(tmp_path):
    corpus = tmp_path / "c.jsonl"
    first = '\ufeff{"id": "a", "text": "Sales rose 5%."}\n'.encode("utf-8")
    corpus.write_bytes(first + b'{"id": "b", "text": "caf\xe9"}\n' + b'{"id": "c", "text": "Costs fell 2%."}\n')
    items = list(load_path(corpus))
    assert kinds(items) == ["Document", "LoadError", "Document"]
    assert str(items[1]) == f"{corpus}:2: not UTF-8 text (invalid byte at offset {len(first) + 24})"
    assert items[0].doc_id == "a"  # the byte-order mark is not part of the first record


def test_empty_binary_and_utf16_corpora_are_one_error_each(tmp_path):
    cases = {"empty.jsonl": b"", "blank.jsonl": b"\n  \n", "blank.csv": b"\n \n", "bin.jsonl": b'{"a":\x00}\n',
             "utf16.csv": "text\nhello\n".encode("utf-16")}
    messages = {}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        items = list(load_path(tmp_path / name))
        assert len(items) == 1 and isinstance(items[0], LoadError)
        messages[name] = items[0].message
    assert messages == {"empty.jsonl": "empty file", "blank.jsonl": "empty file (only whitespace)",
                        "blank.csv": "empty file (only whitespace)", "bin.jsonl": "binary file, not text",
                        "utf16.csv": "not UTF-8 text (invalid byte at offset 0)"}


def test_csv_corpus_streams_with_line_numbers_and_stops_at_a_bad_byte(tmp_path):
    corpus = tmp_path / "c.csv"
    corpus.write_bytes(b'\xef\xbb\xbfid,text\nr1,"Sales rose 5%,\nthen fell."\nr2,extra,cell\nr3,Costs fell 2%.\n'
                       b"r4,caf\xe9\nr5,never read\n")
    items = list(load_path(corpus))
    assert kinds(items) == ["Document", "LoadError", "Document", "LoadError"]
    assert (items[0].doc_id, items[0].text) == ("r1", "Sales rose 5%,\nthen fell.")
    assert str(items[1]) == f"{corpus}:4: row has more cells than the header"
    assert items[2].doc_id == "r3"
    offset = corpus.read_bytes().index(b"\xe9")
    assert str(items[3]) == f"{corpus}:6: not UTF-8 text (invalid byte at offset {offset}); the rest of the file is skipped"


def test_records_are_yielded_before_the_file_is_read_to_the_end(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": "Sales rose 5%."}) + "\n", encoding="utf-8")
    records = load_path(corpus)
    first = next(records)
    with corpus.open("a", encoding="utf-8") as more:  # appended after the first record was read
        more.write(json.dumps({"id": "b", "text": "Costs fell 2%."}) + "\n")
    assert isinstance(first, Document) and [d.doc_id for d in records] == ["b"]
