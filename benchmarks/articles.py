"""Whole BBC articles annotated by hand: precision and recall of figures found, value, entity and source.

NewsQuant scores sentences one at a time; this scores what only whole articles show: attribution
carried across sentences ("it said", "the party says") and things that look like figures and are
not (years, ages, ranks, names with numbers). The gold is `tests/fixtures/article_gold.jsonl`: per
article id, each figure's character span in the article text, its value (or, for a vague plural,
no value and a low and a high), unit, what it measures (entity) and who says so (source, empty
where the article asserts it itself). The article texts are read from
../shared/corpora/bbc-news.jsonl and never copied here.

What counts as a figure: a number that states an amount of something: money, a count, a share, a
rate, a physical measure, a duration that is what is measured ("expected to last five months",
"two hours 18 minutes 15 seconds"), and a vague plural ("tens of thousands of old people").
Not figures: years and dates, times of day, ages and age groups ("the 31-year-old", "16 to
20-year-olds"), ordinals and ranks ("a fourth crown", "third place"), names with numbers ("Shrek 2",
"Chapter 11", "the Athens 10,000m"), match scores ("1-1"), periods that place an event in time
("two years ago", "12 months later", "the best showing in five years"), "one" as a determiner or
pronoun ("one of its employees", "one standard"), and figures of speech ("100% certain").

Scoring: a prediction finds a gold figure when their spans overlap (one-to-one, in text order).
- value: the predicted value equals the gold value (relative 1e-6), or for a vague plural the
  predicted low and high equal the gold ones;
- entity: the predicted entity shares a content word with the gold entity (after lower-casing
  and folding plurals; "the", "of", ... do not count): lenient, but an empty or unrelated entity
  is wrong;
- source: equal after folding case, leading articles and possessives, or one's words contain
  the other's ("Eliot Spitzer" for "Microsoft and New York attorney general Eliot Spitzer");
  an empty gold source needs an empty prediction.
P = right / predicted figures, R = right / gold figures; "of found" = right / gold figures found.

The gold came in batches, reported apart as well as together, each annotated by hand before the
engine's output on it was seen: batch 1, the first ten articles (issue 11's first pass; the entity and
source rules were written looking at them); batch 2, thirteen more, of which the engine accuracy pass
of issue 11 read only the scores (its unseen fold); batch 3, ten more that pass read in full (its
development fold); batches 4 and 5, fifteen articles each (three per category, drawn at random with
a fixed seed from the articles outside the other batches and the reserved ones), annotated blind in
the third engine pass of issue 11 and only ever scored: the unseen folds from then on (`--errors`
never prints their errors). Batch 2's errors were read in that pass, so it is development data since.
Batches 6 and 7, fifteen articles each, were drawn the same way (another seed) and annotated blind at
the start of the fourth pass: batch 6 is that pass's development fold (its errors are read), batch 7
joins the unseen folds. Batches 8 and 9, drawn and annotated the same way midway through that pass
(outside the articles whose engine output it had looked at), are its second development fold and a
fourth unseen fold; batches 10 and 11, drawn the same way later in that pass, its third development
fold and a fifth unseen fold; batches 12 and 13, drawn the same way at the end of that pass, a fourth
development fold and a sixth unseen fold. Batches 14 and 15, drawn the same way at the start of the
fifth pass (outside every article whose engine output had been looked at), are its development fold
and a seventh unseen fold; their annotators had one more paragraph of guidance on durations (a
sentence, a contract or how long something lasted is a figure; a period that frames another figure
or places an event in time, such as "within a week", is not) and on betting odds (not figures).
Batches 16, 17 and 18, drawn the same way midway through the fifth pass, are two more development
folds (16 and 18) and an eighth unseen fold (17); their annotators had the same paragraph on
durations, nothing on odds, and were told the existing gold's ranges for vague plurals. Batches 19
(development) and 20 (a ninth unseen fold), drawn late in the fifth pass the same way and also
outside every twin of an article already drawn or read, had the same guidance. Batches 21 and 22
(development) and 23 (a tenth unseen fold) were drawn the same way at the start of the sixth pass,
outside every article drawn or read before and every twin of one, with the same guidance; batches
24 and 25 (development) and 26 (an eleventh unseen fold) midway through that pass the same way;
batch 27 (development: eight sport and seven tech articles, the weakest categories) and batch 28 (a
twelfth unseen fold, three per category) later in that pass the same way. Batches 29 (development)
and 30 (a thirteenth unseen fold), three per category each, were drawn the same way at the start of
the seventh pass; batch 30's annotators were told to report no annotation decision. Batches 31
(development) and 32 (a fourteenth unseen fold) were drawn the same way midway through that pass.
Batches 33 and 34 (development, three per category each) were drawn at the start of the eighth pass
outside every gold and reserved article and every twin of one; their annotators had the guidance
above in one brief. That brief wrongly called "doubled" no figure, against the gold before it (a
doubling is a figure of value 2), so four doublings and a "triple" were added to their records by
hand to keep the gold consistent.

    uv run python benchmarks/articles.py [--errors] [--batch 1|2|...|32|unseen|all]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.scoring import precision_recall_f1, unpaired  # noqa: E402
from extract import document_from_text, figures  # noqa: E402
from extract.engine.measured_entity import singular  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "article_gold.jsonl"
CORPUS = ROOT.parent / "shared" / "corpora" / "bbc-news.jsonl"
_STOP = {"the", "a", "an", "of", "in", "on", "at", "for", "to", "and", "or", "by", "with", "from", "its",
         "their", "his", "her", "this", "that", "these", "those", "who", "which", "s", "is", "are", "was"}
_ARTICLES = re.compile(r"^(?:the|a|an)\s+|['’]s?$")
# Records of the gold file, in order.
BATCHES = {"1": (0, 10), "2": (10, 23), "3": (23, 33), "4": (33, 48), "5": (48, 63), "6": (63, 78), "7": (78, 93),
           "8": (93, 108), "9": (108, 123),
           "10": (123, 138), "11": (138, 153),
           "12": (153, 168), "13": (168, 183),
           "14": (183, 198), "15": (198, 213),
           "16": (213, 228), "17": (228, 243), "18": (243, 258),
           "19": (258, 273), "20": (273, 288),
           "21": (288, 303), "22": (303, 318), "23": (318, 333),
           "24": (333, 348), "25": (348, 363), "26": (363, 378),
           "27": (378, 393), "28": (393, 408),
           "29": (408, 423), "30": (423, 438),
           "31": (438, 453), "32": (453, 468),
           "33": (468, 483), "34": (483, None)}
# Batches kept unseen: their scores are printed, their errors never (--errors skips their articles),
# so that no rule is ever written looking at them.
UNSEEN = frozenset({"4", "5", "7", "9", "11", "13", "15", "17", "20", "23", "26", "28", "30", "32"})
# The corpus holds some stories twice under two ids. These unseen articles have a twin whose engine
# output was read while rules were written (bbc-tech-060 of the development batches, the others in
# random samples of the corpus read in the fifth pass), so the unseen total leaves them out; their
# batches' own scores keep them, and their errors are still never shown.
READ_TWINS = frozenset({"bbc-business-240", "bbc-entertainment-328", "bbc-politics-354", "bbc-tech-007",
                        "bbc-tech-062", "bbc-tech-293"})
# Unseen articles whose gold was read, in part, while rules were written, so they are left out of the
# unseen total like the twins (sixth pass): a search of the gold for a kind of figure printed a record
# of bbc-politics-335 (an annotator's report had cited it as a precedent); the annotator of
# bbc-sport-294 reported leaving out the minutes in brackets of its team sheet, and the rule for
# team-sheet minutes came after that report (with random corpus articles that show the pattern).
READ_GOLD = frozenset({"bbc-politics-335", "bbc-sport-294"})
LEFT_OUT_OF_UNSEEN = READ_TWINS | READ_GOLD


def load_gold(path: Path = GOLD) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_articles(ids: set[str], corpus: Path = CORPUS) -> dict[str, str]:
    texts: dict[str, str] = {}
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record.get("id") in ids:
                texts[record["id"]] = record["text"]
    return texts


def content_words(text: str) -> set[str]:
    return {singular(w) for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP}


def entity_right(predicted: str, gold: str) -> bool:
    return bool(content_words(predicted) & content_words(gold))


def fold_source(source: str) -> str:
    words = [_ARTICLES.sub("", w) for w in source.lower().split()]
    return _ARTICLES.sub("", " ".join(w for w in words if w))


def source_right(predicted: str, gold: str) -> bool:
    ours, theirs = fold_source(predicted), fold_source(gold)
    if not ours or not theirs:
        return ours == theirs
    ours_words, theirs_words = set(ours.split()), set(theirs.split())
    return ours == theirs or ours_words <= theirs_words or theirs_words <= ours_words \
        or _initials_of(predicted, gold) or _initials_of(gold, predicted)


_MINOR_WORDS = {"of", "for", "and", "the", "&", "on", "in"}


def _initials_of(acronym: str, name: str) -> bool:
    """'CML' for 'Council of Mortgage Lenders', 'BBA' for "British Bankers' Association": one
    source written as its initials and in full (issue 11: they are the same source)."""
    acronym = acronym.strip()
    if not re.fullmatch(r"[A-Z]{2,6}", acronym):
        return False
    words = [w for w in re.findall(r"[A-Za-z][\w'’.-]*", name) if w.lower() not in _MINOR_WORDS]
    return len(words) == len(acronym) and all(w[0].upper() == letter for w, letter in zip(words, acronym, strict=True))


def _close(a: float, b: float) -> bool:
    return math.isfinite(a) and math.isfinite(b) and abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1e-9)


def value_right(predicted: dict, gold: dict) -> bool:
    if gold["value"] is None:
        return _close(predicted["low"], gold["low"]) and _close(predicted["high"], gold["high"])
    return _close(predicted["value"], gold["value"])


def pair_by_span(predicted: list[dict], gold: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one pairs of overlapping spans, the first free prediction for each gold figure."""
    pairs, used = [], set()
    for g in gold:
        for index, p in enumerate(predicted):
            if index not in used and p["start"] < g["end"] and g["start"] < p["end"]:
                used.add(index)
                pairs.append((p, g))
                break
    return pairs



@dataclass(frozen=True)
class ArticleScores:
    scores: dict[str, tuple[float, float, float]]  # metric -> (P, R, F1)
    of_found: dict[str, float]  # metric -> share right among the gold figures found
    articles: int
    gold: int
    predicted: int


def unseen_ids(gold_articles: list[dict]) -> set[str]:
    """Ids of the articles in the unseen batches, whose errors are never shown."""
    return {a["id"] for name in UNSEEN for a in gold_articles[slice(*BATCHES[name])]}


def evaluate(gold_articles: list[dict], texts: dict[str, str], show_errors: bool = False,
             hidden: frozenset[str] | set[str] = frozenset()) -> ArticleScores:
    counts = {"figures found": 0, "value": 0, "entity": 0, "source": 0}
    n_pred = n_gold = 0
    for article in gold_articles:
        text = texts[article["id"]]
        table = figures(document_from_text(text, doc_id=article["id"]))
        predicted = table.to_dict("records")
        gold = article["figures"]
        n_pred += len(predicted)
        n_gold += len(gold)
        pairs = pair_by_span(predicted, gold)
        counts["figures found"] += len(pairs)
        article_errors = show_errors and article["id"] not in hidden
        for p, g in pairs:
            v, e, s = value_right(p, g), entity_right(p["entity"], g["entity"]), source_right(p["source"], g["source"])
            counts["value"] += v
            counts["entity"] += e
            counts["source"] += s
            if article_errors and not (v and e and s):
                print(f"  {article['id']} {g['surface']!r}: value {p['value']} vs {g['value']}; entity "
                      f"{p['entity']!r} vs {g['entity']!r}; source {p['source']!r} vs {g['source']!r}")
        if article_errors:
            extra, missed = unpaired(predicted, gold, pairs)
            for p in extra:
                print(f"  {article['id']} NOT A FIGURE {p['surface']!r} ({p['unit']}, {p['entity']!r})")
            for g in missed:
                print(f"  {article['id']} MISSED {g['surface']!r} ({g['entity']!r})")
    found = counts["figures found"]
    return ArticleScores(
        scores={name: precision_recall_f1(hit, n_pred, n_gold) for name, hit in counts.items()},
        of_found={name: (100 * hit / found if found else 0.0)
                  for name, hit in counts.items() if name != "figures found"},
        articles=len(gold_articles), gold=n_gold, predicted=n_pred,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print every missed, extra or wrong figure")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--batch", choices=(*BATCHES, "unseen", "all"), default=None,
                        help="score one batch of the gold only (default: all, then each batch)")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"skipped: {args.corpus} not found (the BBC corpus is read from ../shared, never shipped)")
        return 0
    gold = load_gold()
    texts = load_articles({a["id"] for a in gold}, args.corpus)
    missing = [a["id"] for a in gold if a["id"] not in texts]
    if missing:
        print(f"skipped: articles {', '.join(missing)} not in {args.corpus}")
        return 0
    parts = {"all": gold} | {name: gold[start:end] for name, (start, end) in BATCHES.items()}
    parts["unseen"] = [a for name in sorted(UNSEEN, key=int) for a in parts[name] if a["id"] not in LEFT_OUT_OF_UNSEEN]
    names = [args.batch] if args.batch else ["all", *BATCHES, "unseen"]
    hidden = unseen_ids(gold)
    if args.errors and (args.batch in UNSEEN or args.batch in (None, "all", "unseen")):
        unseen = ", ".join(sorted(UNSEEN, key=int))
        print(f"errors of the unseen batches ({unseen}) are not shown: they are only ever scored")
    for name in names:
        if not parts[name]:
            continue
        result = evaluate(parts[name], texts, show_errors=args.errors and (args.batch is not None or name == "all"),
                          hidden=hidden)
        label = {"all": "all batches",
                 "unseen": f"unseen batches {' and '.join(sorted(UNSEEN, key=int))} "
                           f"(less {len(READ_TWINS)} whose twin was read and {len(READ_GOLD)} whose gold was read)"
                 }.get(name, f"batch {name}")
        print(f"Hand-annotated BBC articles, {label}: {result.articles} articles, {result.gold} gold figures, "
              f"{result.predicted} extracted")
        print(f"{'metric':<15}{'P':>7}{'R':>7}{'F1':>7}{'of found':>10}")
        for metric, (p, r, f) in result.scores.items():
            share = f"{result.of_found[metric]:9.1f}%" if metric in result.of_found else ""
            print(f"{metric:<15}{p:7.1f}{r:7.1f}{f:7.1f}{share:>10}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
