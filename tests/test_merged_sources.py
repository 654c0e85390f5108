"""One source is one entry everywhere: "ONS" and "Office for National Statistics", "TimeWarner" and
"Time Warner" are merged (extract.checks.source_names), the merged names are stored with the
workspace's checks, and the Source filter, its options, the source counts and chart, the dashboard
and `python -m extract export --source` all take the merged name, in SQL."""

import subprocess
import sys

import pandas as pd
import pytest
from conftest import ROOT
from streamlit.testing.v1 import AppTest

from extract.documents.loaders import document_from_text
from extract.workspace import store_queries as queries
from extract.workspace.filters import Filters
from extract.workspace.workspace import (
    add_documents,
    add_reference_file,
    open_checked_store,
    open_workspace,
    source_names_path,
    state,
)

ONS = "Office for National Statistics"
ARTICLES = [
    ("ons-short", "Unemployment rose to 4.5% in the three months to September, according to the ONS."),
    ("ons-long", "Inflation fell to 3.4% in October, the Office for National Statistics said."),
    ("tw-joined", "Profits rose 5% to $1.2bn, TimeWarner said."),
    ("tw-spaced", "Sales jumped 12%, according to Time Warner."),
]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    workspace = open_workspace(tmp_path_factory.mktemp("merged") / "workspace")
    report = add_documents(workspace, [document_from_text(text, doc_id=doc_id, title=doc_id)
                                       for doc_id, text in ARTICLES], how="paste")
    assert not report.errors
    return workspace


def _ids(frame: pd.DataFrame) -> list[str]:
    return sorted(frame["doc_id"].unique())


def test_the_store_lists_filters_counts_and_charts_one_name_per_source(workspace):
    store = open_checked_store(workspace)
    names = pd.read_parquet(source_names_path(workspace, state(workspace)))
    assert dict(zip(names["source"], names["merged"], strict=True)) == {
        "ONS": ONS, ONS: ONS, "TimeWarner": "Time Warner", "Time Warner": "Time Warner"}
    options = queries.filter_options(store)
    assert options.sources == [ONS, "Time Warner"]
    assert queries.summary(store).sources == 2
    office = Filters(sources=(ONS,))
    assert _ids(queries.export_frame(store, office)) == ["ons-long", "ons-short"]
    assert queries.export_frame(store, office)["source"].tolist() == [ONS, "ONS"]  # the figure as written
    assert _ids(queries.figures_page(store, Filters(sources=("Time Warner",)))) == ["tw-joined", "tw-spaced"]
    assert queries.export_frame(store, Filters(sources=("ONS",))).empty  # a spelling is no entry of its own
    assert queries.unmatched_values(Filters(sources=("ONS",)), options) == {"sources": ["ONS"]}
    counts = queries.source_verdict_counts(store).groupby("source")["figures"].sum().to_dict()
    assert counts == {ONS: 2, "Time Warner": 3}
    assert queries.figures_by_source(store).set_index("source")["figures"].to_dict() == {"Time Warner": 3, ONS: 2}
    on_disk = open_checked_store(workspace, in_memory=False)
    pd.testing.assert_frame_equal(queries.export_frame(on_disk, office), queries.export_frame(store, office))
    on_disk.close()
    store.close()


def test_a_reference_publisher_names_an_acronym_no_article_spells_out(tmp_path):
    workspace = open_workspace(tmp_path / "workspace")
    add_documents(workspace, [document_from_text(ARTICLES[0][1], doc_id="ons-short")], how="paste")
    assert queries.filter_options(open_checked_store(workspace)).sources == ["ONS"]
    reference = ("id,measure,entity,value,low,high,unit,period_start,period_end,geography,source,url,published\n"
                 "ons-unemployment,unemployment rate,people,4.5,,,%,2025-07-01,2025-09-30,United Kingdom,"
                 f"{ONS},https://www.ons.gov.uk/,2025-10\n")
    add_reference_file(workspace, "ons.csv", reference.encode())
    store = open_checked_store(workspace)  # a new state: checked again, the publishers merged in
    assert queries.filter_options(store).sources == [ONS]
    assert len(queries.export_frame(store, Filters(sources=(ONS,)))) == 1


def test_a_store_opened_alone_merges_its_own_names(workspace):
    store = queries.open_store(workspace.path)  # no stored names: merged when it opens
    assert queries.filter_options(store).sources == [ONS, "Time Warner"]
    store.close()


def test_the_cli_export_with_the_merged_source_gives_the_store_rows(workspace):
    office = Filters(sources=(ONS,))
    store = open_checked_store(workspace)
    expected = queries.export_bytes(store, office, "jsonl")
    store.close()
    cli = subprocess.run([sys.executable, "-m", "extract", "export", "--workspace", str(workspace.path),
                          "--source", ONS, "--format", "jsonl"], cwd=ROOT, check=True, capture_output=True,
                         timeout=300).stdout
    assert cli == expected and cli.count(b"\n") == 2


def test_the_dashboard_source_filter_shows_one_entry_and_both_spellings_figures(workspace, monkeypatch):
    monkeypatch.setenv("FIGCHECK_WORKSPACE", str(workspace.path))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    assert not at.exception
    source = at.multiselect(key="source")
    assert source.options == [ONS, "Time Warner"]
    assert {m.label: m.value for m in at.metric}["Sources"] == "2"
    source.select(ONS).run()
    assert sorted(at.dataframe[0].value["surface"]) == ["3.4%", "4.5%"]
    chart = next(c for c in at.get("vega_lite_chart") if "source_pick" in c.proto.spec)
    assert '"ONS"' not in chart.proto.spec  # one bar for the Office, whichever way it was written
    linked = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    linked.query_params["source"] = ONS
    linked.run()
    assert sorted(linked.dataframe[0].value["surface"]) == ["3.4%", "4.5%"]


def test_a_link_naming_a_source_as_written_opens_the_merged_source(workspace, monkeypatch):
    monkeypatch.setenv("FIGCHECK_WORKSPACE", str(workspace.path))
    store = open_checked_store(workspace)
    assert queries.merged_source_labels(store, ["ONS", ONS, "Nobody"]) == {"ONS": ONS}
    linked = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    linked.query_params["source"] = "ONS"
    linked.run()
    assert not linked.exception
    assert linked.multiselect(key="source").value == [ONS]
    assert sorted(linked.dataframe[0].value["surface"]) == ["3.4%", "4.5%"]
    assert not [w for w in linked.warning if "no figure" in w.value]
