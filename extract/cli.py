"""`python -m extract`: a thin command line over the library."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path
from types import FrameType

import pandas as pd

from extract.checks.crosscheck import check_figures
from extract.checks.official_statistics import import_official_source
from extract.checks.reference_data import load_references
from extract.checks.verdicts import VERDICTS
from extract.documents.loaders import Document, LoadError, load_inputs
from extract.engine.table_schema import COLUMNS, empty_frame
from extract.workspace.batch import (
    DOCUMENT_SECONDS,
    PARSE_BUDGET_CHARS,
    BatchReport,
    EngineError,
    extract_all,
    make_engine,
    open_sink,
    run_batch,
    standard_output,
)
from extract.workspace.export import FORMATS, format_for, to_csv_bytes, write_table
from extract.workspace.filters import Filters
from extract.workspace.reviews import ReviewStoreError, merge_decisions
from extract.workspace.run_log import configure_logging, default_workspace, log_unexpected
from extract.workspace.store_queries import write_export
from extract.workspace.store_writer import PARTITIONS, StoreError, StoreWriter, is_store
from extract.workspace.workspace import (
    WorkspaceError,
    decisions_frame,
    ensure_checks,
    open_checked_store,
    open_workspace,
    workspace_path,
)


def _extract_inputs(args: argparse.Namespace) -> tuple[list[Document], pd.DataFrame, list[LoadError]]:
    """Load every input and extract its figures; bad inputs become errors, the rest is processed.
    A document over the parse budget is said on stderr (it is extracted, not an error)."""
    errors: list[LoadError] = []
    documents: list[Document] = []
    for item in load_inputs(args.inputs):
        if isinstance(item, LoadError):
            errors.append(item)
        else:
            documents.append(item)
    rows: list[dict] = []
    report = BatchReport()
    for document, result in zip(documents, extract_all(documents, workers=args.workers,
                                                       parse_budget=args.parse_budget or None), strict=True):
        if isinstance(result, LoadError):
            errors.append(result)
        else:
            report.note(document, result)
            rows.extend(result)
    _print_notices(report.notices, report.notices_not_kept)
    frame = pd.DataFrame(rows, columns=COLUMNS) if rows else empty_frame()
    return documents, frame, errors


def _print_notices(notices: list[LoadError], not_kept: int) -> None:
    """Documents read partly without the parse: said, as the run goes on, never an error."""
    for notice in notices:
        print(f"figcheck: note: {notice}", file=sys.stderr)
    if not_kept:
        print(f"figcheck: note: ... and {not_kept:,} more documents over the parse budget", file=sys.stderr)
    if notices:
        print("figcheck: note: --parse-budget 0 reads every sentence with the parse, at about 10 s a megabyte",
              file=sys.stderr)


def _output_name(args: argparse.Namespace) -> str:
    return args.output if args.output and args.output != "-" else "standard output"


def _write_failed(args: argparse.Namespace, error: OSError) -> None:
    """Say that the output could not be written. For standard output, also point it at /dev/null:
    the bytes still in its buffer cannot be written either, and the interpreter's own flush at exit
    would fail again and turn the exit status into 120 with a second, cryptic message."""
    print(f"figcheck: {_output_name(args)}: cannot write: {error.strerror or error}", file=sys.stderr)
    if _output_name(args) == "standard output":
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, sys.stdout.fileno())
            os.close(null)
        except (OSError, ValueError):
            pass  # standard output is not a file descriptor (tests capture it): nothing is left to flush


def _write(frame: pd.DataFrame, args: argparse.Namespace) -> bool:
    """Write the table; False (after saying why) when any byte of it could not be written."""
    fmt = format_for(args.output, args.format)
    try:
        if args.output and args.output != "-":
            with open(args.output, "wb") as out:
                write_table(frame, out, fmt)
        else:
            stdout = standard_output()
            write_table(frame, stdout, fmt)
            stdout.flush()
    except OSError as error:
        _write_failed(args, error)
        return False
    return True


def _figures_command(args: argparse.Namespace) -> int:
    refused = _into_workspace(args)
    if refused:
        return refused
    if args.scheduler and args.engine != "dask":
        print("figcheck: --scheduler needs --engine dask", file=sys.stderr)
        return 2
    budget = args.time_budget or None
    try:
        engine = make_engine(args.engine, args.workers, args.scheduler, budget, args.parse_budget or None)
    except EngineError as error:
        print(f"figcheck: {error}", file=sys.stderr)
        return 1
    try:
        sink = open_sink(args.output, args.format, partition_by=args.partition_by)
    except (StoreError, OSError) as error:
        engine.close()
        reason = error if isinstance(error, StoreError) else f"{args.output}: cannot write: {error.strerror or error}"
        print(f"figcheck: {reason}", file=sys.stderr)
        return 1
    stale = getattr(sink, "stale_lock_owner", None)
    if stale is not None:
        print(f"figcheck: {args.output}: the run that held this store's lock (pid {stale}) is gone; "
              "its unfinished chunk is discarded and this run resumes", file=sys.stderr)
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    written = True
    try:
        report = run_batch(load_inputs(args.inputs), engine, sink, chunk_documents=args.chunk_size,
                           progress=progress)
    except OSError as error:
        _write_failed(args, error)
        written = False
    except BaseException:
        engine.stop()  # interrupted: end the workers now rather than let them finish their batches
        raise
    finally:
        engine.close()
        try:
            sink.close()  # flushes: the last bytes can fail to go out as well as the first
        except OSError as error:
            if written:
                _write_failed(args, error)
            written = False
    if not written:
        return 1
    for problem in report.errors:
        print(f"figcheck: {problem}", file=sys.stderr)
    if report.errors_not_kept:
        print(f"figcheck: ... and {report.errors_not_kept:,} more errors", file=sys.stderr)
    _print_notices(report.notices, report.notices_not_kept)
    if not _check_workspace(args):
        return 1
    if args.verbose:
        skipped = f", {report.skipped} already in the store" if isinstance(sink, StoreWriter) else ""
        partly = f", {len(report.notices) + report.notices_not_kept} over the parse budget" if report.notices else ""
        print(f"figcheck: {report.documents} documents, {report.figures} figures{skipped}, "
              f"{len(report.errors)} errors{partly}", file=sys.stderr)
    return 1 if report.errors else 0


def _into_workspace(args: argparse.Namespace) -> int:
    """Point `figures` at the workspace's store, laid out first so the store writer finds a store;
    0 (also without --workspace), or the exit status of a refusal."""
    if not args.workspace:
        return 0
    if args.output:
        print("figcheck: give either -o or --workspace, not both", file=sys.stderr)
        return 2
    args.output, args.format = str(args.workspace), "store"
    try:
        open_workspace(args.workspace)
    except WorkspaceError as error:
        print(f"figcheck: {error}", file=sys.stderr)
        return 1
    return 0


def _check_workspace(args: argparse.Namespace) -> bool:
    """With --workspace, cross-check it now, so the dashboard opens the corpus with its verdicts at once."""
    if not args.workspace:
        return True
    try:
        ensure_checks(open_workspace(args.workspace))
    except WorkspaceError as error:
        print(f"figcheck: {error}", file=sys.stderr)
        return False
    return True


def _export_command(args: argparse.Namespace) -> int:
    path = workspace_path(args.workspace)
    if not is_store(path):
        print(f"figcheck: {path}: not a workspace (no figures/ and documents/ folders)", file=sys.stderr)
        return 1
    filters = Filters(sources=tuple(args.source or ()), documents=tuple(args.document or ()),
                      outlets=tuple(args.outlet or ()), dimensions=tuple(args.kind or ()),
                      qualifiers=tuple(args.qualifier or ()), verdicts=tuple(args.verdict or ()),
                      text=args.search or "", value_min=args.min, value_max=args.max)
    try:
        workspace = open_workspace(path)
        store = open_checked_store(workspace, in_memory=False)
        store.use_decisions(decisions_frame(workspace, store))
    except (WorkspaceError, StoreError, ReviewStoreError) as error:
        print(f"figcheck: {error}", file=sys.stderr)
        return 1
    fmt = format_for(args.output, args.format)
    try:
        if args.output and args.output != "-":
            with open(args.output, "wb") as out:
                rows = write_export(store, filters, out, fmt)
        else:
            rows = write_export(store, filters, sys.stdout.buffer, fmt)
    except OSError as error:
        print(f"figcheck: {args.output}: cannot write: {error.strerror or error}", file=sys.stderr)
        return 1
    finally:
        store.close()
    if args.verbose:
        print(f"figcheck: {rows} figures exported", file=sys.stderr)
    return 0


def _at_least_one(text: str) -> int:
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _check_command(args: argparse.Namespace) -> int:
    reference, reference_errors = load_references(args.reference or [], bundled=not args.no_bundled_reference)
    documents, frame, errors = _extract_inputs(args)
    checked = check_figures(frame, reference)
    if args.reviews and not Path(args.reviews).is_file():
        # An absent database would merge as "no decisions": a mistyped path must not pass silently.
        print(f"figcheck: {args.reviews}: no such review database", file=sys.stderr)
        return 1
    if args.reviews:
        try:
            checked = merge_decisions(checked, args.reviews)
        except ReviewStoreError as error:
            print(f"figcheck: {error}", file=sys.stderr)
            return 1
    if not _write(checked, args):
        return 1
    for problem in [*reference_errors, *errors]:
        print(f"figcheck: {problem}", file=sys.stderr)
    if args.verbose:
        counts = checked["verdict"].value_counts().to_dict()
        summary = ", ".join(f"{counts.get(v, 0)} {v}" for v in VERDICTS)
        print(f"figcheck: {len(documents)} documents, {len(checked)} figures ({summary}), "
              f"{len(reference)} reference rows, {len(errors) + len(reference_errors)} errors", file=sys.stderr)
    return 1 if errors or reference_errors else 0


def _reference_import_command(args: argparse.Namespace) -> int:
    rows, errors = import_official_source(args.location, args.mapping or [])
    data = to_csv_bytes(rows)
    try:
        if args.output and args.output != "-":
            Path(args.output).write_bytes(data)
        else:
            stdout = standard_output()
            stdout.write(data)
            stdout.flush()
    except OSError as error:
        _write_failed(args, error)
        return 1
    for problem in errors:
        print(f"figcheck: {problem}", file=sys.stderr)
    if args.verbose:
        print(f"figcheck: {len(rows)} reference rows, {len(errors)} errors", file=sys.stderr)
    return 1 if errors or rows.empty else 0


def _parse_budget_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--parse-budget", type=_not_negative, default=PARSE_BUDGET_CHARS, metavar="CHARS",
                         help="characters of a document the syntactic parse reads; past them its figures are "
                              "read without it, and the run says so; 0 = no limit "
                              f"(default {PARSE_BUDGET_CHARS:,}: every ordinary article is parsed whole)")


def _not_negative(text: str) -> int:
    number = int(text)
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m extract", description="figcheck: figures in news articles")
    parser.add_argument("--debug", action="store_true",
                        help="tracebacks and debug messages on stderr too (always in the workspace's figcheck.log)")
    commands = parser.add_subparsers(dest="command", required=True)
    figures = commands.add_parser("figures", help="extract every figure into a table")
    figures.add_argument("inputs", nargs="+", metavar="INPUT",
                         help=".txt/.md/.html file, directory, .jsonl/.csv corpus, or - for stdin")
    figures.add_argument("-o", "--output", help="output file (format from its suffix); default stdout")
    figures.add_argument("--format", choices=(*FORMATS, "store"),
                         help="output format (default: from -o, else csv); store = a Parquet store directory, "
                              "also chosen when -o names a directory or ends in /")
    figures.add_argument("--workers", type=int, default=1,
                         help="local processes, or LocalCluster workers with --engine dask (default 1)")
    figures.add_argument("--engine", choices=("local", "dask"), default="local",
                         help="local processes, or a dask.distributed cluster (default local)")
    figures.add_argument("--scheduler", metavar="ADDRESS",
                         help="with --engine dask: the scheduler, e.g. tcp://10.0.0.5:8786 (default: a LocalCluster)")
    figures.add_argument("--chunk-size", type=_at_least_one, default=1000, metavar="N",
                         help="documents written per chunk; a store commits (and resumes) chunk by chunk "
                              "(default 1000)")
    figures.add_argument("--partition-by", choices=PARTITIONS, default="none",
                         help="store files split by outlet or by month of doc_date (default none)")
    figures.add_argument("--time-budget", type=float, default=DOCUMENT_SECONDS, metavar="SECONDS",
                         help="a document whose extraction takes longer is reported and skipped; 0 = no limit "
                              f"(default {DOCUMENT_SECONDS:g})")
    _parse_budget_option(figures)
    figures.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                         help="a progress bar on stderr (default: when stderr is a terminal)")
    figures.add_argument("--workspace", metavar="DIR",
                         help="add the figures to this workspace (a store the dashboard opens) and cross-check them")
    figures.add_argument("-v", "--verbose", action="store_true", help="print a summary on stderr")
    figures.set_defaults(run=_figures_command)

    export = commands.add_parser("export", help="export a workspace's figures, verdicts and reviews, filtered "
                                                "exactly as the dashboard filters them")
    export.add_argument("--workspace", metavar="DIR",
                        help="the workspace (default: $FIGCHECK_WORKSPACE, else data/workspace/)")
    for flag, meaning in (("source", "a source, or '(stated by the article)'"), ("document", "a doc_id"),
                          ("outlet", "an outlet"), ("kind", "a dimension (percent, currency, count, ...)"),
                          ("qualifier", "exact, approx, lower, upper or range"),
                          ("verdict", "the verdict that stands: consistent, conflict or unverified")):
        export.add_argument(f"--{flag}", action="append", metavar=flag.upper(), help=f"keep {meaning} (repeatable)")
    export.add_argument("--search", metavar="TEXT", help="case-insensitive text in the entity or the sentence")
    export.add_argument("--min", type=float, help="smallest value kept")
    export.add_argument("--max", type=float, help="largest value kept")
    export.add_argument("-o", "--output", help="output file (format from its suffix); default stdout")
    export.add_argument("--format", choices=FORMATS, help="output format (default: from -o, else csv)")
    export.add_argument("-v", "--verbose", action="store_true", help="print a summary on stderr")
    export.set_defaults(run=_export_command)

    check = commands.add_parser("check", help="extract every figure and cross-check it: verdict, reason, evidence")
    check.add_argument("inputs", nargs="+", metavar="INPUT",
                       help=".txt/.md/.html file, directory, .jsonl/.csv corpus, or - for stdin")
    check.add_argument("--reference", action="append", metavar="FILE",
                       help="a reference CSV to check against, besides the bundled data/reference.csv (repeatable)")
    check.add_argument("--no-bundled-reference", action="store_true",
                       help="do not use the bundled data/reference.csv")
    check.add_argument("--reviews", metavar="DB",
                       help="add reviewer_verdict, reviewer_note, reviewed_at from this review database")
    check.add_argument("-o", "--output", help="output file (format from its suffix); default stdout")
    check.add_argument("--format", choices=FORMATS, help="output format (default: from -o, else csv)")
    check.add_argument("--workers", type=int, default=1, help="local processes for extraction (default 1)")
    _parse_budget_option(check)
    check.add_argument("-v", "--verbose", action="store_true", help="print a summary on stderr")
    check.set_defaults(run=_check_command)

    reference = commands.add_parser("reference", help="reference data for the cross-checks")
    reference_commands = reference.add_subparsers(dest="reference_command", required=True)
    imports = reference_commands.add_parser(
        "import", help="official statistics (SDMX-CSV, World Bank API JSON, ONS time-series CSV) as reference rows")
    imports.add_argument("location", metavar="FILE_OR_URL", help="a published file, or its http(s) URL")
    imports.add_argument("--mapping", action="append", metavar="M",
                         help="a series mapping CSV (format, series, filter, measure, entity, unit, geography, "
                              "scale, months, source, url), besides the bundled data/official_series.csv (repeatable)")
    imports.add_argument("-o", "--output", help="the reference CSV to write; default stdout")
    imports.add_argument("-v", "--verbose", action="store_true", help="print a summary on stderr")
    imports.set_defaults(run=_reference_import_command)
    return parser


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the run is, so that it unwinds as from Ctrl-C: workers ended, the
    store's lock released, what was written flushed."""


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise Terminated


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "workers", 1) < 1:
        parser.error("--workers must be at least 1")
    log = configure_logging(default_workspace(), debug=args.debug)
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        return args.run(args)
    except Terminated:
        print("figcheck: terminated", file=sys.stderr)
        return 128 + signal.SIGTERM
    except KeyboardInterrupt:
        print("figcheck: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 - the last line of defence: one line here, the traceback logged
        log_unexpected(error, f"running '{args.command}'", log)
        return 1
    finally:
        signal.signal(signal.SIGTERM, previous)
