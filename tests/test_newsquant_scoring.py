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
