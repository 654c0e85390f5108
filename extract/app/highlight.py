"""Article text as HTML with every figure marked.

The text is hostile: it is HTML-escaped piece by piece first, and only then are `<mark>` tags put
around the figures, so nothing in an article (a `<script>`, an `onerror=`) can become markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from extract.app.figure_reading import reading
from extract.workspace.reviews import SECOND_LOOK, Decision

MARK_STYLE = (
    "<style>"
    ".figcheck-text{white-space:pre-wrap;line-height:1.6;font-size:0.95rem}"
    ".figcheck-text mark{background:#fde68a;padding:0 2px;border-radius:3px}"
    ".figcheck-text mark.selected{background:#f97316;color:#fff}"
    "</style>"
)


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    title: str  # tooltip: the figure's reading
    selected: bool = False


def marked_html(text: str, marks: Iterable[Mark]) -> str:
    """`text` escaped, with each mark's span wrapped in `<mark title=…>`; overlapping marks are dropped."""
    pieces, cursor = [], 0
    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        if mark.start < cursor or mark.end <= mark.start or mark.end > len(text):
            continue
        pieces.append(html.escape(text[cursor:mark.start]))
        css = ' class="selected"' if mark.selected else ""
        pieces.append(f'<mark{css} title="{html.escape(mark.title, quote=True)}">'
                      f"{html.escape(text[mark.start:mark.end])}</mark>")
        cursor = mark.end
    pieces.append(html.escape(text[cursor:]))
    return f'{MARK_STYLE}<div class="figcheck-text">{"".join(pieces)}</div>'


def article_html(text: str, figures: pd.DataFrame, selected_figure: str | None = None) -> str:
    """The whole article with every figure of `figures` (rows of this document) marked."""
    marks = [Mark(int(r["start"]), int(r["end"]), reading(r), r["figure_id"] == selected_figure)
             for r in figures.to_dict("records")]
    return marked_html(text, marks)


def sentence_html(row: dict, text: str | None = None) -> str:
    """The figure's sentence with the figure marked.

    With the article `text`, the mark sits at the figure's own offsets (a sentence may say "two"
    twice); without it, at the first occurrence of the figure's surface.
    """
    sentence, surface = str(row["sentence"]), str(row["surface"])
    start, end = int(row["start"]), int(row["end"])
    at = -1
    if text is not None:
        sentence_start = text.find(sentence, max(0, end - len(sentence)), start + len(sentence))
        if sentence_start >= 0:
            at = start - sentence_start
    if at < 0:
        at = sentence.find(surface)
    marks = [Mark(at, at + (end - start), reading(row), True)] if at >= 0 else []
    return marked_html(sentence, marks)


_VERDICT_STYLE = {"consistent": ("#dcfce7", "#166534"), "conflict": ("#fee2e2", "#991b1b"),
                  "unverified": ("#f1f5f9", "#334155")}


def verdict_html(verdict: str, reason: str, reviewer_verdict: str = "", reviewer_note: str = "",
                 review_status: str = "", reviewed_by: str = "") -> str:
    """A verdict box; the reason quotes the article, so it is escaped like everything else."""
    shown = reviewer_verdict or verdict
    background, colour = _VERDICT_STYLE.get(shown, _VERDICT_STYLE["unverified"])
    lines = [f"<strong>{html.escape(shown.capitalize())}</strong>"
             + (" (reviewer's verdict; the engine said " + html.escape(verdict) + ")"
                if reviewer_verdict and reviewer_verdict != verdict else
                " (accepted by a reviewer)" if reviewer_verdict else "")]
    if reason:
        lines.append(html.escape(reason))
    if review_status == SECOND_LOOK:
        lines.append("<em>Needs a second look:</em> the figure changed after "
                     + html.escape(reviewed_by or "a reviewer") + " decided on it; the engine's verdict stands "
                     "until someone decides again.")
    elif reviewed_by:
        lines.append("Decided by " + html.escape(reviewed_by))
    if reviewer_note:
        lines.append("Reviewer's note: " + html.escape(reviewer_note))
    return (f'<div style="background:{background};color:{colour};padding:0.6rem 0.9rem;border-radius:0.5rem">'
            + "<br>".join(lines) + "</div>")


def _web_link(url: str) -> str:
    """A link only to a web page (never javascript: or data:), opened apart from the app."""
    if not url.lower().startswith(("http://", "https://")):
        return ""
    return f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener noreferrer nofollow">source</a>'


def evidence_table_html(evidence: pd.DataFrame) -> str:
    """The evidence beside a claim as a table whose text wraps, so "why compared" reads whole in a
    narrow column without sideways scrolling. Everything in it comes from articles and reference
    files, so every cell is escaped; a link is kept only when it is http(s)."""
    rows = []
    for item in evidence[evidence["role"] != "claim"].to_dict("records"):
        # The source and the link sit under the label: a column of their own would be too narrow
        # for its words in half the page.
        source = str(item.get("source") or "")
        under = [html.escape(source)] if source and not str(item["label"]).startswith(source) else []
        link = _web_link(str(item.get("url") or ""))
        under += [link] if link else []
        rows.append(
            f"<tr><td>{html.escape(str(item['label']))}"
            + (f"<br><small>{' · '.join(under)}</small>" if under else "")
            + f"</td><td>{'same' if item['is_match'] else 'related'}</td>"
            f"<td>{'overlap' if item['agrees'] else 'apart'}</td>"
            f"<td>{html.escape(str(item['why']))}</td></tr>")
    return (
        "<style>.figcheck-evidence{width:100%;table-layout:fixed;border-collapse:collapse;font-size:0.85rem}"
        ".figcheck-evidence th,.figcheck-evidence td{text-align:left;vertical-align:top;padding:0.3rem 0.4rem;"
        "border-bottom:1px solid #e2e8f0;overflow-wrap:break-word}"
        ".figcheck-evidence th{font-weight:600;color:#334155}</style>"
        '<table class="figcheck-evidence"><colgroup><col style="width:32%"><col style="width:5.6em">'
        '<col style="width:5.6em"><col></colgroup>'
        "<thead><tr><th>evidence</th><th>measure</th><th>intervals</th><th>why compared</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>")


def review_trail_html(trail: Iterable[Decision]) -> str:
    """The review trail, oldest first: when, who, what and the note, all escaped (a reviewer's name
    or note is text, never markup or a link)."""
    items = []
    for decision in trail:
        what = decision.verdict + (f" (overrides {decision.engine_verdict})" if decision.overrides
                                   else " (accepts the engine's verdict)" if decision.engine_verdict else "")
        item = (f"<li><time>{html.escape(decision.reviewed_at.replace('T', ' ').replace('Z', ' UTC'))}</time> · "
                f"<strong>{html.escape(decision.reviewer or 'unnamed reviewer')}</strong> · {html.escape(what)}")
        if decision.note:
            item += f" · “{html.escape(decision.note)}”"
        items.append(item + "</li>")
    if not items:
        return ""
    return ('<div style="font-size:0.85rem;color:#475569"><strong>Review trail</strong>'
            f'<ol style="margin:0.2rem 0 0 1.2rem;padding:0">{"".join(items)}</ol></div>')


# Enough to stop links, images, emphasis, code, HTML, maths and headings; "(" or "." alone do nothing.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>~$|#])")
# GitHub-flavoured Markdown also links bare "http://…", "www.…" and "name@host", and it finds them
# in the text after escapes are resolved, so a backslash does not stop it. An invisible word joiner
# (U+2060) inside each pattern does: ':' + joiner + '//', 'www' + joiner + '.', joiner + '@'.
_BARE_LINK = re.compile(r"(?<=[A-Za-z]:)(?=//)|(?<=\b[Ww]{3})(?=\.)|(?=@)")
WORD_JOINER = "\u2060"


def markdown_literal(text: str) -> str:
    """`text` shown as written where Streamlit reads Markdown (error boxes, labels, captions):
    a file name, a server's reason phrase or a reviewer's note must not become a link or an image."""
    return _BARE_LINK.sub(WORD_JOINER, _MARKDOWN_SPECIAL.sub(r"\\\1", text))
