"""The shipped copy of quantulum3's unit knowledge base is exactly what quantulum3 holds."""

import json

from extract.engine import units
from extract.engine.units import QUANTULUM_UNITS_JSON, quantulum_unit_pairs


def test_shipped_unit_pairs_equal_quantulum3s_own():
    shipped = json.loads(QUANTULUM_UNITS_JSON.read_text(encoding="utf-8"))
    assert shipped == quantulum_unit_pairs(), "run `python -m extract.engine.units` after upgrading quantulum3"


def test_a_different_quantulum3_version_reads_the_knowledge_base_directly(monkeypatch):
    monkeypatch.setattr(units, "QUANTULUM_UNITS_JSON", QUANTULUM_UNITS_JSON.with_name("missing.json"))
    assert units._unit_pairs()["surfaces_lower"]["square miles"] == [["square mile", "area"]]
