"""Not figures, from the parse and named entities: periods that date a figure, people named by age,
ordinals, and number words inside names and words."""

import pytest

from extract import document_from_text, figures
from extract.engine.non_figures import rejection_reason


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        # A period that only dates another figure is not a figure ...
        ("Turnover grew 7% in the first nine months of the year.", ["7%"]),
        ("Rents climbed 3% over four months.", ["3%"]),
        # ... but a duration that is the statement stays one.
        ("The stoppage lasted five weeks.", ["five weeks"]),
        # An age is not a statistic, whether it names a person or modifies a noun.
        ("The 23-year-old signed for Hull.", []),
        ("A 61-year-old woman was rescued.", []),
        ("The eight-year-old boy sang.", []),
        ("She retired at the age of 71.", []),
        ("Pupils sit the tests at the ages of 11 and 14.", []),
        # An ordinal written as a word modifies a noun; it counts nothing.
        ("It was her seventh title in a row.", []),
        # An amount with a scale before a currency adjective is no ordinal, whatever the recogniser says.
        ("The bank faces a 3bn rouble (£60m) tax bill.", ["3bn rouble", "£60m"]),
        # Number words that are part of a name or of a hyphenated word.
        ("The Famous Five books still sell.", []),
        ("He plays at scrum-half for Bath.", []),
    ],
)
def test_not_a_figure(text, surfaces):
    assert figures(text)["surface"].tolist() == surfaces


def test_an_age_in_millions_of_years_stays_a_measure():
    table = figures("The fossil sits in 90 million-year-old rock.")
    assert table[["surface", "unit", "entity"]].values.tolist() == [["90 million-year-old", "year of age", "rock"]]


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        # A bare "one" before a singular noun stands for "a": it counts nothing ...
        ("Keep every receipt in one folder.", []),
        ("One tool that may help is a planner.", []),
        ("One person was hurt in the crash.", []),
        ("It can be steered with one finger.", []),
        # ... but a bound, a plural, a noun of counting or other counts beside it make it a count.
        ("At least one bridge was closed.", ["At least one"]),
        ("The club won one cup and two leagues.", ["one", "two"]),
        ("They had four wins and one draw.", ["four", "one"]),
        ("He faces one charge of theft.", ["one"]),
        ("The league has one million fans.", ["one million"]),
    ],
)
def test_one_as_an_article(text, surfaces):
    assert figures(text)["surface"].tolist() == surfaces


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        # Two tallies of a match are a score; a range with a unit or a counted noun is a figure.
        ("From 0-2 down, she took the set.", []),
        ("They won 3-1 at home.", []),
        ("Prices rose 3-4% in May.", ["3-4%"]),
        ("Between 10-20 people were hurt.", ["Between 10-20"]),
        # Number words add up only as a number is written: "three Six" is two numbers.
        ("Sixty five lorries waited.", ["Sixty five"]),
        # A period "in N years' time" places an event; "one-time" means former, "two-time" counts.
        ("The mine will close in ten years' time.", []),
        ("The one-time favourite trails.", []),
        ("She is a four-time world champion.", ["four"]),
        # A word known only as a verb may open a compound noun a number counts.
        ("The hall has eight surround sound speakers.", ["eight"]),
        # Fractions down to thousandths.
        ("He won by three hundredths of a second.", ["three hundredths of a second"]),
    ],
)
def test_scores_and_runs_of_number_words(text, surfaces):
    assert figures(text)["surface"].tolist() == surfaces


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        # Numbers dialled, not amounts.
        ("Listeners can call 0845 300 1234 today.", []),
        ("The helpline, 01632 960 001, opens at nine.", []),
        # A number word inside a name after a number (a part of a set counts); a stage of a knockout.
        ("They have won four of the last 12 Six Nations titles.", ["four", "12"]),
        ("The reward for a place in the last eight is a home draw.", []),
        # Ages said of a person.
        ("She was 91, and still painting.", []),
        ("At 29, Okafor is the squad's oldest player.", []),
        ("The game is sold to children as young as 10.", []),
        ("Adults are defined as anyone aged over 18.", []),
        ("The veteran director, 68, won the prize.", []),  # set off by commas after one person
        ("He was on holiday with Ria Dent, 31. She is safe.", []),  # after a name, at a sentence's end
        ("Okoro was 23 when she retired.", []),
        ("Three weeks' ago the board met.", []),  # a stray apostrophe before "ago"
        ("She reached the final four of the Dubai Open.", []),  # a stage, not a part of a set
        ("They face a coach 11 years his junior.", []),  # a difference of ages
        ("Most members are over 21, with many older.", []),
        # A day and a month written with a slash name a date, unless "of" makes a fraction.
        ("Security tightened after 9/11.", []),
        # A place before a number written with separators is no name with a number ("FTSE 100").
        ("Turnout was 61,000 in Kent and in Devon 48,000.", ["61,000", "48,000"]),
        ("Only 3/4 of members voted.", ["3/4"]),
        ("She is one half of the comedy duo Pip and Pop.", []),  # one of two people, not a share
        ("He is half the player he was.", []),  # a comparison of worth
        # "one" hyphened to a span of play after "a" counts it; "a one-off" and "a one-man band" do not.
        ("The winger is on a one-season loan.", ["one"]),
        ("She was given a one-match ban.", ["one"]),
        ("It was a one-off fee.", []),
        ("He is a one-man band.", []),
        ("Half the money they raised went to charity.", ["Half"]),
        # Compounds that name a kind: a divide, a strategy ...
        ("Critics warn of a two-tier health service.", []),
        ("Police began a three-pronged inquiry.", []),
        # ... but not the levels of a thing.
        ("A four-tier pay scale was agreed.", ["four"]),
        # The first of two days that share a month; digits counted, not money.
        ("The vote may be held on 9 or 10 June.", []),
        ("Few jobs pay a six-figure salary.", []),
        # "zero" in a compound adjective; an age a policy moves.
        ("Builders must put up zero-carbon homes.", []),
        ("It raises the retirement age from 65 to 67.", []),
        ("The plan lifts the pension age for nurses from 60 to 65.", []),
        ("Staff were told that the retirement age would rise from 62 to 66.", []),
        # Ages said in the first person, with a word between, or of people over a number of years.
        ("I'm only 27 and never saw the show.", []),
        ("She won a place when she was just 15.", []),
        ("Buyers must prove they are over 18 before paying.", []),
        # Races run over metres, a pronoun "one", a place in a chart, a stage of a cup.
        ("She missed the 100m and 400m finals.", []),
        ("World 200m champion Ana Reyes pulled out.", []),
        ("She stormed to the 3,000m title in Leeds.", []),
        ("The men's 1500m went to form.", []),
        ("She led the 8km race from the start.", []),  # and kilometres
        # A race noun right after a distance names a race whatever comes before it.
        ("He coaches 200m runners at the club.", []),
        ("She won the eight-kilometre race in Leeds.", []),  # in words, or in miles
        ("Osei breaks 3,000m world record", []),  # a race noun after its scope
        ("400m: A Reid (Leeds), T Obi (Bath)", []),  # the event heading a list of results
        # A chart: "top N" with nothing counted after it, or "the top N of".
        ("Other acts in the ringtone top 20 include Blur.", []),
        ("Two films made the top 10 of box-office flops.", ["Two"]),
        ("She missed the 2004 RBS Six Nations.", []),  # a capitalised number word inside a name
        ("He won the ten-mile race.", []),
        ("The ten-mile road was closed.", ["ten-mile"]),
        ("The advert showed a slate reading 3+3=7.", []),  # a sum written out
        # A number glued to a letter before it is a code, whatever follows it; a unit word with a
        # capital inside a sentence is part of a name, except a currency's.
        ("Sales of MP3 players rose 40%.", ["40%"]),
        ("P2P sharing grew.", []),
        ("Text the word GIVE to 70123 to donate.", []),  # a short code
        # A number that stands for the members of a set named before is a count.
        ("All four were charged with theft.", ["four"]),
        ("The other two are still in hospital.", ["two"]),
        ("The county logged the most strikes, at 1834567.", ["1834567"]),  # an amount without separators
        # Minutes of a team sheet and seedings after names; a count in brackets after one name stays.
        ("Subs: Ford for Hale (58), Cole for Diaz (71).", []),
        ("Booked: Ortiz (64).", []),
        ("The winner came from Moreno (2) and the rest from the bench.", ["2"]),
        ("She sang on the chat show 30 Minutes on Sunday.", []),
        ("The actor earned 4.5m Euros last year.", ["4.5m Euros"]),
        ("The lead changed hands at the 200m mark.", []),
        ("He ran the half-marathon and 5,000m in Oslo.", []),
        ("She will run the 60m indoors in March.", []),  # metres, not 60 million: "indoors" counts nothing
        ("The Czech climbed from 48 in the world to 19th.", []),
        ("Ireland won a third Triple Crown in a row.", []),
        ("She starts as one of the 1,500 metres favourites.", []),
        # An age after a name, closed by a dash; a half of a match written with a loose hyphen.
        ("The driver, Jo Rees, 19 - who was not hurt - called police.", []),
        ("It was the fifth time that Ruiz, now 33, had reached the final.", []),
        ("In the first ten minutes we slept, but in the second 30 minutes we scored twice.", ["twice"]),
        ("Cole was a first- half substitute.", []),
        ("We spent too long in our own half.", []),  # a half of the pitch
        ("The draw put them in the Uefa Cup last 16.", []),
        ("They finished in The Top 10.", []),
        ("One wonders whether it will last.", []),
        ("Their first single was a top 40 hit.", []),
        # A numbered resolution or rule is a name; "N years on from" places an event.
        ("The council cited resolution 2231 in its vote.", []),
        ("The review comes ten years on from the merger.", []),
        # "a nine-year low" says how rare a level is; "a quarter final" is a round of a cup.
        ("Sales fell to a seven-year low in May.", []),
        ("They won a quarter final place.", []),
        ("It signed a 10-year record deal.", ["10-year"]),
        # ... while amounts in the same shapes stay, and a scale word makes an amount of itself.
        ('"400m of fencing was stolen," police said.', ["400m"]),
        ("The pension age review showed the deficit rose to 45.", ["45"]),
        ("The driver got a five-second time penalty.", ["five-second"]),
        ("At 40, the index hit a record.", ["40"]),
        ("The firm signs one arms deal a year.", ["one"]),
        ("Set-top box sales reached five million.", ["five million"]),
        ("She was 91 points clear.", ["91"]),
        ("The fund paid £60,000 in fees.", ["£60,000"]),
    ],
)
def test_more_numbers_that_are_not_amounts(text, surfaces):
    assert figures(text)["surface"].tolist() == surfaces


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        # A period that places an event in time is not an amount, even alone in its sentence.
        ("The bakery opened three years ago.", []),
        ("Twelve months later the mill closed.", []),
        ("Orders slowed over the past two years.", []),
        ("Revisions to the prior three months were small.", []),
        ("It was the wettest summer in 40 years.", []),
        ("She broke the record for the second time in nine days.", []),
        ("It was the best result for five years, with 41% of the vote.", ["41%"]),
        # ... while a duration that is what is measured stays one, even after "last" the verb.
        ("The strike is expected to last six weeks.", ["six weeks"]),
        ("Repairs took nine days.", ["nine days"]),
        # Ages and age groups say who, not how many.
        ("Bus passes go to people over 65, or people who are over 70.", []),
        ("Nine in ten 18 to 24-year-olds own a phone.", ["Nine in ten"]),
        ("The grant goes to 15 and 16-year-olds in college.", []),
        ("The grant goes to 15- and 16-year-olds in college.", []),
        ("She is only 29 years old.", []),
        ("Coach Hale rested 19-year-old Ortiz on Sunday.", []),
        # A percentage of speech, an ordinal after "a", a rank.
        ("The minister said he was 100% confident of a deal.", []),
        ("The club chases a fourth title this season.", []),
        ("The game is played from a third-person view.", []),
        ("Her two albums sit at number four and 12 in the chart.", ["two"]),
        ("The books came in at numbers 3 and 9.", []),
        ("The election is a two-horse race.", []),
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The number after "per", "for every", "in every" is what a rate is counted against.
        ("The ward has 4 nurses per 30 patients.", [("4", 4.0, "ward's nurses")]),
        ("The club plants 3 trees for every 100 tickets sold.", [("3", 3.0, "trees")]),
        # The first number of a range whose unit comes once, after the second, shares its period.
        ("The mill shut 20 or 30 years ago.", []),
        ("The pier was rebuilt some 15 to 20 years later, at a cost of £2m.", [("£2m", 2000000.0, "cost")]),
        # A duration "within ... of" another event places it in time ...
        ("She resigned within 48 hours of the vote.", []),
        # ... while "within" alone can still say how long something took.
        ("The repair was finished within 48 hours.", [("48 hours", 48.0, "repair")]),
        # An age at an event of a life, and an age one turns.
        ("Ms Okafor became a judge at 38 and retired at 61.", []),
        ("The poet died at 94, in Leeds.", []),
        ("Her grandfather turned 100 on Friday.", []),
        # An ordinal before a name: a third film in a series.
        ("A fourth Dune film is planned.", []),
        # A capitalised number word inside a sentence before a name is part of the name.
        ("Wales lead the Six Nations table.", []),
        # A distance after the name of a meeting is a race.
        ("She fell in the Oslo 5,000m last June.", []),
        # "one" before a reporter who speaks is who speaks, not how many.
        ("The paper quoted one dealer as saying prices would fall.", []),
        # A plural number that agrees with a singular verb or role is a name (a firm called "3").
        ('"We are ready," he said. 7 is launching a new tariff.', []),
        ("The deal was confirmed by 9 spokesman Ian Cole.", []),
    ],
)
def test_names_rates_ages_and_periods_are_not_figures(text, expected):
    table = figures(text)
    assert [(s, v, e) for s, v, e in table[["surface", "value", "entity"]].values.tolist()] == expected


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        # A plural number before a plural verb or noun still counts.
        ("7 analysts said prices would fall.", ["7"]),
        ("Shares closed at 27 on Friday.", ["27"]),
        ("One dealer bought 300 shares.", ["300"]),
        ("Six players were injured.", ["Six"]),
        ("The team drew an average age of 31.", ["31"]),
    ],
)
def test_counts_near_those_cues_stay_figures(text, surfaces):
    assert figures(text)["surface"].tolist() == surfaces


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A distance in metres after "the", alone or before a race noun, is a race ...
        ("He came fourth in the 800m final.", []),
        ("She set the women's 1500m world record.", []),
        ("He won the 400m with ease.", []),
        # ... a length that measures a noun, or with a conversion after it, stays a figure.
        ("Builders raised the 40m mast.", [("40m", 40.0)]),
        ("They found the 12m (39ft) hull.", [("12m", 12.0), ("39ft", 39.0)]),
        # An age in a relative clause; a rank in a list; a code with a letter after a hyphen.
        ("The coach, who is 52, stays on.", []),
        ("Her album reached the top 20 in France.", []),
        ("The firm's 10-Q report came out.", []),
        # A capitalised number word after "The" before a name; "one day" as some day.
        ("The Four Seasons hotel opened.", []),
        # A duration "into" a stretch of time, or "on" before a comma, places an event in time.
        ("The lights failed 12 minutes into the second half.", []),
        ("Six weeks in to the dispute, 300 staff had left.", [("300", 300.0)]),
        # The clock of a match with what is left of it; a sentence that opens with how far off it is.
        ("The sides were level with three minutes remaining.", []),
        ("He scored with 40 seconds to go.", []),
        ("In three weeks, voters choose a mayor.", []),
        ("Ten years on, the village thrives.", []),
        ("One day, he says, the line will reopen.", []),
    ],
)
def test_races_ranks_codes_and_idioms_are_not_figures(text, expected):
    assert [(s, v) for s, v in figures(text)[["surface", "value"]].values.tolist()] == expected


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("The top 5 banks lent £9bn.", ["5", "£9bn"]),
        ("One day of talks cost £40,000.", ["One day", "£40,000"]),
        ("The Three Tenors sang for 40 minutes.", ["40 minutes"]),
        ("The band spent two years on the album.", ["two years"]),
    ],
)
def test_figures_beside_those_cues_stay(text, surfaces):
    assert figures(text)["surface"].tolist() == surfaces


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        # Where the entity recogniser runs (a named speaker), a bare number it reads as a date is an
        # age ...
        ("Police said the victim was 29.", []),
        ("Doctors said the patient was 71.", []),
        ("The coach said his keeper was only 18.", []),
        # ... while a count beside a name, or a bare count, stays a figure.
        ("The union said 40 Ford workers were laid off.", ["40"]),
        ("The airline said it had sold 12 Airbus jets.", ["12"]),
        ("The council said the school had 31 staff.", ["31"]),
    ],
)
def test_entity_labels_settle_bare_numbers(text, surfaces):
    assert figures(text)["surface"].tolist() == surfaces


def test_a_range_whose_unit_is_written_once_keeps_both_ends_when_the_recogniser_reads_it_as_a_date():
    table = figures("The landlord shortened the lease from 48 to 18 months.")
    assert table[["surface", "value"]].values.tolist() == [["48", 48.0], ["18 months", 18.0]]


@pytest.mark.parametrize(
    "text",
    [
        # the recogniser reads the bare "45" as a date; after "at" it is still the level it stood at
        "Officials said the total stood at 45 after the review.",
        "The coach cut the squad to 23 on Monday.",
    ],
)
def test_a_bare_number_a_preposition_leads_to_stays_a_figure(text):
    assert len(figures(text)) == 1


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        # The clock of a match says when something happened, not how long anything took ...
        ("Okafor put the visitors ahead after 12 minutes with a low shot.", []),
        ("The keeper saved well on 61 minutes and again late on.", []),
        ("Diaz equalised three minutes into stoppage time.", []),
        ("They conceded a goal four minutes before half-time.", []),
        ("Nothing happened until 20 minutes after the break.", []),
        # ... while a stretch of time that is itself the fact stays a figure.
        ("The hearing was adjourned after 40 minutes of argument.", ["40 minutes"]),
        ("The documentary runs for 52 minutes.", ["52 minutes"]),
        # A year with its century left out, and a 24-hour clock.
        ("The club last won the league in '87 and again in '91.", []),
        ("A curfew runs from 2100 to 0600 every night.", []),
        ("The plant employs 2100 staff.", ["2100"]),
        # A rank that shares "number" with the one before it.
        ("The band held the number one and two spots for a week.", []),
    ],
)
def test_match_clocks_short_years_clock_times_and_shared_ranks(text, surfaces):
    assert figures(text)["surface"].tolist() == surfaces


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        # Money words with a capital, in the singular, after a number other than one make a name.
        ("Tickets for 50 Cent sold out in an hour.", []),
        ("The call costs 50 cents.", ["50 cents"]),
        # More clock phrases of a match.
        ("Moreno scored three minutes into second-half stoppage time.", []),
        ("They trailed by six points with 11 minutes on the clock.", ["six"]),
        # A place in a list is a rank.
        ("The radio made the magazine's all-time top 50 list.", []),
    ],
)
def test_named_money_match_clocks_and_lists(text, surfaces):
    assert figures(text)["surface"].tolist() == surfaces


def test_a_headline_line_break_does_not_make_the_next_number_word_part_of_a_name():
    document = document_from_text("Regulator fines lenders\n\nSeven Lloyds of London syndicates were fined.", doc_id="d")
    assert figures(document)[["surface", "entity"]].values.tolist() == [["Seven", "Lloyds of London syndicates"]]


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        # A race after a possessive, or a relay's legs, is a name ...
        ("She was delighted with her 800m in Madrid.", []),
        ("The women's 4x400m relay squad flew home.", []),
        # ... while a length that measures a noun stays one.
        ("His 12m boat capsized.", ["12m"]),
        # A stretch of the calendar written as a range places an event in time.
        ("Shares were sold in the first three or four weeks of March.", []),
        ("The stoppage lasted three or four weeks.", ["three or four weeks"]),
    ],
)
def test_races_after_possessives_and_ranges_of_the_calendar(text, surfaces):
    assert figures(text)["surface"].tolist() == surfaces


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        # A period an amount is spread over dates it, as "over three months" does ...
        ("Repairs could cost up to £900 over a five-year period.", ["up to £900"]),
        # ... but a period alone is what the sentence states, ...
        ("The lease runs for a five-year period.", ["five-year"]),
        # ... and a duration that describes an event says how long the event lasts.
        ("Some 300 films were shown during the ten-day festival.", ["Some 300", "ten-day"]),
        ("The line lost £2m during the three-week strike.", ["£2m", "three-week"]),
        # The second of two names that share their word is a name too.
        ("The flaw affects Office 97 and 2000.", []),
    ],
)
def test_periods_an_amount_is_spread_over_and_shared_names(text, surfaces):
    assert figures(text)["surface"].tolist() == surfaces


def test_a_half_of_an_object_is_not_a_figure():
    assert figures("The panel covers the top half of the screen.")["surface"].tolist() == []
    assert figures("Half of the staff left.")["surface"].tolist() == ["Half"]


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        # A tie-break in brackets after a set's score is part of the score.
        ("She won 7-6 (8/6) 6-1 in the final.", []),
        # "one" before a word that opens a clause or a relation is a pronoun.
        ("It signed a deal similar to one between rival carriers.", []),
        ("The merger is one that regulators dislike.", []),
        ("One in four voters stayed at home.", ["One in four"]),
    ],
)
def test_tie_breaks_and_one_as_a_pronoun(text, surfaces):
    assert figures(text)["surface"].tolist() == surfaces


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        # "within" a period "of" an event counts from that event.
        ("Half of offenders reoffend within three years of release.", ["Half"]),
        # "one" in a fixed compound.
        ("The council wants a one-stop shop for permits.", []),
    ],
)
def test_periods_counted_from_an_event_and_fixed_compounds_of_one(text, surfaces):
    assert figures(text)["surface"].tolist() == surfaces


def test_years_of_age_are_an_age():
    assert figures("It leaves out those who die before they reach 65 years of age.")["surface"].tolist() == []


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        # A number word as the whole object of a verb of having, winning or losing counts what the
        # clause before named ...
        ("The film has six nominations, while its rival has four.", ["six", "four"]),
        ("The three bands won two each.", ["three", "two"]),
        ("They conceded one try and we conceded three or four so it was even.", ["three or four"]),
        # ... but not after other verbs, nor "the two of them".
        ("He said two.", []),
        ("The two of them left early.", []),
    ],
)
def test_elliptical_counts(text, surfaces):
    assert figures(text)["surface"].tolist() == surfaces


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        # The window a company's figures cover dates them ...
        ("It made a profit of $80m for the three months to 30 June.", ["$80m"]),
        ("Output rose 3% in the 12 months ending in May.", ["3%"]),
        ("Sales for the six months up to 30 April rose 2%.", ["2%"]),
        # ... while a stretch of time that is the statement stays a figure.
        ("The dispute lasted three months to June.", ["three months"]),
    ],
)
def test_reporting_windows_date_the_figures_they_cover(text, surfaces):
    assert figures(text)["surface"].tolist() == surfaces


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("The site kept only one photo of him.", ["one"]),
        ("She was the only one to finish.", []),
    ],
)
def test_only_one_counts_but_the_only_one_does_not(text, surfaces):
    assert figures(text)["surface"].tolist() == surfaces


def test_runners_and_rankings_of_a_race_are_names():
    assert figures("Britain's 1500m runners dominated the 3000m rankings.")["surface"].tolist() == []


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("Nine of them voted against the bill.", ["Nine"]),
        ("The two of them left early.", []),
        ("Five of the defendants were released on bail.", ["Five"]),
        ("Two of the most popular games were delayed.", ["Two"]),
        # Left-out counts after verbs of winning and drawing.
        ("The side won four and drew three since May.", ["four", "three"]),
    ],
)
def test_a_part_of_them_counts_but_the_two_of_them_names_a_pair(text, surfaces):
    assert figures(text)["surface"].tolist() == surfaces


def test_a_part_names_the_set_it_is_taken_from():
    table = figures("Two of the most popular games were delayed.")
    assert table[["surface", "value", "entity"]].values.tolist() == [["Two", 2.0, "most popular games"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The noun of a number word left out because a count of it came first.
        ("Police made 14 arrests, including two in the city centre.", [("14", "arrests"), ("two", "arrests")]),
        ("He finished the season and another two.", [("two", "season")]),
        ("She dropped the first set but won the next two and the final.", [("two", "")]),
        ("The two who poll the fewest votes sing again.", [("two", "")]),
        # A margin between competitors.
        ("She finished three ahead of her team-mate.", [("three", "")]),
        ("United are now three clear at the top.", [("three", "")]),
        # Not when nothing was counted before "including", nor a named pair.
        ("Including two in the west, the board chose new sites.", []),
        ("The two of us stayed.", []),
    ],
)
def test_a_number_word_whose_noun_is_left_out(text, expected):
    table = figures(text)
    assert [(r.surface, r.entity) for r in table.itertuples()] == expected


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        # "one day" as "some day" after a split infinitive, a modal or a verb of hoping ...
        ("Her dream is to one day coach the side.", []),
        ("He may one day run for mayor.", []),
        ("They hope one day to buy the ground.", []),
        # ... but a day's length after a verb of lasting or "for".
        ("The stoppage lasted one day.", ["one day"]),
        ("Staff walked out for one day to protest.", ["one day"]),
    ],
)
def test_one_day_as_some_day_is_no_length_of_time(text, surfaces):
    assert figures(text)["surface"].tolist() == surfaces


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        # A deadline is a point in time, with or without the event it counts from ...
        ("The council promised to cut the deficit by £2m within four years.", ["£2m"]),
        ("Appeals must be heard within 10 days.", []),
        # ... while how long something lasted stays a figure.
        ("The hearing lasted 10 days.", ["10 days"]),
    ],
)
def test_a_deadline_is_not_a_figure(text, surfaces):
    assert figures(text)["surface"].tolist() == surfaces


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        # The time over which an amount built up dates it ...
        ("Fans bought 200 million songs in 12 months, the group said.", ["200 million"]),
        # ... unless the writer stresses how short it was, or it says how long a verb with no object took.
        ("Pupils collected 5,000 phones in just two weeks.", ["5,000", "two weeks"]),
        ("The 5,000 tickets sold out in 40 days.", ["5,000", "40 days"]),
        # A superlative says how rare an event is only inside its own phrase, not across a clause.
        ("It was the lowest level for 20 years.", []),
        ("She said last week that plans for 24-hour opening were dropped.", ["24-hour"]),
        # A time written with a colon is a time taken, never a period.
        ("Lind came second in 3:42.5.", ["3:42.5"]),
    ],
)
def test_a_period_after_in_dates_an_amount_built_up_in_it(text, surfaces):
    assert figures(text)["surface"].tolist() == surfaces


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        # "others" after a number word stands for more of what the clause counts ...
        ("Police held one driver and questioned seven others.", ["seven"]),
        # ... and a run of time is as long with "consecutive" or "straight" in it.
        ("The single stayed on top for three consecutive weeks.", ["three consecutive weeks"]),
        ("Shares fell for five straight days.", ["five straight days"]),
        # A stretch of the calendar still places an event in time.
        ("Rents have risen for the past three consecutive years.", []),
    ],
)
def test_others_and_unbroken_runs_of_time_are_counted(text, surfaces):
    assert figures(text)["surface"].tolist() == surfaces


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A count whose noun the sentence named for another count: a margin, the other side of a
        # comparison, the subject of the next clause ...
        ("The party won 150 seats, two fewer than in 2001.", [("150", "seat"), ("two", "seat")]),
        ("The chip runs 12 threads, compared with four for older chips.", [("12", "thread"), ("four", "thread")]),
        ("Ten pupils passed and two have left the school.", [("Ten", "pupil"), ("two", "pupil")]),
        # ... and an open bound between a number and its noun.
        ("Fans buy a dozen or more tickets at a time.", [("a dozen", "ticket")]),
        # A time unit after a participle is still a run of time.
        ("Staff will lose ten working days.", [("ten working days", "day")]),
    ],
)
def test_counts_whose_noun_the_sentence_names_elsewhere(text, expected):
    assert [tuple(row) for row in figures(text)[["surface", "unit"]].values.tolist()] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A chart place inside what is counted describes it; only the count is a figure.
        ("The duo have had six top ten singles since 2001.", [("six", "single")]),
        # The top seeds of a draw are still counted.
        ("The top three seeds all lost.", [("three", "seed")]),
        # A bare number after a verb of casualties counts people.
        ("The fire, which killed four, began at night.", [("four", "")]),
        # A part of a count named earlier, with two words before its noun.
        ("Work stopped at 30 big wind farms, including two at the coast.", [("30", "farm"), ("two", "farm")]),
    ],
)
def test_chart_places_inside_counts_and_counts_left_to_the_clause(text, expected):
    assert [tuple(row) for row in figures(text)[["surface", "unit"]].values.tolist()] == expected


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        # A count of events before "ago" or "later" says when, not how many ...
        ("The coach left six seasons ago.", []),
        ("Three rounds later he was sacked.", []),
        # ... but not where "later" opens a phrase of its own or a relative clause.
        ("He scored three goals later in the season.", ["three"]),
        ("Grants went to two firms that later merged.", ["two"]),
        # A half-marathon is a race, not half of anything.
        ("The Kenyan won Sunday's Oslo half-marathon.", []),
    ],
)
def test_counts_of_events_that_place_in_time_and_race_names(text, surfaces):
    assert figures(text)["surface"].tolist() == surfaces


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        # How fit or sure someone feels is no share ...
        ('"I really feel 100% now," the winger said.', []),
        # ... while a share stays one.
        ("The state will own 100% of the airline.", ["100%"]),
        # A team's half of the pitch and the 22-metre line are places, not amounts.
        ("Their first attack in the Welsh half came late.", []),
        ("We were camped inside their 22 for ten minutes.", ["ten minutes"]),
        ("Half the Welsh squad is injured.", ["Half"]),
    ],
)
def test_states_of_fitness_and_places_on_the_pitch(text, surfaces):
    assert figures(text)["surface"].tolist() == surfaces


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        # A standard track distance with a glued "m" names the race ...
        ("She won the 800m in Oslo and then a close 3,000m in Ghent.", []),
        ("He hopes to run over 1500m at the trials.", []),
        ("Her 60m time was the best this winter.", []),
        # ... while words that measure a length keep it a figure, and other distances are lengths.
        ("The flood stopped 200m from the school.", ["200m"]),
        ("The tunnel is 400m long.", ["400m"]),
        ("She cleared 4.80m in the pole vault.", ["4.80m"]),
    ],
)
def test_a_standard_track_distance_names_its_race(text, surfaces):
    assert figures(text)["surface"].tolist() == surfaces
