"""Unit names as the figures table writes them, read back by the engine's own lexicon."""

import pytest

from extract.checks.reference_data import reference_unit
from extract.engine.units import unit_named


@pytest.mark.parametrize(("name", "dimension"), [
    ("%", "percent"), ("percentage point", "percentage point"), ("USD", "currency"),
    ("USD/barrel", "currency"), ("square mile", "area"), ("kilometre", "length"), ("tonne", "mass"),
])
def test_a_name_the_engine_writes_reads_back_to_the_same_unit(name: str, dimension: str):
    unit = unit_named(name)
    assert unit is not None
    assert (unit.name, unit.dimension) == (name, dimension)


@pytest.mark.parametrize("name", ["tanker", "square miles wide", "", "USD per", "12"])
def test_a_name_the_engine_would_not_write_is_not_a_unit(name: str):
    assert unit_named(name) is None


def test_reference_units_normalise_like_article_figures():
    square_mile = reference_unit("square mile")
    assert square_mile is not None
    assert (square_mile.dimension, square_mile.norm_unit) == ("area", "km²")
    assert square_mile.scale == pytest.approx(2.589988, rel=1e-6)
    pence = reference_unit("GBp")
    assert pence is not None and (pence.norm_unit, pence.scale) == ("GBP", 0.01)


def test_a_plain_noun_is_a_count_of_that_noun():
    tanker = reference_unit("tanker")
    assert tanker is not None and (tanker.dimension, tanker.norm_unit, tanker.scale) == ("count", "tanker", 1.0)
