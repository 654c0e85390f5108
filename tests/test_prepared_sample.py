"""A cold start needs no parser: the public API imports lazily, the bundled sample's figures and checks
are shipped ahead of time (and equal what the engine makes now), and the dashboard shows a new
workspace without importing spaCy, the engine or the cross-checks."""

import json
import subprocess
import sys
import textwrap

import pandas as pd
import pytest
from conftest import ROOT

import extract
from extract.app.article_loading import bundled_documents
from extract.app.prepared_sample import PREPARED_SAMPLE, build_prepared, load_prepared, seed_sample
from extract.workspace import store_queries as queries
from extract.workspace.workspace import add_documents, open_checked_store, open_workspace

HEAVY = ("spacy", "extract.engine.extraction", "extract.checks.crosscheck", "altair", "pint")


def _loaded_after(code: str) -> dict[str, bool]:
    """Which heavy modules a fresh interpreter has loaded after running `code`."""
    probe = code + f"\nimport json, sys\nprint(json.dumps({{m: m in sys.modules for m in {HEAVY!r}}}))\n"
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_import_extract_loads_nothing_heavy_and_every_public_name_resolves():
    assert _loaded_after("import extract") == dict.fromkeys(HEAVY, False)
    from extract.checks.crosscheck import check_figures
    from extract.engine.extraction import figures

    assert extract.figures is figures and extract.check_figures is check_figures
    for name in extract.__all__:
        assert getattr(extract, name) is not None
        assert name in dir(extract)
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = extract.nothing  # type: ignore[attr-defined]
    namespace: dict[str, object] = {}
    exec("from extract import *", namespace)
    assert set(extract.__all__) <= set(namespace)


def test_the_prepared_sample_is_current():
    assert load_prepared(bundled_documents()) is not None, (
        f"{PREPARED_SAMPLE.name} is stale: the engine, the checks, the reference data or the sample changed. "
        "Rebuild it with `uv run python -m extract.app.prepared_sample` and commit it.")


def test_the_prepared_sample_holds_what_the_engine_and_the_checks_make_now():
    prepared = json.loads(PREPARED_SAMPLE.read_text(encoding="utf-8"))
    made = build_prepared(bundled_documents())
    assert made["figures"] == prepared["figures"]
    assert made["verdicts"] == prepared["verdicts"]
    assert made["evidence"] == prepared["evidence"]
    assert made["reference_problems"] == prepared["reference_problems"]
    assert made["source_names"] == prepared["source_names"]


def test_a_workspace_seeded_ahead_of_time_shows_what_one_extracted_and_checked_shows(tmp_path):
    seeded = open_workspace(tmp_path / "seeded", seed=seed_sample)
    extracted = open_workspace(tmp_path / "extracted")
    add_documents(extracted, bundled_documents(), how="bundled")
    shown = []
    for workspace in (seeded, extracted):
        store = open_checked_store(workspace)
        frame = queries.export_frame(store, columns=[*queries.EXPORT_COLUMNS, "review_key"])
        evidence = pd.concat([queries.evidence_rows(store, f) for f in frame["figure_id"]], ignore_index=True)
        shown.append((frame, evidence, queries.summary(store)))
        store.close()
    (frame_a, evidence_a, summary_a), (frame_b, evidence_b, summary_b) = shown
    assert len(frame_a) == 18
    pd.testing.assert_frame_equal(frame_a, frame_b)
    pd.testing.assert_frame_equal(evidence_a, evidence_b)
    assert summary_a == summary_b


def test_the_dashboard_shows_a_new_workspace_without_the_parser_or_the_cross_checks(tmp_path):
    code = textwrap.dedent(f"""
        import os, sys
        os.environ["FIGCHECK_WORKSPACE"] = {str(tmp_path / "workspace")!r}
        sys.path.insert(0, {str(ROOT)!r})
        from streamlit.testing.v1 import AppTest
        at = AppTest.from_file({str(ROOT / "dashboard.py")!r}, default_timeout=120).run()
        assert not at.exception, at.exception
        assert len(at.dataframe[0].value) == 18 and len(at.get("vega_lite_chart")) == 4
    """)
    assert _loaded_after(code) == dict.fromkeys(HEAVY, False)


def test_lemminflect_is_imported_and_loaded_once_whatever_the_threads():
    """Dashboard sessions are threads: twenty asking for a plural at once all get it (none sees a
    half-imported lemminflect), and spaCy stays out."""
    code = textwrap.dedent("""
        import sys, threading
        from extract.checks.word_forms import all_lemmas, inflection
        results, errors = [], []
        def ask():
            try:
                results.append((inflection("tanker", tag="NNS"), all_lemmas("tankers")["NOUN"]))
            except Exception as error:
                errors.append(repr(error))
        threads = [threading.Thread(target=ask) for _ in range(20)]
        for t in threads: t.start()
        for t in threads: t.join()
        assert not errors, errors
        assert set(results) == {(("tankers",), ("tanker",))}, results
    """)
    assert _loaded_after(code)["spacy"] is False


def test_the_shipped_unit_plurals_are_lemminflects_for_every_unit_of_the_engine():
    from extract.app.figure_reading import UNIT_PLURALS, format_amount
    from extract.app.prepared_sample import unit_plural_table

    assert json.loads(UNIT_PLURALS.read_text(encoding="utf-8")) == unit_plural_table(), (
        f"{UNIT_PLURALS.name} is stale: rebuild it with `uv run python -m extract.app.prepared_sample`.")
    assert format_amount(886.0, "square mile", "area") == "886 square miles"
    assert format_amount(3.0, "kilometre per hour", "speed") == "3 kilometres per hour"
    assert format_amount(1.0, "minute", "duration") == "1 minute"
    assert format_amount(2.0, "foot", "length") == "2 feet"
    assert format_amount(40.0, "degree Celsius", "temperature") == "40 degrees Celsius"
    assert format_amount(1.0, "degree Celsius", "temperature") == "1 degree Celsius"
