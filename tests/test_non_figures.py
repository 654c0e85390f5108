"""Numbers that are not statistics never become figures."""

import pytest

from extract import figures


@pytest.mark.parametrize(
    "text",
    [
        "A deal must be reached before August 8.",
        "This will remove Aug. 8 as the date.",
        "The report is dated 2025-08-06.",
        "The law was passed in 2003.",
        "Talks ended around 2.40pm local time.",
        "The layup came with 4:39 left to play.",
        "Results for the fourth quarter were mixed.",
        "He scored in the 96th minute.",
        "Leaders of the G-7 met on Monday.",
        "The phone supports 5G networks.",
        "There is zero military sense in this strike.",
        "Russia might offer a halt to missile attacks.",
        "It is one of the best screens around.",
        "The FTSE 100 closed lower.",
        "They drew 2-0 at home.",
        "Apple unveiled the iPhone 11 Pro.",
        "She lives at 575 Wilbraham Road.",
        "Prices fell in the first half of this year.",
        "Ana Cole, 41, said she moved.",
    ],
)
def test_not_a_figure(text):
    assert figures(text).empty, figures(text)[["surface"]].to_dict("records")


def test_figures_beside_non_figures_survive():
    table = figures("Before August 8, more than 6,700 civilians were killed, at 2.40pm on Aug. 8.")
    assert table["surface"].tolist() == ["more than 6,700"]


def test_numbers_inside_markup_or_code_are_not_figures():
    table = figures('Costs rose 9% <img width=300 src=x onerror="window.flag=1"> and id_2 was kept.')
    assert table["surface"].tolist() == ["9%"]


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        # A bare number between a determiner and one thing names the thing (a model, a year) ...
        ("Motorola's 3300 handset sold well in Spain.", []),
        ("The 1642 manuscript, kept in Leiden, was restored.", []),
        # ... but a number and its noun that together describe the next noun count it,
        ("The council published a 400 page report.", ["400"]),
        # and a number before a plural noun or a noun that names a group counts them.
        ("The firm hired 300 staff and bought 12 engines.", ["300", "12"]),
    ],
)
def test_a_number_before_one_thing_names_it(text, surfaces):
    assert figures(text)["surface"].tolist() == surfaces
