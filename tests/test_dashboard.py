"""The dashboard driven through Streamlit's AppTest: start-up, filters and the URL, uploads, pasted
text, row selection and the figure detail, and a workspace that keeps what was added."""

import pytest
import streamlit
from conftest import ROOT
from streamlit.testing.v1 import AppTest

from extract.documents.loaders import document_from_text

SCRIPT = str(ROOT / "dashboard.py")
EXTRA_ARTICLE = (b"Wheat prices jumped 18% in March, according to the Grain Council. "
                 b"Farmers planted about 2,400 hectares less than a year earlier.")


@pytest.fixture(autouse=True)
def workspace(tmp_path, monkeypatch):
    """Each test starts on a new workspace (seeded with the bundled sample), as a first start does."""
    path = tmp_path / "workspace"
    monkeypatch.setenv("FIGCHECK_WORKSPACE", str(path))
    return path


def _restart() -> None:
    """What a server restart forgets: every cache and open store in the process."""
    streamlit.cache_resource.clear()
    streamlit.cache_data.clear()


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


def test_an_unknown_source_in_the_url_is_kept_and_said_to_match_nothing():
    at = _app(source="Nobody At All")
    assert not at.exception and at.multiselect(key="source").value == ["Nobody At All"]
    assert [w.value for w in at.warning] == ["Source: no figure in this workspace has “Nobody At All”"]
    assert len(_surfaces(at)) == 0 and _metrics(at)["Figures"] == "0"
    assert [i.value for i in at.info][0] == "No figure matches these filters."
    exports = [b for b in at.get("download_button")]
    assert len(exports) == 3 and all(b.proto.disabled for b in exports)


def test_active_filters_are_summarised_above_the_table():
    at = _app(kind="percent", q="rose")
    assert any(m.value == "**Showing figures where** Kind: percent · Search: “rose”" for m in at.markdown)
    assert not _app().markdown or all("Showing figures where" not in m.value for m in _app().markdown)


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
    assert [e.value for e in at.error] == [
        "Could not load photo.txt: binary file, not text",
        "Could not load wire.jsonl:2: malformed JSON (Expecting property name enclosed in double quotes)"]
    assert _metrics(at)["Articles"] == "4"
    assert {"7%", "Some 40", "18%"} <= set(_surfaces(at))


def _paste(at: AppTest, text: str, **fields: str) -> AppTest:
    for name, value in fields.items():
        at.text_input(key=f"paste_{name}").input(value)
    at.text_area(key="paste_text").input(text)
    return next(b for b in at.button if b.label == "Add pasted article").click().run()


FISH = "Cod stocks fell by a third, according to the Marine Institute."


def test_pasted_text_is_extracted_with_its_title_outlet_date_and_url():
    at = _paste(_app(), FISH, title="Fish stocks", outlet="Coast Post", date="2025-03-02",
                url="https://example.org/fish")
    assert not at.exception and not at.error
    table = at.dataframe[0].value
    row = table[table["document"] == "Fish stocks"].iloc[0]
    assert (row["surface"], row["source"], row["change"]) == ("a third", "Marine Institute", "down")
    assert "Coast Post" in at.multiselect(key="outlet").options


def test_a_pasted_article_survives_a_new_session_a_restart_and_a_shared_link():
    at = _paste(_app(), FISH, title="Fish stocks")
    assert _metrics(at)["Articles"] == "2"
    assert _metrics(_app())["Articles"] == "2"  # a reload: a new session, same server
    _restart()
    again = _app(source="Marine Institute")  # a colleague opening the first one's link after a restart
    assert _surfaces(again) == ["a third"] and _metrics(again)["Figures"] == "1"


def test_a_pasted_article_with_a_bad_date_is_refused_and_says_why():
    at = _paste(_app(), FISH, date="March 2nd")
    assert [e.value for e in at.error] == ["Could not load pasted article: the date 'March 2nd' is not YYYY-MM-DD"]
    assert _metrics(at)["Articles"] == "1"


def test_a_removed_article_is_gone_from_every_view_and_its_review_trail_is_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("FIGCHECK_REVIEWS_DB", str(tmp_path / "reviews.sqlite"))
    at = _paste(_app(), FISH, title="Fish stocks")
    at = _select(at, "a third")
    next(b for b in at.button if b.label == "Save decision").click().run()
    fish = document_from_text(FISH, origin="pasted").doc_id
    assert f"Fish stocks ({fish[:8]})" in at.selectbox(key="remove_doc").options
    at.selectbox(key="remove_doc").set_value(fish).run()
    next(b for b in at.button if b.label == "Remove from the workspace").click().run()
    assert not at.exception
    assert _metrics(at)["Articles"] == "1" and "a third" not in _surfaces(at)
    assert "Marine Institute" not in at.multiselect(key="source").options
    assert not any(o.startswith("Fish stocks") for o in at.multiselect(key="doc").options)
    _restart()
    later = _app()
    assert _metrics(later)["Articles"] == "1" and "a third" not in _surfaces(later)
    removed = later.dataframe[-1].value
    assert removed[["title", "decisions"]].values.tolist() == [["Fish stocks", 1]]


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
    note = next(t for t in at.text_area if (t.key or "").startswith("review_note-"))
    note.input("The cap was lowered to $47.60 in 2025.")
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
    shown = at.dataframe[0].value.set_index("surface").loc["135"]
    # Within its article's own total only: the badge says so, and what checked it.
    assert (shown["verdict"], shown["checked by"]) == ("✓ within its total", "own arithmetic")
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
