"""`python -m extract`: a thin command line over the library."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

import pandas as pd

from .documents import Document, LoadError, load_inputs
from .export import FORMATS, format_for, write_table
from .crosscheck import check_figures
from .figures import figure_rows
from .reference import load_references
from .review import ReviewStoreError, merge_decisions
from .schema import COLUMNS, empty_frame
from .verdicts import VERDICTS


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


def _extract_inputs(args: argparse.Namespace) -> tuple[list[Document], pd.DataFrame, list[LoadError]]:
    """Load every input and extract its figures; bad inputs become errors, the rest is processed."""
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
    return documents, frame, errors


def _write(frame: pd.DataFrame, args: argparse.Namespace) -> bool:
    fmt = format_for(args.output, args.format)
    try:
        if args.output and args.output != "-":
            with open(args.output, "wb") as out:
                write_table(frame, out, fmt)
        else:
            write_table(frame, sys.stdout.buffer, fmt)
    except OSError as error:
        print(f"figcheck: {args.output}: cannot write: {error.strerror or error}", file=sys.stderr)
        return False
    return True


def _figures_command(args: argparse.Namespace) -> int:
    documents, frame, errors = _extract_inputs(args)
    if not _write(frame, args):
        return 1
    for error in errors:
        print(f"figcheck: {error}", file=sys.stderr)
    if args.verbose:
        print(f"figcheck: {len(documents)} documents, {len(frame)} figures, {len(errors)} errors", file=sys.stderr)
    return 1 if errors else 0


def _check_command(args: argparse.Namespace) -> int:
    reference, reference_errors = load_references(args.reference or [], bundled=not args.no_bundled_reference)
    documents, frame, errors = _extract_inputs(args)
    checked = check_figures(frame, reference)
    if args.reviews:
        try:
            checked = merge_decisions(checked, documents, args.reviews)
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
    check.add_argument("-v", "--verbose", action="store_true", help="print a summary on stderr")
    check.set_defaults(run=_check_command)
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
