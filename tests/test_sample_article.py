"""The bundled sample article: every statistic, one by one, and no non-figure."""

import math

import pytest

from extract import document_from_text, figures

# (surface, value, qualifier, direction, unit, entity, source)
EXPECTED = [
    ("about 90 minutes", 90.0, "approx", "", "minute", "time spent", "Ria Novosti"),
    ("More than 6700", 6700.0, "lower", "", "civilian", "Ukrainian civilians", "United Nations"),
    ("886 square miles", 886.0, "exact", "up", "square mile", "steady progress", "Institute for the Study of War"),
    ("two", 2.0, "exact", "", "refinery", "major Russian oil refineries", "Reuters"),
    ("halved", 50.0, "exact", "down", "%", "Ryazan oil refinery’s refining capacity", ""),
    ("two", 2.0, "exact", "", "people", "people", "Volodymyr Zelenskyy"),
    ("12", 12.0, "exact", "", "people", "people", "Volodymyr Zelenskyy"),
    # A vague plural has no value (None here, NaN in the table), only its interval.
    ("hundreds", None, "range", "", "family", "families", "Volodymyr Zelenskyy"),
    ("four", 4.0, "exact", "", "time", "met Putin", ""),  # how often: the verb phrase it counts
    ("less than an hour", 1.0, "upper", "", "hour", "most recent direct talks", ""),
    ("about 40%", 40.0, "approx", "", "%", "Russia’s state budget", ""),
    ("nearly 141,000", 141000.0, "approx", "", "business", "Russian businesses", "Izvestia"),
    ("$60 a barrel", 60.0, "exact", "", "USD/barrel", "oil prices", ""),
    ("several hundred", None, "range", "", "tanker", "ageing oil tankers", ""),
    ("496", 496.0, "exact", "", "tanker", "tankers", "Kyiv School of Economics"),
    ("135", 135.0, "exact", "", "tanker", "sanctioned tankers", "Kyiv School of Economics"),
    ("51%", 51.0, "exact", "", "%", "Russian exports", "Kyiv School of Economics"),
    ("two", 2.0, "exact", "", "side", "sides", ""),
]


@pytest.fixture(scope="module")
def table(sample_text):
    return figures(document_from_text(sample_text, origin="000_e6f7d8410eb97394.txt"))


def test_every_statistic_in_order(table):
    got = [(r.surface, None if math.isnan(r.value) else r.value, r.qualifier, r.direction, r.unit, r.entity,
            r.source) for r in table.itertuples()]
    assert got == EXPECTED


def test_a_vague_plural_keeps_its_interval_and_leaves_value_empty(table):
    hundreds = table[table["surface"] == "hundreds"].iloc[0]
    assert math.isnan(hundreds["value"]) and (hundreds["low"], hundreds["high"]) == (100.0, 1000.0)


def test_spans_index_the_text_exactly(table, sample_text):
    for row in table.itertuples():
        assert sample_text[row.start:row.end] == row.surface
        assert row.surface in row.sentence


def test_the_designs_named_figures(table):
    by_surface = {r.surface: r for r in table.itertuples()}
    civilians = by_surface["More than 6700"]
    assert (civilians.low, civilians.high) == (6700.0, float("inf"))
    assert civilians.source_cue == "according to"
    miles = by_surface["886 square miles"]
    assert miles.dimension == "area" and miles.norm_unit == "km²"
    assert miles.norm_value == pytest.approx(2294.7, abs=0.05)
    cap = by_surface["$60 a barrel"]
    assert (cap.dimension, cap.norm_value, cap.norm_unit) == ("currency", 60.0, "USD/barrel")
    exports = by_surface["51%"]
    assert exports.dimension == "percent" and exports.source_cue == "according to the report"
    assert by_surface["135"].source_cue == "it said"
    nearly = by_surface["nearly 141,000"]
    assert nearly.high == 141000.0 and nearly.low < 141000.0  # nearly is bounded above


def test_no_non_figures(table):
    surfaces = " | ".join(table["surface"])
    # "in the first six months of the year" dates the 141,000 liquidations; it is not a figure.
    assert "six months" not in surfaces
    for not_a_figure in ("August 8", "Aug. 8", "8", "2025", "2.40", "zero", "a halt", "G-7", "half"):
        assert not_a_figure not in table["surface"].tolist(), not_a_figure
    assert "zero" not in surfaces and "halt" not in surfaces


def test_document_metadata_from_date_line(sample_text):
    doc = document_from_text(sample_text, origin="data/articles/000_e6f7d8410eb97394.txt")
    assert doc.date == "2025-08-06"
    assert doc.text == sample_text  # the date line stays in the text; offsets are unchanged
    assert figures(doc)["doc_date"].unique().tolist() == ["2025-08-06"]
