"""What a measure is about: the shallow readings of engine.measured_entity and the dependency parse
(parsed_measure_entity)."""

import pytest

from extract import figures
from extract.engine.measured_entity import (
    counted_noun_after,
    measured_phrase,
    parsed_measure_entity,
    resolve_possessive,
)
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


# ---------------------------------------------------------------------------------------------
# The shallow readings of measured_entity: what a count counts, what a measure belongs to.


@pytest.mark.parametrize(("sentence", "surface", "vague", "counted"), [
    # People counted by their age group.
    ("The poll asked 800 Scottish 18 to 24-year-olds about work.", "800", False, ("Scottish 18 to 24-year-olds", "person")),
    ("It asked 300 65-year-olds.", "300", False, ("65-year-olds", "person")),
    # An order of magnitude of a mass noun, after "of" or "in".
    ("Streaming brings in billions of revenue.", "billions", True, ("revenue", "revenue")),
    ("The band lost millions in royalties.", "millions", True, ("royalties", "royalty")),
    # A count needs a plural noun unless it is one, a share or an order of magnitude.
    ("Nine mild winters passed.", "Nine", False, ("mild winters", "winter")),
    # A place in a chart describes what is counted.
    ("The duo had four UK top 40 singles.", "four", False, ("UK top 40 singles", "single")),
    # An adverb of the adjective before the noun.
    ("The studio made two hugely popular films.", "two", False, ("hugely popular films", "film")),
])
def test_counted_noun_after(sentence, surface, vague, counted):
    start = sentence.index(surface)
    found = counted_noun_after(sentence, start + len(surface), 1e9 if vague else 800.0, vague=vague)
    assert found is not None and (found.text, found.head) == counted


def test_a_singular_noun_is_not_counted_by_a_plain_number():
    sentence = "They saw 40 heavy rain."
    assert counted_noun_after(sentence, sentence.index("40") + 2, 40.0) is None


@pytest.mark.parametrize(("sentence", "surface", "unit_end_text", "phrase"), [
    # What a period is of, written in the genitive.
    ("Buyers get two years' free servicing with each car.", "two", "two years", "free servicing"),
    # The time left.
    ("The home side led with four minutes left to play.", "four", "four minutes", "remaining time"),
    ("There are ten days to go before the vote.", "ten", "ten days", "remaining time"),
    # The time spent somewhere.
    ("They went on to a cafe, where they spent about 40 minutes.", "40", "40 minutes", "time spent"),
    # A fraction needs no "of"; "of those with" keeps its qualification.
    ("Almost half the country voted.", "half", "half", "country"),
    ("Over half of those with savings lost money.", "half", "half", "those with savings"),
    # "X% of <phrase>", past a conversion.
    ("It adds 5 miles (8 km) of new cycle lanes.", "5", "5 miles", "new cycle lanes"),
])
def test_measured_phrase(sentence, surface, unit_end_text, phrase):
    start = sentence.index(surface)
    found = measured_phrase(sentence, start, sentence.index(unit_end_text) + len(unit_end_text))
    assert found is not None and found.text == phrase


def test_a_parsed_phrase_keeps_the_determiner_inside_it():
    assert _parsed("The running costs of the new bridge were put at $9m.", "$9m") == "running costs of the new bridge"


def test_a_possessive_owner_in_the_plural_takes_an_apostrophe_alone():
    assert resolve_possessive("Councils spend 42% of their budgets.", "their budgets", 21) == "Councils' budgets"
    assert resolve_possessive("Acme spends 9% of its budget.", "its budget", 18) == "Acme's budget"


def test_a_pronoun_or_the_figure_itself_is_never_the_owner_of_a_possessive():
    assert resolve_possessive("They lost half their savings.", "their savings", 15) == "their savings"
    assert figures("Half their income goes on rent.")["entity"].tolist() == ["their income"]


def test_a_phrase_a_rule_made_is_kept_where_the_sentence_is_parsed():
    # The speech cue has the sentence parsed; "bridge's cost" is no span of it, so the parse leaves it.
    table = figures("The new bridge will cost £80m, the council said.")
    assert table[["surface", "entity", "source"]].values.tolist() == [["£80m", "new bridge's cost", "council"]]


def _row(text: str, surface: str) -> dict:
    rows = [r for r in figures(text).to_dict("records") if r["surface"] == surface]
    assert len(rows) == 1, figures(text)[["surface", "entity"]]
    return rows[0]


@pytest.mark.parametrize(("sentence", "surface", "value", "entity"), [
    # A share that opens its clause as the subject of a verb of opinion is of those who hold it.
    ("In the poll, 38% said they would back the new tax.", "38%", 38.0, "those who would back the new tax"),
    ("Voters are wary because about a quarter think fares will rise.", "about a quarter", 0.25,
     "those who think fares will rise"),
    ("Of the members asked, 60% agreed the rules were fair.", "60%", 60.0, "those who agreed the rules were fair"),
    # What was said, without the speech verb; quotation marks are dropped.
    ('A third said they "rarely or never" cycle to work.', "A third", 1 / 3, "those who rarely or never cycle to work"),
])
def test_a_share_of_those_who_answered(sentence, surface, value, entity):
    row = _row(sentence, surface)
    assert row["value"] == pytest.approx(value)
    assert row["entity"] == entity
    assert row["source"] == ""


def test_a_speech_cue_after_a_figure_is_not_an_answer():
    # "rose 7% said the firm": the figure does not open its clause, and "said" names a speaker.
    row = _row("Orders rose 7% said the firm.", "7%")
    assert row["entity"] == "Orders"


@pytest.mark.parametrize(("sentence", "surface", "entity"), [
    # A fronted "of" phrase names what a later share or count is a part of.
    ("Of the 40 bridges inspected, more than half are unsafe.", "more than half", "bridges"),
    ("Of those polled, 12% had never heard of the scheme.", "12%", "those polled"),
])
def test_a_fronted_partitive(sentence, surface, entity):
    assert _row(sentence, surface)["entity"] == entity


@pytest.mark.parametrize(("sentence", "surface", "entity"), [
    # An amount taken off (or added to) something measures that thing.
    ("The airline plans to slash $2bn from its fuel bill.", "$2bn", "its fuel bill"),
    ("The scandal wiped 12% off the brand's value.", "12%", "brand's value"),
    # A gerund as the subject of the verb that carries the figure names an activity.
    ("Testing in the district came back at 9 ppb last spring.", "9 ppb", "Testing in the district"),
])
def test_parsed_readings_of_the_verb(sentence, surface, entity):
    assert _parsed(sentence, surface) == entity


@pytest.mark.parametrize(("sentence", "surface", "value", "entity"), [
    # A bare count that opens its clause as a verb's subject counts those who do it.
    ("Across the region, about 40,000 commute by ferry.", "about 40,000", 40000.0, "those who commute by ferry"),
    # An adjunct after what they did is left out.
    ("About 55% voted against the merger at the meeting.", "About 55%", 55.0, "those who voted against the merger"),
])
def test_a_bare_count_or_share_as_the_subject(sentence, surface, value, entity):
    row = _row(sentence, surface)
    assert row["value"] == pytest.approx(value)
    assert row["entity"] == entity


@pytest.mark.parametrize(("sentence", "surface", "entity"), [
    # A duration hyphenated to its unit measures the noun it modifies, a name included.
    ("The 12-day Fringe opens on Friday.", "12-day", "Fringe"),
    ("The 90-minute match kicks off at noon.", "90-minute", "match"),
    # A period's possessive names what it is of, a name included.
    ("The plan offers three hours' PE each week.", "three hours", "PE"),
])
def test_what_a_duration_measures(sentence, surface, entity):
    assert _row(sentence, surface)["entity"] == entity


def test_an_answer_stops_before_a_comparison():
    row = _row("The poll found that 58% backed a speed limit compared with 30% against.", "58%")
    assert row["entity"] == "those who backed a speed limit"


@pytest.mark.parametrize(("sentence", "surface", "entity"), [
    # The verb after "X% of <noun>" ends the phrase; a plural noun stays in it.
    ("Nearly 70% of the club's income comes from television.", "Nearly 70%", "club's income"),
    ("Some 30% of grain exports go to Egypt.", "Some 30%", "grain exports"),
    ("The port handles 40% of Chilean exports.", "40%", "Chilean exports"),
])
def test_an_of_phrase_ends_at_its_verb(sentence, surface, entity):
    assert _row(sentence, surface)["entity"] == entity


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("The Treasury revised its growth forecast down to 1.5%.", "Treasury's growth forecast"),
        ("Northfield Council trimmed its spending plan by 4%.", "Northfield Council's spending plan"),
    ],
)
def test_a_past_verb_after_the_subject_is_not_part_of_the_owner_of_its(text, entity):
    assert figures(text)["entity"].tolist() == [entity]


@pytest.mark.parametrize(
    ("text", "entities"),
    [
        # The subject of "due to rise" is what rises.
        ("Road spending is due to rise by 6% next year.", ["Road spending"]),
        # A count after "at" or "to" names its own noun unless a verb of level carries it.
        ("Most of the paintings will be sold at four auctions in Paris.", ["auctions"]),
        ("The index closed at 5,210 points.", ["index"]),
        # The level before a change measures the same thing as the level after it.
        ("The carrier cut its debt to £90m from £350m.", ["its debt", "its debt"]),
        # An amount of money never stands for the people who answered.
        ("He could not come up with £80,000 bail money.", ["bail money"]),
    ],
)
def test_entities_through_adjectives_places_changes_and_money(text, entities):
    assert figures(text)["entity"].tolist() == entities


@pytest.mark.parametrize(
    ("text", "entities"),
    [
        # The level after "from X to" measures what X measured.
        ("The town's population rises from 3,000 to 60,000 in August.", ["town's population"] * 2),
        # Another figure is never the noun a count hangs on.
        ("Fines totalling £3m on 12 firms were imposed.", ["Fines", "firms"]),
    ],
)
def test_entities_of_levels_and_counts_beside_other_figures(text, entities):
    assert figures(text)["entity"].tolist() == entities


def test_a_level_before_a_change_passes_over_the_conversions_in_brackets():
    table = figures("Losses fell to $300m (£160m; 230m euros) from $700m a year earlier.")
    assert table["entity"].tolist() == ["Losses"] * 4


@pytest.mark.parametrize(
    ("text", "entities"),
    [
        # How long a penalty lasts is the penalty.
        ("The striker was banned for nine months after a failed test.", ["ban"]),
        ("He was jailed for four years in 2003.", ["jail term"]),
        # A part of a group counts the group's noun.
        ("Four of the nine judges dissented.", ["judges", "judges"]),
    ],
)
def test_penalties_and_parts_of_groups(text, entities):
    assert figures(text)["entity"].tolist() == entities
