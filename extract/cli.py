"""`python -m extract`: a thin command line over the library."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

import pandas as pd

from .documents import Document, LoadError, load_inputs
from .export import FORMATS, format_for, write_table
from .figures import figure_rows
from .schema import COLUMNS, empty_frame


def _rows_or_error(document: Document) -> list[dict] | LoadError:
    try:
        return figure_rows(document)
    except Exception as error:  # noqa: BLE001 - one bad article must not stop a batch
        return LoadError(document.origin or document.doc_id, f"extraction failed: {type(error).__name__}: {error}")


def extract_all(documents: Iterable[Document], workers: int = 1) -> Iterator[list[dict] | LoadError]:
    """Rows per document, in input order, on `workers` local processes."""
    if workers <= 1:
        for document in documents:
            yield _rows_or_error(document)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_rows_or_error, documents, chunksize=8)


def _figures_command(args: argparse.Namespace) -> int:
    errors: list[LoadError] = []
    documents: list[Document] = []
    for item in load_inputs(args.inputs):
        if isinstance(item, LoadError):
            errors.append(item)
        else:
            documents.append(item)
    rows: list[dict] = []
    for result in extract_all(documents, workers=args.workers):
        if isinstance(result, LoadError):
            errors.append(result)
        else:
            rows.extend(result)
    frame = pd.DataFrame(rows, columns=COLUMNS) if rows else empty_frame()
    fmt = format_for(args.output, args.format)
    try:
        if args.output and args.output != "-":
            with open(args.output, "wb") as out:
                write_table(frame, out, fmt)
        else:
            write_table(frame, sys.stdout.buffer, fmt)
    except OSError as error:
        print(f"figcheck: {args.output}: cannot write: {error.strerror or error}", file=sys.stderr)
        return 1
    for error in errors:
        print(f"figcheck: {error}", file=sys.stderr)
    if args.verbose:
        print(f"figcheck: {len(documents)} documents, {len(frame)} figures, {len(errors)} errors", file=sys.stderr)
    return 1 if errors else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m extract", description="figcheck: figures in news articles")
    commands = parser.add_subparsers(dest="command", required=True)
    figures = commands.add_parser("figures", help="extract every figure into a table")
    figures.add_argument("inputs", nargs="+", metavar="INPUT",
                         help=".txt/.md/.html file, directory, .jsonl/.csv corpus, or - for stdin")
    figures.add_argument("-o", "--output", help="output file (format from its suffix); default stdout")
    figures.add_argument("--format", choices=FORMATS, help="output format (default: from -o, else csv)")
    figures.add_argument("--workers", type=int, default=1, help="local processes (default 1)")
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
