"""`python -m extract check`: figures plus verdicts; bad reference rows reported, the rest processed."""

import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
from conftest import ROOT, SAMPLE

from extract import COLUMNS, figures, load_path
from extract.checks.reference_data import REFERENCE_COLUMNS
from extract.workspace.reviews import review_keys, save_decision

CORPUS = Path(__file__).parent / "fixtures" / "crosscheck_corpus.jsonl"


def run(*args):
    return subprocess.run([sys.executable, "-m", "extract", *args], cwd=ROOT, capture_output=True, timeout=180)


def test_check_writes_figures_and_verdicts():
    result = run("check", str(CORPUS), str(SAMPLE))
    assert result.returncode == 0, result.stderr
    table = pd.read_csv(io.BytesIO(result.stdout), keep_default_na=False)
    assert list(table.columns) == COLUMNS + ["verdict", "verdict_reason", "evidence", "check", "verdict_label"]
    by_id = table.set_index("figure_id")
    assert tuple(by_id.loc["planet-0701-0000", ["doc_id", "verdict", "check", "evidence"]]) == \
        ("planet-0701", "conflict", "reference", "ohchr-2025-06-killed")
    assert by_id.loc["gazette-0710-0001", "verdict"] == "consistent"
    # Since issue 11 the sample's "six months" dates another figure and is not one, and "less than an
    # hour" is one: the same count.
    assert table["verdict"].value_counts().to_dict() == {"unverified": 22, "consistent": 13, "conflict": 9}


def test_bad_reference_rows_are_reported_and_the_rest_processed(tmp_path):
    mine = tmp_path / "mine.csv"
    mine.write_text(",".join(REFERENCE_COLUMNS) + "\n"
                    + "ferry-2025-03,carried,passengers,1250,,,passenger,2025-03-01,2025-03-31,,Port authority,,\n"
                    + "broken,carried,passengers,many,,,passenger,,,,Port authority,,\n", encoding="utf-8")
    out = tmp_path / "checked.jsonl"
    result = run("check", str(CORPUS), "--reference", str(mine), "--reference", str(tmp_path / "absent.csv"),
                 "-o", str(out))
    assert result.returncode == 1
    assert result.stderr.decode("utf-8").splitlines() == [
        f"figcheck: {mine}:3: value 'many' is not a number",
        f"figcheck: {tmp_path / 'absent.csv'}: no such file",
    ]
    table = pd.read_json(out, lines=True).set_index("figure_id")
    assert tuple(table.loc["courier-0705-0012", ["verdict", "check", "evidence"]]) == \
        ("consistent", "reference", "ferry-2025-03")
    assert table.loc["planet-0701-0000", "verdict"] == "conflict"  # the bundled reference still applies


def test_without_the_bundled_reference_and_with_reviews(tmp_path):
    documents = list(load_path(CORPUS))
    table = figures(documents)
    db = tmp_path / "reviews.sqlite"
    save_decision(review_keys(table).iloc[0], "conflict", "checked by hand", reviewer="Ada", db_path=db)
    result = run("check", str(CORPUS), "--no-bundled-reference", "--reviews", str(db), "--format", "csv")
    assert result.returncode == 0, result.stderr
    checked = pd.read_csv(io.BytesIO(result.stdout), keep_default_na=False)
    assert list(checked.columns)[-6:] == ["review_key", "reviewer_verdict", "reviewer_note", "reviewed_at",
                                          "reviewed_by", "review_status"]
    assert "reference" not in set(checked["check"])
    assert checked.loc[0, ["figure_id", "reviewer_verdict", "reviewer_note", "reviewed_by", "review_status"]].tolist() \
        == ["planet-0701-0000", "conflict", "checked by hand", "Ada", "reviewed"]
    assert (checked.loc[1:, "reviewer_verdict"] == "").all()


def test_a_mistyped_review_database_is_an_error_not_an_empty_merge(tmp_path):
    import subprocess
    import sys

    from conftest import ROOT, SAMPLE

    missing = tmp_path / "no-such.sqlite"
    result = subprocess.run([sys.executable, "-m", "extract", "check", str(SAMPLE), "--reviews", str(missing)],
                            cwd=ROOT, capture_output=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.decode().strip() == f"figcheck: {missing}: no such review database"
