"""The bundled sample article against the bundled reference data."""

import math

import pytest

from extract import document_from_text, figures
from extract.checks.crosscheck import cross_check, evidence_for, evidence_frame, verdicts_by_source
from extract.checks.reference_data import load_reference

HRMMU = "UN Human Rights Monitoring Mission in Ukraine (HRMMU)"


@pytest.fixture(scope="module")
def result(sample_text):
    table = figures(document_from_text(sample_text, origin="000_e6f7d8410eb97394.txt"))
    reference, _ = load_reference()
    return cross_check(table, reference)


def _row(result, surface):
    return result.table[result.table["surface"] == surface].iloc[0]


def test_more_than_6700_killed_is_shown_beside_the_uns_6754_killed_or_injured(result):
    row = _row(result, "More than 6700")
    assert (row["verdict"], row["check"], row["evidence"]) == ("unverified", "", "")
    assert row["verdict_reason"] == (
        f"states more than 6700 Ukrainian civilians killed, H1 2025; nothing published or reported elsewhere "
        f"measures the same; related: {HRMMU} reported 6,754 civilians killed or injured, H1 2025 "
        f"(measures differ: killed vs killed or injured)")
    first = evidence_for(result, row["figure_id"])[0]
    assert (first.other_id, first.is_match, first.agrees) == ("hrmmu-2025-h1-casualties", False, True)
    assert first.differences == ("measures differ: killed vs killed or injured",)
    assert "period H1 2025 ≈ H1 2025" in first.why
    assert first.why.endswith("measures differ: killed vs killed or injured")


def test_the_other_un_counts_are_listed_as_related_with_what_differs(result):
    matches = evidence_for(result, _row(result, "More than 6700")["figure_id"])
    by_id = {m.other_id: m.differences for m in matches}
    assert by_id["ohchr-2025-06-killed"] == ("periods differ: H1 2025 vs 1 Dec 2024 – 31 May 2025",)
    assert by_id["hrmmu-2025-06-killed"] == ("periods differ: H1 2025 vs June 2025",)
    assert not any(m.is_match for m in matches)


def test_the_price_cap_is_consistent_with_the_g7_cap(result):
    row = _row(result, "$60 a barrel")
    assert (row["verdict"], row["check"], row["evidence"]) == ("consistent", "reference", "price-cap-2022-12-crude")


def test_sanctioned_tankers_part_of_the_total(result):
    row = _row(result, "135")
    assert (row["verdict"], row["check"]) == ("consistent", "arithmetic")
    assert row["verdict_reason"] == "states 135 of a stated total of 496 tankers: the part is within the whole"


def test_verdict_counts(result):
    # Since issue 11 "six months" (dating the Izvestia figure) is not a figure and "less than an hour" is.
    assert result.table["verdict"].value_counts().to_dict() == {"unverified": 16, "consistent": 2}


def test_evidence_frame_draws_both_intervals(result):
    frame = evidence_frame(result, _row(result, "More than 6700")["figure_id"])
    claim = frame.iloc[0]
    assert (claim["role"], claim["low"], claim["open_high"]) == ("claim", 6700.0, True)
    assert math.isfinite(claim["high"]) and claim["high"] > 13580
    un = frame[frame["label"].str.contains("killed or injured, H1 2025")].iloc[0]
    assert (un["role"], un["low"], un["high"], un["is_match"]) == ("reference", 6754.0, 6754.0, False)


def test_verdicts_by_source(result):
    counts = verdicts_by_source(result.table)
    un = counts[counts["source"] == "United Nations"]
    assert un[["verdict", "figures"]].values.tolist() == [["unverified", 1]]
    own = counts[counts["source"] == "(stated by the article)"]
    # "less than an hour" (issue 11) is stated by the article itself.
    assert own[["verdict", "figures"]].values.tolist() == [["consistent", 1], ["unverified", 6]]
