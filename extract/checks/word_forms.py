"""lemminflect's lemmas and inflections, without importing spaCy.

lemminflect's own `__init__` imports spaCy, when installed, to hook itself into spaCy's tokens: two
seconds of a cold start, and a dashboard that shows stored figures, or a cross-check, needs no
parser. Importing it through `lemminflect_module()` hides spaCy from that one import (in the
calling thread only), so lemminflect skips the hook; figcheck calls its functions directly and
never uses the hook. Once the engine has imported spaCy, lemminflect is imported as usual.
"""

from __future__ import annotations

import importlib
import importlib.abc
import sys
import threading
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import Any

_LOCK = threading.Lock()
_LOAD_LOCK = threading.Lock()
_MODULE: ModuleType | None = None
_LOADED: set[str] = set()


class _SpacyHidden(importlib.abc.MetaPathFinder):
    """Makes `import spacy` fail in one thread, for as long as it is on sys.meta_path."""

    def __init__(self) -> None:
        self.thread = threading.get_ident()

    def find_spec(self, fullname: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> ModuleSpec | None:
        if threading.get_ident() == self.thread and fullname.split(".")[0] == "spacy":
            raise ModuleNotFoundError("spaCy is hidden while lemminflect is imported", name=fullname)
        return None


def lemminflect_module() -> ModuleType:
    """The lemminflect module, imported without spaCy unless spaCy is already loaded.

    Dashboard sessions run in threads: the first caller imports it while the others wait, so none
    ever sees a half-imported module."""
    global _MODULE
    if _MODULE is None:
        with _LOCK:
            if _MODULE is None:
                if "spacy" in sys.modules:
                    _MODULE = importlib.import_module("lemminflect")
                else:
                    hidden = _SpacyHidden()
                    sys.meta_path.insert(0, hidden)
                    try:
                        _MODULE = importlib.import_module("lemminflect")
                    finally:
                        sys.meta_path.remove(hidden)
    return _MODULE


def _call(name: str, *args: Any, **kwargs: Any) -> Any:
    """lemminflect's `name`; its first call loads a table (0.2 s), once, while other threads wait."""
    function = getattr(lemminflect_module(), name)
    if name not in _LOADED:
        with _LOAD_LOCK:
            result = function(*args, **kwargs)
            _LOADED.add(name)
            return result
    return function(*args, **kwargs)


def all_lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """lemminflect.getAllLemmas: the lemmas of `word` by part of speech."""
    return dict(_call("getAllLemmas", word))


def inflection(lemma: str, tag: str) -> tuple[str, ...]:
    """lemminflect.getInflection: the forms of `lemma` for a Penn tag ("NNS": the plural)."""
    return tuple(_call("getInflection", lemma, tag=tag))
