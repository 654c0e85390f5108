"""What a measure is about, read from the dependency parse (engine.measured_entity.parsed_measure_entity)."""

import pytest

from extract import figures
from extract.engine.measured_entity import parsed_measure_entity
from extract.engine.parse import parse


def _parsed(sentence: str, surface: str) -> str:
    doc = parse([sentence])[0]
    start = sentence.index(surface)
    return parsed_measure_entity(doc, start, start + len(surface))


@pytest.mark.parametrize(
    ("sentence", "surface", "entity"),
    [
        # The subject of the verb that carries the figure, past a frame noun ("a record high of").
        ("Nickel hit a record high of $31,000 a tonne in March.", "$31,000", "Nickel"),
        # The object a change verb moves "by" a figure.
        ("The central bank lowered interest rates by 0.5% on Thursday.", "0.5%", "interest rates"),
        # "<figure> of X".
        ("Councils spend 42% of their budgets on care.", "42%", "their budgets"),
        # "X for <figure>", "X with <figure>".
        ("The clinic received a bill for $8,000 from the supplier.", "$8,000", "bill"),
        # The noun a figure modifies.
        ("Workers accepted a 4% pay offer.", "4%", "pay offer"),
        # A dimension noun measures the subject's dimension.
        ("The ship sank in a channel at a depth of 30 metres.", "30 metres", "ship"),
        # An infinitive's subject: "expects exports to grow".
        ("The ministry expects exports to grow 6% next year.", "6%", "exports"),
    ],
)
def test_parsed_entity(sentence, surface, entity):
    assert _parsed(sentence, surface) == entity


def test_a_date_is_never_what_is_measured():
    assert _parsed("In 2019 the fee rose to $40.", "$40") == "fee"


def test_the_table_takes_the_parse_where_the_shallow_reading_gives_a_verb():
    table = figures("Hopes for Chile's copper exports were scaled back to 3.0% from 3.4%.")
    assert table["entity"].tolist() == ["Hopes for Chile's copper exports"] * 2
    assert figures("Zinc touched a peak of $3,100 a tonne set in late June.")["entity"].tolist() == ["Zinc"]


def test_a_file_date_line_is_not_glued_to_the_first_sentence():
    table = figures("date 2024-03-01 Sales of bicycles rose 12% in the year.")
    assert table["entity"].tolist() == ["Sales of bicycles"]
    assert "date" not in table["sentence"].iloc[0]
