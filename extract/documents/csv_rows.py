"""CSV rows read strictly, with every problem reported on its line and nothing after it lost.

The csv module's lenient default lets a quoted cell that never closes swallow every later line
into one cell, so a single stray quote silently drops the rest of a file. Here the file is read
strictly: a row that opens a quote it never closes is reported and reading starts again on the
line after the one it began on; any other malformed row is reported and reading goes on after it.
Used for corpus files (documents.py) and reference files (reference.py).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass

_UNCLOSED = "unexpected end of data"
_TOO_LONG = "field larger than field limit"
MAX_RESTARTS = 100  # each restart rereads the file from its start; a file broken throughout is given up
# The longest cell read: an article's text fits (the loaders cap a document at this many characters).
# The csv module's own limit, 131,072, is far below a long article, and a cell over it would
# desynchronise the reader: every line inside the quoted cell would become a record of its own.
MAX_FIELD_CHARS = 5_000_000
csv.field_size_limit(MAX_FIELD_CHARS)


@dataclass(frozen=True)
class CsvRow:
    cells: list[str]
    first_line: int  # where the row begins (1-based)
    last_line: int  # where it ends (a quoted cell may span lines)


@dataclass(frozen=True)
class CsvProblem:
    line: int
    message: str
    fatal: bool = False  # nothing after it is read


class _CountedLines:
    """Lines, counting how many the csv module has taken (its own count lags after an error)."""

    def __init__(self, lines: Iterator[str], already: int = 0) -> None:
        self._lines = lines
        self.taken = already

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.taken += 1
        return line


def strict_rows(lines: Callable[[], Iterator[str]]) -> Iterator[CsvRow | CsvProblem]:
    """Every row of the CSV `lines()` gives (the file's lines from its start, each time it is called)."""
    counted = _CountedLines(lines())
    reader = csv.reader(counted, strict=True)
    restarts = 0
    while True:
        start = counted.taken + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            too_long = _TOO_LONG in str(error)
            if _UNCLOSED not in str(error) and not too_long:
                yield CsvProblem(start, f"malformed CSV ({error})")
                continue  # the csv module goes on after the line where the row broke
            restarts += 1
            if restarts > MAX_RESTARTS:
                yield CsvProblem(start, f"more than {MAX_RESTARTS} unbalanced quotes or over-long cells; "
                                        "the rest of the file is skipped", fatal=True)
                return
            if too_long:
                # Pick up again after the record's last line: where its quotes balance.
                last = _record_end(lines(), start)
                if last is None:
                    yield CsvProblem(start, f"a cell is longer than {MAX_FIELD_CHARS:,} characters and its "
                                            "quote never closes; the rest of the file is skipped", fatal=True)
                    return
                yield CsvProblem(start, f"a cell is longer than {MAX_FIELD_CHARS:,} characters; "
                                        "the record is skipped")
                resume = last
            else:
                yield CsvProblem(start, "unbalanced quote: a quoted cell in this record never closes; "
                                        "the record is skipped")
                resume = start
            rest = lines()
            for _ in range(resume):
                next(rest, None)
            counted = _CountedLines(rest, already=resume)
            reader = csv.reader(counted, strict=True)
            continue
        yield CsvRow(cells, start, counted.taken)


def _record_end(lines: Iterator[str], start: int) -> int | None:
    """The last line of the record that begins on line `start`: the first line at which the quotes
    seen since its start balance (a doubled quote inside a cell counts twice, so it never upsets
    the count). None when they never do."""
    quotes = 0
    for number, line in enumerate(lines, start=1):
        if number < start:
            continue
        quotes += line.count('"')
        if quotes % 2 == 0:
            return number
    return None
