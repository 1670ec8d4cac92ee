"""The one YAML loader for everything a user gives cchc: plans, config files, baselines.

Safe (plain data only, no tags that build objects) and without aliases: none of these files
needs them, and an alias bomb (a few hundred bytes that expand to gigabytes) needs nothing else.
"""

from __future__ import annotations

import yaml

from cchc_cli.errors import CorruptFileError, UnsafeFileError

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: much faster


def load(text: str) -> object:
    """safe_load, refusing aliases and duplicate keys (YAML keeps the last one silently: a plan
    edited by hand would lose the first). The event pass and the load both run in libyaml, so
    the checks cost little."""
    frames: list[list] = []  # per open collection: [is a mapping, keys seen, a key comes next]

    def done() -> None:  # a node ended: in a mapping, keys and values alternate
        if frames and frames[-1][0]:
            frames[-1][2] = not frames[-1][2]

    for event in yaml.parse(text, Loader=LOADER):
        line = event.start_mark.line + 1 if event.start_mark else 0
        if isinstance(event, yaml.AliasEvent):
            raise UnsafeFileError(f"YAML aliases are not allowed (line {line})")
        if isinstance(event, yaml.ScalarEvent):
            if frames and frames[-1][0] and frames[-1][2]:
                if event.value in frames[-1][1]:
                    raise CorruptFileError(f"duplicate key {event.value!r} at line {line}")
                frames[-1][1].add(event.value)
            done()
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            frames.append([isinstance(event, yaml.MappingStartEvent), set(), True])
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            frames.pop()
            done()
    return yaml.load(text, Loader=LOADER)


def decode(data: bytes, name: str) -> str:
    """UTF-8 (a BOM allowed), strictly: a file in another encoding is named with the byte offset."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorruptFileError(f"not UTF-8 text (byte {exc.start}): save it as UTF-8", name) from None
