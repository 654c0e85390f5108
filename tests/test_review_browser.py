"""The review form and trail in headless Chromium: a figure decided twice, by two reviewers, opens
on the latest decision and lists both, escaped. Screenshot in test-artifacts/."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from app_server import CHROMIUM, CHROMIUM_ARGS, running_dashboard
from conftest import ROOT, SAMPLE, require_browser

from extract import document_from_text, figures
from extract.checks.crosscheck import check_figures
from extract.checks.reference_data import load_reference
from extract.workspace.reviews import merge_decisions, save_decision

ARTIFACTS = Path(os.environ.get("FIGCHECK_ARTIFACTS", ROOT / "test-artifacts"))


def test_the_form_opens_on_the_latest_decision_and_the_trail_names_who_decided(tmp_path):
    require_browser()
    from playwright.sync_api import sync_playwright

    db = tmp_path / "reviews.sqlite"
    sample = document_from_text(SAMPLE.read_text(encoding="utf-8"), origin=str(SAMPLE))
    reference, _ = load_reference()
    row = merge_decisions(check_figures(figures(sample), reference), db).set_index("surface").loc["$60 a barrel"]
    for hour, verdict, note, reviewer in ((9, "consistent", "Matches the G7 cap.", "Ada Byron"),
                                          (11, "conflict", "Lowered to $47.60 in 2025: <b>stale</b>.",
                                           "Grace Hopper")):
        save_decision(row["review_key"], verdict, note, reviewer=reviewer, db_path=db, doc_id=row["doc_id"],
                      sentence=row["sentence"], surface="$60 a barrel", engine_verdict=row["verdict"],
                      reviewed_at=datetime(2025, 8, 7, hour, tzinfo=UTC))
    with running_dashboard(env={"FIGCHECK_REVIEWS_DB": str(db),
                                 "FIGCHECK_WORKSPACE": str(tmp_path / "workspace")}) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.goto(f"{url}/?q=barrel")
        page.wait_for_selector("[data-testid='stDataFrame'] table [role='row'] td", state="attached", timeout=60_000)
        grid = page.locator("[data-testid='stDataFrame']").first
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 16, box["y"] + 35 + 17)  # the first (only) row's checkbox
        page.get_by_text("Review trail").wait_for(timeout=30_000)
        trail = page.locator("ol").filter(has_text="Grace Hopper").inner_text()
        assert trail.splitlines() == [
            "2025-08-07 09:00:00 UTC · Ada Byron · consistent (accepts the engine's verdict)"
            " · “Matches the G7 cap.”",
            "2025-08-07 11:00:00 UTC · Grace Hopper · conflict (overrides consistent)"
            " · “Lowered to $47.60 in 2025: <b>stale</b>.”",
        ]
        checked = page.locator("[data-testid='stRadio'] input:checked")
        assert checked.evaluate("e => e.closest('label').innerText") == "conflict"
        assert page.get_by_label("Note").input_value() == "Lowered to $47.60 in 2025: <b>stale</b>."
        assert page.get_by_label("Your name (recorded with each decision)").count() == 1
        page.locator("table.figcheck-evidence").wait_for(timeout=30_000)  # the whole detail is drawn
        page.wait_for_timeout(1000)
        page.get_by_text("Figure detail").evaluate("e => e.scrollIntoView({block: 'start'})")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "review-trail.png"))
        browser.close()
