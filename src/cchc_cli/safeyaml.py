"""The one YAML loader for everything a user gives cchc: plans, config files, baselines.

Safe (plain data only, no tags that build objects) and without aliases: none of these files
needs them, and an alias bomb (a few hundred bytes that expand to gigabytes) needs nothing else.
"""

from __future__ import annotations

import yaml

from cchc_cli.errors import CorruptFileError, UnsafeFileError

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: much faster


def load(text: str) -> object:
    """safe_load, refusing aliases. The event pass and the load both run in libyaml, so the
    check costs little."""
    for event in yaml.parse(text, Loader=LOADER):
        if isinstance(event, yaml.AliasEvent):
            raise UnsafeFileError(f"YAML aliases are not allowed (line {event.start_mark.line + 1})")
    return yaml.load(text, Loader=LOADER)


def decode(data: bytes, name: str) -> str:
    """UTF-8 (a BOM allowed), strictly: a file in another encoding is named with the byte offset."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorruptFileError(f"not UTF-8 text (byte {exc.start}): save it as UTF-8", name) from None
