"""The dashboard driven through Streamlit's AppTest: start-up, filters and the URL, uploads, pasted
text, row selection and the figure detail."""

import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT

SCRIPT = str(ROOT / "dashboard.py")
EXTRA_ARTICLE = (b"Wheat prices jumped 18% in March, according to the Grain Council. "
                 b"Farmers planted about 2,400 hectares less than a year earlier.")


def _app(**query) -> AppTest:
    at = AppTest.from_file(SCRIPT, default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def _surfaces(at: AppTest) -> list[str]:
    return at.dataframe[0].value["surface"].tolist()


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_starts_on_the_bundled_article_with_every_figure_and_its_charts():
    at = _app()
    assert not at.exception and not at.error
    # 11 of 18 since issue 11: "six months" (Izvestia) is no figure, "less than an hour" (no source) is.
    assert _metrics(at) == {"Articles": "1", "Figures": "18", "Sources": "7", "With a source": "61%"}
    table = at.dataframe[0].value
    assert len(table) == 18
    assert table.set_index("surface").loc["More than 6700", ["figure", "entity", "source"]].tolist() == [
        "6,700", "Ukrainian civilians", "United Nations"]
    assert len(at.get("vega_lite_chart")) == 4  # by source, by kind, values per entity, timeline


def test_source_filter_leaves_only_that_sources_figures():
    at = _app()
    at.multiselect(key="source").select("United Nations").run()
    assert _surfaces(at) == ["More than 6700"]
    assert _metrics(at)["Figures"] == "1"
    at.multiselect(key="source").select("(stated by the article)").run()
    assert len(_surfaces(at)) == 8 and "less than an hour" in _surfaces(at)  # 7 before issue 11


def test_filters_are_read_from_the_url():
    at = _app(source="Kyiv School of Economics", q="tankers")
    assert at.multiselect(key="source").value == ["Kyiv School of Economics"]
    assert at.text_input(key="q").value == "tankers"
    assert sorted(_surfaces(at)) == ["135", "496"]

    at = _app(kind="percent", qualifier="exact")
    assert sorted(_surfaces(at)) == ["51%", "halved"]

    # Vague plurals ("hundreds") have no value, so a value filter leaves them out, as the store's query does.
    at = _app(min="100", max="1000")
    assert sorted(_surfaces(at)) == ["135", "496", "886 square miles"]


def test_an_unknown_source_in_the_url_is_ignored_not_an_error():
    at = _app(source="Nobody At All")
    assert not at.exception and at.multiselect(key="source").value == []
    assert len(_surfaces(at)) == 18


def test_a_good_upload_adds_its_figures():
    at = _app()
    at.file_uploader[0].upload("wheat.txt", EXTRA_ARTICLE, "text/plain").run()
    assert not at.exception and not at.error
    assert _metrics(at)["Articles"] == "2"
    assert {"18%", "about 2,400 hectares"} <= set(_surfaces(at))
    assert "Grain Council" in at.multiselect(key="source").options


def test_a_bad_upload_gets_an_error_box_naming_it_and_the_rest_still_loads():
    at = _app()
    corpus = b'{"id": "ok", "text": "Rents rose 7% in June."}\n{broken\n{"id": "ok2", "text": "Some 40 shops shut."}\n'
    at.file_uploader[0].set_value([
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "text/plain"),
        ("wire.jsonl", corpus, "application/jsonl"),
        ("wheat.txt", EXTRA_ARTICLE, "text/plain"),
    ]).run()
    assert not at.exception
    assert [e.value for e in at.error] == ["Could not load photo.txt: binary file, not text",
                                           "Could not load wire.jsonl:2: malformed JSON (Expecting property name enclosed in double quotes)"]
    assert _metrics(at)["Articles"] == "4"
    assert {"7%", "Some 40", "18%"} <= set(_surfaces(at))


def test_pasted_text_is_extracted():
    at = _app()
    at.text_input(key="paste_title").input("Fish stocks")
    at.text_area(key="paste_text").input("Cod stocks fell by a third, according to the Marine Institute.")
    next(b for b in at.button if b.label == "Add pasted article").click().run()
    assert not at.exception
    table = at.dataframe[0].value
    row = table[table["document"] == "Fish stocks"].iloc[0]
    assert (row["surface"], row["source"], row["change"]) == ("a third", "Marine Institute", "down")


@pytest.mark.parametrize("surface", ["More than 6700", "496"])
def test_selecting_a_row_shows_the_figure_in_its_sentence_and_article(surface):
    at = _app()
    position = _surfaces(at).index(surface)
    at.session_state[at.dataframe[0].key] = {"selection": {"rows": [position], "columns": [], "cells": []}}
    at.run()
    bodies = [h.proto.body for h in at.get("html")]
    (reading, sentence, verdict), article = bodies[:3], bodies[-1]
    if surface == "More than 6700":
        assert reading == ("<p><strong>Reading:</strong> More than 6700 → above 6,700 Ukrainian civilians · "
                           "source: United Nations · cue: according to</p>")
    assert f'<mark class="selected" title="{surface} → ' in sentence and f">{surface}</mark>" in sentence
    assert article.count("<mark") == 18 and article.count('class="selected"') == 1
    if surface == "More than 6700":
        # Beside the UN's "killed or injured": related, with the difference in measure spelled out.
        assert "<strong>Unverified</strong>" in verdict
        assert "reported 6,754 civilians killed or injured, H1 2025 (measures differ: killed vs killed or injured)" \
            in verdict
        evidence = next(body for body in bodies if 'class="figcheck-evidence"' in body)
        assert ("<td>UN Human Rights Monitoring Mission in Ukraine (HRMMU): 6,754 civilians killed or injured, "
                "H1 2025 — differs in measure") in evidence
        assert "<td>related</td><td>overlap</td><td>same unit (civilian); shared words: civilian" in evidence


def _select(at: AppTest, surface: str) -> AppTest:
    at.session_state[at.dataframe[0].key] = {"selection": {"rows": [_surfaces(at).index(surface)], "columns": [],
                                                           "cells": []}}
    return at.run()


def test_verdicts_are_listed_and_filterable_from_the_url():
    at = _app()
    table = at.dataframe[0].value.set_index("surface")
    assert table.loc["$60 a barrel", "verdict"] == "✓ consistent"
    assert table.loc["More than 6700", "verdict"] == "· unverified"
    at = _app(verdict="consistent")
    assert sorted(_surfaces(at)) == ["$60 a barrel", "135"]


def test_a_review_decision_is_kept_across_a_restart(tmp_path, monkeypatch):
    monkeypatch.setenv("FIGCHECK_REVIEWS_DB", str(tmp_path / "reviews.sqlite"))
    at = _select(_app(), "$60 a barrel")
    at.radio[0].set_value("conflict")
    next(t for t in at.text_area if (t.key or "").startswith("review_note-")).input("The cap was lowered to $47.60 in 2025.")
    next(b for b in at.button if b.label == "Save decision").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == ["Give your name above before saving a decision."]  # nothing saved
    assert "Review trail" not in " ".join(h.proto.body for h in at.get("html"))
    at.text_input(key="reviewer").input("Ada Byron").run()
    next(b for b in at.button if b.label == "Save decision").click().run()
    assert not at.exception and not at.error

    restarted = _select(_app(), "$60 a barrel")  # a new session: nothing in memory, only the database
    row = restarted.dataframe[0].value.set_index("surface").loc["$60 a barrel"]
    assert row["verdict"] == "✗ conflict · reviewed"
    verdict_box = [h.proto.body for h in restarted.get("html")][2]
    assert "<strong>Conflict</strong> (reviewer's verdict; the engine said consistent)" in verdict_box
    assert "Reviewer's note: The cap was lowered to $47.60 in 2025." in verdict_box
    assert "Decided by Ada Byron" in verdict_box
    # The form opens on the latest decision, so a second Save does not undo the override.
    assert restarted.radio[0].value == "conflict"
    assert next(t for t in restarted.text_area if (t.key or "").startswith("review_note-")).value == \
        "The cap was lowered to $47.60 in 2025."
    trail = next(h.proto.body for h in restarted.get("html") if "Review trail" in h.proto.body)
    assert "<strong>Ada Byron</strong> · conflict (overrides consistent) · “The cap was lowered to $47.60 in 2025.”" \
        in trail
    assert _surfaces(_app(verdict="conflict")) == ["$60 a barrel"]


def test_hostile_article_text_reaches_the_page_escaped():
    at = _app()
    hostile = b'<script>window.pwned=1</script> Costs rose 9% <img src=x onerror="window.pwned=2"> last year.'
    at.file_uploader[0].upload("hostile.txt", hostile, "text/plain").run()
    position = _surfaces(at).index("9%")
    at.session_state[at.dataframe[0].key] = {"selection": {"rows": [position], "columns": [], "cells": []}}
    at.run()
    bodies = " ".join(h.proto.body for h in at.get("html"))
    assert "<script>" not in bodies and "<img" not in bodies
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in bodies
    assert "&lt;img src=x onerror=&quot;window.pwned=2&quot;&gt;" in bodies


def test_an_uploaded_reference_file_is_checked_against_and_its_bad_rows_reported():
    reference = (b"id,measure,entity,value,low,high,unit,period_start,period_end,geography,source,url,published\n"
                 b"kse-fleet,sanctioned tankers,tankers,150,,,tanker,2025-03-01,2025-05-31,,KSE Institute,https://kse.ua/,2025-06-01\n"
                 b"bad-row,tankers,tankers,lots,,,tanker,,,,KSE Institute,https://kse.ua/,2025-06-01\n")
    at = _app()
    assert at.dataframe[0].value.set_index("surface").loc["135", "verdict"] == "✓ consistent"
    at.file_uploader[1].upload("my-ref.csv", reference, "text/csv").run()
    assert not at.exception
    assert [e.value for e in at.error] == ["Reference data: my-ref.csv:3: value 'lots' is not a number"]
    assert at.dataframe[0].value.set_index("surface").loc["135", "verdict"] == "✗ conflict"


def test_a_decision_on_one_figure_does_not_prefill_another(tmp_path, monkeypatch):
    monkeypatch.setenv("FIGCHECK_REVIEWS_DB", str(tmp_path / "reviews.sqlite"))
    at = _select(_app(), "$60 a barrel")
    at.text_input(key="reviewer").input("Grace").run()
    at.radio[0].set_value("conflict")
    next(t for t in at.text_area if (t.key or "").startswith("review_note-")).input("Cap lowered.")
    next(b for b in at.button if b.label == "Save decision").click().run()
    other = _select(at, "496")
    assert other.radio[0].value == "accept"
    assert next(t for t in other.text_area if (t.key or "").startswith("review_note-")).value == ""


def test_an_unreadable_review_database_is_an_error_box_not_a_crash(tmp_path, monkeypatch):
    broken = tmp_path / "reviews.sqlite"
    broken.write_text("this is not a database")
    monkeypatch.setenv("FIGCHECK_REVIEWS_DB", str(broken))
    at = _app()
    assert not at.exception
    assert len(at.error) == 1 and at.error[0].value.startswith("Review decisions unavailable: ")
    assert len(_surfaces(at)) == 18


def test_a_selection_does_not_carry_over_to_another_figure_after_a_filter_change():
    at = _select(_app(), "496")
    assert "Figure detail" in [h.value for h in at.subheader]
    at.multiselect(key="source").select("United Nations").run()
    assert _surfaces(at) == ["More than 6700"]
    assert "Figure detail" not in [h.value for h in at.subheader]  # no figure shown that was not chosen


def test_with_sign_in_configured_a_visitor_sees_only_the_sign_in_button():
    at = AppTest.from_file(SCRIPT, default_timeout=120)
    at.secrets["auth"] = {"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": "x" * 32,
                          "client_id": "figcheck", "client_secret": "s",
                          "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}
    at.run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Sign in"]
    assert len(at.dataframe) == 0 and len(at.file_uploader) == 0  # no figures, no uploads before sign-in


def test_the_reviewers_name_is_given_once_per_session(tmp_path, monkeypatch):
    monkeypatch.setenv("FIGCHECK_REVIEWS_DB", str(tmp_path / "reviews.sqlite"))
    at = _select(_app(), "$60 a barrel")
    at.text_input(key="reviewer").input("Ada Byron").run()
    at.multiselect(key="source").select("United Nations").run()  # no figure selected: no name field shown
    assert "Figure detail" not in [h.value for h in at.subheader]
    at.multiselect(key="source").unselect("United Nations").run()
    at = _select(at, "496")
    assert at.text_input(key="reviewer").value == "Ada Byron"
    next(b for b in at.button if b.label == "Save decision").click().run()
    assert not at.error
    trail = next(h.proto.body for h in at.get("html") if "Review trail" in h.proto.body)
    assert "<strong>Ada Byron</strong>" in trail
