"""Not figures, from the parse and named entities: periods that date a figure, people named by age,
ordinals, and number words inside names and words."""

import pytest

from extract import figures


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        # A period that only dates another figure is not a figure ...
        ("Turnover grew 7% in the first nine months of the year.", ["7%"]),
        ("Rents climbed 3% over four months.", ["3%"]),
        # ... but a duration that is the statement stays one.
        ("The stoppage lasted five weeks.", ["five weeks"]),
        # A person named by age is not a statistic; an age that modifies a noun stays one.
        ("The 23-year-old signed for Hull.", []),
        # An ordinal written as a word modifies a noun; it counts nothing.
        ("It was her seventh title in a row.", []),
        # Number words that are part of a name or of a hyphenated word.
        ("The Famous Five books still sell.", []),
        ("He plays at scrum-half for Bath.", []),
    ],
)
def test_not_a_figure(text, surfaces):
    assert figures(text)["surface"].tolist() == surfaces


def test_an_age_before_a_noun_stays_a_figure():
    table = figures("A 61-year-old woman was rescued.")
    assert table[["surface", "unit", "entity"]].values.tolist() == [["61-year-old", "year of age", "woman"]]
