"""Runs that stop cleanly and writes that check their result: SIGTERM and SIGKILL of a
`--workers 2` store run leave no worker behind and a store the next run resumes to the end;
the store's lock never follows a symbolic link; a full disk is an error with a non-zero exit,
buffered or not; a document over its time budget is reported and skipped."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT

from extract.documents.loaders import Document, LoadError, load_inputs
from extract.workspace.batch import LocalEngine, TableFileSink, _FirstErrors, run_batch, warm_up
from extract.workspace.store_writer import StoreError, StoreWriter, committed_parts

TOWNS = ["Avonford", "Brackley", "Castlemere", "Dunmore", "Elmsworth", "Fairhaven", "Glenrock", "Hollowmere"]


def _corpus(path: Path, records: int) -> Path:
    lines = []
    for n in range(records):
        town = TOWNS[n % len(TOWNS)]
        text = (f"Bus fares in {town} rose {n % 9 + 1}% in May, the council said. "
                f"Some {n + 20} drivers joined a strike that cost the operator ${n + 3}m, according to the union. "
                f"Ridership fell {n % 7 + 2}.5% on the year to {n * 10 + 4000} passengers a day.")
        lines.append(json.dumps({"id": f"{town.lower()}-{n}", "text": text}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _start_store_run(corpus: Path, store: Path) -> tuple[subprocess.Popen, set[int]]:
    process = subprocess.Popen([sys.executable, "-m", "extract", "figures", str(corpus), "-o", f"{store}/",
                                "--workers", "2", "--chunk-size", "4"], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not list((store / "documents").glob("chunk-*.parquet")) and time.monotonic() < deadline:
        time.sleep(0.01)
    workers = _children(process.pid)
    assert len(workers) >= 2, "the run should have its two workers by its first chunk"
    return process, workers


def _read_store(store: Path) -> pd.DataFrame:
    figures, _ = committed_parts(store)
    return pd.concat([pd.read_parquet(f) for f in figures], ignore_index=True).sort_values(
        "figure_id", ignore_index=True)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return _corpus(tmp_path_factory.mktemp("runs") / "fares.jsonl", 600)


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> Path:
    return _corpus(tmp_path_factory.mktemp("small") / "fares.jsonl", 60)


@pytest.fixture(scope="module")
def whole_run(corpus, tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("whole") / "store"
    result = subprocess.run([sys.executable, "-m", "extract", "figures", str(corpus), "-o", f"{store}/"], cwd=ROOT,
                            capture_output=True, timeout=600)
    assert result.returncode == 0, result.stderr.decode()
    return store


def _resume(corpus: Path, store: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extract", "figures", str(corpus), "-o", f"{store}/",
                           "--workers", "2"], cwd=ROOT, capture_output=True, timeout=600)


def test_sigterm_ends_the_workers_releases_the_lock_and_the_resume_completes(corpus, whole_run, tmp_path):
    store = tmp_path / "store"
    process, workers = _start_store_run(corpus, store)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 128 + signal.SIGTERM
    assert stderr.decode().endswith("figcheck: terminated\n") and "Traceback" not in stderr.decode()
    assert not [pid for pid in workers if _alive(pid)]
    assert (store / ".lock").read_text() == ""  # released, naming no run
    resumed = _resume(corpus, store)
    assert resumed.returncode == 0 and resumed.stderr == b""
    pd.testing.assert_frame_equal(_read_store(store), _read_store(whole_run))


def test_sigkill_leaves_a_stale_lock_the_next_run_takes_over(corpus, whole_run, tmp_path):
    store = tmp_path / "store"
    process, workers = _start_store_run(corpus, store)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    deadline = time.monotonic() + 20
    while [pid for pid in workers if _alive(pid)] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in workers if _alive(pid)], "orphaned workers must end themselves"
    assert (store / ".lock").read_text() == f"{process.pid}\n"
    resumed = _resume(corpus, store)
    assert resumed.returncode == 0
    assert resumed.stderr.decode() == (f"figcheck: {store}/: the run that held this store's lock (pid {process.pid}) "
                                       "is gone; its unfinished chunk is discarded and this run resumes\n")
    pd.testing.assert_frame_equal(_read_store(store), _read_store(whole_run))


def test_a_live_run_keeps_the_store_to_itself(tmp_path):
    store = tmp_path / "store"
    writer = StoreWriter(store)
    try:
        other = subprocess.run([sys.executable, "-c", "import sys; from extract.workspace.store_writer import "
                                "StoreWriter; StoreWriter(sys.argv[1])", str(store)], cwd=ROOT, capture_output=True,
                               timeout=120)
        assert other.returncode == 1
        assert other.stderr.decode().rstrip().endswith(
            f"StoreError: {store}: another run is writing to this store (pid {os.getpid()})")
    finally:
        writer.close()


def test_a_lock_that_is_a_symbolic_link_is_refused_and_its_target_untouched(tmp_path):
    store = tmp_path / "store"
    (store / "figures").mkdir(parents=True)
    (store / "documents").mkdir()
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me", encoding="utf-8")
    (store / ".lock").symlink_to(precious)
    with pytest.raises(StoreError, match=r"\.lock is a symbolic link; remove it"):
        StoreWriter(store)
    assert precious.read_text(encoding="utf-8") == "keep me"


def _limited_run(args: list[str], limit: int, stdout_path: Path, unbuffered: bool) -> subprocess.CompletedProcess:
    def limit_file_size() -> None:
        # Without SIGXFSZ ignored the kernel kills the writer; ignored, the write fails with EFBIG,
        # as a write to a full disk fails with ENOSPC.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {**os.environ, "PYTHONUNBUFFERED": "1"} if unbuffered else {k: v for k, v in os.environ.items()
                                                                      if k != "PYTHONUNBUFFERED"}
    with open(stdout_path, "wb") as out:
        return subprocess.run([sys.executable, "-m", "extract", *args], cwd=ROOT, stdout=out, stderr=subprocess.PIPE,
                              preexec_fn=limit_file_size, env=env, timeout=300)


@pytest.mark.parametrize("unbuffered", [False, True])
@pytest.mark.parametrize("command", ["figures", "check"])
def test_a_full_disk_on_standard_output_is_an_error(small_corpus, tmp_path, command, unbuffered):
    out = tmp_path / "out.csv"
    result = _limited_run([command, str(small_corpus)], 20_000, out, unbuffered)
    assert result.returncode == 1
    assert result.stderr.decode() == "figcheck: standard output: cannot write: File too large\n"
    assert out.stat().st_size == 20_000


@pytest.mark.parametrize("unbuffered", [False, True])
def test_a_full_disk_on_an_output_file_is_an_error(small_corpus, tmp_path, unbuffered):
    out = tmp_path / "figures.jsonl"
    result = _limited_run(["figures", str(small_corpus), "-o", str(out)], 30_000, tmp_path / "stdout", unbuffered)
    assert result.returncode == 1
    assert result.stderr.decode() == f"figcheck: {out}: cannot write: File too large\n"


def test_a_full_disk_under_a_store_is_an_error(small_corpus, tmp_path):
    store = tmp_path / "store"
    result = _limited_run(["figures", str(small_corpus), "-o", f"{store}/", "--chunk-size", "20"], 10_000,
                          tmp_path / "stdout", True)
    assert result.returncode == 1
    assert result.stderr.decode().startswith(f"figcheck: {store}/: cannot write: ")


def test_a_document_over_its_time_budget_is_reported_and_the_rest_written(tmp_path):
    slow = Document(doc_id="slow", text="It was " + "5% " * 4000 + "in all.", origin="slow.txt")
    quick = Document(doc_id="quick", text="Bus fares rose 4% in May.", origin="quick.txt")
    warm_up()  # lexicons load on first use: that is not the document's time
    out = tmp_path / "out.csv"
    with open(out, "wb") as handle:
        sink = TableFileSink(handle, "csv")
        report = run_batch([quick, slow, quick.__class__(**{**quick.__dict__, "doc_id": "quick2"})],
                           LocalEngine(1, budget=0.3), sink)
        sink.close()
    assert [str(e) for e in report.errors] == ["slow.txt: extraction took longer than 0.3 s; document skipped"]
    table = pd.read_csv(out)
    assert table["doc_id"].tolist() == ["quick", "quick2"]
    assert table["surface"].tolist() == ["4%", "4%"]


def test_the_first_errors_are_kept_in_input_order_and_the_rest_counted():
    kept = _FirstErrors(limit=3)
    for index in [5, 1, 9, 0, 7, 2]:
        kept.add(index, LoadError(f"doc{index}", "bad"))
    assert [e.origin for e in kept.in_order()] == ["doc0", "doc1", "doc2"]
    assert kept.dropped == 3


def test_a_corpus_of_bad_lines_keeps_the_first_errors_and_counts_the_rest(tmp_path):
    corpus = tmp_path / "junk.jsonl"
    corpus.write_text('{"id": "good", "text": "Bus fares rose 4% in May."}\n' + "{broken\n" * 12_000, encoding="utf-8")
    out = tmp_path / "out.csv"
    with open(out, "wb") as handle:
        sink = TableFileSink(handle, "csv")
        report = run_batch(load_inputs([corpus]), LocalEngine(1), sink)
        sink.close()
    assert report.documents == 1 and report.figures == 1
    assert len(report.errors) == 10_000 and report.errors_not_kept == 2_000
    assert str(report.errors[0]) == f"{corpus}:2: malformed JSON (Expecting property name enclosed in double quotes)"
    assert report.errors[-1].origin == f"{corpus}:10001"
