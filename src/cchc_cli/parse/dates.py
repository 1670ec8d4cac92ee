"""Vietnamese dates: "ngày 29 tháng 12 năm 2022", "29/12/2022", "ngày 20 tháng 6 năm2024"."""

from __future__ import annotations

import datetime as dt
import re

from cchc_cli.text import rx

DATE = rx(r"(?:ngày\s*)?(\d{1,2})\s*(?:tháng\s*(\d{1,2})\s*năm\s*|[/.\-](\d{1,2})[/.\-])\s*(\d{4})\b", re.I)


def make_date(day: str | int, month: str | int, year: str | int) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_date(m: re.Match[str]) -> dt.date | None:
    return make_date(m.group(1), m.group(2) or m.group(3), m.group(4))


def first_date(text: str) -> dt.date | None:
    for m in DATE.finditer(text):
        found = parse_date(m)
        if found:
            return found
    return None
