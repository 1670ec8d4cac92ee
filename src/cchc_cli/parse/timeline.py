"""Timeline rule: "Quý I, II/2023", "Tháng 12/2022", "Trong năm 2023", "Thường xuyên" -> dates."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

from cchc_cli.models import Timeline
from cchc_cli.parse.dates import DATE, parse_date
from cchc_cli.text import fold, roman_value, rx
from cchc_cli.vocab import alternatives, lexicon

_QUARTERS = rx(
    r"qu[ýy]\s+((?:[IV]{1,3}|[1-4])(?:\s*(?:,|và|-|–|đến)\s*(?:qu[ýy]\s+)?(?:[IV]{1,3}|[1-4]))*)\s*(?:/|năm)?\s*(\d{4})?",
    re.I,
)
_MONTHS = rx(r"tháng\s+(\d{1,2}(?:\s*(?:,|và|-|–|đến)\s*(?:tháng\s+)?\d{1,2})*)\s*(?:/|năm)\s*(\d{4})", re.I)
_YEAR = rx(r"\b(?:năm|trong năm|cả năm)\s+(\d{4})\b", re.I)
_WORDS = lexicon().timeline_words
_RECURRING = rx(rf"\b({alternatives(_WORDS.recurring)})\b")
_BEFORE = rx(rf"\b({alternatives(_WORDS.before)})\b")


# Whole words only: the "v" of "và" is not the Roman numeral V ("Tháng 6 và tháng 12 năm 2024").
_TOKEN = rx(r"\b(?:[IVX]+|\d+)\b", re.I)
# A span of years ("2026 - 2030", "giai đoạn 2026-2030") or a year alone in its cell ("2025").
_YEAR_SPAN = rx(r"\b((?:19|20)\d\d)\s*(?:-|–|đến)\s*((?:19|20)\d\d)\b")
_YEAR_ALONE = rx(r"^\s*((?:19|20)\d\d)\s*$")
_RANGE_WORD = rx(r"-|–|đến")
_THIS_YEAR = rx(rf"\b({alternatives(_WORDS.this_year)})\b")


def _numbers(listing: str, roman: bool) -> list[int]:
    tokens = _TOKEN.findall(listing)
    values = [int(t) if t.isdigit() else roman_value(t.upper()) for t in tokens if roman or t.isdigit()]
    if _RANGE_WORD.search(listing) and len(values) == 2 and values[0] < values[1]:
        return list(range(values[0], values[1] + 1))
    return values


@lru_cache(maxsize=1024)
def parse_timeline(text: str, plan_year: int | None) -> Timeline:
    """Cached: appendix rows repeat the same few timelines. Treat the result as read-only."""
    timeline = Timeline(text=text)
    folded = fold(text)
    timeline.recurring = bool(_RECURRING.search(folded))
    for m in _QUARTERS.finditer(text):
        year = int(m.group(2)) if m.group(2) else plan_year
        if year:
            timeline.quarters += [f"{year}-Q{q}" for q in _numbers(m.group(1), roman=True) if 1 <= q <= 4]
    for m in _MONTHS.finditer(text):
        year = int(m.group(2))
        timeline.months += [f"{year}-{mo:02d}" for mo in _numbers(m.group(1), roman=False) if 1 <= mo <= 12]
    dates = [d for d in (parse_date(m) for m in DATE.finditer(text)) if d]
    starts: list[dt.date] = []
    ends: list[dt.date] = []
    for q in timeline.quarters:
        year, number = int(q[:4]), int(q[-1])
        starts.append(dt.date(year, 3 * number - 2, 1))
        ends.append(dt.date(year, 3 * number, calendar.monthrange(year, 3 * number)[1]))
    for mo in timeline.months:
        year, month = int(mo[:4]), int(mo[5:])
        starts.append(dt.date(year, month, 1))
        ends.append(dt.date(year, month, calendar.monthrange(year, month)[1]))
    if dates:
        if _BEFORE.search(folded) and len(dates) == 1:
            ends.append(dates[0])
        else:
            starts.append(min(dates))
            ends.append(max(dates))
    if not starts and not ends:
        span = _YEAR_SPAN.search(text)
        if span and int(span.group(1)) <= int(span.group(2)):
            starts.append(dt.date(int(span.group(1)), 1, 1))
            ends.append(dt.date(int(span.group(2)), 12, 31))
    if not starts and not ends:
        m = _YEAR.search(text) or _YEAR_ALONE.match(text)
        year = int(m.group(1)) if m else (plan_year if _THIS_YEAR.search(folded) else None)
        if year:
            starts.append(dt.date(year, 1, 1))
            ends.append(dt.date(year, 12, 31))
    timeline.start = min(starts) if starts else None
    timeline.end = max(ends) if ends else None
    timeline.quarters = sorted(set(timeline.quarters))
    timeline.months = sorted(set(timeline.months))
    return timeline
