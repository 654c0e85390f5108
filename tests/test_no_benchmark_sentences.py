"""No NewsQuant benchmark sentence is quoted in the code or the tests (issue 11): rules are written
from the language, not from the sentences they are scored on."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NEWSQUANT = ROOT.parent / "shared" / "benchmarks" / "newsquant" / "dev.json"
_WINDOW = 8  # words in a row that make a quotation
# Files written before the rule that still quote benchmark sentences: the list may only shrink
# (a file that no longer quotes must leave it, and no other file may join it).
STILL_QUOTING: set[str] = set()


def _shingles(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {" ".join(words[i:i + _WINDOW]) for i in range(len(words) - _WINDOW + 1)}


@pytest.mark.skipif(not NEWSQUANT.exists(), reason="NewsQuant is read from ../shared, never shipped")
def test_no_benchmark_sentence_is_quoted_in_extract_or_tests():
    benchmark: set[str] = set()
    for item in json.loads(NEWSQUANT.read_text(encoding="utf-8")):
        benchmark |= _shingles(item["text"])
    quoting = set()
    for path in sorted([*ROOT.glob("extract/**/*.py"), *ROOT.glob("tests/**/*.py")]):
        if _shingles(path.read_text(encoding="utf-8")) & benchmark:
            quoting.add(str(path.relative_to(ROOT)))
    assert quoting == STILL_QUOTING
