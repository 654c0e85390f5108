"""What a figure is about (`entity`): the counted noun with its owner, the noun a measure
modifies, the subject of the clause, and conversions in brackets."""

import pytest

from extract import figures


def entities(text: str) -> list[tuple[str, str]]:
    return [(r.surface, r.entity) for r in figures(text).itertuples()]


@pytest.mark.parametrize(
    ("text", "surface", "entity"),
    [
        # A count the subject has, employs or scores is the subject's.
        ("Northwind Airlines, which has 4,200 pilots, is hiring again.", "4,200", "Northwind Airlines' pilots"),
        ("The bakery employs about 30 people.", "about 30", "bakery's people"),
        ("Globex said it had 1,200 stores.", "1,200", "Globex's stores"),
        ("Acme on Friday announced plans to lay off 300 engineers.", "300", "Acme's engineers"),
        # A count that belongs to a noun through "of".
        ("A survey of 2,000 British adults found little change.", "2,000", "survey of British adults"),
        # A count stated of a subject measures the subject.
        ("The town's population is roughly 12,000 people.", "roughly 12,000", "town's population"),
        # Verbs that do not make the object the subject's leave the counted noun alone.
        ("Storms hit two coastal villages overnight.", "two", "coastal villages"),
        ("More than 6,650 employees will lose their jobs.", "More than 6,650", "employees"),
    ],
)
def test_count_entities(text, surface, entity):
    assert (surface, entity) in entities(text)


@pytest.mark.parametrize(
    ("text", "surface", "entity"),
    [
        ("Shares in Globex rose 4.5% on Tuesday.", "4.5%", "Shares in Globex"),
        ("Oil prices fell 2% to $71 a barrel.", "$71 a barrel", "Oil prices"),
        ("The Acme Index, the year's best performer, closed 3.2% higher.", "3.2%", "Acme Index"),
        ("Fresh vegetable prices are expected to climb between 3% and 4%.", "between 3% and 4%",
         "Fresh vegetable prices"),
        ("The firm announced a 3% pay rise for its staff.", "3%", "pay rise"),
        ("She bought an $800 espresso machine.", "$800", "espresso machine"),
        ("The team paid a fine of $2m for the breach.", "$2m", "fine"),
        ("About 40% of the harvest was lost.", "About 40%", "harvest"),
    ],
)
def test_measure_entities(text, surface, entity):
    assert (surface, entity) in entities(text)


def test_a_conversion_in_brackets_measures_the_same_thing():
    assert entities("The club paid a fine of 2 million euros ($2.2m) last year.") == [
        ("2 million euros", "fine"), ("$2.2m", "fine"),
    ]
    assert entities("The road is 12 miles (19 km) long.") == [("12 miles", "road"), ("19 km", "road")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A verbless ", up/down ..." clause describes the name before its comma, else the subject.
        ("Globex stock has had a strong year, up 41% after falling 12% in 2022.",
         [("41%", "Globex stock"), ("12%", "Globex stock")]),
        ("The day's biggest losers were Initech, down 14p at 212p.", [("14p", "Initech"), ("212p", "Initech")]),
        # A participle clause ("having increased") hangs on the subject of the clause before it.
        ("The budget gap widened last year, having increased by $2.1bn to $9.8bn.",
         [("$2.1bn", "budget gap"), ("$9.8bn", "budget gap")]),
        # A word after a modal or "to" is a verb, not the thing measured.
        ("The lake can freeze down to minus 20 degrees Celsius.", [("minus 20 degrees Celsius", "lake")]),
        ("The Acme 40 index lost 0.8% to end at 7,412.5.", [("0.8%", "Acme 40 index"), ("7,412.5", "Acme 40 index")]),
        # "$3bn in profits": an amount in a common noun is an amount of it.
        ("The investors are sitting on $3bn in profits.", [("$3bn", "profits")]),
        # A pronoun subject stands for the sentence's first subject, past an opening phrase.
        ("Earlier this week, Initech said it had 450 stores.", [("450", "Initech's stores")]),
        # A measure written as a modifier after "a": "a two million pound house".
        ("It is a two million pound house.", [("two million pound", "house")]),
    ],
)
def test_subjects_of_changes_and_levels(text, expected):
    assert entities(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "N times <noun>": a multiple of the noun, not a count of times.
        ("The shares trade at 8.2 times earnings.", [("8.2", "earnings")]),
        # A count reached "at" or "to" is a level of the subject.
        ("The Acme 40 index rose 1% to close at 7,480 points.", [("1%", "Acme 40 index"), ("7,480", "Acme 40 index")]),
        # "has produced 2m tonnes of copper": the subject's copper.
        ("The mine has produced about 2 million tonnes of copper.", [("about 2 million tonnes", "mine's copper")]),
        # A unit of the previous figure ("12 cents") is not the thing the next one measures.
        ("Initech rose 12 cents to $4.10 on Friday.", [("12 cents", "Initech"), ("$4.10", "Initech")]),
        # "Jane Doe runs": an -s verb after a name; "she" then stands for Jane Doe.
        ("Meanwhile, Jane Doe runs a small blog, where she has about 9,000 readers.",
         [("about 9,000", "Jane Doe's readers")]),
    ],
)
def test_multiples_levels_and_pronouns(text, expected):
    assert entities(text) == expected


def test_a_conversion_in_brackets_keeps_the_change_and_the_bound():
    table = figures("Temperatures dropped by 2 degrees Celsius (3.6 Fahrenheit).")
    assert [(r.surface, r.direction, r.entity) for r in table.itertuples()] == [
        ("2 degrees Celsius", "down", "Temperatures"), ("3.6 Fahrenheit", "down", "Temperatures"),
    ]
    table = figures("Output is capped at just under 296 hp (224 kW).")
    assert [(r.surface, r.qualifier, r.low, r.high) for r in table.itertuples()] == [
        ("just under 296 hp", "upper", 0.0, 296.0), ("224 kW", "upper", 0.0, 224.0),
    ]


def test_counting_is_not_owning_and_a_code_before_the_phrase_is_not_a_number():
    counted = figures("Officials counted 300 victims.")
    assert counted["entity"].tolist() == ["victims"]
    cap = figures("The G7 price cap on Russian seaborne crude oil stands at $65 a barrel.")
    assert cap["entity"].tolist() == ["price cap on Russian seaborne crude oil"]

@pytest.mark.parametrize(
    ("text", "surface", "entity"),
    [
        # An -s form after a singular noun, with only function words before the figure, is the verb.
        ("The new motor delivers 410 hp.", "410 hp", "new motor"),
        ("The turbine generates about 8 MW.", "about 8 MW", "turbine"),
        # A verb-looking noun after a determiner is a noun: "the driving range", "the cost".
        ("The update will extend the driving range by about 40 miles.", "about 40 miles", "driving range"),
        ("The cost was $12m.", "$12m", "cost"),
        # Qualifier words are never the entity.
        ("The merger is worth close to $3 billion.", "close to $3 billion", "merger"),
        ("The bridge will cost in the region of £80m.", "in the region of £80m", "bridge's cost"),
        # A share of a singular noun counts that noun; its verb stays out.
        ("A quarter of the workforce lives abroad.", "A quarter", "workforce"),
    ],
)
def test_verbs_after_nouns_determiners_and_qualifiers(text, surface, entity):
    assert (surface, entity) in entities(text)


def test_share_of_a_plural_compound_keeps_the_compound():
    table = figures("Half of the bus stops were closed.")
    assert [(r.surface, r.value, r.unit, r.entity) for r in table.itertuples()] == [("Half", 0.5, "stop", "bus stops")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "X of <phrase>" past a conversion in brackets, a quantifier or a strength.
        ("The crane lifts 8 tonnes (8,000 kg) of steel.", [("8 tonnes", "steel"), ("8,000 kg", "steel")]),
        ("About 46% of all adults agreed.", [("About 46%", "adults")]),
        ("She added 50mL of 30% vinegar.", [("50mL", "vinegar"), ("30%", "vinegar")]),
        # The owner of "its" is the subject noun, not the words up to the figure.
        ("Revenue fell 10% of its value.", [("10%", "Revenue's value")]),
    ],
)
def test_of_phrases_past_brackets_and_quantifiers(text, expected):
    assert entities(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A clause opened by a present participle describes the subject before it ...
        ("The pound was mixed, easing against the euro to 1.15 but flat versus the yen at 190.",
         [("1.15", "pound"), ("190", "pound")]),
        # ... unless a common noun ends the phrase before its comma: the clause may qualify it.
        ("Acme holds $9m of bonds, ranging from $100 to $2m.", [("$9m", "bonds"), ("$100 to $2m", "bonds")]),
        # A past participle ("revised upward by") qualifies the "X of <figure>" before its comma.
        ("Initech now expects profit of $880m, revised upward by $40m.", [("$880m", "profit"), ("$40m", "profit")]),
    ],
)
def test_participle_clauses_after_a_comma(text, expected):
    assert entities(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A non-restrictive relative clause between the subject and its verb is passed over.
        ("The alloy, which is made of nickel, reached 90 gigapascals.", [("90 gigapascals", "alloy")]),
        # A verb-looking noun right before an auxiliary ends the subject.
        ("The rate of wage increases is expected to rise to 3.1%.", [("3.1%", "rate of wage increases")]),
        # "cause X to rise": the noun before "to <change verb>" is what changes.
        ("Melting glaciers may cause lake levels to climb 9 inches per decade.",
         [("9 inches per decade", "lake levels")]),
        ("Acme expects its revenue to grow 5% this year.", [("5%", "Acme's revenue")]),
        # The agent of a passive ("tuned by Acme to produce") is not what is measured.
        ("Under the bonnet sits a 1.6 liter engine tuned by Acme to deliver just under 310 hp (231 kW).",
         [("1.6 liter", "engine"), ("just under 310 hp", "1.6 liter engine"), ("231 kW", "1.6 liter engine")]),
        # An object pronoun is not what an amount is about.
        ("The ticket cost me 150 euros.", [("150 euros", "ticket's cost")]),
    ],
)
def test_subjects_past_relative_clauses_infinitives_and_agents(text, expected):
    assert entities(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A counted noun's "of" phrase says whose or of what (a time phrase does not).
        ("Five new seasons of the show will air.", [("Five", "new seasons of the show")]),
        ("He pleaded guilty to one count of wire fraud.", [("one", "count of wire fraud")]),
        ("Rebels staged two attacks of the night.", [("two", "attacks")]),
        # A measure "with" a noun is that noun's.
        ("The new tablet has a bigger battery, 5000 mAh, than the old Acme Pad 2 with 3687 mAh.",
         [("5000 mAh", "bigger battery"), ("3687 mAh", "old Acme Pad 2")]),
        # An amount paid or charged "for" something is for that (a time is not).
        ("The lenders ended up paying over $100 million for services that were never delivered.",
         [("over $100 million", "services")]),
        ("The fund charges 1% for management and 15% to 20% for performance fees.",
         [("1%", "management"), ("15% to 20%", "performance fees")]),
        ("Acme paid $5m for the quarter.", [("$5m", "Acme's payment")]),  # a time is not what it is for
    ],
)
def test_of_with_and_for_phrases(text, expected):
    assert entities(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An amount a verb of offering, contributing or claiming takes is that offer, contribution
        # or claim, the subject's own: never the bare subject.
        ("The Dutch bidder had offered €900m, which the board turned down.",
         [("€900m", "Dutch bidder's offer")]),
        ("Norway will contribute 2bn kroner ($190m) to the fund.",
         [("2bn kroner", "Norway's contribution"), ("$190m", "Norway's contribution")]),
    ],
)
def test_the_amount_of_an_offer_or_a_contribution(text, expected):
    assert entities(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A count right after the copula is stated of the subject ...
        ("The crowd was 40,000 people.", [("40,000", "crowd")]),
        # ... but after "the" or other words it names a group of its own.
        ("Lee and Park were the two finalists that were picked.", [("two", "finalists")]),
        ("The expo is a buyer's haven with more than 2,000 new toys on show.", [("more than 2,000", "new toys")]),
        # A qualifier before the measure's own article: the measure still modifies the noun after it.
        ("She is a sharp shooter with roughly a 60% conversion rate.", [("roughly a 60%", "conversion rate")]),
        # A verb of costing in a second clause: the amount is a cost, whatever the parse says of the
        # clause's subject.
        ("The console goes on sale in spring and will cost about $399.", [("about $399", "cost")]),
    ],
)
def test_counts_of_a_copula_and_measures_of_a_noun(text, expected):
    assert entities(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A share "of every" or "of each" thing is of that thing.
        ("The fair is small and 5% of every fee goes to the roof fund.", [("5%", "fee")]),
        # Money a film took or grossed is its takings.
        ("The thriller took $9m (£4.8m) on its opening weekend.",
         [("$9m", "thriller's takings"), ("£4.8m", "thriller's takings")]),
        ("The comedy grossed $31m.", [("$31m", "comedy's takings")]),
        # A percentage right before a lower-case noun phrase measures it, wherever it stands ...
        ("Rules now allow up to 74% foreign ownership of airlines.", [("up to 74%", "foreign ownership")]),
        # ... not before the next item of a list, nor before a time.
        ("Shares rose 5% yesterday.", [("5%", "Shares")]),
        # What is counted after "other", a compound word or a word in quotation marks.
        ("The union will strike with six other transport unions.", [("six", "transport unions")]),
        ("Two of the front-runners pulled out.", [("Two", "front-runners")]),
        ("Three of his team-mates were injured.", [("Three", "team-mates")]),
        # Another number is never what a number counts.
        ("Channel Nine mailed thousands of leaflets.", [("thousands", "leaflets")]),
        ('The patch closes nine "critical" loopholes.', [("nine", "critical loopholes")]),
    ],
)
def test_what_a_share_or_a_count_is_of(text, expected):
    assert entities(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # After a possessive comes its whole noun phrase, whatever the owner's name ends with.
        ("Retail brings in about 40% of Globex's operating profit.", [("about 40%", "Globex's operating profit")]),
        ("Half of Initech's staff work from home.", [("Half", "Initech's staff")]),
        # After "to", a word that can be a verb is one: the phrase is what follows it.
        ("The council hopes to make savings of £8m next year.", [("£8m", "savings")]),
        # Money a film or a firm makes is its earnings; a participle's doer is the phrase before it.
        ("The sequel went on to make over $90m worldwide.", [("over $90m", "sequel's earnings")]),
        # What changed hands "for" an amount; money set aside.
        ("The striker was signed for £6m in 2001.", [("£6m", "striker's transfer fee")]),
        ("The mayor earmarked £2m last week.", [("£2m", "mayor's allocation")]),
        # A price a thing is set at.
        ("The handset is priced at £249.", [("£249", "handset's price")]),
        # What a thing sold for is its sale price.
        ("The portrait sold for $4m.", [("$4m", "portrait's sale price")]),
        # ... not the noun "prices" before "at".
        ("The cap holds gas prices at $8 a unit.", [("$8 a unit", "gas prices")]),
        ("Critics sneered, with the musical making more than $50m on Broadway.",
         [("more than $50m", "musical's earnings")]),
        ("Both did well, with The Return of the Giant making $90m.", [("$90m", "Return of the Giant's earnings")]),
    ],
)
def test_possessives_infinitives_and_earnings(text, expected):
    assert entities(text) == expected


def test_a_clause_of_figures_alone_after_a_semicolon_shares_the_first_clause_entities():
    text = "Homes from $200,000 to $300,000 sold in 40 days; $300,000 to $500,000, 55 days."
    assert entities(text) == [
        ("$200,000 to $300,000", "Homes"), ("40 days", "Homes"),
        ("$300,000 to $500,000", "Homes"), ("55 days", "Homes"),
    ]
    # A clause with words of its own keeps its own entities.
    assert entities("Acme rose 5%; Beta fell 3%.") == [("5%", "Acme"), ("3%", "Beta")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A measure hyphenated to its unit modifies the noun after it, wherever it stands.
        ("The craft made a seven-year, 2.5 billion-mile (4bn km) voyage.",
         [("seven-year", "craft"), ("2.5 billion-mile", "voyage"), ("4bn km", "voyage")]),
        ("It sits on 400 million-year-old bedrock.", [("400 million-year-old", "bedrock")]),
        ("They found a 300,000 year-old skull.", [("300,000 year-old", "skull")]),
    ],
)
def test_hyphenated_measures_modify_the_noun_after_them(text, expected):
    assert entities(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # What a transitive change verb moves "to" or "by" a figure is its object.
        ("Acme lowered its sales guidance for the quarter ended December to $84 billion.",
         [("$84 billion", "Acme's sales guidance")]),
        ("The bank raised the base rate for savers to 5%.", [("5%", "base rate")]),
        # A time word is not what is measured; the parse finds the subject the shallow reading missed.
        ("Acme's guidance for the year ended March came in at $2bn.", [("$2bn", "Acme's guidance")]),
        # A base form after "<plural noun> <-ly adverb>" is the verb.
        ("Diamonds typically score between 50 and 70 on the scale.", [("between 50 and 70", "Diamonds")]),
    ],
)
def test_objects_of_change_verbs_and_time_words(text, expected):
    assert entities(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A word after a modal is a verb, not the thing measured.
        ("Users can grab 300 GB for free.", [("300 GB", "Users")]),
        # A unit glued to a number ("80km/h") is not a phrase.
        ("A hatchback that can reach 0 to 100km/h in about 9 seconds.",
         [("0 to 100km/h", "hatchback"), ("about 9 seconds", "hatchback")]),
        # A measure after another one is a modifier in the same stack.
        ("Drivers enjoy the Acme 640bhp 5.2 litre V10 engine.",
         [("640bhp", "Acme"), ("5.2 litre", "V10 engine")]),
    ],
)
def test_modals_glued_units_and_stacked_modifiers(text, expected):
    assert entities(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A participle of movement "to"/"at" a level hangs on the noun before it.
        ("We may well see the euro going to $1 soon.", [("$1", "euro")]),
        # With nothing else, an amount's "for" phrase says what it is for (a time does not).
        ("Mileage has crept up, from 20 mpg to 29 mpg for small cars, and from 14 mpg to 24 for pickup trucks.",
         [("20 mpg", "Mileage"), ("29 mpg", "small cars"), ("14 mpg", "small cars"), ("24", "pickup trucks")]),
        # "gave up 517 yards" concedes them: the subject's yards.
        ("A defense that gave up 517 rushing yards was beaten.", [("517", "defense's rushing yards")]),
        # A time after "of <measure>" is not what the measure modifies.
        ("The storm had winds of 155mph early Wednesday.", [("155mph", "winds")]),
    ],
)
def test_participles_scopes_and_conceding(text, expected):
    assert entities(text) == expected


@pytest.mark.parametrize(
    ("text", "surface", "entity"),
    [
        # A figure coordinated with or compared to the one before has no words of its own: it is
        # about what that one is about, not a place or a date beside it.
        ("Tests in the old wells came back at 9 ppb and 6 ppb in the new ones.", "6 ppb", "Tests in the old wells"),
        ("The region has 4.1 doctors per 1,000 residents, compared with 3.2 in Wales and 2.9 in Kent.", "3.2",
         "region's doctors"),
        ("The region has 4.1 doctors per 1,000 residents, compared with 3.2 in Wales and 2.9 in Kent.", "2.9",
         "region's doctors"),
        # "this"/"it" as the subject of the later figure's verb stands for the earlier figure's thing.
        ("The recycling rate was 41%, and the council hopes this will rise to 60% by 2030.", "60%",
         "recycling rate"),
        # A figure with a phrase of its own keeps it.
        ("Exports rose 4% and a 2% fall in imports followed.", "2%", "fall in imports"),
    ],
)
def test_a_coordinated_figure_shares_the_entity_before_it(text, surface, entity):
    assert dict(entities(text))[surface] == entity


@pytest.mark.parametrize(
    ("text", "surface", "entity"),
    [
        # What the subject ends up "with" is its own.
        ("The home side finished with 11 players after a late injury.", "11", "home side's players"),
        # A count "on" a noun belongs to that noun's phrase, as "of" does.
        ("The shop announced discounts on 300 garden tools.", "300", "discounts on garden tools"),
    ],
)
def test_counts_with_and_on(text, surface, entity):
    assert dict(entities(text))[surface] == entity


@pytest.mark.parametrize(
    ("text", "surface", "entity"),
    [
        # The noun a measure modifies, as the object of a verb of having, is the subject's.
        ("Jordan Pike had a 62-yard punt return in the second half.", "62-yard", "Jordan Pike's punt return"),
        ("Globex owns a 15% stake in the port.", "15%", "Globex's stake in the port"),
        # Other verbs leave it alone.
        ("The lender reported a 9% fall in bad loans.", "9%", "fall in bad loans"),
    ],
)
def test_a_measured_object_of_a_verb_of_having_is_the_subjects(text, surface, entity):
    assert dict(entities(text))[surface] == entity


@pytest.mark.parametrize(
    ("text", "surface", "entity"),
    [
        # A name after "from", "to" or "on" is not the head of the subject's phrase.
        ("Steel imports from Brazil averaged 2.1 million tonnes a month.", "2.1 million tonnes a month",
         "Steel imports from Brazil"),
        ("Shipments to Japan rose 6% in May.", "6%", "Shipments to Japan"),
        # "its" after an infinitive's subject is that subject's.
        ("Traders expect the reserve bank to lift its cash rate by 25 basis points.", "25 basis points",
         "reserve bank's cash rate"),
    ],
)
def test_a_name_in_the_subject_and_an_infinitives_owner(text, surface, entity):
    assert dict(entities(text))[surface] == entity


@pytest.mark.parametrize(
    ("text", "surface", "entity"),
    [
        # A verb after a modal is a verb, so what it makes is the subject's, as without the modal.
        ("The mill will produce 80,000 tonnes of paper a year.", "80,000 tonnes", "mill's paper"),
        # A dimension the verb's object states is the subject's dimension.
        ("The drone flew at a height of 120 metres.", "120 metres", "drone's height"),
        # What a change verb moves keeps a short "of" phrase.
        ("The treatment cut the risk of relapse by 40%.", "40%", "risk of relapse"),
    ],
)
def test_modal_verbs_dimensions_and_moved_objects(text, surface, entity):
    assert dict(entities(text))[surface] == entity


@pytest.mark.parametrize(
    ("text", "surface", "entity"),
    [
        # A share of the economy's size measures the subject.
        ("The trade deficit widened to 4.2% of GDP.", "4.2%", "trade deficit as a share of GDP"),
        # "per capita" and a gerund with its "on" phrase stay in the subject.
        ("Income per capita in the province is about $9,000.", "about $9,000", "Income per capita in the province"),
        ("Spending on roads is 1.5% of GDP.", "1.5%", "Spending on roads as a share of GDP"),
        # A frame noun with a noun before it names the measure ("market value").
        ("The deal gave the group a market value of $4bn.", "$4bn", "market value"),
        # A participle after a comma is not what is measured; the noun before the comma is.
        ("The mast, standing 240 metres tall, dominates the skyline.", "240 metres", "mast"),
    ],
)
def test_shares_of_gdp_per_capita_frames_and_participles(text, surface, entity):
    assert dict(entities(text))[surface] == entity


@pytest.mark.parametrize(
    ("text", "surface", "entity"),
    [
        # Each mechanism above, again in other topics' wording.
        ("Last winter, roughly 900 slept outside the shelters.", "roughly 900", "those who slept outside the shelters"),
        ("In the survey, 64% say they trust their doctor.", "64%", "those who trust their doctor"),
        ("Of the 300 schools surveyed, a quarter lacked a library.", "a quarter", "schools"),
        ("Of the vaccines tested, 8% failed the checks.", "8%", "vaccines"),
        ("The retailer shaved 5% off its prices.", "5%", "its prices"),
        ("The tariff added $2bn to the company's costs.", "$2bn", "company's costs"),
        ("Lending to small firms fell by 3% last quarter.", "3%", "Lending to small firms"),
        ("Attendance stood at 81% in 2019, and officials hope this will climb to 90%.", "90%", "Attendance"),
        ("The jobless rate was 7.2% in June and it rose to 7.5% in July.", "7.5%", "jobless rate"),
        ("Average rents are $1,800 in Austin and $2,400 in Denver.", "$2,400", "Average rents"),
        ("Wheat yields fell 8% in the north compared with 3% in the south.", "3%", "Wheat yields"),
        ("A three-year contract was signed on Monday.", "three-year", "contract"),
        ("The 48-hour strike disrupted rail services.", "48-hour", "strike"),
        ("Liverpool finished the season with 92 points.", "92", "Liverpool's points"),
        ("The hospital ended the year with 40 vacant posts.", "40", "hospital's vacant posts"),
        ("The authority imposed a ban on 12 pesticides.", "12", "ban on pesticides"),
        ("The shop cut prices on 200 toys before Christmas.", "200", "prices on toys"),
        ("The club owes the taxman £3m.", "£3m", "club's debt to the taxman"),
        ("The utility reported a 6% drop in profits to €900m.", "€900m", "profits"),
        ("Revenue from advertising rose 12% last year.", "12%", "Revenue from advertising"),
        ("Spending on research rose to $4bn.", "$4bn", "Spending on research"),
        ("Investors want the board to raise its dividend by 10%.", "10%", "board's dividend"),
        ("Regulators told the lender to cut its fees by 20%.", "20%", "lender's fees"),
        ("The factory will employ 2,000 workers.", "2,000", "factory's workers"),
        ("The balloon rose to an altitude of 30 kilometres.", "30 kilometres", "balloon's altitude"),
        ("The truck was travelling at a speed of 70 mph.", "70 mph", "truck's speed"),
        ("The bank lowered the cost of borrowing by 0.5 percentage points.", "0.5 percentage points",
         "cost of borrowing"),
        ("The law raised the age of retirement to 67.", "67", "age of retirement"),
        ("Health spending reached 11% of GDP.", "11%", "Health spending as a share of GDP"),
        ("The firm has a book value of £600m.", "£600m", "book value"),
        ("The river reached a flood level of 5 metres.", "5 metres", "flood level"),
        ("The ship, weighing 200,000 tonnes, docked on Monday.", "200,000 tonnes", "ship"),
        ("About 40% of the town's water comes from the reservoir.", "About 40%", "town's water"),
    ],
)
def test_each_mechanism_in_other_wordings(text, surface, entity):
    assert dict(entities(text))[surface] == entity


@pytest.mark.parametrize(
    "text",
    [
        "Acme employs 9,000 drivers, and 1999 was a record year.",
        "The union has 5,000 members, 0800 is its helpline.",
    ],
)
def test_a_year_or_a_number_dialled_never_leaves_out_a_counted_noun(text):
    assert len(figures(text)) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A noun written once, after the last of two counts with their own modifiers.
        ("Two male and three female judges sat.",
         [("Two", "judge", "male judges"), ("three", "judge", "female judges")]),
        # Capitalised names joined by "and" before what is counted.
        ("They are unbeaten in six Premiership and Cup matches.", [("six", "match", "Premiership and Cup matches")]),
        # A maker's model number inside what is counted.
        ("The airline ordered 40 Boeing 747-400 planes.", [("40", "plane", "Boeing 747-400 planes")]),
        ("The carrier wants 12 Airbus A340 jets.", [("12", "jet", "Airbus A340 jets")]),
        # Two adjectives joined by "and" before what is counted.
        ("She sent 40 red and white roses.", [("40", "rose", "red and white roses")]),
    ],
)
def test_counts_that_share_a_noun_written_after_them(text, expected):
    assert [(r.surface, r.unit, r.entity) for r in figures(text).itertuples()] == expected


def test_a_count_that_leaves_out_its_noun_after_a_count_of_it():
    text = "Acme's 9,000 drivers, the Rail Union's 4,000 and Globex's 1,500 will vote."
    table = figures(text)
    assert [(r.surface, r.unit, r.entity) for r in table.itertuples()] == [
        ("9,000", "driver", "drivers"), ("4,000", "driver", "Rail Union's drivers"),
        ("1,500", "driver", "Globex's drivers")]


def test_a_unit_letter_glued_to_a_number_is_no_word_of_a_phrase():
    assert entities("She won the 400m title in 51.2 seconds.") == [("51.2 seconds", "title")]


def test_a_figure_is_never_about_a_number():
    rows = entities("Credit rose by £1.5bn, above the £1.4bn expected and the £1.4bn reported in May.")
    assert all(not any(ch.isdigit() for ch in entity) for _, entity in rows)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A word the lexicon lacks, plural in form, is what a number counts.
        ("Hundreds of vloggers gathered outside.", [("Hundreds", "vloggers")]),
        # A measure joined to the next of its kind is about what that one is about.
        ("The 64GB and 128GB tablets go on sale in May.", [("64GB", "tablets"), ("128GB", "tablets")]),
        # An amount needed, spent or set aside "for" something is for that.
        ("He compared it with the £400m needed for the first bridge.", [("£400m", "first bridge")]),
        ("The council has £2m set aside for repairs.", [("£2m", "repairs")]),
        ("She said the £80m spent annually on the agency was wasted.", [("£80m", "agency")]),
        # A share "of the N things", "of those surveyed".
        ("A third of the 2,000 drivers polled were unhappy.", [("A third", "drivers"), ("2,000", "drivers")]),
        ("12% of those surveyed slept badly.", [("12%", "those surveyed")]),
        # The amount a participle of change moves a figure to is about what the figure is about.
        ("The jury awarded £60,000 in damages, later reduced to £40,000 on appeal.",
         [("£60,000", "damages"), ("£40,000", "damages")]),
    ],
)
def test_unknown_plurals_joined_measures_and_money_needed_for(text, expected):
    assert entities(text) == expected
