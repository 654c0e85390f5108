"""Exported bytes: CSV with formulas neutralised, JSON Lines, Parquet."""

import csv
import io
import json
import math

import pandas as pd
from fuzzing import FUZZ, ran
from hypothesis import given
from hypothesis import strategies as st
from test_robustness import NEWSY

from extract import figures
from extract.app.figure_reading import spreadsheet_rows
from extract.engine.table_schema import COLUMNS
from extract.workspace.export import (
    neutralise_cell,
    neutralise_frame,
    stated_number,
    to_csv_bytes,
    to_jsonl_bytes,
    to_parquet_bytes,
    to_spreadsheet_csv_bytes,
)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def test_neutralise_cell():
    cells = ["=1+1", "+SUM(A1)", "-cmd", "@x", "\tx", "\rx", "-5", "+0.2", "1e5", "ok", 3.0]
    assert [neutralise_cell(v) for v in cells] \
        == ["'=1+1", "'+SUM(A1)", "'-cmd", "'@x", "'\tx", "'\rx", "-5", "+0.2", "1e5", "ok", 3.0]


def test_csv_bytes_exactly():
    frame = pd.DataFrame({"surface": ["$60", "=HYPERLINK(\"http://x\")"], "value": [60.0, float("inf")]})
    assert to_csv_bytes(frame) == b'surface,value\r\n$60,60.0\r\n"\'=HYPERLINK(""http://x"")",inf\r\n'


def test_cells_holding_a_locales_list_separator_are_quoted():
    frame = pd.DataFrame({"entity": ["x;=1+1", "tab\there", "a,b", "plain"], "value": [1.0, 2.0, 3.0, 4.0]})
    assert to_csv_bytes(frame) == (b'entity,value\r\n"x;=1+1",1.0\r\n"tab\there",2.0\r\n"a,b",3.0\r\n'
                                   b'plain,4.0\r\n')


def test_stated_numbers_drop_binary_noise_and_open_bounds():
    assert [stated_number(v) for v in (0.1 + 0.2, 1.13e9, 4.05 * 1.0000000000000002, 60.0, -2.5, 1.2e-5,
                                       float("inf"), float("-inf"), float("nan"), 0.0)] == \
        ["0.3", "1130000000", "4.05", "60", "-2.5", "0.000012", "", "", "", "0"]
    assert stated_number(2294.7270368, 6) == "2294.73"


def test_spreadsheet_csv_exactly():
    table = figures("Fares at Kyiv’s port rose to about £4.50 a ticket; more than 6700 travellers paid it, "
                    "the operator said.")
    data = to_spreadsheet_csv_bytes(spreadsheet_rows(table, COLUMNS)[["doc_id", "doc_title", "figure_id", "figure",
                                                                      "surface", "value", "low", "high", "unit",
                                                                      "entity", "sentence"]].assign(doc_title="Fares"))
    doc = table["doc_id"][0]
    sentence = ('"Fares at Kyiv’s port rose to about £4.50 a ticket; more than 6700 travellers paid it, '
                'the operator said."')
    assert data.decode("utf-8") == (
        "\ufeffdoc_id,doc_title,figure_id,figure,surface,value,low,high,unit,entity,sentence\r\n"
        f"{doc},Fares,{doc}-0000,GBP 4.5 per ticket,about £4.50 a ticket,4.5,4.05,4.95,GBP/ticket,Fares,"
        f"{sentence}\r\n"
        f"{doc},Fares,{doc}-0001,\"6,700\",more than 6700,6700,6700,,traveller,travellers,{sentence}\r\n")
    assert to_spreadsheet_csv_bytes(table[["surface"]], bom=False) == \
        b"surface\r\nabout \xc2\xa34.50 a ticket\r\nmore than 6700\r\n"


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


@FUZZ
@given(st.lists(st.one_of(NEWSY, st.sampled_from(["=SUM(A1)", "+1", "-x", "@me", "\t", "\r", "\r\n", '"', ","])),
                max_size=6).map(" ".join))
def test_every_export_reads_back_to_the_same_table(text):
    ran("export: CSV, JSON Lines and Parquet read back")
    table = figures(text)
    # Parquet: identical.
    assert pd.read_parquet(io.BytesIO(to_parquet_bytes(table))).equals(table)
    # JSON Lines: identical once infinities ('inf') are read back as floats; an empty value (a vague
    # plural's NaN) is JSON's null.
    lines = [json.loads(line) for line in to_jsonl_bytes(table).decode("utf-8").splitlines()]
    assert len(lines) == len(table)
    for line, row in zip(lines, table.to_dict("records"), strict=True):
        empty = {k: None for k, v in row.items() if isinstance(v, float) and math.isnan(v)}
        assert {k: (float(v) if k in ("low", "high") and isinstance(v, str) else v) for k, v in line.items()} \
            == row | empty
    # CSV: every cell reads back as the neutralised table writes it, and no cell is a formula.
    rows = list(csv.reader(io.StringIO(to_csv_bytes(table).decode("utf-8"), newline="")))
    assert rows[0] == list(table.columns) and len(rows) == len(table) + 1
    expected = neutralise_frame(table)
    for cells, row in zip(rows[1:], expected.to_dict("records"), strict=True):
        assert cells == [_csv_text(row[column]) for column in table.columns]
        assert not any(c.startswith(FORMULA_STARTS) and not _is_number(c) for c in cells)


def _csv_text(value: object) -> str:
    if isinstance(value, float) and math.isnan(value):
        return ""  # an empty value (a vague plural's) is an empty cell
    return repr(value) if isinstance(value, float) else str(value)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
