"""Loading articles: text and Markdown files, HTML pages, directories, JSONL/CSV corpora, stdin.

Loaders never raise on bad input: each yields `Document`s for what it could read and
`LoadError`s naming the file (and line) and the problem for what it could not.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from extract.documents.csv_rows import CsvProblem, strict_rows

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
CORPUS_SUFFIXES = {".jsonl", ".csv"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | CORPUS_SUFFIXES
DATE_LINE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b")
MAX_FILE_BYTES = 50 * 1024 * 1024


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


def _read_bytes(path: Path, origin: str) -> bytes | LoadError:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return LoadError(origin, f"file too large ({size:,} bytes; limit {MAX_FILE_BYTES:,})")
        return path.read_bytes()
    except FileNotFoundError:
        return LoadError(origin, "no such file")
    except IsADirectoryError:
        return LoadError(origin, "is a directory")
    except PermissionError:
        return LoadError(origin, "permission denied")
    except OSError as error:
        return LoadError(origin, f"cannot read: {error.strerror or error}")


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
    return document_from_text(
        text, origin=origin, title=data.get("title") or "", outlet=data.get("sitename") or "",
        date=data.get("date") or "", url=url or data.get("url") or "",
    )


def _records_jsonl(text: str, origin: str) -> Iterator[Document | LoadError]:
    # Split on "\n" only: str.splitlines() would also break a record at a raw U+2028 inside a string.
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if line.strip():
            yield _jsonl_record(line, f"{origin}:{number}")


def _jsonl_record(line: str, where: str) -> Document | LoadError:
    """One JSON Lines record, whether the file was read whole or streamed."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return LoadError(where, f"malformed JSON ({error.msg})")
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
        yield _record_document(dict(zip(header, row.cells)), where)
    if header is None:
        yield LoadError(origin, "CSV corpus needs a 'text' column")


def _unique_ids(items: Iterator[Document | LoadError]) -> Iterator[Document | LoadError]:
    """A corpus record whose id an earlier record of the same file already has is reported, not
    loaded: figure ids, article texts and review keys all hang on the id, so two articles sharing
    one would mix their figures up."""
    seen: dict[str, str] = {}  # id -> where it was first used
    for item in items:
        if isinstance(item, Document):
            first = seen.setdefault(item.doc_id, item.origin)
            if first != item.origin:
                line = first.rsplit(":", 1)[-1]
                yield LoadError(item.origin, f"id '{item.doc_id}' is already used on line {line}; record skipped")
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

    return document_from_text(
        text, origin=where, doc_id=field("id"), title=field("title"), outlet=field("outlet"),
        date=field("date"), url=field("url"),
    )


def load_bytes(data: bytes, name: str) -> Iterator[Document | LoadError]:
    """Documents from the bytes of a file called `name` (an upload, or stdin as '-')."""
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
        yield from _unique_ids(_records_jsonl(text, name))
    elif suffix == ".csv":
        yield from _unique_ids(_records_csv(text, name))
    elif suffix in HTML_SUFFIXES:
        yield load_html(text, name)
    else:
        yield document_from_text(text, origin=name)


def load_path(path: str | Path) -> Iterator[Document | LoadError]:
    """Documents from a file, a directory (recursively) or '-' for standard input."""
    if str(path) == "-":
        yield from load_bytes(sys.stdin.buffer.read(), "-")
        return
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
        if not files:
            yield LoadError(str(path), "directory holds no .txt, .md, .html, .jsonl or .csv files")
        for file in files:
            yield from load_path(file)
        return
    if path.suffix.lower() in CORPUS_SUFFIXES:
        yield from stream_corpus(path)
        return
    data = _read_bytes(path, str(path))
    if isinstance(data, LoadError):
        yield data
        return
    yield from load_bytes(data, str(path))


_HEAD_BYTES = 8192
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def stream_corpus(path: Path) -> Iterator[Document | LoadError]:
    """Records of a .jsonl or .csv corpus read a line at a time, so memory stays flat however big it is.

    Unlike a single article, a corpus has no size limit. A bad line is reported with its number and
    the lines after it are still read.
    """
    origin = str(path)
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        yield LoadError(origin, "no such file")
        return
    except PermissionError:
        yield LoadError(origin, "permission denied")
        return
    except OSError as error:
        yield LoadError(origin, f"cannot read: {error.strerror or error}")
        return
    with handle:
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
        if path.suffix.lower() == ".jsonl":
            yield from _unique_ids(_stream_jsonl(handle, origin))
        else:
            yield from _unique_ids(_stream_csv(handle, origin))


def _stream_jsonl(handle: BinaryIO, origin: str) -> Iterator[Document | LoadError]:
    offset = 0
    any_text = False
    # Split on b"\n" only: str.splitlines() would also break a record at a raw U+2028 inside a string.
    for number, raw in enumerate(handle, start=1):
        line_start, offset = offset, offset + len(raw)
        where = f"{origin}:{number}"
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


def _utf8_lines(handle: BinaryIO) -> Iterator[str]:
    """The file's lines decoded one by one, so a bad byte is found at its own line, not a block early."""
    offset = 0
    for number, raw in enumerate(handle, start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise _NotUtf8(number, offset + error.start) from None
        offset += len(raw)
        yield line.removeprefix("\ufeff") if number == 1 else line


def _stream_csv(handle: BinaryIO, origin: str) -> Iterator[Document | LoadError]:
    def lines() -> Iterator[str]:
        handle.seek(0)
        return _utf8_lines(handle)

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
    for item in inputs:
        yield from load_path(item)
