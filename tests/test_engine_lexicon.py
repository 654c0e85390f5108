"""The engine's shared word lists (extract/engine/lexicon.py): each list lives there once."""

import ast

import pytest
from conftest import ROOT

from extract.engine import lexicon

_LISTS = {name: {w for w in value if isinstance(w, str)} for name, value in vars(lexicon).items()
          if name.isupper() and isinstance(value, (set, frozenset, tuple, dict))}


def _module_word_lists() -> list[tuple[str, str, set[str]]]:
    found = []
    for path in sorted((ROOT / "extract" / "engine").glob("*.py")):
        if path.name == "lexicon.py":
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.Assign) or not isinstance(node.targets[0], ast.Name):
                continue
            value = node.value
            if isinstance(value, ast.Call) and value.args:
                value = value.args[0]
            if isinstance(value, (ast.Set, ast.Tuple, ast.List)):
                words = {e.value for e in value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
                if len(words) >= 5:
                    found.append((path.name, node.targets[0].id, words))
    return found


@pytest.mark.parametrize(("module", "name", "words"), _module_word_lists())
def test_no_rule_module_keeps_a_copy_of_a_lexicon_list(module, name, words):
    # A rule module may pick a few words of a shared list for a rule of its own ("in", "over" ...
    # among the stop words), but a list that is mostly one of the lexicon's is a second copy.
    for shared_name, shared in _LISTS.items():
        common = words & shared
        assert not (len(common) >= 0.8 * len(words) and len(common) >= 0.8 * len(shared)), (module, name, shared_name)


def test_word_forms_inflect_every_verb():
    forms = lexicon.word_forms(frozenset({"pay", "rise"}))
    assert {"pay", "pays", "paid", "paying", "rise", "rose", "risen", "rising"} <= forms


def test_the_verbs_of_change_are_split_by_who_changes():
    assert not lexicon.CHANGE_VERBS & {"cut", "raise", "lower", "reduce"}  # these move an object
    assert {"cut", "raise", "lower", "reduce"} <= lexicon.OBJECT_CHANGE_VERBS
