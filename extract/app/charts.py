"""The dashboard's charts, built from small pre-aggregated frames (never one mark per figure of a
large corpus).

The overview charts are Vega-Lite specifications written as plain dicts (what Streamlit's
`vega_lite_chart` takes): importing Altair and validating its objects cost a second of every cold
start and a tenth of a second of every new view. `tests/test_charts.py` validates each against
Vega-Lite's schema. The figure detail's interval chart, drawn only once a row is selected, is Altair.
"""

from __future__ import annotations

import hashlib
import json
import math
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    import altair as alt

from extract.workspace.filters import OWN_STATEMENT, effective_verdict, figures_by_source, source_label
from extract.workspace.store_queries import OTHER_SOURCES

SOURCE_PICK = "source_pick"  # the selection a click on a source's bar sets
MAX_ENTITIES = 20
MAX_POINTS_PER_ENTITY = 50
TOP_SOURCES = 12  # sources drawn by name; the rest are one "(all others)" bar
ALL_OTHERS = "(all others)"

# Okabe & Ito's palette, told apart with every common colour-vision deficiency.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]
VERDICT_COLOURS = {"consistent": "#0072B2", "conflict": "#D55E00", "unverified": "#BBBBBB"}
ROLE_COLOURS = {"claim": "#000000", "reference": "#0072B2", "corpus": "#E69F00"}
BAR_COLOUR = "#0072B2"
Spec = dict[str, Any]  # a Vega-Lite specification


def _plain(value: Any) -> Any:
    """A cell as JSON has it: timestamps in ISO form, NaN as null, numpy scalars as Python's."""
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if hasattr(value, "item"):  # a numpy scalar
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _dataset(spec: Spec, frame: pd.DataFrame) -> dict[str, str]:
    """Put `frame`'s rows in the spec's top-level datasets (as Altair does); returns the data reference."""
    values = [{column: _plain(v) for column, v in row.items()} for row in frame.to_dict("records")]
    name = "data-" + hashlib.md5(json.dumps(values, sort_keys=True, default=str).encode(),
                                 usedforsecurity=False).hexdigest()
    spec.setdefault("datasets", {})[name] = values
    return {"name": name}


def _field(name: str, kind: str, **extra: Any) -> dict[str, Any]:
    return {"field": name, "type": kind, **extra}


def _top(spec: Spec) -> Spec:
    """A top-level spec: Altair's default view size, then the datasets last."""
    datasets = spec.pop("datasets", None)
    spec = {"config": {"view": {"continuousWidth": 300, "continuousHeight": 300}}, **spec,
            "$schema": "https://vega.github.io/schema/vega-lite/v6.json"}
    if datasets:
        spec["datasets"] = datasets
    return spec


def source_chart(table: pd.DataFrame, chosen: list[str]) -> Spec:
    """Figures per source, stacked by verdict once checked; clicking a bar selects that source.
    Sources not chosen are faded while a Source filter is set."""
    if "verdict" in table.columns:
        counts = (pd.DataFrame({"source": table["source"].map(source_label), "verdict": effective_verdict(table)})
                  .value_counts().rename("figures").reset_index())
    else:
        counts = figures_by_source(table)
    return source_count_chart(counts, chosen)


def folded_source_counts(counts: pd.DataFrame, chosen: list[str], top: int = TOP_SOURCES,
                         already_folded: int = 0) -> pd.DataFrame:
    """The counts with every source beyond the `top` largest (and not chosen) folded into one
    ALL_OTHERS row per verdict; `sources` says how many sources each row stands for, `chosen`
    whether it is selected. Order: the largest first, ties by name, ALL_OTHERS last.
    `already_folded`: how many sources an ALL_OTHERS row of `counts` itself stands for."""
    totals = counts.groupby("source")["figures"].sum()
    named = sorted((s for s in totals.index if s not in (OWN_STATEMENT, ALL_OTHERS)),
                   key=lambda s: (-totals[s], s.lower(), s))
    kept = set(named[:top]) | (set(chosen) & set(named)) | {OWN_STATEMENT}
    folded_sources = [s for s in named if s not in kept]
    shown = counts.assign(source=counts["source"].where(counts["source"].isin(kept), ALL_OTHERS))
    keys = ["source"] + (["verdict"] if "verdict" in counts.columns else [])
    folded = shown.groupby(keys, sort=False, as_index=False)["figures"].sum()
    folded["sources"] = [len(folded_sources) + already_folded if s == ALL_OTHERS else 1 for s in folded["source"]]
    folded["chosen"] = folded["source"].isin(chosen) if chosen else True
    order = {s: i for i, s in enumerate([s for s in named if s in kept] + [ALL_OTHERS, OWN_STATEMENT])}
    return folded.sort_values("source", key=lambda c: c.map(order), kind="stable").reset_index(drop=True)


def source_count_chart(counts: pd.DataFrame, chosen: list[str], top: int = TOP_SOURCES,
                       already_folded: int = 0) -> Spec:
    """The source chart from counts already made (columns source, figures and, once checked, verdict):
    a store aggregates them in SQL. The top sources by name; below, in a panel with its own scale so
    their long bars squeeze no other, the rest folded into "(all others)" and "(stated by the article)"."""
    pick = {"name": SOURCE_PICK, "select": {"type": "point", "fields": ["source"], "on": "click"}}
    folded = folded_source_counts(counts, chosen, top, already_folded)
    checked = "verdict" in folded.columns
    colour: dict[str, Any]
    if checked:
        colour = _field("verdict", "nominal", legend={"orient": "bottom", "title": None},
                        scale={"domain": list(VERDICT_COLOURS), "range": list(VERDICT_COLOURS.values())})
        title = "Figures and verdicts by source (click a bar to filter)"
    else:
        colour = {"value": BAR_COLOUR}
        title = "Figures by source (click a bar to filter)"
    tooltip = [_field("source", "nominal"), _field("figures", "quantitative")] + \
        ([_field("verdict", "nominal")] if checked else [])
    top_spec: Spec = {}

    def bars(rows: pd.DataFrame, panel_title: dict[str, Any], name: str) -> Spec:
        order = list(dict.fromkeys(rows["source"]))
        return {
            "data": _dataset(top_spec, rows),
            "mark": {"type": "bar", "cursor": "pointer"},
            "encoding": {
                "color": colour,
                "opacity": {"condition": {"test": "datum.chosen", "value": 1.0}, "value": 0.3},
                "tooltip": tooltip + ([_field("sources", "quantitative", title="sources folded")]
                                      if (rows["source"] == ALL_OTHERS).any() else []),
                # The counts are already aggregated: an aggregate here would drop `chosen` from the data.
                "x": _field("figures", "quantitative", axis={"format": "d", "tickMinStep": 1}, stack="zero",
                            title="figures"),
                "y": _field("source", "nominal", axis={"labelLimit": 200}, sort=order, title=None),
            },
            "height": {"step": 22},
            "name": name,
            "title": panel_title,
        }

    apart = folded["source"].isin([ALL_OTHERS, OWN_STATEMENT])
    named, stated = folded[~apart], folded[apart]
    if stated.empty or named.empty:
        single = bars(folded, {"text": title, "anchor": "start"}, "view_sources")
        del single["name"]
        return _top({**single, "params": [pick], "datasets": top_spec.get("datasets", {})})
    panels = [
        bars(named, {"text": title, "anchor": "start"}, "view_sources_0"),
        bars(stated, {"text": "The rest, and what the article states itself (own scale)", "anchor": "start",
                      "fontSize": 11, "fontWeight": "normal"}, "view_sources_1"),
    ]
    # One click selection shared by both panels: a click in either selects.
    return _top({"vconcat": panels, "params": [{**pick, "views": [p["name"] for p in panels]}],
                 "resolve": {"scale": {"x": "independent"}}, "spacing": 8, "datasets": top_spec["datasets"]})


INTERVAL_ROW = 26  # pixels per claim or evidence row: labels never overlap, whatever the count


def interval_chart(evidence: pd.DataFrame) -> alt.Chart | alt.LayerChart:
    """The claim's interval and each piece of evidence's on one axis: overlap means agreement.
    An open upper end ("more than 6,700") is drawn to the chart's edge and marked with an arrow.

    One row per piece of evidence, each INTERVAL_ROW pixels high, so 2 rows or 30 read the same;
    labels that repeat are numbered (two identical labels would otherwise share one row) and long
    ones are cut with an ellipsis (the whole label is in the tooltip)."""
    import altair as alt  # only the figure detail draws with Altair

    labels = evidence["label"].astype(str).tolist()
    seen: dict[str, int] = {}
    rows = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        rows.append(label if labels.count(label) == 1 else f"{label} ({seen[label]})")
    frame = evidence.assign(
        row=rows,
        end_mark=evidence["open_high"].map(lambda open_: "▶" if open_ else ""),
        shown=[("this article" if role == "claim" else str(source or role))
               for role, source in zip(evidence["role"], evidence["source"], strict=True)],
    )
    roles = [r for r in ROLE_COLOURS if r in set(frame["role"])] + sorted(set(frame["role"]) - set(ROLE_COLOURS))
    base = alt.Chart(frame).encode(
        y=alt.Y("row:N", title=None, sort=rows, axis=alt.Axis(labelLimit=240, labelOverlap=False)),
        color=alt.Color("role:N", title=None, legend=alt.Legend(orient="bottom"),
                        scale=alt.Scale(domain=roles, range=[ROLE_COLOURS.get(r, OKABE_ITO[5]) for r in roles])))
    tooltip = ["label:N", "shown:N", "low:Q", "high:Q", "why:N"]
    unit = str(frame["unit"].iloc[0]) if len(frame) else ""
    spans = base.mark_rule(strokeWidth=6).encode(
        x=alt.X("low:Q", title=unit or "value", scale=alt.Scale(zero=False), axis=alt.Axis(labelOverlap=True)),
        x2="high:Q", tooltip=tooltip)
    ends = base.mark_point(filled=True, size=70).encode(x="low:Q", tooltip=tooltip) \
        + base.mark_point(filled=True, size=70).encode(x="high:Q", tooltip=tooltip)
    arrows = base.mark_text(align="left", dx=4).encode(x="high:Q", text="end_mark:N")
    return (spans + ends + arrows).properties(
        title=alt.TitleParams("Intervals: the claim and its evidence", anchor="start"),
        # A step per row, not a fixed height: Vega-Lite then sizes the chart to its rows, and
        # Streamlit sizes the element to the chart (a fixed height squeezed the rows together).
        height=alt.Step(INTERVAL_ROW))


def interval_chart_height(evidence: pd.DataFrame) -> int:
    """The interval chart's height in pixels: a title and axis, then INTERVAL_ROW per row."""
    return 60 + INTERVAL_ROW * len(evidence)


def dimension_chart(table: pd.DataFrame) -> Spec:
    counts = table["dimension"].replace("", "(none)").value_counts().rename_axis("dimension")
    return dimension_count_chart(counts.reset_index(name="figures"))


def dimension_count_chart(counts: pd.DataFrame) -> Spec:
    """Figures per kind from counts already made (columns dimension, figures)."""
    spec: Spec = {}
    return _top({
        "data": _dataset(spec, counts),
        "mark": {"type": "bar", "color": BAR_COLOUR},
        "encoding": {
            "tooltip": [_field("dimension", "nominal"), _field("figures", "quantitative")],
            "x": _field("figures", "quantitative", axis={"format": "d", "tickMinStep": 1}),
            "y": _field("dimension", "nominal", axis={"labelLimit": 220}, sort="-x", title=None),
        },
        "title": "Figures by kind",
        **spec,
    })


def entity_values(table: pd.DataFrame) -> pd.DataFrame:
    """Positive normalised values of the most-cited entities, a bounded number of points each."""
    rows = table[(table["entity"] != "") & (table["norm_value"] > 0)]
    top = rows["entity"].value_counts().head(MAX_ENTITIES).index
    rows = rows[rows["entity"].isin(top)]
    rows = rows.groupby("entity", group_keys=False).head(MAX_POINTS_PER_ENTITY)
    return rows[["entity", "norm_value", "norm_unit", "surface", "source", "dimension"]].assign(
        source=rows["source"].replace("", "(stated by the article)")
    )


def entity_value_chart(table: pd.DataFrame) -> Spec:
    """Values per entity on a log scale: one point per figure, coloured by kind."""
    spec: Spec = {}
    return _top({
        "data": _dataset(spec, entity_values(table)),
        "mark": {"type": "circle", "opacity": 0.8, "size": 80},
        "encoding": {
            "color": _field("dimension", "nominal", legend={"orient": "bottom"}, scale={"range": OKABE_ITO},
                            title="kind"),
            "tooltip": [_field("entity", "nominal"), _field("surface", "nominal"),
                        _field("norm_value", "quantitative"), _field("norm_unit", "nominal"),
                        _field("source", "nominal")],
            "x": _field("norm_value", "quantitative", scale={"type": "log"}, title="value (normalised unit)"),
            "y": _field("entity", "nominal", axis={"labelLimit": 180},
                        sort={"field": "norm_value", "op": "max", "order": "descending"}, title=None),
        },
        "title": "Values per entity (log scale)",
        **spec,
    })


def figures_by_date(table: pd.DataFrame) -> pd.DataFrame:
    dates = pd.to_datetime(table["doc_date"], errors="coerce", format="mixed").dropna()
    counts = dates.dt.normalize().value_counts().sort_index()
    return counts.rename_axis("date").reset_index(name="figures")


def timeline_chart(table: pd.DataFrame) -> Spec | None:
    """Figures per document date; None when no document has a date."""
    return date_count_chart(figures_by_date(table))


def date_count_chart(counts: pd.DataFrame) -> Spec | None:
    """Figures per date from counts already made (columns date, figures) on a time axis, so the gaps
    between dates are to scale; None when there are none. The axis reaches a day (or 3% of the span)
    past the first and last date, so a single date or the ends are not drawn on the chart's edge."""
    if counts.empty:
        return None
    counts = counts.assign(date=pd.to_datetime(counts["date"], errors="coerce", format="mixed")).dropna()
    if counts.empty:
        return None
    first, last = counts["date"].min(), counts["date"].max()
    margin = max(pd.Timedelta(days=1), (last - first) * 0.03)
    domain = [{"date": d.day, "month": d.month, "year": d.year} for d in (first - margin, last + margin)]
    bar_width = max(1, min(24, 400 // max(len(counts), 1)))  # gaps stay visible between neighbours
    spec: Spec = {}
    return _top({
        "data": _dataset(spec, counts),
        "mark": {"type": "bar", "color": BAR_COLOUR, "size": bar_width},
        "encoding": {
            "tooltip": [_field("date", "temporal", format="%Y-%m-%d"), _field("figures", "quantitative")],
            "x": _field("date", "temporal", axis={"labelOverlap": True}, scale={"domain": domain}, title=None),
            "y": _field("figures", "quantitative", axis={"format": "d", "tickMinStep": 1}),
        },
        "title": "Figures by article date",
        **spec,
    })


def ranked_source_chart(counts: pd.DataFrame, chosen: list[str]) -> Spec:
    """The source chart from counts a store has already ranked and folded
    (`store_queries.source_verdict_counts`: its "(all other sources: N)" row becomes ALL_OTHERS,
    standing for N sources), drawn as `source_count_chart` draws it: the named sources on top, the
    rest and the article's own statements in their own panel, so they never squeeze the named ones."""
    labels = counts["source"].astype(str)
    folded = labels.str.startswith(OTHER_SOURCES.rstrip(")"))
    standing_for = labels[folded].str.extract(r":\s*([\d,]+)\)$", expand=False).dropna()
    already = int(standing_for.iat[0].replace(",", "")) if len(standing_for) else 0
    renamed = counts.assign(source=counts["source"].where(~folded, ALL_OTHERS))
    named = renamed.loc[~folded & (renamed["source"] != OWN_STATEMENT), "source"].nunique()
    return source_count_chart(renamed, chosen, top=max(named, TOP_SOURCES), already_folded=already)
