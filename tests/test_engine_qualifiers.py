"""Qualifiers and directions (extract/engine/qualifiers.py) on sentences written here."""

import math

import pytest

from extract import figures
from extract.engine.qualifiers import direction, multiplier_changes, qualify


def _span(sentence: str, number: str) -> tuple[int, int]:
    start = sentence.index(number)
    return start, start + len(number)


@pytest.mark.parametrize("sentence, number, kind, low, high", [
    ("No more than 40 guests may attend.", "40", "upper", 0.0, 40.0),
    ("More than 40 guests attended.", "40", "lower", 40.0, math.inf),
    ("Nearly 40 guests attended.", "40", "approx", 36.0, 40.0),
    ("About 40 guests attended.", "40", "approx", 36.0, 44.0),
    ("Exactly 40 guests attended.", "40", "exact", 40.0, 40.0),
    ("Some 40 guests or more attended.", "40", "approx", 36.0, 44.0),
    ("The hall seats 40 or more.", "40", "lower", 40.0, math.inf),
    ("Less than an hour, then 40 guests left.", "40", "exact", 40.0, 40.0),
])
def test_cue_words_give_the_qualifier_and_interval(sentence, number, kind, low, high):
    start, end = _span(sentence, number)
    q = qualify(sentence, start, end, 40.0, 40.0, 40.0, False)
    assert (q.qualifier, q.low, q.high) == (kind, pytest.approx(low), high if math.isinf(high) else pytest.approx(high))


def test_no_more_than_wins_over_more_than_and_the_cue_start_is_kept():
    sentence = "They hired no more than 12 staff."
    start, end = _span(sentence, "12")
    q = qualify(sentence, start, end, 12.0, 12.0, 12.0, False)
    assert (q.qualifier, sentence[q.cue_start:end]) == ("upper", "no more than 12")


def test_a_cue_before_the_is_not_a_qualifier():
    sentence = "Over the past 3 years the town grew."
    start, end = _span(sentence, "3")
    assert qualify(sentence, start, end, 3.0, 3.0, 3.0, False).qualifier == "exact"


def test_a_range_stays_a_range_unless_a_cue_bounds_it():
    sentence = "Tickets cost 20-30 euros."
    start, end = _span(sentence, "20-30")
    assert qualify(sentence, start, end, 25.0, 20.0, 30.0, True).qualifier == "range"


@pytest.mark.parametrize("sentence, number, unit_end_extra, way", [
    ("Rents climbed 4% in the capital.", "4", 1, "up"),
    ("Rents slid 4% in the capital.", "4", 1, "down"),
    ("Rents were 4% higher than a year ago.", "4", 1, "up"),
    ("Rents reached 4% of income.", "4", 1, ""),
    ("The index ended down 4% on Tuesday.", "4", 1, "down"),
    ("There was a fall of 4% in rents.", "4", 1, "down"),
    ("The council trimmed its budget by 4%.", "4", 1, "down"),
    ("Rents edged up to 4% of income.", "4", 1, ""),
    # "up" as the particle of a verb that moves nothing: no change.
    ("The audit flagged up 4 serious faults.", "4", 0, ""),
    ("The club has racked up 4 wins in a row.", "4", 0, ""),
])
def test_direction_of_a_change(sentence, number, unit_end_extra, way):
    start, end = _span(sentence, number)
    assert direction(sentence, start, end, end + unit_end_extra) == way


def test_doubling_and_halving_are_changes():
    sentence = "Ticket sales doubled while costs halved."
    found = [(sentence[s:e], change, way) for s, e, change, way in multiplier_changes(sentence)]
    assert found == [("doubled", 100.0, "up"), ("halved", -50.0, "down")]


@pytest.mark.parametrize(("sentence", "changes"), [
    # The base form is a verb after a modal or "to" ...
    ("The cost of tickets will double.", [("double", 100.0, "up")]),
    ("The council plans to almost triple its fleet.", [("triple", 200.0, "up")]),
    ("Ministers vowed to halve waiting lists.", [("halve", -50.0, "down")]),
    # ... and an adjective or a noun elsewhere.
    ("She booked a double room for two nights.", []),
    ("His score reached double figures.", []),
    ("The crowd went from single to double.", []),
])
def test_a_base_form_multiplier_is_a_verb_after_a_modal_or_to(sentence, changes):
    assert [(sentence[s:e], change, way) for s, e, change, way in multiplier_changes(sentence)] == changes


def test_a_side_that_doubles_its_lead_scores_again():
    assert multiplier_changes("The visiting side doubled its lead before the break.") == []


def test_a_plural_multiplier_alone_does_not_make_a_sentence_hold_a_figure():
    assert figures("I hardly ever play doubles.").empty
    assert figures("Ministers promised to double it.")["surface"].tolist() == ["double"]


@pytest.mark.parametrize(("sentence", "changes"), [
    # "doubles" and "halves" are verbs before an object or a complement ...
    ("The firm doubles its dividend.", [("doubles", 100.0, "up")]),
    ("The fee halves to £20 next year.", [("halves", -50.0, "down")]),
    # ... and nouns after a determiner or a possessive, or before another noun.
    ("Sunday's doubles match was cancelled.", []),
    ("The mixed doubles title went to Spain.", []),
    ("The two halves of the report disagree.", []),
])
def test_a_plural_multiplier_is_a_noun_where_a_noun_stands(sentence, changes):
    assert [(sentence[s:e], change, way) for s, e, change, way in multiplier_changes(sentence)] == changes


@pytest.mark.parametrize("sentence, number, kind, low, high", [
    ("Some 30-odd walkers set off.", "30-odd", "approx", 27.0, 33.0),
    ("The choir has 30-plus singers.", "30-plus", "lower", 30.0, math.inf),
    ("We counted 30 or so boats.", "30 or so", "approx", 27.0, 33.0),
])
def test_a_cue_inside_the_span_after_the_number_qualifies_it(sentence, number, kind, low, high):
    start, end = _span(sentence, number)
    q = qualify(sentence, start, end, 30.0, 30.0, 30.0, False)
    assert (q.qualifier, q.low, q.high) == (kind, pytest.approx(low), high if math.isinf(high) else pytest.approx(high))


@pytest.mark.parametrize("sentence, before, after", [
    ("The plan will increase the number of rural mobile library vans from 120 to 150.", 120.0, 150.0),
    ("The board cut the maximum length of a standard parking permit from 36 to 12 months.", 36.0, 12.0),
    ("Regulators raised the share of renewable power in the national grid from 30% to 45%.", 30.0, 45.0),
])
def test_a_change_verb_far_before_from_still_makes_a_before_and_an_after(sentence, before, after):
    from extract import figures

    rows = figures(sentence)
    assert [(r.value, r.qualifier) for r in rows.itertuples()] == [(before, "exact"), (after, "exact")]


@pytest.mark.parametrize("sentence, surface, qualifier, low, high", [
    ("Fares climbed 8% or so in the spring.", "8% or so", "approx", 7.2, 8.8),
    ("The trail runs 12 miles or more.", "12 miles", "lower", 12.0, math.inf),
    ("Borrowing stayed at 4% or less.", "4%", "upper", 0.0, 4.0),
])
def test_a_cue_after_the_unit_qualifies_the_figure(sentence, surface, qualifier, low, high):
    from extract import figures

    row = figures(sentence).iloc[0]
    assert (row["surface"], row["qualifier"], row["low"]) == (surface, qualifier, pytest.approx(low))
    assert row["high"] == (high if math.isinf(high) else pytest.approx(high))


def test_a_change_word_far_before_the_figure_is_found_across_non_breaking_spaces():
    sentence = "The company said on Tuesday that its annual sales fell\u00a0by\u00a05%."
    start, end = _span(sentence, "5")
    assert direction(sentence, start, end, end + 1) == "down"
