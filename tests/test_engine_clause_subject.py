"""What a measure is about when its own words or its clause say (extract/engine/clause_subject.py),
on sentences written here: the figure's own phrase first, then its clause."""

import pytest

from extract import figures
from extract.engine.clause_subject import read_measure_entity, subject_before
from extract.engine.measured_entity import measured_phrase


def _reading(sentence: str, surface: str, unit_end_text: str | None = None, currency: bool = True):
    start = sentence.index(surface)
    end = sentence.index(unit_end_text or surface) + len(unit_end_text or surface)
    return read_measure_entity(sentence, start, end, measured_phrase(sentence, start, end), currency=currency)


def _entities(text: str) -> list[tuple[str, str]]:
    return [(r.surface, r.entity) for r in figures(text).itertuples()]


@pytest.mark.parametrize(("sentence", "surface", "entity"), [
    # The noun a measure modifies, past a conversion in brackets or after an adjective.
    ("The regulator imposed a $2m (£1.1m) fine on the bank.", "$2m", "fine"),
    ("Figures showed a surprise £400m drop in retail sales.", "£400m", "drop in retail sales"),
    ("Acme reported a 12% rise in operating profit.", "12%", "rise in operating profit"),
    ("The deal gives Acme a 40% stake in the venture.", "40%", "stake in the venture"),
    # An amount "in" a noun, past a conversion or an adjective.
    ("The court ordered it to pay 2m yuan ($290,000) in compensation.", "2m yuan", "compensation"),
    ("Donors pledged $20m in cheap loans.", "$20m", "cheap loans"),
    # A measure in apposition, or a holder "with" it or ranging "from" it.
    ("The new model has a larger tank, 60 litres, than the old one.", "60 litres", "larger tank"),
    ("Flats from $300,000 sell fast.", "$300,000", "Flats"),
])
def test_the_figures_own_phrase(sentence, surface, entity):
    reading = _reading(sentence, surface, currency="$" in surface or "yuan" in surface)
    assert (reading.text, reading.local) == (entity, True)


@pytest.mark.parametrize(("sentence", "surface", "entity"), [
    # What a verb of paying, losing or fining makes of an amount: the transaction, and whose.
    ("Acme agreed to pay $3m to the Federal Trade Office.", "$3m", "Acme's payment to the Federal Trade Office"),
    ("The carrier lost $90m in the quarter.", "$90m", "carrier's loss"),
    ("Bolton Mills was fined £40,000 for the spill.", "£40,000", "Bolton Mills' fine"),
    ("The scheme will cost taxpayers £2bn.", "£2bn", "scheme's cost"),
    # What a verb moves "to" a figure, whatever stands between.
    ("The bank raised interest rates three times last year to 4%.", "4%", "interest rates"),
    ("The June hires took 2019's total to 1,200.", "1,200", "2019's total"),
    # What an amount is given "for".
    ("The council gives £50 for school meals.", "£50", "school meals"),
])
def test_verbs_that_say_what_an_amount_is(sentence, surface, entity):
    reading = _reading(sentence, surface, currency=surface[0] in "$£")
    assert (reading.text, reading.local) == (entity, True)


def test_a_subject_is_the_clauses_reading_which_the_parse_may_settle():
    reading = _reading("Shares in Acme jumped 15% after the results.", "15%", currency=False)
    assert (reading.text, reading.local) == ("Shares in Acme", False)


def test_a_phrase_qualified_by_a_participle_clause_is_its_own_reading():
    reading = _reading("The army is making slow but steady progress, gaining 30 square miles a week.", "30",
                       "30 square miles", currency=False)
    assert (reading.text, reading.local) == ("steady progress", True)


@pytest.mark.parametrize(("text", "expected"), [
    # How often: the verb phrase it counts (with the subject of an intransitive verb).
    ("The envoy had met the rebels four times before the truce.", [("four", "met the rebels")]),
    ("Prices rose three times this year.", [("three", "Prices rose")]),
    # A frame ("an average of", "a deal worth") passes over to what it frames.
    ("Flats stay an average of 60 days on the market.", [("60 days", "Flats")]),
    ("The firm signed a deal worth $5bn with the airline.", [("$5bn", "deal")]),
    # "for" a name.
    ("The first film took $900m, against $500m for The Lost Film.", [("$900m", "film's takings"),
                                                                       ("$500m", "The Lost Film")]),
    # A subject whose head takes "at".
    ("Profits at the bank rose 12%.", [("12%", "Profits at the bank")]),
])
def test_entities_in_the_table(text, expected):
    assert _entities(text) == expected


def test_subject_before_finds_the_finite_verb_and_its_subject():
    sentence = "The cost of the new stadium was put at $900m."
    subject = subject_before(sentence, sentence.index("$"))
    assert subject is not None and subject.phrase.text == "cost of the new stadium"
    sentence = "Acme said on Monday that it would hire 200 engineers."
    subject = subject_before(sentence, sentence.index("200"))
    assert subject is not None and subject.phrase.text == "Acme"


@pytest.mark.parametrize(("sentence", "surface", "entity"), [
    # Whom an amount is owed or paid to, as the noun phrase between the verb and the amount.
    ("The province owes its bondholders about $3bn.", "about $3bn", "province's debt to its bondholders"),
    ("The insurer paid the flood victims $12m.", "$12m", "insurer's payment to the flood victims"),
    # The level a change reaches measures what changed, not the change.
    ("The chain reported a 9% rise in online sales to £700m.", "£700m", "online sales"),
    ("The airline posted a 4% fall in operating costs to $1.2bn.", "$1.2bn", "operating costs"),
])
def test_a_transactions_recipient_and_a_changes_level(sentence, surface, entity):
    reading = _reading(sentence, surface, currency=True)
    assert (reading.text, reading.local) == (entity, True)


def test_the_change_itself_keeps_its_phrase():
    assert dict(_entities("The chain reported a 9% rise in online sales to £700m."))["9%"] == "rise in online sales"


def test_a_descriptor_before_a_name_stays_in_the_subject():
    table = figures("Profits at chip maker Norvik rose 12% last year.")
    assert table["entity"].tolist() == ["Profits at chip maker Norvik"]


def test_an_owner_already_in_the_possessive_is_not_made_possessive_twice():
    entities = figures("He backed his union's plans to cut pay for those earning more than £50,000.")["entity"].tolist()
    assert not any("'s'" in entity for entity in entities), entities


def test_a_pronoun_subject_does_not_own_what_is_counted():
    assert figures("We've played four games in a week.")["entity"].tolist() == ["games"]
    assert figures("Acme has 300 staff.")["entity"].tolist() == ["Acme's staff"]


@pytest.mark.parametrize(("text", "entity"), [
    # An amount that is the subject of a passive verb of paying, spending or losing.
    ("About £8m was spent on flood defences.", "spending on flood defences"),
    ("A further $3bn has been paid to investors.", "payment to investors"),
    ("Another £2m was lost.", "loss"),
    # A number grouped by commas is one word of a phrase, never cut at its comma.
    ("In all 20,000 fans came and £9,000 was raised.", None),
])
def test_what_an_amount_in_a_passive_clause_measures(text, entity):
    money = [r.entity for r in figures(text).itertuples() if r.dimension == "currency"]
    if entity is None:
        assert not any(e.startswith("000") for e in money), money
    else:
        assert money == [entity]
