"""The dashboard survives every hostile upload with an error box naming the file (and line), and
no traceback: an over-long CSV cell, deeply nested JSON, a lone surrogate, a 310-digit number,
the same id in two files, CR-only line ends; the good articles of the same uploads still load."""

from __future__ import annotations

from conftest import ROOT
from streamlit.testing.v1 import AppTest

from extract.documents.csv_rows import MAX_FIELD_CHARS

LONG_CELL = "word, more words\n" * (MAX_FIELD_CHARS // 17 + 10)
UPLOADS = {
    "long.csv": ('id,text\nl1,Ferry fares rose 8% in July.\nl2,"' + LONG_CELL + '"\nl3,Some 30 ferries sailed late.\n'
                 ).encode(),
    "nested.jsonl": ('{"id": "n1", "text": "Tram fares rose 3% in May."}\n'
                     '{"id": "n2", "text": ' + "[" * 50_000 + "]" * 50_000 + "}\n").encode(),
    "surrogate.jsonl": b'{"id": "s1", "text": "Taxi fares rose 5%\\ud800 in May."}\n'
                       b'{"id": "s2", "text": "About 60 taxis were idle."}\n',
    "huge.txt": ("The fund held " + "9" * 310 + " dollars and lost 4% in a week.").encode(),
    "first.jsonl": b'{"id": "dup", "text": "Rail fares rose 2% in March."}\n',
    "second.jsonl": b'{"id": "dup", "text": "Coach fares fell 6% in March."}\n',
    "mac.csv": b"id,text\rm1,Some 45 coaches ran.\rm2,Toll charges rose 9% in June.\r",
}


def test_app_survives_every_hostile_upload_with_an_error_box_and_no_traceback():
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180).run()
    at.file_uploader[0].set_value([(name, data, "application/octet-stream") for name, data in UPLOADS.items()]).run()
    assert not at.exception
    errors = sorted(e.value for e in at.error)
    assert errors == sorted([
        f"Could not load long.csv:3: a cell is longer than {MAX_FIELD_CHARS:,} characters; the record is skipped",
        "Could not load nested.jsonl:2: malformed JSON (nested too deeply)",
        "Could not load surrogate.jsonl:1: not valid Unicode: a lone surrogate (U+D800) at character 18; skipped",
        "Could not load second.jsonl:1: article id 'dup' is already used by first.jsonl:1; this article is skipped",
    ])
    assert not any("Traceback" in e or "/work/" in e for e in errors)
    table = at.dataframe[0].value
    surfaces = set(table["surface"])
    assert {"8%", "Some 30", "3%", "About 60", "4%", "2%", "Some 45", "9%"} <= surfaces
    assert "6%" not in surfaces  # the second article under the id "dup" is refused
