"""Who says so, read from the parse: speech-verb subjects, "according to", memory, acronyms."""

import pytest

from extract import figures


def _sources(text: str) -> list[tuple[str, str, str]]:
    table = figures(text)
    return [(r.surface, r.source, r.source_cue) for r in table.itertuples()]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # The source is the named organisation in the subject, not its first capitalised word.
        ("A report from the Office for Budget Forecasts said 7% of firms had closed.", "Office for Budget Forecasts"),
        ("A study by consultants Meridian found 18% of drivers had switched.", "Meridian"),
        ("Fresh estimates from the Asian Development Bank put inflation at 4.2%.", "Asian Development Bank"),
        # "according to figures from X": X, through the evidence noun.
        ("According to figures from the Charity Commission, donations reached £3.1m.", "Charity Commission"),
        ("Exports fell 6%, according to Statistics Norway.", "Statistics Norway"),
        # A person named with a title: the name, not the title.
        ("Finance Minister Karin Holt said the deficit would reach 3.5%.", "Karin Holt"),
    ],
)
def test_named_source(text, source):
    got = _sources(text)
    assert got and all(s == source for _, s, _ in got), got


def test_a_sentence_without_numbers_sets_the_memory_for_it():
    text = "The Red Cross published its assessment on Friday. It added that 450 homes were destroyed."
    assert _sources(text) == [("450", "Red Cross", "it added")]


def test_he_said_resolves_to_the_last_person_named():
    text = "Talks were led by trade envoy Maria Oduya. Later she said 12 factories would close."
    assert _sources(text) == [("12", "Maria Oduya", "she said")]


def test_the_report_resolves_to_the_organisation_that_published_it():
    text = ("The Fiscal Studies Institute published a review of council budgets on Monday. "
            "Spending on roads fell by 9%, the report said.")
    assert _sources(text) == [("9%", "Fiscal Studies Institute", "the report said")]


def test_acronym_and_long_form_are_one_source():
    text = ("The Bureau of Farm Economics (BFE) said wheat yields fell 4%. "
            "The BFE also said barley output rose 2%.")
    assert [s for _, s, _ in _sources(text)] == ["Bureau of Farm Economics", "Bureau of Farm Economics"]


def test_initials_of_a_named_organisation_merge_with_it():
    text = ("Milk output rose 3%, the National Dairy Council said. "
            "Cheese sales fell 2%, NDC said.")
    assert [s for _, s, _ in _sources(text)] == ["National Dairy Council", "National Dairy Council"]


def test_the_verb_that_governs_a_figure_names_its_source():
    text = ("Prices have eased, traders say, with the Grain Exchange reporting in May that "
            "stocks had risen by 40,000 tonnes.")
    assert [s for _, s, _ in _sources(text)] == ["Grain Exchange"]


def test_a_figure_inside_a_quotation_is_the_speakers():
    text = "“We will cut 300 jobs. Sales fell 8% last year,” said chief executive Anna Berg."
    assert [(s, src) for s, src, _ in _sources(text)] == [("300", "Anna Berg"), ("8%", "Anna Berg")]


def test_a_kind_of_reporter_is_a_group():
    assert _sources("Analysts said profits would fall 5%.") == [("5%", "Analysts", "said")]


def test_no_source_when_the_article_states_it():
    assert _sources("Profits rose 5% in the year.") == [("5%", "", "")]
    # "put forward" is not a report, whoever put it forward.
    assert _sources("Plans put forward by the council would build 200 homes.")[0][1] == ""


def test_an_acronym_defined_earlier_in_the_document_is_its_long_form():
    text = ("The Office for Rail Safety (ORS) opened an inquiry in May. Trains were cleaned overnight. "
            "Passengers complained loudly. The ORS said 23% of carriages failed checks.")
    assert _sources(text) == [("23%", "Office for Rail Safety", "said")]


def test_a_bracketed_ticker_is_not_an_acronym_of_the_name_before_it():
    text = "Shares in Boxwell (BXW) rose 2%, the Statistics Bureau said."
    assert [s for _, s, _ in _sources(text)] == ["Statistics Bureau"]


def test_evidence_compiled_by_a_named_source():
    assert _sources("According to data compiled by Refinitiv, the fund lost $2bn.") == \
        [("$2bn", "Refinitiv", "according to")]


def test_the_company_said_is_the_organisation_named_before():
    text = "Harwell Foods reported results on Tuesday. The company said sales rose 4%."
    assert _sources(text) == [("4%", "Harwell Foods", "the company said")]


def test_a_described_source_is_not_a_back_reference():
    text = ("Exports rose 3%, the Kyiv Trade Office found. "
            "The ferry moved 2.1 million tonnes of grain, the harbour authority said.")
    assert [s for _, s, _ in _sources(text)] == ["Kyiv Trade Office", "harbour authority"]
