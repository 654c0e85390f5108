"""Verdicts on a small corpus written for the purpose (tests/fixtures/crosscheck_corpus.jsonl).

Planted: agreements with the reference and between articles, conflicts, a transposed digit
(986 for 968), bounds ("nearly 7,000", "more than 8,000"), a measure mix-up (killed for killed
or injured), arithmetic slips, and figures nothing can be compared with.
"""

from pathlib import Path

import pytest

from extract import figures, load_path
from extract.checks.crosscheck import cross_check, evidence_for
from extract.checks.reference_data import load_reference

CORPUS = Path(__file__).parent / "fixtures" / "crosscheck_corpus.jsonl"
OHCHR = "UN Human Rights Office (OHCHR)"
HRMMU = "UN Human Rights Monitoring Mission in Ukraine (HRMMU)"

# figure_id: (surface, verdict, check, evidence, reason)
EXPECTED = {
    "planet-0701-0000": ("986", "conflict", "reference", "ohchr-2025-06-killed",
                         f"states 986 civilians killed, 1 Dec 2024 – 31 May 2025; {OHCHR} reported 968 civilians "
                         f"killed, 1 Dec 2024 – 31 May 2025"),
    "planet-0701-0001": ("4,807", "consistent", "reference", "ohchr-2025-06-injured",
                         f"states 4,807 civilians injured, 1 Dec 2024 – 31 May 2025; {OHCHR} reported 4,807 "
                         f"civilians injured, 1 Dec 2024 – 31 May 2025"),
    "planet-0701-0002": ("about $10bn", "consistent", "reference", "kse-2024-10-tanker-spending",
                         "states about $10bn (Russia's spending on second-hand tankers), 1 Jan 2022 – 1 Jul 2025; "
                         "KSE Institute (Kyiv School of "
                         "Economics) reported about $10bn (spent on second-hand tankers since 2022, Russia), "
                         "from 1 Jan 2022"),
    "planet-0701-0003": ("$65 a barrel", "conflict", "reference", "price-cap-2022-12-crude",
                         "states $65 a barrel (price cap on Russian seaborne crude oil); G7 and EU (Price Cap "
                         "Coalition) reported $60 a barrel (price cap, Russian seaborne crude oil), from 5 Dec 2022"),
    "planet-0701-0004": ("312", "unverified", "", "", "states 312 ships, June 2025; nothing to compare with"),
    "courier-0705-0000": ("Nearly 7,000", "consistent", "reference", "hrmmu-2025-h1-casualties",
                          f"states nearly 7,000 civilians killed or injured, H1 2025; {HRMMU} reported 6,754 "
                          f"civilians killed or injured, H1 2025 (the reference outranks 1 other article that "
                          f"disagrees: Harbour Gazette (2025-07-10), citing United Nations, states more than 8,000 "
                          f"civilians killed or injured, H1 2025)"),
    "courier-0705-0001": ("6,754", "unverified", "", "",
                          f"states 6,754 civilians killed, H1 2025; nothing published or reported elsewhere measures "
                          f"the same; related: {HRMMU} reported 6,754 civilians killed or injured, H1 2025 "
                          f"(measures differ: killed vs killed or injured)"),
    "courier-0705-0002": ("37%", "consistent", "reference", "ohchr-2025-06-casualties-rise",
                          f"states 37% (Civilian casualties), 1 Dec 2024 – 31 May 2025; {OHCHR} reported 37% "
                          "(increase on the same period a year earlier, civilian casualties), "
                          "1 Dec 2024 – 31 May 2025"),
    "courier-0705-0003": ("4.1 million barrels per day", "consistent", "reference", "kse-2024-06-shadow-volume",
                          "states 4.1 million barrels per day (Shadow tankers), June 2024; KSE Institute (Kyiv School "
                          "of Economics) reported 4.1 million barrels a day (carried by shadow tankers, Russian oil), "
                          "June 2024"),
    "courier-0705-0004": ("67%", "conflict", "arithmetic", "courier-0705-0006; courier-0705-0005",
                          "states a rise of 67% from $639m to $1.13bn; that is a rise of 76.8%"),
    "courier-0705-0005": ("$1.13bn", "unverified", "", "", "states $1.13bn (Port revenue); nothing to compare with"),
    "courier-0705-0007": ("135", "consistent", "arithmetic", "courier-0705-0008",
                          "states 135 of a stated total of 496 sanctioned tankers: the part is within the whole"),
    "courier-0705-0009": ("530", "conflict", "arithmetic", "courier-0705-0010",
                          "states 530 of a stated total of 496 sanctioned tankers: the part is larger than the whole"),
    # "..., the port authority said": the source is the port authority (issue 11's parse reads it).
    "courier-0705-0011": ("2.6 million tonnes", "conflict", "corpus", "gazette-0710-0006",
                          "states 2.6 million tonnes (wheat), May 2025; Harbour Gazette (2025-07-10), citing port "
                          "authority, states 2.1 million tonnes (wheat), May 2025"),
    "courier-0705-0012": ("1,250", "consistent", "corpus", "gazette-0710-0007",
                          "states 1,250 passengers, March 2025; Harbour Gazette (2025-07-10) states about 1,200 "
                          "passengers, March 2025"),
    "gazette-0710-0000": ("More than 8,000", "conflict", "reference", "hrmmu-2025-h1-casualties",
                          f"states more than 8,000 civilians killed or injured, H1 2025; {HRMMU} reported 6,754 "
                          f"civilians killed or injured, H1 2025"),
    "gazette-0710-0001": ("968", "consistent", "reference", "ohchr-2025-06-killed",
                          f"states 968 civilians killed, 1 Dec 2024 – 31 May 2025; {OHCHR} reported 968 civilians "
                          f"killed, 1 Dec 2024 – 31 May 2025 (the reference outranks 1 other article that disagrees: "
                          f"Daily Planet (2025-07-01), citing United Nations, states 986 civilians killed, "
                          f"1 Dec 2024 – 31 May 2025)"),
    "gazette-0710-0002": ("1,675", "conflict", "arithmetic", "gazette-0710-0003; gazette-0710-0004",
                          f"states a total of 1,675 civilians killed or injured; its parts 232 and 1,343 add up to "
                          f"1,575; but compare: {HRMMU} reported 1,343 civilians injured, June 2025 (measures differ: "
                          f"killed or injured vs injured)"),
    "gazette-0710-0003": ("232", "consistent", "reference", "hrmmu-2025-06-killed",
                          f"states 232 civilians killed, June 2025; {HRMMU} reported 232 civilians killed, June 2025"),
    "gazette-0710-0004": ("1,343", "consistent", "reference", "hrmmu-2025-06-injured",
                          f"states 1,343 civilians injured, June 2025; {HRMMU} reported 1,343 civilians injured, "
                          f"June 2025"),
    "gazette-0710-0005": ("120%", "conflict", "arithmetic", "",
                          "states a share of 120%: a share lies between 0% and 100%"),
    "gazette-0710-0006": ("2.1 million tonnes", "conflict", "corpus", "courier-0705-0011",
                          "states 2.1 million tonnes (wheat), May 2025; Evening Courier (2025-07-05), citing port "
                          "authority, states 2.6 million tonnes (wheat), May 2025"),
    "gazette-0710-0007": ("about 1,200", "consistent", "corpus", "courier-0705-0012",
                          "states about 1,200 passengers, March 2025; Evening Courier (2025-07-05) states 1,250 "
                          "passengers, March 2025"),
}


@pytest.fixture(scope="module")
def result():
    table = figures([d for d in load_path(CORPUS)])
    reference, errors = load_reference()
    assert errors == []
    return cross_check(table, reference)


def test_every_planted_verdict_and_reason(result):
    rows = result.table.set_index("figure_id")
    for figure_id, (surface, verdict, check, evidence, reason) in EXPECTED.items():
        row = rows.loc[figure_id]
        assert (row["surface"], row["verdict"], row["check"], row["evidence"], row["verdict_reason"]) == \
            (surface, verdict, check, evidence, reason), figure_id


def test_figures_not_planted_are_unverified(result):
    others = result.table[~result.table["figure_id"].isin(EXPECTED)]
    assert others["surface"].tolist() == ["$639m", "496", "496"]
    assert set(others["verdict"]) == {"unverified"}


def test_transposed_digit_evidence_shows_both_intervals(result):
    match = evidence_for(result, "planet-0701-0000")[0]
    assert (match.other_id, match.is_match, match.agrees) == ("ohchr-2025-06-killed", True, False)
    assert (match.claim_low, match.claim_high, match.other_low, match.other_high) == (985.5, 986.5, 968.0, 968.0)
    assert match.why == ("same unit (civilian); shared words: civilian (1 of 1); same measure: killed; "
                         "period 1 Dec 2024 – 31 May 2025 ≈ 1 Dec 2024 – 31 May 2025; place: Ukraine; "
                         "source: United Nations ≈ UN Human Rights Office (OHCHR)")


def test_bounds_decide_by_interval(result):
    nearly, more_than = evidence_for(result, "courier-0705-0000")[0], evidence_for(result, "gazette-0710-0000")[0]
    assert (nearly.claim_low, nearly.claim_high, nearly.agrees) == (6300.0, 7000.0, True)
    assert (more_than.claim_low, more_than.claim_high, more_than.agrees) == (8000.0, float("inf"), False)


def test_the_verdict_columns_are_appended_to_the_figures_table(result):
    from extract import COLUMNS
    assert list(result.table.columns) == COLUMNS + ["verdict", "verdict_reason", "evidence", "check", "verdict_label"]


def test_an_empty_table_gets_the_columns_and_nothing_else():
    from extract.checks.crosscheck import check_figures, verdicts_by_source
    checked = check_figures(figures([]), load_reference()[0])
    assert checked.empty
    assert list(checked.columns)[-5:] == ["verdict", "verdict_reason", "evidence", "check", "verdict_label"]
    assert verdicts_by_source(checked).empty
