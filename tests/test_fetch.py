"""Fetching an article from a URL, against a server this test starts on 127.0.0.1."""

from __future__ import annotations

import datetime
import ipaddress
import socket
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from extract.documents import url_fetch
from extract.documents.loaders import Document, LoadError
from extract.documents.url_fetch import fetch_document, is_fetchable_address
from extract.engine.extraction import figures

ARTICLE_HTML = b"""<!doctype html><html><head><title>Port traffic falls</title>
<meta property="og:site_name" content="Harbour Gazette"><meta name="date" content="2025-03-04"></head>
<body><nav>Home | World | Business</nav><article><h1>Port traffic falls</h1>
<p>Container traffic through the port fell 12% last year, according to the Harbour Authority.</p>
<p>The authority said more than 3,000 ships docked, down from 3,400 a year earlier.</p>
<p>Officials expect a recovery once the new terminal opens in the spring of next year.</p>
</article><footer>Copyright</footer></body></html>"""


REDIRECTS = {
    "/to-file": (302, "file:///etc/passwd"),
    "/to-article": (301, "/article"),
    "/to-metadata": (302, "http://169.254.169.254/latest/meta-data/"),
    "/loop": (302, "/loop"),
}


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass

    def _send(self, body: bytes, content_type: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.server.requests.append((self.path, self.headers.get("Host", "")))  # type: ignore[attr-defined]
        if self.path == "/article":
            self._send(ARTICLE_HTML, "text/html; charset=utf-8")
        elif self.path == "/plain":
            self._send(b"Prices rose 4% in May.", "text/plain; charset=utf-8")
        elif self.path == "/latin1":
            self._send("Caf\u00e9 prices rose 4% in May, the statistics office said.".encode("latin-1"),
                       "text/plain; charset=iso-8859-1")
        elif self.path == "/slow":
            time.sleep(3)
            self._send(b"too late", "text/plain")
        elif self.path == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                while True:
                    self.wfile.write(b"<p>" + b"x" * 8192 + b"</p>")
            except (BrokenPipeError, ConnectionResetError):
                return
        elif self.path == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(10 ** 9))
            self.end_headers()
        elif self.path in REDIRECTS:
            status, location = REDIRECTS[self.path]
            self.send_response(status)
            self.send_header("Location", location)
            self.end_headers()
        elif self.path == "/trickle":
            try:
                for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"x" * 1000:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.2)
            except (BrokenPipeError, ConnectionResetError):
                return
        elif self.path == "/binary":
            self._send(b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
        else:
            self._send(b"not here", "text/plain", status=404)


@pytest.fixture(autouse=True)
def local_fetches_allowed(monkeypatch):
    # The test server is on 127.0.0.1, which the fetcher refuses unless told otherwise.
    monkeypatch.setenv("FIGCHECK_FETCH_PRIVATE", "1")


def _start_server(address: str, port: int = 0, tls: ssl.SSLContext | None = None) -> ThreadingHTTPServer:
    httpd = ThreadingHTTPServer((address, port), _Handler)
    httpd.requests = []  # type: ignore[attr-defined]  # (path, Host header) of every request
    httpd.daemon_threads = True
    if tls is not None:
        httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


@pytest.fixture(scope="module")
def server():
    httpd = _start_server("127.0.0.1")
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_html_page_gives_main_text_title_site_and_date(server):
    document = fetch_document(f"{server}/article")
    assert isinstance(document, Document)
    assert document.title == "Port traffic falls"
    assert document.outlet == "Harbour Gazette"
    assert document.date == "2025-03-04"
    assert document.url == f"{server}/article"
    assert "Container traffic through the port fell 12% last year" in document.text
    assert "Home | World" not in document.text and "Copyright" not in document.text
    table = figures([document])
    twelve = table[table["surface"] == "12%"].iloc[0]
    assert (twelve["value"], twelve["direction"], twelve["source"]) == (12.0, "down", "Harbour Authority")


def test_plain_text_and_declared_charset(server):
    plain = fetch_document(f"{server}/plain")
    assert isinstance(plain, Document) and plain.text == "Prices rose 4% in May."
    latin = fetch_document(f"{server}/latin1")
    assert isinstance(latin, Document) and latin.text.startswith("Café prices rose 4%")


def test_a_redirect_to_http_is_followed_and_the_final_url_kept(server):
    document = fetch_document(f"{server}/to-article")
    assert isinstance(document, Document) and document.url == f"{server}/article"


@pytest.mark.parametrize("path, message", [
    ("/to-file", "redirected to a file: URL, which is not fetched"),
    ("/missing", "HTTP error 404"),
    ("/binary", "binary file, not text"),
])
def test_refusals_name_the_url_and_the_problem(server, path, message):
    error = fetch_document(f"{server}{path}")
    assert isinstance(error, LoadError)
    assert error.origin == f"{server}{path}" and message in error.message


def test_a_server_that_does_not_answer_times_out(server):
    started = time.monotonic()
    error = fetch_document(f"{server}/slow", timeout=0.5)
    assert isinstance(error, LoadError) and error.message == "timed out after 0.5 s"
    assert time.monotonic() - started < 2.5


def test_a_page_without_end_is_cut_at_the_size_cap(server):
    error = fetch_document(f"{server}/endless", max_bytes=100_000)
    assert isinstance(error, LoadError) and error.message == "page too large (more than 100,000 bytes)"


def test_a_declared_size_over_the_cap_is_refused_before_reading(server):
    error = fetch_document(f"{server}/huge-declared", max_bytes=100_000)
    assert isinstance(error, LoadError)
    assert error.message == "page too large (1,000,000,000 bytes; limit 100,000)"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/a.txt", "javascript:alert(1)",
                                 "", "not a url", "http://"])
def test_only_http_urls_are_fetched(url):
    error = fetch_document(url)
    assert isinstance(error, LoadError) and error.message == "not an http(s) URL"


def test_a_closed_port_is_a_clear_error():
    error = fetch_document("http://127.0.0.1:9/", timeout=2)
    assert isinstance(error, LoadError) and error.message.startswith("cannot fetch:")


def test_the_dashboard_fetches_an_article_from_a_url_and_names_a_bad_one(server):
    from conftest import ROOT
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    at.text_input(key="url").input(f"{server}/article")
    next(b for b in at.button if b.label == "Fetch").click().run()
    assert not at.exception and not at.error
    table = at.dataframe[0].value
    assert {"12%", "more than 3,000", "3,400"} <= set(table["surface"])
    assert "Port traffic falls" in set(table["document"])

    at.text_input(key="url").input(f"{server}/to-file")
    next(b for b in at.button if b.label == "Fetch").click().run()
    # (A word joiner inside "http://" keeps Markdown from making the address a link.)
    assert [e.value.replace("\u2060", "") for e in at.error] == [
        f"Could not load {server}/to-file: redirected to a file: URL, which is not fetched"]
    assert "http:\u2060//" in at.error[0].value
    assert "12%" in set(at.dataframe[0].value["surface"])  # what was fetched before stays


def test_a_server_trickling_its_headers_is_cut_at_the_deadline(server):
    started = time.monotonic()
    error = fetch_document(f"{server}/trickle", timeout=1.0)
    assert isinstance(error, LoadError) and error.message == "timed out after 1 s"
    assert time.monotonic() - started < 2.5


def test_private_and_local_addresses_are_refused_unless_allowed(server, monkeypatch):
    monkeypatch.delenv("FIGCHECK_FETCH_PRIVATE")
    port = server.rsplit(":", 1)[1]
    error = fetch_document(f"{server}/article")
    assert isinstance(error, LoadError)
    assert error.message == "host '127.0.0.1' is a private or local address (127.0.0.1), which is not fetched"
    for url in ("http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://[::1]:" + port + "/",
                "http://localhost:" + port + "/article"):
        refused = fetch_document(url)
        assert isinstance(refused, LoadError) and "is a private or local address" in refused.message, url
    assert isinstance(fetch_document(f"{server}/article", allow_private=True), Document)


class _Resolver:
    """Stands in for DNS: answers `answers[n]` to the n-th lookup of `host` (the last one from then on)."""

    def __init__(self, monkeypatch, host: str, *answers: list[str]) -> None:
        self.host, self.answers, self.lookups = host, answers, 0
        real = socket.getaddrinfo

        def getaddrinfo(name, port, *args, **kwargs):
            if name != host:
                return real(name, port, *args, **kwargs)
            addresses = self.answers[min(self.lookups, len(self.answers) - 1)]
            self.lookups += 1
            return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "",
                     (a, int(port)) if ":" not in a else (a, int(port), 0, 0)) for a in addresses]

        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def _treat_as_public(monkeypatch, *addresses: str) -> None:
    """Let loopback test servers play public hosts; every other address is judged by the real rule."""
    public = {ipaddress.ip_address(a) for a in addresses}
    real = url_fetch.is_fetchable_address
    monkeypatch.setattr(url_fetch, "is_fetchable_address", lambda address: address in public or real(address))


@pytest.fixture
def public_and_inside_servers():
    """A 'public' server on 127.0.0.1 and an 'inside' one on 127.0.0.2, on the same port."""
    public = _start_server("127.0.0.1")
    port = public.server_address[1]
    inside = _start_server("127.0.0.2", port)
    yield public, inside, port
    for httpd in (public, inside):
        httpd.shutdown()
        httpd.server_close()


def test_a_rebinding_answer_never_reaches_the_inside_server(monkeypatch, public_and_inside_servers):
    monkeypatch.delenv("FIGCHECK_FETCH_PRIVATE")
    public, inside, port = public_and_inside_servers
    _treat_as_public(monkeypatch, "127.0.0.1")
    # The first answer passes the check; every later one points inside, as a rebinding DNS server would.
    resolver = _Resolver(monkeypatch, "news.example", ["127.0.0.1"], ["127.0.0.2"])
    document = fetch_document(f"http://news.example:{port}/article")
    assert isinstance(document, Document) and document.title == "Port traffic falls"
    assert resolver.lookups == 1
    assert public.requests == [("/article", f"news.example:{port}")]  # the Host header names the host
    assert inside.requests == []


def test_a_host_is_refused_when_any_of_its_addresses_is_not_public(monkeypatch, public_and_inside_servers):
    monkeypatch.delenv("FIGCHECK_FETCH_PRIVATE")
    public, inside, port = public_and_inside_servers
    _treat_as_public(monkeypatch, "127.0.0.1")
    _Resolver(monkeypatch, "news.example", ["127.0.0.1", "127.0.0.2"])
    error = fetch_document(f"http://news.example:{port}/article")
    assert isinstance(error, LoadError)
    assert error.message == "host 'news.example' is a private or local address (127.0.0.2), which is not fetched"
    assert public.requests == [] and inside.requests == []


@pytest.mark.parametrize("answer", ["100.64.0.1", "100.100.100.200", "192.0.0.9", "192.0.0.170",
                                    "169.254.169.254", "10.1.2.3", "0.0.0.0", "::ffff:10.0.0.1",
                                    "64:ff9b::a9fe:a9fe", "fd00::1", "fe80::1", "::1"])
def test_every_non_global_address_is_refused(monkeypatch, answer):
    monkeypatch.delenv("FIGCHECK_FETCH_PRIVATE")
    _Resolver(monkeypatch, "news.example", [answer])
    error = fetch_document("http://news.example/article", timeout=1)
    assert isinstance(error, LoadError)
    shown = ipaddress.ip_address(answer)
    assert error.message == f"host 'news.example' is a private or local address ({shown}), which is not fetched"


@pytest.mark.parametrize("address, fetchable", [
    ("8.8.8.8", True), ("2606:4700:4700::1111", True), ("::ffff:8.8.8.8", True),
    ("100.64.0.0", False), ("100.127.255.255", False), ("192.0.0.0", False), ("192.0.0.255", False),
    ("100.63.255.255", True), ("100.128.0.0", True), ("192.0.1.1", True),
    ("2002:a00:1::1", False), ("2001:0:4136:e378:8000:63bf:f5ff:fffe", False),  # 6to4 / Teredo to 10.0.0.1
])
def test_the_address_rule(address, fetchable):
    assert is_fetchable_address(ipaddress.ip_address(address)) is fetchable


def test_a_redirect_to_a_private_address_is_refused_before_connecting(monkeypatch, server):
    monkeypatch.delenv("FIGCHECK_FETCH_PRIVATE")
    _treat_as_public(monkeypatch, "127.0.0.1")
    error = fetch_document(f"{server}/to-metadata")
    assert isinstance(error, LoadError)
    assert error.message == ("redirected to http://169.254.169.254/latest/meta-data/: host '169.254.169.254' "
                             "is a private or local address (169.254.169.254), which is not fetched")


def test_a_redirect_loop_ends(server):
    error = fetch_document(f"{server}/loop")
    assert isinstance(error, LoadError) and error.message == "too many redirects (more than 5)"


def _certificate(tmp_path, name: str):
    """A self-signed certificate for `name` and its key, as PEM files."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = tmp_path / f"{name}.pem", tmp_path / f"{name}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def test_https_to_the_pinned_address_keeps_sni_host_and_certificate_check(monkeypatch, tmp_path):
    cert, key = _certificate(tmp_path, "news.example")
    server_names: list[str | None] = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda _sock, name, _context: server_names.append(name)
    httpd = _start_server("127.0.0.1", tls=context)
    port = httpd.server_address[1]
    try:
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the only certificate the fetcher trusts
        resolver = _Resolver(monkeypatch, "news.example", ["127.0.0.1"], ["127.0.0.2"])
        document = fetch_document(f"https://news.example:{port}/article")
        assert isinstance(document, Document) and document.url == f"https://news.example:{port}/article"
        assert server_names == ["news.example"] and resolver.lookups == 1
        assert httpd.requests == [("/article", f"news.example:{port}")]

        # Another name on the same address: the certificate is checked against the name, not the IP.
        _Resolver(monkeypatch, "other.example", ["127.0.0.1"])
        error = fetch_document(f"https://other.example:{port}/article")
        assert isinstance(error, LoadError) and error.message.startswith("cannot fetch:")
        assert "certificate verify failed" in error.message and len(httpd.requests) == 1
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_timed_out_fetches_leave_no_thread_behind():
    # A port that accepts connections (the kernel's backlog) but never answers, and runs no thread of its own.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)
    port = silent.getsockname()[1]
    try:
        before = threading.enumerate()
        started = time.monotonic()
        for scheme in ("http", "https", "http", "https"):
            error = fetch_document(f"{scheme}://127.0.0.1:{port}/article", timeout=0.3)
            assert isinstance(error, LoadError) and error.message == "timed out after 0.3 s"
        assert time.monotonic() - started < 2.5
        assert threading.enumerate() == before
    finally:
        silent.close()
