"""The cross-checks never crash and never point at evidence that is not there, whatever the articles say."""

from fuzzing import FUZZ, ran
from hypothesis import given
from hypothesis import strategies as st

from extract import Document, figures
from extract.checks.crosscheck import cross_check, evidence_frame
from extract.checks.reference_data import load_reference
from extract.checks.verdicts import CHECKS, VERDICTS

# Pieces of news sentences that exercise every reading: places, months and ranges, sources under
# two names, changes, totals and parts, and periods that are figures themselves.
PIECES = ["Inflation in the UK", "UK inflation", "Unemployment in France", "Average house prices in Germany",
          "TimeWarner's profits", "Time Warner's sales", "The unemployment rate", "The Kherson ferry carried",
          "dropped to", "rose to", "was", "stood at", "fell 2% to", "jumped 67% to", "from", "of the",
          "3.4%", "3.6%", "£271,000", "$1.13bn", "$639m", "1,250 passengers", "496 tankers", "135 tankers",
          "a total of 1,575 casualties: 232 killed and 1,343 injured", "more than 6,700 civilians",
          "in October", "in October 2025", "between July and September", "in the three months to September",
          "in the year to June", "last year", "this month", "in Q3", "since 1998", "in the first half of 2025",
          "the ONS said", "according to the Office for National Statistics", "according to Reuters",
          "the United Nations said", ",", ".", "and", "(", ")", "–", "Bank of America", "US Airways", "us"]
DOCUMENT = st.lists(st.sampled_from(PIECES), min_size=1, max_size=25).map(lambda words: " ".join(words))
DATES = st.sampled_from(["", "2025-11-19", "2025-10-01", "2004-03-05", "not a date"])


@FUZZ
@given(st.lists(st.tuples(DOCUMENT, DATES), min_size=1, max_size=4))
def test_any_articles_cross_check_to_verdicts_with_real_evidence(articles):
    ran("cross-check")
    table = figures([Document(doc_id=f"d{i}", text=text, date=when) for i, (text, when) in enumerate(articles)])
    reference, _ = load_reference()
    result = cross_check(table, reference)
    checked = result.table
    assert len(checked) == len(table) and list(checked["figure_id"]) == list(table["figure_id"])
    assert set(checked["verdict"]) <= set(VERDICTS)
    assert set(checked["check"]) <= set(CHECKS) | {""}
    known = set(table["figure_id"]) | set(reference["id"])
    for _, row in checked.iterrows():
        evidence = [e for e in row["evidence"].split("; ") if e]
        assert set(evidence) <= known
        assert (row["verdict"] == "unverified") == (row["check"] == "")
        assert row["verdict_reason"] and row["verdict_label"]
        frame = evidence_frame(result, row["figure_id"])
        assert frame["label"].is_unique and frame["label"].map(bool).all()
