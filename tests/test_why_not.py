"""Why a related reference row or article did not decide a figure: the test that failed, with both values,
and an interval chart whose every row is named."""

import pytest

from extract import Document, figures
from extract.checks.crosscheck import cross_check, evidence_for, evidence_frame
from extract.checks.matching import failed_tests
from extract.checks.reference_data import REFERENCE_COLUMNS, parse_reference

REFERENCE = ",".join(REFERENCE_COLUMNS) + "\n" + "\n".join([
    "ons-unemployment-2025-09,unemployment rate,people aged 16 and over,5.0,,,%,2025-07-01,2025-09-30,"
    "United Kingdom,Office for National Statistics,https://www.ons.gov.uk/unemployment,2025-11-11",
    "ons-inflation-2025-10,inflation,consumer prices,3.6,,,%,2025-10-01,2025-10-31,United Kingdom,"
    "Office for National Statistics,https://www.ons.gov.uk/inflation,2025-11-19",
])
ARTICLES = {
    "period": "The UK unemployment rate was 4.8% in the three months to August, the ONS said.",
    "place": "Inflation in France was 3.6% in October, the statistics office said.",
    "source": "Inflation in the UK was 3.6% in October, according to Reuters.",
    "unit": "Unemployment in the UK rose to 1.7 million in the three months to September, the ONS said.",
    "measure": "The UK youth unemployment rate was 14.6% between July and September, the ONS said.",
}


@pytest.fixture(scope="module")
def result():
    reference, problems = parse_reference(REFERENCE, "reference.csv")
    assert problems == []
    table = figures([Document(doc_id=name, text=text, date="2025-11-20") for name, text in ARTICLES.items()])
    return cross_check(table, reference)


def _figure(result, doc_id, surface):
    table = result.table
    return table[(table["doc_id"] == doc_id) & (table["surface"] == surface)].iloc[0]


@pytest.mark.parametrize("doc_id, surface, ref_id, differences", [
    ("period", "4.8%", "ons-unemployment-2025-09",
     ("periods differ: 1 Jun 2025 – 31 Aug 2025 vs 1 Jul 2025 – 30 Sep 2025",)),
    ("place", "3.6%", "ons-inflation-2025-10", ("places differ: France vs United Kingdom",)),
    ("source", "3.6%", "ons-inflation-2025-10", ("sources differ: Reuters vs Office for National Statistics",)),
    ("unit", "1.7 million", "ons-unemployment-2025-09",
     ("units differ: count vs %",
      "measures differ: Unemployment vs unemployment rate (the text does not mention rate)")),
    ("measure", "14.6%", "ons-unemployment-2025-09",
     ("measures differ: youth unemployment rate vs unemployment rate (youth not in the reference)",)),
])
def test_each_related_reference_row_says_which_test_failed_with_both_values(result, doc_id, surface, ref_id,
                                                                              differences):
    row = _figure(result, doc_id, surface)
    [match] = [m for m in evidence_for(result, row["figure_id"]) if m.other_id == ref_id]
    assert (match.is_match, match.differences) == (False, differences)
    assert (row["verdict"], row["check"]) == ("unverified", "")
    assert f"({differences[0]}" in row["verdict_reason"]


def test_failed_tests_name_the_tests():
    assert failed_tests(("units differ: count vs %", "measures differ: a vs b")) == ("measure", "unit")
    assert failed_tests(("neither states a period, and neither article is dated", "sources differ: A vs B")) == \
        ("period", "source")
    assert failed_tests(()) == ()


def test_a_related_article_says_why_too(result):
    youth = _figure(result, "measure", "14.6%")
    corpus = {m.other_id: m.differences for m in evidence_for(result, youth["figure_id"]) if m.kind == "corpus"}
    assert corpus[_figure(result, "period", "4.8%")["figure_id"]] == (
        "measures differ: youth unemployment rate vs unemployment rate",
        "periods differ: 1 Jul 2025 – 30 Sep 2025 vs 1 Jun 2025 – 31 Aug 2025")


def test_every_row_of_the_interval_chart_is_labelled_once(result):
    for figure_id in result.table["figure_id"]:
        frame = evidence_frame(result, figure_id)
        assert frame["label"].map(lambda label: isinstance(label, str) and label.strip() != "").all()
        assert frame["label"].is_unique
    frame = evidence_frame(result, _figure(result, "measure", "14.6%")["figure_id"])
    assert list(frame["label"]) == [
        "this article: 14.6% (UK youth unemployment rate), 1 Jul 2025 – 30 Sep 2025",
        "Office for National Statistics: 5% (unemployment rate, people aged 16 and over), 1 Jul 2025 – 30 Sep 2025 "
        "— differs in measure",
        "period (2025-11-20), citing Office for National Statistics: 4.8% (UK unemployment rate), "
        "1 Jun 2025 – 31 Aug 2025 "
        "— differs in measure, period",
    ]
    assert list(frame["failed"]) == ["", "measure", "measure, period"]


def test_evidence_in_another_unit_is_listed_but_not_drawn(result):
    figure_id = _figure(result, "unit", "1.7 million")["figure_id"]
    assert {m.other_id for m in evidence_for(result, figure_id)} >= {"ons-unemployment-2025-09"}
    assert evidence_frame(result, figure_id).empty
