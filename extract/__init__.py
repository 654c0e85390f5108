"""figcheck: pull every statistical figure out of news articles into a DataFrame, cross-check it,
review it and export it.

This module is the public API. The library lives in five rooms, each importing only the ones
before it: documents → engine → checks → workspace → app (see the README's "How it is built").

Names are imported when first used (PEP 562), so `import extract` — and the dashboard, which
needs only the workspace and the app rooms to show figures already stored — never pays for the
engine (its parser, spaCy) or the cross-checks until they are called.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what static checkers see: the same names, imported eagerly
    from extract.checks.crosscheck import CrossCheck, check_figures, cross_check, evidence_for, evidence_frame
    from extract.checks.reference_data import load_references
    from extract.checks.settings import CheckSettings
    from extract.documents.loaders import (
        Document,
        LoadError,
        document_from_text,
        load_bytes,
        load_inputs,
        load_path,
    )
    from extract.engine.extraction import extract_document, figure_rows, figures, figures_frame
    from extract.engine.table_schema import COLUMNS

# Each public name and the module that defines it.
_HOMES = {
    "CrossCheck": "extract.checks.crosscheck", "check_figures": "extract.checks.crosscheck",
    "cross_check": "extract.checks.crosscheck", "evidence_for": "extract.checks.crosscheck",
    "evidence_frame": "extract.checks.crosscheck",
    "load_references": "extract.checks.reference_data",
    "CheckSettings": "extract.checks.settings",
    "Document": "extract.documents.loaders", "LoadError": "extract.documents.loaders",
    "document_from_text": "extract.documents.loaders", "load_bytes": "extract.documents.loaders",
    "load_inputs": "extract.documents.loaders", "load_path": "extract.documents.loaders",
    "extract_document": "extract.engine.extraction", "figure_rows": "extract.engine.extraction",
    "figures": "extract.engine.extraction", "figures_frame": "extract.engine.extraction",
    "COLUMNS": "extract.engine.table_schema",
}

__all__ = [
    "COLUMNS", "CheckSettings", "CrossCheck", "Document", "LoadError", "check_figures", "cross_check",
    "document_from_text", "evidence_for", "evidence_frame", "extract_document", "figure_rows",
    "figures", "figures_frame", "load_bytes", "load_inputs", "load_path", "load_references",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'extract' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # imported once; later look-ups are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
