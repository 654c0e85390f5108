"""Fetching an article from a URL, against a server this test starts on 127.0.0.1."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from extract.documents.loaders import Document, LoadError
from extract.documents.url_fetch import fetch_document
from extract.engine.extraction import figures

ARTICLE_HTML = b"""<!doctype html><html><head><title>Port traffic falls</title>
<meta property="og:site_name" content="Harbour Gazette"><meta name="date" content="2025-03-04"></head>
<body><nav>Home | World | Business</nav><article><h1>Port traffic falls</h1>
<p>Container traffic through the port fell 12% last year, according to the Harbour Authority.</p>
<p>The authority said more than 3,000 ships docked, down from 3,400 a year earlier.</p>
<p>Officials expect a recovery once the new terminal opens in the spring of next year.</p>
</article><footer>Copyright</footer></body></html>"""


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass

    def _send(self, body: bytes, content_type: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802 - http.server's name
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
        elif self.path == "/to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
        elif self.path == "/to-article":
            self.send_response(301)
            self.send_header("Location", "/article")
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


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


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
    from streamlit.testing.v1 import AppTest

    from conftest import ROOT

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    at.text_input(key="url").input(f"{server}/article")
    next(b for b in at.button if b.label == "Fetch").click().run()
    assert not at.exception and not at.error
    table = at.dataframe[0].value
    assert {"12%", "more than 3,000", "3,400"} <= set(table["surface"])
    assert "Port traffic falls" in set(table["document"])

    at.text_input(key="url").input(f"{server}/to-file")
    next(b for b in at.button if b.label == "Fetch").click().run()
    assert [e.value for e in at.error] == [
        f"Could not load {server}/to-file: redirected to a file: URL, which is not fetched"]
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


def test_a_redirect_to_a_private_address_is_refused():
    from extract.documents.url_fetch import _CheckedRedirects, _RefusedURL

    with pytest.raises(_RefusedURL, match="private or local address"):
        _CheckedRedirects(allow_private=False).redirect_request(None, None, 302, "Found", {},
                                                                "http://169.254.169.254/latest/")
