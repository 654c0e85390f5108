"""Fetching an article from a URL: bounded in time and size, http(s) only, public addresses only.

A URL a user pastes is untrusted: the server may never answer, trickle its headers, stream without
end, redirect to `file:` or to the server's own network, or its name may resolve to a public
address when checked and to a private one when connected (DNS rebinding). Every one of those ends
in a `LoadError` naming the URL, never in a hang, an unbounded read, a read of a local file or a
request inside the server's network.

How: each host is resolved once, every address it resolves to must be global, and the connection
goes to one of those checked addresses (the URL's host still names the server in the Host header
and, for https, in SNI and the certificate check). Every socket operation gets the time left
until one deadline for the whole fetch, so nothing outlives it and no thread is started.
"""

from __future__ import annotations

import http.client
import ipaddress
import os
import socket
import ssl
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from extract.documents.loaders import (
    Document,
    LoadError,
    decode,
    document_from_text,
    load_html,
)

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer, WriteableBuffer

DEFAULT_TIMEOUT = 10.0  # seconds for the whole fetch (resolution aside), not per socket read
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
_ALLOWED_SCHEMES = ("http", "https")
_REDIRECT_STATUSES = (301, 302, 303, 307, 308)
_CHUNK = 64 * 1024
_USER_AGENT = "figcheck/0.1 (+statistics fact-check)"

# The server fetches what a visitor names, so a URL must not reach the server's own network.
# Tests and deliberate local use opt in with FIGCHECK_FETCH_PRIVATE=1 (or allow_private=True).
ALLOW_PRIVATE_ENV = "FIGCHECK_FETCH_PRIVATE"

# `is_global` is the rule; these are refused on top of it because Python's answer varies by version
# (3.11 calls 192.0.0.9 global) and because a cloud's metadata service can sit in either block
# (100.100.100.200 in carrier-grade NAT space).
_ALSO_REFUSED = (ipaddress.ip_network("100.64.0.0/10"), ipaddress.ip_network("192.0.0.0/24"))
# NAT64 addresses carry an IPv4 address in their last 32 bits and reach it through the gateway.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address leads to (mapped, 6to4, Teredo, NAT64), if any."""
    if isinstance(address, ipaddress.IPv4Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_fetchable_address(address: IPAddress) -> bool:
    """True for a globally reachable address (and whatever IPv4 address it embeds)."""
    for candidate in (address, _embedded_ipv4(address)):
        if candidate is None:
            continue
        if not candidate.is_global or any(candidate in network for network in _ALSO_REFUSED
                                          if network.version == candidate.version):
            return False
    return True


@dataclass(frozen=True)
class _Target:
    """One resolved address of a host, ready for `socket.connect` (no second lookup)."""

    family: socket.AddressFamily
    sockaddr: tuple[object, ...]  # (ip, port) or, for IPv6, (ip, port, flowinfo, scope_id)
    address: IPAddress


def _resolve(host: str, port: int, allow_private: bool) -> list[_Target] | str:
    """Every address `host` resolves to, looked up once; or why the host may not be fetched.

    One non-global address refuses the host: the order of a DNS answer is the answerer's to choose.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError) as error:
        return f"cannot resolve host '{host}' ({error})"
    targets: list[_Target] = []
    for family, _, _, _, sockaddr in infos:
        if family not in (socket.AF_INET, socket.AF_INET6):
            continue
        address = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])
        if not allow_private and not is_fetchable_address(address):
            return f"host '{host}' is a private or local address ({address}), which is not fetched"
        targets.append(_Target(family, sockaddr, address))
    return targets or f"cannot resolve host '{host}' (no IP address)"


def _time_left(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("deadline passed")
    return left


class _DeadlineSocket(socket.socket):
    """A TCP socket whose every send and receive ends by `deadline` (time.monotonic())."""

    deadline: float = 0.0

    def recv_into(self, buffer: WriteableBuffer, nbytes: int = 0, flags: int = 0) -> int:
        self.settimeout(_time_left(self.deadline))
        return super().recv_into(buffer, nbytes, flags)

    def sendall(self, data: ReadableBuffer, flags: int = 0, /) -> None:
        self.settimeout(_time_left(self.deadline))  # since Python 3.5 the timeout bounds the whole sendall
        super().sendall(data, flags)


class _DeadlineTLSSocket(ssl.SSLSocket):
    """The same for TLS: handshake, reads and writes each get the time left (ssl bounds each call as a whole)."""

    deadline: float = 0.0

    def recv_into(self, buffer: WriteableBuffer, nbytes: int | None = None, flags: int = 0) -> int:
        self.settimeout(_time_left(self.deadline))
        return super().recv_into(buffer, nbytes, flags)

    def sendall(self, data: ReadableBuffer, flags: int = 0) -> None:
        self.settimeout(_time_left(self.deadline))
        super().sendall(data, flags)


def _connect(targets: list[_Target], host: str, tls: bool, deadline: float) -> socket.socket:
    """A socket connected to the first of `targets` that answers, wrapped in TLS for `host` when asked."""
    last_error: OSError = OSError("no address to connect to")
    for target in targets:
        raw = _DeadlineSocket(target.family, socket.SOCK_STREAM)
        raw.deadline = deadline
        try:
            raw.settimeout(_time_left(deadline))
            raw.connect(target.sockaddr)  # an IP address: nothing is looked up again
        except OSError as error:  # TimeoutError included: try the next address while time is left
            raw.close()
            last_error = error
            if isinstance(error, TimeoutError):
                raise
            continue
        if not tls:
            return raw
        context = ssl.create_default_context()
        context.sslsocket_class = _DeadlineTLSSocket
        try:
            wrapped = context.wrap_socket(raw, server_hostname=host, do_handshake_on_connect=False)
        except BaseException:
            raw.close()
            raise
        try:  # from here the TLS socket owns the connection
            assert isinstance(wrapped, _DeadlineTLSSocket)
            wrapped.deadline = deadline
            wrapped.settimeout(_time_left(deadline))
            wrapped.do_handshake()  # checks the certificate against `host`, not the address
        except BaseException:
            wrapped.close()
            raise
        return wrapped
    raise last_error


@dataclass(frozen=True)
class _Page:
    url: str
    content_type: str
    charset: str
    body: bytes


def _get(url: str, deadline: float, max_bytes: int, allow_private: bool) -> _Page | str | LoadError:
    """One GET of `url`: the page, the absolute URL it redirects to (a str), or the problem."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    tls = parts.scheme.lower() == "https"
    try:
        port = parts.port or (443 if tls else 80)
    except ValueError:
        return LoadError(url, "not an http(s) URL (bad port)")
    targets = _resolve(host, port, allow_private)
    if isinstance(targets, str):
        return LoadError(url, targets)
    connection_class = http.client.HTTPSConnection if tls else http.client.HTTPConnection
    connection = connection_class(host, port)
    try:
        # Connected here, to a checked address; http.client, given a socket, never connects by name.
        connection.sock = _connect(targets, host, tls, deadline)
        path = parts.path or "/"
        connection.request("GET", f"{path}?{parts.query}" if parts.query else path,
                           headers={"User-Agent": _USER_AGENT, "Connection": "close"})
        response = connection.getresponse()
        location = response.getheader("Location")
        if response.status in _REDIRECT_STATUSES and location:
            return urljoin(url, location.strip())
        if response.status >= 300:
            return LoadError(url, f"HTTP error {response.status} {response.reason}")
        declared = response.getheader("Content-Length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            return LoadError(url, f"page too large ({int(declared):,} bytes; limit {max_bytes:,})")
        body = bytearray()
        while chunk := response.read1(_CHUNK):
            body += chunk
            if len(body) > max_bytes:
                return LoadError(url, f"page too large (more than {max_bytes:,} bytes)")
        return _Page(url, response.headers.get_content_type(),
                     (response.headers.get_content_charset() or "utf-8").lower(), bytes(body))
    finally:
        connection.close()


def fetch_document(url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES,
                   allow_private: bool | None = None) -> Document | LoadError:
    """The article at `url` (HTML through trafilatura, plain text as is), or why it could not be had.

    Connecting, TLS, headers, redirects and body all end within `timeout` seconds of the call, in
    this thread. Name resolution is the system resolver's and is bounded by its own timeout.
    """
    page = _fetch_page(url.strip(), timeout, max_bytes, allow_private)
    return page if isinstance(page, LoadError) else _document(url.strip(), page)


def fetch_bytes(url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES,
                allow_private: bool | None = None) -> tuple[bytes, str] | LoadError:
    """The body at `url` and the URL it came from after redirects, under the same guards as
    `fetch_document`; for data files (CSV, JSON) that are not articles."""
    page = _fetch_page(url.strip(), timeout, max_bytes, allow_private)
    return page if isinstance(page, LoadError) else (page.body, page.url)


def _fetch_page(url: str, timeout: float, max_bytes: int, allow_private: bool | None) -> _Page | LoadError:
    """One page, redirects followed, every hop checked, all within `timeout` seconds."""
    if urlsplit(url).scheme.lower() not in _ALLOWED_SCHEMES or not urlsplit(url).hostname:
        return LoadError(url or "(empty URL)", "not an http(s) URL")
    if allow_private is None:
        allow_private = os.environ.get(ALLOW_PRIVATE_ENV) == "1"
    deadline = time.monotonic() + timeout
    current = url
    try:
        for _ in range(MAX_REDIRECTS + 1):
            outcome = _get(current, deadline, max_bytes, allow_private)
            if not isinstance(outcome, str):
                break
            scheme = urlsplit(outcome).scheme.lower()
            if scheme not in _ALLOWED_SCHEMES or not urlsplit(outcome).hostname:
                return LoadError(url, f"redirected to a {scheme or 'relative'}: URL, which is not fetched")
            current = outcome
        else:
            return LoadError(url, f"too many redirects (more than {MAX_REDIRECTS})")
    except TimeoutError:
        return LoadError(url, f"timed out after {timeout:g} s")
    except http.client.HTTPException as error:
        return LoadError(url, f"cannot fetch: malformed HTTP response ({type(error).__name__})")
    except (OSError, ValueError) as error:
        return LoadError(url, f"cannot fetch: {error}")
    if isinstance(outcome, LoadError):
        if current != url:  # a refusal after a redirect names both ends
            return LoadError(url, f"redirected to {current}: {outcome.message}")
        return outcome
    return outcome


def _document(url: str, page: _Page) -> Document | LoadError:
    body = page.body
    if page.charset not in ("utf-8", "utf8"):
        try:
            body = body.decode(page.charset).encode("utf-8")
        except (LookupError, UnicodeDecodeError):
            return LoadError(url, f"cannot decode the page as its declared charset '{page.charset}'")
    text = decode(body, url)
    if isinstance(text, LoadError):
        return text
    if page.content_type in ("text/html", "application/xhtml+xml"):
        return load_html(text, url, url=page.url)
    if page.content_type.startswith("text/"):
        return document_from_text(text, origin=url, url=page.url)
    return LoadError(url, f"unsupported content type '{page.content_type}'; expected an HTML page or text")
