"""YAML for JSON-like data, written directly: the bytes PyYAML's safe dumper writes with cchc's
settings (block style, Unicode kept, no folding, ``|`` for text with line breaks), without its
generic representer, serializer and emitter walking every node (2-3x the time of JSON output on
a big plan).

Structure is written here; a string is written plain when a conservative test shows PyYAML would
write it plain too, every other one-line string is handed to PyYAML alone, and a document with a
line break in a string is written by PyYAML whole, so its style rules stay the only ones. A test compares the two on every golden
file and on generated data.
"""

from __future__ import annotations

import math
import re
from functools import cache, lru_cache

# Plain-safe, conservatively (anything else goes to PyYAML): printable characters of the Basic
# Multilingual Plane, no indicator first, no ": " or " #", no ":" or space last, no
# control, line break, BOM or Unicode space. Letters of any script in the BMP pass.
_ODD = r"\ufeff\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"  # BOM, breaks, spaces
_PLAIN = re.compile(
    rf"(?![\-?:,\[\]{{}}#&*!|>'\"%@`{_ODD}])[\x21-\x7e\xa1-\ud7ff\ue000-\ufffd]"
    rf"(?:(?![:#{_ODD}])[\x20-\x7e\xa1-\ud7ff\ue000-\ufffd]|:(?! )|(?<! )#)*"
    r"(?<![ :])"
)


@cache
def _resolvers():
    """PyYAML's implicit resolvers (bool, int, float, null, timestamp, merge, value) by first
    character: a plain string they match would read back as another type, so it is quoted."""
    import yaml

    return {
        first: [rx for _, rx in pairs]
        for first, pairs in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
    }


@lru_cache(maxsize=1 << 16)  # keys and enum values repeat thousands of times in a plan
def _plain(value: str) -> bool:
    if not _PLAIN.fullmatch(value):
        return False
    return not any(rx.match(value) for rx in _resolvers().get(value[0], ()))


_BREAKS = re.compile("[\n\r\x85\u2028\u2029]")


class _LineBreak(Exception):
    """A string with a line break: its block or broken quoted form depends on the column and on
    the rest of the document (libyaml's open-ended "..."), so PyYAML writes the whole document.
    Plans hardly have one (none of the golden files does)."""


@cache
def _pyyaml_scalar(value: str) -> str:
    """A one-line scalar as PyYAML writes it; the same at every column (lines are never folded)."""
    import yaml

    from cchc_cli.render import dump_options

    text = yaml.dump(value, **dump_options())
    return text.removesuffix("\n").removesuffix("\n...")


def _string(value: str) -> str:
    if _plain(value):
        return value
    if _BREAKS.search(value):
        raise _LineBreak
    return _pyyaml_scalar(value)


def _float(value: float) -> str:
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value).lower()
    if "." not in text and "e" in text:
        text = text.replace("e", ".0e", 1)
    return text


def _scalar(value) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    return _string(value)


def emit(data: dict) -> str:
    """A top-level mapping as YAML."""
    out: list[str] = []
    try:
        _mapping(data, 0, out)
    except _LineBreak:
        import yaml

        from cchc_cli.render import dump_options

        return yaml.dump(data, **dump_options())
    return "".join(out)


def _mapping(data: dict, indent: int, out: list[str], first_inline: bool = False) -> None:
    """Keys at column ``indent``; with ``first_inline`` the first key follows a "- " already written."""
    pad = " " * indent
    for n, (key, value) in enumerate(data.items()):
        lead = "" if first_inline and n == 0 else pad
        name = _scalar(key) if not isinstance(key, str) or not _plain(key) else key
        if isinstance(value, dict) and value:
            out.append(f"{lead}{name}:\n")
            _mapping(value, indent + 2, out)
        elif isinstance(value, list) and value:
            out.append(f"{lead}{name}:\n")
            _sequence(value, indent, out)  # PyYAML writes a mapping's list at the key's column
        else:
            out.append(f"{lead}{name}: {_value(value)}\n")


def _sequence(data: list, indent: int, out: list[str], first_inline: bool = False) -> None:
    pad = " " * indent
    for n, item in enumerate(data):
        lead = ("" if first_inline and n == 0 else pad) + "- "
        if isinstance(item, dict) and item:
            out.append(lead)
            _mapping(item, indent + 2, out, first_inline=True)
        elif isinstance(item, list) and item:
            out.append(lead)
            _sequence(item, indent + 2, out, first_inline=True)
        else:
            out.append(f"{lead}{_value(item)}\n")


def _value(value) -> str:
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return _scalar(value)
