"""The running dashboard in headless Chromium keeps a workspace: an article pasted in one session is
there after a reload, after a server restart, and for a second session opened with the first one's
URL. Screenshots at 1440x900 go to test-artifacts/."""

from __future__ import annotations

from urllib.parse import urlsplit

from app_server import CHROMIUM, CHROMIUM_ARGS, running_dashboard
from conftest import ROOT, require_browser
from test_dashboard_browser import ARTIFACTS, VIEWPORT, _table_rows


def _wait_for_table(page) -> None:
    page.wait_for_selector("[data-testid='stDataFrame'] table [role='row'] td", state="attached", timeout=60_000)


def _metric(page, label: str) -> str:
    return page.locator("[data-testid='stMetric']", has_text=label).locator(
        "[data-testid='stMetricValue']").inner_text()


def test_a_pasted_article_survives_reload_restart_and_a_second_session(tmp_path):
    require_browser()
    from playwright.sync_api import sync_playwright

    env = {"FIGCHECK_WORKSPACE": str(tmp_path / "workspace")}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        with running_dashboard(env=env) as url:
            page = browser.new_context(viewport=VIEWPORT).new_page()
            page.goto(url)
            _wait_for_table(page)
            page.get_by_text("Paste an article").click()
            page.get_by_role("textbox", name="Title", exact=True).fill("Fish stocks")
            page.get_by_role("textbox", name="Article text").fill(
                "Cod stocks fell by a third, according to the Marine Institute.")
            page.get_by_role("button", name="Add pasted article").click()
            # Not the pasted text itself (still in the form), but the count of articles kept.
            page.wait_for_function("() => document.body.innerText.includes('2 articles in the workspace')",
                                   timeout=120_000)
            # The link a colleague would be sent (choosing in the dropdown writes the same query string).
            page.goto(f"{url}/?source=Marine+Institute")
            _wait_for_table(page)
            shared = page.url
            page.reload()
            _wait_for_table(page)
            assert [row[0] for row in _table_rows(page)] == ["a third"]
        with running_dashboard(env=env) as url:  # a server restart, on another port
            second = browser.new_context(viewport=VIEWPORT).new_page()
            second.goto(url + "/?" + urlsplit(shared).query)
            _wait_for_table(second)
            second.wait_for_function(
                "() => document.querySelectorAll(\"[data-testid='stDataFrame'] table [role='row']\").length === 2",
                timeout=30_000)
            assert [row[0] for row in _table_rows(second)] == ["a third"]
            assert _metric(second, "Articles") == "1" and "2 articles in the workspace" in second.inner_text("body")
            second.screenshot(path=str(ARTIFACTS / "dashboard-shared-link-after-restart.png"))
        browser.close()


def _figure_ids(data: bytes) -> list[str]:
    import csv
    import io

    return [row["figure_id"] for row in csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))]


def test_a_cli_built_bbc_workspace_in_the_browser_exports_what_the_cli_exports(tmp_path):
    """About 200 BBC articles added by the CLI: the first page, a filtered view and its CSV export,
    byte for byte the CLI's export with the same filter."""
    require_browser()
    import subprocess
    import sys
    from pathlib import Path

    from playwright.sync_api import sync_playwright
    from test_dashboard_workspace import build_bbc_workspace

    from extract.app.figure_reading import spreadsheet_rows
    from extract.workspace import store_queries as queries
    from extract.workspace.export import to_spreadsheet_csv_bytes
    from extract.workspace.filters import Filters
    from extract.workspace.workspace import decisions_frame, open_checked_store, open_workspace

    workspace, articles = build_bbc_workspace(tmp_path)
    cli_csv = subprocess.run([sys.executable, "-m", "extract", "export", "--workspace", str(workspace), "--kind",
                              "percent", "--search", "growth"], cwd=ROOT, check=True, capture_output=True,
                             timeout=300).stdout
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with running_dashboard(env={"FIGCHECK_WORKSPACE": str(workspace)}, timeout=120) as url, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport=VIEWPORT, accept_downloads=True).new_page()
        page.goto(url)
        page.wait_for_selector("[data-testid='stDataFrame'] table [role='row'] td", state="attached",
                               timeout=300_000)
        assert f"{articles} articles in the workspace" in page.inner_text("body")
        page.screenshot(path=str(ARTIFACTS / "workspace-bbc-first-page.png"))
        page.goto(f"{url}/?kind=percent&q=growth")
        page.wait_for_selector("text=Showing figures where", timeout=120_000)
        page.wait_for_selector("[data-testid='stDataFrame'] table [role='row'] td", state="attached",
                               timeout=120_000)
        page.screenshot(path=str(ARTIFACTS / "workspace-bbc-filtered.png"), full_page=True)
        with page.expect_download(timeout=120_000) as download_info:
            page.get_by_role("button", name="Export CSV").click()
        downloaded = Path(download_info.value.path()).read_bytes()
        # The dashboard's CSV is the spreadsheet version (BOM, readable figure, open bounds empty) of
        # exactly the rows the CLI exports with the same filter.
        store = open_checked_store(open_workspace(workspace))
        store.use_decisions(decisions_frame(open_workspace(workspace), store))
        chosen = queries.export_frame(store, Filters(dimensions=("percent",), text="growth"))
        assert downloaded == to_spreadsheet_csv_bytes(spreadsheet_rows(chosen, queries.EXPORT_COLUMNS), bom=True)
        assert _figure_ids(downloaded) == _figure_ids(cli_csv) and cli_csv.count(b"\r\n") > 2
        browser.close()
