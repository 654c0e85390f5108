"""Dashboard start-up and filter-rerun times, measured in headless Chromium against a real server.

    uv run python benchmarks/dashboard_startup.py [--reruns 10]

Prints: server start to healthy, page load to the figures table rendered (first render, cold
cache), a reload with a warm cache, and the time from choosing a Source to the table showing only
that source's figures (median and max over --reruns changes). Needs /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from app_server import CHROMIUM, CHROMIUM_ARGS, running_dashboard  # noqa: E402

ROWS = "[data-testid='stDataFrame'] table [role='row']"


def _wait_rows(page, count: int) -> None:
    page.wait_for_function(f'() => document.querySelectorAll("{ROWS}").length === {count}', timeout=60_000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reruns", type=int, default=10)
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"skipped: no Chromium at {CHROMIUM}")
        return
    from playwright.sync_api import sync_playwright

    started = time.perf_counter()
    # A new workspace: the first render includes creating it with the sample (extraction, checks).
    workspace = Path(tempfile.mkdtemp(prefix="figcheck-startup-")) / "workspace"
    with running_dashboard(env={"FIGCHECK_WORKSPACE": str(workspace)}) as url, sync_playwright() as playwright:
        healthy = time.perf_counter() - started
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 900})

        began = time.perf_counter()
        page.goto(url)
        page.wait_for_selector(f"{ROWS} td", state="attached", timeout=120_000)
        first_render = time.perf_counter() - began

        began = time.perf_counter()
        page.reload()
        page.wait_for_selector(f"{ROWS} td", state="attached", timeout=120_000)
        warm_render = time.perf_counter() - began

        # Alternate between a one-figure source and no filter; each change is one rerun.
        source_box = page.get_by_label("Source").first
        timings = []
        for _ in range(args.reruns):
            began = time.perf_counter()
            source_box.click()
            page.get_by_role("option", name="United Nations", exact=True).click()
            page.keyboard.press("Escape")
            _wait_rows(page, 2)
            timings.append(time.perf_counter() - began)
            page.locator("[data-testid='stMultiSelect']").first.get_by_role("button", name="Clear all").click()
            _wait_rows(page, 13)
        browser.close()

    print(f"server start to healthy:            {healthy:6.2f} s")
    print(f"first render (cold cache):          {first_render:6.2f} s")
    print(f"reload (warm cache):                {warm_render:6.2f} s")
    print(f"filter rerun, median of {len(timings):>2}:        {statistics.median(timings):6.3f} s")
    print(f"filter rerun, max:                  {max(timings):6.3f} s")


if __name__ == "__main__":
    main()
