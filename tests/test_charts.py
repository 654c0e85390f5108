"""The dashboard's charts: pre-aggregated data, the click selection, the log scale."""

import pandas as pd

from extract.app.charts import (
    MAX_ENTITIES,
    MAX_POINTS_PER_ENTITY,
    SOURCE_PICK,
    dimension_chart,
    entity_value_chart,
    entity_values,
    figures_by_date,
    source_chart,
    timeline_chart,
)
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


def test_source_chart_counts_per_source_highlights_the_chosen_and_selects_on_click():
    spec = source_chart(_table(), ["United Nations"]).to_dict()
    data = pd.DataFrame(spec["datasets"][spec["data"]["name"]])
    assert data.set_index("source")["figures"].to_dict() == {
        "(stated by the article)": 2, "Statistics Office": 1, "United Nations": 1}
    assert data.set_index("source")["chosen"].to_dict() == {
        "(stated by the article)": False, "Statistics Office": False, "United Nations": True}
    assert spec["params"][0]["name"] == SOURCE_PICK
    assert spec["params"][0]["select"] == {"type": "point", "fields": ["source"], "on": "click"}


def test_dimension_chart_counts_kinds():
    spec = dimension_chart(_table()).to_dict()
    data = pd.DataFrame(spec["datasets"][spec["data"]["name"]])
    assert data.set_index("dimension")["figures"].to_dict() == {"count": 3, "percent": 1}


def test_entity_values_on_a_log_scale_are_bounded_in_size():
    spec = entity_value_chart(_table()).to_dict()
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
