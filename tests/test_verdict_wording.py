"""Verdicts say what checked them, and an arithmetic pass reads as what it is."""

import pandas as pd
import pytest

from extract import Document, figures
from extract.checks.crosscheck import cross_check
from extract.checks.matching import LISTED_PER_FIGURE


def _checked(*texts, dates=None):
    documents = [Document(doc_id=f"doc{i:02d}", text=text, date=(dates or [""] * len(texts))[i])
                 for i, text in enumerate(texts)]
    return cross_check(figures(documents))


def _row(result, surface, doc_id="doc00"):
    table = result.table
    return table[(table["surface"] == surface) & (table["doc_id"] == doc_id)].iloc[0]


@pytest.mark.parametrize("text, surface, verdict, label", [
    ("The agency counted a total of 1,575 casualties: 232 killed and 1,343 injured.", "1,575",
     "consistent", "adds up"),
    ("The agency counted a total of 1,675 casualties: 232 killed and 1,343 injured.", "1,675",
     "conflict", "does not add up"),
    ("Of the 496 sanctioned tankers, 135 of the 496 sailed last month.", "135", "consistent", "within its total"),
    ("Profits jumped 67% to $1.13bn from $639m.", "67%", "conflict", "change does not add up"),
    ("Profits jumped 77% to $1.13bn from $639m.", "77%", "consistent", "change adds up"),
])
def test_arithmetic_verdicts_are_worded_as_what_was_checked(text, surface, verdict, label):
    row = _row(_checked(text), surface)
    assert (row["verdict"], row["check"], row["verdict_label"]) == (verdict, "arithmetic", label)
    assert "consistent" not in row["verdict_reason"]


def test_every_decided_verdict_names_its_check():
    result = _checked("Inflation in the UK was 3.4% in October, the ONS said.",
                      "UK inflation was 3.6% in October, the Office for National Statistics said.",
                      "The agency counted a total of 1,575 casualties: 232 killed and 1,343 injured.")
    table = result.table
    decided = table[table["verdict"] != "unverified"]
    assert set(decided["check"]) == {"corpus", "arithmetic"}
    assert (table.loc[table["verdict"] == "unverified", "check"] == "").all()
    assert set(table.loc[table["check"] == "corpus", "verdict_label"]) == {"contradicts another article"}


def _with_period_figures(table):
    """The table plus "three months" as a figure wherever the engine left it out: the checks must
    never verdict it, whichever engine made the table."""
    rows = [table]
    for doc_id, group in table.groupby("doc_id"):
        if (group["surface"] == "three months").any():
            continue
        row = group.iloc[0].copy()
        where = row["sentence"].index("three months") - row["sentence"].index(row["surface"]) + row["start"]
        row[["surface", "start", "end", "value", "low", "high", "qualifier", "direction", "unit", "dimension",
             "norm_value", "norm_unit", "figure_id"]] = ["three months", where, where + 12, 3.0, 3.0, 3.0, "exact",
                                                      "", "month", "duration", 2160.0, "h", f"{doc_id}-period"]
        rows.append(row.to_frame().T)
    return pd.concat(rows, ignore_index=True).astype(table.dtypes.to_dict())


def test_a_period_never_gets_a_cross_article_verdict():
    text = "Unemployment in the UK was 4.1% in the three months to September, the ONS said."
    table = _with_period_figures(figures([Document(doc_id=f"doc{i:02d}", text=text) for i in range(2)]))
    result = cross_check(table)
    for doc_id in ("doc00", "doc01"):
        period = _row(result, "three months", doc_id)
        assert (period["verdict"], period["check"], period["evidence"]) == ("unverified", "", "")
    rate = _row(result, "4.1%")
    assert (rate["verdict"], rate["check"], rate["evidence"]) == ("consistent", "corpus", "doc01-0000")
    assert all("three months" not in m.other for m in result.corpus[rate["figure_id"]])


def test_many_copies_are_all_counted_but_only_some_listed():
    story = "Shares in Acme Holdings closed at 412p on 3 March, traders said."
    copies = [story] * 30 + [story.replace("412p", "398p")]
    result = _checked(*copies, dates=["2025-03-03"] * 31)
    first = _row(result, "412p")
    listed = result.corpus[first["figure_id"]]
    assert len(listed) == LISTED_PER_FIGURE
    assert any(not m.agrees for m in listed)  # the one disagreement is not hidden by the cap
    assert result.tallies[first["figure_id"]].matching == 30
    assert result.tallies[first["figure_id"]].disagreeing == 1
    assert (first["verdict"], first["check"]) == ("conflict", "corpus")
    dissenter = _row(result, "398p", "doc30")
    assert dissenter["verdict_reason"].endswith("(30 figures of other articles disagree)")
