"""NewsQuant (development half): precision, recall and F1 of figcheck's extraction, per fold.

Implements the protocol of ../shared/benchmarks/newsquant/README.md (the one the CQE paper
reports): per sentence, predictions pair one-to-one with gold quantities by value; then unit,
change and concept are checked on the pairs.

The development half is split into two fixed folds: A holds the records at even positions of
dev.json, B those at odd positions. Rules are changed looking at fold A only; fold B measures
whether a change generalises (a change that helps A and not B is tuning, not progress).

    uv run python benchmarks/newsquant.py [--fold A|B|all] [--errors]

Without --fold it prints both folds and the whole half.

Skips cleanly (exit 0) when the data file is absent.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.scoring import precision_recall_f1, unpaired  # noqa: E402
from extract import figures  # noqa: E402
from extract.engine.currencies import currency_table  # noqa: E402
from extract.engine.measured_entity import singular  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "newsquant" / "dev.json"
PUBLISHED = {"CQE": (92.0, 85.6, 88.1, 76.1), "quantulum3": (73.0, 47.2, None, None)}
_STOP = {"the", "a", "an", "of", "in", "on", "at", "for", "to", "and", "or", "by", "with", "from",
         "its", "their", "his", "her", "this", "that", "these", "those", "-", "s"}
# Spelling variants of one unit, folded to one key (the protocol's "percent = percentage, USD =
# $ = dollar, km = kilometre, ...").
_FOLD = {
    "percent": "percent", "percentage": "percent", "per cent": "percent", "pc": "percent", "%": "percent",
    "pct": "percent", "&": "percent", "$": "usd", "us$": "usd", "usd": "usd", "dollar": "usd",
    "dollars": "usd", "us dollar": "usd", "united states dollar": "usd", "$ us": "usd", "£": "gbp",
    "gbp": "gbp", "pound sterling": "gbp", "ps": "gbp", "pound": "gbp", "€": "eur", "eur": "eur",
    "euro": "eur", "euros": "eur", "yen": "jpy", "japanese yen": "jpy", "jpy": "jpy", "y": "jpy",
    "shekel": "ils", "ils": "ils", "shekels": "ils", "australian dollar": "aud", "aud": "aud",
    "$a": "aud", "hong kong dollar": "hkd", "hkd": "hkd", "hk$": "hkd", "danish krone": "dkk",
    "dkk": "dkk", "malaysian ringgit": "myr", "myr": "myr", "rm": "myr", "cent": "usd¢",
    "cents": "usd¢", "usd¢": "usd¢", "penny": "gbp_p", "p": "gbp_p", "gbp_p": "gbp_p", "gbp p": "gbp_p",
    "km": "kilometre", "kilometer": "kilometre", "kilometre": "kilometre", "metre": "metre",
    "meter": "metre", "m": "metre", "mile": "mile", "miles": "mile", "basis point": "basis point",
    "percentage point": "percentage point", "pound-mass": "pound-mass", "year of age": "year",
    "year": "year", "euro¢": "eur¢", "croatian kuna": "hrk", "kn": "hrk",
    # The protocol folds "metric ton" and "tonne" (the same 1,000 kg) like "km" and "kilometre".
    "tonne": "tonne", "tonnes": "tonne", "metric ton": "tonne", "metric tonne": "tonne", "t": "tonne",
}
# Every ISO 4217 currency by its code, English names and symbols (babel's data via figcheck's one
# currency table), so that "CNY", "yuan" and "Chinese yuan" agree as "USD", "$" and "dollar" do.
_CURRENCY_FOLD = {code.lower(): code.lower() for code in currency_table().codes} \
    | {name: code.lower() for name, code in currency_table().names.items()} \
    | {prefix.lower(): code.lower() for prefix, code in currency_table().prefixes.items()}


def _number(text: str) -> float:
    return float(text.strip())


def parse_gold_value(raw: str) -> tuple[float, float]:
    """(low, high) of a gold value: '252.0-287.0' is a range, '-5.0' a negative number."""
    raw = raw.strip()
    m = re.fullmatch(r"(-?[\d.]+(?:[eE][-+]?\d+)?)\s*-\s*(-?[\d.]+(?:[eE][-+]?\d+)?)", raw)
    if m:
        a, b = _number(m.group(1)), _number(m.group(2))
        return (min(a, b), max(a, b))
    value = _number(raw)
    return (value, value)


def _close(a: float, b: float) -> bool:
    if math.isinf(a) or math.isinf(b):
        return False
    return abs(a - b) <= 1e-5 * max(abs(a), abs(b), 1e-9)


def _pairs(predicted: list[dict], gold: list[dict]) -> list[tuple[dict, dict]]:
    pairs, used = [], set()
    for g in gold:
        try:
            low, high = parse_gold_value(g["value"])
        except ValueError:
            continue
        for index, p in enumerate(predicted):
            if index in used:
                continue
            if low != high:
                ends = sorted((p["low"], p["high"]))
                ok = _close(ends[0], low) and _close(ends[1], high)
            else:
                ok = _close(p["value"], low)
            if ok:
                used.add(index)
                pairs.append((p, g))
                break
    return pairs


def _fold(unit: str) -> str:
    unit = unit.strip()
    # "GBp" (pence, ISO 4217 convention) differs from "GBP" (pounds) only in case: fold it
    # before lower-casing, or every pence figure would be scored as pounds.
    if unit == "GBp":
        return "gbp_p"
    unit = unit.lower()
    unit = re.sub(r"\s+", " ", unit)
    if unit in ("", "-"):
        return ""
    if unit in _FOLD:
        return _FOLD[unit]
    if unit in _CURRENCY_FOLD:
        return _CURRENCY_FOLD[unit]
    for sep in ("/", " per ", " a ", " an "):
        if sep in unit:
            left, right = unit.split(sep, 1)
            return f"{_fold(left)}/{singular(right.strip())}"
    words = unit.split()
    return " ".join(singular(w) for w in words)


def unit_agrees(predicted: dict, gold: dict) -> bool:
    ours = _fold(predicted["unit"])
    theirs = {_fold(gold["unit"]), _fold(gold["normalized_unit"])}
    if ours in theirs:
        return True
    # Counted nouns: "tanker" agrees with "sanctioned tankers" / "tanker".
    return bool(ours) and any(t and (t.split()[-1] == ours.split()[-1]) for t in theirs)


def change_agrees(predicted: dict, gold: dict) -> bool:
    if predicted["direction"]:
        return gold["change"] == predicted["direction"]
    mapped = {"exact": "=", "range": "=", "approx": "~", "lower": ">", "upper": "<"}[predicted["qualifier"]]
    return gold["change"] == mapped


def _content_words(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {singular(w) for w in words if w not in _STOP}


def concept_agrees(predicted: dict, gold: dict) -> bool:
    theirs = _content_words("" if gold["referred_concepts"].strip() == "-" else gold["referred_concepts"])
    ours = _content_words(predicted["entity"])
    if not theirs and not ours:
        return True
    return bool(theirs & ours)



def evaluate(sentences: list[dict], show_errors: bool = False) -> dict[str, tuple]:
    counts = {"value": 0, "value+unit": 0, "value+change": 0, "value+concept": 0}
    n_pred = n_gold = 0
    split_ranges = kept_directions = periods = determiners = 0
    for item in sentences:
        frame = figures(item["text"])
        predicted = frame.to_dict("records")
        gold = item["quantities"]
        n_pred += len(predicted)
        n_gold += len(gold)
        pairs = _pairs(predicted, gold)
        counts["value"] += len(pairs)
        split_ranges += len(split_gold_ranges(predicted, gold, pairs))
        periods += len(unpaired_periods(gold, pairs))
        determiners += len(unpaired_determiners(item["text"], gold, pairs))
        for p, g in pairs:
            u, c, k = unit_agrees(p, g), change_agrees(p, g), concept_agrees(p, g)
            kept_directions += keeps_its_direction(p, g)
            counts["value+unit"] += u
            counts["value+change"] += c
            counts["value+concept"] += k
            if show_errors and not (u and c):
                print(f"  {item['id']} {p['surface']!r}: unit {p['unit']!r} vs {g['unit']!r}/{g['normalized_unit']!r}"
                      f"; change {p['qualifier']}/{p['direction']} vs {g['change']}")
        if show_errors:
            extra, missed = unpaired(predicted, gold, pairs)
            for p in extra:
                print(f"  {item['id']} EXTRA {p['surface']!r} value={p['value']} [{p['low']},{p['high']}]")
            for g in missed:
                print(f"  {item['id']} MISSED {g['value']} {g['unit']!r} | {item['text'][:120]}")
    return {name: precision_recall_f1(hit, n_pred, n_gold) for name, hit in counts.items()} | {
        "_n": (n_pred, n_gold, len(sentences)), "_differences": (split_ranges, kept_directions, periods, determiners)}


def split_gold_ranges(predicted: list[dict], gold: list[dict], pairs: list[tuple[dict, dict]]) -> list[dict]:
    """Gold ranges figcheck reads as two figures on purpose: "rose from 240 to 273" is a before and an
    after (the cross-checks need both), not an interval. Each costs one gold quantity (value and every
    metric after it) and adds two predictions the gold does not have."""
    paired = {id(g) for _, g in pairs}
    paired_predictions = {id(p) for p, _ in pairs}
    free = [p for p in predicted if id(p) not in paired_predictions]
    split = []
    for g in gold:
        try:
            low, high = parse_gold_value(g["value"])
        except ValueError:
            continue
        if low == high or id(g) in paired:
            continue
        values = [p["value"] for p in free]
        if any(_close(v, low) for v in values) and any(_close(v, high) for v in values):
            split.append(g)
    return split


_PERIOD_UNIT = re.compile(r"\b(?:years?|months?|weeks?|days?|decades?)\b|-old\b", re.IGNORECASE)


def unpaired_periods(gold: list[dict], pairs: list[tuple[dict, dict]]) -> list[dict]:
    """Gold periods and ages left unpaired: figcheck leaves out on purpose a period that places an
    event in time ("two years later", "over the past two years", "the best in five years") and an
    age ("an 18 month-old daughter"), which NewsQuant counts. "At most": a period missed for another
    reason counts here too."""
    paired = {id(g) for _, g in pairs}
    return [g for g in gold if id(g) not in paired and _PERIOD_UNIT.search(g["unit"] or "")]


def unpaired_determiners(text: str, gold: list[dict], pairs: list[tuple[dict, dict]]) -> list[dict]:
    """Gold ones left unpaired where the sentence has "one" before their unit ("one proposal asks"):
    figcheck reads a bare "one" before a singular noun as the article "a", which NewsQuant counts."""
    paired = {id(g) for _, g in pairs}
    found = []
    for g in gold:
        words = re.findall(r"[A-Za-z]+", g["unit"] or "")
        if id(g) in paired or g["value"].strip() not in ("1", "1.0") or not words:
            continue
        if re.search(r"\bone\s+(?:[a-z-]+\s+){0,2}" + re.escape(words[0]), text, re.IGNORECASE):
            found.append(g)
    return found


def keeps_its_direction(predicted: dict, gold: dict) -> bool:
    """A stated change figcheck keeps as a change on purpose ("a 75 percent increase" is `up`, "about
    19 per cent higher" is `up`, not approximate) where the gold marks no direction."""
    return bool(predicted["direction"]) and gold["change"] not in ("up", "down")


FOLDS = ("A", "B")


def fold(sentences: list[dict], name: str) -> list[dict]:
    """Fold A: the records at even positions of dev.json; fold B: those at odd positions; all: both."""
    if name == "all":
        return sentences
    return sentences[FOLDS.index(name)::2]


def _print_scores(title: str, scores: dict[str, tuple]) -> None:
    n_pred, n_gold, n_sent = scores.pop("_n")
    split_ranges, kept_directions, periods, determiners = scores.pop("_differences")
    print(f"{title}: {n_sent} sentences, {n_gold} gold quantities, {n_pred} predicted")
    print(f"{'metric':<15}{'P':>7}{'R':>7}{'F1':>7}   CQE F1 (whole half, published)")
    for (name, (p, r, f)), cqe in zip(scores.items(), PUBLISHED["CQE"], strict=True):
        print(f"{name:<15}{p:7.1f}{r:7.1f}{f:7.1f}   {cqe:6.1f}")
    print(f"deliberate differences: {split_ranges} gold ranges read as a before and an after "
          f"({split_ranges} gold quantities, {2 * split_ranges} extra predictions); "
          f"at most {kept_directions} changes that keep their direction ({kept_directions} value+change agreements); "
          f"at most {periods} periods that place an event in time and ages ({periods} gold quantities); "
          f"at most {determiners} ones read as the article 'a' ({determiners} gold quantities)")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print every unpaired or disagreeing figure")
    parser.add_argument("--fold", choices=("A", "B", "all"), default=None,
                        help="A: even records (tune here), B: odd records (held out); default: A, B and all")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    if not args.data.exists():
        print(f"skipped: {args.data} not found (NewsQuant is read from ../shared, never shipped)")
        return 0
    sentences = json.loads(args.data.read_text(encoding="utf-8"))
    names = [args.fold] if args.fold else ["A", "B", "all"]
    for name in names:
        scores = evaluate(fold(sentences, name), show_errors=args.errors)
        title = "NewsQuant development half" if name == "all" else f"NewsQuant fold {name}"
        _print_scores(title, scores)
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
