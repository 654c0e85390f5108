"""Every file a visitor can download from the running dashboard is safe to open in a spreadsheet.

Headless Chromium against the dashboard, with an uploaded article whose sentences begin with
formulas and a stored review whose note and reviewer are formulas too: "Export CSV", "Export JSON
Lines", "Export ClaimReview" and the figures grid's own toolbar "Download as CSV" are each
downloaded, and no CSV cell starts with = + - @ tab or CR unless it is a number.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from app_server import CHROMIUM, CHROMIUM_ARGS, running_dashboard
from conftest import ROOT, SAMPLE, require_browser

from extract import document_from_text, figures
from extract.workspace.reviews import review_keys, save_decision

ARTIFACTS = Path(os.environ.get("FIGCHECK_ARTIFACTS", ROOT / "test-artifacts"))
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HOSTILE = (b"=HYPERLINK(\"http://127.0.0.1:9/x\",\"open\") costs 40 dollars, said @Boss.\n\n"
           b"+cmd|' /C calc'!A0 sold 500 cars last year.\n\n"
           b"-2+3;=1+1 shut 30 shops, x;=1+1 said.\n\n"
           b"-5 degrees at dawn, said @Boss.\n")  # a figure whose own surface starts with "-"
ROWS = "[data-testid='stDataFrame'] table [role='row']"


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


def unsafe_cells(data: bytes) -> list[str]:
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) > 1
    return [cell for row in rows for cell in row if cell.startswith(FORMULA_STARTS) and not _is_number(cell)]


@pytest.fixture(scope="module")
def page_and_url(tmp_path_factory):
    require_browser()
    from playwright.sync_api import sync_playwright

    db = tmp_path_factory.mktemp("reviews") / "reviews.sqlite"
    sample = document_from_text(SAMPLE.read_text(encoding="utf-8"), origin=str(SAMPLE))
    table = figures(sample)
    row = table.assign(review_key=review_keys(table)).set_index("surface").loc["$60 a barrel"]
    save_decision(row["review_key"], "conflict", "=HYPERLINK(\"http://127.0.0.1:9/\")", reviewer="@evil",
                  db_path=db, doc_id=row["doc_id"], sentence=row["sentence"], surface="$60 a barrel")
    with running_dashboard(env={"FIGCHECK_REVIEWS_DB": str(db),
                                 "FIGCHECK_WORKSPACE": str(db.parent / "workspace")}) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
        # Without the File System Access API the grid saves through an ordinary download.
        context.add_init_script("delete window.showSaveFilePicker; window.showSaveFilePicker = undefined;")
        page = context.new_page()
        yield page, url
        browser.close()


def _download(page, click) -> bytes:
    with page.expect_download(timeout=30_000) as info:
        click()
    return Path(info.value.path()).read_bytes()


def test_every_download_is_free_of_live_formulas(page_and_url, tmp_path):
    page, url = page_and_url
    page.goto(url)
    page.wait_for_selector(f"{ROWS} td", state="attached", timeout=60_000)
    hostile = tmp_path / "hostile.txt"
    hostile.write_bytes(HOSTILE)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(str(hostile))
    page.get_by_text("Figures (22)").wait_for(timeout=60_000)  # the sample's 18 and the hostile article's 4
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    exported = _download(page, lambda: page.get_by_role("button", name="Export CSV").click())
    assert exported.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    assert unsafe_cells(exported) == []
    cells = [c for row in csv.reader(io.StringIO(exported.decode("utf-8-sig"), newline="")) for c in row]
    assert "'=HYPERLINK(\"http://127.0.0.1:9/\")" in cells and "'@evil" in cells  # neutralised, not dropped
    assert "'-5 degrees" in cells  # a surface that starts with "-"
    assert b'"-2+3;=1+1 shut 30 shops, x;=1+1 said."' not in exported  # the sentence starts with "-": neutralised
    assert b'"\'-2+3;=1+1 shut 30 shops, x;=1+1 said."' in exported

    lines = _download(page, lambda: page.get_by_role("button", name="Export JSON Lines").click())
    assert len([json.loads(line) for line in lines.decode("utf-8").splitlines()]) == 22
    claims = _download(page, lambda: page.get_by_role("button", name="Export ClaimReview (1 reviewed)").click())
    assert [r["reviewRating"]["alternateName"] for r in json.loads(claims)] == ["Inaccurate"]

    grid = page.locator("[data-testid='stDataFrame']").first
    grid.scroll_into_view_if_needed()
    grid.hover()
    toolbar_button = page.get_by_role("button", name="Download as CSV")
    toolbar_button.wait_for(timeout=10_000)
    page.screenshot(path=str(ARTIFACTS / "grid-toolbar-download.png"))
    from_grid = _download(page, toolbar_button.click)
    assert unsafe_cells(from_grid) == []
    grid_cells = [c for row in csv.reader(io.StringIO(from_grid.decode("utf-8-sig"), newline="")) for c in row]
    assert "'=HYPERLINK(\"http://127.0.0.1:9/x\",\"open\") costs 40 dollars, said @Boss." in grid_cells
