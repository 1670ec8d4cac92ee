"""Load a Plan written by ``cchc parse`` (YAML or JSON): safe, strict, with clear errors."""

from __future__ import annotations

import json

import yaml
from pydantic import ValidationError

from cchc_cli.errors import CchcError, CorruptFileError, UnsafeFileError
from cchc_cli.models import Plan

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: much faster


def _safe_yaml(text: str) -> object:
    """safe_load, refusing aliases: a plan never needs them and an alias bomb needs nothing else.
    The event pass and the load both run in libyaml, so the check costs little."""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            raise UnsafeFileError(f"YAML aliases are not allowed (line {event.start_mark.line + 1})")
    return yaml.load(text, Loader=_Loader)


def looks_like_plan_data(data: bytes, name: str) -> bool:
    lower = name.lower()
    if lower.endswith((".yaml", ".yml", ".json")):
        return True
    head = data[:200].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"schema_version:") or (
        head.startswith(b"{") and b'"schema_version"' in data[:400]
    )


def load_plan_data(data: bytes, name: str) -> Plan:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorruptFileError(f"not UTF-8 text: {exc}", name) from None
    try:
        if name.lower().endswith(".json") or text.lstrip().startswith("{"):
            raw = json.loads(text)
        else:
            raw = _safe_yaml(text)
    except json.JSONDecodeError as exc:
        raise CorruptFileError(
            f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", name
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise CorruptFileError(f"invalid YAML{where}: {problem}", name) from None
    except CchcError as exc:
        exc.path = name
        raise
    if not isinstance(raw, dict):
        raise CorruptFileError("not a plan: the top level is not a mapping", name)
    try:
        return Plan.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        path = _path(first["loc"])
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise CchcError(f"not a valid plan: {path}: {first['msg']}{more}", name) from None


def _path(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"
