"""Matching: killed, injured and killed-or-injured are different measures; sources and units count."""

import pandas as pd
import pytest

from extract import figures
from extract.checks.matching import corpus_matches, figure_measures, reference_matches
from extract.checks.measure_terms import lemma, outcomes, sources_agree, terms
from extract.checks.reference_data import load_reference
from extract.checks.settings import CheckSettings

DEFAULT = CheckSettings()


@pytest.fixture(scope="module")
def reference():
    table, _ = load_reference()
    return table


def _matches(text, reference, settings=DEFAULT):
    table = figures(text)
    measures = figure_measures(table, settings)
    found = reference_matches(measures, reference, settings)
    return table, {fid: [(m.other_id, m.is_match, m.differences) for m in ms] for fid, ms in found.items()}


def test_the_verb_around_the_figure_is_part_of_the_measure(reference):
    text = ("Between 1 December 2024 and 31 May 2025, at least 968 civilians were killed and 4,807 injured, "
            "according to the United Nations.")
    table, found = _matches(text, reference)
    killed, injured = table["figure_id"]
    assert found[killed][0] == ("ohchr-2025-06-killed", True, ())
    assert found[injured][0] == ("ohchr-2025-06-injured", True, ())
    assert ("ohchr-2025-06-injured", False, ("measures differ: killed vs injured",)) in found[killed]
    assert ("ohchr-2025-06-killed", False, ("measures differ: injured vs killed",)) in found[injured]


def test_casualties_are_killed_or_injured(reference):
    text = "The UN counted 6,754 civilian casualties in the first half of 2025."
    table, found = _matches(text, reference)
    assert found[table["figure_id"][0]][0] == ("hrmmu-2025-h1-casualties", True, ())


def test_a_different_source_is_related_not_a_match(reference):
    text = "Between 1 December 2024 and 31 May 2025, 968 civilians were killed, according to Reuters."
    table, found = _matches(text, reference)
    assert found[table["figure_id"][0]][0] == (
        "ohchr-2025-06-killed", False, ("sources differ: Reuters vs UN Human Rights Office (OHCHR)",))
    _, lenient = _matches(text, reference, CheckSettings(require_same_source=False))
    assert lenient[table["figure_id"][0]][0] == ("ohchr-2025-06-killed", True, ())


def test_a_count_without_a_period_is_only_related(reference):
    table, found = _matches("The war has killed 968 civilians, the United Nations said.", reference)
    related = {other_id: (is_match, differences) for other_id, is_match, differences in found[table["figure_id"][0]]}
    assert related["ohchr-2025-06-killed"] == (
        False, ("the text states no period; the reference covers 1 Dec 2024 – 31 May 2025",))
    assert related["hrmmu-cumulative-2025-06-killed"] == (
        False, ("the text states no period; the reference covers 24 Feb 2022 – 30 Jun 2025",))
    assert not any(is_match for is_match, _ in related.values())


def test_units_must_be_compatible(reference):
    table, found = _matches("Between 1 December 2024 and 31 May 2025, $968 was paid to civilians killed.", reference)
    assert found == {}


def test_corpus_matches_other_documents_only():
    table = pd.concat([
        figures("The Kherson ferry carried 1,250 passengers in March 2025.").assign(doc_id="a", figure_id="a-0"),
        figures("The Kherson ferry carried 1,250 passengers in March 2025.").assign(doc_id="a", figure_id="a-1"),
        figures("The Kherson ferry carried 1,400 passengers in March 2025.").assign(doc_id="b", figure_id="b-0"),
    ], ignore_index=True)
    found = corpus_matches(figure_measures(table))
    assert [(m.other_id, m.is_match, m.agrees) for m in found["a-0"]] == [("b-0", True, False)]
    assert found["b-0"][0].why == ("same unit (passenger); same measure: passengers; both name kherson; "
                                   "period March 2025 ≈ March 2025")


def test_lemmas_and_outcomes():
    assert [lemma(w) for w in ("killed", "tankers", "capping", "sanctions", "Ukrainian")] == \
        ["kill", "tanker", "cap", "sanction", "ukrainian"]
    assert terms("Shadow tankers carried 4.1 million barrels, the report said") == \
        {"shadow", "tanker", "carry", "barrel"}
    assert outcomes("were killed or wounded") == {"killed", "injured"}
    assert outcomes("casualties") == {"killed", "injured"}
    assert sources_agree("United Nations", "UN Human Rights Office (OHCHR)") is True
    assert sources_agree("Kyiv School of Economics", "KSE Institute (Kyiv School of Economics)") is True
    assert sources_agree("Reuters", "KSE Institute") is False and sources_agree("", "OHCHR") is None
