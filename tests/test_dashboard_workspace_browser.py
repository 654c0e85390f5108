"""The running dashboard in headless Chromium keeps a workspace: an article pasted in one session is
there after a reload, after a server restart, and for a second session opened with the first one's
URL. Screenshots at 1440x900 go to test-artifacts/."""

from __future__ import annotations

from urllib.parse import urlsplit

from app_server import CHROMIUM, CHROMIUM_ARGS, running_dashboard
from conftest import require_browser
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
            page.wait_for_function("() => document.body.innerText.includes('Marine Institute')", timeout=60_000)
            page.get_by_label("Source").first.click()
            page.get_by_role("option", name="Marine Institute", exact=True).click()
            page.keyboard.press("Escape")
            page.wait_for_function("() => window.location.search.includes('source=Marine')", timeout=30_000)
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
