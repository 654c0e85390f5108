"""ClaimReview JSON-LD of reviewed figures."""

import json
from datetime import datetime, timezone

from extract import document_from_text, figures
from extract.workspace.claimreview import to_claimreview_jsonld
from extract.checks.crosscheck import check_figures
from extract.checks.reference_data import load_reference
from extract.workspace.reviews import merge_decisions, review_keys, save_decision

TEXT = ("Between 1 December 2024 and 31 May 2025, 986 civilians were killed, according to the United Nations. "
        "The harbour handled 312 ships </script><script>alert(1)</script>.")


def test_reviewed_figures_become_claimreviews(tmp_path):
    db = tmp_path / "reviews.sqlite"
    document = document_from_text(TEXT, origin="t.txt", title="The toll", outlet="Daily Planet", date="2025-07-01",
                                   url="https://planet.example/toll")
    reference, _ = load_reference()
    checked = check_figures(figures(document), reference)
    key = review_keys(checked).iloc[0]
    save_decision(key, "conflict", "OHCHR reported 968, not 986.", reviewer="Ada", db_path=db,
                  reviewed_at=datetime(2025, 8, 7, tzinfo=timezone.utc))
    data = to_claimreview_jsonld(merge_decisions(checked, db), reviewer="Example Fact Desk",
                                 reviewer_url="https://desk.example")
    reviews = json.loads(data)
    assert len(reviews) == 1  # only the reviewed figure
    review = reviews[0]
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == ("Between 1 December 2024 and 31 May 2025, 986 civilians were killed, "
                                       "according to the United Nations.")
    assert review["itemReviewed"] == {
        "@type": "Claim",
        "author": {"@type": "Organization", "name": "United Nations"},
        "appearance": {"@type": "CreativeWork", "url": "https://planet.example/toll", "headline": "The toll",
                       "datePublished": "2025-07-01"},
        "datePublished": "2025-07-01",
    }
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "conflict",
                                      "ratingExplanation": "OHCHR reported 968, not 986."}
    assert review["author"] == {"@type": "Organization", "name": "Example Fact Desk", "url": "https://desk.example"}
    assert review["datePublished"] == "2025-08-07"
    assert review["reviewBody"].startswith("states 986 civilians killed, 1 Dec 2024 – 31 May 2025; UN Human Rights")


def test_markup_in_article_text_cannot_close_the_script_element(tmp_path):
    db = tmp_path / "reviews.sqlite"
    document = document_from_text(TEXT, origin="t.txt")
    checked = check_figures(figures(document))
    keys = review_keys(checked)
    save_decision(keys.iloc[1], "unverified", "<b>check</b> & see", reviewer="Ada", db_path=db)
    data = to_claimreview_jsonld(merge_decisions(checked, db), reviewer="Desk")
    assert b"<" not in data and b">" not in data and b"&" not in data
    review = json.loads(data)[0]
    assert "</script><script>" in review["claimReviewed"]
    assert review["reviewRating"]["ratingExplanation"] == "<b>check</b> & see"
    assert "author" not in review["itemReviewed"]  # neither a source nor an outlet to name


def test_nothing_reviewed_nothing_exported():
    checked = check_figures(figures("Sales rose 5%."))
    assert json.loads(to_claimreview_jsonld(checked, reviewer="Desk")) == []


def test_only_web_urls_are_published_as_the_claims_appearance():
    from extract.workspace.claimreview import claim_review

    row = {"sentence": "Costs rose 9%.", "doc_url": "javascript:alert(1)", "reviewer_verdict": "conflict",
           "reviewed_at": "2025-08-07T09:30:00Z"}
    assert "url" not in claim_review(row, reviewer="Desk")["itemReviewed"]["appearance"]
    row["doc_url"] = "https://news.example/a"
    assert claim_review(row, reviewer="Desk")["itemReviewed"]["appearance"]["url"] == "https://news.example/a"
