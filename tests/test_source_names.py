"""Source names merged within a corpus: acronyms and long forms, spacing and case variants."""

import pandas as pd

from extract.checks.source_names import initials, merged_source_column, merged_source_names, spelling_key


def test_acronyms_join_their_only_long_form():
    merged = merged_source_names(["ONS", "Office for National Statistics", "the ONS", "UN", "United Nations", "U.N."])
    assert merged == {"ONS": "Office for National Statistics", "the ONS": "Office for National Statistics",
                      "Office for National Statistics": "Office for National Statistics",
                      "UN": "United Nations", "United Nations": "United Nations", "U.N.": "United Nations"}


def test_spacing_and_case_variants_are_one_source():
    merged = merged_source_names(["TimeWarner", "Time Warner", "time warner", "TimeWarner"])
    assert set(merged.values()) == {"Time Warner"}


def test_an_acronym_with_two_possible_long_forms_is_left_alone():
    merged = merged_source_names(["BA", "British Airways", "British Academy"])
    assert merged == {"BA": "BA", "British Airways": "British Airways", "British Academy": "British Academy"}


def test_a_defined_acronym_joins_its_uses():
    merged = merged_source_names(["International Monetary Fund (IMF)", "IMF", "the IMF"])
    assert set(merged.values()) == {"International Monetary Fund (IMF)"}


def test_initials_and_keys():
    assert initials("Office for National Statistics") == "ONS"
    assert initials("Bank of England") == "BE"
    assert initials("Reuters") == ""
    assert spelling_key("The Time-Warner") == spelling_key("time warner") == "timewarner"


def test_the_merged_column_is_what_the_source_filter_shows():
    table = pd.DataFrame({"source": ["ONS", "", "Office for National Statistics", "Reuters"]})
    assert list(merged_source_column(table)) == ["Office for National Statistics", "",
                                                 "Office for National Statistics", "Reuters"]
    assert list(merged_source_column(table.iloc[:1], known_sources=["Office for National Statistics"])) == \
        ["Office for National Statistics"]
    assert merged_source_column(table.iloc[:0]).empty
