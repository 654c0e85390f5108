"""Articles as HTML with figures marked: escaped first, so article text never becomes markup."""

import html

from extract.app.highlight import MARK_STYLE, Mark, article_html, marked_html, sentence_html
from extract.engine.extraction import figures


def _body(markup: str) -> str:
    assert markup.startswith(MARK_STYLE + '<div class="figcheck-text">') and markup.endswith("</div>")
    return markup[len(MARK_STYLE) + len('<div class="figcheck-text">'):-len("</div>")]


def test_marks_wrap_exact_spans_with_the_reading_as_tooltip():
    text = "Sales rose 5% to $3m."
    body = _body(marked_html(text, [Mark(11, 13, "5% → 5%"), Mark(17, 20, 'a "quoted" <title>', True)]))
    assert body == ('Sales rose <mark title="5% → 5%">5%</mark> to '
                    '<mark class="selected" title="a &quot;quoted&quot; &lt;title&gt;">$3m</mark>.')


def test_hostile_article_text_is_escaped_not_rendered():
    text = 'Hello <img src=x onerror="alert(1)"> and <script>window.pwned=1</script> 5 cats & "dogs"'
    at = text.index("5 cats")
    body = _body(marked_html(text, [Mark(at, at + 1, "<b>x</b>")]))
    assert "<img" not in body and "<script" not in body and "<b>" not in body
    assert body == (html.escape(text[:at]) + '<mark title="&lt;b&gt;x&lt;/b&gt;">5</mark>'
                    + html.escape(text[at + 1:]))
    assert html.unescape(body.replace('<mark title="&lt;b&gt;x&lt;/b&gt;">', "").replace("</mark>", "")) == text


def test_overlapping_and_out_of_range_marks_are_dropped():
    body = _body(marked_html("abcdef", [Mark(0, 3, "a"), Mark(2, 4, "b"), Mark(4, 99, "c"), Mark(5, 5, "d")]))
    assert body == '<mark title="a">abc</mark>def'


def test_sentence_marks_the_figures_own_occurrence():
    text = "Two firms said two plants shut. Then two more closed."
    table = figures(text)
    second = table[table["start"] == text.index("two plants")].iloc[0].to_dict()
    body = _body(sentence_html(second, text))
    assert body.startswith("Two firms said <mark class=\"selected\"")
    assert body.endswith(">two</mark> plants shut.")


def test_article_marks_every_figure_and_highlights_the_selected_one(sample_text):
    table = figures(sample_text)
    chosen = table[table["surface"] == "496"].iloc[0]
    markup = article_html(sample_text, table, chosen["figure_id"])
    assert markup.count("<mark") == len(table) == 18
    assert markup.count('class="selected"') == 1
    assert ('<mark class="selected" title="496 → 496 tankers · source: Kyiv School of Economics · cue: reporting">'
            "496</mark>") in markup


def test_text_shown_as_markdown_cannot_become_a_link_an_image_or_markup():
    from extract.app.highlight import markdown_literal

    hostile = "404 ![pixel](https://attacker.example/p.png) [Log in](https://phish.example) *x* <b>y</b> $x$"
    assert markdown_literal(hostile) == (
        "404 !\\[pixel\\](https:\u2060//attacker.example/p.png) \\[Log in\\](https:\u2060//phish.example) \\*x\\* "
        "\\<b\\>y\\</b\\> \\$x\\$")
    # Bare addresses, which GitHub-flavoured Markdown links by themselves, stay text.
    assert markdown_literal("see http://evil.example, www.evil.example or ops@evil.example") == \
        "see http:\u2060//evil.example, www\u2060.evil.example or ops\u2060@evil.example"
    assert markdown_literal("wire.jsonl:2: malformed JSON (x)") == "wire.jsonl:2: malformed JSON (x)"


def test_the_review_trail_says_who_when_and_what_and_stays_text():
    from extract.app.highlight import review_trail_html
    from extract.workspace.reviews import Decision

    trail = [Decision("k", "unverified", "", "2025-08-07T09:30:00Z", "Ada", engine_verdict="unverified"),
             Decision("k", "conflict", "<img src=x> see https://x.example", "2025-08-07T10:00:00Z",
                      "<b>Grace</b>", engine_verdict="unverified")]
    markup = review_trail_html(trail)
    assert ("<li><time>2025-08-07 09:30:00 UTC</time> · <strong>Ada</strong> · unverified (accepts the engine&#x27;s "
            "verdict)</li>") in markup
    assert ("<li><time>2025-08-07 10:00:00 UTC</time> · <strong>&lt;b&gt;Grace&lt;/b&gt;</strong> · conflict "
            "(overrides unverified) · “&lt;img src=x&gt; see https://x.example”</li>") in markup
    assert "<img" not in markup and "<a" not in markup
    assert review_trail_html([]) == ""


def test_a_changed_figure_is_flagged_for_a_second_look():
    from extract.app.highlight import verdict_html

    box = verdict_html("unverified", "", "", "was 986", "needs a second look", "Ada")
    assert "<strong>Unverified</strong><br><em>Needs a second look:</em> the figure changed after Ada decided" in box
    assert "Decided by Ada" in verdict_html("consistent", "", "consistent", "", "reviewed", "Ada")


def test_the_evidence_table_is_escaped_and_links_only_to_web_pages():
    import pandas as pd

    from extract.app.highlight import evidence_table_html

    evidence = pd.DataFrame({
        "role": ["claim", "reference", "corpus"], "label": ["986 killed", "968 <b>killed</b>", "990 killed"],
        "source": ["", "OHCHR", "Planet"], "is_match": [True, True, False], "agrees": [True, False, True],
        "why": ["", "same unit (civilian)", "shares: Kherson ferry"],
        "url": ["", "https://ohchr.example/r?a=1&b=2", "javascript:alert(1)"]})
    markup = evidence_table_html(evidence)
    assert markup.count("<tr>") == 3  # the header and two pieces of evidence; the claim is not evidence
    assert ("<tr><td>968 &lt;b&gt;killed&lt;/b&gt;<br><small>OHCHR · <a href=\"https://ohchr.example/r?a=1&amp;b=2\" "
            "target=\"_blank\" rel=\"noopener noreferrer nofollow\">source</a></small></td><td>same</td>"
            "<td>apart</td><td>same unit (civilian)</td></tr>") in markup
    assert "<tr><td>990 killed<br><small>Planet</small></td><td>related</td><td>overlap</td>" in markup
    assert "javascript" not in markup and "<td>related</td><td>overlap</td>" in markup
    assert "table-layout:fixed" in markup and "overflow-wrap:break-word" in markup  # wraps, never scrolls sideways
