"""Arithmetic inside one article: shares, parts and wholes, changes, totals."""

import pytest

from extract import figures
from extract.checks.arithmetic import arithmetic_findings
from extract.checks.matching import figure_measures


def findings(text):
    table = figures(text)
    surfaces = dict(zip(table["figure_id"], table["surface"], strict=True))
    found = arithmetic_findings(figure_measures(table))
    return [(surfaces[fid], f.verdict, f.rule, f.reason, tuple(surfaces[e] for e in f.evidence))
            for fid, fs in found.items() for f in fs]


@pytest.mark.parametrize("text, expected", [
    ("Revenue jumped 76% to $1.13bn from $639m.",
     [("76%", "consistent", "change", "states a rise of 76% from $639m to $1.13bn; that is a rise of 76.8%",
       ("$639m", "$1.13bn"))]),
    ("Revenue jumped 67% to $1.13bn from $639m.",
     [("67%", "conflict", "change", "states a rise of 67% from $639m to $1.13bn; that is a rise of 76.8%",
       ("$639m", "$1.13bn"))]),
    ("Sales rose 10% to $900m from $1bn.",
     [("10%", "conflict", "change", "states a rise of 10% from $1bn to $900m; that is a fall, not a rise",
       ("$1bn", "$900m"))]),
    ("Casualties reached 6,754 in the first half of 2025, up 54% from 4,381 a year earlier.",
     [("54%", "consistent", "change", "states a rise of 54% from 4,381 to 6,754; that is a rise of 54.2%",
       ("4,381", "6,754"))]),
    ("The jobless rate rose 0.3 percentage points to 4.3% from 4%.",
     [("0.3 percentage points", "consistent", "change",
       "states a rise of 0.3 percentage points from 4% to 4.3%; that is a rise of 0.3 percentage points",
       ("4%", "4.3%"))]),
    ("Inspectors boarded 135 of the 496 sanctioned tankers.",
     [("135", "consistent", "part-whole",
       "states 135 of a stated total of 496 sanctioned tankers: the part is within the whole", ("496",))]),
    ("Inspectors boarded 530 of the 496 sanctioned tankers.",
     [("530", "conflict", "part-whole",
       "states 530 of a stated total of 496 sanctioned tankers: the part is larger than the whole", ("496",))]),
    ("The allies had sanctioned a total of 496 tankers. But 135 sanctioned tankers took shipments at Russian ports.",
     [("135", "consistent", "part-whole",
       "states 135 of a stated total of 496 tankers: the part is within the whole", ("496",))]),
    ("India bought crude, accounting for 120% of Russian exports.",
     [("120%", "conflict", "share", "states a share of 120%: a share lies between 0% and 100%", ())]),
    ("In June a total of 1,675 civilians were killed or injured: 232 killed and 1,343 injured.",
     [("1,675", "conflict", "sum",
       "states a total of 1,675 civilians killed or injured; its parts 232 and 1,343 add up to 1,575",
       ("232", "1,343"))]),
    ("In June a total of 1,575 civilians were killed or injured: 232 killed and 1,343 injured.",
     [("1,575", "consistent", "sum",
       "states a total of 1,575 civilians killed or injured; its parts 232 and 1,343 add up to 1,575",
       ("232", "1,343"))]),
    ("Officials counted a total of 300 victims, including 232 killed and 143 injured.",
     [("300", "conflict", "sum", "states a total of 300 victims, including 232 and 143: these alone add up to 375",
       ("232", "143"))]),
])
def test_findings(text, expected):
    assert findings(text) == expected


@pytest.mark.parametrize("text", [
    "Debt reached 120% of GDP.",  # a ratio, not a share
    "Sales rose from $639m to $1.13bn.",  # no stated change to check
    "Officials counted a total of 900 victims, including 232 killed and 143 injured.",  # parts within
    "The allies sanctioned a total of 496 tankers. Ports handled 135 ships. Traders sold 80 cargoes. "
    "Insurers covered 900 tankers.",  # too far from the total
])
def test_nothing_to_say(text):
    assert findings(text) == []
