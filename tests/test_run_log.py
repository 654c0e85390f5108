"""One logging set-up: a one-line message for people, the traceback in the workspace's figcheck.log."""

from __future__ import annotations

import io
import logging

import pytest

import extract.cli
from extract.cli import main
from extract.workspace import batch
from extract.workspace.run_log import configure_logging


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    monkeypatch.setenv("FIGCHECK_WORKSPACE", str(tmp_path / "ws"))
    return tmp_path / "ws"


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("Exports fell 4% to $2bn in May, the ministry said.\n", encoding="utf-8")
    return path


def _reference_data_unreadable(*args, **kwargs):
    raise RuntimeError("reference table half-written")


def test_an_unexpected_error_is_one_line_and_its_traceback_is_in_the_log(workspace, article, monkeypatch, capsys):
    monkeypatch.setattr(extract.cli, "load_references", _reference_data_unreadable)
    assert main(["check", str(article)]) == 1
    log = workspace / "figcheck.log"
    assert capsys.readouterr().err == ("figcheck: unexpected error while running 'check': RuntimeError: "
                                       f"reference table half-written (traceback in {log})\n")
    written = log.read_text(encoding="utf-8")
    assert " ERROR extract [pid " in written and "Traceback (most recent call last):" in written
    assert "in _reference_data_unreadable" in written and written.rstrip().endswith(
        "RuntimeError: reference table half-written")


def test_debug_shows_the_traceback_on_stderr_too(workspace, article, monkeypatch, capsys):
    monkeypatch.setattr(extract.cli, "load_references", _reference_data_unreadable)
    assert main(["--debug", "check", str(article)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("ERROR extract: unexpected error while running 'check': RuntimeError")
    assert "Traceback (most recent call last):" in err and "in _reference_data_unreadable" in err


def test_a_run_without_trouble_leaves_no_log(workspace, article, capsys):
    assert main(["figures", str(article)]) == 0
    assert "4%" in capsys.readouterr().out
    assert not workspace.exists()


def test_a_failed_extraction_stays_one_line_and_keeps_its_traceback(workspace, article, monkeypatch, capsys):
    def figure_rows(document, **budgets):
        raise ZeroDivisionError("division by zero in a rule")

    def figure_rows_of(documents, **budgets):
        raise ZeroDivisionError("division by zero in a rule")

    # The batched path fails first; each document is then retried alone, which names it.
    monkeypatch.setattr(batch, "figure_rows_of", figure_rows_of)
    monkeypatch.setattr(batch, "figure_rows", figure_rows)
    assert main(["figures", str(article)]) == 1
    assert capsys.readouterr().err == (f"figcheck: {article}: extraction failed: ZeroDivisionError: "
                                       "division by zero in a rule\n")
    written = (workspace / "figcheck.log").read_text(encoding="utf-8")
    assert " INFO extract.workspace.batch [pid " in written and f"extraction failed on {article}" in written
    assert "in figure_rows" in written and "ZeroDivisionError: division by zero in a rule" in written


def test_configuring_again_does_not_repeat_messages(tmp_path):
    stream = io.StringIO()
    for _ in range(3):  # a dashboard reruns its script, and with it the set-up
        configure_logging(tmp_path, stream=stream)
    logging.getLogger("extract.checks").warning("reference row 3 has no unit")
    assert stream.getvalue() == "figcheck: reference row 3 has no unit\n"
    assert (tmp_path / "figcheck.log").read_text(encoding="utf-8").count("reference row 3 has no unit") == 1


def test_streamlit_s_uncaught_script_errors_reach_the_log(tmp_path):
    configure_logging(tmp_path, stream=io.StringIO())
    try:
        {}["selected_figure"]
    except KeyError as error:
        # What Streamlit does with an exception the dashboard script did not catch.
        logging.getLogger("streamlit.error_util").error("Uncaught app execution", exc_info=error)
    written = (tmp_path / "figcheck.log").read_text(encoding="utf-8")
    assert "ERROR streamlit.error_util" in written and "KeyError: 'selected_figure'" in written


def test_a_log_that_cannot_be_written_costs_one_line_not_the_run(tmp_path, article, monkeypatch, capsys):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("FIGCHECK_WORKSPACE", str(blocker / "ws"))
    monkeypatch.setattr(extract.cli, "load_references", _reference_data_unreadable)
    assert main(["check", str(article)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("figcheck: unexpected error while running 'check': RuntimeError")
    assert lines[1:] == [f"figcheck: cannot write the log {blocker / 'ws' / 'figcheck.log'}: Not a directory"]


def test_the_dashboard_logs_to_the_workspace(workspace):
    from conftest import ROOT
    from streamlit.testing.v1 import AppTest

    AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    files = [h.baseFilename for h in logging.getLogger("extract").handlers if isinstance(h, logging.FileHandler)]
    assert files == [str(workspace / "figcheck.log")]
