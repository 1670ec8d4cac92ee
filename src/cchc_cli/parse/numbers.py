"""Vietnamese numbers: "71,36" (decimal comma), "1.000" (thousands dot), "4,15 %"."""

from __future__ import annotations

NUMBER = r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)"


def to_number(text: str, percent: bool = False) -> int | float:
    text = text.strip()
    if "," in text:
        whole, _, frac = text.replace(".", "").partition(",")
        value: float = float(f"{whole}.{frac}")
    elif text.count(".") == 1 and percent and len(text.split(".")[1]) != 3:
        value = float(text)  # "98.5%" written the English way
    elif "." in text:
        whole_part = text.replace(".", "")
        value = float(whole_part)
        if percent and value > 1000:
            value = float(text.replace(".", "", text.count(".") - 1))
    else:
        value = float(text)
    return int(value) if value.is_integer() else round(value, 4)
