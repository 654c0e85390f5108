"""Currencies: one table, from babel's ISO 4217 data (codes, English names, symbols) plus news spellings.

Every currency word list of figcheck derives from this table: the prefixes `numbers` reads before
a number ("HK$", "£", "CHF"), the names `units` reads after one ("Swiss francs", "rand") and the
unit folding of `benchmarks/newsquant.py`. babel takes over a second to produce the English names,
and that cost would land on the dashboard's first render, so its part of the table is shipped as
`currencies.json`, regenerated with `python -m extract.engine.currencies` and checked against babel
by a test.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib.metadata import version as _version
from pathlib import Path

BABEL_CURRENCIES_JSON = Path(__file__).with_name("currencies.json")

# --- News spellings: what babel's locale data does not say, or says differently from the press. ---

# Prefixes written before the number that babel's English symbols lack (Reuters' "Y=", "Rs",
# Malaysia's "RM", the Australian press's "$A").
NEWS_PREFIXES = {
    "US$": "USD", "U.S.$": "USD", "$US": "USD", "$A": "AUD", "AU$": "AUD", "$AU": "AUD",
    "C$": "CAD", "$C": "CAD", "$CA": "CAD", "$NZ": "NZD", "$HK": "HKD", "S$": "SGD", "Rs": "INR",
    "Rs.": "INR", "RM": "MYR", "RMB": "CNY", "Y=": "JPY", "₽": "RUB", "₺": "TRY", "₴": "UAH",
}
# The currency a bare name means in English-language news when several currencies share it.
NEWS_DEFAULTS = {
    "dollar": "USD", "pound": "GBP", "sterling": "GBP", "pound sterling": "GBP", "yuan": "CNY",
    "renminbi": "CNY", "rupee": "INR", "franc": "CHF", "peso": "MXN", "krona": "SEK", "krone": "DKK",
    "crown": "SEK", "rouble": "RUB", "ruble": "RUB", "dirham": "AED", "riyal": "SAR", "won": "KRW",
    "real": "BRL", "shekel": "ILS", "american dollar": "USD", "u.s. dollar": "USD",
    "danish crown": "DKK", "swedish crown": "SEK", "norwegian crown": "NOK", "czech crown": "CZK",
    "korean won": "KRW", "emirati dirham": "AED", "taiwan dollar": "TWD", "russian rouble": "RUB",
    "zimbabwe dollar": "ZWG", "lira": "TRY",
}
# Irregular plurals of the names above ("kronor", "reais"); regular ones add -s.
NEWS_PLURALS = {"krona": "kronor", "krone": "kroner", "real": "reais", "yuan": "yuan", "renminbi": "renminbi",
                "won": "won", "sterling": "sterling", "pound sterling": "pounds sterling", "korean won": "korean won"}
# Bare names that are English words first ("won 5 real medals", "5 gold"): a currency only with
# its nationality ("South Korean won") or glued to the number.
ENGLISH_WORD_NAMES = frozenset({"won", "real", "lei", "leu", "dong", "mark", "sol", "soles", "som", "kip",
                                "dram", "gold", "pula", "tala", "vatu", "kina", "leone", "crown", "crowns"})
# ISO codes that are also English words a headline in capitals may hold ("TOP 10", "ALL 3"), or a
# name technology news writes before a version number ("PHP 7"; the peso keeps its "₱").
CODES_THAT_ARE_WORDS = frozenset({"ALL", "BOB", "CUP", "GEL", "MAD", "MOP", "PEN", "TOP", "SOS", "PHP"})


def babel_currencies() -> dict[str, object]:
    """Currencies in legal tender today, with their English names and symbols, straight from babel."""
    from babel.core import get_global
    from babel.numbers import get_currency_name, get_currency_symbol

    codes = sorted({code for territory in get_global("territory_currencies").values()
                    for code, _start, end, tender in territory if end is None and tender})
    return {
        "babel_version": _version("babel"),
        "currencies": {code: {"name": get_currency_name(code, locale="en"),
                              "plural": get_currency_name(code, count=2, locale="en"),
                              "symbol": get_currency_symbol(code, locale="en")} for code in codes},
    }


def shipped_babel_currencies() -> dict[str, dict[str, str]]:
    """babel's part of the table as shipped in currencies.json (babel itself when the file is unreadable)."""
    try:
        shipped = json.loads(BABEL_CURRENCIES_JSON.read_text(encoding="utf-8"))
        currencies: dict[str, dict[str, str]] = shipped["currencies"]
        return currencies
    except (OSError, ValueError, KeyError):
        generated = babel_currencies()["currencies"]
        assert isinstance(generated, dict)
        return generated


@dataclass(frozen=True)
class CurrencyTable:
    codes: frozenset[str]  # ISO codes accepted as written ("CNY 5m", "5m NZD")
    prefixes: dict[str, str]  # symbol or prefix written before a number -> ISO code ("HK$", "£")
    names: dict[str, str]  # lower-case name, singular or plural -> ISO code ("swiss francs", "rand")
    english_words: frozenset[str]  # names that need a nationality or a glued number


def _plural(name: str) -> str:
    if name in NEWS_PLURALS:
        return NEWS_PLURALS[name]
    head, _, last = name.rpartition(" ")
    return (head + " " if head else "") + (last[:-1] + "ies" if last.endswith("y") else last + "s")


@functools.cache
def currency_table() -> CurrencyTable:
    babel = shipped_babel_currencies()
    prefixes: dict[str, str] = {}
    names: dict[str, str] = {}
    last_words: dict[str, set[str]] = {}
    for code, entry in babel.items():
        symbol = entry["symbol"]
        if symbol != code and not symbol.isalpha():
            prefixes.setdefault(symbol, code)
        for name in (entry["name"].lower(), entry["plural"].lower()):
            names[name] = code
            if name.startswith("us "):
                names["u.s. " + name[3:]] = code
        singular, plural = entry["name"].lower().split()[-1], entry["plural"].lower().split()[-1]
        for word in (singular, plural):
            last_words.setdefault(word, set()).add(code)
    english_words = ENGLISH_WORD_NAMES | {_plural(w) for w in ENGLISH_WORD_NAMES}
    for word, codes in last_words.items():
        # A name's last word alone ("rand", "baht") when one currency has it; shared ones ("dinar")
        # only through a news default.
        if len(codes) == 1 and len(word) >= 3 and word.isalpha() and word not in english_words:
            names.setdefault(word, next(iter(codes)))
    for name, code in NEWS_DEFAULTS.items():
        names[name] = code
        names[_plural(name)] = code
    prefixes.update(NEWS_PREFIXES)
    for prefix, code in list(prefixes.items()):
        if prefix.endswith("$") and prefix[:-1].isalpha():
            prefixes.setdefault(prefix[:-1] + " $", code)  # "HK $5m", "US $ 4bn"
    accepted_codes = frozenset(babel) - CODES_THAT_ARE_WORDS
    return CurrencyTable(codes=accepted_codes, prefixes=prefixes, names=names, english_words=english_words)


def alternation(surfaces: object) -> str:
    """A regex alternation of `surfaces`, longest first so that "US$" wins over "$"."""
    assert isinstance(surfaces, (set, frozenset, dict, list))
    # A bounded gap between words ("South  African rand"), so that a run of spaces costs nothing.
    return "|".join(re.escape(s).replace(r"\ ", r"\s{1,3}") for s in sorted(surfaces, key=len, reverse=True))


if __name__ == "__main__":
    # Regenerate the shipped copy of babel's currency data after upgrading babel.
    BABEL_CURRENCIES_JSON.write_text(json.dumps(babel_currencies(), ensure_ascii=False, indent=0, sort_keys=True)
                                     + "\n", encoding="utf-8")
    print(f"wrote {BABEL_CURRENCIES_JSON}")
