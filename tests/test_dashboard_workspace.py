"""A workspace built by the CLI from BBC articles opens in the dashboard like an upload: verdicts,
the review form and the article view; its filtered views give the rows the CLI's export gives."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pandas as pd
import pytest
from conftest import ROOT, SHARED
from streamlit.testing.v1 import AppTest

from extract.workspace.store_writer import committed_parts

BBC = SHARED / "corpora" / "bbc-news.jsonl"
# Articles kept out of all development work (see the developers' guide): never in a test corpus.
RESERVED = {"bbc-business-030", "bbc-business-072", "bbc-business-300", "bbc-business-390", "bbc-business-495",
            "bbc-entertainment-051", "bbc-entertainment-106", "bbc-entertainment-121", "bbc-entertainment-333",
            "bbc-entertainment-381", "bbc-politics-047", "bbc-politics-154", "bbc-politics-171", "bbc-politics-179",
            "bbc-politics-372", "bbc-sport-001", "bbc-sport-087", "bbc-sport-160", "bbc-sport-340", "bbc-sport-453",
            "bbc-tech-328", "bbc-tech-337", "bbc-tech-340", "bbc-tech-346", "bbc-tech-377"}
EVERY_NTH = 11  # ~200 articles: enough sources and verdicts to filter, quick enough to cross-check in a test


def build_bbc_workspace(folder):
    """A workspace the CLI builds from every EVERY_NTH BBC article (the reserved ones left out):
    its path and how many articles it holds. Skips where ../shared is absent."""
    if not BBC.exists():
        pytest.skip("../shared/corpora/bbc-news.jsonl not found")
    records = [line for line in BBC.read_text(encoding="utf-8").splitlines()[::EVERY_NTH]
               if json.loads(line)["id"] not in RESERVED]
    corpus = folder / "slice.jsonl"
    corpus.write_text("\n".join(records) + "\n", encoding="utf-8")
    path = folder / "workspace"
    subprocess.run([sys.executable, "-m", "extract", "figures", str(corpus), "--workspace", str(path),
                    "--workers", "2"], cwd=ROOT, check=True, timeout=900)
    return path, len(records)


@pytest.fixture(scope="module")
def cli_workspace(tmp_path_factory):
    return build_bbc_workspace(tmp_path_factory.mktemp("bbc"))


def _cli_export(path, *flags: str) -> bytes:
    return subprocess.run([sys.executable, "-m", "extract", "export", "--workspace", str(path), *flags],
                          cwd=ROOT, check=True, capture_output=True, timeout=300).stdout


def _app(path, monkeypatch, **query) -> AppTest:
    monkeypatch.setenv("FIGCHECK_WORKSPACE", str(path))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def test_a_cli_built_workspace_opens_with_verdicts_review_form_and_article_view(cli_workspace, monkeypatch):
    path, articles = cli_workspace
    at = _app(path, monkeypatch, verdict="consistent")
    assert not at.exception and not at.error
    cli = pd.read_csv(io.BytesIO(_cli_export(path, "--verdict", "consistent")), keep_default_na=False)
    assert len(cli) > 0 and set(cli["verdict"]) == {"consistent"} and set(cli["check"]) <= {
        "reference", "corpus", "arithmetic"}
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Figures"] == f"{len(cli):,}"
    assert f"{articles:,} articles in the workspace" in at.caption[1].value
    table = at.dataframe[0].value
    assert table["surface"].tolist() == cli["surface"].tolist()[:100]
    # An arithmetic pass says what it is ("✓ adds up", "✓ within its total"); every other pass is "✓ consistent".
    assert all(v.startswith("✓ consistent") if by != "own arithmetic" else v.startswith("✓ ") and "consistent" not in v
               for v, by in zip(table["verdict"], table["checked by"], strict=True))
    at.session_state[at.dataframe[0].key] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert "Figure detail" in [h.value for h in at.subheader]
    assert any(b.label == "Save decision" for b in at.button)  # the review form
    article = [h.proto.body for h in at.get("html")][-1]
    assert article.count('class="selected"') == 1 and cli["surface"].iat[0] in article


@pytest.mark.parametrize(("query", "flags"), [
    ({"kind": "percent", "q": "profit"}, ["--kind", "percent", "--search", "profit"]),
    ({"source": "(stated by the article)", "min": "1000"}, ["--source", "(stated by the article)", "--min", "1000"]),
    ({"verdict": "unverified", "kind": "currency"}, ["--verdict", "unverified", "--kind", "currency"]),
])
def test_dashboard_pages_give_the_rows_of_the_cli_export_with_the_same_filter(cli_workspace, monkeypatch, query,
                                                                               flags):
    path, _ = cli_workspace
    cli = pd.read_csv(io.BytesIO(_cli_export(path, *flags)), keep_default_na=False)
    at = _app(path, monkeypatch, **query)
    assert {m.label: m.value for m in at.metric}["Figures"] == f"{len(cli):,}"
    shown = at.dataframe[0].value["surface"].tolist()
    if len(cli) > 100:
        at.number_input(key="page").set_value(2).run()
        shown += at.dataframe[0].value["surface"].tolist()
    assert shown == cli["surface"].tolist()[:len(shown)] and len(shown) == min(len(cli), 200)


def test_the_workspace_keeps_its_checks_and_the_cli_export_streams_from_disk(cli_workspace):
    path, articles = cli_workspace
    assert len(list((path / "checks").glob("verdicts-*.parquet"))) == 1
    assert sum(1 for _ in committed_parts(path)[1]) >= 1
    everything = _cli_export(path, "--format", "jsonl").decode("utf-8").splitlines()
    assert {json.loads(line)["doc_id"] for line in everything} <= {
        json.loads(line)["id"] for line in BBC.read_text(encoding="utf-8").splitlines()}
