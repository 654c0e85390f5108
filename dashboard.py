"""figcheck dashboard: every figure in the articles, filterable by source, exportable as CSV."""

import altair as alt
import streamlit as st

from extract.app_data import (
    bundled_documents,
    combine_tables,
    figures_by_source,
    figures_frame,
    filter_by_source,
    source_options,
    uploaded_documents,
)
from extract.export import to_csv_bytes

st.set_page_config(page_title="figcheck", layout="wide")


@st.cache_data(show_spinner="Extracting figures…")
def load_bundled():
    documents, errors = bundled_documents()
    return figures_frame(documents), [str(e) for e in errors]


@st.cache_data(show_spinner="Extracting figures…")
def load_uploads(files: tuple[tuple[str, bytes], ...]):
    documents, errors = uploaded_documents(files)
    return figures_frame(documents), [str(e) for e in errors]


st.title("figcheck")
st.caption("Every figure in the articles: what it measures, how precise it is, and who says so.")

table, errors = load_bundled()
uploads = st.sidebar.file_uploader("Add articles", type=["txt", "md", "html", "htm", "jsonl", "csv"],
                                   accept_multiple_files=True)
if uploads:
    extra, upload_errors = load_uploads(tuple((f.name, f.getvalue()) for f in uploads))
    table = combine_tables([table, extra])
    errors = errors + upload_errors
for message in errors:
    st.error(message)

chosen = st.sidebar.multiselect("Source", source_options(table), key="source")
shown = filter_by_source(table, chosen)

left, middle, right = st.columns(3)
left.metric("Figures", len(shown))
middle.metric("Articles", shown["doc_id"].nunique())
right.metric("With a source", f"{(shown['source'] != '').mean():.0%}" if len(shown) else "–")

st.dataframe(
    shown[["surface", "value", "unit", "qualifier", "direction", "entity", "source", "sentence"]],
    hide_index=True,
    column_config={"sentence": st.column_config.TextColumn("sentence", width="large"),
                   "value": st.column_config.NumberColumn("value", format="%g")},
)
by_source = figures_by_source(shown)
if not by_source.empty:
    st.altair_chart(
        alt.Chart(by_source).mark_bar().encode(x="figures:Q", y=alt.Y("source:N", sort="-x")),
        use_container_width=True,
    )
st.download_button("Export CSV", to_csv_bytes(shown), file_name="figures.csv", mime="text/csv")
