"""`python -m extract`: a thin command line over the library."""

from __future__ import annotations

import argparse
import sys

from .batch import EngineError, make_engine, open_sink, run_batch
from .batch import extract_all  # noqa: F401 - still importable from here, as before
from .documents import load_inputs
from .export import FORMATS
from .store_writer import PARTITIONS, StoreError, StoreWriter


def _figures_command(args: argparse.Namespace) -> int:
    if args.scheduler and args.engine != "dask":
        print("figcheck: --scheduler needs --engine dask", file=sys.stderr)
        return 2
    try:
        engine = make_engine(args.engine, args.workers, args.scheduler)
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
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    try:
        report = run_batch(load_inputs(args.inputs), engine, sink, chunk_documents=args.chunk_size,
                           progress=progress)
    except OSError as error:
        print(f"figcheck: {args.output}: cannot write: {error.strerror or error}", file=sys.stderr)
        return 1
    finally:
        engine.close()
        sink.close()
    for error in report.errors:
        print(f"figcheck: {error}", file=sys.stderr)
    if args.verbose:
        skipped = f", {report.skipped} already in the store" if isinstance(sink, StoreWriter) else ""
        print(f"figcheck: {report.documents} documents, {report.figures} figures{skipped}, "
              f"{len(report.errors)} errors", file=sys.stderr)
    return 1 if report.errors else 0


def _at_least_one(text: str) -> int:
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m extract", description="figcheck: figures in news articles")
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
                         help="documents written per chunk; a store commits (and resumes) chunk by chunk (default 1000)")
    figures.add_argument("--partition-by", choices=PARTITIONS, default="none",
                         help="store files split by outlet or by month of doc_date (default none)")
    figures.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                         help="a progress bar on stderr (default: when stderr is a terminal)")
    figures.add_argument("-v", "--verbose", action="store_true", help="print a summary on stderr")
    figures.set_defaults(run=_figures_command)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "workers", 1) < 1:
        parser.error("--workers must be at least 1")
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("figcheck: interrupted", file=sys.stderr)
        return 130
