"""Units: recognise the unit written next to a number and normalise the measure with pint.

The vocabulary of physical units comes from quantulum3's unit knowledge base (its units.json:
names, surfaces, symbols, dimensions and currency codes). quantulum3's scikit-learn classifier is
never used: figcheck resolves the few ambiguous surfaces it accepts ("pounds") from the
sentence itself, so no pickle is loaded and no scikit-learn version can break a run.
"""

from __future__ import annotations

import functools
import json
import re
import warnings
from dataclasses import dataclass
from importlib.metadata import version as _version
from pathlib import Path
from typing import Any

from extract.engine.currencies import alternation, currency_table

with warnings.catch_warnings():
    # quantulum3 warns when scikit-learn is absent; figcheck never uses its classifier.
    warnings.simplefilter("ignore")
    import quantulum3.classifier as _quantulum_classifier
    from quantulum3 import load as _quantulum_load

# Belt and braces: even where scikit-learn is installed (1.9 cannot read quantulum3's bundled
# pickle), nothing in quantulum3 may reach for the classifier.
_quantulum_classifier.USE_CLF = False


@dataclass(frozen=True)
class Unit:
    """A unit as figcheck reports it."""

    name: str  # "USD", "%", "percentage point", "square mile", "USD/barrel"
    dimension: str  # "currency", "percent", "area", "count", ...
    pint_expr: str = ""  # how pint spells it, for normalisation; "" when pint has no say


PERCENT = Unit("%", "percent")
PERCENTAGE_POINT = Unit("percentage point", "percentage point")
BASIS_POINT = Unit("basis point", "percentage point")

# quantulum3 entity name -> figcheck dimension; entities not listed are not accepted as units
# when written as words, because their surfaces are mostly ordinary English ("hand", "line").
_DIMENSIONS = {
    "length": "length", "area": "area", "volume": "volume", "mass": "mass", "time": "duration",
    "speed": "speed", "energy": "energy", "power": "power", "temperature": "temperature",
    "pressure": "pressure", "frequency": "frequency", "data storage": "data",
    "data transfer rate": "data rate", "force": "force", "torque": "torque", "charge": "charge",
    "electric potential": "voltage", "current": "current", "fuel economy": "fuel economy",
    "acceleration": "acceleration", "density": "density", "loudness": "loudness",
    "sound pressure level": "loudness", "volumetric flow": "flow", "angle": "angle",
    "radiation dose": "radiation", "electrical resistance": "resistance",
    "capacitance": "capacitance", "illuminance": "illuminance", "luminous flux": "luminous flux",
    "instance frequency": "frequency", "angular velocity": "rotational speed",
}
# Units outside quantulum3's physical dimensions worth reporting as such ("4 ppb", "12 megapixels");
# the rest of its dimensionless and typographic surfaces ("pair", "set", "dozen", "dots") are
# ordinary words.
_REPORTED_OTHER_UNITS = {"parts-per-million": "concentration", "parts-per-billion": "concentration",
                         "per mille": "per mille", "megapixel": "resolution"}
# ... of which these only as words: in news "MP" is a Member of Parliament, not a megapixel.
_WORD_ONLY_UNITS = frozenset({"megapixel"})
# Word surfaces that are far more often plain English than units.
_ENGLISH_WORDS = {
    "a", "an", "at", "in", "is", "are", "s", "h", "m", "g", "l", "t", "c", "k", "b", "e", "j",
    "hand", "hands", "line", "lines", "point", "points", "head", "heads", "league", "leagues",
    "chain", "chains", "link", "links", "rod", "rods", "perch", "pace", "paces", "span", "cell",
    "bar", "bars", "stone", "stones", "grain", "grains", "cup", "cups", "glass", "cord", "unit",
    "units", "count", "set", "sets", "pair", "pairs", "gross", "dozen", "score", "scores", "sheet",
    "ream", "bale", "step", "steps", "block", "blocks", "drop", "drops", "shot", "shots",
    "time", "times", "mark", "marks", "lap", "laps", "bit", "bits", "nail", "palm", "finger",
    "fingers", "foot-candle", "pound", "pounds", "quarter", "quarters", "cent",
    "cents", "penny", "pence", "dollar", "dollars", "euro", "euros", "mil", "mill", "mills",
    "pa", "am", "pm", "no", "per", "from", "to", "on",
    "of", "or", "as", "it", "he", "hp", "ps", "gal", "mo", "yr", "ton", "tons", "tonnes",
}
# Short symbols are accepted only from this list, glued to the number or after one space.
_SHORT_SYMBOLS = {
    "m", "km", "cm", "mm", "kg", "g", "mg", "lb", "lbs", "oz", "ft", "mi", "ml", "mL", "L",
    "W", "kW", "MW", "GW", "kWh", "MWh", "GWh", "TWh", "Wh", "V", "kV", "Hz", "kHz", "MHz", "GHz",
    "GB", "MB", "TB", "KB", "kB", "Gb", "Mb", "Tb", "h", "hr", "hrs", "min", "mins", "sec", "secs",
    "ms", "ha", "mph", "kph", "km/h", "km/hr", "Nm", "nm", "μm", "µm", "bhp", "hp", "psi", "GPa",
    "MPa", "kPa", "dB", "mAh", "ppm", "ppb", "mpg", "yd", "yds", "m2", "km2", "m²", "km²", "m3",
    "cc", "°C", "°F", "C", "F", "°", "t", "kt", "Mt", "Gt", "sq ft", "sq m", "sq km", "sq mi",
    "lb-ft", "ft-lb", "mi²", "ft²", "MBps", "Mbps", "Gbps", "kbps", "GiB", "MiB", "K",
}
_PINT_ALIASES = {
    "pound-mass": "pound", "degree Celsius": "degC", "degree fahrenheit": "degF",
    "degree Fahrenheit": "degF", "pound-foot": "pound_force * foot", "foot-pound": "pound_force * foot",
    "milliampere-hour": "milliampere * hour", "ampere-hour": "ampere * hour",
    "parts-per-million": "ppm", "kilometre per hour": "kilometer / hour", "cubic centimetre": "cm**3",
    "square kilometre": "km**2", "square metre": "m**2", "square foot": "ft**2", "square mile": "mile**2",
    "square yard": "yard**2", "square inch": "inch**2", "square centimetre": "cm**2",
    "metric ton": "tonne", "short ton": "ton", "long ton": "long_ton", "nautical mile": "nautical_mile",
    "mile per gallon": "mile / gallon", "terawatt hour": "terawatt_hour", "gigawatt hour": "gigawatt_hour",
    "megawatt hour": "megawatt_hour", "revolution per minute": "revolutions_per_minute",
    "barrel": "oil_barrel", "gallon": "gallon", "brake horsepower": "horsepower",
    "decade": "10 * year", "millennium": "1000 * year", "metric horsepower": "metric_horsepower",
}
# Canonical units per pint dimensionality, chosen for news: km² for land, kWh for energy.
_CANONICAL = {
    "[length]": "m", "[length] ** 2": "km**2", "[length] ** 3": "L", "[mass]": "kg",
    "[time]": "h", "[length] / [time]": "km/h", "[mass] * [length] ** 2 / [time] ** 2": "kWh",
    "[length] ** 2 * [mass] / [time] ** 3": "W", "[mass] / [length] / [time] ** 2": "Pa",
    "1 / [time]": "Hz", "[temperature]": "degC", "[current] * [time]": "A*h",
    "[length] ** 2 * [mass] / [current] / [time] ** 3": "V", "[length] ** -2": "1/km**2",
    "[mass] / [length] ** 3": "kg/m**3", "[length] / [time] ** 2": "m/s**2",
    "[length] ** -2 ": "1/km**2", "[length] ** 3 / [time]": "L/s",
}
_PINT_DISPLAY = {"kilometer ** 2": "km²", "meter": "m", "liter": "L", "kilogram": "kg", "hour": "h",
                 "kilometer / hour": "km/h", "kilowatt_hour": "kWh", "watt": "W", "pascal": "Pa",
                 "hertz": "Hz", "degree_Celsius": "°C", "ampere * hour": "Ah", "volt": "V",
                 "kilogram / meter ** 3": "kg/m³", "meter / second ** 2": "m/s²", "liter / second": "L/s"}

_CURRENCIES = currency_table()
# A currency named after the number: "10.5 million Australian dollars", "333.6 million yen", and
# the subunits "19 cents", "118.5p".
CURRENCY_WORDS = re.compile(
    r"[ \u00a0]?(?P<word>" + alternation(_CURRENCIES.names) + r"|cents?|pence|penny|p)(?![\w-])",
    re.IGNORECASE,
)
_CODE_AFTER = re.compile(r"[ \u00a0]?(?P<code>" + alternation(_CURRENCIES.codes) + r")\b")
# "50 €"; not a symbol that opens the next amount ("by 2010 £40m more": the year is no money).
_SYMBOL_AFTER = re.compile(
    r"[ \u00a0]?(?P<symbol>" + alternation({p for p in _CURRENCIES.prefixes if len(p) == 1}) + r")(?![ \u00a0]?\d)"
)
# "2 p.m.", "2pm": a clock time, never pence.
_CLOCK_AFTER_P = re.compile(r"\.?\s?m\b\.?", re.IGNORECASE)
# "40 deg celsius", "40 degrees C", "40°F": a temperature, whatever else "degree" can mean.
_TEMPERATURE = re.compile(
    r"[ \u00a0]?(?:°|deg(?:ree)?s?\.?)[ \u00a0]?(?P<scale>C|F|celsius|centigrade|fahrenheit)(?![\w])",
    re.IGNORECASE,
)
_TEMPERATURE_WORDS = re.compile(r"\b(?:degrees?|temperature|melting|boiling)\b", re.IGNORECASE)
# Abbreviations written with full stops ("80 m.p.h.", "k.p.h."): read as the symbol without them.
_DOTTED = re.compile(r"[ \u00a0]?(?P<dotted>(?:[A-Za-z]\.){2,}[A-Za-z]?\.?)")
_MASS_CONTEXT = re.compile(r"\b(?:weigh\w*|weight|heav\w*|light\w*|kg|kilos?|ounces|lbs?|body|obes\w*|"
                           r"fish|catch|tuna|salmon|baby|babies|gained|lost|dropping|dropped\s+from)\b",
                           re.IGNORECASE)
_PERCENT = re.compile(
    r"[ \u00a0]?(?:(?P<sym>%)|(?P<word>per[ \u00a0-]?cent|percent|pct\.?|pc)(?![\w]))"
    r"(?P<points>[ \u00a0]?(?:age)?[ \u00a0]?points?\b)?",
    re.IGNORECASE,
)
_PERCENTAGE_POINTS = re.compile(r"[ \u00a0]?(?:percentage[ \u00a0-]points?|pp|ppt|ppts)\b", re.IGNORECASE)
_BASIS_POINTS = re.compile(r"[ \u00a0-]?(?:basis[ \u00a0-]points?|bps|bp)\b", re.IGNORECASE)
_PER = re.compile(
    r"(?P<sep>[ \u00a0]?/[ \u00a0]?|[ \u00a0-](?:a|an|per|each)[ \u00a0-])"
    r"(?P<what>[A-Za-z][\w-]*(?:[ \u00a0](?:foot|feet|metre|meter|mile|yard)s?|(?<=sq)[ \u00a0](?:m|ft|km|mi)\b)?)"
)
_TIME_WORDS = {"year": "year", "yr": "year", "annum": "year", "month": "month", "week": "week",
               "day": "day", "night": "night", "hour": "hour", "hr": "hour", "minute": "minute",
               "min": "minute", "second": "second", "sec": "second", "quarter": "quarter",
               "decade": "decade"}
_TOKEN = re.compile(r"[^\s\d(),;:!?\"“”][^\s(),;:!?\"“”]*")


# Common news spellings quantulum3's lexicon lacks: symbol -> (quantulum3 unit name, entity).
_EXTRA_SYMBOLS = {
    "km/hr": ("kilometre per hour", "speed"), "kph": ("kilometre per hour", "speed"),
    "km/h": ("kilometre per hour", "speed"), "bhp": ("brake horsepower", "power"),
    "mpg": ("mile per gallon", "fuel economy"), "GWh": ("gigawatt hour", "energy"),
    "TWh": ("terawatt hour", "energy"), "MWh": ("megawatt hour", "energy"),
    "lb-ft": ("pound-foot", "torque"), "μm": ("micrometre", "length"), "µm": ("micrometre", "length"),
    "m2": ("square metre", "area"), "km2": ("square kilometre", "area"), "″": ("inch", "length"),
    "sq ft": ("square foot", "area"), "sq km": ("square kilometre", "area"),
    "pound-feet": ("pound-foot", "torque"), "pound-foot": ("pound-foot", "torque"),
    "foot-pounds": ("foot-pound", "torque"), "foot-pound": ("foot-pound", "torque"),
    # "300 PS": Pferdestärke, the metric horsepower of European car specifications.
    "PS": ("metric horsepower", "power"),
    "mmBTU": ("mega british thermal unit", "energy"), "mmBtu": ("mega british thermal unit", "energy"),
    "MMBTU": ("mega british thermal unit", "energy"),
    # Plural abbreviations of time the press writes ("53 secs", "5 mins").
    "secs": ("second", "time"), "mins": ("minute", "time"),
    # quantulum3 knows the hectare only as "square hectometre".
    "hectare": ("hectare", "area"), "hectares": ("hectare", "area"),
}


# quantulum3's unit knowledge base as (unit name, entity name) pairs per surface and symbol.
# Building it from quantulum3 takes seconds (it imports inflect, which instruments itself with
# typeguard), and that cost lands on the dashboard's first render; so the pairs are shipped as
# JSON, regenerated with `python -m extract.engine.units` and checked against quantulum3 by a test.
QUANTULUM_UNITS_JSON = Path(__file__).with_name("quantulum_units.json")


def quantulum_unit_pairs() -> dict:
    """quantulum3's surfaces and symbols -> sorted [unit name, entity name] pairs, straight from quantulum3."""
    units = _quantulum_load.units("en_US")

    def pairs(found: Any) -> list[list[str]]:
        many = found if isinstance(found, (set, list, tuple)) else [found]
        return [list(p) for p in sorted({(u.name, u.entity.name) for u in many
                                          if getattr(u, "entity", None) is not None})]

    return {
        "quantulum3_version": _version("quantulum3"),
        "surfaces_lower": {k: pairs(v) for k, v in sorted(units.surfaces_lower.items())},
        "symbols": {k: pairs(v) for k, v in sorted(units.symbols.items())},
        "prefix_symbols": {k: pairs(v) for k, v in sorted(units.prefix_symbols.items())},
    }


def _unit_pairs() -> dict:
    try:
        shipped = json.loads(QUANTULUM_UNITS_JSON.read_text(encoding="utf-8"))
        if shipped.get("quantulum3_version") == _version("quantulum3"):
            return shipped
    except (OSError, ValueError):
        pass
    return quantulum_unit_pairs()  # another quantulum3 version: read its knowledge base directly


@functools.cache
def _lexicon() -> tuple[dict[str, list], dict[str, list]]:
    """(word surfaces lower-cased, symbols case-exact) -> units, each with a name and an entity."""
    known = _unit_pairs()

    def units(pairs: list[list[str]]) -> list[_LexiconUnit]:
        return [_LexiconUnit(name, _LexiconEntity(entity)) for name, entity in pairs]

    words: dict[str, list] = {}
    for surface, found in known["surfaces_lower"].items():
        accepted = [u for u in units(found) if u.entity.name in _DIMENSIONS or u.name in _REPORTED_OTHER_UNITS]
        if accepted and surface not in _ENGLISH_WORDS and len(surface) > 2:
            words[surface] = accepted
    symbols: dict[str, list] = {}
    for symbol, found in list(known["symbols"].items()) + list(known["prefix_symbols"].items()):
        accepted = [u for u in units(found) if u.entity.name in _DIMENSIONS
                    or u.name in _REPORTED_OTHER_UNITS and u.name not in _WORD_ONLY_UNITS]
        if accepted and (len(symbol) >= 3 or symbol in _SHORT_SYMBOLS):
            symbols[symbol] = accepted
    for symbol, (name, entity) in _EXTRA_SYMBOLS.items():
        if symbol not in symbols:
            symbols[symbol] = [_LexiconUnit(name, _LexiconEntity(entity))]
    return words, symbols


@dataclass(frozen=True)
class _LexiconEntity:
    name: str


@dataclass(frozen=True)
class _LexiconUnit:
    name: str
    entity: _LexiconEntity


_DISPLAY_NAMES = {"degree angle": "degree", "cubic centimetre": "millilitre"}


@functools.cache
def _unit_from_quantulum(name: str, entity: str) -> Unit:
    if name in _REPORTED_OTHER_UNITS:
        return Unit(name, _REPORTED_OTHER_UNITS[name], "")
    pint_expr = _PINT_ALIASES.get(name, name)
    return Unit(_DISPLAY_NAMES.get(name, name), _DIMENSIONS.get(entity, entity), pint_expr)


_PREFERRED = {"m": "metre", "t": "tonne", "C": "degree Celsius", "F": "degree fahrenheit",
              "°": "degree angle", "K": "kelvin", "in": "inch", "kt": "knot", "nm": "nanometre",
              "Mb": "megabit", "Gb": "gigabit", "MB": "megabyte", "GB": "gigabyte"}


def _pick(candidates: list, surface: str, sentence: str):
    preferred = _PREFERRED.get(surface)
    for unit in candidates:
        if unit.name == preferred:
            return unit
    if len(candidates) > 1:
        names = {u.entity.name for u in candidates}
        if "temperature" in names and re.search(r"\b(?:Celsius|Fahrenheit|temperature|degrees)\b", sentence, re.I):
            return next(u for u in candidates if u.entity.name == "temperature")
    return candidates[0]


@dataclass(frozen=True)
class UnitMatch:
    unit: Unit
    start: int
    end: int


def currency_unit(code: str, cents: bool = False) -> Unit:
    return Unit(code + ("¢" if cents else ""), "currency")


def match_currency_after(sentence: str, pos: int) -> UnitMatch | None:
    """'10.5 million Australian dollars', '333.6 million yen', '19 cents', '118.5p'."""
    sen = re.match(r"[ \u00a0]sen\b(?!\.)", sentence[pos:pos + 5])
    if sen:
        # The sen, a hundredth of the Malaysian ringgit, as market reports quote share moves.
        return UnitMatch(Unit("MYR sen", "currency"), pos, pos + sen.end())
    m = CURRENCY_WORDS.match(sentence, pos)
    if not m:
        return None
    glued = m.start("word") == pos
    word = re.sub(r"\s+", " ", m.group("word").lower())
    rest = sentence[m.end():]
    if word == "p":
        if _CLOCK_AFTER_P.match(rest):
            return None  # "2 p.m." is a time of day
        if not glued and not re.match(r"\s*(?:[,;.)]|$|at\b|to\b|from\b|a\s+share\b)", rest):
            return None  # "68 p at 1112 p" is pence; "5 p" before other words is too ambiguous
    if word in _CURRENCIES.english_words and not glued:
        return None  # "won", "real": English words first, unless the nationality is written
    if word in {"cent", "cents"}:
        return UnitMatch(Unit("USD¢", "currency"), m.start(), m.end())
    if word in {"pence", "penny", "p"}:
        return UnitMatch(Unit("GBp", "currency"), m.start(), m.end())
    if word in {"pound", "pounds"} and _MASS_CONTEXT.search(sentence):
        return UnitMatch(_unit_from_quantulum("pound-mass", "mass"), m.start("word"), m.end())
    return UnitMatch(currency_unit(_CURRENCIES.names[word]), m.start("word"), m.end())


def match_unit_after(sentence: str, pos: int, currency: str = "") -> UnitMatch | None:
    """The unit written right after a number ending at `pos`, if any."""
    m = _PERCENTAGE_POINTS.match(sentence, pos)
    if m:
        return UnitMatch(PERCENTAGE_POINT, pos, m.end())
    m = _PERCENT.match(sentence, pos)
    if m:
        if m.group("points"):
            return UnitMatch(PERCENTAGE_POINT, pos, m.end())
        return UnitMatch(PERCENT, pos, m.end())
    m = _BASIS_POINTS.match(sentence, pos)
    if m:
        return UnitMatch(BASIS_POINT, pos, m.end())
    if currency:
        return None
    code = _CODE_AFTER.match(sentence, pos)
    if code:
        return UnitMatch(currency_unit(code.group("code")), pos, code.end())
    symbol = _SYMBOL_AFTER.match(sentence, pos)
    if symbol:
        return UnitMatch(currency_unit(_CURRENCIES.prefixes[symbol.group("symbol")]), pos, symbol.end())
    found = match_currency_after(sentence, pos)
    if found:
        return found
    temperature = _TEMPERATURE.match(sentence, pos)
    if temperature:
        name = "degree fahrenheit" if temperature.group("scale").lower().startswith("f") else "degree Celsius"
        return UnitMatch(_unit_from_quantulum(name, "temperature"), pos, temperature.end())
    dotted = _DOTTED.match(sentence, pos)
    if dotted:
        symbol_text = dotted.group("dotted").replace(".", "")
        _words, symbols = _lexicon()
        if len(symbol_text) >= 3 and symbol_text in symbols:
            unit = _pick(symbols[symbol_text], symbol_text, sentence)
            return UnitMatch(_unit_from_quantulum(unit.name, unit.entity.name), pos, dotted.end())
        return None  # "2 p.m.", "U.S.": an abbreviation, never its first letter as a unit
    return _match_physical(sentence, pos)


def _match_physical(sentence: str, pos: int) -> UnitMatch | None:
    words, symbols = _lexicon()
    gap = 0
    while pos + gap < len(sentence) and sentence[pos + gap] in " \u00a0-" and gap < 1:
        gap += 1
    start = pos + gap
    # Symbols, case-exact, longest first: "km/h" before "km".
    m = _TOKEN.match(sentence, start)
    if not m:
        return None
    token = m.group(0)
    for length in range(min(len(token), 7), 0, -1):
        symbol = token[:length]
        rest = token[length:length + 1]
        if rest and (rest.isalnum() or rest in "/²³"):
            continue
        if symbol in symbols and (gap == 0 or len(symbol) > 1 or symbol in {"m", "g", "W", "V", "L", "C", "F", "K"}):
            # "5 C" or "12 C melting point" are rare next to "Group C" and "5K run".
            if symbol in {"C", "F", "K"} and (gap or not re.match(r"[\s.,;)]|$", sentence[start + 1:start + 2])) \
                    and not (symbol in {"C", "F"} and _TEMPERATURE_WORDS.search(sentence)):
                continue
            unit = _pick(symbols[symbol], symbol, sentence)
            return UnitMatch(_unit_from_quantulum(unit.name, unit.entity.name), start, start + length)
    # Word surfaces, longest first: "square miles", "miles per hour", "degrees celsius"; an apostrophe
    # ends a word ("three years' monitoring"), it never joins it to the next.
    tokens = [t for t in re.finditer(r"[A-Za-z](?:[A-Za-z-]|'(?=[A-Za-z]))*", sentence[start:start + 60])][:4]
    if not tokens or tokens[0].start() != 0:
        return None
    for count in range(len(tokens), 0, -1):
        chunk = tokens[:count]
        if any(chunk[i + 1].start() - chunk[i].end() > 1 for i in range(count - 1)):
            continue
        surface = sentence[start:start + chunk[-1].end()].lower()
        surface = re.sub(r"\s+", " ", surface)
        written = sentence[start:start + chunk[-1].end()]
        found = words.get(surface) or (symbols.get(written) if len(written) >= 3 else None)
        if found is None and count == 1:
            found = words.get(_singular(surface))
        if found:
            unit = _pick(found, surface, sentence)
            return UnitMatch(_unit_from_quantulum(unit.name, unit.entity.name), start, start + chunk[-1].end())
    return None


def match_per(sentence: str, pos: int) -> tuple[str, int] | None:
    """'a barrel', 'per share', '/kg', 'a day', 'a year': the 'per' part of a rate."""
    m = _PER.match(sentence, pos)
    if not m:
        return None
    what = m.group("what")
    lower = what.lower()
    if re.match(r"\s*(?:earlier|ago|later|before|after|on|previously)\b", sentence[m.end():]):
        return None  # "$6.78bn a year earlier" is a comparison, not a rate
    singular = {"sq m": "square metre", "sq ft": "square foot", "sq km": "square kilometre",
                "sq mi": "square mile"}.get(lower) or _singular(lower)
    if singular in _TIME_WORDS:
        return _TIME_WORDS[singular], m.end()
    words, symbols = _lexicon()
    if what in symbols or lower in words or singular in words:
        found = symbols.get(what) or words.get(lower) or words.get(singular) or []
        if found:
            return found[0].name, m.end()
    if singular in {"barrel", "share", "head", "capita", "person", "tonne", "ton", "unit", "gram",
                    "ounce", "litre", "liter", "gallon", "pound", "kilo", "kilogram", "kg", "night",
                    "trip", "ride", "ticket", "seat", "household", "student", "pupil", "patient",
                    "employee", "worker", "passenger", "bed", "room", "square foot", "square metre",
                    "square meter", "sq ft", "sq m"}:
        return singular, m.end()
    return None


def per_unit(unit: Unit, what: str) -> Unit:
    """A rate: `unit` per `what` ("USD" per "barrel" is USD/barrel)."""
    pint_expr = f"({unit.pint_expr}) / {what.replace(' ', '_')}" if unit.pint_expr else ""
    return Unit(f"{unit.name}/{what}", unit.dimension, pint_expr)


def unit_named(name: str) -> Unit | None:
    """The unit the figures table writes as `name` ("USD/barrel", "square mile", "%"), read by the
    same lexicon the engine reads text with, so a reference file and an article never drift apart.
    None when the name is not a unit the engine would write that way."""
    spoken = " " + name.strip().replace("/", " per ")
    found = match_unit_after(spoken, 0)
    if found is None:
        return None
    unit, end = found.unit, found.end
    per = match_per(spoken, end)
    if per is not None:
        unit, end = per_unit(unit, per[0]), per[1]
    if end != len(spoken) or unit.name != name.strip():
        return None
    return unit


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if "feet" in word:
        return word.replace("feet", "foot")
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


@functools.cache
def _pint_registry() -> Any:
    import pint

    return pint.UnitRegistry()


@functools.cache
def canonical_factor(pint_expr: str) -> tuple[float, str, float] | None:
    """(scale, canonical unit, offset) so that norm = value * scale + offset, or None."""
    if not pint_expr:
        return None
    registry = _pint_registry()
    try:
        quantity = registry.Quantity(1, pint_expr)
        target = _CANONICAL.get(str(quantity.dimensionality))
        if target is None:
            return None
        one = registry.Quantity(1.0, pint_expr).to(target)
        zero = registry.Quantity(0.0, pint_expr).to(target)
        scale = float(one.magnitude) - float(zero.magnitude)
        unit_name = str(one.units)
        return scale, _PINT_DISPLAY.get(unit_name, unit_name), float(zero.magnitude)
    except Exception:  # noqa: BLE001 - pint raises many error types; an unknown unit just isn't normalised
        return None


def normalise(value: float, unit: Unit) -> tuple[float, str]:
    """The measure in figcheck's canonical unit for its dimension; money stays in its currency."""
    if unit.dimension == "currency":
        base, slash, per = unit.name.partition("/")
        if base.endswith("¢"):
            return value / 100.0, base[:-1] + slash + per
        if base == "GBp":
            return value / 100.0, "GBP" + slash + per
        if base == "MYR sen":
            return value / 100.0, "MYR" + slash + per
        return value, unit.name
    factor = canonical_factor(unit.pint_expr)
    if factor is None:
        return value, unit.name
    scale, target, offset = factor
    return value * scale + offset, target


if __name__ == "__main__":
    # Regenerate the shipped copy of quantulum3's unit knowledge base after upgrading quantulum3.
    QUANTULUM_UNITS_JSON.write_text(json.dumps(quantulum_unit_pairs(), ensure_ascii=False, indent=0,
                                               sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {QUANTULUM_UNITS_JSON}")
