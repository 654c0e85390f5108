"""An article whose text holds markup and script is shown literally: nothing executes.

Headless Chromium against the running dashboard: the hostile article is uploaded, its figure
selected and the whole article opened; a window flag the payloads would set stays unset.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from app_server import CHROMIUM, CHROMIUM_ARGS, running_dashboard
from conftest import ROOT, require_browser

ARTIFACTS = Path(os.environ.get("FIGCHECK_ARTIFACTS", ROOT / "test-artifacts"))
PAYLOADS = [
    '<img src=x onerror="window.__figcheck_pwned=1">',
    "<script>window.__figcheck_pwned=2</script>",
    '<a href="javascript:window.__figcheck_pwned=3">click</a>',
    '<svg onload="window.__figcheck_pwned=4"></svg>',
]
HOSTILE = (f"Costs rose 9% last year {PAYLOADS[0]} according to the Audit Office. "
           f"{PAYLOADS[1]} About 40 firms {PAYLOADS[2]} closed. {PAYLOADS[3]}").encode()


@pytest.fixture(scope="module")
def page_and_url(tmp_path_factory):
    require_browser()
    from playwright.sync_api import sync_playwright

    # A workspace of its own: articles other tests added to the shared one must not change the view.
    workspace = tmp_path_factory.mktemp("xss") / "workspace"
    with running_dashboard(env={"FIGCHECK_WORKSPACE": str(workspace)}) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        yield page, url
        browser.close()


def test_hostile_article_text_shows_literally_and_runs_nothing(page_and_url):
    page, url = page_and_url
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{url}/?q=Costs&kind=percent")  # leaves only the hostile article's "9%" once uploaded
    page.wait_for_selector("[data-testid='stFileUploaderDropzoneInput']", state="attached", timeout=60_000)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(
        files=[{"name": "hostile.txt", "mimeType": "text/plain", "buffer": HOSTILE}])
    # The figure is in once the table is headed "Figures (1)" (an empty table also draws two rows:
    # its header and "empty", so counting rows can pass before the upload's run has ended).
    page.wait_for_selector("text=Figures (1)", timeout=90_000)
    # The upload ends in a rerun that redraws the page: act once the app has stopped running.
    page.wait_for_selector("[data-testid='stStatusWidget']", state="detached", timeout=90_000)
    page.wait_for_timeout(1000)
    grid = page.locator("[data-testid='stDataFrame']").first  # the figures table comes first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 16, box["y"] + 35 + 17)  # select the one row
    page.wait_for_selector("text=Figure detail", timeout=90_000)  # an upload is extracted and cross-checked first
    page.get_by_text("Whole article:").click()
    page.wait_for_timeout(1500)  # give any injected handler time to fire

    assert page.evaluate("() => window.__figcheck_pwned") is None
    assert dialogs == []
    article = page.locator(".figcheck-text").last
    shown = article.inner_text()
    for payload in PAYLOADS:
        assert payload in shown  # the markup is text on the page, not elements
    assert article.locator("img, script, svg, a").count() == 0
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "xss-article.png"))
