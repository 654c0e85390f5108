"""The dashboard's charts: pre-aggregated data, the click selection, the log scale."""

import pandas as pd

from extract.app.charts import (
    ALL_OTHERS,
    INTERVAL_ROW,
    MAX_ENTITIES,
    MAX_POINTS_PER_ENTITY,
    SOURCE_PICK,
    date_count_chart,
    dimension_chart,
    entity_value_chart,
    entity_values,
    figures_by_date,
    folded_source_counts,
    interval_chart,
    ranked_source_chart,
    source_chart,
    source_count_chart,
    timeline_chart,
)
from extract.checks.crosscheck import check_figures
from extract.documents.loaders import document_from_text
from extract.engine.extraction import figures


def _table():
    return figures([
        document_from_text("Exports fell 12% in May, according to the Statistics Office. About 3,000 workers left.",
                           doc_id="a", date="2025-05-02"),
        document_from_text("More than 6,700 civilians were killed, according to the United Nations.", doc_id="b",
                           date="2025-08-06"),
        document_from_text("Some 200 workers marched.", doc_id="c"),
    ])


def _panels(spec):
    return [pd.DataFrame(spec["datasets"][view["data"]["name"]]) for view in spec["vconcat"]]


def test_source_chart_counts_per_source_highlights_the_chosen_and_selects_on_click():
    spec = source_chart(_table(), ["United Nations"])
    named, apart = _panels(spec)
    assert named.set_index("source")["figures"].to_dict() == {"Statistics Office": 1, "United Nations": 1}
    assert named.set_index("source")["chosen"].to_dict() == {"Statistics Office": False, "United Nations": True}
    assert apart.set_index("source")["figures"].to_dict() == {"(stated by the article)": 2}
    assert spec["resolve"] == {"scale": {"x": "independent"}}  # its long bar squeezes no named source
    assert spec["params"][0]["name"] == SOURCE_PICK
    assert spec["params"][0]["select"] == {"type": "point", "fields": ["source"], "on": "click"}
    assert len(spec["params"][0]["views"]) == 2  # a click in either panel selects


def test_sources_beyond_the_top_are_folded_and_a_chosen_one_stays_named():
    counts = pd.DataFrame({"source": [f"Source {i:02d}" for i in range(30)] + ["(stated by the article)"],
                           "figures": list(range(60, 30, -1)) + [400]})
    folded = folded_source_counts(counts, ["Source 25"], top=12)
    assert folded["source"].tolist() == [f"Source {i:02d}" for i in range(12)] + \
        ["Source 25", ALL_OTHERS, "(stated by the article)"]
    others = folded.set_index("source").loc[ALL_OTHERS]
    assert (others["figures"], others["sources"]) == (sum(range(48, 30, -1)) - 35, 17)
    assert folded["figures"].sum() == counts["figures"].sum()  # nothing lost in the fold
    spec = source_count_chart(counts, [])
    assert _panels(spec)[1]["source"].tolist() == [ALL_OTHERS, "(stated by the article)"]


def test_verdict_colours_are_the_colour_blind_safe_palette():
    spec = source_chart(check_figures(_table()), [])
    assert spec["vconcat"][0]["encoding"]["color"]["scale"] == {
        "domain": ["consistent", "conflict", "unverified"], "range": ["#0072B2", "#D55E00", "#BBBBBB"]}


def test_the_timeline_is_a_time_scale_padded_past_its_ends():
    spec = date_count_chart(pd.DataFrame({"date": ["2025-05-02", "2025-08-06"], "figures": [2, 1]}))
    assert spec["encoding"]["x"]["type"] == "temporal"
    # 96 days apart: 3% of the span (2.9 days) on each side, whole days.
    assert spec["encoding"]["x"]["scale"]["domain"] == [{"year": 2025, "month": 4, "date": 29},
                                                        {"year": 2025, "month": 8, "date": 8}]
    one = date_count_chart(pd.DataFrame({"date": ["2025-08-06"], "figures": [18]}))
    assert one["encoding"]["x"]["scale"]["domain"] == [{"year": 2025, "month": 8, "date": 5},
                                                       {"year": 2025, "month": 8, "date": 7}]


def test_interval_chart_gives_every_row_its_own_band():
    evidence = pd.DataFrame({"role": ["claim", "reference", "corpus", "corpus"],
                             "label": ["986 killed", "968 killed", "990 killed", "990 killed"],
                             "source": ["", "OHCHR", "Planet", "Courier"], "low": [985.5, 968.0, 989.5, 989.5],
                             "high": [986.5, 968.0, 990.5, 990.5], "open_high": [False] * 4,
                             "unit": ["civilian"] * 4, "why": [""] * 4})
    spec = interval_chart(evidence).to_dict()
    rows = pd.DataFrame(spec["datasets"][spec["data"]["name"]])["row"].tolist()
    assert rows == ["986 killed", "968 killed", "990 killed (1)", "990 killed (2)"]
    assert spec["height"] == {"step": INTERVAL_ROW}  # grows with the rows, never squeezes them


def test_dimension_chart_counts_kinds():
    spec = dimension_chart(_table())
    data = pd.DataFrame(spec["datasets"][spec["data"]["name"]])
    assert data.set_index("dimension")["figures"].to_dict() == {"count": 3, "percent": 1}


def test_entity_values_on_a_log_scale_are_bounded_in_size():
    spec = entity_value_chart(_table())
    assert spec["encoding"]["x"]["scale"] == {"type": "log"}
    points = entity_values(_table())
    assert sorted(points["entity"]) == ["Exports", "civilians", "workers", "workers"]
    many = pd.concat([_table()] * 100, ignore_index=True)
    many["entity"] = [f"e{i % 50}" for i in range(len(many))]
    bounded = entity_values(many)
    assert bounded["entity"].nunique() == MAX_ENTITIES
    assert bounded.groupby("entity").size().max() <= MAX_POINTS_PER_ENTITY


def test_timeline_counts_figures_per_article_date_and_is_absent_without_dates():
    counts = figures_by_date(_table())
    assert counts.astype({"date": str}).values.tolist() == [["2025-05-02", 2], ["2025-08-06", 1]]
    undated = _table()
    undated["doc_date"] = ""
    assert timeline_chart(undated) is None


def test_ranked_source_chart_draws_a_store_folded_row_as_all_others_standing_for_its_sources():
    counts = pd.DataFrame({"source": ["Bank of England", "Reuters", "(all other sources: 7)", "(stated by the article)"],
                           "verdict": ["consistent", "conflict", "unverified", "unverified"],
                           "figures": [5, 3, 9, 40]})
    named, apart = _panels(ranked_source_chart(counts, ["Reuters"]))
    assert named["source"].tolist() == ["Bank of England", "Reuters"]
    assert named.set_index("source")["chosen"].to_dict() == {"Bank of England": False, "Reuters": True}
    assert apart["source"].tolist() == [ALL_OTHERS, "(stated by the article)"]
    assert apart.set_index("source")["sources"].to_dict() == {ALL_OTHERS: 7, "(stated by the article)": 1}
    assert apart.set_index("source")["figures"].to_dict() == {ALL_OTHERS: 9, "(stated by the article)": 40}


def test_every_overview_chart_is_a_valid_vega_lite_spec():
    """The overview charts are plain dicts (no Altair on a cold start): each must be Vega-Lite."""
    from altair.utils.schemapi import validate_jsonschema
    from altair.vegalite.v6.schema import load_schema

    schema = load_schema()
    checked = check_figures(_table())
    counts = pd.DataFrame({"source": ["Bank of England", "Reuters", "(all other sources: 7)", "(stated by the article)"],
                           "verdict": ["consistent", "conflict", "unverified", "unverified"], "figures": [5, 3, 9, 40]})
    specs = [source_chart(_table(), []), source_chart(checked, ["United Nations"]),
             source_chart(_table().iloc[:1], []), ranked_source_chart(counts, ["Reuters"]),
             ranked_source_chart(counts.iloc[:2], []), dimension_chart(_table()), entity_value_chart(_table()),
             timeline_chart(_table())]
    for spec in specs:
        validate_jsonschema(spec, schema, rootschema=schema)
        assert all(isinstance(rows, list) for rows in spec["datasets"].values())
    one_panel = ranked_source_chart(counts.iloc[:2], [])
    assert one_panel["params"] == [{"name": SOURCE_PICK, "select": {"type": "point", "fields": ["source"],
                                                                   "on": "click"}}]
