"""Places split off what a figure measures, read with CLDR's territory names."""

import pytest

from extract.checks.places import place_mentions, place_names, same_place, split_place


@pytest.mark.parametrize("phrase, expected", [
    ("UK inflation", ("inflation", "United Kingdom")),
    ("inflation in the UK", ("inflation", "United Kingdom")),
    ("Average UK house prices", ("Average house prices", "United Kingdom")),
    ("Germany's exports", ("exports", "Germany")),
    ("unemployment across the eurozone", ("unemployment", "Eurozone")),
    ("US jobs", ("jobs", "United States")),
    ("Inflation in Côte d’Ivoire", ("Inflation", "Côte d’Ivoire")),
    ("Bank of America shares", ("Bank of America shares", "")),
    ("US Airways passengers", ("US Airways passengers", "")),
    ("us and them", ("us and them", "")),
    ("a chad of paper", ("a chad of paper", "")),
    ("unemployment rate", ("unemployment rate", "")),
    ("trade between France and Spain", ("trade between", "France and Spain")),
])
def test_split_place(phrase, expected):
    assert split_place(phrase) == expected


def test_the_names_come_from_cldr_with_the_short_forms_news_writes():
    names = place_names()
    assert names["united kingdom"] == names["uk"] == names["britain"] == "United Kingdom"
    assert names["kyrgyzstan"] == "Kyrgyzstan" and names["sub-saharan africa"] == "Sub-Saharan Africa"
    assert "united nations" not in names and "world" not in names
    assert [m.place for m in place_mentions("Exports from Japan to the U.S. rose.")] == ["Japan", "United States"]


def test_same_place():
    assert same_place("France", "France") is True
    assert same_place("France", "United Kingdom") is False
    assert same_place("", "France") is None
