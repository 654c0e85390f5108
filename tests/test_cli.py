"""`python -m extract figures`: outputs, formats, workers and error reporting."""

import csv
import io
import json
import subprocess
import sys

import pandas as pd
from conftest import ROOT, SAMPLE

from extract import COLUMNS


def run(*args, stdin: bytes = b""):
    return subprocess.run([sys.executable, "-m", "extract", *args], cwd=ROOT, input=stdin,
                          capture_output=True, timeout=120)


def test_csv_to_stdout_has_every_column_and_the_sample_figures():
    result = run("figures", str(SAMPLE))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode("utf-8"))))
    assert list(rows[0].keys()) == COLUMNS
    assert [r["surface"] for r in rows][:3] == ["about 90 minutes", "More than 6700", "886 square miles"]
    assert rows[1]["source"] == "United Nations" and rows[1]["high"] == "inf"


def test_output_formats_from_suffix(tmp_path):
    for suffix in ("parquet", "jsonl", "csv"):
        out = tmp_path / f"figures.{suffix}"
        assert run("figures", str(SAMPLE), "-o", str(out)).returncode == 0
    parquet = pd.read_parquet(tmp_path / "figures.parquet")
    lines = (tmp_path / "figures.jsonl").read_text(encoding="utf-8").splitlines()
    assert list(parquet.columns) == COLUMNS and len(parquet) == len(lines) == 18
    assert json.loads(lines[1])["high"] == "inf"


def test_bad_inputs_are_reported_after_good_ones_are_written(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "ok1", "text": "Sales rose 5%."}\n{not json\n{"id": "ok2", "text": "Costs fell 2%."}\n',
                      encoding="utf-8")
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\xff\x00")
    latin = tmp_path / "l.txt"
    latin.write_bytes(b"caf\xe9")
    result = run("figures", str(corpus), str(binary), str(latin), str(tmp_path / "missing.txt"))
    assert result.returncode == 1
    table = pd.read_csv(io.BytesIO(result.stdout))
    assert table["doc_id"].tolist() == ["ok1", "ok2"]
    errors = result.stderr.decode("utf-8").splitlines()
    assert errors == [
        f"figcheck: {corpus}:2: malformed JSON (Expecting property name enclosed in double quotes)",
        f"figcheck: {binary}: binary file, not text",
        f"figcheck: {latin}: not UTF-8 text (invalid byte at offset 3); save it as UTF-8",
        f"figcheck: {tmp_path / 'missing.txt'}: no such file",
    ]
    assert b"Traceback" not in result.stderr


def test_stdin_and_workers_give_the_same_table(tmp_path):
    lines = "".join(json.dumps({"id": f"d{i}", "text": f"Sales rose {i}% to ${i}bn."}) + "\n" for i in range(1, 30))
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(lines, encoding="utf-8")
    one = run("figures", str(corpus))
    two = run("figures", str(corpus), "--workers", "2")
    assert one.returncode == two.returncode == 0 and one.stdout == two.stdout
    piped = run("figures", "-", stdin=b"Profits hit $3bn.")
    assert pd.read_csv(io.BytesIO(piped.stdout))["surface"].tolist() == ["$3bn"]
