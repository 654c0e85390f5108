"""Units after a number (extract/engine/units.py) and the one currency table (extract/engine/currencies.py)."""

import json

import pytest

from extract import figures
from extract.engine.currencies import BABEL_CURRENCIES_JSON, babel_currencies, currency_table, shipped_babel_currencies
from extract.engine.numbers import find_numbers
from extract.engine.units import match_unit_after


def unit_of(sentence: str) -> tuple[str, str, str]:
    table = figures(sentence)
    assert len(table) == 1, table[["surface", "unit"]].values.tolist()
    row = table.iloc[0]
    return row["surface"], row["unit"], row["dimension"]


@pytest.mark.parametrize("sentence, expected", [
    ("The lorry was doing 65 m.p.h. on the bypass.", ("65 m.p.h.", "mile per hour", "speed")),
    ("Trains will run at 200 k.p.h. on the new line.", ("200 k.p.h.", "kilometre per hour", "speed")),
    ("Thermometers showed 38 deg celsius at noon.", ("38 deg celsius", "degree Celsius", "temperature")),
    ("Thermometers showed 98 deg F at noon.", ("98 deg F", "degree fahrenheit", "temperature")),
    ("The shares closed at 245p on Friday.", ("245p", "GBp", "currency")),
    ("The party would put one penny on income tax.", ("one penny", "GBp", "currency")),
])
def test_units_written_with_full_stops_or_abbreviated_degrees(sentence, expected):
    assert unit_of(sentence) == expected


def test_a_currency_symbol_after_a_number_is_its_unit_unless_it_opens_the_next_amount():
    assert unit_of("The ticket costs 50 € at the door.") == ("50 €", "EUR", "currency")
    table = figures("The council will spend by 2012 £35m more on bridges.")
    assert table[["surface", "value", "unit"]].values.tolist() == [["£35m", 35e6, "GBP"]]


def test_a_clock_time_is_never_pence():
    for sentence in ("The polls close at 9 p.m. tonight.", "The polls close at 9p.m. tonight.",
                     "The polls close at 9 pm tonight."):
        assert "GBp" not in figures(sentence)["unit"].tolist(), sentence


@pytest.mark.parametrize("sentence, code", [
    ("The bill came to 40 million Swiss francs.", "CHF"),
    ("Exports were worth 3.2bn South African rand.", "ZAR"),
    ("The deal is worth 900 million Norwegian kroner.", "NOK"),
    ("Wages rose to 1,200 zlotys a month.", "PLN"),
    ("The fare is 350 baht.", "THB"),
    ("The loan was 15bn yuan.", "CNY"),
    ("The stake cost 2.5bn South Korean won.", "KRW"),
    ("They raised 120m NZD from investors.", "NZD"),
    ("Sales hit SGD 45m in the year.", "SGD"),
    ("Fees reached INR 800m.", "INR"),
    ("Costs rose to CNY 3bn.", "CNY"),
    ("It paid ₱ 2,000 to each worker.", "PHP"),
])
def test_currencies_come_from_one_table(sentence, code):
    table = figures(sentence)
    assert code in table["unit"].str.split("/").str[0].tolist(), table[["surface", "unit"]].values.tolist()


def test_a_currency_name_that_is_an_english_word_needs_its_nationality():
    assert figures("The team won 3 real battles.")["unit"].tolist() != ["BRL"]
    assert match_unit_after("They won 5 won", 10) is None
    found = match_unit_after("It cost 5 Brazilian real.", 9)
    assert found is not None and found.unit.name == "BRL"


def test_codes_that_are_english_words_are_not_currencies():
    table = currency_table()
    assert {"TOP", "ALL", "CUP", "PHP"}.isdisjoint(table.codes)
    assert figures("The site moved to PHP 7 last year.").empty
    assert {"CNY", "NZD", "SGD", "CHF", "INR", "ZAR", "USD"} <= table.codes


def test_the_table_is_babels_iso_data():
    table = currency_table()
    assert table.names["swiss francs"] == "CHF" and table.names["indian rupee"] == "INR"
    assert table.prefixes["HK$"] == "HKD" and table.prefixes["₹"] == "INR" and table.prefixes["NZ$"] == "NZD"
    # News defaults where several currencies share a name.
    assert table.names["dollars"] == "USD" and table.names["pounds"] == "GBP" and table.names["rupees"] == "INR"
    assert "dinar" not in table.names  # shared by many, defaulted by none: no guess


def test_the_shipped_currency_json_is_what_babel_says_today():
    shipped = json.loads(BABEL_CURRENCIES_JSON.read_text(encoding="utf-8"))
    assert shipped == babel_currencies(), "babel changed: regenerate with `python -m extract.engine.currencies`"


def test_a_possessive_apostrophe_ends_the_unit_word():
    assert unit_of("The firm accepted three years' outside monitoring.")[:2] == ("three years", "year")
    assert unit_of("Staff must give four weeks' notice.")[:2] == ("four weeks", "week")


def test_every_currency_name_babel_knows_reads_as_its_code():
    for code, entry in shipped_babel_currencies().items():
        for name in (entry["name"], entry["plural"]):
            sentence = f"It cost 5 {name} in all."
            found = match_unit_after(sentence, len("It cost 5"))
            assert found is not None and found.unit.name == code, (code, name)


def test_every_prefix_and_code_before_a_number_reads_as_its_currency():
    table = currency_table()
    for prefix, code in [*table.prefixes.items(), *((c, c) for c in table.codes)]:
        gap = " " if prefix[-1].isalpha() or prefix.endswith(".") else ""
        sentence = f"Profit was {prefix}{gap}40m last year."
        mentions = find_numbers(sentence)
        assert [(m.currency, m.value) for m in mentions] == [(code, 40e6)], (prefix, sentence)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A camera's resolution is reported in megapixels when written as a word ...
        ("Its camera has 16 megapixels.", [("16 megapixels", 16.0, "megapixel")]),
        ("It has a 20-megapixel sensor.", [("20-megapixel", 20.0, "megapixel")]),
        # ... never "MP", which in news is a Member of Parliament.
        ("The party lost 12 MPs.", [("12", 12.0, "mp")]),
    ],
)
def test_megapixels_as_a_word(sentence, expected):
    table = figures(sentence)
    assert [(r.surface, r.value, r.unit) for r in table.itertuples()] == expected
