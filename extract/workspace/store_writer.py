"""Writing a figures store: a directory of Parquet files that batch runs append to and resume.

Layout (one "chunk" = the documents of one write, named `chunk-<run>-<seq>`):

    STORE/figures/[<partition>/]chunk-….parquet   the figures, exactly the columns of `schema.COLUMNS`
    STORE/documents/chunk-….parquet              one row per document read: doc_id, content_hash, figures, metadata

A chunk's documents file is renamed into place last, so it is the commit mark: figures files
without one are left-overs of an interrupted run, ignored by readers and deleted by the next
writer. A document whose content hash is in the store is not extracted again, which is how an
interrupted run resumes.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import time
import uuid
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from extract.documents.loaders import Document
from extract.engine.table_schema import ARROW_SCHEMA

FIGURES_DIR = "figures"
DOCUMENTS_DIR = "documents"
PARTITIONS = ("none", "outlet", "month")
DOCUMENTS_SCHEMA = pa.schema([
    pa.field("doc_id", pa.string()), pa.field("content_hash", pa.string()), pa.field("figures", pa.int64()),
    pa.field("doc_title", pa.string()), pa.field("doc_outlet", pa.string()), pa.field("doc_date", pa.string()),
    pa.field("doc_url", pa.string()),
])
_CHUNK_FILE = re.compile(r"chunk-[0-9a-f]+-\d+\.parquet(\.tmp)?\Z")
_MONTH = re.compile(r"\d{4}-\d{2}")


class StoreError(Exception):
    """A path that cannot be used as a store; the message names it and says why."""


def document_hash(document: Document) -> str:
    """128 bits of SHA-256 over the whole record (id, metadata and text): equal records, equal hash."""
    record = "\0".join((document.doc_id, document.title, document.outlet, document.date, document.url,
                        document.text))
    return hashlib.sha256(record.encode("utf-8", "surrogatepass")).hexdigest()[:32]


class DigestIndex:
    """A set of 16-byte digests kept as sorted numpy arrays: 16 bytes a document where a Python set of
    strings takes ~100, so resuming a run of ten million documents needs ~160 MB, not ~1 GB.

    New digests gather in a small set; full sets are merged into the arrays log-structured (an array
    is merged only with one no bigger than itself), so adding stays O(log n) amortised.
    """

    _PENDING_LIMIT = 4096

    def __init__(self, digests: Iterable[bytes] = ()) -> None:
        self._arrays: list[np.ndarray] = []
        self._pending: set[bytes] = set()
        for digest in digests:
            self.add(digest)

    def __contains__(self, digest: bytes) -> bool:
        if digest in self._pending:
            return True
        key = np.array(digest, dtype="S16")
        for array in self._arrays:
            at = np.searchsorted(array, key)
            if at < len(array) and array[at] == key:
                return True
        return False

    def __len__(self) -> int:
        return len(self._pending) + sum(len(array) for array in self._arrays)

    def add(self, digest: bytes) -> None:
        self._pending.add(digest)
        if len(self._pending) >= self._PENDING_LIMIT:
            self._merge_pending()

    def _merge_pending(self) -> None:
        merged = np.array(sorted(self._pending), dtype="S16")
        self._pending.clear()
        while self._arrays and len(self._arrays[-1]) <= len(merged):
            merged = np.union1d(self._arrays.pop(), merged)
        self._arrays.append(merged)


def committed_parts(store: Path) -> tuple[list[Path], list[Path]]:
    """The figures files and documents files of committed chunks, in a stable order."""
    documents = sorted(p for p in (store / DOCUMENTS_DIR).glob("chunk-*.parquet"))
    committed = {p.stem for p in documents}
    figures = sorted((p for p in (store / FIGURES_DIR).rglob("chunk-*.parquet") if p.stem in committed),
                     key=lambda p: (p.stem, str(p)))
    return figures, documents


def is_store(path: Path) -> bool:
    return (path / DOCUMENTS_DIR).is_dir() and (path / FIGURES_DIR).is_dir()


def check_store_path(path: Path) -> None:
    """Raise StoreError unless `path` is a store, an empty directory or does not exist yet."""
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: exists and is not a directory; a store is a directory")
    if path.is_dir() and not is_store(path) and any(path.iterdir()):
        raise StoreError(f"{path}: not a figcheck store (no figures/ and documents/ folders) and not empty; "
                         "choose a new or empty directory")


class StoreWriter:
    """Appends chunks of extracted documents to a store; `accept` skips what is in it already."""

    def __init__(self, path: str | Path, partition_by: str = "none") -> None:
        if partition_by not in PARTITIONS:
            raise StoreError(f"unknown partitioning {partition_by!r}; use one of {', '.join(PARTITIONS)}")
        self.path = Path(path)
        check_store_path(self.path)
        try:
            (self.path / FIGURES_DIR).mkdir(parents=True, exist_ok=True)
            (self.path / DOCUMENTS_DIR).mkdir(exist_ok=True)
        except OSError as error:
            raise StoreError(f"{self.path}: cannot create the store: {error.strerror or error}") from error
        self._lock = _lock_store(self.path)
        # The pid of a run that died holding the store (its lock is taken over), for the message.
        self.stale_lock_owner = self._lock.stale_owner if self._lock is not None else None
        self.partition_by = partition_by
        # Milliseconds first, so chunk names sort in the order runs wrote them; random bits keep runs apart.
        self._run = f"{time.time_ns() // 1_000_000:012x}{uuid.uuid4().hex[:6]}"
        self._sequence = 0
        self._remove_uncommitted()
        self._digests = DigestIndex(bytes.fromhex(h) for h in self._stored_hashes())
        self.documents_in_store = len(self._digests)

    def accept(self, document: Document) -> bool:
        """False when the store, or this run, already has the document; else remember it and say True."""
        digest = bytes.fromhex(document_hash(document))
        if digest in self._digests:
            return False
        self._digests.add(digest)
        return True

    def write_chunk(self, documents: list[tuple[Document, int]], figures: pd.DataFrame) -> None:
        """Store one chunk: each document with its number of figures, and those figures."""
        if not documents:
            return
        self._sequence += 1
        name = f"chunk-{self._run}-{self._sequence:06d}.parquet"
        if not figures.empty:
            for directory, part in self._partitions(figures):
                directory.mkdir(parents=True, exist_ok=True)
                _write_atomically(pa.Table.from_pandas(part, schema=ARROW_SCHEMA, preserve_index=False),
                                  directory / name)
        hashes = [document_hash(document) for document, _ in documents]
        manifest = pa.table({
            "doc_id": [d.doc_id for d, _ in documents], "content_hash": hashes,
            "figures": [count for _, count in documents], "doc_title": [d.title for d, _ in documents],
            "doc_outlet": [d.outlet for d, _ in documents], "doc_date": [d.date for d, _ in documents],
            "doc_url": [d.url for d, _ in documents],
        }, schema=DOCUMENTS_SCHEMA)
        _write_atomically(manifest, self.path / DOCUMENTS_DIR / name)  # the commit

    def close(self) -> None:
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def _partitions(self, figures: pd.DataFrame) -> Iterable[tuple[Path, pd.DataFrame]]:
        base = self.path / FIGURES_DIR
        if self.partition_by == "none":
            yield base, figures
            return
        if self.partition_by == "outlet":
            keys = figures["doc_outlet"].map(lambda o: "outlet=" + (_slug(o) or "unknown"))
        else:
            keys = figures["doc_date"].map(lambda d: "month=" + (d[:7] if _MONTH.match(d or "") else "unknown"))
        for key, part in figures.groupby(keys, sort=True):
            yield base / key, part

    def _stored_hashes(self) -> list[str]:
        _, documents = committed_parts(self.path)
        if not documents:
            return []
        return pq.ParquetDataset(documents).read(columns=["content_hash"]).column("content_hash").to_pylist()

    def _remove_uncommitted(self) -> None:
        figures, _ = committed_parts(self.path)
        keep = set(figures)
        for directory in (self.path / FIGURES_DIR, self.path / DOCUMENTS_DIR):
            for file in directory.rglob("chunk-*"):
                if _CHUNK_FILE.match(file.name) and (file.suffix == ".tmp" or
                                                     (directory.name == FIGURES_DIR and file not in keep)):
                    file.unlink()


def _slug(text: str) -> str:
    """A directory-safe name; distinct outlets may share one, which is harmless (the column is in the file)."""
    return re.sub(r"[^0-9A-Za-z]+", "_", text).strip("_")[:60]


def _write_atomically(table: pa.Table, path: Path) -> None:
    """Write, flush to disk, then rename into place and flush the directory: after a crash or a
    power cut the file is either whole or absent, never a committed name over partial data."""
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "wb") as handle:
        pq.write_table(table, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


_HELD_HERE: set[tuple[int, int]] = set()  # (device, inode) of the lock files this process holds


class _StoreLock:
    """The store's `.lock` file, holding a POSIX record lock and the owner's pid.

    A record lock (fcntl.lockf) belongs to the process that took it: worker processes forked
    from the writer do not share it (an flock would be shared, and a worker orphaned by a killed
    run would keep the store locked for ever), and the kernel drops it when the owner dies, however
    it dies, so a SIGKILLed run's lock is stale at once and the next run takes it over. The file is
    opened with O_NOFOLLOW: a `.lock` that is a symbolic link is refused, never followed to
    truncate what it points at.
    """

    def __init__(self, path: Path) -> None:
        import fcntl

        lock_path = path / ".lock"
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(lock_path, flags, 0o644)
        except OSError as error:
            if lock_path.is_symlink():
                raise StoreError(f"{path}: .lock is a symbolic link; remove it (a store's lock is a plain file)") \
                    from error
            raise StoreError(f"{path}: cannot create the store's lock: {error.strerror or error}") from error
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            os.close(fd)
            raise StoreError(f"{path}: .lock is not a plain file; remove it")
        # A record lock never conflicts with its own process, so writers within one are counted here.
        self._key = (info.st_dev, info.st_ino)
        if self._key in _HELD_HERE:
            os.close(fd)
            raise StoreError(f"{path}: another run is writing to this store (in this process)")
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            owner = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            os.close(fd)
            who = f" (pid {owner})" if owner.isdigit() else ""
            raise StoreError(f"{path}: another run is writing to this store{who}") from error
        _HELD_HERE.add(self._key)
        previous = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        # The lock was free, so a pid left in the file is a run that ended without cleaning up
        # (killed): its lock is stale and this run takes it over.
        self.stale_owner = int(previous) if previous.isdigit() and int(previous) != os.getpid() else None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        self._fd: int | None = fd
        self._path = lock_path

    def close(self) -> None:
        """Release the lock; the pid is cleared so the file no longer names a run."""
        if self._fd is None:
            return
        try:
            os.ftruncate(self._fd, 0)
        finally:
            os.close(self._fd)  # closing drops the record lock
            self._fd = None
            _HELD_HERE.discard(self._key)


def _lock_store(path: Path) -> _StoreLock | None:
    """An exclusive lock on the store, so two runs cannot delete each other's chunks in progress."""
    try:
        import fcntl  # noqa: F401 - only to learn whether record locks exist here
    except ImportError:  # not on POSIX: no lock, one writer at a time is up to the user
        return None
    return _StoreLock(path)
