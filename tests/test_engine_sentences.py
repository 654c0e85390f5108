"""Sentence boundaries: offsets into the text as given, abbreviations and initials kept inside."""

from hypothesis import given
from hypothesis import strategies as st

from extract.engine.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def test_a_full_stop_before_a_capital_ends_a_sentence():
    text = "Prices rose 4% in May. Wages fell behind.  Rents did not!"
    assert sentences(text) == ["Prices rose 4% in May.", "Wages fell behind.", "Rents did not!"]


def test_titles_months_and_initials_do_not_end_a_sentence():
    text = "Mr. Jones met Dr. Patel on Aug. 3 in the U.S. capital. Later George W. Bush spoke."
    assert sentences(text) == ["Mr. Jones met Dr. Patel on Aug. 3 in the U.S. capital.", "Later George W. Bush spoke."]


def test_a_sentence_may_start_with_a_number_or_a_currency_sign():
    assert sentences("Sales were flat. 40 shops closed. £3m was lost.") == [
        "Sales were flat.", "40 shops closed.", "£3m was lost."]


def test_a_decimal_point_is_not_a_boundary():
    assert sentences("Growth was 2.5 percent. It slowed.") == ["Growth was 2.5 percent.", "It slowed."]


def test_a_closing_quote_stays_with_its_sentence():
    text = '"We sold 300 cars." The dealer smiled.'
    assert sentences(text) == ['"We sold 300 cars."', "The dealer smiled."]


def test_paragraph_breaks_and_list_items_end_sentences_without_a_full_stop():
    text = "Headline with no stop\n\nFirst paragraph here.\n- item one\n- item two"
    assert sentences(text) == ["Headline with no stop", "First paragraph here.", "- item one", "- item two"]


def test_whitespace_only_text_has_no_sentences():
    assert split_sentences("  \n\t ") == []


@given(st.text(alphabet=st.sampled_from(list("ab. \nMr3£\"")), max_size=200))
def test_spans_are_ordered_disjoint_trimmed_and_cover_every_word(text: str):
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        assert text[previous_end:start].strip() == ""
        previous_end = end
    assert text[previous_end:].strip() == ""
