"""figcheck: pull every statistical figure out of news articles into a DataFrame, cross-check it,
review it and export it.

This module is the public API. The library lives in five rooms, each importing only the ones
before it: documents → engine → checks → workspace → app (see the README's "How it is built").
"""

from extract.checks.crosscheck import CrossCheck, check_figures, cross_check, evidence_for, evidence_frame
from extract.checks.reference_data import load_references
from extract.checks.settings import CheckSettings
from extract.documents.loaders import Document, LoadError, document_from_text, load_bytes, load_inputs, load_path
from extract.engine.extraction import extract_document, figure_rows, figures, figures_frame
from extract.engine.table_schema import COLUMNS

__all__ = [
    "COLUMNS", "CheckSettings", "CrossCheck", "Document", "LoadError", "check_figures", "cross_check",
    "document_from_text", "evidence_for", "evidence_frame", "extract_document", "figure_rows",
    "figures", "figures_frame", "load_bytes", "load_inputs", "load_path", "load_references",
]
