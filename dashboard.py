"""figcheck dashboard: every figure in the articles — filter, inspect, export.

UI only: loading, filtering, charts, readings and exports are functions in `extract/`.
"""

import html
import os
from collections.abc import Mapping
from dataclasses import replace

import streamlit as st

from extract.app.article_loading import (
    UPLOAD_TYPES,
    LoadedArticles,
    articles_from_documents,
    articles_from_file,
    articles_from_text,
    bundled_files,
    combine,
    overview_counts,
)
from extract.app.checked_table import (
    EXPORT_COLUMNS,
    cross_check,
    record_review,
    references,
    reviewed_table_or_problem,
    reviews_db,
)
from extract.workspace import store_queries as figure_store
from extract.app.charts import (
    ALL_OTHERS,
    SOURCE_PICK,
    date_count_chart,
    dimension_chart,
    dimension_count_chart,
    entity_value_chart,
    interval_chart,
    source_chart,
    source_count_chart,
    timeline_chart,
)
from extract.workspace.claimreview import ClaimReviewSettings, claimreview_settings, to_claimreview_jsonld
from extract.checks.crosscheck import CrossCheck, evidence_frame
from extract.documents.loaders import Document, LoadError
from extract.workspace.export import to_jsonl_bytes, to_spreadsheet_csv_bytes
from extract.documents.url_fetch import fetch_document
from extract.workspace.filters import FigureFilters, FilterOptions, apply_filters, filter_options, table_key
from extract.app.highlight import (article_html, evidence_table_html, markdown_literal, review_trail_html,
                                   sentence_html, verdict_html)
from extract.app.figure_reading import readable_table, reading, spreadsheet_rows
from extract.workspace.reviews import ReviewStoreError, decision_history, latest_choice, reviewer_identity
from extract.workspace.run_log import configure_logging, default_workspace
from extract.workspace.store_writer import StoreError
from extract.checks.verdicts import VERDICTS

st.set_page_config(page_title="figcheck", page_icon="🔎", layout="wide")
# Tracebacks of unexpected errors go to the workspace's figcheck.log; visitors get a short message.
configure_logging(default_workspace())



def sign_in_configured() -> bool:
    try:
        return "auth" in st.secrets
    except FileNotFoundError:
        return False


# With an [auth] table in .streamlit/secrets.toml the whole app sits behind st.login (README,
# "Running for a newsroom"), and reviewers are known by st.user.
if sign_in_configured() and not st.user.to_dict().get("is_logged_in"):
    st.title("figcheck")
    st.button("Sign in", on_click=st.login, type="primary")
    st.stop()


# Extraction is cached by content: the same bytes are never extracted twice, so a filter change
# or a rerun costs no extraction.
@st.cache_data(show_spinner=False, max_entries=1000)
def load_file(name: str, data: bytes) -> LoadedArticles:
    return articles_from_file(name, data)


@st.cache_data(show_spinner=False, max_entries=200)
def load_pasted(text: str, title: str) -> LoadedArticles:
    return articles_from_text(text, title)


@st.cache_data(show_spinner=False, max_entries=200)
def load_fetched(document: Document) -> LoadedArticles:
    return articles_from_documents([document])


@st.cache_data(show_spinner="Cross-checking figures…", max_entries=20)
def check(table, reference) -> CrossCheck:
    return cross_check(table, reference)


@st.cache_data(show_spinner=False, max_entries=50)
def load_references(files: tuple[tuple[str, bytes], ...]):
    return references(list(files))


def load_everything(files: list[tuple[str, bytes]]) -> LoadedArticles:
    seen = st.session_state.setdefault("extracted", set())
    fresh = [f for f in files if (f[0], hash(f[1])) not in seen]
    bar = st.progress(0.0, text="Extracting figures…") if len(fresh) > 1 else None
    parts = []
    for number, (name, data) in enumerate(files, start=1):
        parts.append(load_file(name, data))
        seen.add((name, hash(data)))
        if bar:
            bar.progress(number / len(files), text=f"Extracting figures… {markdown_literal(name)}")
    if bar:
        bar.empty()
    parts += [load_pasted(text, title) for title, text in st.session_state.get("pasted", [])]
    parts += [load_fetched(document) for document in st.session_state.get("fetched", [])]
    return combine(parts)


def add_pasted() -> None:
    text = st.session_state.get("paste_text", "")
    if text.strip():
        st.session_state.setdefault("pasted", []).append((st.session_state.get("paste_title", ""), text))
    else:
        st.session_state["load_messages"] = ["pasted text: empty"]


def add_url() -> None:
    fetched = fetch_document(st.session_state.get("url", ""))
    if isinstance(fetched, LoadError):
        st.session_state["load_messages"] = [str(fetched)]
    else:
        st.session_state.setdefault("fetched", []).append(fetched)


def claimreview_config() -> ClaimReviewSettings:
    """The newsroom's ClaimReview settings: the [claimreview] table of .streamlit/secrets.toml."""
    try:
        section = st.secrets.get("claimreview", {})
    except FileNotFoundError:  # no secrets file: the defaults
        section = {}
    settings, problems = claimreview_settings(section if isinstance(section, Mapping) else {})
    for problem in problems:
        st.error(f"ClaimReview settings: {markdown_literal(problem)}", icon="⚠️")
    return settings


def pick_source_from_chart() -> None:
    """A click on a source's bar sets the Source filter (and so the URL)."""
    picked = st.session_state["source_chart"].selection.get(SOURCE_PICK) or []
    st.session_state["source"] = [point["source"] for point in picked if point.get("source", ALL_OTHERS) != ALL_OTHERS]


# ---- Store mode: a corpus-scale figures store, queried in DuckDB (filters, pages, charts in SQL) --
@st.cache_resource(show_spinner="Opening the figures store…", max_entries=1)
def open_store(path: str) -> figure_store.Store:
    return figure_store.open_store(path)


@st.cache_data(show_spinner=False, ttl=600)
def store_options(path: str) -> FilterOptions:
    return figure_store.sidebar_options(figure_store.filter_options(open_store(path)))


STORE_PAGE_ROWS = 100
MAX_DOCUMENT_CHOICES = 2000  # beyond this the Document filter takes ids typed in, not a list


def filter_sidebar(options: FilterOptions, *, with_verdicts: bool) -> FigureFilters:
    """The sidebar's filters, bound to the URL so a view can be shared and reloaded (both modes)."""
    sidebar = st.sidebar
    sidebar.header("Filters")
    sources = sidebar.multiselect("Source", options.sources, key="source", bind="query-params")
    if len(options.documents) <= MAX_DOCUMENT_CHOICES:
        documents = sidebar.multiselect("Document", list(options.documents), key="doc", bind="query-params",
                                        format_func=lambda doc_id: options.documents.get(doc_id, doc_id))
    else:
        typed = sidebar.text_input("Document ids (comma-separated)", key="doc_ids", bind="query-params")
        documents = [doc_id.strip() for doc_id in typed.split(",") if doc_id.strip()]
    return FigureFilters(
        sources=sources,
        documents=documents,
        outlets=sidebar.multiselect("Outlet", options.outlets, key="outlet", bind="query-params"),
        dimensions=sidebar.multiselect("Kind", options.dimensions, key="kind", bind="query-params"),
        qualifiers=sidebar.multiselect("Qualifier", options.qualifiers, key="qualifier", bind="query-params"),
        verdicts=sidebar.multiselect("Verdict", list(VERDICTS), key="verdict", bind="query-params")
        if with_verdicts else [],
        search=sidebar.text_input("Search entity and sentence", key="q", bind="query-params"),
        min_value=sidebar.number_input("Minimum value", value=None, key="min", bind="query-params"),
        max_value=sidebar.number_input("Maximum value", value=None, key="max", bind="query-params"),
    )


def store_dashboard(path: str) -> None:
    try:
        store = open_store(path)
        options = store_options(path)
    except StoreError as error:
        st.error(f"Could not open the figures store: {markdown_literal(str(error))}", icon="⚠️")
        return
    chosen = filter_sidebar(options, with_verdicts=False)
    filters = figure_store.from_figure_filters(chosen)
    st.title("figcheck")
    st.caption(f"Figures store {markdown_literal(path)}: filters, pages and charts run in DuckDB.")
    counts = figure_store.summary(store, filters)
    columns = st.columns(4)
    columns[0].metric("Articles", f"{counts.articles:,}")
    columns[1].metric("Figures", f"{counts.figures:,}")
    columns[2].metric("Sources", f"{counts.sources:,}")
    columns[3].metric("With a source", "–" if counts.share_with_source is None else f"{counts.share_with_source:.0%}")

    left, right = st.columns(2)
    by_source = figure_store.figures_by_source(store, replace(filters, sources=()),
                                               limit=30)
    left.altair_chart(source_count_chart(by_source, list(filters.sources)), key="source_chart",
                      on_select=pick_source_from_chart, selection_mode=SOURCE_PICK, width="stretch")
    right.altair_chart(dimension_count_chart(figure_store.figures_by_dimension(store, filters)), width="stretch")

    pages = max(1, -(-counts.figures // STORE_PAGE_ROWS))
    st.subheader(f"Figures ({counts.figures:,})")
    page = st.number_input(f"Page (of {pages:,})", min_value=1, max_value=pages, value=1, step=1, key="page")
    rows = figure_store.figures_page(store, filters, limit=STORE_PAGE_ROWS, offset=(page - 1) * STORE_PAGE_ROWS)
    event = st.dataframe(readable_table(rows), key=table_key(rows), on_select="rerun", selection_mode="single-row",
                         hide_index=True, width="stretch",
                         column_config={"value": st.column_config.NumberColumn("value", format="localized"),
                                        "sentence": st.column_config.TextColumn("sentence", width="large")})
    st.download_button("Export CSV", lambda: figure_store.export_bytes(store, filters, "csv"),
                       file_name="figures.csv", mime="text/csv")
    selected = event.selection.rows if event else []
    if selected and selected[0] < len(rows):
        row = rows.iloc[selected[0]].to_dict()
        st.subheader("Figure detail")
        st.html(f"<p><strong>Reading:</strong> {html.escape(reading(row))}</p>")
        st.html(sentence_html(row))
    timeline = date_count_chart(figure_store.figures_by_date(store, filters, period="month"))
    if timeline is not None:
        st.altair_chart(timeline, width="stretch")


# A store is opened only from the server's configuration, never from a path a visitor types:
# the page must not become a way to probe or load the server's directories.
store_path = os.environ.get("FIGCHECK_STORE", "").strip()
if store_path:
    store_dashboard(store_path)
    st.stop()


# The reviewer's name is given once per session: keep it while no figure (and so no name field) is shown,
# which Streamlit would otherwise take as the field being gone and forget it.
if "reviewer" in st.session_state:
    st.session_state["reviewer"] = st.session_state["reviewer"]

# ---- Sidebar: articles ------------------------------------------------------------------------
st.sidebar.header("Articles")
uploads = st.sidebar.file_uploader("Add articles", type=UPLOAD_TYPES, accept_multiple_files=True,
                                   help="Text, Markdown, HTML, or a JSONL/CSV corpus (one article per record).")
with st.sidebar.expander("Paste an article"):
    with st.form("paste", clear_on_submit=True, border=False):
        st.text_input("Title", key="paste_title")
        st.text_area("Article text", key="paste_text", height=150)
        st.form_submit_button("Add pasted article", on_click=add_pasted)
with st.sidebar.expander("Fetch an article from a URL"):
    with st.form("fetch", clear_on_submit=True, border=False):
        st.text_input("URL", key="url", placeholder="https://…")
        st.form_submit_button("Fetch", on_click=add_url)
reference_uploads = st.sidebar.file_uploader(
    "Add reference data", type=["csv"], accept_multiple_files=True,
    help="CSV with the columns of data/reference.csv: id, measure, entity, value, low, high, unit, "
         "period_start, period_end, geography, source, url, published.")

files = bundled_files() + [(f.name, f.getvalue()) for f in uploads or []]
loaded = load_everything(files)
reference, reference_errors = load_references(tuple((f.name, f.getvalue()) for f in reference_uploads or []))
result = check(loaded.table, reference)
table, review_problem = reviewed_table_or_problem(result, loaded.texts)

# ---- Sidebar: filters -------------------------------------------------------------------------
filters = filter_sidebar(filter_options(table), with_verdicts=True)
shown = apply_filters(table, filters)

# ---- Main: overview ---------------------------------------------------------------------------
st.title("figcheck")
st.caption("Every figure in the articles: what it measures, how precise it is, and who says so.")
for message in loaded.errors + st.session_state.pop("load_messages", []):
    st.error(f"Could not load {markdown_literal(message)}", icon="⚠️")
for message in reference_errors:
    st.error(f"Reference data: {markdown_literal(message)}", icon="⚠️")
if review_problem:
    st.error(f"Review decisions unavailable: {markdown_literal(review_problem)}", icon="⚠️")

counts = overview_counts(shown)
columns = st.columns(4)
columns[0].metric("Articles", counts["articles"])
columns[1].metric("Figures", counts["figures"])
columns[2].metric("Sources", counts["sources"])
columns[3].metric("With a source", "–" if counts["with_source"] is None else f"{counts['with_source']:.0%}")

left, right = st.columns(2)
left.altair_chart(source_chart(apply_filters(table, filters.without_sources()), filters.sources),
                  key="source_chart", on_select=pick_source_from_chart, selection_mode=SOURCE_PICK,
                  width="stretch")
right.altair_chart(dimension_chart(shown), width="stretch")


# ---- Table, export and the selected figure ----------------------------------------------------
@st.fragment
def figures_table_and_detail() -> None:
    st.subheader(f"Figures ({len(shown)})")
    event = st.dataframe(
        readable_table(shown),
        key=table_key(shown),
        on_select="rerun",
        selection_mode="single-row",
        hide_index=True,
        width="stretch",
        column_config={
            "surface": st.column_config.TextColumn("as written", help="The figure exactly as the article writes it"),
            "figure": st.column_config.TextColumn("figure", help="The value with its unit"),
            "value": st.column_config.NumberColumn("value", format="localized"),
            "sentence": st.column_config.TextColumn("sentence", width="large"),
        },
    )
    export = shown[EXPORT_COLUMNS]
    buttons = st.container(horizontal=True)
    for_excel = buttons.toggle("CSV for Excel (UTF-8 with BOM)", value=True, key="csv_bom")
    buttons.download_button("Export CSV", to_spreadsheet_csv_bytes(spreadsheet_rows(export, EXPORT_COLUMNS),
                                                                   bom=for_excel),
                            file_name="figures.csv", mime="text/csv")
    buttons.download_button("Export JSON Lines", to_jsonl_bytes(export), file_name="figures.jsonl",
                            mime="application/x-ndjson")
    reviewed = shown[shown["reviewer_verdict"] != ""]
    buttons.download_button(f"Export ClaimReview ({len(reviewed)} reviewed)",
                            to_claimreview_jsonld(reviewed, claimreview_config()),
                            file_name="claimreview.jsonld", mime="application/ld+json", disabled=reviewed.empty)

    rows = event.selection.rows if event else []
    if not rows or rows[0] >= len(shown):
        st.info("Select a row to see the figure in its sentence and its article, its evidence and its review.")
        return
    figure_detail(shown.iloc[rows[0]].to_dict())


def figure_detail(row: dict) -> None:
    text = loaded.texts.get(row["doc_id"])
    st.subheader("Figure detail")
    st.html(f"<p><strong>Reading:</strong> {html.escape(reading(row))}</p>")
    st.html(sentence_html(row, text))
    claim, evidence = st.columns(2)
    with claim:
        st.markdown("**Verdict**")
        st.html(verdict_html(row["verdict"], row["verdict_reason"], row["reviewer_verdict"], row["reviewer_note"],
                             row["review_status"], row["reviewed_by"]))
        review_form(row)
    with evidence:
        st.markdown("**Evidence**")
        frame = evidence_frame(result, row["figure_id"])
        if frame.empty:
            st.caption("No reference figure or other article measures the same thing."
                       + (" The verdict comes from the article's own arithmetic." if row["check"] == "arithmetic" else ""))
        else:
            st.altair_chart(interval_chart(frame), width="stretch")
            st.html(evidence_table_html(frame))
    if text is not None:
        with st.expander(f"Whole article: {markdown_literal(row['doc_title'] or row['doc_id'])}", expanded=False):
            st.html(article_html(text, table[table["doc_id"] == row["doc_id"]], row["figure_id"]))


def review_form(row: dict) -> None:
    if not row.get("review_key") or review_problem:
        return
    key = row["review_key"]  # one form per figure: a decision on one never pre-fills another's
    user = st.user.to_dict()  # empty unless st.login is configured and the visitor signed in
    if not user.get("is_logged_in"):  # no sign-in: a name given once per session stands behind each decision
        st.text_input("Your name (recorded with each decision)", key="reviewer", max_chars=80)
    reviewer = reviewer_identity(user, st.session_state.get("reviewer", ""))
    choices = ["accept"] + list(VERDICTS)
    with st.form(f"review-{key}", border=True):  # opens on the latest decision, so Save never undoes it
        choice = st.radio("Your verdict", choices, index=choices.index(latest_choice(row)), horizontal=True,
                          key=f"review_choice-{key}",
                          format_func=lambda v: f"accept ({row['verdict']})" if v == "accept" else v)
        note = st.text_area("Note", value=row["reviewer_note"] if row["review_status"] == "reviewed" else "",
                            key=f"review_note-{key}", height=80)
        if st.form_submit_button("Save decision"):
            if not reviewer:
                st.error("Give your name above before saving a decision.", icon="⚠️")
                return
            try:
                record_review(row, row["verdict"] if choice == "accept" else choice, note, reviewer)
            except ReviewStoreError as error:
                st.error(f"Decision not saved: {markdown_literal(str(error))}", icon="⚠️")
                return
            st.toast("Decision saved")
            st.rerun()
    try:
        trail = decision_history(key, reviews_db())
    except ReviewStoreError:
        trail = []
    if trail:
        st.html(review_trail_html(trail))


figures_table_and_detail()

# ---- More charts ------------------------------------------------------------------------------
left, right = st.columns(2)
left.altair_chart(entity_value_chart(shown), width="stretch")
timeline = timeline_chart(shown)
if timeline is not None:
    right.altair_chart(timeline, width="stretch")
else:
    right.caption("No article dates to draw a timeline.")
