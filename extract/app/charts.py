"""The dashboard's Altair charts, built from small pre-aggregated frames (never one mark per figure
of a large corpus)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from extract.workspace.filters import effective_verdict, figures_by_source, source_label

SOURCE_PICK = "source_pick"  # the selection a click on a source's bar sets
MAX_ENTITIES = 20
MAX_POINTS_PER_ENTITY = 50


VERDICT_COLOURS = {"consistent": "#16a34a", "conflict": "#dc2626", "unverified": "#94a3b8"}


def source_chart(table: pd.DataFrame, chosen: list[str]) -> alt.Chart:
    """Figures per source, stacked by verdict once checked; clicking a bar selects that source.
    Sources not chosen are faded while a Source filter is set."""
    if "verdict" in table.columns:
        counts = (pd.DataFrame({"source": table["source"].map(source_label), "verdict": effective_verdict(table)})
                  .value_counts().rename("figures").reset_index())
    else:
        counts = figures_by_source(table)
    return source_count_chart(counts, chosen)


def source_count_chart(counts: pd.DataFrame, chosen: list[str]) -> alt.Chart:
    """The source chart from counts already made (columns source, figures and, once checked, verdict):
    a store aggregates them in SQL."""
    pick = alt.selection_point(name=SOURCE_PICK, fields=["source"], on="click")
    counts = counts.copy()
    if "verdict" in counts.columns:
        colour = alt.Color("verdict:N", scale=alt.Scale(domain=list(VERDICT_COLOURS),
                                                        range=list(VERDICT_COLOURS.values())),
                           legend=alt.Legend(orient="bottom", title=None))
        title = "Figures and verdicts by source (click a bar to filter)"
    else:
        colour = alt.value("#2563eb")  # type: ignore[assignment]  # a constant colour where the branch above maps verdicts
        title = "Figures by source (click a bar to filter)"
    counts["chosen"] = counts["source"].isin(chosen) if chosen else True
    return (
        alt.Chart(counts, title=title)
        .mark_bar(cursor="pointer")
        .encode(
            # The counts are already aggregated: an aggregate here would drop `chosen` from the data.
            x=alt.X("figures:Q", title="figures", stack="zero", axis=alt.Axis(tickMinStep=1, format="d")),
            y=alt.Y("source:N", sort="-x", title=None, axis=alt.Axis(labelLimit=220)),
            color=colour,
            opacity=alt.condition("datum.chosen", alt.value(1.0), alt.value(0.3)),
            tooltip=[alt.Tooltip("source:N"), alt.Tooltip("figures:Q")]
            + ([alt.Tooltip("verdict:N")] if "verdict" in counts.columns else []),
        )
        .add_params(pick)
    )


def interval_chart(evidence: pd.DataFrame) -> alt.Chart:
    """The claim's interval and each piece of evidence's on one axis: overlap means agreement.
    An open upper end ("more than 6,700") is drawn to the chart's edge and marked with an arrow."""
    frame = evidence.assign(
        end_mark=evidence["open_high"].map(lambda open_: "▶" if open_ else ""),
        shown=evidence.apply(
            lambda r: "this article" if r["role"] == "claim" else f"{r['source'] or r['role']}", axis=1
        ),
    )
    base = alt.Chart(frame).encode(
        y=alt.Y("label:N", title=None, sort=None, axis=alt.Axis(labelLimit=320)),
        color=alt.Color("role:N", title=None, legend=alt.Legend(orient="bottom")),
    )
    tooltip = ["label:N", "shown:N", "low:Q", "high:Q", "why:N"]
    spans = base.mark_rule(strokeWidth=6).encode(
        x=alt.X("low:Q", title=str(frame["unit"].iloc[0]) or "value", scale=alt.Scale(zero=False)),
        x2="high:Q",
        tooltip=tooltip,
    )
    ends = base.mark_point(filled=True, size=70).encode(x="low:Q", tooltip=tooltip) + base.mark_point(
        filled=True, size=70
    ).encode(x="high:Q", tooltip=tooltip)
    arrows = base.mark_text(align="left", dx=4).encode(x="high:Q", text="end_mark:N")
    return (spans + ends + arrows).properties(
        title="Intervals: the claim and its evidence", height=interval_chart_height(evidence)
    )


def interval_chart_height(evidence: pd.DataFrame) -> int:
    return 60 + 28 * len(evidence)


def dimension_chart(table: pd.DataFrame) -> alt.Chart:
    counts = table["dimension"].replace("", "(none)").value_counts().rename_axis("dimension")
    return dimension_count_chart(counts.reset_index(name="figures"))


def dimension_count_chart(counts: pd.DataFrame) -> alt.Chart:
    """Figures per kind from counts already made (columns dimension, figures)."""
    return (
        alt.Chart(counts, title="Figures by kind")
        .mark_bar()
        .encode(
            x=alt.X("figures:Q", axis=alt.Axis(tickMinStep=1, format="d")),
            y=alt.Y("dimension:N", sort="-x", title=None, axis=alt.Axis(labelLimit=220)),
            tooltip=["dimension:N", "figures:Q"],
        )
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
            y=alt.Y(
                "entity:N",
                title=None,
                axis=alt.Axis(labelLimit=180),
                sort=alt.EncodingSortField("norm_value", op="max", order="descending"),
            ),
            color=alt.Color("dimension:N", title="kind", legend=alt.Legend(orient="bottom")),
            tooltip=["entity:N", "surface:N", "norm_value:Q", "norm_unit:N", "source:N"],
        )
    )


def figures_by_date(table: pd.DataFrame) -> pd.DataFrame:
    dates = pd.to_datetime(table["doc_date"], errors="coerce", format="mixed").dropna()
    counts = dates.dt.normalize().value_counts().sort_index()
    return counts.rename_axis("date").reset_index(name="figures")


def timeline_chart(table: pd.DataFrame) -> alt.Chart | None:
    """Figures per document date; None when no document has a date.

    A few dates read best as labelled bars; many as bars on a time axis.
    """
    return date_count_chart(figures_by_date(table))


def date_count_chart(counts: pd.DataFrame) -> alt.Chart | None:
    """Figures per date from counts already made (columns date, figures); None when there are none."""
    if counts.empty:
        return None
    counts = counts.assign(date=pd.to_datetime(counts["date"], errors="coerce", format="mixed")).dropna()
    if counts.empty:
        return None
    if len(counts) <= 31:
        counts = counts.assign(day=counts["date"].dt.strftime("%Y-%m-%d"))
        x = alt.X("day:O", title=None, sort="ascending", axis=alt.Axis(labelAngle=0 if len(counts) <= 6 else -45))
        mark = alt.Chart(counts, title="Figures by article date").mark_bar(size=28 if len(counts) <= 6 else 12)
    else:
        x = alt.X("date:T", title=None)
        mark = alt.Chart(counts, title="Figures by article date").mark_bar()
    return mark.encode(
        x=x,
        y=alt.Y("figures:Q", axis=alt.Axis(tickMinStep=1, format="d")),
        tooltip=[alt.Tooltip("date:T", format="%Y-%m-%d"), "figures:Q"],
    )


def ranked_source_chart(counts: pd.DataFrame, chosen: list[str]) -> alt.Chart:
    """The source chart with its bars in the order of `counts` (as `store_queries.source_verdict_counts`
    ranks them: most figures first, the folded "all other sources" and "(stated by the article)"
    last), so that the article's own statements, often the most, never squeeze the named sources."""
    order = list(dict.fromkeys(counts["source"]))
    chart = source_count_chart(counts, chosen)
    return chart.encode(y=alt.Y("source:N", sort=order, title=None, axis=alt.Axis(labelLimit=220)))
