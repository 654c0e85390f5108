"""Loading articles from every supported input; bad input yields a message, never an exception."""

import io
import json
import sys

import pytest
from fuzzing import FUZZ, ran
from hypothesis import given
from hypothesis import strategies as st

from extract import Document, LoadError, load_bytes, load_path
from extract.documents.loaders import decode

HTML = b"""<html><head><title>Oil cap holds</title>
<meta property="og:site_name" content="Example News">
<meta name="date" content="2025-08-06"></head>
<body><nav>Home | World</nav><article><h1>Oil cap holds</h1>
<p>Western sanctions include capping oil prices at $60 a barrel for crude, designed to bar companies
from trading Russian oil above the price cap, officials said on Wednesday in Brussels.</p>
<p>India was the largest buyer of Russian seaborne crude, accounting for 51% of Russian exports,
according to the Kyiv School of Economics, which tracks the trade every month.</p>
</article><footer>Copyright</footer></body></html>"""


def test_text_file_keeps_text_and_takes_date(tmp_path, sample_text):
    path = tmp_path / "a.txt"
    path.write_text(sample_text, encoding="utf-8")
    (doc,) = list(load_path(path))
    assert doc.text == sample_text and doc.date == "2025-08-06" and doc.title == "a"
    (again,) = list(load_path(path))
    assert again.doc_id == doc.doc_id  # stable from path and content


def test_html_main_text_and_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(HTML)
    (doc,) = list(load_path(path))
    assert isinstance(doc, Document)
    assert "$60 a barrel" in doc.text and "Home | World" not in doc.text
    assert doc.title == "Oil cap holds" and doc.outlet == "Example News" and doc.date == "2025-08-06"


def test_directory_is_read_recursively(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("Sales rose 5%.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Output fell 2%.", encoding="utf-8")
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    docs = list(load_path(tmp_path))
    assert [d.text for d in docs] == ["Output fell 2%.", "Sales rose 5%."]


def test_jsonl_corpus_with_a_broken_line(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(
        json.dumps({"id": "x1", "title": "T", "outlet": "BBC", "date": "2005-01-02", "url": "http://e/1",
                    "text": "Sales rose 5%."}) + "\n{broken\n" + json.dumps({"text": "Output fell 2%."}) + "\n"
        + json.dumps({"id": "x4"}) + "\n",
        encoding="utf-8",
    )
    items = list(load_path(path))
    assert [type(i).__name__ for i in items] == ["Document", "LoadError", "Document", "LoadError"]
    assert items[0].doc_id == "x1" and items[0].outlet == "BBC" and items[0].url == "http://e/1"
    assert str(items[1]).startswith(f"{path}:2: malformed JSON")
    assert str(items[3]) == f"{path}:4: record has no 'text'"


def test_csv_corpus(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text('id,text,outlet\nr1,"Sales rose 5%, a record.",Reuters\n', encoding="utf-8")
    (doc,) = list(load_path(path))
    assert (doc.doc_id, doc.text, doc.outlet) == ("r1", "Sales rose 5%, a record.", "Reuters")
    bad = tmp_path / "bad.csv"
    bad.write_text("title\nno text column\n", encoding="utf-8")
    assert str(next(load_path(bad))) == f"{bad}: CSV corpus needs a 'text' column"


def test_bad_files_give_messages(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02\x03")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("caf\xe9 costs \xa35".encode("latin-1"))
    results = [next(load_path(p)) for p in (empty, binary, latin, tmp_path / "missing.txt")]
    assert all(isinstance(r, LoadError) for r in results)
    assert [r.message.split(" (")[0] for r in results] == ["empty file", "binary file, not text", "not UTF-8 text",
                                                          "no such file"]
    assert str(next(load_bytes(b"x", "notes.docx"))).startswith("notes.docx: unsupported file type '.docx'")


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Profits hit $3bn.")))
    (doc,) = list(load_path("-"))
    assert doc.text == "Profits hit $3bn."


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_unicode_files_with_or_without_a_byte_order_mark_are_read(tmp_path, encoding):
    text = "Café sales rose 5% to €3m, the “Bureau” said."
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode(encoding))
    document = next(load_path(path))
    assert document.text == text


@FUZZ
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1).filter(lambda t: t.strip() and not t.startswith("\ufeff")),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_any_text_survives_its_encoding(text, encoding):
    ran("loader: unicode encodings round trip")
    assert decode(text.encode(encoding), "f") == text


def test_an_oversized_upload_is_refused_by_size(monkeypatch):
    import extract.documents.loaders as documents

    monkeypatch.setattr(documents, "MAX_FILE_BYTES", 1000)
    [error] = list(load_bytes(b"x" * 1001, "big.txt"))
    assert str(error) == "big.txt: file too large (1,001 bytes; limit 1,000)"


@pytest.mark.parametrize("data, expected", [
    (b'id,text\n1,"Sales rose 5% in May.\n2,Prices fell 3%.\n3,Output rose 4%.\n',
     ["c.csv:2: unbalanced quote: a quoted cell in this record never closes; the record is skipped",
      "2: Prices fell 3%.", "3: Output rose 4%."]),
    (b'id,text\n1,"Sales rose "5%" in May."\n2,Prices fell 3%.\n',
     ["c.csv:2: malformed CSV (',' expected after '\"')", "2: Prices fell 3%."]),
    (b'id,text\n1,"A quoted cell may span\nlines: 5%"\n2,Prices fell 3%.\n',
     ["1: A quoted cell may span\nlines: 5%", "2: Prices fell 3%."]),
])
def test_csv_quoting_problems_are_reported_and_no_later_record_is_lost(tmp_path, data, expected):
    def shown(items, prefix=""):
        return [f"{i.doc_id}: {i.text}" if isinstance(i, Document) else str(i).removeprefix(prefix) for i in items]

    assert shown(load_bytes(data, "c.csv")) == expected
    path = tmp_path / "c.csv"
    path.write_bytes(data)
    assert shown(load_path(path), prefix=str(tmp_path) + "/") == expected  # streamed from disk: the same


def test_a_repeated_id_in_a_corpus_is_reported_and_the_first_record_kept(tmp_path):
    data = b'{"id": "a", "text": "Rents rose 7%."}\n{"id": "a", "text": "Fares fell 2%."}\n{"id": "b", "text": "Some 40 shops shut."}\n'
    for items in (list(load_bytes(data, "c.jsonl")), list(load_path(_write(tmp_path / "c.jsonl", data)))):
        shown = [f"{i.doc_id}: {i.text}" if isinstance(i, Document) else i.message for i in items]
        assert shown == ["a: Rents rose 7%.", "id 'a' is already used on line 1; record skipped", "b: Some 40 shops shut."]


def _write(path, data):
    path.write_bytes(data)
    return path


def test_the_app_refuses_a_second_article_under_an_id_already_loaded():
    from extract.app.article_loading import articles_from_file, combine

    first = articles_from_file("a.csv", b"id,text\n1,More than 6700 civilians were killed.\n")
    second = articles_from_file("b.csv", b"id,text\n1,The company sold 40 tankers.\n2,Prices fell 3%.\n")
    combined = combine([first, second, first])
    assert combined.table[["doc_id", "surface"]].values.tolist() == [["1", "More than 6700"], ["2", "3%"]]
    assert combined.errors == ["b.csv:2: article id '1' is already used by a.csv:2; this article is skipped"]
    assert combined.texts["1"] == "More than 6700 civilians were killed."
