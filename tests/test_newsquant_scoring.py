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
