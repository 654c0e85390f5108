"""Reviewed figures as schema.org ClaimReview JSON-LD (https://schema.org/ClaimReview), written to
Google's ClaimReview guidelines (https://developers.google.com/search/docs/appearance/structured-data/factcheck).

One ClaimReview per figure a reviewer has decided on: the sentence is the claim reviewed, the
figure's source (or else the outlet) its author, the article (its URL and headline) its
appearance, the reviewer's verdict a reader-facing rating name ("Inaccurate", not "conflict"),
the reviewer's note the review's body, and the fact-check's own page `url` under a configured base
URL. Who publishes the review is configured: the organisation, or each decision's reviewer as a
Person.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import pandas as pd

from extract.checks.verdicts import VERDICTS

AUTHOR_TYPES = ("Organization", "Person")
# What a reader sees for each verdict unless the newsroom's own scale is configured.
DEFAULT_RATING_NAMES: Mapping[str, str] = MappingProxyType(
    {"consistent": "Accurate", "conflict": "Inaccurate", "unverified": "Unsupported"})


@dataclass(frozen=True)
class ClaimReviewSettings:
    """How a newsroom publishes its fact-checks (the `[claimreview]` table of .streamlit/secrets.toml)."""

    base_url: str = ""  # each fact-check's page is base_url + "/" + the figure's review key
    author_type: str = "Organization"  # "Person": each decision's reviewer is named as the author
    author_name: str = "figcheck"  # the organisation (and the fallback name of a Person)
    author_url: str = ""
    rating_names: Mapping[str, str] = field(default_factory=lambda: DEFAULT_RATING_NAMES)


def _web_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def claimreview_settings(section: Mapping[str, object]) -> tuple[ClaimReviewSettings, list[str]]:
    """Settings from a configuration table, and a message for every value that was refused
    (the default is kept for it): a base URL that is not http(s), an unknown author type, a
    rating name that is not text."""
    problems: list[str] = []
    defaults = ClaimReviewSettings()

    def text(key: str, default: str) -> str:
        value = section.get(key, default)
        if isinstance(value, str):
            return value.strip()
        problems.append(f"claimreview.{key} must be text")
        return default

    base_url, author_url = text("base_url", ""), text("author_url", "")
    for key, url in (("base_url", base_url), ("author_url", author_url)):
        if url and not _web_url(url):
            problems.append(f"claimreview.{key} must be an http(s) URL, not {url!r}")
    author_type = text("author_type", defaults.author_type)
    if author_type not in AUTHOR_TYPES:
        problems.append(f"claimreview.author_type must be Organization or Person, not {author_type!r}")
        author_type = defaults.author_type
    names = dict(DEFAULT_RATING_NAMES)
    configured = section.get("rating_names", {})
    if isinstance(configured, Mapping):
        for verdict, name in configured.items():
            if verdict not in VERDICTS:
                problems.append(f"claimreview.rating_names: unknown verdict {verdict!r}")
            elif not isinstance(name, str) or not name.strip():
                problems.append(f"claimreview.rating_names.{verdict} must be a non-empty text")
            else:
                names[verdict] = name.strip()
    else:
        problems.append("claimreview.rating_names must be a table of verdict = name")
    settings = ClaimReviewSettings(
        base_url=base_url if _web_url(base_url) else "",
        author_type=author_type,
        author_name=text("author_name", defaults.author_name) or defaults.author_name,
        author_url=author_url if _web_url(author_url) else "",
        rating_names=MappingProxyType(names),
    )
    return settings, problems


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def claim_review(row: Mapping[str, object], settings: ClaimReviewSettings) -> dict[str, object]:
    """The ClaimReview of one reviewed row of a checked table (with the review columns)."""
    claim_author = _text(row.get("source")) or _text(row.get("doc_outlet"))
    appearance: dict[str, object] = {"@type": "CreativeWork"}
    # Published JSON-LD links only to web pages: never a javascript: or data: URL from an article.
    if _web_url(_text(row.get("doc_url"))):
        appearance["url"] = _text(row.get("doc_url"))
    for key, column in (("headline", "doc_title"), ("datePublished", "doc_date")):
        if _text(row.get(column)):
            appearance[key] = _text(row.get(column))
    if _text(row.get("doc_outlet")):
        appearance["publisher"] = {"@type": "Organization", "name": _text(row.get("doc_outlet"))}
    item: dict[str, object] = {"@type": "Claim", "appearance": appearance}
    if claim_author:
        item["author"] = {"@type": "Organization", "name": claim_author}
    if _text(row.get("doc_date")):
        item["datePublished"] = _text(row.get("doc_date"))
    if settings.author_type == "Person":
        author: dict[str, object] = {"@type": "Person",
                                     "name": _text(row.get("reviewed_by")) or settings.author_name}
    else:
        author = {"@type": "Organization", "name": settings.author_name}
        if settings.author_url:
            author["url"] = settings.author_url
    verdict = _text(row.get("reviewer_verdict"))
    review: dict[str, object] = {"@context": "https://schema.org", "@type": "ClaimReview"}
    if settings.base_url and _text(row.get("review_key")):
        review["url"] = f"{settings.base_url.rstrip('/')}/{_text(row.get('review_key'))}"
    review.update({
        "claimReviewed": _text(row.get("sentence")),
        "itemReviewed": item,
        "author": author,
        "reviewRating": {"@type": "Rating", "alternateName": settings.rating_names.get(verdict, verdict)},
        "datePublished": _text(row.get("reviewed_at"))[:10],
    })
    body = _text(row.get("reviewer_note")) or _text(row.get("verdict_reason"))
    if body:
        review["reviewBody"] = body
    return review


def claim_reviews(checked: pd.DataFrame, settings: ClaimReviewSettings) -> list[dict[str, object]]:
    """A ClaimReview for every row with a standing reviewer's verdict, in table order."""
    if "reviewer_verdict" not in checked.columns:
        return []
    reviewed = checked[checked["reviewer_verdict"].map(lambda v: isinstance(v, str) and bool(v))]
    return [claim_review(row, settings) for row in reviewed.to_dict("records")]


def to_claimreview_jsonld(checked: pd.DataFrame, settings: ClaimReviewSettings | None = None) -> bytes:
    """The ClaimReviews as one JSON array, UTF-8.

    '<', '>' and '&' are written as \\u escapes, so the bytes can go inside an HTML
    <script type="application/ld+json"> element even when article text holds "</script>".
    """
    text = json.dumps(claim_reviews(checked, settings or ClaimReviewSettings()), ensure_ascii=False, indent=2)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return (text + "\n").encode("utf-8")
