"""Loading articles: text and Markdown files, HTML pages, directories, JSONL/CSV corpora, stdin.

Loaders never raise on bad input: each yields `Document`s for what it could read and
`LoadError`s naming the file (and line) and the problem for what it could not.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np

from extract.documents.csv_rows import MAX_FIELD_CHARS, CsvProblem, strict_rows

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
CORPUS_SUFFIXES = {".jsonl", ".csv"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | CORPUS_SUFFIXES
DATE_LINE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b")
MAX_FILE_BYTES = 50 * 1024 * 1024
# One article, however it arrives: extraction time grows with it, and no news article comes near.
MAX_DOCUMENT_CHARS = MAX_FIELD_CHARS
# A JSON Lines record may escape every character ("\u00e9" is six bytes), so its line may be longer.
MAX_RECORD_BYTES = 6 * MAX_DOCUMENT_CHARS + 65536
_READ_BLOCK = 1 << 16


@dataclass(frozen=True)
class Document:
    doc_id: str
    text: str
    title: str = ""
    outlet: str = ""
    date: str = ""
    url: str = ""
    origin: str = ""  # the file (and line) it came from, for messages


@dataclass(frozen=True)
class LoadError:
    origin: str  # "path" or "path:line"
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


def stable_id(origin: str, text: str) -> str:
    """A doc_id that stays the same for the same file name and content."""
    digest = hashlib.sha256(f"{origin}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:16]


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def document_from_text(text: str, *, origin: str = "text", doc_id: str = "", title: str = "",
                       outlet: str = "", date: str = "", url: str = "") -> Document:
    """A document from plain text; a leading 'date YYYY-MM-DD' sets its date (text unchanged)."""
    if not date:
        m = DATE_LINE.match(text)
        if m:
            date = m.group(1)
    name = Path(origin).name if origin not in ("text", "-") else ""
    return Document(
        doc_id=doc_id or stable_id(name or origin, text), text=text, title=title or _title_from_name(name),
        outlet=outlet, date=date, url=url, origin=origin,
    )


def _title_from_name(name: str) -> str:
    return Path(name).stem if name else ""


def document_problem(text: str) -> str:
    """Why `text` cannot be an article (too long, not valid Unicode), or "" when it can."""
    if len(text) > MAX_DOCUMENT_CHARS:
        return f"article too long ({len(text):,} characters; limit {MAX_DOCUMENT_CHARS:,}); skipped"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        # A JSON "\ud800" escape decodes to half a surrogate pair, which no file can hold.
        return (f"not valid Unicode: a lone surrogate (U+{ord(text[error.start]):04X}) at character "
                f"{error.start}; skipped")
    return ""


def checked_document(text: str, **fields: str) -> Document | LoadError:
    """document_from_text, or a LoadError naming `origin` when the text cannot be an article."""
    problem = document_problem(text) or next(
        (f"field '{name}': {document_problem(value)}" for name, value in fields.items()
         if name != "origin" and document_problem(value)), "")
    if problem:
        return LoadError(fields.get("origin", "text"), problem)
    return document_from_text(text, **fields)


_BOMS = (  # longest first: the UTF-32 LE BOM begins with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark: ASCII letters leave a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, encoding in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros) and (even if zeros is odd else odd).count(0) < 0.1 * len(zeros):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def decode(data: bytes, origin: str) -> str | LoadError:
    """Text of a file: UTF-8, or UTF-16/UTF-32 when a byte-order mark (or UTF-16's NUL pattern) says so.

    Any other encoding is refused with the offset of the first bad byte rather than guessed:
    a wrong guess would silently change the figures.
    """
    if len(data) > MAX_FILE_BYTES:
        return LoadError(origin, f"file too large ({len(data):,} bytes; limit {MAX_FILE_BYTES:,})")
    if not data.strip():
        return LoadError(origin, "empty file")
    bom, encoding = next(((b, name) for b, name in _BOMS if data.startswith(b)), (b"", ""))
    if encoding:
        try:
            text = data[len(bom):].decode(encoding)
        except UnicodeDecodeError as error:
            return LoadError(origin, f"not valid {encoding.upper()} text (invalid byte at offset {error.start})")
    elif b"\x00" in data[:8192]:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            return LoadError(origin, "binary file, not text")
        text = utf16
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            return LoadError(origin, f"not UTF-8 text (invalid byte at offset {error.start}); save it as UTF-8")
    if "\x00" in text:
        return LoadError(origin, "binary file, not text")
    if not text.strip():
        return LoadError(origin, "empty file (only whitespace)")
    return text


def open_regular_file(path: Path, origin: str) -> io.BufferedReader | LoadError:
    """`path` opened for reading if it is a regular file (a symlink to one is fine).

    A device (/dev/zero never ends), a FIFO (blocks until someone writes) or a socket is refused
    before a byte is read: the FIFO is opened without blocking, and the check is made on what was
    opened, so a file swapped after the check is never read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return LoadError(origin, "no such file")
    except IsADirectoryError:
        return LoadError(origin, "is a directory")
    except PermissionError:
        return LoadError(origin, "permission denied")
    except OSError as error:
        return LoadError(origin, f"cannot read: {error.strerror or error}")
    mode = os.fstat(fd).st_mode
    if stat.S_ISDIR(mode):
        os.close(fd)
        return LoadError(origin, "is a directory")
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
        return LoadError(origin, f"not a regular file ({kind}); only files are read")
    os.set_blocking(fd, True)
    return open(fd, "rb")  # noqa: SIM115 - the caller closes it


def read_limited(handle: BinaryIO, origin: str, limit: int = MAX_FILE_BYTES) -> bytes | LoadError:
    """At most `limit` bytes of `handle`, read a block at a time: a stream that never ends (standard
    input fed from /dev/zero) costs `limit` bytes, not all the memory there is."""
    blocks: list[bytes] = []
    size = 0
    try:
        while size <= limit:
            block = handle.read(min(_READ_BLOCK, limit + 1 - size))
            if not block:
                return b"".join(blocks)
            blocks.append(block)
            size += len(block)
    except OSError as error:
        return LoadError(origin, f"cannot read: {error.strerror or error}")
    return LoadError(origin, f"file too large (more than {limit:,} bytes; limit {limit:,})")


def read_file_bytes(path: Path, origin: str, limit: int = MAX_FILE_BYTES) -> bytes | LoadError:
    """The bytes of a regular file of at most `limit` bytes, or why not."""
    handle = open_regular_file(path, origin)
    if isinstance(handle, LoadError):
        return handle
    with handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            return LoadError(origin, f"file too large ({size:,} bytes; limit {limit:,})")
        return read_limited(handle, origin, limit)



def load_html(html: str, origin: str, url: str = "") -> Document | LoadError:
    """Main text, title, date and site of an HTML page, with trafilatura."""
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(html, url=url or None, with_metadata=True,
                                                include_comments=False, include_tables=False)
    except Exception as error:  # noqa: BLE001 - trafilatura raises from deep in lxml on odd markup
        return LoadError(origin, f"cannot parse HTML: {error}")
    if extracted is None:
        return LoadError(origin, "no article text found in the HTML")
    data = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    text = data.get("text") or ""
    if not text.strip():
        return LoadError(origin, "no article text found in the HTML")
    return checked_document(
        text, origin=origin, title=data.get("title") or "", outlet=data.get("sitename") or "",
        date=data.get("date") or "", url=url or data.get("url") or "",
    )


def _records_jsonl(text: str, origin: str) -> Iterator[Document | LoadError]:
    # Split on "\n" only: str.splitlines() would also break a record at a raw U+2028 inside a string.
    # A file with no "\n" at all but carriage returns was saved with old Mac line ends.
    separator = "\r" if "\n" not in text and "\r" in text else "\n"
    for number, line in enumerate(text.split(separator), start=1):
        line = line.removesuffix("\r")
        if line.strip():
            yield _jsonl_record(line, f"{origin}:{number}")


def _jsonl_record(line: str, where: str) -> Document | LoadError:
    """One JSON Lines record, whether the file was read whole or streamed."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return LoadError(where, f"malformed JSON ({error.msg})")
    except RecursionError:
        return LoadError(where, "malformed JSON (nested too deeply)")
    except ValueError as error:  # e.g. an integer of more digits than Python converts
        return LoadError(where, f"malformed JSON ({error})")
    return _record_document(record, where)


def _records_csv(text: str, origin: str) -> Iterator[Document | LoadError]:
    # Lines as the csv module counts them (not str.splitlines, which also splits at U+2028 and the like).
    yield from _csv_documents(lambda: iter(io.StringIO(text, newline="")), origin)




def _csv_documents(lines: Callable[[], Iterator[str]], origin: str) -> Iterator[Document | LoadError]:
    """Records of a CSV corpus; `lines()` gives the file's lines from the start, each time it is
    called (a quote that never closes is recovered from by reading again after its record)."""
    rows = strict_rows(lines)
    header: list[str] | None = None
    for row in rows:
        if isinstance(row, CsvProblem):
            if header is None:
                yield LoadError(f"{origin}:{row.line}", f"malformed CSV header ({row.message})")
                return
            yield LoadError(f"{origin}:{row.line}", row.message)
            continue
        if header is None:
            header = [name.strip() for name in row.cells]
            if "text" not in header:
                yield LoadError(origin, "CSV corpus needs a 'text' column")
                return
            continue
        if not any(cell.strip() for cell in row.cells):
            continue
        where = f"{origin}:{row.last_line}"
        if len(row.cells) > len(header):
            yield LoadError(where, "row has more cells than the header")
            continue
        yield _record_document(dict(zip(header, row.cells, strict=False)), where)
    if header is None:
        yield LoadError(origin, "CSV corpus needs a 'text' column")


class IdRegister:
    """Ids already loaded and where, so a record reusing one is reported, not loaded: figure ids,
    article texts and review keys all hang on the id, so two articles sharing one would mix their
    figures up. Shared by every file of one run, so a clash across files is caught too.

    Kept small, as a corpus of millions of records passes through it: each id is a 64-bit hash,
    and where it was first used one 64-bit number (file number, line). New entries gather in a
    small dict; a full dict is merged into sorted numpy arrays, log-structured (an array is merged
    only with one no bigger than itself), so an id costs 16 bytes, not the ~170 of a dict entry.
    """

    _PENDING_LIMIT = 65536
    _LINE_BITS = 40  # lines per file; the bits above count files

    def __init__(self) -> None:
        self._files: list[str] = []
        self._pending: dict[int, int] = {}
        self._keys: list[np.ndarray] = []  # sorted uint64 hashes
        self._places: list[np.ndarray] = []  # where each was first used, same order

    def clash(self, document: Document) -> LoadError | None:
        """None if `document`'s id is new (it is remembered); else the error for the record."""
        key = int.from_bytes(hashlib.blake2b(document.doc_id.encode("utf-8", "surrogatepass"),
                                             digest_size=8).digest(), "big")
        file, _, line = document.origin.rpartition(":")
        if not file or not line.isdigit():
            file, line = document.origin, "0"
        if not self._files or self._files[-1] != file:
            self._files.append(file)
        here = ((len(self._files) - 1) << self._LINE_BITS) | min(int(line), (1 << self._LINE_BITS) - 1)
        first = self._first_place(key)
        if first is None:
            self._pending[key] = here
            if len(self._pending) >= self._PENDING_LIMIT:
                self._merge_pending()
            return None
        first_file, first_line = self._files[first >> self._LINE_BITS], first & ((1 << self._LINE_BITS) - 1)
        where = f"line {first_line}" if first_file == file else f"{first_file}:{first_line}"
        return LoadError(document.origin, f"id '{document.doc_id}' is already used on {where}; record skipped")

    def _first_place(self, key: int) -> int | None:
        if key in self._pending:
            return self._pending[key]
        wanted = np.uint64(key)
        for keys, places in zip(self._keys, self._places, strict=True):
            at = int(np.searchsorted(keys, wanted))
            if at < len(keys) and keys[at] == wanted:
                return int(places[at])
        return None

    def _merge_pending(self) -> None:
        order = sorted(self._pending)
        keys = np.array(order, dtype=np.uint64)
        places = np.array([self._pending[k] for k in order], dtype=np.uint64)
        self._pending.clear()
        while self._keys and len(self._keys[-1]) <= len(keys):
            keys = np.concatenate([self._keys.pop(), keys])
            places = np.concatenate([self._places.pop(), places])
            by_key = np.argsort(keys, kind="stable")
            keys, places = keys[by_key], places[by_key]
        self._keys.append(keys)
        self._places.append(places)


def _unique_ids(items: Iterator[Document | LoadError], register: IdRegister | None = None
                ) -> Iterator[Document | LoadError]:
    register = register if register is not None else IdRegister()
    for item in items:
        if isinstance(item, Document):
            clash = register.clash(item)
            if clash is not None:
                yield clash
                continue
        yield item


def _record_document(record: object, where: str) -> Document | LoadError:
    if not isinstance(record, dict):
        return LoadError(where, "record is not an object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return LoadError(where, "record has no 'text'")

    def field(name: str) -> str:
        value = record.get(name)
        return "" if value is None else str(value)

    return checked_document(
        text, origin=where, doc_id=field("id"), title=field("title"), outlet=field("outlet"),
        date=field("date"), url=field("url"),
    )


def load_bytes(data: bytes, name: str, register: IdRegister | None = None) -> Iterator[Document | LoadError]:
    """Documents from the bytes of a file called `name` (an upload, or stdin as '-'); `register`
    holds the ids of files loaded before in the same run."""
    suffix = Path(name).suffix.lower()
    if name != "-" and suffix not in SUPPORTED_SUFFIXES:
        yield LoadError(name, f"unsupported file type '{suffix or '(none)'}'; use one of "
                              + ", ".join(sorted(SUPPORTED_SUFFIXES)))
        return
    text = decode(data, name)
    if isinstance(text, LoadError):
        yield text
        return
    if suffix == ".jsonl":
        yield from _unique_ids(_records_jsonl(text, name), register)
    elif suffix == ".csv":
        yield from _unique_ids(_records_csv(text, name), register)
    elif suffix in HTML_SUFFIXES:
        yield load_html(text, name)
    else:
        yield checked_document(text, origin=name)


def load_path(path: str | Path, register: IdRegister | None = None) -> Iterator[Document | LoadError]:
    """Documents from a file, a directory (recursively) or '-' for standard input; `register` holds
    the ids of what was loaded before in the same run."""
    register = register if register is not None else IdRegister()
    if str(path) == "-":
        data = read_limited(sys.stdin.buffer, "-")
        if isinstance(data, LoadError):
            yield data
            return
        yield from load_bytes(data, "-", register)
        return
    path = Path(path)
    if path.is_dir():
        files, problems = _directory_files(path)
        yield from problems
        if not files and not problems:
            yield LoadError(str(path), "directory holds no .txt, .md, .html, .jsonl or .csv files")
        for file in files:
            yield from load_path(file, register)
        return
    if path.suffix.lower() in CORPUS_SUFFIXES:
        yield from stream_corpus(path, register)
        return
    data = read_file_bytes(path, str(path))
    if isinstance(data, LoadError):
        yield data
        return
    yield from load_bytes(data, str(path), register)


def _directory_files(directory: Path) -> tuple[list[Path], list[LoadError]]:
    """Article files under `directory`, sorted, and a message for each folder that could not be
    read or link that was not followed (a link to a folder may loop back on itself)."""
    files: list[Path] = []
    problems: list[LoadError] = []

    def unreadable(error: OSError) -> None:
        problems.append(LoadError(str(error.filename or directory),
                                  f"cannot read directory: {error.strerror or error}; skipped"))

    for root, folders, names in os.walk(directory, onerror=unreadable):
        for folder in folders:
            if os.path.islink(os.path.join(root, folder)):
                problems.append(LoadError(os.path.join(root, folder),
                                          "link to a directory not followed (it may loop); skipped"))
        for name in names:
            candidate = Path(root) / name
            if candidate.suffix.lower() in SUPPORTED_SUFFIXES:
                files.append(candidate)
    return sorted(files), sorted(problems, key=lambda problem: problem.origin)


_HEAD_BYTES = 8192
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def stream_corpus(path: Path, register: IdRegister | None = None) -> Iterator[Document | LoadError]:
    """Records of a .jsonl or .csv corpus read a line at a time, so memory stays flat however big it is.

    Unlike a single article, a corpus has no size limit. A bad line is reported with its number and
    the lines after it are still read.
    """
    origin = str(path)
    opened = open_regular_file(path, origin)
    if isinstance(opened, LoadError):
        yield opened
        return
    with opened as handle:
        head = handle.peek(_HEAD_BYTES)[:_HEAD_BYTES]
        if not head:
            yield LoadError(origin, "empty file")
            return
        if b"\x00" in head and not head.startswith(_UTF16_BOMS):
            yield LoadError(origin, "binary file, not text")
            return
        if head.startswith(_UTF16_BOMS):
            yield LoadError(origin, "not UTF-8 text (invalid byte at offset 0)")
            return
        # Old Mac files end lines with a lone carriage return: no "\n" in the first block, but "\r".
        separator = b"\r" if b"\n" not in head and b"\r" in head else b"\n"
        if path.suffix.lower() == ".jsonl":
            yield from _unique_ids(_stream_jsonl(handle, origin, separator), register)
        else:
            yield from _unique_ids(_stream_csv(handle, origin, separator), register)


class _LongLine(int):
    """A line longer than the limit, stood in for by its length in bytes (it was skipped, not kept)."""


def bounded_lines(handle: BinaryIO, separator: bytes = b"\n", limit: int | None = None
                  ) -> Iterator[bytes | _LongLine]:
    """The lines of `handle`, each with its separator; a line longer than `limit` bytes is read
    past and given as its length, so one endless line costs `limit` bytes of memory, not all of it."""
    limit = MAX_RECORD_BYTES if limit is None else limit
    pending = bytearray()
    skipping = 0  # bytes of an over-long line skipped so far
    while True:
        block = handle.read(_READ_BLOCK)
        if not block:
            break
        start = 0
        while True:
            at = block.find(separator, start)
            if at < 0:
                piece = block[start:]
                if skipping:
                    skipping += len(piece)
                elif len(pending) + len(piece) > limit:
                    skipping = len(pending) + len(piece)
                    pending.clear()
                else:
                    pending += piece
                break
            piece = block[start:at + 1]
            if skipping:
                yield _LongLine(skipping + len(piece))
                skipping = 0
            elif len(pending) + len(piece) > limit:
                length = len(pending) + len(piece)
                pending.clear()
                yield _LongLine(length)
            else:
                pending += piece
                yield bytes(pending)
                pending.clear()
            start = at + 1
    if skipping:
        yield _LongLine(skipping)
    elif pending:
        yield bytes(pending)


def _stream_jsonl(handle: BinaryIO, origin: str, separator: bytes = b"\n") -> Iterator[Document | LoadError]:
    offset = 0
    any_text = False
    # Split on b"\n" only: str.splitlines() would also break a record at a raw U+2028 inside a string.
    for number, raw in enumerate(bounded_lines(handle, separator), start=1):
        where = f"{origin}:{number}"
        if isinstance(raw, _LongLine):
            offset += raw
            any_text = True
            yield LoadError(where, f"record too long ({int(raw):,} bytes; limit {MAX_RECORD_BYTES:,}); skipped")
            continue
        line_start, offset = offset, offset + len(raw)
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            yield LoadError(where, f"not UTF-8 text (invalid byte at offset {line_start + error.start})")
            any_text = True
            continue
        if number == 1:
            line = line.removeprefix("\ufeff")
        line = line.rstrip("\r\n")  # as a whole-file read sees it: same record, same message
        if not line.strip():
            continue
        any_text = True
        yield _jsonl_record(line, where)
    if not any_text:
        yield LoadError(origin, "empty file (only whitespace)")


class _NotUtf8(Exception):
    def __init__(self, line: int, offset: int) -> None:
        super().__init__(line, offset)
        self.line, self.offset = line, offset


def _utf8_lines(handle: BinaryIO, separator: bytes = b"\n") -> Iterator[str]:
    """The file's lines decoded one by one, so a bad byte is found at its own line, not a block early.
    A line too long to be read whole comes as one cell longer than any field may be, which the
    CSV reader reports as one bad record (its bytes are not kept)."""
    offset = 0
    for number, raw in enumerate(bounded_lines(handle, separator, MAX_FIELD_CHARS * 4 + 65536), start=1):
        if isinstance(raw, _LongLine):
            offset += raw
            yield '"' + "x" * (MAX_FIELD_CHARS + 1) + '"\n'
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise _NotUtf8(number, offset + error.start) from None
        offset += len(raw)
        yield line.removeprefix("\ufeff") if number == 1 else line


def _stream_csv(handle: BinaryIO, origin: str, separator: bytes = b"\n") -> Iterator[Document | LoadError]:
    def lines() -> Iterator[str]:
        handle.seek(0)
        return _utf8_lines(handle, separator)

    head = csv.reader(lines())
    if not any(cell.strip() for row in _first_rows(head) for cell in row):
        yield LoadError(origin, "empty file (only whitespace)")
        return
    try:
        yield from _csv_documents(lines, origin)
    except _NotUtf8 as error:
        # A quoted cell may span lines, so there is no safe place to pick up again after a bad byte.
        yield LoadError(f"{origin}:{error.line}",
                        f"not UTF-8 text (invalid byte at offset {error.offset}); the rest of the file is skipped")


def _first_rows(reader: Iterator[list[str]]) -> Iterator[list[str]]:
    """Rows until one has a non-blank cell (enough to tell an empty file), tolerating bad rows."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except (csv.Error, _NotUtf8):
            yield ["?"]
            return
        yield row
        if any(cell.strip() for cell in row):
            return


def load_inputs(inputs: list[str | Path]) -> Iterator[Document | LoadError]:
    """Documents of every input; a record reusing an id of any earlier input is reported and skipped."""
    register = IdRegister()
    for item in inputs:
        yield from load_path(item, register)
