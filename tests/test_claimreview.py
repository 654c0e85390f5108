"""ClaimReview JSON-LD of reviewed figures, to schema.org and Google's guidelines."""

import json
from datetime import UTC, datetime

import pandas as pd

from extract import document_from_text, figures
from extract.checks.crosscheck import check_figures
from extract.checks.reference_data import load_reference
from extract.workspace.claimreview import ClaimReviewSettings, claim_review, claimreview_settings, to_claimreview_jsonld
from extract.workspace.reviews import merge_decisions, save_decision

TEXT = ("Between 1 December 2024 and 31 May 2025, 986 civilians were killed, according to the United Nations. "
        "The harbour handled 312 ships </script><script>alert(1)</script>.")
DESK = ClaimReviewSettings(base_url="https://desk.example/checks/", author_type="Organization",
                           author_name="Example Fact Desk", author_url="https://desk.example")


def _row(**changes):
    row = {"sentence": "Ferry fares rose 12% in May, the operator said.", "source": "the operator",
           "doc_outlet": "Harbour News", "doc_title": "Fares up again", "doc_url": "https://harbour.example/fares",
           "doc_date": "2025-06-02", "reviewer_verdict": "conflict", "reviewer_note": "The tariff sheet says 9%.",
           "reviewed_at": "2025-06-03T08:15:00Z", "reviewed_by": "Ada Byron", "review_key": "9f2c41d0",
           "verdict_reason": "engine reason"}
    return {**row, **changes}


def test_one_claimreview_exactly():
    data = to_claimreview_jsonld(pd.DataFrame([_row(), _row(reviewer_verdict="", review_key="other")]), DESK)
    assert data == b"""[
  {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://desk.example/checks/9f2c41d0",
    "claimReviewed": "Ferry fares rose 12% in May, the operator said.",
    "itemReviewed": {
      "@type": "Claim",
      "appearance": {
        "@type": "CreativeWork",
        "url": "https://harbour.example/fares",
        "headline": "Fares up again",
        "datePublished": "2025-06-02",
        "publisher": {
          "@type": "Organization",
          "name": "Harbour News"
        }
      },
      "author": {
        "@type": "Organization",
        "name": "the operator"
      },
      "datePublished": "2025-06-02"
    },
    "author": {
      "@type": "Organization",
      "name": "Example Fact Desk",
      "url": "https://desk.example"
    },
    "reviewRating": {
      "@type": "Rating",
      "alternateName": "Inaccurate"
    },
    "datePublished": "2025-06-03",
    "reviewBody": "The tariff sheet says 9%."
  }
]
"""


def test_a_person_reviewer_and_the_newsrooms_own_rating_scale():
    settings, problems = claimreview_settings({"author_type": "Person", "author_name": "Desk",
                                               "rating_names": {"conflict": "False", "consistent": "True"}})
    assert problems == []
    review = claim_review(_row(), settings)
    assert review["author"] == {"@type": "Person", "name": "Ada Byron"}
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "False"}
    assert "url" not in review  # no base URL configured: no made-up address
    assert claim_review(_row(reviewed_by=""), settings)["author"] == {"@type": "Person", "name": "Desk"}
    assert claim_review(_row(reviewer_verdict="unverified"), settings)["reviewRating"]["alternateName"] == \
        "Unsupported"


def test_bad_settings_are_reported_and_the_defaults_kept():
    settings, problems = claimreview_settings({"base_url": "javascript:alert(1)", "author_type": "Robot",
                                               "rating_names": {"conflict": "", "wrong": "Nope"},
                                               "author_name": 7})
    assert problems == [
        "claimreview.base_url must be an http(s) URL, not 'javascript:alert(1)'",
        "claimreview.author_type must be Organization or Person, not 'Robot'",
        "claimreview.rating_names.conflict must be a non-empty text",
        "claimreview.rating_names: unknown verdict 'wrong'",
        "claimreview.author_name must be text",
    ]
    assert (settings.base_url, settings.author_type, settings.author_name, dict(settings.rating_names)) == \
        ("", "Organization", "figcheck", {"consistent": "Accurate", "conflict": "Inaccurate",
                                          "unverified": "Unsupported"})


def test_reviewed_figures_of_a_checked_article_become_claimreviews(tmp_path):
    db = tmp_path / "reviews.sqlite"
    document = document_from_text(TEXT, origin="t.txt", title="The toll", outlet="Daily Planet", date="2025-07-01",
                                  url="https://planet.example/toll")
    reference, _ = load_reference()
    checked = merge_decisions(check_figures(figures(document), reference), db)
    row = checked.iloc[0]
    save_decision(row["review_key"], "conflict", "OHCHR reported 968, not 986.", reviewer="Ada", db_path=db,
                  doc_id=row["doc_id"], sentence=row["sentence"], surface=row["surface"],
                  reviewed_at=datetime(2025, 8, 7, tzinfo=UTC))
    reviews = json.loads(to_claimreview_jsonld(merge_decisions(checked, db), DESK))
    assert len(reviews) == 1  # only the reviewed figure
    review = reviews[0]
    assert review["url"] == f"https://desk.example/checks/{row['review_key']}"
    assert review["claimReviewed"] == ("Between 1 December 2024 and 31 May 2025, 986 civilians were killed, "
                                       "according to the United Nations.")
    assert review["itemReviewed"]["author"] == {"@type": "Organization", "name": "United Nations"}
    assert review["itemReviewed"]["appearance"]["headline"] == "The toll"
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "Inaccurate"}
    assert (review["datePublished"], review["reviewBody"]) == ("2025-08-07", "OHCHR reported 968, not 986.")


def test_markup_in_article_text_cannot_close_the_script_element():
    data = to_claimreview_jsonld(pd.DataFrame([_row(sentence="The harbour handled 312 ships </script><script>x",
                                                    reviewer_note="<b>check</b> & see", source="", doc_outlet="")]))
    assert b"<" not in data and b">" not in data and b"&" not in data
    review = json.loads(data)[0]
    assert "</script><script>" in review["claimReviewed"]
    assert review["reviewBody"] == "<b>check</b> & see"
    assert "author" not in review["itemReviewed"]  # neither a source nor an outlet to name


def test_nothing_reviewed_nothing_exported():
    checked = check_figures(figures("Sales rose 5%."))
    assert json.loads(to_claimreview_jsonld(checked)) == []


def test_only_web_urls_are_published_as_the_claims_appearance():
    row = _row(doc_url="javascript:alert(1)")
    assert "url" not in claim_review(row, DESK)["itemReviewed"]["appearance"]
