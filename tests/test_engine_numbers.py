"""The number grammar (extract/engine/numbers.py): numbers in digits and in words, as written.

Each class has sentences written here; the parsers also face hypothesis: any whole number spelt
out in British English, any number with thousands separators, any scale suffix after a currency.
"""

import math

import pytest
from fuzzing import FUZZ, ran
from hypothesis import given
from hypothesis import strategies as st

from extract import figures
from extract.engine.numbers import find_numbers

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
          "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def spell(n: int) -> str:
    """n in words, the British way: 'a hundred and twenty thousand' is spelt 'one hundred and twenty thousand'."""
    if n < 20:
        return _UNITS[n]
    if n < 100:
        return _TENS[n // 10] + ("-" + _UNITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        return _UNITS[n // 100] + " hundred" + (" and " + spell(rest) if rest else "")
    for scale, word in ((10**9, "billion"), (10**6, "million"), (1000, "thousand")):
        if n >= scale:
            head, rest = divmod(n, scale)
            tail = "" if not rest else (" and " if rest < 100 else " ") + spell(rest)
            return spell(head) + " " + word + tail
    raise AssertionError(n)


def only(sentence: str):
    mentions = find_numbers(sentence)
    assert len(mentions) == 1, mentions
    mention = mentions[0]
    return mention, sentence[mention.start:mention.end]


def one_figure(sentence: str):
    table = figures(sentence)
    assert len(table) == 1, table[["surface", "value", "unit"]].values.tolist()
    return table.iloc[0]


@pytest.mark.parametrize("sentence, surface, value", [
    ("The estate sold for a hundred and twenty thousand pounds last spring.", "a hundred and twenty thousand", 120_000),
    ("About a thousand walkers joined the march.", "a thousand", 1_000),
    ("They planted a hundred million trees.", "a hundred million", 100_000_000),
    ("Half a million visitors came to the fair.", "Half a million", 500_000),
    ("A quarter of a million homes lost power.", "A quarter of a million", 250_000),
    ("One and a half million tickets were printed.", "One and a half million", 1_500_000),
    ("Forty-two thousand runners finished.", "Forty-two thousand", 42_000),
])
def test_numbers_written_in_words(sentence, surface, value):
    mention, written = only(sentence)
    assert (written, mention.value, mention.written_in_words) == (surface, value, True)


@pytest.mark.parametrize("sentence, values", [
    # Two number words that cannot continue one number are two numbers, never their sum.
    ("They lost three Six Counties derbies.", [3, 6]),
    ("He bowled four six-ball overs.", [4, 6]),
    ("Ninety nine pupils and two hundred and twelve parents came.", [99, 212]),
])
def test_number_words_that_do_not_continue_a_number(sentence, values):
    assert [m.value for m in find_numbers(sentence)] == values


@pytest.mark.parametrize("sentence, surface, value", [
    # An ordinal is a denominator when hyphenated to its numerator ...
    ("Spending was one-twentieth of the target.", "one-twentieth", 0.05),
    ("Three-eighths of the field was sown.", "Three-eighths", 0.375),
    ("He won by two hundredths of a second.", "two hundredths", 0.02),
])
def test_fractions_with_ordinal_denominators(sentence, surface, value):
    mention, written = only(sentence)
    assert (written, mention.value) == (surface, pytest.approx(value))


def test_an_ordinal_alone_is_not_a_fraction():
    assert figures("She won her sixth title.").empty




def test_a_fraction_sign_after_digits_belongs_to_them():
    row = one_figure("Mortgage rates held at 3½ per cent in March.")
    assert (row["surface"], row["value"], row["unit"]) == ("3½ per cent", 3.5, "%")
    mention, written = only("The pipe is 12¾ inches wide.")
    assert (written, mention.value) == ("12¾", 12.75)


@pytest.mark.parametrize("sentence, surface, value, unit", [
    ("The recall covers 35m of its laptops.", "35m", 35e6, "laptop"),
    ("The app has 12m users in Brazil.", "12m", 12e6, "user"),
    ("The planet now holds 8 B people.", "8 B", 8e9, "people"),
    ("The bridge is 35m long.", "35m", 35.0, "metre"),
    ("The last 100m of the course is uphill.", "100m", 100.0, "metre"),
    # A compound may stand between the scale and what it counts; a dimension word may not.
    ("The archive holds 40m news photos.", "40m", 40e6, "photo"),
    ("The 12m high gates were shut.", "12m", 12.0, "metre"),
    # Past a modifier, a word that can be a verb is one; records are counted, not run.
    ("The 30m tower stands by the river.", "30m", 30.0, "metre"),
    ("The band has sold 10m records worldwide.", "10m", 10e6, "record"),
    # A people, written with a capital, right after the number; not a river after "of the".
    ("About 60m Americans watched.", "About 60m", 60e6, "american"),
    ("The last 100m of the Thames is tidal.", "100m", 100.0, "metre"),
])
def test_a_scale_letter_before_what_is_counted_is_a_scale_not_metres(sentence, surface, value, unit):
    rows = figures(sentence)
    row = rows[rows["surface"].str.startswith(surface)].iloc[0]
    assert (row["value"], row["unit"]) == (value, unit)


def test_a_currency_symbol_may_stand_apart_from_its_number():
    row = one_figure("The club paid £ 6.40 million for the striker.")
    assert (row["surface"], row["value"], row["unit"]) == ("£ 6.40 million", 6.4e6, "GBP")


def test_scientific_notation_is_one_number_or_none():
    assert [(m.value, m.start, m.end) for m in find_numbers("Avogadro's number is 6.02e23 per mole.")] \
        == [(6.02e23, 21, 28)]
    # 1e309 overflows a float: no number at all, never the 309 written after its "e".
    assert figures("The claim was for 1e309 dollars.").empty
    # A capital E between whole numbers names a model, not a power of ten.
    assert figures("The airline chose the 4E8 over its rival.").empty
    assert figures("It ordered 12 of the 4E8 jets.")["surface"].tolist() == ["12"]


@pytest.mark.parametrize("sentence, low, high", [
    ("Hundreds of volunteers cleared the beach.", 100, 1000),
    ("Tens of thousands of fans lined the route.", 1e4, 1e5),
    ("Several hundred flights were cancelled.", 300, 900),
    ("Dozens of shops closed early.", 12, 120),
])
def test_a_vague_plural_has_an_interval_and_no_value(sentence, low, high):
    row = one_figure(sentence)
    assert math.isnan(row["value"]) and (row["low"], row["high"], row["qualifier"]) == (low, high, "range")


@FUZZ
@given(st.integers(min_value=1, max_value=999_999_999))
def test_any_whole_number_spelt_out_reads_back(n):
    ran("number grammar: words read back")
    words = spell(n)
    mentions = find_numbers(f"They counted {words} of them.")
    assert [(m.value, m.written_in_words) for m in mentions] == [(n, True)], words


@FUZZ
@given(st.integers(min_value=1000, max_value=10**12), st.integers(min_value=0, max_value=99))
def test_any_number_with_thousands_separators_reads_back(whole, cents):
    ran("number grammar: separators read back")
    text = f"The fund holds {whole:,}.{cents:02d} in cash."
    mentions = find_numbers(text)
    assert len(mentions) == 1
    assert mentions[0].value == pytest.approx(whole + cents / 100, rel=1e-12)
    assert text[mentions[0].start:mentions[0].end] == f"{whole:,}.{cents:02d}"


@FUZZ
@given(st.integers(min_value=1, max_value=999), st.sampled_from([("bn", 1e9), ("m", 1e6), ("tn", 1e12), ("k", 1e3)]),
       st.sampled_from([("$", "USD"), ("£", "GBP"), ("€", "EUR"), ("HK$", "HKD"), ("CHF ", "CHF")]))
def test_a_scale_suffix_after_a_currency_multiplies(amount, suffix, currency):
    ran("number grammar: currency scale suffix")
    (letters, scale), (prefix, code) = suffix, currency
    mention, _ = only(f"Profit reached {prefix}{amount}{letters} last year.")
    assert (mention.value, mention.currency) == (pytest.approx(amount * scale), code)


@pytest.mark.parametrize("sentence, surface, value, unit", [
    ("She finished in three hours 41 minutes 7 seconds.", "three hours 41 minutes 7 seconds", 13267, "second"),
    ("The crossing took 4 hours and 35 minutes.", "4 hours and 35 minutes", 275, "minute"),
    ("He improved his best by two minutes 9 secs.", "two minutes 9 secs", 129, "second"),
])
def test_a_duration_written_in_parts_is_one_figure_in_its_smallest_unit(sentence, surface, value, unit):
    row = one_figure(sentence)
    assert (row["surface"], row["value"], row["unit"]) == (surface, value, unit)


def test_durations_in_the_wrong_order_stay_apart():
    table = figures("The bus came 10 minutes late, 3 hours after the train.")
    assert table["surface"].tolist() == ["10 minutes", "3 hours"]


def test_a_number_too_large_for_a_float_is_no_number():
    assert find_numbers("9" * 400 + " people") == []
    assert find_numbers("1" + "0" * 320 + " billion stars") == []


@pytest.mark.parametrize(("sentence", "expected"), [
    # Hours, minutes and seconds of a time taken are one duration, in seconds.
    ("He won the marathon in 2:08:30 on Sunday.", [("2:08:30", 7710.0)]),
    ("Her record of 1:59:40.5 still stands.", [("1:59:40.5", 7180.5)]),
    # Minutes and seconds with a fraction of a second, which no clock shows, even after an ordinal.
    ("Okoro won in 3:41.07 and Lind came second in 3:42.5.", [("3:41.07", 221.07), ("3:42.5", 222.5)]),
    # A time of day is not one.
    ("The polls closed at 10:00:00 local time.", []),
    ("The alarm rang at 6:15:00 am.", []),
])
def test_race_times(sentence, expected):
    found = [(sentence[m.start:m.end], m.value) for m in find_numbers(sentence) if m.unit == "second"]
    assert found == expected


@pytest.mark.parametrize(("sentence", "surface", "unit"), [
    ("The minister began a week-long visit to Peru.", "week-long", "week"),
    ("A year-long review of the rules ended.", "year-long", "year"),
])
def test_one_unit_of_time_long_is_a_duration_of_one(sentence, surface, unit):
    table = figures(sentence)
    assert table[["surface", "value", "unit", "dimension"]].values.tolist() == [[surface, 1.0, unit, "duration"]]


@pytest.mark.parametrize(("sentence", "value"), [
    ("Some one-and-a-half million homes lost power.", 1.5e6),
    ("She walked two-and-a-half miles.", 2.5),
])
def test_and_a_half_joined_by_hyphens(sentence, value):
    assert [m.value for m in find_numbers(sentence)] == [value]


def test_a_scale_word_joined_by_a_hyphen_scales_the_number():
    found = [(m.value, m.end) for m in find_numbers("The country's 12-million population is young.")]
    assert found == [(12e6, len("The country's 12-million"))]


@pytest.mark.parametrize(("sentence", "surface", "low", "high"), [
    # A plural of a million or more with no "of" is an amount of money after a verb of paying ...
    ("The two groups are investing millions in new lines.", "millions", 1e6, 1e7),
    ("Fraud costs insurers billions every year.", "billions", 1e9, 1e10),
    # ... or before "in" a noun.
    ("The studio wants millions in damages.", "millions", 1e6, 1e7),
])
def test_money_plurals(sentence, surface, low, high):
    found = [(sentence[m.start:m.end], m.low, m.high) for m in find_numbers(sentence) if m.vague]
    assert found == [(surface, low, high)]


@pytest.mark.parametrize(("sentence", "surface", "low", "high"), [
    # A vague plural with no "of" that is itself what is counted: the subject of its verb ...
    ("Thousands marched through the city.", "Thousands", 1e3, 1e4),
    ("Millions have been left without power.", "Millions", 1e6, 1e7),
    ("Dozens were hurt when the stand gave way.", "Dozens", 12, 120),
    ("The bridge closed and hundreds were stranded.", "hundreds", 100, 1000),
    ("These are tales that millions can share.", "millions", 1e6, 1e7),
    ("Thousands flock to the coast", "Thousands", 1e3, 1e4),  # a headline's present tense
    ('The inquiry will look at "hundreds" of contracts.', "hundreds", 100, 1000),  # a quoted plural before "of"
    # ... the object that ends a clause ...
    ("The appeal has helped the charity reach millions.", "millions", 1e6, 1e7),
    # ... or a count of the noun after "more".
    ("The new protocol allows billions more connections.", "billions", 1e9, 1e10),
])
def test_a_vague_plural_standing_as_a_noun_is_a_number(sentence, surface, low, high):
    found = [(sentence[m.start:m.end], m.low, m.high) for m in find_numbers(sentence) if m.vague]
    assert found == [(surface, low, high)]


@pytest.mark.parametrize("sentence", [
    "Supporters turned out in their thousands.",  # a manner, after a determiner
    "He has scored two hundreds this season.",  # cricket's centuries, after a number
    "Fans queued by the hundreds.",
    "They sold hundreds and thousands for cakes.",
])
def test_a_vague_plural_after_a_function_word_or_number_is_no_number(sentence):
    assert [m for m in find_numbers(sentence) if m.vague] == []


@pytest.mark.parametrize("sentence", [
    "The longest period I played was 23 hrs straight.",  # bbc-tech-401: "hrs" once raised StopIteration
    "It lasted 2 hrs 10 mins.",
])
def test_abbreviated_duration_units_are_read(sentence):
    table = figures(sentence)
    assert len(table) == 1 and table["value"].iloc[0] in (23, 130)


@pytest.mark.parametrize("sentence, surface, value, entity", [
    ("The winger scored twice before the interval.", "twice", 2.0, "winger"),
    ("The hosts twice squandered their lead.", "twice", 2.0, None),
    ("Fibre homes download more than twice as much as other homes.", "more than twice", 2.0, None),
    ("The council reported a tenfold rise in complaints.", "tenfold", 10.0, None),
    ("Exports saw a 12-fold jump after the treaty.", "12-fold", 12.0, None),
    ("Visits to the site grew three-fold over the winter.", "three-fold", 3.0, None),
    ("The bells were rung thrice at noon.", "thrice", 3.0, None),
])
def test_how_many_times_is_a_figure_counted_in_times(sentence, surface, value, entity):
    # "twice", "tenfold": a number of times, read as "five times" is, in the unit "time".
    row = one_figure(sentence)
    assert (row["surface"], row["value"], row["unit"], row["dimension"]) == (surface, value, "time", "count")
    if entity is not None:
        assert row["entity"] == entity


@pytest.mark.parametrize("sentence", [
    "Buyers should think twice before signing a long lease.",
    "I have seen the play once or twice.",
    "The newsletter comes out twice-weekly.",
])
def test_twice_in_an_idiom_or_a_compound_is_no_figure(sentence):
    assert figures(sentence).empty


def test_a_proportion_needs_nothing_counted_after_it():
    # "One in five even admitted ...": the share states its own measure, with no noun after it.
    row = one_figure("One in five even confessed to checking email in bed.")
    assert (row["surface"], row["value"], row["unit"]) == ("One in five", 0.2, "")
    mention, written = only("Later, two in five simply gave up.")
    assert (written, mention.value, mention.proportion) == ("two in five", 0.4, True)
    row = one_figure("Among the patients, three out of four recovered within a week.")
    assert (row["surface"], row["value"]) == ("three out of four", 0.75)


@pytest.mark.parametrize("sentence, surface, low, high", [
    ("The garage has fixed dozens of Fiat and Seat cars since May.", "dozens", 12, 120),
    ("Staff handed out thousands of H1N1 vaccines last winter.", "thousands", 1e3, 1e4),
    ("Hundreds of them queued outside the stadium overnight.", "Hundreds", 100, 1000),
])
def test_a_vague_plural_with_of_is_a_figure_even_when_the_counted_noun_is_hard_to_read(sentence, surface, low, high):
    row = one_figure(sentence)
    assert (row["surface"], row["low"], row["high"], row["qualifier"]) == (surface, low, high, "range")
    assert math.isnan(row["value"])


def test_a_bare_several_hundred_still_needs_something_counted():
    assert figures("We hope to see several hundred or even more next year.").empty


@pytest.mark.parametrize("sentence, surface, value", [
    ("An electron weighs about 9.11×10−31 kilograms.", "9.11×10−31", 9.11e-31),
    ("The count reached 6.5 x 10^9 by noon.", "6.5 x 10^9", 6.5e9),
    ("Light covers 3×10⁸ metres each second.", "3×10⁸", 3e8),
])
def test_scientific_notation_with_a_multiplication_sign_is_one_number(sentence, surface, value):
    mentions = find_numbers(sentence)
    assert [(sentence[m.start:m.end], m.value) for m in mentions] == [(surface, pytest.approx(value))]


def test_a_times_sign_without_an_exponent_is_two_numbers():
    assert [m.value for m in find_numbers("The cell measures 2×10 metres.")] == [2.0, 10.0]


@pytest.mark.parametrize("sentence, surface, value", [
    ("The bonus was worth up to PS3.4m last year.", "up to PS3.4m", 3.4e6),
    ("It agreed a PS6.2bn merger.", "PS6.2bn", 6.2e9),
    ("Fees came to PS250,000 in all.", "PS250,000", 250_000.0),
    ("A ticket costs PS12.50 at the door.", "PS12.50", 12.5),
])
def test_the_pound_spelt_ps_by_ascii_transliteration(sentence, surface, value):
    row = one_figure(sentence)
    assert (row["surface"], row["value"], row["unit"]) == (surface, value, "GBP")


def test_ps_before_a_bare_number_is_a_name_not_pounds():
    assert figures("The shop sold the PS4 and the PS5 side by side.").empty


@pytest.mark.parametrize("sentence, surface, qualifier, low, high, unit", [
    ("Some 30-odd walkers set off at dawn.", "Some 30-odd", "approx", 27.0, 33.0, "walker"),
    ("The choir has 40-plus singers.", "40-plus", "lower", 40.0, math.inf, "singer"),
    ("The forum drew 200+ delegates.", "200+", "lower", 200.0, math.inf, "delegate"),
    ("We counted 60 or so boats in the bay.", "60 or so", "approx", 54.0, 66.0, "boat"),
])
def test_an_approximation_written_after_the_number_is_part_of_it(sentence, surface, qualifier, low, high, unit):
    row = one_figure(sentence)
    assert (row["surface"], row["qualifier"], row["low"], row["high"], row["unit"]) \
        == (surface, qualifier, pytest.approx(low), high if math.isinf(high) else pytest.approx(high), unit)


@pytest.mark.parametrize("sentence, surface, value", [
    ("The arena holds 38 000 fans.", "38 000", 38_000.0),
    ("Voters cast 2 475 000 ballots.", "2 475 000", 2_475_000.0),
    ("The grant was €7\u00a0500 in all.", "€7\u00a0500", 7_500.0),
])
def test_thousands_set_apart_by_spaces(sentence, surface, value):
    row = one_figure(sentence)
    assert (row["surface"], row["value"]) == (surface, value)


def test_a_space_before_three_digits_glued_to_a_letter_is_no_thousands_group():
    assert [m.value for m in find_numbers("She swam 4 200m medleys.")][0] == 4.0


@pytest.mark.parametrize("sentence, surface, value, unit", [
    ("The striker earns £2.5 m a year.", "£2.5 m a year", 2.5e6, "GBP/year"),
    ("The fund holds $4 b of bonds.", "$4 b", 4e9, "USD"),
    ("The fence is 2 m tall.", "2 m", 2.0, "metre"),
])
def test_a_spaced_scale_letter_after_a_currency_is_a_scale(sentence, surface, value, unit):
    row = one_figure(sentence)
    assert (row["surface"], row["value"], row["unit"]) == (surface, value, unit)


def test_a_hyphenated_proportion_is_one_share():
    row = one_figure("One-in-three renters moved last year.")
    assert (row["surface"], row["value"], row["unit"]) == ("One-in-three", pytest.approx(1 / 3), "renter")


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=99),
       st.sampled_from([("m", 10**6), ("bn", 10**9), (" million", 10**6), (" billion", 10**9)]))
def test_a_scaled_decimal_is_the_exact_amount_it_writes(whole, hundredths, scale):
    # "4.1m" is 4,100,000 to the last digit, not the binary product 4099999.9999999995.
    suffix, factor = scale
    written = f"{whole}.{hundredths:02d}"
    mention, _ = only(f"The club paid €{written}{suffix} for him.")
    assert mention.value == (whole * 100 + hundredths) * factor // 100


@pytest.mark.parametrize("sentence, surface, qualifier, unit", [
    # "a"/"an" stands for one after a bound, a word of approximation or a verb of time spent.
    ("Talks lasted less than an hour.", "less than an hour", "upper", "hour"),
    ("The hearing lasted around an hour.", "around an hour", "approx", "hour"),
    ("He waited a year before he spoke.", "a year", "exact", "year"),
    ("The repair took about a week.", "about a week", "approx", "week"),
    # A word of exactness is a bound like "just": the article still stands for one.
    ("The champion won in precisely an hour.", "an hour", "exact", "hour"),
    # ... and before "or so" after its unit.
    ("They rested for a day or so before the final.", "a day or so", "approx", "day"),
])
def test_an_article_that_stands_for_one(sentence, surface, qualifier, unit):
    row = one_figure(sentence)
    assert (row["surface"], row["value"], row["qualifier"], row["unit"]) == (surface, 1.0, qualifier, unit)


def test_an_article_or_two_is_a_range_from_one_to_two():
    row = one_figure("The pitch needs a week or two to recover.")
    assert (row["surface"], row["low"], row["high"], row["qualifier"], row["unit"]) == (
        "a week or two", 1.0, 2.0, "range", "week")


@pytest.mark.parametrize("sentence", [
    "It happened about a year ago.",  # a point in time
    "A week or so later, the shop shut.",
    "The firm took a stake in the bank.",  # no measure after the article
    "The party talked about a second referendum.",  # the ordinal "second"
    "The council took a second look.",
])
def test_an_article_that_does_not(sentence):
    assert figures(sentence).empty


@pytest.mark.parametrize("sentence, surface, value", [
    # After "first", "another", "next" ... a scale word alone is one of it.
    ("The first million buyers get a free case.", "million", 1e6),
    ("The council needs another billion pounds.", "billion pounds", 1e9),
])
def test_a_scale_word_standing_for_one_of_it(sentence, surface, value):
    row = one_figure(sentence)
    assert (row["surface"], row["value"]) == (surface, value)


def test_a_scale_word_inside_a_compound_is_no_number():
    assert figures("The million-pound house sold at last.").empty


@pytest.mark.parametrize(
    ("sentence", "figures_read"),
    [
        # A change verb right before "X to Y" makes a change and then a level ...
        ("Brent crude fell $1.74 to $38.10 a barrel.", [("$1.74", 1.74, "down"), ("$38.10 a barrel", 38.1, "")]),
        ("Inflation rose 0.4% to 2.9% in May.", [("0.4%", 0.4, "up"), ("2.9%", 2.9, "")]),
        # ... while a bare spread close to its first end stays one range.
        ("Output fell 2 to 3% in the quarter.", [("2 to 3%", 2.5, "down")]),
    ],
)
def test_a_change_verb_before_x_to_y(sentence, figures_read):
    table = figures(sentence)
    assert list(zip(table["surface"], table["value"], table["direction"], strict=True)) == figures_read


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        # "m" after a race distance is metres, even before "crown" or before another number's noun ...
        ("He added the 10,000m crown a week later.", [10000.0]),
        ("She ran the 5,000m three days later.", [5000.0, 3.0]),
        # ... and a scale before money or before what is counted.
        ("The deal was worth 80m crowns.", [80_000_000.0]),
        ("The site has 25m users.", [25_000_000.0]),
    ],
)
def test_metres_and_millions_after_a_number(sentence, values):
    assert [m.value for m in find_numbers(sentence)] == values


@pytest.mark.parametrize(
    ("sentence", "surface", "value"),
    [
        ("The 6ft 5in lock was rested.", "6ft 5in", 77.0),
        ("She stands 5 feet 8 inches tall.", "5 feet 8 inches", 68.0),
    ],
)
def test_feet_and_inches_are_one_length_in_inches(sentence, surface, value):
    table = figures(sentence)
    assert table[["surface", "value", "unit"]].values.tolist() == [[surface, value, "inch"]]


def test_a_scale_letter_counts_a_noun_after_an_abbreviation():
    table = figures("The firm has sold almost 3m PSP consoles.")
    assert table[["value", "unit"]].values.tolist() == [[3_000_000.0, "console"]]


@pytest.mark.parametrize(
    ("sentence", "surface", "unit"),
    [
        # Every vague plural of the lexicon opens a number, "trillions" included.
        ("The processor performs trillions of operations a second.", "trillions", "operation"),
        # A capital letter inside a name before what is counted.
        ("The club has won three Serie A titles.", "three", "title"),
    ],
)
def test_vague_plurals_and_letters_inside_names(sentence, surface, unit):
    table = figures(sentence)
    assert table[["surface", "unit"]].values.tolist() == [[surface, unit]]


@pytest.mark.parametrize(
    ("sentence", "surfaces"),
    [
        # A year after a preposition of time is no end of a range: the level reached comes after it.
        ("Orders climbed 8% during 2003 to 41,500.", ["8%", "41,500"]),
        ("Staff numbers fell in 2001 to 1,200.", ["1,200"]),
        # Two years stay a span of time; numbers with separators stay a range.
        ("Membership rose from 1998 to 2002.", []),
        ("Crowds grew from 1,500 to 2,000.", ["1,500", "2,000"]),
    ],
)
def test_a_year_is_no_end_of_a_range(sentence, surfaces):
    assert figures(sentence)["surface"].tolist() == surfaces


@pytest.mark.parametrize(("sentence", "surfaces"), [
    # "once" joined to another count of times counts one ...
    ("She broke twice in the opening set and once in the next.", ["twice", "once"]),
    ("He has won it twice and drawn once.", ["twice", "once"]),
    # ... not "once again", "once more" or "once" alone.
    ("It rose twice and then once again fell.", ["twice"]),
    ("Once the deal was signed, shares rose 4%.", ["4%"]),
])
def test_once_beside_another_count_of_times(sentence, surfaces):
    assert figures(sentence)["surface"].tolist() == surfaces
