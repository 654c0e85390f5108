"""Batch extraction over a corpus of any size: one per-document function, run by an engine, written in chunks.

Engines: `LocalEngine` (N local processes) and `DaskEngine` (a dask.distributed cluster, or a
LocalCluster it starts). Both send the same work units (`extract_batch` over a few documents) and
hand back results in input order, so their output is identical. Only a bounded number of units is
in flight at once, so memory does not grow with the corpus.
"""

from __future__ import annotations

import heapq
import io
import logging
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO, Protocol

import pandas as pd

from extract.documents.loaders import Document, LoadError
from extract.engine.extraction import (
    PARSE_BUDGET_CHARS,
    ParseBudgetReached,
    TimeBudgetExceeded,
    figure_rows,
    figure_rows_of,
)
from extract.engine.table_schema import frame_from_rows
from extract.workspace.export import TableStreamWriter, format_for
from extract.workspace.store_writer import StoreError, StoreWriter

if TYPE_CHECKING:
    from distributed import LocalCluster
    from distributed.security import Security

_log = logging.getLogger(__name__)
DOCUMENTS_PER_TASK = 16  # small enough to balance workers, big enough that dispatch costs little
TASKS_IN_FLIGHT_PER_WORKER = 4
WAIT_FOR_WORKERS_SECONDS = 60
# A news article extracts in well under a second; one that takes a minute is built to hold a worker.
DOCUMENT_SECONDS = 60.0
MAX_ERRORS_KEPT = 10_000  # messages kept for the report; the rest are counted, so memory stays flat
_PARENT_CHECK_SECONDS = 0.5
Result = list[dict] | LoadError


class _OverBudget(BaseException):
    """Raised by the alarm in the middle of an extraction; a BaseException so that no `except
    Exception` on the way catches it."""


def _over_budget(signum: int, frame: object) -> None:
    raise _OverBudget


def _can_time() -> bool:
    """An alarm signal can only interrupt the main thread (Dask workers run tasks in threads); off
    it, the deadline the engine checks between sentences is the time budget."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _deadline(seconds: float | None) -> float | None:
    return None if seconds is None else time.monotonic() + seconds


@contextmanager
def _alarm(budget: float | None) -> Iterator[None]:
    """Raise _OverBudget in the main thread once `budget` seconds have passed (None: no limit).
    Off the main thread no alarm can reach, and the engine's deadline is the budget."""
    seconds = budget if budget is not None and _can_time() else 0.0
    if not seconds:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _over_budget)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.signal(signal.SIGALRM, previous)


def document_rows(document: Document, budget: float | None = DOCUMENT_SECONDS,
                  parse_budget: int | None = PARSE_BUDGET_CHARS) -> Result:
    """The figure rows of one document, or a LoadError naming it when extraction fails or takes
    longer than `budget` seconds (None: no limit). The budget holds in any thread: an alarm signal
    ends the extraction in the main thread, and elsewhere (a Dask worker) the deadline the engine
    checks between sentences."""
    where = document.origin or document.doc_id
    try:
        with _alarm(budget):
            return figure_rows(document, parse_budget=parse_budget, deadline=_deadline(budget))
    except (_OverBudget, TimeBudgetExceeded):
        return LoadError(where, f"extraction took longer than {budget:g} s; document skipped")
    except Exception as error:  # noqa: BLE001 - one bad article must not stop a batch
        _log.info("extraction failed on %s", where, exc_info=error)  # the traceback, for the log
        return LoadError(where, f"extraction failed: {type(error).__name__}: {error}")


def extract_batch(documents: list[Document], budget: float | None = DOCUMENT_SECONDS,
                  parse_budget: int | None = PARSE_BUDGET_CHARS) -> list[Result]:
    """The work unit every engine runs: the rows of each document, their sentences parsed in one
    batch (within `budget` seconds a document); if that fails or runs over, `document_rows` of each
    document alone, which names the one that fails. A document's rows say where the parse stopped
    when it is over `parse_budget` (FigureRows.parse_budget)."""
    total = budget * len(documents) if budget is not None else None
    try:
        with _alarm(total):
            return list(figure_rows_of(documents, parse_budget=parse_budget, deadline=_deadline(total)))
    except (_OverBudget, Exception):  # noqa: BLE001 - retried one by one to name the document that fails
        pass
    return [document_rows(document, budget, parse_budget) for document in documents]


def _worker_start(parent: int) -> None:
    """Set up a local worker process: the parent handles Ctrl-C and stops the workers itself, and
    a worker whose parent has gone (killed with SIGKILL, so it could not stop them) ends itself
    instead of waiting for work for ever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)

    def watch() -> None:
        while os.getppid() == parent:
            threading.Event().wait(_PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="figcheck-parent-watch", daemon=True).start()


def extract_all(documents: Iterable[Document], workers: int = 1,
                parse_budget: int | None = PARSE_BUDGET_CHARS) -> Iterator[Result]:
    """Rows (or a LoadError) per document, in input order, on `workers` local processes."""
    engine = LocalEngine(workers, parse_budget=parse_budget)
    try:
        for _, results in engine.map_batches(_batched(documents, DOCUMENTS_PER_TASK)):
            yield from results
    except BaseException:
        engine.stop()  # interrupted: end the workers now
        raise
    finally:
        engine.close()


WARM_UP_DOCUMENT = Document(doc_id="warm-up", text="Sales at the firm rose 5% to $3bn, the company said. "
                                                   "The site covers 886 square miles; the lorry weighed 12 tonnes.")


def warm_up() -> None:
    """Load what extraction loads lazily (currencies, physical units, lexicons) in this process."""
    figure_rows(WARM_UP_DOCUMENT)


def _first_line(error: BaseException) -> str:
    """The first sentence: distributed's errors run on over several lines of advice."""
    text = " ".join(str(error).split())
    return text.split(". ")[0].rstrip(".") + "." if ". " in text else text


class Engine(Protocol):
    def map_batches(self, batches: Iterable[list[Document]]) -> Iterator[tuple[list[Document], list[Result]]]:
        """Each batch with its results, in input order."""

    def close(self) -> None: ...

    def stop(self) -> None:
        """End the run's work now (an interrupted run)."""

class PendingBatch(Protocol):
    """A batch in flight: a concurrent.futures or a distributed Future."""

    def result(self) -> list[Result]: ...


def _ordered(submit: Callable[[list[Document]], PendingBatch], batches: Iterable[list[Document]],
             window: int, where: str) -> Iterator[tuple[list[Document], list[Result]]]:
    """Run `submit` over batches with at most `window` in flight; results come back in input order."""
    in_flight: deque[tuple[list[Document], PendingBatch]] = deque()

    def finish() -> tuple[list[Document], list[Result]]:
        batch, future = in_flight.popleft()
        try:
            return batch, future.result()
        except Exception as error:  # noqa: BLE001 - a dead worker fails its documents, not the run
            message = f"extraction failed on {where}: {type(error).__name__}: {_first_line(error)}"
            return batch, [LoadError(d.origin or d.doc_id, message) for d in batch]

    for batch in batches:
        in_flight.append((batch, submit(batch)))
        if len(in_flight) >= window:
            yield finish()
    while in_flight:
        yield finish()


class LocalEngine:
    """`workers` local processes (ProcessPoolExecutor); one worker runs in this process. Each
    document gets at most `budget` seconds (None: no limit) and `parse_budget` characters of parse."""

    def __init__(self, workers: int = 1, budget: float | None = DOCUMENT_SECONDS,
                 parse_budget: int | None = PARSE_BUDGET_CHARS) -> None:
        self.workers = workers
        self.budget = budget
        self.parse_budget = parse_budget
        self._pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_start,
                                         initargs=(os.getpid(),)) if workers > 1 else None

    def map_batches(self, batches: Iterable[list[Document]]) -> Iterator[tuple[list[Document], list[Result]]]:
        pool = self._pool
        if pool is None:
            for batch in batches:
                yield batch, extract_batch(batch, self.budget, self.parse_budget)
            return
        yield from _ordered(lambda batch: pool.submit(extract_batch, batch, self.budget, self.parse_budget), batches,
                            self.workers * TASKS_IN_FLIGHT_PER_WORKER, "a local worker")

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def stop(self) -> None:
        """End the workers now, mid-document (on SIGINT/SIGTERM): waiting for their batches could take
        a whole time budget, and a worker left behind would hold on to its memory for nothing."""
        if self._pool is None:
            return
        # The pool has no public way to end its processes; these are the children this engine started.
        for process in list(getattr(self._pool, "_processes", {}).values()):
            if process.is_alive():
                process.terminate()
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool = None


class EngineError(Exception):
    """An engine that cannot start (e.g. no scheduler at the address); the message says why."""


def _local_cluster(workers: int, processes: bool, dashboard_address: str | None) -> tuple[LocalCluster, Security]:
    """A LocalCluster that only this process can use, and the credentials to use it.

    Any local user who reaches a scheduler can have its workers run code, so every part listens on
    127.0.0.1 only and speaks mutual TLS with a certificate made for this run and held in memory
    (`Security.temporary`): a client without it is refused. Dask's scheduler and workers start an
    HTTP server even with the dashboard off (the scheduler's on 8787, with info pages and a proxy);
    unless a dashboard is asked for it gets no routes and a free loopback port, so it serves nothing.
    """
    import dask
    from distributed import LocalCluster
    from distributed.security import Security

    security = Security.temporary()
    quiet: dict[str, list[str]] = {} if dashboard_address else {"distributed.scheduler.http.routes": [],
                                          "distributed.worker.http.routes": []}
    with dask.config.set(quiet):  # the nannies hand this configuration on to the worker processes
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes, host="127.0.0.1",
                               protocol="tls://", security=security, dashboard_address=dashboard_address,
                               scheduler_kwargs={"dashboard": dashboard_address is not None,
                                                 "dashboard_address": dashboard_address or "127.0.0.1:0"},
                               silence_logs=logging.ERROR)
    return cluster, security


class DaskEngine:
    """The same work units on a dask.distributed cluster: the scheduler at `scheduler`, or a
    LocalCluster of `workers` single-threaded worker processes (threads when processes=False).

    Each document gets at most `budget` seconds (None: no limit): a worker runs tasks in a thread,
    where no alarm signal reaches, so the engine's own deadline, checked between sentences, ends a
    document over it, which is reported and skipped while the rest goes on.

    Trust: results come back pickled, so whoever runs the scheduler and workers can run code in this
    process. A cluster at `scheduler` must therefore be one you trust; its TLS settings come from
    Dask's configuration (`distributed.comm.tls.*`). The LocalCluster is only reachable by this
    process: see `_local_cluster`.
    """

    def __init__(self, workers: int = 1, scheduler: str | None = None, *, processes: bool = True,
                 dashboard_address: str | None = None, budget: float | None = DOCUMENT_SECONDS,
                 parse_budget: int | None = PARSE_BUDGET_CHARS) -> None:
        from distributed import Client

        self.budget = budget
        self.parse_budget = parse_budget
        self._cluster = None
        try:
            if scheduler:
                if not scheduler.startswith("tls://"):
                    _log.warning("the connection to the Dask scheduler at %s is not encrypted; "
                                 "use tls:// and Dask's TLS settings for a cluster on a network", scheduler)
                self._client = Client(scheduler, timeout="10s")
            else:
                self._cluster, security = _local_cluster(workers, processes, dashboard_address)
                self._client = Client(self._cluster, security=security)
        except Exception as error:
            if self._cluster is not None:
                self._cluster.close()
            raise EngineError(f"cannot reach the Dask scheduler at {scheduler or 'a new LocalCluster'}: "
                              f"{_first_line(error)}") from error
        self.address: str = self._client.scheduler_info()["address"]
        try:
            self._client.wait_for_workers(1, timeout=WAIT_FOR_WORKERS_SECONDS)
        except TimeoutError as error:
            self.close()
            raise EngineError(f"no Dask worker joined the scheduler at {self.address} "
                              f"within {WAIT_FOR_WORKERS_SECONDS} s") from error
        self.workers = max(1, sum(self._client.nthreads().values()))
        try:
            # Each worker imports the engine and loads its lexicons once, here, so that start-up is
            # paid before the first batch; then one real task, because the scheduler must be able to
            # read tasks too. A cluster without figcheck fails here, once, not once per document.
            self._client.run(warm_up)
            self._client.submit(extract_batch, [WARM_UP_DOCUMENT], pure=False).result()
        except Exception as error:
            self.close()
            raise EngineError(f"the Dask cluster at {self.address} cannot run figcheck's extraction "
                              f"({type(error).__name__}: {_first_line(error)}); start its scheduler and workers "
                              "where the figcheck checkout is importable, e.g. PYTHONPATH=/path/to/figcheck") from error

    def map_batches(self, batches: Iterable[list[Document]]) -> Iterator[tuple[list[Document], list[Result]]]:
        # pure=False: two equal batches (a corpus listed twice) are still two tasks with their own results.
        yield from _ordered(lambda batch: self._client.submit(extract_batch, batch, self.budget, self.parse_budget,
                                                              pure=False), batches,
                            self.workers * TASKS_IN_FLIGHT_PER_WORKER, f"the Dask cluster at {self.address}")

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def stop(self) -> None:
        self.close()


def make_engine(name: str, workers: int = 1, scheduler: str | None = None,
                budget: float | None = DOCUMENT_SECONDS, parse_budget: int | None = PARSE_BUDGET_CHARS) -> Engine:
    if name == "dask":
        return DaskEngine(workers, scheduler, budget=budget, parse_budget=parse_budget)
    if name == "local":
        return LocalEngine(workers, budget, parse_budget)
    raise ValueError(f"unknown engine {name!r}; use local or dask")


class FigureSink(Protocol):
    """Where a batch's figures go: a streamed file or a store."""

    def accept(self, document: Document) -> bool:
        """False when the document's figures are already there (it is skipped); a store also remembers
        what it accepted, so a repeat later in the same run is skipped too."""

    def write_chunk(self, documents: list[tuple[Document, int]], figures: pd.DataFrame) -> None: ...


class TableFileSink:
    """A CSV, JSON Lines or Parquet file written chunk by chunk; it keeps every document (no resume)."""

    def __init__(self, out: BinaryIO, fmt: str, *, close_output: bool = False) -> None:
        self._out = out
        self._writer = TableStreamWriter(out, fmt)
        self._close_output = close_output

    def accept(self, document: Document) -> bool:
        return True

    def write_chunk(self, documents: list[tuple[Document, int]], figures: pd.DataFrame) -> None:
        self._writer.write(figures)

    def close(self) -> None:
        try:
            self._writer.close()
        finally:
            if self._close_output:
                self._out.close()


def open_sink(output: str | None, fmt: str | None = None, *, partition_by: str = "none") -> TableFileSink | StoreWriter:
    """The sink for `-o OUTPUT [--format FMT]`: a store when FMT is 'store' or OUTPUT names a directory
    (an existing one, or a path ending in '/'), else a file in the format of FMT or OUTPUT's suffix,
    or standard output. Raises StoreError or OSError with the reason."""
    path = output if output and output != "-" else None
    names_directory = path is not None and (path.endswith(("/", os.sep)) or os.path.isdir(path))
    if fmt == "store" or names_directory:
        if path is None:
            raise StoreError("a store is a directory: name it with -o DIR")
        return StoreWriter(path, partition_by=partition_by)
    out: BinaryIO = open(path, "wb") if path is not None else standard_output()  # noqa: SIM115 - the sink closes it
    return TableFileSink(out, format_for(output, fmt), close_output=path is not None)


def standard_output() -> BinaryIO:
    """Standard output as a buffered binary stream. Unbuffered (`python -u`, PYTHONUNBUFFERED=1) it is
    a raw file, whose write() may write only part of what it is given and say so only in its return
    value: on a full disk the rest would be lost without an error. A buffered writer retries until
    everything is written or raises."""
    out = sys.stdout.buffer
    if not isinstance(out, io.RawIOBase):
        return out
    # closefd=False: closing this writer must not close the interpreter's own standard output.
    return io.BufferedWriter(io.FileIO(sys.stdout.fileno(), "wb", closefd=False))


@dataclass
class BatchReport:
    documents: int = 0  # documents extracted in this run
    figures: int = 0
    skipped: int = 0  # already in the output
    errors: list[LoadError] = field(default_factory=list)  # in input order, the first MAX_ERRORS_KEPT
    errors_not_kept: int = 0  # errors past those, counted only
    # Documents over the parse budget, read in full but partly without the parse: in input order,
    # the first MAX_ERRORS_KEPT, and a count of the rest.
    notices: list[LoadError] = field(default_factory=list)
    notices_not_kept: int = 0

    def note(self, document: Document, rows: list[dict]) -> None:
        over: ParseBudgetReached | None = getattr(rows, "parse_budget", None)
        if over is None:
            return
        if len(self.notices) < MAX_ERRORS_KEPT:
            self.notices.append(LoadError(document.origin or document.doc_id, over.reading()))
        else:
            self.notices_not_kept += 1


class _FirstErrors:
    """The `limit` errors earliest in input order, whatever order they arrive in (load errors come
    before the extraction errors of earlier documents), and a count of the rest."""

    def __init__(self, limit: int = MAX_ERRORS_KEPT) -> None:
        self.limit = limit
        self._heap: list[tuple[int, int, LoadError]] = []  # (-index, arrival, error): the latest on top
        self._arrivals = 0
        self.dropped = 0

    def add(self, index: int, error: LoadError) -> None:
        self._arrivals += 1
        entry = (-index, -self._arrivals, error)
        if len(self._heap) < self.limit:
            heapq.heappush(self._heap, entry)
        else:
            self.dropped += 1
            if entry[:2] > self._heap[0][:2]:
                heapq.heapreplace(self._heap, entry)

    def in_order(self) -> list[LoadError]:
        return [error for _, _, error in sorted(self._heap, key=lambda entry: (-entry[0], -entry[1]))]


def run_batch(items: Iterable[Document | LoadError], engine: Engine, sink: FigureSink, *,
              chunk_documents: int = 1000, progress: bool = False) -> BatchReport:
    """Extract every document of `items` on `engine` into `sink`, `chunk_documents` at a time.

    Documents the sink already holds are skipped; load errors and failed extractions are reported
    in input order and everything else is still written.
    """
    report = BatchReport()
    errors = _FirstErrors()
    positions: deque[int] = deque()  # input positions of dispatched documents, which come back in order

    def to_extract() -> Iterator[Document]:
        for index, item in enumerate(items):
            if isinstance(item, LoadError):
                errors.add(index, item)
            elif not sink.accept(item):
                report.skipped += 1
            else:
                positions.append(index)
                yield item

    batches = _batched(to_extract(), DOCUMENTS_PER_TASK)
    bar = _progress_bar(progress)
    chunk_documents_done: list[tuple[Document, int]] = []
    chunk_rows: list[dict] = []
    try:
        for batch, results in engine.map_batches(batches):
            for document, result in zip(batch, results, strict=True):
                index = positions.popleft()
                if isinstance(result, LoadError):
                    errors.add(index, result)
                    continue
                report.note(document, result)
                chunk_documents_done.append((document, len(result)))
                chunk_rows.extend(result)
            bar.update(len(batch))
            if len(chunk_documents_done) >= chunk_documents:
                _flush(sink, chunk_documents_done, chunk_rows, report)
                bar.set_postfix_str(f"{report.figures:,} figures", refresh=False)
        _flush(sink, chunk_documents_done, chunk_rows, report)
    finally:
        bar.close()
    report.errors = errors.in_order()
    report.errors_not_kept = errors.dropped
    return report


def _batched(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _flush(sink: FigureSink, documents: list[tuple[Document, int]], rows: list[dict], report: BatchReport) -> None:
    if not documents:
        return
    sink.write_chunk(list(documents), frame_from_rows(rows))
    report.documents += len(documents)
    report.figures += len(rows)
    documents.clear()
    rows.clear()


def _progress_bar(enabled: bool):
    from tqdm import tqdm

    # Counts documents and shows documents/s; the total is unknown while a corpus streams in.
    return tqdm(disable=not enabled, file=sys.stderr, unit=" docs", desc="figcheck", dynamic_ncols=True,
                mininterval=0.5)
