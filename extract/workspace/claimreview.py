"""Reviewed figures as schema.org ClaimReview JSON-LD (https://schema.org/ClaimReview).

One ClaimReview per figure a reviewer has decided on: the sentence is the claim reviewed, the
figure's source (or else the outlet) its author, the article its appearance, and the reviewer's
verdict the rating's `alternateName`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

import pandas as pd


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def claim_review(row: Mapping[str, object], *, reviewer: str, reviewer_url: str = "") -> dict:
    """The ClaimReview of one reviewed row of a checked table (with the review columns)."""
    claim_author = _text(row.get("source")) or _text(row.get("doc_outlet"))
    appearance: dict[str, object] = {"@type": "CreativeWork"}
    for key, column in (("url", "doc_url"), ("headline", "doc_title"), ("datePublished", "doc_date")):
        if _text(row.get(column)):
            appearance[key] = _text(row.get(column))
    if not _text(appearance.get("url")).lower().startswith(("http://", "https://")):
        # Published JSON-LD links only to web pages: never a javascript: or data: URL from an article.
        appearance.pop("url", None)
    item: dict[str, object] = {"@type": "Claim", "appearance": appearance}
    if claim_author:
        item["author"] = {"@type": "Organization", "name": claim_author}
    if _text(row.get("doc_date")):
        item["datePublished"] = _text(row.get("doc_date"))
    author: dict[str, object] = {"@type": "Organization", "name": reviewer}
    if reviewer_url:
        author["url"] = reviewer_url
    explanation = _text(row.get("reviewer_note")) or _text(row.get("verdict_reason"))
    rating: dict[str, object] = {"@type": "Rating", "alternateName": _text(row.get("reviewer_verdict"))}
    if explanation:
        rating["ratingExplanation"] = explanation
    review: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": _text(row.get("sentence")),
        "itemReviewed": item,
        "reviewRating": rating,
        "author": author,
        "datePublished": _text(row.get("reviewed_at"))[:10],
    }
    if _text(row.get("verdict_reason")):
        review["reviewBody"] = _text(row.get("verdict_reason"))
    return review


def claim_reviews(checked: pd.DataFrame, *, reviewer: str, reviewer_url: str = "") -> list[dict]:
    """A ClaimReview for every row with a reviewer's verdict, in table order."""
    if "reviewer_verdict" not in checked.columns:
        return []
    reviewed = checked[checked["reviewer_verdict"].map(lambda v: isinstance(v, str) and bool(v))]
    return [claim_review(row, reviewer=reviewer, reviewer_url=reviewer_url) for row in reviewed.to_dict("records")]


def to_claimreview_jsonld(checked: pd.DataFrame, *, reviewer: str, reviewer_url: str = "") -> bytes:
    """The ClaimReviews as one JSON array, UTF-8.

    '<', '>' and '&' are written as \\u escapes, so the bytes can go inside an HTML
    <script type="application/ld+json"> element even when article text holds "</script>".
    """
    text = json.dumps(claim_reviews(checked, reviewer=reviewer, reviewer_url=reviewer_url),
                      ensure_ascii=False, indent=2)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return (text + "\n").encode("utf-8")
