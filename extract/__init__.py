"""figcheck's engine: pull every statistical figure out of news articles into a DataFrame."""

from .documents import Document, LoadError, document_from_text, load_bytes, load_inputs, load_path
from .figures import extract_document, figure_rows, figures, figures_frame
from .schema import COLUMNS

__all__ = [
    "COLUMNS", "Document", "LoadError", "document_from_text", "extract_document", "figure_rows",
    "figures", "figures_frame", "load_bytes", "load_inputs", "load_path",
]
