"""No NewsQuant development sentence, nor any 8-word stretch of one, is quoted in extract/ or tests/.

Rules tuned against quoted benchmark sentences reach the tuning set and not the world; this keeps
the code and its tests in figcheck's own words. Skips without ../shared.
"""

import json
import re

import pytest
from conftest import ROOT, SHARED

DEV = SHARED / "benchmarks" / "newsquant" / "dev.json"
WINDOW = 8
_WORD = re.compile(r"[a-z0-9]+(?:[.,'’][a-z0-9]+)*")


def words(text: str) -> list[str]:
    """Lower-case words with their inner punctuation ("1.8", "1,000"), so that quoting a sentence
    with other spacing, capitals or quote marks still matches."""
    return _WORD.findall(text.lower())


def windows(text: str) -> set[tuple[str, ...]]:
    found = words(text)
    return {tuple(found[i:i + WINDOW]) for i in range(len(found) - WINDOW + 1)}


def test_windows_see_through_case_punctuation_and_line_breaks():
    quoted = 'rule: "The Seven Dwarfs dug 1,250 tonnes of coal,\n    said the mine" # quoted'
    assert tuple(words("seven dwarfs dug 1,250 tonnes of coal said")) in windows(quoted)
    assert not windows("only seven words are written here today")


def test_no_benchmark_sentence_or_eight_word_window_in_code_or_tests():
    if not DEV.exists():
        pytest.skip(f"{DEV} not found (NewsQuant is read from ../shared, never shipped)")
    benchmark: set[tuple[str, ...]] = set()
    for item in json.loads(DEV.read_text(encoding="utf-8")):
        benchmark |= windows(item["text"])
    assert len(benchmark) > 1000  # the file was read, not an empty list
    quoted = []
    for folder in ("extract", "tests"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix not in {".py", ".json", ".jsonl", ".md", ".txt", ".csv"}:
                continue
            for window in windows(path.read_text(encoding="utf-8", errors="replace")) & benchmark:
                quoted.append(f"{path.relative_to(ROOT)}: {' '.join(window)}")
    assert quoted == []
