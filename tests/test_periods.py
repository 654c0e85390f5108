"""Periods stated in a sentence, resolved against the article's date."""

from datetime import date

import pytest

from extract.checks.periods import Period, overlap_ratio, period_among, period_near, periods_in

ARTICLE_DATE = date(2025, 8, 6)


@pytest.mark.parametrize("sentence, labels", [
    ("killed in the first half of this year, according to the UN", ["H1 2025"]),
    ("between 1 December 2024 and 31 May 2025, the UN said", ["1 Dec 2024 – 31 May 2025"]),
    ("from 1 December to 31 May 2025", ["1 Dec 2024 – 31 May 2025"]),
    ("In June, 232 civilians were killed", ["June 2025"]),
    ("4.1m barrels per day in June 2024", ["June 2024"]),
    ("liquidated in the first six months of the year", ["H1 2025"]),
    ("since the full-scale invasion", ["24 Feb 2022 – 6 Aug 2025"]),
    ("in 2024 and in Q1 2025", ["2024", "1 Jan 2025 – 31 Mar 2025"]),
    ("before August 8", []),
    ("from the end of December to the end of June", []),
    ("between March and June", ["1 Mar 2025 – 30 Jun 2025"]),
    ("from November to February", ["1 Nov 2024 – 28 Feb 2025"]),
    ("in July–September 2024", ["1 Jul 2024 – 30 Sep 2024"]),
    ("March-May 2025 and in September 2024", ["1 Mar 2025 – 31 May 2025", "September 2024"]),
    ("in the three months to June", ["1 Apr 2025 – 30 Jun 2025"]),
    ("in the 12 months to March 2025", ["1 Apr 2024 – 31 Mar 2025"]),
    ("in the year to July", ["1 Aug 2024 – 31 Jul 2025"]),
    ("in the second quarter", ["1 Apr 2025 – 30 Jun 2025"]),
    ("in the fourth quarter", ["1 Oct 2024 – 31 Dec 2024"]),
    ("prices rose last year", ["2024"]),
    ("sales this month", ["1 Aug 2025 – 6 Aug 2025"]),
    ("sales last month", ["July 2025"]),
    ("in October", ["October 2024"]),
    ("sales in Q2 rose", ["1 Apr 2025 – 30 Jun 2025"]),
    ("In Q2 sales rose", ["1 Apr 2025 – 30 Jun 2025"]),
    ("sales of the Audi Q3 rose", []),
])
def test_periods_in(sentence, labels):
    assert [p.label() for _, _, p in periods_in(sentence, ARTICLE_DATE)] == labels


def test_each_figure_takes_the_period_of_its_own_clause():
    sentence = ("6,754 civilians were killed or injured in the first half of 2025, "
                "up 54% on the first half of 2024 (4,381).")
    first = period_near(sentence, 0, 5, None, (0, 63))
    last = period_near(sentence, sentence.index("4,381"), sentence.index("4,381") + 5, None)
    assert (first.label(), last.label()) == ("H1 2025", "H1 2024")


def test_overlap_ratio():
    h1 = Period(date(2025, 1, 1), date(2025, 6, 30))
    dec_may = Period(date(2024, 12, 1), date(2025, 5, 31))
    assert overlap_ratio(h1, h1, ARTICLE_DATE) == 1.0
    assert overlap_ratio(h1, dec_may, ARTICLE_DATE) == pytest.approx(151 / 212)
    cap = Period(date(2022, 12, 5), None)  # in force, no end
    assert overlap_ratio(h1, cap, ARTICLE_DATE) == 1.0
    assert overlap_ratio(Period(date(2021, 1, 1), date(2021, 12, 31)), cap, ARTICLE_DATE) == 0.0


@pytest.mark.parametrize("sentence, labels", [
    ("in October", ["October (year not stated)"]),
    ("between July and September", ["Jul – Sep (year not stated)"]),
    ("in the three months to September", ["Jul – Sep (year not stated)"]),
    ("from November to February", ["Nov – Feb (year not stated)"]),
    ("in the third quarter", ["Jul – Sep (year not stated)"]),
    ("in October 2025", ["October 2025"]),
    ("last year and this month", []),
])
def test_an_undated_article_keeps_its_months_and_never_invents_a_year(sentence, labels):
    assert [p.label() for _, _, p in periods_in(sentence, None)] == labels


def test_months_without_a_year_compare_month_for_month():
    october = periods_in("in October", None)[0][2]
    september = periods_in("in September", None)[0][2]
    dated = periods_in("in October 2025", None)[0][2]
    assert overlap_ratio(october, october, ARTICLE_DATE) == 1.0
    assert overlap_ratio(october, dated, ARTICLE_DATE) == 1.0
    assert overlap_ratio(dated, october, ARTICLE_DATE) == 1.0
    assert overlap_ratio(october, september, ARTICLE_DATE) == 0.0


def test_a_figure_inside_a_period_is_that_period_not_its_figure():
    sentence = "The unemployment rate was 5.0% in the three months to September."
    stated = periods_in(sentence, ARTICLE_DATE)
    three = sentence.index("three months")
    assert period_among(stated, three, three + len("three months")) is None
    assert period_among(stated, sentence.index("5.0%"), sentence.index("5.0%") + 4).label() == \
        "1 Jul 2024 – 30 Sep 2024"  # the latest September by the article's date (August 2025)
