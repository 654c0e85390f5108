"""The one filter type: one normal form for every caller (URL, CLI flags, tests), and its summary in
words. What each filter keeps is tested on a store in test_store.py."""

import math

from extract.workspace.filters import OWN_STATEMENT, Filters, source_label
from extract.workspace.store_queries import FilterOptions, unmatched_values


def test_normal_form_lists_become_tuples_search_is_stripped_nan_is_no_bound():
    chosen = Filters(sources=["United Nations"], text="  jobs ", value_min=math.nan, value_max=5)
    assert chosen == Filters(sources=("United Nations",), text="jobs", value_max=5.0)
    assert chosen.value_min is None and chosen.value_max == 5.0
    assert Filters(text="   ").is_empty() and not chosen.is_empty()
    assert chosen.without_sources() == Filters(text="jobs", value_max=5.0)


def test_active_filters_are_described_in_words():
    assert Filters().described() == []
    assert Filters(sources=("United Nations", OWN_STATEMENT), verdicts=("conflict",), text="oil",
                   value_min=100, value_max=1_000_000).described() == [
        "Source: United Nations, (stated by the article)", "Verdict: conflict", "Search: “oil”",
        "Value: 100 to 1,000,000"]
    assert Filters(value_max=50).described() == ["Value: … to 50"]


def test_values_from_a_link_that_match_nothing_are_named():
    options = FilterOptions(sources=["Reuters", OWN_STATEMENT], outlets=["Herald"], documents={"a": "Trade (a)"},
                            dimensions=["percent"], qualifiers=["exact"],
                            verdicts=["consistent", "conflict", "unverified"])
    chosen = Filters(sources=("Reuters", "Nobody At All"), documents=("a", "zz"), verdicts=("conflict",))
    assert unmatched_values(chosen, options) == {"sources": ["Nobody At All"], "documents": ["zz"]}
    assert unmatched_values(Filters(), options) == {}


def test_source_label():
    assert source_label("") == OWN_STATEMENT and source_label("Reuters") == "Reuters"
