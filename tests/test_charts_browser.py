"""The charts as a reader sees them, in headless Chromium at 1440x900: the claim-and-evidence chart
with 2, 3, 9 and 30 rows and the source chart with 134 sources have no overlapping labels and no
clipped title, and the evidence table fits its column (no sideways scrolling). Screenshots go to
test-artifacts/ for a person to look at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from app_server import CHROMIUM, CHROMIUM_ARGS, running_dashboard
from conftest import ROOT, require_browser

ARTIFACTS = Path(os.environ.get("FIGCHECK_ARTIFACTS", ROOT / "test-artifacts"))
GALLERY = ROOT / "tests" / "fixtures" / "chart_gallery.py"

# For every chart on the page: visible axis labels that overlap another, and whether its title and
# its drawing lie wholly inside the element Streamlit gives it.
MEASURE = """() => Array.from(document.querySelectorAll("[data-testid='stVegaLiteChart']")).map(chart => {
  const box = chart.getBoundingClientRect();
  const svg = chart.querySelector("svg").getBoundingClientRect();
  // 4 px of slack: a text's box is its font's line box, a little taller than its glyphs.
  const inside = r => r.left >= box.left - 4 && r.right <= box.right + 4 && r.top >= box.top - 4
                      && r.bottom <= box.bottom + 4;
  const labels = Array.from(chart.querySelectorAll(".role-axis-label text"))
    .filter(t => t.getAttribute("opacity") !== "0" && t.textContent.trim() !== "")
    .map(t => ({text: t.textContent, r: t.getBoundingClientRect()}));
  const overlapping = [];
  for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) {
    const a = labels[i].r, b = labels[j].r;
    const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    if (w > 1 && h > 1) overlapping.push([labels[i].text, labels[j].text]);
  }
  const titles = Array.from(chart.querySelectorAll(".role-title-text")).map(t => t.getBoundingClientRect());
  return {labels: labels.length, overlapping, titles: titles.length, titlesInside: titles.every(inside),
          drawingInside: inside(svg)};
})"""


@pytest.fixture(scope="module")
def page_and_url():
    require_browser()
    from playwright.sync_api import sync_playwright

    with running_dashboard(GALLERY) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        yield page, url
        browser.close()


def _charts(page, url: str, query: str, expected: int) -> list[dict]:
    page.goto(f"{url}/?{query}")
    page.wait_for_function(
        f"() => document.querySelectorAll(\"[data-testid='stVegaLiteChart'] svg .role-axis-label\").length >= "
        f"{expected}", timeout=60_000)
    page.wait_for_timeout(500)  # let Vega finish its label layout
    return page.evaluate(MEASURE)


@pytest.mark.parametrize("rows", [2, 3, 9, 30])
def test_the_claim_and_evidence_chart_is_legible_at_any_length(page_and_url, rows):
    page, url = page_and_url
    [chart] = _charts(page, url, f"rows={rows}", 2)
    assert chart["labels"] >= rows  # every row labelled
    assert chart["overlapping"] == []
    assert chart["titles"] == 1 and chart["titlesInside"] and chart["drawingInside"]
    table = page.evaluate("""() => { const t = document.querySelector('table.figcheck-evidence');
        const c = t.closest("[data-testid='stColumn']");
        return {table: t.getBoundingClientRect().width, column: c.getBoundingClientRect().width,
                scroll: t.parentElement.scrollWidth - t.parentElement.clientWidth}; }""")
    assert table["table"] <= table["column"] + 1 and table["scroll"] <= 0  # no sideways scrolling
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.get_by_text("Figure detail").evaluate("e => e.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(ARTIFACTS / f"evidence-{rows}-rows.png"))


def test_the_source_chart_with_134_sources_folds_the_rest_and_keeps_labels_apart(page_and_url):
    page, url = page_and_url
    charts = _charts(page, url, "sources=134", 4)
    for chart in charts:
        assert chart["overlapping"] == []
        assert chart["titlesInside"] and chart["drawingInside"]
    svg = page.locator("[data-testid='stVegaLiteChart']").first
    labels = svg.locator(".role-axis-label text").all_text_contents()
    assert "(all others)" in labels and "(stated by the article)" in labels
    assert "Named source 012 with a longish name" not in labels  # folded: only the top 12 by name
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "sources-134-and-timeline.png"))
