"""Periods a figure covers, as written in its sentence ("in the first half of 2025", "in June").

Counts of events only compare when they cover the same time: 968 civilians killed from December
to May and 6,754 killed or injured from January to June are different quantities. This module
reads the ways news text states a period: a month or quarter with or without a year, ranges of
months ("between March and June", "July–September 2025"), "the three months to September", "in
the year to September", "last year", "this month". Relative wording is resolved against the
article's date; in an undated article a month or quarter without a year keeps its months and is
marked as having no year (`year_stated=False`), so two undated articles can still be compared on
"October" against "October", and no label ever invents a year.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

MONTHS = {name.lower(): index for index, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): index for index, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
# The start of Russia's full-scale invasion, the origin of the cumulative UN counts.
FULL_SCALE_INVASION = date(2022, 2, 24)

_MONTH = r"(?P<{g}>" + "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True)) + r")\.?"
_DAY_MONTH_YEAR = (r"(?:(?P<{p}d1>\d{{1,2}})(?:st|nd|rd|th)?\s+" + _MONTH.format(g="{p}m1")
                   + r"(?:\s+(?P<{p}y1>\d{{4}}))?"
                   r"|" + _MONTH.format(g="{p}m2")
                   + r"\s+(?P<{p}d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<{p}y2>\d{{4}}))?)")


def _day_month_year(prefix: str) -> str:
    return _DAY_MONTH_YEAR.format(p=prefix)


_DATE_RANGE = re.compile(
    r"\b(?:between|from)\s+(?:the\s+)?" + _day_month_year("a") + r"\s+(?:and|to|until|till|through)\s+"
    + _day_month_year("b") + r"|\b" + _day_month_year("c") + r"\s*[–—-]\s*" + _day_month_year("e"),
    re.IGNORECASE,
)
_HALF = re.compile(
    r"\b(?:the\s+)?(?P<which>first|second)\s+half\s+of\s+(?:(?P<year>\d{4})|(?P<rel>this|last|the)\s+year)"
    r"|\b(?:the\s+)?(?P<ends>last|final|first)\s+(?P<n>three|six)\s+months\s+of\s+(?:(?P<nyear>\d{4})|(?P<nrel>this|last|the)\s+year)"
    r"|\bH(?P<h>[12])\s+(?P<hyear>\d{4})\b"
    r"|\b(?:the\s+)?first\s+six\s+months\s+of\s+(?:(?P<syear>\d{4})|(?P<srel>this|last|the)\s+year)",
    re.IGNORECASE,
)
_QUARTER = re.compile(
    r"\b(?:the\s+)?(?P<which>first|second|third|fourth)\s+quarter\s+of\s+(?:(?P<year>\d{4})|(?P<rel>this|last|the)\s+year)"
    r"|\bQ(?P<q>[1-4])\s+(?P<qyear>\d{4})\b",
    re.IGNORECASE,
)
_SINCE = re.compile(
    r"\bsince\s+(?:the\s+(?:start|beginning)\s+of\s+)?"
    r"(?:(?P<invasion>(?:russia['’]s\s+|the\s+)?(?:full[- ]scale\s+)?invasion)"
    r"|(?:early\s+|late\s+)?(?P<year>\d{4})\b|" + _day_month_year("s") + r")",
    re.IGNORECASE,
)
# "in June 2024", "in June"; not "the end of June" (a day) nor "August 8" (a date).
_MONTH_IN = re.compile(r"(?<!end )(?<!start )(?<!middle )(?<!beginning )\b(?:in|during|for|of|as\s+of)\s+"
                       + _MONTH.format(g="month") + r"(?:\s+(?P<year>\d{4}))?\b(?!\s+\d{1,2}(?!\d))",
                       re.IGNORECASE)
_YEAR_IN = re.compile(r"\b(?:in|during|for|throughout)\s+(?P<year>(?:19|20)\d{2})\b(?!\s*[-–]\d)", re.IGNORECASE)
_REL_YEAR = re.compile(r"\b(?P<rel>this|last)\s+year\b", re.IGNORECASE)
_REL_MONTH = re.compile(r"\b(?P<rel>this|last)\s+month\b", re.IGNORECASE)
# "between March and June", "from July to September 2025", "July–September 2025", "March-June".
_MONTH_RANGE = re.compile(
    r"\b(?:(?:between|from)\s+(?:the\s+)?)?" + _MONTH.format(g="m1") + r"(?:\s+(?P<y1>\d{4}))?"
    r"(?:\s+(?:and|to|until|till|through)\s+|\s*[–—-]\s*)" + _MONTH.format(g="m2")
    + r"(?:,?\s+(?P<y2>\d{4}))?\b(?!\s+\d{1,2}(?!\d))",
    re.IGNORECASE,
)
_MONTHS_COUNT = {"one": 1, "two": 2, "three": 3, "four": 4, "six": 6, "nine": 9, "twelve": 12}
# "the three months to September", "the 12 months to June 2025", "the year to September".
_MONTHS_TO = re.compile(
    r"\b(?:(?P<n>\d{1,2}|one|two|three|four|six|nine|twelve)[- ]months?|(?P<year>year))\s+"
    r"(?:to|ending|ended)\s+(?:the\s+end\s+of\s+)?" + _MONTH.format(g="month") + r"(?:\s+(?P<y>\d{4}))?\b",
    re.IGNORECASE,
)
# A capitalised word before a bare "Q3" makes it part of a name ("Audi Q3"), unless it opens the sentence.
_NAMED_BEFORE = re.compile(r"(?<!^)(?<![.!?]\s)\b(?!(?:In|During|For|Of|The|By|Since)\b)[A-Z][\w-]*\s+$")
# "the third quarter", "Q3" without a year.
_QUARTER_ALONE = re.compile(r"\b(?:the\s+)?(?P<which>first|second|third|fourth)\s+quarter\b(?!\s+of\b)"
                            r"|\bQ(?P<q>[1-4])\b(?!\s+\d{4})", re.IGNORECASE)
# The year a month or quarter without a year is placed in, when the article has no date: a leap
# year, so that 29 February exists. Such a period's label says that the year was not stated.
YEARLESS = 2000


@dataclass(frozen=True)
class Period:
    """A stretch of days, both ends included; `end` None means still running (a cap in force)."""

    start: date
    end: date | None
    text: str = ""
    year_stated: bool = True  # False: "in October" in an undated article; the year is a placeholder

    def end_or(self, fallback: date) -> date:
        return self.end if self.end is not None else max(fallback, self.start)

    def label(self) -> str:
        if not self.year_stated:
            return yearless_label(self.start, self.end)
        return period_label(self.start, self.end)

    def in_year(self, year: int) -> Period:
        """The same months placed in `year` (where this one's year is not stated)."""
        shift = year - self.start.year
        end = None if self.end is None else _shift_year(self.end, shift)
        return Period(_shift_year(self.start, shift), end, self.text, True)


def _shift_year(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@functools.lru_cache(maxsize=4096)
def yearless_label(start: date, end: date | None) -> str:
    """'October (year not stated)', 'Jul – Sep (year not stated)'."""
    if end is None:
        return f"from {start.day} {calendar.month_abbr[start.month]} (year not stated)"
    if start.day == 1 and end == _month_end(end.year, end.month):
        if start.year == end.year and start.month == end.month:
            return f"{calendar.month_name[start.month]} (year not stated)"
        return f"{calendar.month_abbr[start.month]} – {calendar.month_abbr[end.month]} (year not stated)"
    return (f"{start.day} {calendar.month_abbr[start.month]} – {end.day} {calendar.month_abbr[end.month]}"
            " (year not stated)")


@functools.lru_cache(maxsize=4096)  # every match writes both periods: most are the same few
def period_label(start: date, end: date | None) -> str:
    """'1 Dec 2024 – 31 May 2025', 'June 2025', '2024', 'H1 2025', 'from 5 Dec 2022'."""
    if end is None:
        return f"from {_day(start)}"
    if start.day == 1 and end == _month_end(end.year, end.month):
        if start.year == end.year and start.month == end.month:
            return f"{calendar.month_name[start.month]} {start.year}"
        if start.year == end.year and start.month == 1 and end.month == 12:
            return str(start.year)
        if start.year == end.year and (start.month, end.month) in ((1, 6), (7, 12)):
            return f"H{1 if start.month == 1 else 2} {start.year}"
    return f"{_day(start)} – {_day(end)}"


def _day(day: date) -> str:
    return f"{day.day} {calendar.month_abbr[day.month]} {day.year}"


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_iso_date(text: str) -> date | None:
    """'2025-08-06' -> date; anything else (empty, malformed) -> None."""
    try:
        return date.fromisoformat(text.strip()[:10]) if text and len(text.strip()) >= 10 else None
    except ValueError:
        return None


def overlap_ratio(claim: Period, other: Period, today: date) -> float:
    """How far two periods coincide, 0..1.

    Two closed periods: shared days over the days either covers (same half-year = 1.0;
    Jan–Jun against Dec–May = 0.71). Against a state still in force (a price cap since 2022):
    the share of the claim's period during which it held. A period whose year is not stated is
    compared month for month, placed in the year of the other period that fits it best.
    """
    if not claim.year_stated and other.year_stated:
        years = {other.start.year, other.end_or(today).year}
        return max(overlap_ratio(claim.in_year(y), other, today) for y in years)
    if claim.year_stated and not other.year_stated:
        return overlap_ratio(other, claim, today)
    claim_end = claim.end_or(today)
    other_end = other.end_or(claim_end)
    shared = (min(claim_end, other_end) - max(claim.start, other.start)).days + 1
    if shared <= 0:
        return 0.0
    if other.end is None:
        return shared / ((claim_end - claim.start).days + 1)
    union = (max(claim_end, other_end) - min(claim.start, other.start)).days + 1
    return shared / union


def _year_of(year_text: str | None, rel: str | None, today: date | None) -> int | None:
    if year_text:
        return int(year_text)
    if today is None:
        return None
    if rel and rel.lower() == "last":
        return today.year - 1
    return today.year


def _date_from(match: re.Match[str], prefix: str, today: date | None, *, end: bool) -> date | None:
    month_name = match.group(f"{prefix}m1") or match.group(f"{prefix}m2")
    day_text = match.group(f"{prefix}d1") or match.group(f"{prefix}d2")
    year_text = match.group(f"{prefix}y1") or match.group(f"{prefix}y2")
    if not month_name:
        return None
    month = MONTHS[month_name.lower().rstrip(".")]
    year = int(year_text) if year_text else (today.year if today else None)
    if year is None:
        return None
    if day_text is None:
        return _month_end(year, month) if end else date(year, month, 1)
    try:
        return date(year, month, int(day_text))
    except ValueError:
        return None


def _month_year(month: int, today: date | None) -> tuple[int, bool]:
    """The year of a month named without one: the latest such month up to the article's date
    ("in June" in August 2025 is June 2025; in March 2025, June 2024); undated: a placeholder."""
    if today is None:
        return YEARLESS, False
    return (today.year if month <= today.month else today.year - 1), True


def _month_span(first: int, last: int, last_year: int) -> tuple[date, date]:
    """Months `first`..`last` ending in `last_year`; a range across New Year starts the year before."""
    start_year = last_year if first <= last else last_year - 1
    return date(start_year, first, 1), _month_end(last_year, last)


# One reading of a period: the match, its first and last day (None: still running), whether the
# end is open, and whether the year was stated.
_Reading = tuple[re.Match[str], date | None, date | None, bool, bool]
_WHICH = ["first", "second", "third", "fourth"]


def _date_ranges(sentence: str, today: date | None) -> Iterator[_Reading]:
    for m in _DATE_RANGE.finditer(sentence):
        first, second = ("a", "b") if m.group("am1") or m.group("am2") else ("c", "e")
        end = _date_from(m, second, today, end=True)
        start = _date_from(m, first, today, end=False)
        # "from 1 December to 31 May 2025": the first date takes the second's year, or the one before.
        if start and end and not (m.group(f"{first}y1") or m.group(f"{first}y2")):
            start = start.replace(year=end.year)
            if start > end:
                start = start.replace(year=end.year - 1)
        yield m, start, end, False, True


def _months_to(sentence: str, today: date | None) -> Iterator[_Reading]:
    """"the three months to September": July to September; "the year to September": October to September."""
    for m in _MONTHS_TO.finditer(sentence):
        count = m.group("n") or ""
        months = 12 if m.group("year") else (int(count) if count.isdigit() else _MONTHS_COUNT[count.lower()])
        if not 1 <= months <= 24:
            continue
        last = MONTHS[m.group("month").lower().rstrip(".")]
        year, stated = (int(m.group("y")), True) if m.group("y") else _month_year(last, today)
        first_month_index = year * 12 + (last - 1) - (months - 1)
        yield m, date(first_month_index // 12, first_month_index % 12 + 1, 1), _month_end(year, last), False, stated


def _month_ranges(sentence: str, today: date | None) -> Iterator[_Reading]:
    for m in _MONTH_RANGE.finditer(sentence):
        first = MONTHS[m.group("m1").lower().rstrip(".")]
        last = MONTHS[m.group("m2").lower().rstrip(".")]
        if m.group("y1") and m.group("y2"):
            yield m, date(int(m.group("y1")), first, 1), _month_end(int(m.group("y2")), last), False, True
        elif not m.group("y1"):  # "from May 2024 to ..." with the end undated is too vague to place
            year, stated = (int(m.group("y2")), True) if m.group("y2") else _month_year(last, today)
            start, end = _month_span(first, last, year)
            yield m, start, end, False, stated


def _halves(sentence: str, today: date | None) -> Iterator[_Reading]:
    for m in _HALF.finditer(sentence):
        if m.group("n"):
            # "the last three months of 2024": Q4; "the first six months of the year": H1.
            year = _year_of(m.group("nyear"), m.group("nrel"), today)
            length = 3 if m.group("n").lower() == "three" else 6
            if year is not None:
                first_month = 1 if m.group("ends").lower() == "first" else 13 - length
                yield m, date(year, first_month, 1), _month_end(year, first_month + length - 1), False, True
            continue
        if m.group("h"):
            year, first_half = int(m.group("hyear")), m.group("h") == "1"
        elif m.group("which"):
            year, first_half = _year_of(m.group("year"), m.group("rel"), today), m.group("which").lower() == "first"
        else:
            year, first_half = _year_of(m.group("syear"), m.group("srel"), today), True
        if year is not None:
            yield (m, date(year, 1 if first_half else 7, 1), date(year, 6, 30) if first_half else date(year, 12, 31),
                   False, True)


def _quarters(sentence: str, today: date | None) -> Iterator[_Reading]:
    for m in _QUARTER.finditer(sentence):
        quarter_year: int | None
        if m.group("q"):
            quarter, quarter_year = int(m.group("q")), int(m.group("qyear"))
        else:
            quarter = _WHICH.index(m.group("which").lower()) + 1
            quarter_year = _year_of(m.group("year"), m.group("rel"), today)
        if quarter_year is not None:
            yield m, date(quarter_year, 3 * quarter - 2, 1), _month_end(quarter_year, 3 * quarter), False, True
    for m in _QUARTER_ALONE.finditer(sentence):
        # "in the third quarter": the latest third quarter that began by the article's date.
        if m.group("q") and _NAMED_BEFORE.search(sentence[:m.start()]):
            continue  # "the Audi Q3": a name, not a quarter
        quarter = int(m.group("q")) if m.group("q") else _WHICH.index(m.group("which").lower()) + 1
        year, stated = _month_year(3 * quarter - 2, today)
        yield m, date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter), False, stated


def _since(sentence: str, today: date | None) -> Iterator[_Reading]:
    for m in _SINCE.finditer(sentence):
        if m.group("invasion"):
            start: date | None = FULL_SCALE_INVASION
        elif m.group("year"):
            start = date(int(m.group("year")), 1, 1)
        else:
            start = _date_from(m, "s", today, end=False)
        yield m, start, today, True, True


def _months_and_years(sentence: str, today: date | None) -> Iterator[_Reading]:
    for m in _MONTH_IN.finditer(sentence):
        month = MONTHS[m.group("month").lower().rstrip(".")]
        year, stated = (int(m.group("year")), True) if m.group("year") else _month_year(month, today)
        yield m, date(year, month, 1), _month_end(year, month), False, stated
    for m in _YEAR_IN.finditer(sentence):
        year = int(m.group("year"))
        yield m, date(year, 1, 1), date(year, 12, 31), False, True


def _relative(sentence: str, today: date | None) -> Iterator[_Reading]:
    """"last year", "this year", "last month", "this month": only against the article's date."""
    if today is None:
        return
    for m in _REL_YEAR.finditer(sentence):
        if m.group("rel").lower() == "last":
            yield m, date(today.year - 1, 1, 1), date(today.year - 1, 12, 31), False, True
        else:
            yield m, date(today.year, 1, 1), today, False, True
    for m in _REL_MONTH.finditer(sentence):
        if m.group("rel").lower() == "last":
            year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
            yield m, date(year, month, 1), _month_end(year, month), False, True
        else:
            yield m, date(today.year, today.month, 1), today, False, True


# In this order: a reading that overlaps an earlier one is dropped ("between 1 December and 31 May"
# is one range, not two months).
_READERS = (_date_ranges, _months_to, _month_ranges, _halves, _quarters, _since, _months_and_years, _relative)


def periods_in(sentence: str, today: date | None) -> list[tuple[int, int, Period]]:
    """Every stated period in a sentence, with its span, in text order; overlapping readings dropped."""
    found: list[tuple[int, int, Period]] = []
    for reader in _READERS:
        for match, start, end, open_end, year_stated in reader(sentence, today):
            if start is None or (end is None and not open_end) or (end is not None and end < start):
                continue
            if any(s < match.end() and match.start() < e for s, e, _ in found):
                continue
            found.append((match.start(), match.end(), Period(start, end, match.group(0), year_stated)))
    return sorted(found, key=lambda item: item[0])


def period_near(sentence: str, start: int, end: int, today: date | None,
                segment: tuple[int, int] | None = None) -> Period | None:
    """The stated period closest to the figure at [start, end) of the sentence.

    A period inside the figure's own clause (`segment`) wins over one elsewhere in the sentence:
    in "6,754 ... in the first half of 2025, up 54% on the first half of 2024" each figure takes its own.
    """
    return period_among(periods_in(sentence, today), start, end, segment)


def period_among(candidates: list[tuple[int, int, Period]], start: int, end: int,
                 segment: tuple[int, int] | None = None, *, own_clause_only: bool = False,
                 first_figure: int = 0) -> Period | None:
    """As `period_near`, from the sentence's periods already read (one reading per sentence).
    A period that contains the figure ("the three months to September") is that figure itself.
    `own_clause_only`: only a period inside the figure's clause counts — where the sentence states
    the same measure twice ("36% ..., up from 7% in 2003"), "in 2003" belongs to the 7% alone —
    or one that opens the sentence before its first figure (at `first_figure`), which covers all
    of them ("Between 1 December and 31 May, 968 civilians were killed and 4,807 injured")."""
    candidates = [c for c in candidates if not (c[0] <= start and end <= c[1])]
    if not candidates:
        return None
    if segment is not None:
        inside = [c for c in candidates if segment[0] <= c[0] and c[1] <= segment[1]]
        if inside:
            candidates = inside
        elif own_clause_only:
            candidates = [c for c in candidates if c[1] <= first_figure]
    if not candidates:
        return None

    def distance(item: tuple[int, int, Period]) -> int:
        s, e, _ = item
        return s - end if s >= end else (start - e if e <= start else 0)

    return min(candidates, key=distance)[2]
