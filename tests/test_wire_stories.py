"""Two wire stories citing the ONS that disagree on October inflation and on house prices.

Written for this test (the facts of issue 13, in our own words): one story calls the statistics
office by its name, the other by its acronym; neither is dated, as pasted text never is.
"""

import pytest

from extract import Document, figures
from extract.checks.crosscheck import cross_check
from extract.checks.source_names import merged_source_column

FIRST = ("Inflation in the UK dropped to 3.4% in October, down from 3.8% in September, according to the "
         "Office for National Statistics. The average house price in the UK rose to £271,000 in October, the "
         "Office for National Statistics said. The unemployment rate was 5.0% in the three months to "
         "September, it added.")
SECOND = ("UK inflation fell to 3.6% in October from 3.8% in September, figures from the ONS showed. "
          "Average UK house prices stood at £265,000 in October, the ONS said. "
          "Unemployment rose to 5.0% between July and September, the ONS reported.")


@pytest.fixture(scope="module")
def checked():
    table = figures([Document(doc_id="wire-a", text=FIRST), Document(doc_id="wire-b", text=SECOND)])
    return table, cross_check(table).table.set_index("surface", append=True)


def _row(checked, doc_id, surface):
    table = checked[1].reset_index()
    rows = table[(table["doc_id"] == doc_id) & (table["surface"] == surface)]
    assert len(rows) == 1, (doc_id, surface, list(table["surface"]))
    return rows.iloc[0]


def test_october_inflation_is_a_conflict_between_the_stories(checked):
    first, second = _row(checked, "wire-a", "3.4%"), _row(checked, "wire-b", "3.6%")
    assert (first["verdict"], first["check"], first["verdict_label"]) == ("conflict", "corpus",
                                                                           "contradicts another article")
    assert first["evidence"] == second["figure_id"] and second["evidence"] == first["figure_id"]
    assert first["verdict_reason"] == (
        "states 3.4% (Inflation in the UK), October (year not stated); wire-b, citing Office for National "
        "Statistics, states 3.6% (UK inflation), October (year not stated)")


def test_house_prices_are_a_conflict_between_the_stories(checked):
    first, second = _row(checked, "wire-a", "£271,000"), _row(checked, "wire-b", "£265,000")
    assert (first["verdict"], first["check"], second["verdict"], second["check"]) == \
        ("conflict", "corpus", "conflict", "corpus")
    assert second["evidence"] == first["figure_id"]


def test_september_and_unemployment_agree_across_the_stories(checked):
    september = _row(checked, "wire-a", "3.8%")
    assert (september["verdict"], september["check"], september["evidence"]) == \
        ("consistent", "corpus", _row(checked, "wire-b", "3.8%")["figure_id"])
    unemployment = _row(checked, "wire-a", "5.0%")
    assert (unemployment["verdict"], unemployment["evidence"]) == \
        ("consistent", _row(checked, "wire-b", "5.0%")["figure_id"])
    assert "Jul – Sep (year not stated)" in unemployment["verdict_reason"]


def test_the_period_three_months_gets_no_verdict(checked):
    # Whether the engine lists "three months" as a figure or not, it is never checked or evidence.
    table = checked[1].reset_index()
    periods = table[table["surface"] == "three months"]
    assert set(zip(periods["verdict"], periods["check"], periods["evidence"], strict=True)) <= {("unverified", "", "")}
    assert not any(set(periods["figure_id"]) & set(e.split("; ")) for e in table["evidence"])


def test_ons_and_its_long_form_are_one_source(checked):
    table = checked[0]
    assert set(merged_source_column(table)) == {"Office for National Statistics"}
    assert set(table["source"]) == {"Office for National Statistics", "ONS"}


def test_no_reason_speaks_of_dates_the_articles_do_not_have(checked):
    reasons = " ".join(checked[1]["verdict_reason"])
    assert "dated within" not in reasons and "2025" not in reasons and "days apart" not in reasons


def test_undated_stories_without_a_stated_period_say_they_are_undated():
    table = figures([Document(doc_id="a", text="Shares in Acme Holdings closed at 412p, traders said."),
                     Document(doc_id="b", text="Shares in Acme Holdings closed at 398p, traders said.")])
    result = cross_check(table)
    [match] = result.corpus[table["figure_id"][0]]
    assert match.differences == ("neither states a period, and neither article is dated",)
    dated = table.assign(doc_date=["2025-03-03", "2025-03-20"])
    [match] = cross_check(dated).corpus[table["figure_id"][0]]
    assert match.differences == (
        "neither states a period, and the articles were published 17 days apart (more than 7)",)
