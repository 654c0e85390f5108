"""Intervals: what range of true values a figure allows, from its qualifier and its rounding."""

import math

import pytest
from fuzzing import FUZZ, ran
from hypothesis import given
from hypothesis import strategies as st

from extract.checks.intervals import Interval, claim_interval, format_number, reference_interval, rounding_step
from extract.checks.settings import CheckSettings


@pytest.mark.parametrize("surface, value, step", [
    ("6,754", 6754.0, 1.0), ("6,700", 6700.0, 100.0), ("6700", 6700.0, 100.0), ("8,000", 8000.0, 100.0),
    ("37%", 37.0, 1.0), ("37.5%", 37.5, 0.1), ("$1.13bn", 1.13e9, 1e7), ("$60 a barrel", 60.0, 1.0),
    ("$1bn", 1e9, 1e8), ("4.1 million barrels per day", 4.1e6, 1e5), ("two", 2.0, 0.0), ("100", 100.0, 10.0),
])
def test_rounding_step(surface, value, step):
    assert rounding_step(surface, value) == pytest.approx(step)


@pytest.mark.parametrize("surface, value, low, high, qualifier, expected", [
    ("6,700", 6700.0, 6700.0, 6700.0, "exact", (6650.0, 6750.0)),
    ("nearly 7,000", 7000.0, 6300.0, 7000.0, "approx", (6300.0, 7000.0)),
    ("about 90", 90.0, 81.0, 99.0, "approx", (81.0, 99.0)),
    ("more than 8,000", 8000.0, 8000.0, math.inf, "lower", (8000.0, math.inf)),
    ("up to 400", 400.0, 0.0, 400.0, "upper", (0.0, 400.0)),
    ("between 5 and 10", 7.5, 5.0, 10.0, "range", (4.95, 10.05)),
    ("968", 968.0, 968.0, 968.0, "exact", (967.5, 968.5)),
])
def test_claim_interval(surface, value, low, high, qualifier, expected):
    interval = claim_interval(value, low, high, qualifier, surface)
    assert (interval.low, interval.high) == pytest.approx(expected)


def test_settings_change_the_interval():
    no_rounding = CheckSettings(rounding=False)
    assert claim_interval(6700.0, 6700.0, 6700.0, "exact", "6,700", no_rounding) == Interval(6700.0, 6700.0)
    wide = CheckSettings(approx_tolerance=0.2)
    assert claim_interval(7000.0, 6300.0, 7000.0, "approx", "nearly 7,000", wide) == Interval(5600.0, 7000.0)
    loose = CheckSettings(relative_tolerance=0.01)
    assert claim_interval(968.0, 968.0, 968.0, "exact", "968", loose).high == pytest.approx(968.5 * 1.01)


def test_the_issue_examples_agree_or_not():
    un = reference_interval(6754.0, math.nan, math.nan)
    assert claim_interval(6700.0, 6700.0, math.inf, "lower", "more than 6700").overlaps(un)
    assert not claim_interval(6700.0, 6700.0, 6700.0, "exact", "6,700").overlaps(un)
    assert claim_interval(7000.0, 6300.0, 7000.0, "approx", "nearly 7,000").overlaps(un)
    assert not claim_interval(8000.0, 8000.0, math.inf, "lower", "more than 8,000").overlaps(un)
    assert not claim_interval(986.0, 986.0, 986.0, "exact", "986").overlaps(reference_interval(968.0, math.nan, math.nan))


def test_format_number():
    assert [format_number(v) for v in (6754.0, 4.1e6, 1e10, 37.5, math.inf)] == \
        ["6,754", "4.1 million", "10 billion", "37.5", "∞"]


finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)
intervals = st.tuples(finite, finite).map(lambda p: Interval(min(p), max(p)))


@FUZZ
@given(intervals, intervals)
def test_overlap_is_symmetric(a, b):
    ran("intervals: overlap is symmetric")
    assert a.overlaps(b) == b.overlaps(a)


@FUZZ
@given(intervals, finite)
def test_an_interval_overlaps_every_interval_holding_one_of_its_points(a, point):
    ran("intervals: overlap holds points")
    inside = min(max(point, a.low), a.high)
    assert a.overlaps(Interval(inside, inside))


@FUZZ
@given(st.integers(min_value=1, max_value=10**9), st.booleans(), st.floats(min_value=0, max_value=0.5))
def test_a_figure_covers_its_own_value(number, with_commas, tolerance):
    ran("intervals: a figure covers its value")
    surface = f"{number:,}" if with_commas else str(number)
    value = float(number)
    settings = CheckSettings(approx_tolerance=tolerance)
    exact = claim_interval(value, value, value, "exact", surface, settings)
    assert exact.low <= value <= exact.high
    assert exact.high - exact.low == pytest.approx(rounding_step(surface, value))
    approx = claim_interval(value, value * 0.9, value * 1.1, "approx", "about " + surface, settings)
    assert approx.low <= exact.low and exact.high <= approx.high
    # Slack of a few ulps: low and high are each rounded to the float grid at the value's magnitude.
    assert approx.high - approx.low >= 2 * value * tolerance - 4 * math.ulp(value)


@FUZZ
@given(st.integers(min_value=11, max_value=10**9).filter(lambda n: n % 10), st.integers(min_value=0, max_value=3))
def test_a_last_digit_that_is_not_zero_is_the_rounding_step(number, decimals):
    ran("intervals: rounding step")
    value = number / 10**decimals
    surface = f"{value:,.{decimals}f}"
    assert rounding_step(surface, value) == pytest.approx(10.0 ** -decimals)
