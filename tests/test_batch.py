"""Batch extraction: local and Dask engines agree, output streams in chunks, a store run resumes."""

import io
import signal
import subprocess
import sys
import time
from concurrent.futures import Future

import pandas as pd
import pytest
from conftest import ROOT, SHARED
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.cli import main
from extract.documents.loaders import Document, load_path
from extract.engine.extraction import figures_frame
from extract.workspace.batch import DaskEngine, LocalEngine, TableFileSink, _ordered, run_batch
from extract.workspace.export import encode
from extract.workspace.store_writer import DigestIndex, StoreError, StoreWriter

BBC = SHARED / "corpora" / "bbc-news.jsonl"

# A fixture of our own: figures, a document without any, one the extractor has to think about,
# a malformed line and a record without text (two errors, reported in input order).
OWN_CORPUS = "\n".join([
    '{"id": "a1", "outlet": "Wire", "date": "2005-01-02", "text": "Sales rose 5% to $3bn, the company said."}',
    '{"id": "a2", "text": "Nothing to count here."}',
    '{broken',
    '{"id": "a3", "text": "More than 6700 civilians have been killed, according to the United Nations. It said 886 square miles were taken."}',
    '{"id": "a4"}',
    '{"id": "a5", "text": "Prices fell 2.1% in March; about 90 minutes later, shares jumped 76%."}',
]) + "\n"


def run_cli(*args, timeout=180):
    """In a fresh process: for what needs one (a Dask LocalCluster of processes, a kill)."""
    return subprocess.run([sys.executable, "-m", "extract", *args], cwd=ROOT, capture_output=True, timeout=timeout)


@pytest.fixture
def cli(capsys):
    """`python -m extract` in this process (seconds faster than a new one): exit status and stderr."""
    def run(*args):
        capsys.readouterr()
        status = main([str(a) for a in args])
        return status, capsys.readouterr().err
    return run


@pytest.fixture(scope="module")
def bbc_slice(tmp_path_factory):
    if not BBC.exists():
        pytest.skip("../shared/corpora/bbc-news.jsonl not found")
    path = tmp_path_factory.mktemp("corpus") / "bbc-slice.jsonl"
    path.write_text("\n".join(BBC.read_text(encoding="utf-8").splitlines()[::45]) + "\n", encoding="utf-8")
    return path  # 50 articles from every category


@pytest.fixture
def own_corpus(tmp_path):
    path = tmp_path / "own.jsonl"
    path.write_text(OWN_CORPUS, encoding="utf-8")
    return path


class Collect:
    def __init__(self):
        self.frames, self.documents = [], []

    def accept(self, document):
        return True

    def write_chunk(self, documents, figures):
        self.documents.extend(d.doc_id for d, _ in documents)
        self.frames.append(figures)

    def table(self):
        return pd.concat(self.frames, ignore_index=True)


def extract_with(engine, path, chunk_documents=7):
    sink = Collect()
    try:
        report = run_batch(load_path(path), engine, sink, chunk_documents=chunk_documents)
    finally:
        engine.close()
    return sink, report


def test_local_and_dask_engines_give_identical_figures(bbc_slice, own_corpus):
    for path in (bbc_slice, own_corpus):
        expected = figures_frame(d for d in load_path(path) if isinstance(d, Document))
        one, one_report = extract_with(LocalEngine(1), path)
        two, two_report = extract_with(LocalEngine(2), path)
        dask, dask_report = extract_with(DaskEngine(2, processes=False), path)
        assert len(expected) > (200 if path == bbc_slice else 5)
        for sink in (one, two, dask):
            pd.testing.assert_frame_equal(sink.table(), expected)
        assert one.documents == two.documents == dask.documents
        assert [str(e) for e in one_report.errors] == [str(e) for e in two_report.errors] == \
               [str(e) for e in dask_report.errors]
    assert [str(e) for e in dask_report.errors] == [f"{own_corpus}:3: malformed JSON (Expecting property name "
                                                    "enclosed in double quotes)", f"{own_corpus}:5: record has no 'text'"]
    assert dask_report.documents == 4 and one.documents == ["a1", "a2", "a3", "a5"]


def test_cli_dask_local_cluster_output_is_byte_identical_to_the_local_engine(own_corpus, tmp_path, cli):
    status, errors = cli("figures", own_corpus, "-o", tmp_path / "local.csv")
    dask = run_cli("figures", str(own_corpus), "-o", str(tmp_path / "dask.csv"), "--engine", "dask", "--workers", "1")
    assert status == dask.returncode == 1  # the two bad lines
    assert dask.stderr.decode("utf-8") == errors
    assert (tmp_path / "dask.csv").read_bytes() == (tmp_path / "local.csv").read_bytes()
    assert b"6700" in (tmp_path / "dask.csv").read_bytes()


def test_scheduler_needs_the_dask_engine(own_corpus, cli):
    assert cli("figures", own_corpus, "--scheduler", "tcp://127.0.0.1:9") == \
        (2, "figcheck: --scheduler needs --engine dask\n")


def test_streamed_files_equal_the_whole_table_encoded(bbc_slice):
    documents = [d for d in load_path(bbc_slice) if isinstance(d, Document)]
    expected = figures_frame(documents)
    for fmt in ("csv", "jsonl", "parquet"):
        out = io.BytesIO()
        out.close = lambda: None  # keep the bytes readable after the sink closes
        sink = TableFileSink(out, fmt, close_output=True)
        run_batch(iter(documents), LocalEngine(1), sink, chunk_documents=3)
        sink.close()
        if fmt == "parquet":
            pd.testing.assert_frame_equal(pd.read_parquet(io.BytesIO(out.getvalue())), expected)
        else:
            assert out.getvalue() == encode(expected, fmt)


def test_nothing_extracted_still_writes_a_csv_header(tmp_path, cli):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{nope\n", encoding="utf-8")
    assert cli("figures", bad, "-o", tmp_path / "out.csv")[0] == 1
    written = (tmp_path / "out.csv").read_text(encoding="utf-8")
    assert written.startswith("doc_id,figure_id,start,end,") and written.count("\n") == 1


def read_store(path):
    files = sorted((path / "figures").rglob("*.parquet"))
    return pd.concat([pd.read_parquet(f) for f in files], ignore_index=True).sort_values("figure_id",
                                                                                          ignore_index=True)


def test_a_rerun_skips_what_the_store_has_and_completes_a_partial_one(bbc_slice, tmp_path, cli):
    full = tmp_path / "full"
    assert cli("figures", bbc_slice, "-o", f"{full}/", "--chunk-size", "10")[0] == 0
    lines = bbc_slice.read_text(encoding="utf-8").splitlines(keepends=True)
    half = tmp_path / "half.jsonl"
    half.write_text("".join(lines[:20]), encoding="utf-8")
    resumed = tmp_path / "resumed"
    status, errors = cli("figures", half, "-o", f"{resumed}/", "--chunk-size", "10", "-v")
    assert errors == f"figcheck: 20 documents, {len(read_store(resumed))} figures, 0 already in the store, 0 errors\n"
    status, errors = cli("figures", bbc_slice, "-o", resumed, "-v")  # an existing directory is a store
    assert status == 0 and errors.startswith(f"figcheck: {len(lines) - 20} documents, ")
    assert errors.endswith(", 20 already in the store, 0 errors\n")
    table = read_store(resumed)
    assert not table["figure_id"].duplicated().any()
    pd.testing.assert_frame_equal(table, read_store(full))
    assert cli("figures", bbc_slice, "-o", resumed, "-v") == \
        (0, f"figcheck: 0 documents, 0 figures, {len(lines)} already in the store, 0 errors\n")


def test_a_killed_run_resumes_to_the_same_figures(bbc_slice, tmp_path, cli):
    """SIGKILL after the first chunk is committed, then rerun: same figures as one uninterrupted run."""
    big = bbc_slice
    store = tmp_path / "store"
    process = subprocess.Popen([sys.executable, "-m", "extract", "figures", str(big), "-o", f"{store}/",
                                "--chunk-size", "2"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list((store / "documents").glob("chunk-*.parquet")) and time.monotonic() < deadline:
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait()
    committed = len(list((store / "documents").glob("chunk-*.parquet")))
    assert process.returncode == -signal.SIGKILL and 1 <= committed < 25
    assert cli("figures", big, "-o", store)[0] == 0
    whole = tmp_path / "whole"
    assert cli("figures", big, "-o", f"{whole}/")[0] == 0
    pd.testing.assert_frame_equal(read_store(store), read_store(whole))


def test_uncommitted_left_overs_are_ignored_and_removed(own_corpus, tmp_path, cli):
    store = tmp_path / "store"
    assert cli("figures", own_corpus, "-o", f"{store}/")[0] == 1
    committed = read_store(store)
    # What a crash between writing a chunk's figures and its documents file leaves behind:
    orphan = store / "figures" / "chunk-00000000000aaaaaa-000001.parquet"
    committed.head(2).to_parquet(orphan)
    (store / "documents" / "chunk-00000000000aaaaaa-000001.parquet.tmp").write_bytes(b"half")
    from extract.workspace.store_queries import open_store, summary

    opened = open_store(store)
    assert summary(opened).figures == len(committed)
    opened.close()
    writer = StoreWriter(store)
    writer.close()
    assert not orphan.exists() and not list(store.rglob("*.tmp"))
    pd.testing.assert_frame_equal(read_store(store), committed)


def test_store_paths_that_cannot_be_used(tmp_path, own_corpus, cli):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "todo.txt").write_text("x", encoding="utf-8")
    assert cli("figures", own_corpus, "-o", tmp_path / "notes") == (1, (
        f"figcheck: {tmp_path / 'notes'}: not a figcheck store (no figures/ and documents/ folders) and not empty; "
        "choose a new or empty directory\n"))
    assert cli("figures", own_corpus, "--format", "store") == (1, "figcheck: a store is a directory: name it with -o DIR\n")
    writer = StoreWriter(tmp_path / "busy")
    with pytest.raises(StoreError, match="another run is writing to this store"):
        StoreWriter(tmp_path / "busy")
    writer.close()


def test_partitioned_store_has_one_folder_per_month_and_the_same_figures(tmp_path, cli):
    corpus = tmp_path / "dated.jsonl"
    corpus.write_text('{"id": "m1", "date": "2005-01-02", "text": "Sales rose 5%."}\n'
                      '{"id": "m2", "date": "2005-02-03", "text": "Costs fell 2%."}\n'
                      '{"id": "m3", "text": "Profit hit $3bn."}\n', encoding="utf-8")
    assert cli("figures", corpus, "-o", f"{tmp_path / 'flat'}/")[0] == 0
    assert cli("figures", corpus, "-o", f"{tmp_path / 'parts'}/", "--partition-by", "month")[0] == 0
    assert sorted(p.name for p in (tmp_path / "parts" / "figures").iterdir()) == \
        ["month=2005-01", "month=2005-02", "month=unknown"]
    pd.testing.assert_frame_equal(read_store(tmp_path / "parts"), read_store(tmp_path / "flat"))


def test_progress_bar_only_when_asked_or_on_a_terminal(own_corpus, tmp_path, cli):
    status, quiet = cli("figures", own_corpus, "-o", tmp_path / "a.csv")
    assert "docs" not in quiet and quiet.count("\n") == 2  # just the two bad lines
    status, shown = cli("figures", own_corpus, "-o", tmp_path / "b.csv", "--progress")
    bar = shown.replace("\r", "\n")
    assert "docs/s" in bar and "figcheck: 4 docs" in bar


class FailingEngine(LocalEngine):
    """Every task fails the way a worker that died would: its future raises."""

    def map_batches(self, batches):
        def submit(batch):
            future = Future()
            future.set_exception(RuntimeError("worker lost"))
            return future
        return _ordered(submit, batches, 2, "a test worker")


def test_a_failing_worker_fails_its_documents_not_the_run(own_corpus):
    sink = Collect()
    report = run_batch(load_path(own_corpus), FailingEngine(1), sink)
    messages = [str(e) for e in report.errors]
    assert messages[0] == f"{own_corpus}:1: extraction failed on a test worker: RuntimeError: worker lost"
    assert len(messages) == 6 and messages[2].startswith(f"{own_corpus}:3: malformed JSON")
    assert sink.frames == [] and report.documents == 0


class EagerlyMergingIndex(DigestIndex):
    _PENDING_LIMIT = 7  # merge often, so that the sorted arrays are exercised


@settings(max_examples=60, deadline=None)
@given(st.lists(st.binary(min_size=16, max_size=16), max_size=300), st.lists(st.binary(min_size=16, max_size=16),
                                                                              max_size=50))
def test_digest_index_is_a_set(added, probes):
    index = EagerlyMergingIndex(added[: len(added) // 2])
    for digest in added[len(added) // 2:]:
        index.add(digest)
    for digest in added + probes:
        assert (digest in index) == (digest in set(added))
    assert len(index) >= len(set(added))
