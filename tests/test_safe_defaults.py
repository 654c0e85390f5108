"""Safe by default: the server listens on 127.0.0.1, visitors get short errors and no developer
menu or Deploy button, and names of uploaded files cannot make the page fetch anything."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from app_server import CHROMIUM, CHROMIUM_ARGS, running_dashboard
from conftest import ROOT, require_browser

ARTIFACTS = Path(os.environ.get("FIGCHECK_ARTIFACTS", ROOT / "test-artifacts"))


def test_streamlit_config_binds_to_localhost_and_hides_error_details():
    shown = subprocess.run([sys.executable, "-m", "streamlit", "config", "show"], cwd=ROOT, capture_output=True,
                           text=True, timeout=120, env={**os.environ, "STREAMLIT_SERVER_ADDRESS": ""}).stdout
    settings = [line for line in shown.splitlines() if line and not line.startswith("#")]
    assert 'address = "127.0.0.1"' in settings
    assert 'showErrorDetails = "none"' in settings
    assert 'toolbarMode = "viewer"' in settings


class _Recorder(BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return


@pytest.fixture()
def recording_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Recorder.requests = []
    yield server.server_address[1], _Recorder.requests
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_a_file_named_like_a_markdown_image_fetches_nothing_and_no_deploy_button(recording_server):
    require_browser()
    from playwright.sync_api import sync_playwright

    port, requests = recording_server
    image_name = f"![x](http://127.0.0.1:{port}/x.png).txt"
    empty_name = f"![y](http://127.0.0.1:{port}/y.png) see http://127.0.0.1:{port}/link.txt"
    files = [
        {"name": image_name, "mimeType": "text/plain", "buffer": b"Ferry fares rose 12% in May, the operator said."},
        # Long enough to extract for a few seconds, so the progress bar shows the first file's name.
        {"name": "second.txt", "mimeType": "text/plain",
         "buffer": " ".join(f"Some {n} shops shut in June, the council said." for n in range(3_000)).encode()},
        {"name": empty_name, "mimeType": "text/plain", "buffer": b""},
    ]
    with running_dashboard() as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.goto(url)
        page.wait_for_selector("[data-testid='stDataFrame']", timeout=60_000)
        assert page.locator("[data-testid='stAppDeployButton']").count() == 0
        assert page.get_by_role("button", name="Deploy").count() == 0
        page.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(files)
        alert = page.locator("[data-testid='stAlert']").filter(has_text="Could not load")
        alert.first.wait_for(timeout=120_000)
        assert alert.first.locator("img, a").count() == 0
        # Shown as written (an invisible word joiner inside "http://" is what keeps it from linking).
        assert f"![y](http://127.0.0.1:{port}/y.png) see http://127.0.0.1:{port}/link.txt: empty file" in \
            alert.first.inner_text().replace("\u2060", "")
        # The article's title (its file name) is an option of the Document filter: open the list.
        page.locator("[data-testid='stSidebar']").get_by_label("Document", exact=True).click()
        page.get_by_role("option", name="second").wait_for(timeout=30_000)
        assert page.get_by_role("listbox").locator("img, a").count() == 0
        page.wait_for_timeout(1500)  # time for any image the page might load
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "safe-defaults-uploads.png"))
        assert page.locator(f"img[src*='127.0.0.1:{port}'], a[href*='127.0.0.1:{port}']").count() == 0
        browser.close()
    assert requests == []
