"""The dashboard's filters, as plain functions over the figures table."""

import math

from extract.engine.extraction import figures
from extract.workspace.filters import OWN_STATEMENT, FigureFilters, apply_filters, figures_by_source, filter_options

TEXT_A = ("Exports fell 12% in May, according to the Statistics Office. "
          "About 3,000 workers lost their jobs. The ministry said 40 firms [closed].")
TEXT_B = "More than 6,700 civilians were killed, according to the United Nations. Prices rose 0.5%."


def _table():
    from extract.documents.loaders import document_from_text

    return figures([document_from_text(TEXT_A, doc_id="a", title="Trade", outlet="Gazette"),
                    document_from_text(TEXT_B, doc_id="b", title="War", outlet="Herald")])


def test_no_filter_keeps_everything():
    table = _table()
    assert apply_filters(table, FigureFilters()).equals(table)


def test_each_filter_narrows_by_its_column():
    table = _table()
    assert apply_filters(table, FigureFilters(sources=["United Nations"]))["surface"].tolist() == ["More than 6,700"]
    own = apply_filters(table, FigureFilters(sources=[OWN_STATEMENT]))
    assert set(own["source"]) == {""} and len(own) >= 2
    assert set(apply_filters(table, FigureFilters(documents=["b"]))["doc_id"]) == {"b"}
    assert set(apply_filters(table, FigureFilters(outlets=["Gazette"]))["doc_id"]) == {"a"}
    assert set(apply_filters(table, FigureFilters(dimensions=["percent"]))["surface"]) == {"12%", "0.5%"}
    assert apply_filters(table, FigureFilters(qualifiers=["lower"]))["surface"].tolist() == ["More than 6,700"]


def test_search_is_plain_case_insensitive_text_over_entity_and_sentence():
    table = _table()
    assert apply_filters(table, FigureFilters(search="WORKERS"))["surface"].tolist() == ["About 3,000"]
    assert apply_filters(table, FigureFilters(search="[closed]"))["surface"].tolist() == ["40"]
    assert apply_filters(table, FigureFilters(search="(")).empty  # not a regular expression: no error


def test_value_range_is_inclusive_and_either_end_optional():
    table = _table()
    assert sorted(apply_filters(table, FigureFilters(min_value=40))["value"]) == [40, 3000, 6700]
    assert sorted(apply_filters(table, FigureFilters(max_value=12))["value"]) == [0.5, 12]
    assert sorted(apply_filters(table, FigureFilters(min_value=12, max_value=40))["value"]) == [12, 40]
    assert len(apply_filters(table, FigureFilters(min_value=math.nan))) == len(table)


def test_filters_combine_with_and():
    table = _table()
    chosen = apply_filters(table, FigureFilters(outlets=["Herald"], dimensions=["percent"]))
    assert chosen["surface"].tolist() == ["0.5%"]


def test_options_list_every_choice_with_own_statement_last():
    options = filter_options(_table())
    assert options.sources == ["Statistics Office", "United Nations", OWN_STATEMENT]
    assert options.documents == {"a": "Trade (a)", "b": "War (b)"}
    assert options.outlets == ["Gazette", "Herald"]
    assert options.qualifiers == ["exact", "approx", "lower"]
    counts = figures_by_source(_table())
    assert counts["figures"].sum() == len(_table())
    assert counts.values.tolist() == [[OWN_STATEMENT, 3], ["Statistics Office", 1], ["United Nations", 1]]
