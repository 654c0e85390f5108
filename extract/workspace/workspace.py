"""A workspace: the one directory that keeps a newsroom's work, from one article to millions of figures.

    WORKSPACE/figures/, documents/   the Parquet store `python -m extract figures CORPUS -o WORKSPACE/`
                                     writes; articles added by hand are appended to it as chunks too
    WORKSPACE/catalogue.sqlite       articles added by hand, articles removed, a change counter (WAL)
    WORKSPACE/reference/             reference CSV files uploaded into the workspace
    WORKSPACE/checks/                stored cross-check results for one state of the articles and
                                     references: verdicts-<state>.parquet and evidence-<state>.parquet
    WORKSPACE/reviews.sqlite         the reviewers' decisions (`reviews`), unless $FIGCHECK_REVIEWS_DB

Why two engines: the figures are many rows written in large batches and read by scans and
aggregates, which Parquet files queried by DuckDB do best; the catalogue and the reviews are small
rows written one at a time by several processes at once (dashboard sessions, a CLI run), which
SQLite in WAL mode takes without readers ever waiting on a writer. An article is never rewritten
in place: adding appends a committed chunk, removing writes a tombstone in the catalogue, so a
writer killed at any moment leaves every committed article readable.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from extract.checks.reference_data import BUNDLED_REFERENCE, combine_references, load_reference, load_reference_bytes
from extract.checks.verdicts import VERDICT_COLUMNS, VERDICT_LABELS
from extract.documents.loaders import Document
from extract.engine.table_schema import COLUMNS, frame_from_rows
from extract.workspace.reviews import (
    DEFAULT_DB,
    REVIEWED,
    SECOND_LOOK,
    load_decisions,
    review_key_sql,
    review_keys,
    second_looks,
)
from extract.workspace.store_queries import CHECKS_SCHEMA, EVIDENCE_SCHEMA, Store, open_store, source_name_table
from extract.workspace.store_writer import (
    DOCUMENTS_DIR,
    FIGURES_DIR,
    StoreError,
    append_chunk,
    check_store_path,
    committed_parts,
    document_hash,
)

logger = logging.getLogger(__name__)
DEFAULT_WORKSPACE = Path(__file__).resolve().parents[2] / "data" / "workspace"
WORKSPACE_ENV = "FIGCHECK_WORKSPACE"
REVIEWS_ENV = "FIGCHECK_REVIEWS_DB"
CATALOGUE = "catalogue.sqlite"
REFERENCE_DIR = "reference"
CHECKS_DIR = "checks"
DOCUMENTS_PER_CHUNK = 500
CHECKS_FORMAT = 2  # raised when what is stored under checks/ changes, so older checks are redone
CROSS_CHECK_LIMIT_ENV = "FIGCHECK_CROSS_CHECK_LIMIT"
DEFAULT_CROSS_CHECK_LIMIT = 250_000
_SAFE_NAME = re.compile(r"[^0-9A-Za-z._-]+")
_CATALOGUE_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS added (
    id INTEGER PRIMARY KEY AUTOINCREMENT, doc_id TEXT NOT NULL, title TEXT NOT NULL, how TEXT NOT NULL,
    origin TEXT NOT NULL, chunk TEXT NOT NULL, added_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS removed (
    doc_id TEXT PRIMARY KEY, title TEXT NOT NULL, removed_at TEXT NOT NULL, review_keys TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS changes (id INTEGER PRIMARY KEY AUTOINCREMENT, what TEXT NOT NULL, at TEXT NOT NULL);
"""


class WorkspaceError(Exception):
    """A workspace that cannot be opened or written; the message names the path and says why."""


@dataclass(frozen=True)
class Workspace:
    path: Path

    @property
    def catalogue(self) -> Path:
        return self.path / CATALOGUE

    @property
    def reference_dir(self) -> Path:
        return self.path / REFERENCE_DIR

    @property
    def checks_dir(self) -> Path:
        return self.path / CHECKS_DIR

    @property
    def reviews_db(self) -> Path:
        """Where decisions go: $FIGCHECK_REVIEWS_DB when set (server configuration), else in the workspace."""
        return Path(os.environ.get(REVIEWS_ENV) or self.path / "reviews.sqlite")


@dataclass
class AddReport:
    added: list[str] = field(default_factory=list)  # doc_ids now in the workspace (restored ones too)
    already: list[str] = field(default_factory=list)  # doc_ids that were there with the same text
    errors: list[str] = field(default_factory=list)  # one line per article refused
    # One line per article added but longer than the parse budget: its later figures were read
    # without the parse (also written to the workspace's figcheck.log).
    notices: list[str] = field(default_factory=list)


def workspace_path(explicit: str | Path | None = None) -> Path:
    """The workspace to use: `explicit` (the CLI's --workspace), else $FIGCHECK_WORKSPACE, else data/workspace/."""
    chosen = str(explicit or "").strip() or os.environ.get(WORKSPACE_ENV, "").strip()
    return Path(chosen) if chosen else DEFAULT_WORKSPACE


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@contextmanager
def _catalogue(workspace: Workspace) -> Iterator[sqlite3.Connection]:
    try:
        connection = sqlite3.connect(workspace.catalogue, timeout=30, isolation_level=None)
    except sqlite3.Error as error:
        raise WorkspaceError(f"{workspace.catalogue}: cannot open the catalogue ({error})") from error
    with closing(connection):
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = FULL")
            yield connection
        except sqlite3.Error as error:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise WorkspaceError(f"{workspace.catalogue}: {error}") from error


def open_workspace(path: str | Path, *, seed: Callable[[Workspace], object] | None = None) -> Workspace:
    """The workspace at `path`, created when missing; on first creation `seed(workspace)` adds its
    first articles (the dashboard's: the bundled sample, `extract.app.prepared_sample.seed_sample`).
    Raises WorkspaceError when `path` cannot hold a workspace."""
    workspace = Workspace(Path(path))
    try:
        _check_workspace_path(workspace.path)
        for directory in (workspace.path / FIGURES_DIR, workspace.path / DOCUMENTS_DIR, workspace.reference_dir,
                          workspace.checks_dir):
            directory.mkdir(parents=True, exist_ok=True)
    except (StoreError, OSError) as error:
        raise WorkspaceError(str(error) if isinstance(error, StoreError)
                             else f"{workspace.path}: cannot create the workspace: {error}") from error
    with _catalogue(workspace) as connection:
        connection.executescript(_CATALOGUE_SCHEMA)
        # Exactly one process seeds, however many sessions start at once.
        seeding = connection.execute("INSERT OR IGNORE INTO meta VALUES ('created', ?)", (_now(),)).rowcount == 1
    if seeding and seed is not None and not committed_parts(workspace.path)[1]:
        seed(workspace)
    return workspace


# What a workspace holds besides its store, so that a directory holding only these (a log written
# before the first article, say) is still taken for a workspace rather than refused as foreign.
_WORKSPACE_FILES = re.compile(r"(figcheck\.log.*|catalogue\.sqlite.*|reviews\.sqlite.*|reference|checks|\.lock|"
                              r"\.append\.lock)\Z")


def _check_workspace_path(path: Path) -> None:
    if path.is_dir() and all(_WORKSPACE_FILES.match(entry.name) for entry in path.iterdir()):
        return
    check_store_path(path)


def generation(workspace: Workspace) -> int:
    """A number that grows with every article added or removed by hand."""
    with _catalogue(workspace) as connection:
        (number,) = connection.execute("SELECT coalesce(max(id), 0) FROM changes").fetchone()
    return int(number)


def stored_hashes(workspace: Workspace) -> dict[str, set[str]]:
    """doc_id -> content hashes of every committed document (removed ones too)."""
    _, files = committed_parts(workspace.path)
    hashes: dict[str, set[str]] = {}
    if files:
        table = pq.ParquetDataset(files).read(columns=["doc_id", "content_hash"])
        for doc_id, digest in zip(table.column("doc_id").to_pylist(), table.column("content_hash").to_pylist(),
                                  strict=True):
            hashes.setdefault(doc_id, set()).add(digest)
    return hashes


def add_documents(workspace: Workspace, documents: Iterable[Document], *, how: str,
                  progress: Callable[[int, Document], None] | None = None,
                  extracted: Mapping[str, list[dict[str, object]]] | None = None) -> AddReport:
    """Extract and commit articles added by hand (`how`: upload, paste, url, bundled).

    An article already in the workspace with the same text is not added twice (a removed one comes
    back); another article under an id in use is refused, since ids key figures, texts and reviews.
    `progress(n, document)` is called after each article is extracted. `extracted`: figure rows
    already made by this engine, by `store_writer.document_hash` (the bundled sample's, shipped
    with it); those articles are not extracted again.
    """
    report = AddReport()
    known = stored_hashes(workspace)
    removed = set(removed_ids(workspace))
    batch: list[tuple[Document, int]] = []
    rows: list[dict[str, object]] = []
    restored: list[Document] = []
    taken: dict[str, str] = {}  # doc_id -> origin, of this call's articles
    for number, document in enumerate(documents, start=1):
        digest = document_hash(document)
        if document.doc_id in known and digest in known[document.doc_id]:
            if document.doc_id in removed:
                restored.append(document)
            else:
                report.already.append(document.doc_id)
        elif document.doc_id in known or document.doc_id in taken:
            other = taken.get(document.doc_id) or _added_origin(workspace, document.doc_id) or \
                "another article in the workspace"
            report.errors.append(f"{document.origin or document.doc_id}: article id '{document.doc_id}' is already "
                                 f"used by {other}; this article is skipped")
        else:
            try:
                found = (extracted or {}).get(digest)
                if found is None:
                    # The engine (its parser loads spaCy) is imported by the first article that needs
                    # it, never by a dashboard that only shows what is stored.
                    from extract.engine.extraction import figure_rows

                    found = figure_rows(document)
            except Exception as error:  # noqa: BLE001 - one article that breaks extraction must not stop the rest
                logger.exception("extraction failed for %s", document.origin or document.doc_id)
                report.errors.append(f"{document.origin or document.doc_id}: extraction failed "
                                     f"({type(error).__name__}); the article is skipped")
            else:
                # Rows made ahead of time (the shipped sample) are plain lists, with no budget note.
                budget = getattr(found, "parse_budget", None)
                if budget is not None:
                    notice = f"{document.origin or document.doc_id}: {budget.reading()}"
                    logger.warning("%s", notice)
                    report.notices.append(notice)
                batch.append((document, len(found)))
                taken[document.doc_id] = document.origin
                rows.extend(found)
        if progress:
            progress(number, document)
        if len(batch) >= DOCUMENTS_PER_CHUNK:
            _commit(workspace, batch, rows, how, report)
            batch, rows = [], []
    _commit(workspace, batch, rows, how, report)
    if restored:
        with _catalogue(workspace) as connection:
            connection.execute("BEGIN IMMEDIATE")
            for document in restored:
                connection.execute("DELETE FROM removed WHERE doc_id = ?", (document.doc_id,))
                connection.execute("INSERT INTO changes (what, at) VALUES (?, ?)",
                                   (f"restore {document.doc_id}", _now()))
            connection.execute("COMMIT")
        report.added.extend(d.doc_id for d in restored)
    return report


def _added_origin(workspace: Workspace, doc_id: str) -> str:
    """Where an article added by hand came from ('first.jsonl:1', 'pasted'), or '' if not added by hand."""
    with _catalogue(workspace) as connection:
        found = connection.execute("SELECT origin FROM added WHERE doc_id = ? ORDER BY id LIMIT 1",
                                   (doc_id,)).fetchone()
    return str(found[0]) if found and found[0] else ""


def _commit(workspace: Workspace, batch: list[tuple[Document, int]], rows: list[dict[str, object]], how: str,
            report: AddReport) -> None:
    if not batch:
        return
    figures = frame_from_rows(rows)[COLUMNS] if rows else frame_from_rows([])
    chunk = append_chunk(workspace.path, batch, figures)
    with _catalogue(workspace) as connection:
        connection.execute("BEGIN IMMEDIATE")
        for document, _ in batch:
            connection.execute("INSERT INTO added (doc_id, title, how, origin, chunk, added_at) "
                               "VALUES (?, ?, ?, ?, ?, ?)",
                               (document.doc_id, document.title, how, document.origin, chunk, _now()))
        connection.execute("INSERT INTO changes (what, at) VALUES (?, ?)", (f"add {len(batch)} ({how})", _now()))
        connection.execute("COMMIT")
    report.added.extend(document.doc_id for document, _ in batch)


def remove_article(workspace: Workspace, doc_id: str, *, title: str = "", review_keys: Iterable[str] = ()) -> None:
    """Take an article out of every view. Its figures go; the reviewers' decisions on them stay in
    the review database, and `removed_articles` says which review keys were about it."""
    keys = "\n".join(sorted({k for k in review_keys if k}))
    with _catalogue(workspace) as connection:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT OR REPLACE INTO removed VALUES (?, ?, ?, ?)", (doc_id, title, _now(), keys))
        connection.execute("INSERT INTO changes (what, at) VALUES (?, ?)", (f"remove {doc_id}", _now()))
        connection.execute("COMMIT")


def removed_ids(workspace: Workspace) -> list[str]:
    with _catalogue(workspace) as connection:
        return [row[0] for row in connection.execute("SELECT doc_id FROM removed ORDER BY doc_id")]


def removed_articles(workspace: Workspace) -> pd.DataFrame:
    """Columns doc_id, title, removed_at, review_keys (a list): the articles removed, latest first."""
    with _catalogue(workspace) as connection:
        rows = connection.execute("SELECT doc_id, title, removed_at, review_keys FROM removed "
                                  "ORDER BY removed_at DESC, doc_id").fetchall()
    return pd.DataFrame([(d, t, at, [k for k in keys.split("\n") if k]) for d, t, at, keys in rows],
                        columns=["doc_id", "title", "removed_at", "review_keys"])


def add_reference_file(workspace: Workspace, name: str, data: bytes) -> Path:
    """Keep an uploaded reference CSV in the workspace (under a name of its own making, never a
    path the visitor chose), so that verdicts checked against it survive a restart."""
    digest = hashlib.sha256(data).hexdigest()[:12]
    safe = _SAFE_NAME.sub("_", Path(name).name).strip("._")[:60] or "reference.csv"
    target = workspace.reference_dir / f"{digest}-{safe}"
    if not target.exists():
        temporary = target.with_name(target.name + ".tmp")
        temporary.write_bytes(data)
        os.replace(temporary, target)
    return target


def reference_files(workspace: Workspace) -> list[Path]:
    return sorted(p for p in workspace.reference_dir.glob("*") if p.is_file() and not p.name.endswith(".tmp"))


def references(workspace: Workspace) -> tuple[pd.DataFrame, list[str]]:
    """The bundled reference data plus the workspace's own files, and every bad row (file:line)."""
    parts = [load_reference()] + [load_reference_bytes(p.read_bytes(), p.name.split("-", 1)[-1])
                                  for p in reference_files(workspace)]
    frame, errors = combine_references(parts)
    return frame, [str(e) for e in errors]


def state(workspace: Workspace) -> str:
    """What the stored checks depend on: the committed chunks, the hand changes and the reference
    files. Cheap (names and a counter), so every dashboard rerun can ask whether it moved."""
    _, documents = committed_parts(workspace.path)
    material = hashlib.sha256(f"checks {CHECKS_FORMAT}\0".encode())
    for part in documents:
        material.update(part.name.encode() + b"\0")
    material.update(f"generation {generation(workspace)}\0".encode())
    for path in [BUNDLED_REFERENCE, *reference_files(workspace)]:
        material.update(Path(path).name.encode() + b"\0" + hashlib.sha256(Path(path).read_bytes()).digest())
    return material.hexdigest()[:20]


def _checks_paths(workspace: Workspace, at: str) -> tuple[Path, Path]:
    return workspace.checks_dir / f"verdicts-{at}.parquet", workspace.checks_dir / f"evidence-{at}.parquet"


def _problems_path(workspace: Workspace, at: str) -> Path:
    return workspace.checks_dir / f"reference-problems-{at}.json"


def source_names_path(workspace: Workspace, at: str) -> Path:
    """Where the merged source names of state `at` are kept (SOURCE_NAMES_SCHEMA)."""
    return workspace.checks_dir / f"sources-{at}.parquet"


def _store_source_names(workspace: Workspace, at: str, known_sources: Iterable[str] | None = None) -> Path:
    """Merge the source names of the workspace's figures (removed articles aside) with the reference
    data's publishers, as the cross-checks merge them, and keep them as state `at`'s."""
    figure_files, _ = committed_parts(workspace.path)
    names: list[str] = []
    if figure_files:
        connection = duckdb.connect(":memory:")
        try:
            connection.register("_removed", pa.table({"doc_id": pa.array(removed_ids(workspace), pa.string())}))
            names = [row[0] for row in connection.read_parquet([str(f) for f in figure_files], union_by_name=True)
                     .filter("doc_id NOT IN (SELECT doc_id FROM _removed)").select("source").distinct().fetchall()]
        finally:
            connection.close()
    if known_sources is None:
        known_sources = references(workspace)[0]["source"].tolist()
    path = source_names_path(workspace, at)
    _write(source_name_table(names, known_sources), path)
    return path


def reference_problems(workspace: Workspace, at: str | None = None) -> list[str]:
    """The bad reference rows found when the workspace was last checked (file:line: problem).

    Stored beside the verdicts, so that showing them never re-reads the reference files (whose
    units load pint: seconds of a cold start)."""
    path = _problems_path(workspace, at or state(workspace))
    if not path.exists():
        return references(workspace)[1]
    problems = json.loads(path.read_text(encoding="utf-8"))
    return [str(p) for p in problems] if isinstance(problems, list) else []


def ensure_checks(workspace: Workspace, at: str | None = None) -> tuple[Path, Path]:
    """The stored verdicts and evidence for the workspace as it is now, cross-checked first when
    articles or reference data changed since the last check. Returns (verdicts, evidence) paths."""
    at = at or state(workspace)
    verdicts_path, evidence_path = _checks_paths(workspace, at)
    if verdicts_path.exists() and evidence_path.exists():
        if not source_names_path(workspace, at).exists():  # checked before source names were kept
            _store_source_names(workspace, at)
        return verdicts_path, evidence_path
    from extract.checks.crosscheck import cross_check, evidence_frame  # only when checks must be (re)done

    figure_files, document_files = committed_parts(workspace.path)
    removed = set(removed_ids(workspace))
    total = sum(pq.ParquetFile(f).metadata.num_rows for f in figure_files)
    if total > cross_check_limit():
        return _store_unchecked(workspace, at, figure_files, document_files, removed, total)
    table = (pa.concat_tables([pq.read_table(f) for f in figure_files], promote_options="default").to_pandas()
             if figure_files else frame_from_rows([]))
    table = table[~table["doc_id"].isin(removed)].reset_index(drop=True)[COLUMNS]
    reference, problems = references(workspace)
    result = cross_check(table, reference)
    checked = result.table
    checked["review_key"] = review_keys(checked)
    evidence = [evidence_frame(result, figure_id).assign(figure_id=figure_id)
                for figure_id in sorted(set(result.reference) | set(result.corpus))]
    evidence = [frame for frame in evidence if not frame.empty]
    evidence_table = (pa.Table.from_pandas(pd.concat(evidence, ignore_index=True)[EVIDENCE_SCHEMA.names],
                                           schema=EVIDENCE_SCHEMA, preserve_index=False)
                      if evidence else EVIDENCE_SCHEMA.empty_table())
    verdicts = pa.Table.from_pandas(checked[CHECKS_SCHEMA.names].astype(str), schema=CHECKS_SCHEMA,
                                    preserve_index=False)
    return store_checks(workspace, at, verdicts, evidence_table, problems,
                        source_name_table(table["source"], reference["source"]))


def store_checks(workspace: Workspace, at: str, verdicts: pa.Table, evidence: pa.Table,
                 problems: list[str], source_names: pa.Table) -> tuple[Path, Path]:
    """Keep cross-check results (CHECKS_SCHEMA, EVIDENCE_SCHEMA, bad reference rows, the merged
    source names: SOURCE_NAMES_SCHEMA) as the checks of state `at`, the verdicts file last (the
    commit), and drop those of earlier states."""
    verdicts_path, evidence_path = _checks_paths(workspace, at)
    names_path = source_names_path(workspace, at)
    _write(source_names, names_path)
    _write(evidence, evidence_path)
    problems_path = _problems_path(workspace, at)
    temporary = problems_path.with_name(f"{problems_path.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(problems, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, problems_path)
    _write(verdicts, verdicts_path)  # the commit
    for old in workspace.checks_dir.glob("*"):
        if old not in (verdicts_path, evidence_path, problems_path, names_path) and not old.name.endswith(".tmp"):
            old.unlink(missing_ok=True)
    return verdicts_path, evidence_path


def cross_check_limit() -> int:
    """Most figures the app cross-checks ($FIGCHECK_CROSS_CHECK_LIMIT, default 250,000): matching
    every figure against every other of its kind grows faster than the corpus (14,000 BBC figures
    take about a minute), so beyond this a workspace opens with its figures and review keys, each
    verdict 'unverified' with a reason saying so."""
    try:
        return int(os.environ.get(CROSS_CHECK_LIMIT_ENV, "") or DEFAULT_CROSS_CHECK_LIMIT)
    except ValueError:
        return DEFAULT_CROSS_CHECK_LIMIT


def _store_unchecked(workspace: Workspace, at: str, figure_files: list[Path], document_files: list[Path],
                     removed: set[str], total: int) -> tuple[Path, Path]:
    """Verdicts of a workspace too large to cross-check: review keys computed in DuckDB as
    `reviews.review_key` computes them (`reviews.review_key_sql`: document id, sentence, surface and
    occurrence)."""
    verdicts_path, evidence_path = _checks_paths(workspace, at)
    reason = (f"not cross-checked: the workspace holds {total:,} figures, more than the app checks "
              f"({cross_check_limit():,}; set {CROSS_CHECK_LIMIT_ENV})")
    connection = duckdb.connect(":memory:")
    try:
        connection.register("_removed", pa.table({"doc_id": pa.array(sorted(removed), pa.string())}))
        connection.read_parquet([str(f) for f in figure_files], union_by_name=True).create_view("_figures")
        documents = connection.read_parquet([str(f) for f in document_files], union_by_name=True)
        if "text" in documents.columns:
            documents.create_view("_documents")
        else:
            connection.from_arrow(pa.table({"doc_id": pa.array([], pa.string()), "text": pa.array([], pa.string())})
                                  ).create_view("_documents")
        values = {"verdict": "unverified", "verdict_reason": reason,
                  "verdict_label": VERDICT_LABELS.get(("unverified", ""), "")}
        columns = ", ".join(f'$v{n} AS "{name}"' for n, name in enumerate(VERDICT_COLUMNS))
        relation = connection.sql(
            f"SELECT f.figure_id, {columns}, {review_key_sql('f')} AS review_key "
            "FROM _figures f WHERE f.doc_id NOT IN (SELECT doc_id FROM _removed)",
            params={f"v{n}": values.get(name, "") for n, name in enumerate(VERDICT_COLUMNS)})
        _write(EVIDENCE_SCHEMA.empty_table(), evidence_path)
        problems_path = _problems_path(workspace, at)
        problems_path.write_text("[]", encoding="utf-8")
        _store_source_names(workspace, at)
        temporary = verdicts_path.with_name(f"{verdicts_path.name}.{os.getpid()}.tmp")
        relation.write_parquet(str(temporary))
        os.replace(temporary, verdicts_path)  # the commit
    finally:
        connection.close()
    return verdicts_path, evidence_path


def _write(table: pa.Table, path: Path) -> None:
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, temporary)
    os.replace(temporary, path)


def open_checked_store(workspace: Workspace, *, at: str | None = None, in_memory: bool = True) -> Store:
    """The workspace's figures as of state `at` (default: now) with their stored verdicts and merged
    source names, removed articles left out."""
    at = at or state(workspace)
    verdicts, evidence = ensure_checks(workspace, at)
    return open_store(workspace.path, in_memory=in_memory, removed=removed_ids(workspace), checks=verdicts,
                      evidence=evidence, source_names=source_names_path(workspace, at))


def decisions_frame(workspace: Workspace | None, store: Store | None = None) -> pd.DataFrame:
    """The latest decision per review key: columns key, verdict, note, reviewed_at, reviewer and
    status (none without a workspace). Given the open `store`, a decision whose figure's sentence was
    edited since is placed on the nearest figure of the same article (`reviews.second_looks`) under
    that figure's key, with status 'needs a second look'; the others have status 'reviewed'."""
    path = workspace.reviews_db if workspace is not None and workspace.reviews_db.exists() else None
    decisions = load_decisions(path) if path else {}
    rows = [(d.key, d.verdict, d.note, d.reviewed_at, d.reviewer, REVIEWED) for d in decisions.values()]
    documents = sorted({d.doc_id for d in decisions.values() if d.doc_id})
    if store is not None and documents:
        figures = store.frame("SELECT doc_id, sentence, surface, review_key FROM figures "
                              "WHERE doc_id IN (SELECT unnest($1)) ORDER BY doc_id, start", [documents])
        if len(figures):
            keys = figures["review_key"].astype(str)
            for position, decision in second_looks(figures, keys, decisions).items():
                rows.append((str(keys.iat[position]), decision.verdict, decision.note, decision.reviewed_at,
                             decision.reviewer, SECOND_LOOK))
    return pd.DataFrame(rows, columns=["key", "verdict", "note", "reviewed_at", "reviewer", "status"])


__all__ = ["AddReport", "DEFAULT_DB", "DEFAULT_WORKSPACE", "Workspace", "WorkspaceError", "add_documents",
           "add_reference_file", "decisions_frame", "ensure_checks", "generation", "open_checked_store",
           "open_workspace", "reference_files", "reference_problems", "references", "remove_article",
           "removed_articles", "removed_ids", "source_names_path", "state", "store_checks", "workspace_path"]
