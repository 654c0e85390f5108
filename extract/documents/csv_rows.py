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
MAX_RESTARTS = 100  # each restart rereads the file from its start; a file broken throughout is given up


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
            if _UNCLOSED not in str(error):
                yield CsvProblem(start, f"malformed CSV ({error})")
                continue  # the csv module goes on after the line where the row broke
            restarts += 1
            if restarts > MAX_RESTARTS:
                yield CsvProblem(start, f"more than {MAX_RESTARTS} unbalanced quotes; the rest of the file is skipped",
                                 fatal=True)
                return
            yield CsvProblem(start, "unbalanced quote: a quoted cell in this record never closes; the record is skipped")
            rest = lines()
            for _ in range(start):
                next(rest, None)
            counted = _CountedLines(rest, already=start)
            reader = csv.reader(counted, strict=True)
            continue
        yield CsvRow(cells, start, counted.taken)
