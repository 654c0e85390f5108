"""The running dashboard in headless Chromium: the table and charts render, the Source filter
reaches the URL, and "Export CSV" downloads exactly the export function's bytes.

Screenshots are saved under test-artifacts/ (or $FIGCHECK_ARTIFACTS) for a person to look at.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from app_server import CHROMIUM, CHROMIUM_ARGS, running_dashboard
from conftest import ROOT, require_browser

from extract.app.figure_reading import spreadsheet_rows
from extract.workspace import store_queries as queries
from extract.workspace.export import to_spreadsheet_csv_bytes
from extract.workspace.filters import Filters
from extract.workspace.workspace import decisions_frame, open_checked_store, open_workspace

ARTIFACTS = Path(os.environ.get("FIGCHECK_ARTIFACTS", ROOT / "test-artifacts"))


VIEWPORT = {"width": 1440, "height": 900}


@pytest.fixture(scope="module")
def workspace_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("browser") / "workspace"


@pytest.fixture(scope="module")
def browser_page(workspace_dir):
    require_browser()
    from playwright.sync_api import sync_playwright

    with running_dashboard(env={"FIGCHECK_WORKSPACE": str(workspace_dir)}) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
        page = context.new_page()
        yield page, url
        browser.close()


def _table_rows(page) -> list[list[str]]:
    """Rows of the dataframe's accessible table (header excluded), as cell texts."""
    rows = page.locator("[data-testid='stDataFrame'] table [role='row']")
    texts = [rows.nth(i).locator("td").all_inner_texts() for i in range(rows.count())]
    return [cells for cells in texts if cells]


def test_table_and_charts_render_and_export_matches(browser_page, workspace_dir):
    page, url = browser_page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.goto(url)
    page.wait_for_selector("[data-testid='stDataFrame'] table [role='row'] td", state="attached", timeout=60_000)
    page.wait_for_selector("[data-testid='stVegaLiteChart'] svg", timeout=30_000)
    assert page.locator("[data-testid='stVegaLiteChart'] svg").count() >= 3
    first_cells = _table_rows(page)[0]
    assert "about 90 minutes" in first_cells
    page.screenshot(path=str(ARTIFACTS / "dashboard-start.png"))

    # Choose "United Nations" under Source: one figure is left and the URL says so.
    page.get_by_label("Source").first.click()
    page.get_by_role("option", name="United Nations", exact=True).click()
    page.keyboard.press("Escape")
    page.wait_for_function(
        "() => document.querySelectorAll(\"[data-testid='stDataFrame'] table [role='row']\").length === 2",
        timeout=30_000)
    page.wait_for_function("() => window.location.search.includes('source=')", timeout=10_000)
    assert parse_qs(urlsplit(page.url).query)["source"] == ["United Nations"]
    rows = _table_rows(page)
    assert len(rows) == 1 and "More than 6700" in rows[0] and "United Nations" in rows[0]
    page.screenshot(path=str(ARTIFACTS / "dashboard-united-nations.png"))

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Export CSV").click()
    downloaded = Path(download_info.value.path()).read_bytes()
    workspace = open_workspace(workspace_dir)
    store = open_checked_store(workspace)
    store.use_decisions(decisions_frame(workspace, store))
    chosen = queries.export_frame(store, Filters(sources=("United Nations",)))
    expected = to_spreadsheet_csv_bytes(spreadsheet_rows(chosen, queries.EXPORT_COLUMNS), bom=True)
    assert downloaded == expected
    assert downloaded.count(b"\n") == 2  # header and the UN's one figure


def test_a_shared_url_reopens_the_same_view(browser_page):
    page, url = browser_page
    page.goto(f"{url}/?source=Kyiv+School+of+Economics&q=tankers")
    page.wait_for_selector("[data-testid='stDataFrame'] table [role='row'] td", state="attached", timeout=60_000)
    page.wait_for_function(
        "() => document.querySelectorAll(\"[data-testid='stDataFrame'] table [role='row']\").length === 3",
        timeout=30_000)
    surfaces = sorted(row[0] for row in _table_rows(page))
    assert surfaces == ["135", "496"]


def test_clicking_a_row_shows_the_figure_marked_in_its_sentence_and_article(browser_page):
    page, url = browser_page
    page.goto(url)
    page.wait_for_selector("[data-testid='stDataFrame'] table [role='row'] td", state="attached", timeout=60_000)
    grid = page.locator("[data-testid='stDataFrame']")
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    # Rows are drawn on a canvas: click the selection checkbox of the second row ("More than 6700").
    page.mouse.click(box["x"] + 16, box["y"] + 35 + 35 + 17)
    page.wait_for_selector("text=Figure detail", timeout=30_000)
    selected = page.locator("mark.selected")
    assert selected.first.inner_text() == "More than 6700"
    assert selected.first.get_attribute("title") == (
        "More than 6700 → above 6,700 Ukrainian civilians · source: United Nations · cue: according to")
    page.get_by_text("Figure detail").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "dashboard-figure-detail.png"))
    page.get_by_text("Whole article:").click()
    page.wait_for_function("() => document.querySelectorAll('mark').length === 19", timeout=10_000)
    assert page.locator("mark.selected").count() == 2  # in the sentence and in the article
    page.screenshot(path=str(ARTIFACTS / "dashboard-article.png"))


def test_clicking_a_sources_bar_filters_the_table_and_the_url(browser_page):
    page, url = browser_page
    page.goto(url)
    page.wait_for_selector("[data-testid='stDataFrame'] table [role='row'] td", state="attached", timeout=60_000)
    bar = page.locator("[data-testid='stVegaLiteChart'] svg [aria-label*='source: Izvestia']").first
    bar.wait_for(timeout=30_000)
    bar.click()
    page.wait_for_function("() => window.location.search.includes('source=Izvestia')", timeout=30_000)
    page.wait_for_function(
        "() => document.querySelectorAll(\"[data-testid='stDataFrame'] table [role='row']\").length === 2",
        timeout=30_000)
    assert sorted(row[0] for row in _table_rows(page)) == ["nearly 141,000"]
    assert page.get_by_label("Source").first.locator("xpath=ancestor::*[@data-testid='stMultiSelect']") \
        .get_by_text("Izvestia").count() >= 1

