"""Fetching an article from a URL: bounded in time and size, http(s) only, main text extracted.

A URL a user pastes is untrusted: the server may never answer, stream without end, or redirect
to `file:` or `ftp:`. Every one of those ends in a `LoadError` naming the URL, never in a hang,
an unbounded read or a read of a local file.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from extract.documents.loaders import Document, LoadError, decode, document_from_text, load_html

DEFAULT_TIMEOUT = 10.0  # seconds for the whole fetch, not per socket read
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
_ALLOWED_SCHEMES = ("http", "https")
_CHUNK = 64 * 1024
_USER_AGENT = "figcheck/0.1 (+statistics fact-check)"


# The server fetches what a visitor names, so a URL must not reach the server's own network:
# loopback, private, link-local (cloud metadata at 169.254.169.254), reserved and multicast
# addresses are refused, on the first request and on every redirect. Tests and deliberate local
# use opt in with FIGCHECK_FETCH_PRIVATE=1 (or allow_private=True).
ALLOW_PRIVATE_ENV = "FIGCHECK_FETCH_PRIVATE"


def _private_address_problem(url: str) -> str:
    """Why `url`'s host may not be fetched ('' when it may): it resolves to a non-public address."""
    host = urlsplit(url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as error:
        return f"cannot resolve host '{host}' ({error})"
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if (address.is_private or address.is_loopback or address.is_link_local or address.is_reserved
                or address.is_multicast or address.is_unspecified):
            return f"host '{host}' is a private or local address ({address}), which is not fetched"
    return ""


class _RefusedURL(urllib.error.URLError):
    pass


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to public http(s) URLs; urllib already refuses file: but we name the problem."""

    def __init__(self, allow_private: bool) -> None:
        super().__init__()
        self.allow_private = allow_private

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001 - urllib's signature
        scheme = urlsplit(newurl).scheme.lower()
        if scheme not in _ALLOWED_SCHEMES:
            raise _RefusedURL(f"redirected to a {scheme or 'relative'}: URL, which is not fetched")
        problem = "" if self.allow_private else _private_address_problem(newurl)
        if problem:
            raise _RefusedURL(f"redirected to {newurl}: {problem}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener(allow_private: bool) -> urllib.request.OpenerDirector:
    # No FileHandler, FTPHandler or DataHandler: only http(s) can ever be opened.
    opener = urllib.request.OpenerDirector()
    for handler in (urllib.request.HTTPHandler(), urllib.request.HTTPSHandler(), _CheckedRedirects(allow_private),
                    urllib.request.HTTPErrorProcessor(), urllib.request.HTTPDefaultErrorHandler()):
        opener.add_handler(handler)
    return opener


def fetch_document(url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES,
                   allow_private: bool | None = None) -> Document | LoadError:
    """The article at `url` (HTML through trafilatura, plain text as is), or why it could not be had.

    The whole fetch, headers and redirects included, ends within `timeout` seconds: it runs in a
    worker thread that is abandoned at the deadline (a server trickling its headers a byte at a
    time would otherwise hold it for as long as it likes).
    """
    url = url.strip()
    scheme = urlsplit(url).scheme.lower()
    if scheme not in _ALLOWED_SCHEMES or not urlsplit(url).netloc:
        return LoadError(url or "(empty URL)", "not an http(s) URL")
    if allow_private is None:
        allow_private = os.environ.get(ALLOW_PRIVATE_ENV) == "1"
    problem = "" if allow_private else _private_address_problem(url)
    if problem:
        return LoadError(url, problem)
    outcome: list[Document | LoadError] = []
    worker = threading.Thread(target=lambda: outcome.append(_fetch(url, timeout, max_bytes, allow_private)),
                              daemon=True, name="figcheck-fetch")
    worker.start()
    worker.join(timeout + 0.5)
    return outcome[0] if outcome else LoadError(url, f"timed out after {timeout:g} s")


def _fetch(url: str, timeout: float, max_bytes: int, allow_private: bool) -> Document | LoadError:
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    try:
        with _opener(allow_private).open(request, timeout=timeout) as response:
            content_type = response.headers.get_content_type()
            charset = (response.headers.get_content_charset() or "utf-8").lower()
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                return LoadError(url, f"page too large ({int(declared):,} bytes; limit {max_bytes:,})")
            body = bytearray()
            while True:
                if time.monotonic() > deadline:
                    return LoadError(url, f"timed out after {timeout:g} s")
                chunk = response.read1(_CHUNK) if hasattr(response, "read1") else response.read(_CHUNK)
                if not chunk:
                    break
                body += chunk
                if len(body) > max_bytes:
                    return LoadError(url, f"page too large (more than {max_bytes:,} bytes)")
            final_url = response.geturl()
    except urllib.error.HTTPError as error:
        location = error.headers.get("Location", "") if error.headers else ""
        if 300 <= error.code < 400 and location:
            # urllib refuses redirects to file:, ftp: and the like before our handler sees them.
            scheme = urlsplit(location).scheme.lower() or "relative"
            return LoadError(url, f"redirected to a {scheme}: URL, which is not fetched")
        return LoadError(url, f"HTTP error {error.code} {error.reason}")
    except _RefusedURL as error:
        return LoadError(url, str(error.reason))
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            return LoadError(url, f"timed out after {timeout:g} s")
        return LoadError(url, f"cannot fetch: {reason}")
    except TimeoutError:
        return LoadError(url, f"timed out after {timeout:g} s")
    except (OSError, ValueError) as error:
        return LoadError(url, f"cannot fetch: {error}")

    body = bytes(body)
    if charset not in ("utf-8", "utf8"):
        try:
            body = body.decode(charset).encode("utf-8")
        except (LookupError, UnicodeDecodeError):
            return LoadError(url, f"cannot decode the page as its declared charset '{charset}'")
    text = decode(body, url)
    if isinstance(text, LoadError):
        return text
    if content_type in ("text/html", "application/xhtml+xml"):
        return load_html(text, url, url=final_url)
    if content_type.startswith("text/"):
        return document_from_text(text, origin=url, url=final_url)
    return LoadError(url, f"unsupported content type '{content_type}'; expected an HTML page or text")


def fetch_bytes(url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES,
                allow_private: bool | None = None) -> tuple[bytes, str] | LoadError:
    """The body at `url` as bytes and the URL it came from after redirects, under the same guards as
    `fetch_document` (http(s) only, public addresses only, one deadline, a size cap); for data files
    (CSV, JSON) that are not articles."""
    url = url.strip()
    if urlsplit(url).scheme.lower() not in _ALLOWED_SCHEMES or not urlsplit(url).netloc:
        return LoadError(url or "(empty URL)", "not an http(s) URL")
    if allow_private is None:
        allow_private = os.environ.get(ALLOW_PRIVATE_ENV) == "1"
    problem = "" if allow_private else _private_address_problem(url)
    if problem:
        return LoadError(url, problem)
    outcome: list[tuple[bytes, str] | LoadError] = []
    worker = threading.Thread(target=lambda: outcome.append(_fetch_body(url, timeout, max_bytes, allow_private)),
                              daemon=True, name="figcheck-fetch")
    worker.start()
    worker.join(timeout + 0.5)
    return outcome[0] if outcome else LoadError(url, f"timed out after {timeout:g} s")


def _fetch_body(url: str, timeout: float, max_bytes: int, allow_private: bool) -> tuple[bytes, str] | LoadError:
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    try:
        with _opener(allow_private).open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                return LoadError(url, f"file too large ({int(declared):,} bytes; limit {max_bytes:,})")
            body = bytearray()
            while True:
                if time.monotonic() > deadline:
                    return LoadError(url, f"timed out after {timeout:g} s")
                chunk = response.read1(_CHUNK) if hasattr(response, "read1") else response.read(_CHUNK)
                if not chunk:
                    break
                body += chunk
                if len(body) > max_bytes:
                    return LoadError(url, f"file too large (more than {max_bytes:,} bytes)")
            return bytes(body), response.geturl()
    except urllib.error.HTTPError as error:
        return LoadError(url, f"HTTP error {error.code} {error.reason}")
    except _RefusedURL as error:
        return LoadError(url, str(error.reason))
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError) or "timed out" in str(error.reason):
            return LoadError(url, f"timed out after {timeout:g} s")
        return LoadError(url, f"cannot fetch: {error.reason}")
    except TimeoutError:
        return LoadError(url, f"timed out after {timeout:g} s")
    except (OSError, ValueError) as error:
        return LoadError(url, f"cannot fetch: {error}")
