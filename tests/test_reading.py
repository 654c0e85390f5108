"""A figure's reading in words: what the dashboard tells a reviewer the tool understood."""

import math

import pytest

from extract.app.figure_reading import format_amount, format_number, readable_table, reading
from extract.engine.extraction import figures


@pytest.mark.parametrize("value, text", [
    (6700, "6,700"), (464000, "464,000"), (1.13e9, "1.13 billion"), (4.1e6, "4.1 million"),
    (2.5e12, "2.5 trillion"), (0.5, "0.5"), (-2.1, "-2.1"), (1234.5678, "1,234.6"), (0, "0"),
    (math.inf, "∞"), (-math.inf, "−∞"),
])
def test_numbers_are_written_for_readers(value, text):
    assert format_number(value) == text


@pytest.mark.parametrize("value, unit, dimension, text", [
    (51, "%", "percent", "51%"),
    (60, "USD/barrel", "currency", "USD 60 per barrel"),
    (6e8, "GBP", "currency", "GBP 600 million"),
    (886, "square mile", "area", "886 square miles"),
    (1, "square mile", "area", "1 square mile"),
    (3, "inch", "length", "3 inches"),
    (90, "kilometre per hour", "speed", "90 kilometres per hour"),
    (2294.729466, "km²", "area", "2,294.7 km²"),
    (496, "tanker", "count", "496"),
])
def test_amounts_carry_their_units(value, unit, dimension, text):
    assert format_amount(value, unit, dimension) == text


def _row(text: str, surface: str) -> dict:
    table = figures(text)
    return table[table["surface"] == surface].iloc[0].to_dict()


def test_reading_of_the_designs_example(sample_text):
    assert reading(_row(sample_text, "More than 6700")) == (
        "More than 6700 → above 6,700 Ukrainian civilians · source: United Nations · cue: according to")


def test_readings_state_interval_direction_and_own_statement(sample_text):
    assert reading(_row(sample_text, "nearly 141,000")) == (
        "nearly 141,000 → just under 141,000 (126,900–141,000) Russian businesses · source: Izvestia · cue: reported")
    assert reading(_row(sample_text, "about 40%")) == (
        "about 40% → about 40% (36%–44%) · of Russia’s state budget · source: the article itself")
    assert reading(_row("Exports fell 2.1% in May.", "2.1%")).startswith("2.1% → 2.1% · ")
    assert "· a fall ·" in reading(_row("Exports fell 2.1% in May.", "2.1%"))
    assert reading(_row("Between 5 and 10 people were hurt.", "Between 5 and 10")).startswith(
        "Between 5 and 10 → between 5 and 10 people")
    assert reading(_row("Up to 300 jobs could go.", "Up to 300")).startswith("Up to 300 → up to 300 jobs")


def test_readable_table_writes_values_with_units_and_labels_sources(sample_text):
    table = figures(sample_text)
    view = readable_table(table)
    assert list(view.columns) == ["surface", "figure", "value", "qualifier", "change", "entity", "kind",
                                  "source", "document", "sentence"]
    by_surface = view.set_index("surface")
    assert by_surface.loc["$60 a barrel", "figure"] == "USD 60 per barrel"
    assert by_surface.loc["886 square miles", "figure"] == "886 square miles"
    assert by_surface.loc["about 40%", "source"] == "(stated by the article)"
    assert by_surface.loc["More than 6700", "source"] == "United Nations"


def test_a_badge_says_what_checked_the_figure():
    import pandas as pd

    table = pd.DataFrame({
        "surface": ["135", "$60", "7"], "value": [135.0, 60.0, 7.0], "unit": ["tanker", "USD", ""],
        "dimension": ["count", "currency", "count"], "qualifier": ["exact"] * 3, "direction": [""] * 3,
        "entity": ["tankers", "cap", ""], "source": ["", "", ""], "doc_title": ["a"] * 3, "doc_id": ["a"] * 3,
        "sentence": ["s"] * 3, "verdict": ["consistent", "consistent", "conflict"],
        "check": ["arithmetic", "reference", "arithmetic"],
        "verdict_label": ["within its total", "matches reference", "does not add up"],
        "reviewer_verdict": ["", "", "consistent"],
    })
    view = readable_table(table)
    assert view["verdict"].tolist() == ["✓ within its total", "✓ consistent", "✓ consistent · reviewed"]
    assert view["checked by"].tolist() == ["own arithmetic", "reference data", "reviewer"]
