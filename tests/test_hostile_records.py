"""One bad record costs only itself: over-long CSV cells, deeply nested JSON, lone surrogates,
numbers no float holds, duplicate ids across files, CR-only line ends, and files that are not
files (/dev/zero, a FIFO, a link to a device). Each becomes one message naming the file and line;
every other record is still read."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from conftest import ROOT

import extract
from extract.checks.reference_data import load_reference, parse_reference
from extract.documents.csv_rows import MAX_FIELD_CHARS
from extract.documents.loaders import (
    MAX_DOCUMENT_CHARS,
    Document,
    LoadError,
    bounded_lines,
    load_bytes,
    load_inputs,
    load_path,
    read_limited,
)

LONG_CELL = "x" * (MAX_FIELD_CHARS + 10)
# A quoted cell over the limit with line breaks inside: the old reader turned each into a record.
LONG_MULTILINE_CELL = ("word, more words\n" * (MAX_FIELD_CHARS // 17 + 10))


def _split(items):
    documents = [i for i in items if isinstance(i, Document)]
    errors = [str(i) for i in items if isinstance(i, LoadError)]
    return documents, errors


def _long_cell_corpus() -> str:
    return ("id,text\n"
            "a,Rents rose 7% in June.\n"
            f'b,"{LONG_MULTILINE_CELL}"\n'
            "c,Some 40 shops shut in May.\n")


def test_csv_cell_over_the_limit_is_one_bad_record_and_later_records_are_read(tmp_path):
    path = tmp_path / "wire.csv"
    path.write_text(_long_cell_corpus(), encoding="utf-8")
    for items in (list(load_path(path)), list(load_bytes(path.read_bytes(), str(path)))):
        documents, errors = _split(items)
        assert [d.doc_id for d in documents] == ["a", "c"]
        assert documents[1].text == "Some 40 shops shut in May."
        assert documents[1].origin == f"{path}:{LONG_MULTILINE_CELL.count(chr(10)) + 4}"
        assert errors == [f"{path}:3: a cell is longer than {MAX_FIELD_CHARS:,} characters; the record is skipped"]


def test_csv_cell_just_under_the_limit_is_read_whole(tmp_path):
    text = "Exports rose 3% in May. " + "y" * (200_000)
    path = tmp_path / "long.csv"
    path.write_text(f'id,text\nlong,"{text}"\nnext,Imports fell 2% in May.\n', encoding="utf-8")
    documents, errors = _split(list(load_path(path)))
    assert errors == []
    assert [d.text for d in documents] == [text, "Imports fell 2% in May."]


def test_reference_file_with_an_over_long_cell_loses_only_that_row(tmp_path):
    header = "id,measure,entity,value,low,high,unit,period_start,period_end,geography,source,url,published\n"
    good = "r1,killed,civilians,968,,,civilian,2024-12-01,2025-05-31,Ukraine,Monitor,,\n"
    bad = f'r2,seized,"{LONG_MULTILINE_CELL}",5,,,tanker,2025-01-01,2025-01-31,,Coast guard,,\n'
    later = "r3,seized,tankers,12,,,tanker,2025-01-01,2025-01-31,,Coast guard,,\n"
    frame, errors = parse_reference(header + good + bad + later, "ref.csv")
    assert list(frame["id"]) == ["r1", "r3"]
    assert [str(e) for e in errors] == [
        f"ref.csv:3: a cell is longer than {MAX_FIELD_CHARS:,} characters; the record is skipped"]


def test_deeply_nested_json_and_huge_integers_are_one_message_each(tmp_path):
    path = tmp_path / "wire.jsonl"
    lines = ['{"id": "a", "text": "Rents rose 7% in June."}',
             '{"id": "deep", "text": ' + "[" * 100_000 + "]" * 100_000 + "}",
             '{"id": "big", "text": "x", "n": ' + "9" * 5000 + "}",
             '{"id": "c", "text": "Some 40 shops shut."}']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    documents, errors = _split(list(load_path(path)))
    assert [d.doc_id for d in documents] == ["a", "c"]
    assert errors[0] == f"{path}:2: malformed JSON (nested too deeply)"
    assert errors[1].startswith(f"{path}:3: malformed JSON (Exceeds the limit (4300 digits)")
    assert len(errors) == 2


def test_lone_surrogate_is_reported_with_its_line_and_position(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text('{"id": "s", "text": "Prices rose 5%\\ud800 in May."}\n'
                    '{"id": "t", "text": "ok", "title": "\\udfff"}\n'
                    '{"id": "u", "text": "Some 40 shops shut."}\n', encoding="utf-8")
    documents, errors = _split(list(load_path(path)))
    assert [d.doc_id for d in documents] == ["u"]
    assert errors == [
        f"{path}:1: not valid Unicode: a lone surrogate (U+D800) at character 14; skipped",
        f"{path}:2: field 'title': not valid Unicode: a lone surrogate (U+DFFF) at character 0; skipped",
    ]


def test_numbers_no_float_holds_are_not_figures_and_do_not_crash():
    text = ("The tally was " + "9" * 310 + " dollars. Another said 1e309 dollars. "
            "Sales rose 5% to $3bn.")
    table = extract.figures(text)
    assert table["surface"].tolist() == ["5%", "$3bn"]
    assert table["value"].tolist() == [5.0, 3e9]


def test_article_over_the_character_cap_is_refused_by_name():
    text = "a" * (MAX_DOCUMENT_CHARS + 1)
    documents, errors = _split(list(load_bytes(text.encode(), "huge.txt")))
    assert documents == []
    assert errors == [f"huge.txt: article too long ({MAX_DOCUMENT_CHARS + 1:,} characters; "
                      f"limit {MAX_DOCUMENT_CHARS:,}); skipped"]


def test_the_same_id_in_two_files_is_reported_and_skipped(tmp_path):
    first, second = tmp_path / "one.jsonl", tmp_path / "two.csv"
    first.write_text('{"id": "x1", "text": "Rents rose 7% in June."}\n', encoding="utf-8")
    second.write_text("id,text\nx2,Some 40 shops shut.\nx1,Fares rose 6% in May.\n", encoding="utf-8")
    documents, errors = _split(list(load_inputs([first, second])))
    assert [(d.doc_id, d.text) for d in documents] == [("x1", "Rents rose 7% in June."), ("x2", "Some 40 shops shut.")]
    assert errors == [f"{second}:3: id 'x1' is already used on {first}:1; record skipped"]


def test_the_cli_reports_a_duplicate_id_across_files_and_keeps_one_row_set(tmp_path):
    first, second = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    first.write_text('{"id": "x1", "text": "Rents rose 7% in June."}\n', encoding="utf-8")
    second.write_text('{"id": "x1", "text": "Fares rose 6% in May."}\n', encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "extract", "figures", str(first), str(second)], cwd=ROOT,
                            capture_output=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.decode() == f"figcheck: {second}:1: id 'x1' is already used on {first}:1; record skipped\n"
    rows = result.stdout.decode().splitlines()
    assert len(rows) == 2 and rows[1].startswith("x1,x1-0000,")


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_cr_only_line_ends_keep_every_record(tmp_path, suffix):
    path = tmp_path / f"mac{suffix}"
    if suffix == ".jsonl":
        body = '{"id": "a", "text": "Rents rose 7% in June."}\r{"id": "b", "text": "Some 40 shops shut."}\r'
    else:
        body = 'id,text\ra,Rents rose 7% in June.\rb,"Some 40 shops shut."\r'
    path.write_bytes(body.encode())
    for items in (list(load_path(path)), list(load_bytes(path.read_bytes(), str(path)))):
        documents, errors = _split(items)
        assert errors == []
        assert [(d.doc_id, d.text) for d in documents] == [("a", "Rents rose 7% in June."),
                                                           ("b", "Some 40 shops shut.")]


def test_devices_fifos_and_links_to_devices_are_refused_without_reading(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    corpus_link = tmp_path / "zero.jsonl"
    corpus_link.symlink_to("/dev/zero")
    assert [str(e) for e in load_inputs([fifo, link, corpus_link, "/dev/zero"])] == [
        f"{fifo}: not a regular file (a FIFO); only files are read",
        f"{link}: not a regular file (a device); only files are read",
        f"{corpus_link}: not a regular file (a device); only files are read",
        "/dev/zero: not a regular file (a device); only files are read",
    ]
    frame, errors = load_reference("/dev/zero")
    assert frame.empty and [str(e) for e in errors] == ["/dev/zero: not a regular file (a device); only files are read"]


def test_cli_on_a_fifo_and_dev_zero_exits_promptly_with_messages(tmp_path):
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    result = subprocess.run([sys.executable, "-m", "extract", "check", str(fifo), "--reference", "/dev/zero"],
                            cwd=ROOT, capture_output=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.decode().splitlines() == [
        "figcheck: /dev/zero: not a regular file (a device); only files are read",
        f"figcheck: {fifo}: not a regular file (a FIFO); only files are read",
    ]


def test_standard_input_is_cut_off_at_the_limit_while_reading():
    class Endless(io.RawIOBase):
        reads = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            Endless.reads += 1
            buffer[:] = b"\0" * len(buffer)
            return len(buffer)

    error = read_limited(io.BufferedReader(Endless()), "-", limit=200_000)
    assert str(error) == "-: file too large (more than 200,000 bytes; limit 200,000)"
    assert Endless.reads < 50


def test_cli_stdin_from_dev_zero_stops_at_the_limit():
    with open("/dev/zero", "rb") as zero:
        result = subprocess.run([sys.executable, "-m", "extract", "figures", "-"], cwd=ROOT, stdin=zero,
                                capture_output=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.decode() == "figcheck: -: file too large (more than 52,428,800 bytes; limit 52,428,800)\n"


def test_an_endless_line_is_skipped_within_the_limit():
    data = b"first\n" + b"z" * 1_000 + b"\nlast\n"
    assert list(bounded_lines(io.BytesIO(data), b"\n", limit=100)) == [b"first\n", 1001, b"last\n"]


def test_unreadable_folders_and_folder_links_are_reported(tmp_path):
    (tmp_path / "ok.txt").write_text("Rents rose 7% in June.", encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path)
    items = list(load_path(tmp_path))
    documents, errors = _split(items)
    assert [d.text for d in documents] == ["Rents rose 7% in June."]
    assert errors == [f"{tmp_path / 'loop'}: link to a directory not followed (it may loop); skipped"]
    if os.geteuid() == 0:
        return  # root reads every folder whatever its mode
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        _, errors = _split(list(load_path(tmp_path)))
        assert f"{locked}: cannot read directory: Permission denied; skipped" in errors
    finally:
        locked.chmod(0o700)


def test_over_long_jsonl_line_is_one_message(tmp_path, monkeypatch):
    import extract.documents.loaders as loaders

    monkeypatch.setattr(loaders, "MAX_RECORD_BYTES", 1000)
    path = tmp_path / "wire.jsonl"
    path.write_text('{"id": "a", "text": "' + "w " * 2000 + '"}\n{"id": "b", "text": "Some 40 shops shut."}\n')
    items = list(loaders.stream_corpus(path))
    documents, errors = _split(items)
    assert [d.doc_id for d in documents] == ["b"]
    assert errors == [f"{path}:1: record too long (4,024 bytes; limit 1,000); skipped"]


def test_the_id_register_stays_small_and_finds_clashes_after_merging():
    import tracemalloc

    from extract.documents.loaders import IdRegister

    register = IdRegister()
    records = [Document(doc_id=f"wire-{n}", text="x", origin=f"wire.jsonl:{n + 1}") for n in range(150_000)]
    tracemalloc.start()
    try:
        assert all(register.clash(record) is None for record in records)
        used, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert used < 60 * len(records)  # bytes per id; a dict of id strings and origins takes ~170
    clash = register.clash(Document(doc_id="wire-7", text="y", origin="late.csv:3"))
    assert str(clash) == "late.csv:3: id 'wire-7' is already used on wire.jsonl:8; record skipped"
    clash = register.clash(Document(doc_id="wire-149999", text="y", origin="wire.jsonl:150001"))
    assert str(clash) == "wire.jsonl:150001: id 'wire-149999' is already used on line 150000; record skipped"
    assert register.clash(Document(doc_id="wire-150000", text="y", origin="wire.jsonl:150002")) is None
