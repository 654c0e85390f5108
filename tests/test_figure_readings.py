"""Values, scale words, qualifiers, directions, units and normalisation of single figures."""

import math

import pytest

from extract import figures


def one(text: str):
    table = figures(text)
    assert len(table) == 1, table[["surface", "value", "unit"]].to_dict("records")
    return table.iloc[0]


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit", "dimension"),
    [
        ("Profits reached $1.13bn last year.", "$1.13bn", 1.13e9, "USD", "currency"),
        ("The club paid £600m for it.", "£600m", 6e8, "GBP", "currency"),
        ("They sold 464,000 homes.", "464,000", 464000.0, "home", "count"),
        ("She bought a dozen eggs.", "a dozen", 12.0, "egg", "count"),
        ("It cost 10.5 million Australian dollars.", "10.5 million Australian dollars", 1.05e7, "AUD", "currency"),
        ("Net profit was Y=590 billion.", "Y=590 billion", 5.9e11, "JPY", "currency"),
        ("The index rose 2 percentage points.", "2 percentage points", 2.0, "percentage point", "percentage point"),
        ("The bank cut rates by 25 basis points.", "25 basis points", 25.0, "basis point", "percentage point"),
        ("There were 4 hundred million people.", "4 hundred million", 4e8, "people", "count"),
        ("Shares closed at 118.5p on Friday.", "118.5p", 118.5, "GBp", "currency"),
        ("The storm travelled 30 km inland.", "30 km", 30.0, "kilometre", "length"),
        ("The rent is $3500 a month.", "$3500 a month", 3500.0, "USD/month", "currency"),
    ],
)
def test_values_units_and_scale_words(text, surface, value, unit, dimension):
    row = one(text)
    assert (row.surface, row.value, row.unit, row.dimension) == (surface, value, unit, dimension)
    assert text[row.start:row.end] == row.surface


@pytest.mark.parametrize(
    ("text", "qualifier", "low", "high"),
    [
        ("More than 6700 civilians were killed.", "lower", 6700, math.inf),
        ("Over 500 jobs went.", "lower", 500, math.inf),
        ("At least 40 people died.", "lower", 40, math.inf),
        ("Less than 20 people came.", "upper", 0, 20),
        ("Up to 400 jobs will go.", "upper", 0, 400),
        ("Under 30 staff remain.", "upper", 0, 30),
        ("About 90 people came.", "approx", 81, 99),
        ("Some 300 homes flooded.", "approx", 270, 330),
        ("Nearly 7,000 people fled.", "approx", 6300, 7000),
        ("Almost 100 shops shut.", "approx", 90, 100),
        ("Between 5 and 10 people were hurt.", "range", 5, 10),
        ("Prices rose 5-10% last year.", "range", 5, 10),
        ("Exactly 13 units were sold.", "exact", 13, 13),
    ],
)
def test_qualifiers_and_intervals(text, qualifier, low, high):
    row = one(text)
    assert row.qualifier == qualifier
    assert row.low == pytest.approx(low) and row.high == pytest.approx(high)


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("Sales jumped 76% in 2004.", "up"),
        ("Output fell 2.1% last month.", "down"),
        ("Shares were down 2.3% on Monday.", "down"),
        ("BioView closed 34.4% higher.", "up"),
        ("On Wall St the Nasdaq was +0.8%.", "up"),
        ("The firm has halved its workforce.", "down"),
        ("Inflation is 2.5% now.", ""),
        ("Revenue rose to $7.36bn.", ""),
    ],
)
def test_directions(text, direction):
    table = figures(text)
    assert table.iloc[0].direction == direction


def test_change_and_levels_stay_separate():
    table = figures("Sales jumped 76% to $1.13bn in 2004, from $639m.")
    assert table[["surface", "value", "direction"]].values.tolist() == [
        ["76%", 76.0, "up"], ["$1.13bn", 1.13e9, ""], ["$639m", 6.39e8, ""],
    ]


def test_ranges_with_units_on_both_ends():
    row = one("Fruit prices should rise between 5% and 6% next year.")
    assert (row.surface, row.low, row.high, row.qualifier, row.unit) == ("between 5% and 6%", 5.0, 6.0, "range", "%")
    row = one("A penalty of $2 billion to $6 billion is likely.")
    assert (row.low, row.high, row.unit) == (2e9, 6e9, "USD")
    row = one("Apple had projected US $89 to $93 billion in revenue.")
    assert (row.low, row.high) == (8.9e10, 9.3e10)


@pytest.mark.parametrize(
    ("text", "norm_value", "norm_unit"),
    [
        ("Russia gained 886 square miles.", 2294.73, "km²"),
        ("It weighs 278kg in total.", 278.0, "kg"),
        ("They drove 100 miles.", 160934.4, "m"),
        ("The oven hit 500 degrees Celsius.", 500.0, "°C"),
        ("A 5.5kWh battery was fitted.", 5.5, "kWh"),
        ("The price was 19 cents.", 0.19, "USD"),
    ],
)
def test_normalisation_with_pint(text, norm_value, norm_unit):
    row = one(text)
    assert row.norm_value == pytest.approx(norm_value, rel=1e-4)
    assert row.norm_unit == norm_unit


def test_counted_noun_is_the_entity():
    row = one("More than 6,650 employees will lose their jobs.")
    assert (row.unit, row.entity, row.dimension) == ("employee", "employees", "count")


def test_percent_of_phrase_is_the_entity():
    assert one("India bought 51% of Russian exports.").entity == "Russian exports"


def test_sources():
    assert one("Unemployment hit 5% in May, the Office for National Statistics said.").source == \
        "Office for National Statistics"
    # A described source, not named: the description (issue 11; it used to be empty).
    assert one("Inflation was 3%, according to the central bank.").source == "central bank"
    assert one("\"We sold 500 cars,\" said Jane Smith.").source == "Jane Smith"
    table = figures("Analyst Mary Jones praised the firm. She said it sold 500 cars.")
    assert table.iloc[0].source == "Mary Jones" and table.iloc[0].source_cue == "she said"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A fraction "of a" unit is measured in that unit.
        ("A cup holds 1/8 of a US gallon.", [("1/8 of a US gallon", 0.125, "gallon", "volume")]),
        # A decimal before a capitalised abbreviation is a measure in it, not a model number.
        ("Smith (2.3 WAR) and Jones (1.1 WAR) were traded.", [("2.3 WAR", 2.3, "WAR", "other"),
                                                              ("1.1 WAR", 1.1, "WAR", "other")]),
        # Hanging hyphens: each number counts the noun the last compound completes.
        ("It offers four-, five- and six-cylinder engines.", [("four", 4.0, "cylinder", "count"),
                                                               ("five", 5.0, "cylinder", "count"),
                                                               ("six", 6.0, "cylinder", "count")]),
        ("They rented a two-bedroom flat.", [("two", 2.0, "bedroom", "count")]),
        ("About 40-odd people came.", [("About 40-odd", 40.0, "people", "count")]),
    ],
)
def test_fractions_of_units_abbreviations_and_hyphen_compounds(text, expected):
    got = [(r.surface, r.value, r.unit, r.dimension) for r in figures(text).itertuples()]
    assert got == expected


def test_between_with_to_is_a_range():
    row = one("The works could take between seven to 10 years.")
    assert (row.surface, row.low, row.high, row.qualifier, row.unit) == \
        ("between seven to 10 years", 7.0, 10.0, "range", "year")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Acme Bhd rose 18 sen to RM3.40.", [("18 sen", "MYR sen", 0.18, "MYR"), ("RM3.40", "MYR", 3.4, "MYR")]),
        ("Initech was down 68 p at 1112 p.", [("68 p", "GBp", 0.68, "GBP"), ("1112 p", "GBp", 11.12, "GBP")]),
    ],
)
def test_sen_and_spaced_pence(text, expected):
    got = [(r.surface, r.unit, r.norm_value, r.norm_unit) for r in figures(text).itertuples()]
    assert got == [(s, u, pytest.approx(v), n) for s, u, v, n in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A minus sign between the currency and the digits.
        ("The trade gap widened to $-12.4bn in March.", [("$-12.4bn", -1.24e10, "exact", "", "USD")]),
        # "by N to M unit": a bare first number close to the second is one change's spread ...
        ("Night temperatures fell by 2 to 3 degrees Celsius (3.6 to 5.4 Fahrenheit).",
         [("2 to 3 degrees Celsius", 2.5, "range", "down", "degree Celsius"),
          ("3.6 to 5.4 Fahrenheit", 4.5, "range", "down", "degree fahrenheit")]),
        ("Ticket sales grew by 4 to 6 percent.", [("4 to 6 percent", 5.0, "range", "up", "%")]),
        # ... but a change and then a far-off level stay two figures.
        ("The gauge rose by 12 to 340.", [("12", 12.0, "exact", "up", ""), ("340", 340.0, "exact", "", "")]),
        # Proportions: "one in five", "3 out of 10".
        ("One in five drivers was fined.", [("One in five", 0.2, "exact", "", "driver")]),
        ("Two out of three tenants rent privately.", [("Two out of three", 2 / 3, "exact", "", "tenant")]),
        ("The striker scored 2 in 10 minutes.", [("2", 2.0, "exact", "", ""), ("10 minutes", 10.0, "exact", "", "minute")]),
        # A model number inside the counted phrase is not a count of its own.
        ("The carrier parked three new 747 Freighter planes.", [("three", 3.0, "exact", "", "plane")]),
        ("The maker shipped 20,400 Model 5s last quarter.", [("20,400", 20400.0, "exact", "", "Model 5")]),
    ],
)
def test_signed_money_by_ranges_proportions_and_model_numbers(text, expected):
    got = [(r.surface, r.value, r.qualifier, r.direction, r.unit) for r in figures(text).itertuples()]
    assert got == [(s, pytest.approx(v), q, d, u) for s, v, q, d, u in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A change named by a noun: "a rise of", "a cut of" ...
        ("The council announced a rise of 4% in parking fees.", [("4%", "exact", "up")]),
        ("Staff face a cut of about 3% in pay.", [("about 3%", "approx", "down")]),
        # ... but a loss is a level, not a change.
        ("The club made a loss of $2m.", [("$2m", "exact", "")]),
        # A change verb, its object, then "by" and the amount.
        ("The lender trimmed its growth outlook by 0.2 percentage points.", [("0.2 percentage points", "exact", "down")]),
        ("The brewer lifted its payout by 8%.", [("8%", "exact", "up")]),
        ("Regulators cut mobile roaming charges by about 15%.", [("about 15%", "approx", "down")]),
        ("Shares rallied after the grocer beat forecasts by 2%.", [("2%", "exact", "")]),
        # More change verbs.
        ("Repair bills ballooned 40% in a year.", [("40%", "exact", "up")]),
        ("The currency tanked 9% overnight.", [("9%", "exact", "down")]),
        ("Savings dwindled 12% last year.", [("12%", "exact", "down")]),
        # A session's close is a change; "closed down 3 branches" is not.
        ("The Hang Seng index ended down 0.7% on Monday.", [("0.7%", "exact", "down")]),
        ("The bourse closed up 1.4% on Friday.", [("1.4%", "exact", "up")]),
        ("The bank closed down 3 branches.", [("3", "exact", "")]),
        # "edged up to" reaches a level; "rise by up to" bounds a change.
        ("Joblessness inched up to 5.2% in June.", [("5.2%", "exact", "")]),
        ("Fares may rise by up to 6% next year.", [("up to 6%", "upper", "up")]),
        # A verbless second clause shares the first clause's change.
        ("Copper was down 1.1%, zinc by 0.8% and tin was flat.", [("1.1%", "exact", "down"), ("0.8%", "exact", "down")]),
        ("Exports rose 4% and imports by 6%.", [("4%", "exact", "up"), ("6%", "exact", "up")]),
        # "the equivalent of" restates a figure, it does not approximate it.
        ("The port handled the equivalent of 8.1 million containers.", [("8.1 million", "exact", "")]),
    ],
)
def test_change_nouns_verb_objects_sessions_and_gapping(text, expected):
    got = [(r.surface, r.qualifier, r.direction) for r in figures(text).itertuples()]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "surface", "unit", "qualifier"),
    [
        ("The diesel has 310 pound-feet of torque.", "310 pound-feet", "pound-foot", "exact"),
        ("The hatchback makes 200 PS.", "200 PS", "metric horsepower", "exact"),
        ("Gas futures ended at US $3.10 per mmBTU.", "US $3.10 per mmBTU", "USD/mega british thermal unit", "exact"),
        ("The flat let at $95 per sq m.", "$95 per sq m", "USD/square metre", "exact"),
    ],
)
def test_torque_metric_horsepower_and_rates(text, surface, unit, qualifier):
    row = one(text)
    assert (row.surface, row.unit, row.qualifier) == (surface, unit, qualifier)


def test_every_bracketed_conversion_keeps_the_bound():
    table = figures("The coupe produces just under 380 hp (283 kW / 385 PS).")
    assert [(r.surface, r.qualifier, r.unit) for r in table.itertuples()] == [
        ("just under 380 hp", "upper", "horsepower"), ("283 kW", "upper", "kilowatt"),
        ("385 PS", "upper", "metric horsepower")]
    assert table.iloc[2].norm_unit == "W"


def test_a_move_from_one_range_to_another():
    table = figures("The carrier cut its capacity outlook from 6 to 8 per cent to 2 to 4 per cent.")
    assert [(r.surface, r.low, r.high, r.qualifier) for r in table.itertuples()] == [
        ("6 to 8 per cent", 6.0, 8.0, "range"), ("2 to 4 per cent", 2.0, 4.0, "range")]
    # A single move stays a before and an after.
    assert figures("Margins rose from 6 to 8 per cent.")["surface"].tolist() == ["6", "8 per cent"]


@pytest.mark.parametrize(("text", "expected"), [
    # A bare number after a count leaves out the count's noun ...
    ("Unite's 900,000 members, the GMB's 60,000 and Usdaw's 30,000 may walk out.",
     [("900,000", "member"), ("60,000", "member"), ("30,000", "member")]),
    # ... also after the first count's own verb.
    ("One driver died and two were hurt.", [("One", "driver"), ("two", "driver")]),
])
def test_a_count_that_leaves_out_its_noun_shares_the_one_before(text, expected):
    assert [(r.surface, r.unit) for r in figures(text).itertuples()] == expected
