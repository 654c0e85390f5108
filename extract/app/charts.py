"""The dashboard's Altair charts, built from small pre-aggregated frames (never one mark per figure
of a large corpus)."""

from __future__ import annotations

import warnings

import altair as alt
import pandas as pd

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


def source_chart(table: pd.DataFrame, chosen: list[str]) -> alt.Chart | alt.VConcatChart:
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
                       already_folded: int = 0) -> alt.Chart | alt.VConcatChart:
    """The source chart from counts already made (columns source, figures and, once checked, verdict):
    a store aggregates them in SQL. The top sources by name; below, in a panel with its own scale so
    their long bars squeeze no other, the rest folded into "(all others)" and "(stated by the article)"."""
    pick = alt.selection_point(name=SOURCE_PICK, fields=["source"], on="click")
    folded = folded_source_counts(counts, chosen, top, already_folded)
    checked = "verdict" in folded.columns
    if checked:
        colour: alt.Color | alt.ColorValue = alt.Color(
            "verdict:N", scale=alt.Scale(domain=list(VERDICT_COLOURS), range=list(VERDICT_COLOURS.values())),
            legend=alt.Legend(orient="bottom", title=None))
        title = "Figures and verdicts by source (click a bar to filter)"
    else:
        colour = alt.ColorValue(BAR_COLOUR)
        title = "Figures by source (click a bar to filter)"
    tooltip = [alt.Tooltip("source:N"), alt.Tooltip("figures:Q")] + ([alt.Tooltip("verdict:N")] if checked else [])

    def bars(rows: pd.DataFrame, panel_title: str | alt.TitleParams) -> alt.Chart:
        order = list(dict.fromkeys(rows["source"]))
        return (
            alt.Chart(rows, title=panel_title, height=alt.Step(22))
            .mark_bar(cursor="pointer")
            .encode(
                # The counts are already aggregated: an aggregate here would drop `chosen` from the data.
                x=alt.X("figures:Q", title="figures", stack="zero", axis=alt.Axis(tickMinStep=1, format="d")),
                y=alt.Y("source:N", sort=order, title=None, axis=alt.Axis(labelLimit=200)),
                color=colour,
                opacity=alt.condition("datum.chosen", alt.value(1.0), alt.value(0.3)),
                tooltip=tooltip + ([alt.Tooltip("sources:Q", title="sources folded")]
                                   if (rows["source"] == ALL_OTHERS).any() else []),
            )
        )

    apart = folded["source"].isin([ALL_OTHERS, OWN_STATEMENT])
    named, stated = folded[~apart], folded[apart]
    if stated.empty or named.empty:
        return bars(folded, alt.TitleParams(title, anchor="start")).add_params(pick)
    panels = alt.vconcat(
        bars(named, alt.TitleParams(title, anchor="start")),
        bars(stated, alt.TitleParams("The rest, and what the article states itself (own scale)", anchor="start",
                                     fontSize=11, fontWeight="normal")),
        spacing=8,
    ).resolve_scale(x="independent")
    with warnings.catch_warnings():
        # One click selection shared by both panels is what is wanted; Altair says it merged them.
        warnings.filterwarnings("ignore", message="Automatically deduplicated selection parameter")
        return panels.add_params(pick)


INTERVAL_ROW = 26  # pixels per claim or evidence row: labels never overlap, whatever the count


def interval_chart(evidence: pd.DataFrame) -> alt.Chart | alt.LayerChart:
    """The claim's interval and each piece of evidence's on one axis: overlap means agreement.
    An open upper end ("more than 6,700") is drawn to the chart's edge and marked with an arrow.

    One row per piece of evidence, each INTERVAL_ROW pixels high, so 2 rows or 30 read the same;
    labels that repeat are numbered (two identical labels would otherwise share one row) and long
    ones are cut with an ellipsis (the whole label is in the tooltip)."""
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


def dimension_chart(table: pd.DataFrame) -> alt.Chart:
    counts = table["dimension"].replace("", "(none)").value_counts().rename_axis("dimension")
    return dimension_count_chart(counts.reset_index(name="figures"))


def dimension_count_chart(counts: pd.DataFrame) -> alt.Chart:
    """Figures per kind from counts already made (columns dimension, figures)."""
    return (
        alt.Chart(counts, title="Figures by kind")
        .mark_bar(color=BAR_COLOUR)
        .encode(x=alt.X("figures:Q", axis=alt.Axis(tickMinStep=1, format="d")),
                y=alt.Y("dimension:N", sort="-x", title=None, axis=alt.Axis(labelLimit=220)),
                tooltip=["dimension:N", "figures:Q"])
    )


def entity_values(table: pd.DataFrame) -> pd.DataFrame:
    """Positive normalised values of the most-cited entities, a bounded number of points each."""
    rows = table[(table["entity"] != "") & (table["norm_value"] > 0)]
    top = rows["entity"].value_counts().head(MAX_ENTITIES).index
    rows = rows[rows["entity"].isin(top)]
    rows = rows.groupby("entity", group_keys=False).head(MAX_POINTS_PER_ENTITY)
    return rows[["entity", "norm_value", "norm_unit", "surface", "source", "dimension"]].assign(
        source=rows["source"].replace("", "(stated by the article)")
    )


def entity_value_chart(table: pd.DataFrame) -> alt.Chart:
    """Values per entity on a log scale: one point per figure, coloured by kind."""
    points = entity_values(table)
    return (
        alt.Chart(points, title="Values per entity (log scale)")
        .mark_circle(size=80, opacity=0.8)
        .encode(
            x=alt.X("norm_value:Q", scale=alt.Scale(type="log"), title="value (normalised unit)"),
            y=alt.Y("entity:N", title=None, axis=alt.Axis(labelLimit=180),
                    sort=alt.EncodingSortField("norm_value", op="max", order="descending")),
            color=alt.Color("dimension:N", title="kind", legend=alt.Legend(orient="bottom"),
                            scale=alt.Scale(range=OKABE_ITO)),
            tooltip=["entity:N", "surface:N", "norm_value:Q", "norm_unit:N", "source:N"],
        )
    )


def figures_by_date(table: pd.DataFrame) -> pd.DataFrame:
    dates = pd.to_datetime(table["doc_date"], errors="coerce", format="mixed").dropna()
    counts = dates.dt.normalize().value_counts().sort_index()
    return counts.rename_axis("date").reset_index(name="figures")


def timeline_chart(table: pd.DataFrame) -> alt.Chart | None:
    """Figures per document date; None when no document has a date."""
    return date_count_chart(figures_by_date(table))


def date_count_chart(counts: pd.DataFrame) -> alt.Chart | None:
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
    domain = [alt.DateTime(year=d.year, month=d.month, date=d.day) for d in (first - margin, last + margin)]
    bar_width = max(1, min(24, 400 // max(len(counts), 1)))  # gaps stay visible between neighbours
    return (
        alt.Chart(counts, title="Figures by article date")
        .mark_bar(size=bar_width, color=BAR_COLOUR)
        .encode(x=alt.X("date:T", title=None, scale=alt.Scale(domain=domain), axis=alt.Axis(labelOverlap=True)),
                y=alt.Y("figures:Q", axis=alt.Axis(tickMinStep=1, format="d")),
                tooltip=[alt.Tooltip("date:T", format="%Y-%m-%d"), "figures:Q"])
    )


def ranked_source_chart(counts: pd.DataFrame, chosen: list[str]) -> alt.Chart | alt.VConcatChart:
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
