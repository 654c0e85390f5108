"""Not figures, from the parse and named entities: periods that date a figure, people named by age,
ordinals, and number words inside names and words."""

import pytest

from extract import figures
from extract.engine.non_figures import rejection_reason


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


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        # A period that places an event in time is not an amount, even alone in its sentence.
        ("The bakery opened three years ago.", []),
        ("Twelve months later the mill closed.", []),
        ("Orders slowed over the past two years.", []),
        ("Revisions to the prior three months were small.", []),
        ("It was the wettest summer in 40 years.", []),
        ("It was the best result for five years, with 41% of the vote.", ["41%"]),
        # ... while a duration that is what is measured stays one, even after "last" the verb.
        ("The strike is expected to last six weeks.", ["six weeks"]),
        ("Repairs took nine days.", ["nine days"]),
        # Ages and age groups say who, not how many.
        ("Bus passes go to people over 65, or people who are over 70.", []),
        ("Nine in ten 18 to 24-year-olds own a phone.", ["Nine in ten"]),
        ("She is only 29 years old.", []),
        ("Coach Hale rested 19-year-old Ortiz on Sunday.", []),
        # A percentage of speech, an ordinal after "a", a rank.
        ("The minister said he was 100% confident of a deal.", []),
        ("The club chases a fourth title this season.", []),
        ("He was once world number two.", []),
        # "one" as a determiner after "for", a year long ago, doubles as a noun.
        ("For one reason, the plan failed.", []),
        ("The abbey was founded in 1132 by monks.", []),
        ("The pair lost Saturday's doubles match.", []),
    ],
)
def test_more_non_figures(text, surfaces):
    assert figures(text)["surface"].tolist() == surfaces


def test_a_fraction_after_a_stays_a_figure():
    assert figures("Output fell by a third last year.")["surface"].tolist() == ["a third"]
    assert figures("A third of voters agreed.")["value"].tolist() == [pytest.approx(1 / 3)]


def test_rejection_reason_reads_the_unit_it_is_given():
    sentence = "Prices peaked two years ago."
    start = sentence.index("two")
    reason = rejection_reason(sentence, start, start + 3, 2.0, has_unit=True, has_currency=False,
                              written_in_words=True, counted_noun=False, is_range=False, dimension="duration",
                              unit_end=start + len("two years"))
    assert reason == "period"
    assert rejection_reason(sentence, start, start + 3, 2.0, has_unit=True, has_currency=False,
                            written_in_words=True, counted_noun=False, is_range=False) == ""
