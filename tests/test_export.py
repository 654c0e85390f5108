"""Exported bytes: CSV with formulas neutralised, JSON Lines, Parquet."""

import csv
import io

import pandas as pd

from extract import figures
from extract.export import neutralise_cell, to_csv_bytes, to_jsonl_bytes


def test_neutralise_cell():
    assert [neutralise_cell(v) for v in ["=1+1", "+SUM(A1)", "-cmd", "@x", "\tx", "\rx", "-5", "+0.2", "1e5", "ok", 3.0]] \
        == ["'=1+1", "'+SUM(A1)", "'-cmd", "'@x", "'\tx", "'\rx", "-5", "+0.2", "1e5", "ok", 3.0]


def test_csv_bytes_exactly():
    frame = pd.DataFrame({"surface": ["$60", "=HYPERLINK(\"http://x\")"], "value": [60.0, float("inf")]})
    assert to_csv_bytes(frame) == b'surface,value\r\n$60,60.0\r\n"\'=HYPERLINK(""http://x"")",inf\r\n'


def test_hostile_article_exports_safely():
    table = figures("=CMD|' /C calc'!A0 costs 40 dollars. @SUM(1) sold 500 cars.")
    cells = [cell for row in csv.reader(io.StringIO(to_csv_bytes(table).decode("utf-8"))) for cell in row]
    assert not any(c.startswith(("=", "+", "@", "\t", "\r")) for c in cells)
    assert not any(c.startswith("-") and not c.lstrip("-").replace(".", "").isdigit() and c != "-inf" for c in cells)


def test_jsonl_round_trip():
    table = figures("More than 6700 civilians were killed, according to the United Nations.")
    back = pd.read_json(io.BytesIO(to_jsonl_bytes(table)), lines=True, dtype=False)
    assert back["surface"].tolist() == ["More than 6700"] and back["high"].tolist() == ["inf"]
    assert back["source"].tolist() == ["United Nations"]


def test_line_breaks_inside_cells_are_quoted_so_rows_stay_whole():
    frame = pd.DataFrame({"sentence": ["a\rb", "c\nd", "e\r\nf"], "value": [1.0, 2.0, 3.0]})
    data = to_csv_bytes(frame)
    assert data == b'sentence,value\r\n"a\rb",1.0\r\n"c\nd",2.0\r\n"e\r\nf",3.0\r\n'
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert rows == [["sentence", "value"], ["a\rb", "1.0"], ["c\nd", "2.0"], ["e\r\nf", "3.0"]]
