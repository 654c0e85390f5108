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

_LOCK = threading.Lock()


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
    """The lemminflect module, imported without spaCy unless spaCy is already loaded."""
    module = sys.modules.get("lemminflect")
    if module is not None:
        return module
    with _LOCK:
        if "spacy" in sys.modules or "lemminflect" in sys.modules:
            return importlib.import_module("lemminflect")
        hidden = _SpacyHidden()
        sys.meta_path.insert(0, hidden)
        try:
            return importlib.import_module("lemminflect")
        finally:
            sys.meta_path.remove(hidden)


def all_lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """lemminflect.getAllLemmas: the lemmas of `word` by part of speech."""
    return dict(lemminflect_module().getAllLemmas(word))


def inflection(lemma: str, tag: str) -> tuple[str, ...]:
    """lemminflect.getInflection: the forms of `lemma` for a Penn tag ("NNS": the plural)."""
    return tuple(lemminflect_module().getInflection(lemma, tag=tag))
