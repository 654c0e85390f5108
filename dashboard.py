"""figcheck dashboard: every figure in the workspace — filter, inspect, review, export.

UI only. One data path: the articles live in a workspace directory (extract/workspace/workspace.py)
and everything shown is a DuckDB query over it (extract/workspace/store_queries.py), for the
bundled sample and for a corpus of millions of figures alike.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from extract.app.article_loading import UPLOAD_TYPES, documents_from_files, pasted_document
from extract.app.charts import (
    ALL_OTHERS,
    SOURCE_PICK,
    date_count_chart,
    dimension_count_chart,
    entity_value_chart,
    interval_chart,
    ranked_source_chart,
)
from extract.app.checked_table import record_review
from extract.app.figure_reading import readable_table, reading, spreadsheet_rows
from extract.app.highlight import (
    article_html,
    evidence_table_html,
    markdown_literal,
    review_trail_html,
    sentence_html,
    verdict_html,
)
from extract.app.prepared_sample import seed_sample
from extract.checks.verdicts import VERDICTS
from extract.documents.loaders import Document, LoadError
from extract.documents.url_fetch import fetch_document
from extract.workspace import store_queries as queries
from extract.workspace.claimreview import ClaimReviewSettings, claimreview_settings, to_claimreview_jsonld
from extract.workspace.export import to_spreadsheet_csv_bytes
from extract.workspace.filters import Filters, table_key
from extract.workspace.reviews import ReviewStoreError, decision_history, latest_choice, reviewer_identity
from extract.workspace.run_log import configure_logging, default_workspace
from extract.workspace.view_cache import MB, VIEW_IDLE_SECONDS, shared_view
from extract.workspace.workspace import (
    Workspace,
    WorkspaceError,
    add_documents,
    add_reference_file,
    decisions_frame,
    open_checked_store,
    open_workspace,
    reference_problems,
    remove_article,
    removed_articles,
    state,
    workspace_path,
)

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

PAGE_ROWS = 100
ENTITY_CHART_COLUMNS = ["entity", "norm_value", "norm_unit", "surface", "source", "dimension"]
MAX_DOCUMENT_CHOICES = 2000  # beyond this the Document filter takes ids typed in, not a list


# The workspace is chosen by the server's configuration (FIGCHECK_WORKSPACE), never by a visitor:
# the page must not become a way to probe or load the server's directories.
@st.cache_resource(show_spinner="Opening the workspace…", max_entries=1)
def open_shared_workspace(path: str) -> Workspace:
    return open_workspace(path, seed=seed_sample)


# One open store per state of the workspace, shared by every session: a new article, a removal or
# new reference data moves the state, and the first session to see it cross-checks and reopens.
@st.cache_resource(show_spinner="Cross-checking the figures…", max_entries=2)
def checked_store(path: str, at: str) -> queries.Store:
    return open_checked_store(Workspace(Path(path)), at=at)


# Shared, not copied: at a million figures the document list alone is 160,000 entries.
@st.cache_resource(show_spinner=False, max_entries=2)
def filter_options(path: str, at: str) -> queries.FilterOptions:
    return queries.filter_options(checked_store(path, at))


@st.cache_data(show_spinner=False, max_entries=4)
def bad_reference_rows(path: str, at: str) -> list[str]:
    return reference_problems(Workspace(Path(path)), at)


# Charts (plain Vega-Lite specifications: no Altair on a cold start) are built once per view (state
# of the workspace, decisions, filters) and shared by every session, in the bounded view cache.
@shared_view(max_entries=64, max_bytes=48 * MB, ttl=VIEW_IDLE_SECONDS)
def overview_charts(path: str, at: str, decisions: int, filters: Filters) -> dict[str, dict[str, Any] | None]:
    store = checked_store(path, at)
    timeline = date_count_chart(queries.figures_by_date(store, filters, period="day"))
    return {
        "source": ranked_source_chart(queries.source_verdict_counts(store, filters.without_sources()),
                                     list(filters.sources)),
        "kind": dimension_count_chart(queries.figures_by_dimension(store, filters)),
        "entity": entity_value_chart(queries.figures_page(store, filters, limit=2000, columns=ENTITY_CHART_COLUMNS)),
        "timeline": timeline,
    }


# What one view shows, shared by every session showing it (a link opened by a newsroom at once):
# keyed on the workspace's state, the decisions and the filters, so nothing stale is ever served.
@shared_view(max_entries=512, max_bytes=4 * MB, ttl=VIEW_IDLE_SECONDS)
def view_summary(path: str, at: str, decisions: int, filters: Filters) -> queries.StoreSummary:
    return queries.summary(checked_store(path, at), filters)


@shared_view(max_entries=128, max_bytes=32 * MB, ttl=VIEW_IDLE_SECONDS)
def view_page(path: str, at: str, decisions: int, filters: Filters, page: int) -> pd.DataFrame:
    return queries.figures_page(checked_store(path, at), filters, limit=PAGE_ROWS, offset=(page - 1) * PAGE_ROWS)


@shared_view(max_entries=512, max_bytes=1 * MB, ttl=VIEW_IDLE_SECONDS)
def view_reviewed(path: str, at: str, decisions: int, filters: Filters) -> int:
    return queries.reviewed_count(checked_store(path, at), filters)


def say(message: str) -> None:
    st.session_state.setdefault("messages", []).append(message)


def added(report_added: list[str], report_errors: list[str], what: str) -> None:
    for error in report_errors:
        say(f"Could not load {error}")
    if report_added:
        st.toast(f"Added {len(report_added)} {what} to the workspace")


def add_pasted() -> None:
    document = pasted_document(st.session_state.get("paste_text", ""), title=st.session_state.get("paste_title", ""),
                               outlet=st.session_state.get("paste_outlet", ""),
                               date=st.session_state.get("paste_date", ""), url=st.session_state.get("paste_url", ""))
    if isinstance(document, str):
        say(f"Could not load {document}")
        return
    report = add_documents(WORKSPACE, [document], how="paste")
    added(report.added, report.errors, "pasted article")


def add_url() -> None:
    fetched = fetch_document(st.session_state.get("url", ""))
    if isinstance(fetched, LoadError):
        say(f"Could not load {fetched}")
        return
    report = add_documents(WORKSPACE, [fetched], how="url")
    added(report.added, report.errors, "fetched article")


def add_uploads(files: list[tuple[str, bytes]]) -> None:
    """Extract and store uploaded files not stored yet in this session, with a progress bar."""
    done: set[str] = st.session_state.setdefault("uploaded", set())
    fresh = [(name, data) for name, data in files
             if f"{name}:{hashlib.sha256(data).hexdigest()}" not in done]
    if not fresh:
        return
    documents, errors = documents_from_files(fresh)
    for name, data in fresh:
        done.add(f"{name}:{hashlib.sha256(data).hexdigest()}")
    bar = st.sidebar.progress(0.0, text="Extracting figures…") if len(documents) > 1 else None

    def progress(number: int, document: Document) -> None:
        if bar is not None:
            bar.progress(number / len(documents), text=f"Extracting figures… {number}/{len(documents)}")

    report = add_documents(WORKSPACE, documents, how="upload", progress=progress)
    if bar is not None:
        bar.empty()
    added(report.added, errors + report.errors, "uploaded articles")


def add_references(files: list[tuple[str, bytes]]) -> None:
    for name, data in files:
        add_reference_file(WORKSPACE, name, data)


def remove_chosen() -> None:
    doc_id = (st.session_state.get("remove_doc") or "").strip()
    if doc_id not in OPTIONS.documents:
        if doc_id:
            say(f"No article {doc_id} in this workspace")
        return
    rows = queries.document_rows(STORE, doc_id)
    title = rows["doc_title"].iat[0] if len(rows) else OPTIONS.documents.get(doc_id, doc_id)
    remove_article(WORKSPACE, doc_id, title=title, review_keys=rows["review_key"].tolist())
    st.session_state["remove_doc"] = None if len(OPTIONS.documents) <= MAX_DOCUMENT_CHOICES else ""
    st.toast("Article removed from the workspace")


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


def with_linked(options: list[str], key: str) -> list[str]:
    """The options plus any value a shared link asks for that the workspace lacks, so it stays
    chosen (and is reported) instead of vanishing from the URL."""
    linked = [v for v in st.query_params.get_all(key) if v not in options]
    current = st.session_state.get(key) or []
    linked += [v for v in current if v not in options and v not in linked]
    return list(options) + linked


def filter_sidebar(options: queries.FilterOptions) -> Filters:
    """The sidebar's filters, bound to the URL so a view can be shared and reloaded."""
    sidebar = st.sidebar
    sidebar.header("Filters")

    def choose(label: str, values: list[str], key: str, format_func: Callable[[str], str] = str) -> list[str]:
        return sidebar.multiselect(label, with_linked(values, key), key=key, bind="query-params",
                                   format_func=format_func)

    # A link may name a source as an article wrote it ("ONS"): it opens that source's merged entry.
    written = [v for v in st.session_state.get("source") or st.query_params.get_all("source")
               if v not in options.sources]
    relabelled = queries.merged_source_labels(STORE, written)
    if relabelled:
        chosen = st.session_state.get("source") or st.query_params.get_all("source")
        merged = list(dict.fromkeys(relabelled.get(v, v) for v in chosen))
        st.query_params["source"] = merged  # the widget is bound to the URL, which it reads first
        st.session_state["source"] = merged
    sources = choose("Source", options.sources, "source")
    if len(options.documents) <= MAX_DOCUMENT_CHOICES:
        documents = choose("Document", list(options.documents), "doc",
                           lambda doc_id: options.documents.get(doc_id, f"{doc_id} (not in this workspace)"))
    else:
        typed = sidebar.text_input("Document ids (comma-separated)", key="doc_ids", bind="query-params")
        documents = [doc_id.strip() for doc_id in typed.split(",") if doc_id.strip()]
    return Filters(
        sources=tuple(sources), documents=tuple(documents),
        outlets=tuple(choose("Outlet", options.outlets, "outlet")),
        dimensions=tuple(choose("Kind", options.dimensions, "kind")),
        qualifiers=tuple(choose("Qualifier", options.qualifiers, "qualifier")),
        verdicts=tuple(choose("Verdict", list(VERDICTS), "verdict")),
        text=sidebar.text_input("Search entity and sentence", key="q", bind="query-params"),
        value_min=sidebar.number_input("Minimum value", value=None, key="min", bind="query-params"),
        value_max=sidebar.number_input("Maximum value", value=None, key="max", bind="query-params"),
    )


FILTER_NAMES = {"sources": "Source", "documents": "Document", "outlets": "Outlet", "dimensions": "Kind",
                "qualifiers": "Qualifier", "verdicts": "Verdict"}


# ---- The workspace and the articles in it --------------------------------------------------------
try:
    WORKSPACE = open_shared_workspace(str(workspace_path()))
except WorkspaceError as error:
    st.error(f"Could not open the workspace: {markdown_literal(str(error))}", icon="⚠️")
    st.stop()

# The reviewer's name is given once per session: keep it while no figure (and so no name field) is shown,
# which Streamlit would otherwise take as the field being gone and forget it.
if "reviewer" in st.session_state:
    st.session_state["reviewer"] = st.session_state["reviewer"]

st.sidebar.header("Articles")
uploads = st.sidebar.file_uploader("Add articles", type=UPLOAD_TYPES, accept_multiple_files=True,
                                   help="Text, Markdown, HTML, or a JSONL/CSV corpus (one article per record). "
                                        "Added articles are kept in the workspace.")
if uploads:
    add_uploads([(f.name, f.getvalue()) for f in uploads])
with st.sidebar.expander("Paste an article"), st.form("paste", clear_on_submit=True, border=False):
    st.text_input("Title", key="paste_title")
    st.text_input("Outlet", key="paste_outlet")
    st.text_input("Date (YYYY-MM-DD)", key="paste_date")
    st.text_input("URL", key="paste_url", placeholder="https://…")
    st.text_area("Article text", key="paste_text", height=150)
    st.form_submit_button("Add pasted article", on_click=add_pasted)
with st.sidebar.expander("Fetch an article from a URL"), st.form("fetch", clear_on_submit=True, border=False):
    st.text_input("URL", key="url", placeholder="https://…")
    st.form_submit_button("Fetch", on_click=add_url)
reference_uploads = st.sidebar.file_uploader(
    "Add reference data", type=["csv"], accept_multiple_files=True,
    help="CSV with the columns of data/reference.csv: id, measure, entity, value, low, high, unit, "
         "period_start, period_end, geography, source, url, published. Kept in the workspace.")
if reference_uploads:
    add_references([(f.name, f.getvalue()) for f in reference_uploads])

PATH = str(WORKSPACE.path)
AT = state(WORKSPACE)
STORE = checked_store(PATH, AT)
OPTIONS = filter_options(PATH, AT)
try:
    DECISIONS = decisions_frame(WORKSPACE, STORE)
    review_problem = ""
except ReviewStoreError as error:
    DECISIONS, review_problem = decisions_frame(None), str(error)
STORE.use_decisions(DECISIONS)
DECISIONS_KEY = int(pd.util.hash_pandas_object(DECISIONS, index=False).sum()) if len(DECISIONS) else 0

with st.sidebar.expander("Remove an article"):
    if len(OPTIONS.documents) <= MAX_DOCUMENT_CHOICES:
        st.selectbox("Article", list(OPTIONS.documents), key="remove_doc", index=None,
                     format_func=lambda doc_id: OPTIONS.documents.get(doc_id, doc_id))
    else:
        st.text_input("Article id", key="remove_doc")
    st.button("Remove from the workspace", on_click=remove_chosen, disabled=not st.session_state.get("remove_doc"),
              help="Its figures leave every view; decisions made on them stay in the review trail.")

filters = filter_sidebar(OPTIONS)

# ---- Main: what is shown, and the figures table first ----------------------------------------------
st.title("figcheck")
st.caption("Every figure in the articles: what it measures, how precise it is, and who says so.")
for message in st.session_state.pop("messages", []):
    st.error(markdown_literal(message), icon="⚠️")
for message in bad_reference_rows(PATH, AT):
    st.error(f"Reference data: {markdown_literal(message)}", icon="⚠️")
if review_problem:
    st.error(f"Review decisions unavailable: {markdown_literal(review_problem)}", icon="⚠️")

counts = view_summary(PATH, AT, DECISIONS_KEY, filters)
columns = st.columns(4)
columns[0].metric("Articles", f"{counts.articles:,}")
columns[1].metric("Figures", f"{counts.figures:,}")
columns[2].metric("Sources", f"{counts.sources:,}")
columns[3].metric("With a source", "–" if counts.share_with_source is None else f"{counts.share_with_source:.0%}")
st.caption(f"{counts.articles_in_store:,} article{'' if counts.articles_in_store == 1 else 's'} in the workspace"
           + (f", {counts.articles_without_figures:,} of them with no figure found"
              if counts.articles_without_figures else ""))
for name, values in queries.unmatched_values(filters, OPTIONS).items():
    st.warning(f"{FILTER_NAMES[name]}: no figure in this workspace has "
               + ", ".join(f"“{markdown_literal(v)}”" for v in values), icon="🔗")
active = filters.described()
if active:
    st.markdown("**Showing figures where** " + " · ".join(markdown_literal(part) for part in active))


def figure_detail(row: dict[str, Any]) -> None:
    text = queries.article_text(STORE, row["doc_id"])
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
        frame = queries.evidence_rows(STORE, row["figure_id"])
        if frame.empty:
            own = " The verdict comes from the article's own arithmetic." if row["check"] == "arithmetic" else ""
            st.caption("No reference figure or other article measures the same thing." + own)
        else:
            st.altair_chart(interval_chart(frame), width="stretch")
            st.html(evidence_table_html(frame))
    if text is not None:
        with st.expander(f"Whole article: {markdown_literal(row['doc_title'] or row['doc_id'])}", expanded=False):
            st.html(article_html(text, queries.document_rows(STORE, row["doc_id"]), row["figure_id"]))


def review_form(row: dict[str, Any]) -> None:
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
                record_review(row, row["verdict"] if choice == "accept" else choice, note, reviewer,
                              db_path=WORKSPACE.reviews_db)
            except ReviewStoreError as error:
                st.error(f"Decision not saved: {markdown_literal(str(error))}", icon="⚠️")
                return
            st.toast("Decision saved")
            st.rerun()
    try:
        trail = decision_history(key, WORKSPACE.reviews_db)
    except ReviewStoreError:
        trail = []
    if trail:
        st.html(review_trail_html(trail))


@st.fragment
def figures_table_and_detail() -> None:
    pages = max(1, -(-counts.figures // PAGE_ROWS))
    heading, pager = st.columns([3, 1])
    heading.subheader(f"Figures ({counts.figures:,})")
    page = pager.number_input(f"Page (of {pages:,})", min_value=1, max_value=pages, value=1, step=1, key="page") \
        if pages > 1 else 1
    rows = view_page(PATH, AT, DECISIONS_KEY, filters, int(page))
    if rows.empty:
        st.info("No figure matches these filters." if not filters.is_empty() else "The workspace has no figures yet: "
                "add articles in the sidebar.")
    event = st.dataframe(
        readable_table(rows), key=table_key(rows), on_select="rerun", selection_mode="single-row",
        hide_index=True, width="stretch",
        column_config={
            "surface": st.column_config.TextColumn("as written", help="The figure exactly as the article writes it"),
            "figure": st.column_config.TextColumn("figure", help="The value with its unit"),
            "value": st.column_config.NumberColumn("value", format="localized"),
            "sentence": st.column_config.TextColumn("sentence", width="large"),
        },
    )
    empty = counts.figures == 0
    reviewed = reviewed_count()
    buttons = st.container(horizontal=True)
    for_excel = buttons.toggle("CSV for Excel (UTF-8 with BOM)", value=True, key="csv_bom")
    buttons.download_button("Export CSV", lambda: spreadsheet_csv_bytes(bom=for_excel), file_name="figures.csv",
                            mime="text/csv", disabled=empty, on_click="ignore")
    buttons.download_button("Export JSON Lines", lambda: queries.export_bytes(STORE, filters, "jsonl"),
                            file_name="figures.jsonl", mime="application/x-ndjson", disabled=empty, on_click="ignore")
    settings = claimreview_config()
    buttons.download_button(f"Export ClaimReview ({reviewed} reviewed)", lambda: claimreview_bytes(settings),
                            file_name="claimreview.jsonld", mime="application/ld+json", disabled=empty or not reviewed,
                            on_click="ignore")
    selected = event.selection.rows if event else []
    if not selected or selected[0] >= len(rows):
        st.info("Select a row to see the figure in its sentence and its article, its evidence and its review.")
        return
    figure_detail(rows.iloc[selected[0]].to_dict())


def reviewed_count() -> int:
    return view_reviewed(PATH, AT, DECISIONS_KEY, filters)


def spreadsheet_csv_bytes(*, bom: bool) -> bytes:
    """The filtered figures as a person's spreadsheet gets them: the ids with the article's title,
    the figure as written with its unit, formulas neutralised, open bounds empty."""
    frame = queries.export_frame(STORE, filters)
    return to_spreadsheet_csv_bytes(spreadsheet_rows(frame, queries.EXPORT_COLUMNS), bom=bom)


def claimreview_bytes(settings: ClaimReviewSettings) -> bytes:
    frame = queries.export_frame(STORE, filters)
    return to_claimreview_jsonld(frame[frame["reviewer_verdict"] != ""], settings)


figures_table_and_detail()

# ---- Overview charts, aggregated in SQL ----------------------------------------------------------------
charts = overview_charts(PATH, AT, DECISIONS_KEY, filters)
left, right = st.columns(2)
left.vega_lite_chart(spec=charts["source"], key="source_chart", on_select=pick_source_from_chart,
                     selection_mode=SOURCE_PICK, width="stretch")
right.vega_lite_chart(spec=charts["kind"], width="stretch")
left, right = st.columns(2)
left.vega_lite_chart(spec=charts["entity"], width="stretch")
if charts["timeline"] is not None:
    right.vega_lite_chart(spec=charts["timeline"], width="stretch")
else:
    right.caption("No article dates to draw a timeline.")

gone = removed_articles(WORKSPACE)
if not gone.empty:
    with st.expander(f"Removed articles ({len(gone)})"):
        st.caption("Their figures are out of every view; the decisions reviewers made on them stay in the review "
                   "trail, marked here as about a removed article.")
        st.dataframe(gone.assign(decisions=gone["review_keys"].map(len)).drop(columns="review_keys"),
                     hide_index=True, width="stretch")
