"""A workspace keeps every committed article: added by hand, by the CLI, by several writers at once,
and after a writer is killed; removing an article hides it everywhere and can be undone by re-adding."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import ROOT

from extract.documents.loaders import document_from_text
from extract.engine.table_schema import COLUMNS
from extract.workspace import store_queries as queries
from extract.workspace.filters import Filters
from extract.workspace.reviews import REVIEW_COLUMNS, SECOND_LOOK, review_key, review_keys, save_decision
from extract.workspace.store_writer import committed_parts
from extract.workspace.workspace import (
    WorkspaceError,
    add_documents,
    add_reference_file,
    decisions_frame,
    ensure_checks,
    open_checked_store,
    open_workspace,
    remove_article,
    removed_articles,
    state,
)


def _article(number: int, who: str = "writer") -> str:
    return f"Widget sales at plant {number} rose {number % 90 + 1}% in May, the {who.title()} Council said."


def _corpus(path: Path, count: int, prefix: str) -> Path:
    path.write_text("".join(json.dumps({"id": f"{prefix}-{n:04d}", "text": _article(n, prefix)}) + "\n"
                            for n in range(count)), encoding="utf-8")
    return path


def _doc_ids(workspace_path: Path) -> list[str]:
    store = open_checked_store(open_workspace(workspace_path))
    ids = [row[0] for row in store.query("SELECT doc_id FROM documents ORDER BY doc_id").fetchall()]
    store.close()
    return ids


def test_added_articles_are_stored_with_text_figures_and_verdicts(tmp_path):
    workspace = open_workspace(tmp_path / "ws")
    text = "Cod stocks fell by a third, according to the Marine Institute."
    report = add_documents(workspace, [document_from_text(text, origin="pasted", title="Fish", outlet="Coast Post",
                                                          date="2025-03-02")], how="paste")
    assert len(report.added) == 1 and report.errors == [] and report.already == []
    doc_id = report.added[0]
    again = add_documents(workspace, [document_from_text(text, origin="pasted", title="Fish", outlet="Coast Post",
                                                         date="2025-03-02")], how="paste")
    assert again.added == [] and again.already == [doc_id]
    clash = add_documents(workspace, [document_from_text("Other text, 5 boats.", doc_id=doc_id)], how="paste")
    assert clash.added == [] and clash.errors == [
        f"text: article id '{doc_id}' is already used by pasted; this article is skipped"]

    store = open_checked_store(workspace)
    row = queries.figures_page(store).iloc[0]
    assert (row["surface"], row["source"], row["doc_outlet"], row["doc_date"]) == (
        "a third", "Marine Institute", "Coast Post", "2025-03-02")
    assert row["verdict"] == "unverified" and len(row["review_key"]) == 32
    assert queries.article_text(store, doc_id) == text


def test_removing_hides_an_article_everywhere_and_re_adding_brings_it_back(tmp_path):
    workspace = open_workspace(tmp_path / "ws")
    texts = ["Bread cost 20% more in June, the Bakers Guild said.", "Some 40 ferries were cancelled on Monday."]
    ids = add_documents(workspace, [document_from_text(t, origin=f"t{n}") for n, t in enumerate(texts)],
                        how="upload").added
    before = state(workspace)
    remove_article(workspace, ids[0], title="Bread", review_keys=["k1", "k2"])
    assert state(workspace) != before
    store = open_checked_store(workspace)
    assert queries.summary(store).articles_in_store == 1
    assert queries.figures_page(store)["surface"].tolist() == ["Some 40"]
    assert queries.filter_options(store).sources == ["(stated by the article)"]
    assert queries.article_text(store, ids[0]) is None
    assert removed_articles(workspace)[["doc_id", "title", "review_keys"]].values.tolist() == [
        [ids[0], "Bread", ["k1", "k2"]]]
    assert add_documents(workspace, [document_from_text(texts[0], origin="t0")], how="upload").added == [ids[0]]
    store = open_checked_store(workspace)
    assert sorted(queries.figures_page(store)["surface"]) == ["20%", "Some 40"]
    assert removed_articles(workspace).empty


def test_verdicts_are_stored_once_per_state_and_follow_new_reference_data(tmp_path):
    workspace = open_workspace(tmp_path / "ws")
    add_documents(workspace, [document_from_text("The shadow fleet counted 135 tankers, Kyiv School of Economics "
                                                 "said.", origin="fleet")], how="paste")
    verdicts, _ = ensure_checks(workspace)
    assert ensure_checks(workspace)[0] == verdicts and verdicts.stat().st_size > 0
    add_reference_file(workspace, "../../etc/ref.csv",
                       b"id,measure,entity,value,low,high,unit,period_start,period_end,geography,source,url,published\n"
                       b"fleet,tankers,tankers,400,,,tanker,,,,KSE Institute,https://kse.ua/,2025-06-01\n")
    assert [p.name.split("-", 1)[1] for p in (workspace.path / "reference").iterdir()] == ["ref.csv"]
    new_verdicts, _ = ensure_checks(workspace)
    assert new_verdicts != verdicts and not verdicts.exists()
    store = open_checked_store(workspace)
    store.use_decisions(decisions_frame(workspace))
    assert queries.figures_page(store, Filters(verdicts=("conflict",)))["surface"].tolist() == ["135"]


def _run_python(code: str, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})


SESSION = """
import sys
from extract.documents.loaders import document_from_text
from extract.engine.table_schema import COLUMNS
from extract.workspace.workspace import add_documents, open_workspace
workspace = open_workspace(sys.argv[1])
for n in range(int(sys.argv[3])):
    text = f"Session {sys.argv[2]} article {n}: ticket sales rose {n + 1}% in June, the Rail Board said."
    report = add_documents(workspace, [document_from_text(text, origin=f"{sys.argv[2]}-{n}")], how="paste")
    assert len(report.added) == 1, report
"""


def test_two_sessions_and_a_cli_ingest_at_once_lose_nothing(tmp_path):
    path = tmp_path / "ws"
    open_workspace(path)
    corpus = _corpus(tmp_path / "corpus.jsonl", 60, "wire")
    writers = [_run_python(SESSION, str(path), name, "15") for name in ("alice", "bob")]
    cli = subprocess.Popen([sys.executable, "-m", "extract", "figures", str(corpus), "--workspace", str(path),
                            "--chunk-size", "10"], cwd=ROOT, stderr=subprocess.PIPE)
    for process in [*writers, cli]:
        _, errors = process.communicate(timeout=300)
        assert process.returncode == 0, errors.decode()
    ids = _doc_ids(path)
    assert len(ids) == 90 == len(set(ids))
    assert sum(1 for i in ids if i.startswith("wire-")) == 60


def test_a_writer_killed_with_sigkill_leaves_every_committed_article(tmp_path, monkeypatch):
    # 3,000 near-identical articles would make the cross-check the test's slowest part; it is not what is tested.
    monkeypatch.setenv("FIGCHECK_CROSS_CHECK_LIMIT", "0")
    path = tmp_path / "ws"
    open_workspace(path)
    corpus = _corpus(tmp_path / "corpus.jsonl", 3000, "big")
    cli = subprocess.Popen([sys.executable, "-m", "extract", "figures", str(corpus), "--workspace", str(path),
                            "--chunk-size", "20"], cwd=ROOT, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len(committed_parts(path)[1]) < 3:
        assert cli.poll() is None and time.monotonic() < deadline, "the ingest ended before it could be killed"
        time.sleep(0.05)
    os.kill(cli.pid, signal.SIGKILL)
    cli.wait()
    committed = sum(pq.ParquetFile(part).metadata.num_rows for part in committed_parts(path)[1])
    ids = _doc_ids(path)
    assert len(ids) == committed >= 60 and ids == [f"big-{n:04d}" for n in range(len(ids))]
    store = open_checked_store(open_workspace(path))
    counted = sum(sum(pq.read_table(part, columns=["figures"]).column("figures").to_pylist())
                  for part in committed_parts(path)[1])
    got = queries.summary(store)
    assert (got.articles, got.figures) == (len(ids), counted) and counted >= len(ids)
    # The next run resumes: the rest is added, nothing twice.
    subprocess.run([sys.executable, "-m", "extract", "figures", str(corpus), "--workspace", str(path)], cwd=ROOT,
                   check=True, stderr=subprocess.DEVNULL, timeout=600)
    assert len(_doc_ids(path)) == 3000


@pytest.mark.parametrize("flag", ["--source", "--kind"])
def test_cli_export_filters_as_the_dashboard_does(tmp_path, flag):
    path = tmp_path / "ws"
    corpus = _corpus(tmp_path / "corpus.jsonl", 12, "rail")
    subprocess.run([sys.executable, "-m", "extract", "figures", str(corpus), "--workspace", str(path)], cwd=ROOT,
                   check=True, timeout=300)
    value = {"--source": "Rail Council", "--kind": "percent"}[flag]
    out = tmp_path / "out.csv"
    subprocess.run([sys.executable, "-m", "extract", "export", "--workspace", str(path), flag, value,
                    "--search", " plant 1", "-o", str(out)], cwd=ROOT, check=True, timeout=300)
    store = open_checked_store(open_workspace(path))
    store.use_decisions(decisions_frame(open_workspace(path)))
    chosen = Filters(sources=(value,)) if flag == "--source" else Filters(dimensions=(value,))
    expected = queries.export_bytes(store, Filters(**{**chosen.__dict__, "text": "plant 1"}), "csv")
    assert out.read_bytes() == expected
    # Plants 1, 10 and 11: their percentages, and with --source also the plant numbers the Council states.
    assert expected.decode().count("\r\n") == 1 + {"--source": 6, "--kind": 3}[flag]


def test_beyond_the_cross_check_limit_verdicts_say_so_and_review_keys_match(tmp_path, monkeypatch):
    workspace = open_workspace(tmp_path / "ws")
    texts = ["Bread cost 20% more in June, the Bakers Guild said.", "Some 40 ferries were cancelled on Monday."]
    add_documents(workspace, [document_from_text(t, origin=f"t{n}") for n, t in enumerate(texts)], how="upload")
    checked = open_checked_store(workspace)
    expected = queries.figures_page(checked, columns=["figure_id", "review_key"])
    monkeypatch.setenv("FIGCHECK_CROSS_CHECK_LIMIT", "1")
    remove_article(workspace, "nobody")  # a new state, so the checks are stored again
    store = open_checked_store(workspace)
    rows = queries.figures_page(store, columns=["figure_id", "verdict", "verdict_reason", "review_key"])
    assert rows["review_key"].tolist() == expected["review_key"].tolist() and all(rows["review_key"])
    assert set(rows["verdict"]) == {"unverified"}
    assert rows["verdict_reason"].iat[0] == ("not cross-checked: the workspace holds 2 figures, more than the app "
                                             "checks (1; set FIGCHECK_CROSS_CHECK_LIMIT)")


def test_a_directory_holding_only_the_log_becomes_a_workspace_and_a_foreign_one_is_refused(tmp_path):
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "figcheck.log").write_text("2026-11-30 INFO extract: started\n")
    workspace = open_workspace(tmp_path / "ws")
    assert (workspace.path / "figures").is_dir() and (workspace.path / "catalogue.sqlite").exists()
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "todo.txt").write_text("buy milk")
    with pytest.raises(WorkspaceError, match="not a figcheck store"):
        open_workspace(tmp_path / "notes")


def test_stored_review_keys_are_the_review_module_keys_in_both_paths(tmp_path, monkeypatch):
    workspace = open_workspace(tmp_path / "ws")
    text = "Bread cost 20% more in June and 20% more in July, the Bakers Guild said. Some 40 ferries sailed."
    add_documents(workspace, [document_from_text(text, origin="bread")], how="upload")
    figures = queries.figures_page(open_checked_store(workspace), columns=[*COLUMNS, "review_key"])
    expected = review_keys(figures).tolist()
    assert figures["review_key"].tolist() == expected and len(set(expected)) == len(expected)  # two "20%"s
    monkeypatch.setenv("FIGCHECK_CROSS_CHECK_LIMIT", "1")
    remove_article(workspace, "nobody")  # a new state: keys computed in DuckDB (review_key_sql)
    in_sql = queries.figures_page(open_checked_store(workspace), columns=[*COLUMNS, "review_key"])
    assert in_sql["review_key"].tolist() == expected


def test_a_decision_on_an_edited_sentence_needs_a_second_look_in_the_store(tmp_path):
    workspace = open_workspace(tmp_path / "ws")
    text = "Bread cost 20% more in June, the Bakers Guild said."
    add_documents(workspace, [document_from_text(text, origin="bread")], how="upload")
    store = open_checked_store(workspace)
    row = queries.figures_page(store, columns=[*COLUMNS, "review_key", "verdict"]).iloc[0]
    before = "Bread cost 20% more in May, the Bakers Guild said."  # the sentence as it read when decided
    save_decision(review_key(row["doc_id"], before, row["surface"]), "conflict", "Guild says 18%.", reviewer="Ada",
                  db_path=workspace.reviews_db, doc_id=row["doc_id"], sentence=before, surface=row["surface"],
                  engine_verdict=row["verdict"])
    decisions = decisions_frame(workspace, store)
    placed = decisions[decisions["status"] == SECOND_LOOK]
    assert placed["key"].tolist() == [row["review_key"]] and placed["reviewer"].tolist() == ["Ada"]
    store.use_decisions(decisions)
    shown = queries.figures_page(store, columns=["review_key", *REVIEW_COLUMNS]).iloc[0]
    assert (shown["review_status"], shown["reviewer_verdict"], shown["reviewed_by"], shown["reviewer_note"]) == (
        SECOND_LOOK, "", "Ada", "Guild says 18%.")  # the engine's verdict stands until someone decides again
    assert decisions_frame(workspace)["status"].tolist() == ["reviewed"]  # without the store: no placement
