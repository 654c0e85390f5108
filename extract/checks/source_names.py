"""One name per source within a corpus: acronyms and their long forms, spacing and case variants.

"ONS" and "Office for National Statistics" are one source, and so are "TimeWarner", "Time Warner"
and "time warner". The merged name — the long form, spaced, as most often written — is what the Source
filter shows (`merged_source_column`) and what the cross-checks compare.

An acronym is merged with a long form only when exactly one long form in the corpus has those
initials, so "BA" is not guessed between "British Airways" and "British Academy".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

import pandas as pd

# Lower-case words skipped when initials are taken: "Office for National Statistics" -> ONS.
_LINK_WORDS = {"of", "for", "the", "and", "on", "in", "&", "de", "du", "des", "la", "le"}
_ACRONYM = re.compile(r"(?:[A-Z]\.?){2,7}|[A-Z][A-Z0-9&]{1,6}")
_DEFINED = re.compile(r"^(?P<long>[^()]+?)\s*\((?P<short>[A-Z][A-Za-z0-9&.]{1,7})\)$")


def spelling_key(name: str) -> str:
    """What spacing, case, punctuation and a leading "the" do not change: 'Time Warner' -> 'timewarner'."""
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    return re.sub(r"[^0-9a-z]", "", name.lower())


def initials(name: str) -> str:
    """'Office for National Statistics' -> 'ONS'; 'Bank of England' -> 'BOE' (upper-cased)."""
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", name)
    capitals = [w for w in words if w.lower() not in _LINK_WORDS]
    if len(capitals) < 2 or not all(w[0].isupper() for w in capitals):
        return ""
    return "".join(w[0] for w in capitals).upper()


def _acronym(name: str) -> str:
    """The acronym a source is written as ('ONS', 'U.N.'), upper-case letters only; '' if it is not one."""
    stripped = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    if _ACRONYM.fullmatch(stripped):
        return stripped.replace(".", "").upper()
    return ""


class _Union:
    """Names joined into groups (union-find)."""

    def __init__(self, names: Iterable[str]) -> None:
        self.parent = {name: name for name in names}

    def root(self, name: str) -> str:
        while self.parent[name] != name:
            self.parent[name] = self.parent[self.parent[name]]
            name = self.parent[name]
        return name

    def join(self, a: str, b: str) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            self.parent[rb] = ra


def _join_acronyms(counts: Counter[str], union: _Union, by_key: dict[str, str]) -> None:
    """Joins each acronym to the one long form in the corpus with its initials, if there is exactly one."""
    long_by_initials: dict[str, set[str]] = {}
    acronyms: dict[str, list[str]] = {}
    defined_long: dict[str, list[str]] = {}  # spelling key of a long form -> names "Long Form (ACR)"
    for name in counts:
        defined = _DEFINED.match(name)
        if defined:  # "Office for National Statistics (ONS)" names both forms
            short = defined.group("short").replace(".", "").upper()
            long_by_initials.setdefault(short, set()).add(spelling_key(defined.group("long")))
            defined_long.setdefault(spelling_key(defined.group("long")), []).append(name)
        short = _acronym(name)
        if short:
            acronyms.setdefault(short, []).append(name)
            continue
        long_form = defined.group("long") if defined else name
        letters = initials(long_form)
        if letters:
            long_by_initials.setdefault(letters, set()).add(spelling_key(long_form))
    for short, names in acronyms.items():
        longs = long_by_initials.get(short, set())
        if len(longs) != 1:
            continue  # no long form, or several: leave the acronym alone
        long_key = next(iter(longs))
        for name in names:
            if long_key in by_key:
                union.join(by_key[long_key], name)
            for candidate in defined_long.get(long_key, []):
                union.join(candidate, name)


def merged_source_names(sources: Iterable[str]) -> dict[str, str]:
    """Every source name of a corpus mapped to its merged name; empty names are left out."""
    counts = Counter(s.strip() for s in sources if isinstance(s, str) and s.strip())
    union = _Union(counts)
    by_key: dict[str, str] = {}
    for name in counts:
        key = spelling_key(name)
        if key in by_key:
            union.join(by_key[key], name)
        else:
            by_key[key] = name
    _join_acronyms(counts, union, by_key)
    groups: dict[str, list[str]] = {}
    for name in counts:
        groups.setdefault(union.root(name), []).append(name)
    merged: dict[str, str] = {}
    for names in groups.values():
        # The long form over an acronym, a plain name over "Long Form (ACR)", a capitalised one, the
        # spaced spelling ("Time Warner", not "TimeWarner"), then the most often written.
        best = max(names, key=lambda n: (not _acronym(n), "(" not in n, n[:1].isupper(), len(n.split()),
                                         counts[n], n))
        for name in names:
            merged[name] = best
    return merged


def merged_source_column(table: pd.DataFrame, known_sources: Iterable[str] = ()) -> pd.Series:
    """The table's `source` column with every name replaced by its merged name (empty stays empty).

    `known_sources` (the reference data's publishers) take part in the merging, so an article's
    "ONS" reads "Office for National Statistics" even when no article spells it out.
    """
    if table.empty:
        return pd.Series([], index=table.index, dtype="object")
    names = merged_source_names([*table["source"], *known_sources])
    return table["source"].map(lambda s: names.get(s.strip(), s) if isinstance(s, str) else "").astype("object")
