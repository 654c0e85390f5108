"""Hostile and broken input, end to end through the CLI and the app: nothing crashes, each bad
input is named with its problem, and every good article in the same batch is still processed."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest
from conftest import ROOT
from streamlit.testing.v1 import AppTest

import extract.documents.loaders as documents

GOOD = b"Wheat prices jumped 18% in March, according to the Grain Council."
HOSTILE_HTML = (b"<html><head><title>Rates</title><script>window.x=1; var rate = 99;</script></head><body>"
                b"<article><p onclick=\"steal()\">Mortgage rates rose 0.25 percentage points, the Central Bank "
                b"said. <a href=\"javascript:alert(7)\">More</a></p><p>Lenders approved 41,000 loans in May, "
                b"up from 38,000 in April, the bank said in its monthly report on lending.</p>"
                b"<script>document.write(12345)</script></article></body></html>")
BROKEN_JSONL = (b'{"id": "a", "text": "Rents rose 7% in June."}\n'
                b'{"id": "b", "text": "broken\n'
                b'{"id": "c", "text": "Some 40 shops shut."}\n')

UNBALANCED = "unbalanced quote: a quoted cell in this record never closes; the record is skipped"
# name -> (bytes, the message the user sees for it; None when the file is fine)
INPUTS = {
    "good.txt": (GOOD, None),
    "empty.txt": (b"", "empty file"),
    "blank.md": (b"   \n\t\n", "empty file"),
    "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file, not text"),
    "utf16.txt": ("Exports fell 3% in May.".encode("utf-16"), None),
    "latin1.txt": ("Caf\u00e9 prices rose 4%.".encode("latin-1"),
                   "not UTF-8 text (invalid byte at offset 3); save it as UTF-8"),
    "page.html": (HOSTILE_HTML, None),
    "wire.jsonl": (BROKEN_JSONL, None),
    "formulas.txt": (b"=HYPERLINK(\"http://evil.example\") said 12 shops shut.\n@SUM(A1) rose 5%.", None),
    "quotes.csv": (b'id,text\nq1,"Fares rose 6% in May.\nq2,Some 70 buses ran late.\n', None),
    "notes.docx": (b"PK\x03\x04 not an article", "unsupported file type '.docx'; use one of .csv, .htm, .html, .jsonl, .markdown, .md, .txt"),
}


@pytest.fixture()
def hostile_dir(tmp_path):
    for name, (data, _) in INPUTS.items():
        (tmp_path / name).write_bytes(data)
    return tmp_path


def test_cli_reports_each_bad_input_and_writes_every_good_one(hostile_dir):
    paths = [str(hostile_dir / name) for name in INPUTS] + [str(hostile_dir / "missing.txt")]
    result = subprocess.run([sys.executable, "-m", "extract", "figures", *paths], cwd=ROOT, capture_output=True,
                            timeout=180)
    assert result.returncode == 1
    stderr = result.stderr.decode()
    assert "Traceback" not in stderr
    expected = [f"figcheck: {hostile_dir / name}: {message}" for name, (_, message) in INPUTS.items() if message]
    expected.insert(-1, f"figcheck: {hostile_dir / 'wire.jsonl'}:2: malformed JSON (Unterminated string starting at)")
    expected.insert(-1, f"figcheck: {hostile_dir / 'quotes.csv'}:2: {UNBALANCED}")
    expected.append(f"figcheck: {hostile_dir / 'missing.txt'}: no such file")
    assert stderr.splitlines() == expected

    rows = list(csv.DictReader(io.StringIO(result.stdout.decode(), newline="")))
    surfaces = {r["surface"] for r in rows}
    assert {"18%", "3%", "0.25 percentage points", "41,000", "38,000", "7%", "Some 40", "12", "5%", "Some 70"} <= surfaces
    # Script bodies and attributes in the HTML are not article text: none of their numbers is a figure.
    assert not surfaces & {"99", "12345", "7"}
    assert all(not r["sentence"].startswith(("=", "@")) for r in rows)


def test_cli_refuses_a_file_over_the_size_limit(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (documents.MAX_FILE_BYTES + 1))
    result = subprocess.run([sys.executable, "-m", "extract", "figures", str(big)], cwd=ROOT, capture_output=True,
                            timeout=120)
    assert result.returncode == 1
    assert result.stderr.decode().strip() == (
        f"figcheck: {big}: file too large ({documents.MAX_FILE_BYTES + 1:,} bytes; limit {documents.MAX_FILE_BYTES:,})")


def test_app_shows_an_error_box_per_bad_upload_and_loads_the_rest():
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    uploads = [(name, data, "application/octet-stream") for name, (data, _) in INPUTS.items()
               if not name.endswith(".docx")]  # the uploader's type list refuses .docx before the app sees it
    at.file_uploader[0].set_value(uploads).run()
    assert not at.exception
    errors = [e.value for e in at.error]
    expected = [f"Could not load {name}: {message}" for name, (_, message) in INPUTS.items()
                if message and not name.endswith(".docx")]
    expected.append("Could not load wire.jsonl:2: malformed JSON (Unterminated string starting at)")
    expected.append(f"Could not load quotes.csv:2: {UNBALANCED}")
    assert sorted(errors) == sorted(expected)
    surfaces = set(at.dataframe[0].value["surface"])
    assert {"18%", "3%", "0.25 percentage points", "41,000", "7%", "Some 40", "Some 70", "More than 6700"} <= surfaces
    assert not surfaces & {"99", "12345"}
