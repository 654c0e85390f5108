"""The NewsQuant benchmark's scoring helpers (benchmarks/newsquant.py) fold unit spellings right."""

import importlib.util
from pathlib import Path

_SPEC = importlib.util.spec_from_file_location(
    "newsquant_benchmark", Path(__file__).resolve().parents[1] / "benchmarks" / "newsquant.py")
newsquant = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(newsquant)


def test_pence_agree_with_p_and_not_with_pounds():
    pence = {"unit": "GBp"}
    assert newsquant.unit_agrees(pence, {"unit": "p", "normalized_unit": "penny"})
    assert not newsquant.unit_agrees(pence, {"unit": "PS", "normalized_unit": "pound sterling"})
    assert newsquant.unit_agrees({"unit": "GBP"}, {"unit": "£", "normalized_unit": "pound sterling"})


def test_every_iso_currency_agrees_with_its_code_name_and_symbol():
    for ours, gold_unit in (("CNY", "yuan"), ("NZD", "New Zealand dollar"), ("SGD", "Singapore dollars"),
                            ("CHF", "Swiss franc"), ("INR", "rupees"), ("INR", "₹"), ("ZAR", "rand")):
        assert newsquant.unit_agrees({"unit": ours}, {"unit": gold_unit, "normalized_unit": "-"}), (ours, gold_unit)
    assert not newsquant.unit_agrees({"unit": "CNY"}, {"unit": "yen", "normalized_unit": "japanese yen"})


def test_a_tonne_is_a_metric_ton():
    assert newsquant.unit_agrees({"unit": "tonne"}, {"unit": "tonnes", "normalized_unit": "metric ton"})
    assert not newsquant.unit_agrees({"unit": "tonne"}, {"unit": "ton", "normalized_unit": "short ton"})


def test_folds_alternate_records_and_cover_the_half_once():
    records = [{"id": i} for i in range(7)]
    a, b = newsquant.fold(records, "A"), newsquant.fold(records, "B")
    assert [r["id"] for r in a] == [0, 2, 4, 6] and [r["id"] for r in b] == [1, 3, 5]
    assert newsquant.fold(records, "all") == records


def test_a_before_and_an_after_are_counted_as_a_deliberate_split_of_a_gold_range():
    predicted = [{"value": 40.0, "low": 40.0, "high": 40.0}, {"value": 55.0, "low": 55.0, "high": 55.0}]
    gold = [{"value": "40.0-55.0"}, {"value": "7.0"}]
    assert newsquant.split_gold_ranges(predicted, gold, pairs=[]) == [gold[0]]
    # Once the range is paired (figcheck read it as one), nothing was split.
    assert newsquant.split_gold_ranges(predicted, gold, pairs=[(predicted[0], gold[0])]) == []


def test_a_change_that_keeps_its_direction_where_the_gold_has_none():
    assert newsquant.keeps_its_direction({"direction": "up"}, {"change": "="})
    assert not newsquant.keeps_its_direction({"direction": "up"}, {"change": "up"})
    assert not newsquant.keeps_its_direction({"direction": ""}, {"change": "~"})


def test_unpaired_gold_periods_and_ages_are_counted_apart():
    gold = [{"value": "2.0", "unit": "years"}, {"value": "18.0", "unit": "month-old"},
            {"value": "5.0", "unit": "%"}, {"value": "3.0", "unit": "days"}]
    paired = [({"value": 3.0}, gold[3])]
    assert newsquant.unpaired_periods(gold, paired) == gold[:2]
