"""Load a Plan written by ``cchc parse`` (YAML or JSON): safe, strict, with clear errors."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import yaml
from pydantic import ValidationError

from cchc_cli import safeyaml
from cchc_cli.errors import CchcError, CorruptFileError, UnsafeFileError
from cchc_cli.models import Plan

_safe_yaml = safeyaml.load


def looks_like_plan_data(data: bytes, name: str) -> bool:
    lower = name.lower()
    if lower.endswith((".yaml", ".yml", ".json")):
        return True
    head = data[:200].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"schema_version:") or (
        head.startswith(b"{") and b'"schema_version"' in data[:400]
    )


def looks_like_plan_content(path: Path) -> bool:
    """A YAML/JSON file that starts like a plan cchc wrote (its first 400 bytes, read only)."""
    try:
        if not path.is_file():
            return True  # a FIFO or device named like a plan: opening could wait; the reader says why
        with path.open("rb") as handle:
            head = handle.read(400)
    except OSError:
        return True  # unreadable: let the reader say why, as a finding
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return start.startswith(b"schema_version:") or (start.startswith(b"{") and b'"schema_version"' in head)


def _no_constant(name: str):
    """NaN, Infinity and -Infinity are not JSON (Python's reader accepts them)."""
    raise CorruptFileError(f"invalid JSON: {name} is not a number JSON allows")


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict:
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise CorruptFileError(f"invalid JSON: duplicate key {key!r}")
        out[key] = value
    return out


def _decode(data: bytes, name: str) -> tuple[str, dict]:
    """The text and its data, or a one-line error: not UTF-8, invalid JSON/YAML, not a mapping."""
    text = safeyaml.decode(data, name)
    try:
        if name.lower().endswith(".json") or text.lstrip().startswith("{"):
            raw = json.loads(text, parse_constant=_no_constant, object_pairs_hook=_no_duplicates)
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
    except RecursionError:
        raise UnsafeFileError("nested too deeply (thousands of levels: not a plan)", name) from None
    except ValueError as exc:  # Python's guard against 4,300+ digit integers, and the like
        raise UnsafeFileError(f"a number too large to read: {str(exc).split(';')[0]}", name) from None
    if not isinstance(raw, dict):
        raise CorruptFileError("not a plan: the top level is not a mapping", name)
    return text, raw


def _schema_errors(exc: ValidationError) -> list[tuple[str, str]]:
    """(field path, message) per field; a union reports one error per member ("value.int",
    "value.float"), which is one field and one error."""
    errors: dict[str, str] = {}
    for error in exc.errors():
        loc = tuple(part for part in error["loc"] if not _UNION_MEMBER.match(str(part)))
        errors.setdefault(_path(loc), error["msg"])
    return list(errors.items())


def load_plan_data(data: bytes, name: str) -> Plan:
    text, raw = _decode(data, name)
    try:
        return Plan.model_validate(raw)
    except ValidationError as exc:
        errors = _schema_errors(exc)
        path, message = errors[0]
        where = positions(text)(path)
        at = f" (line {where[0]}, column {where[1]})" if where else ""
        more = f"; {len(errors) - 1} more: run `cchc validate`" if len(errors) > 1 else ""
        raise CchcError(f"not a valid plan: {path}{at}: {message}{more}", name) from None


def _path(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


_UNION_MEMBER = re.compile(
    r"^(?:int|float|str|bool|date|none|list\[.*|dict\[.*|literal\[.*|[a-z-]+\[.*\]|[A-Z]\w*)$"
)
_PATH_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def positions(text: str) -> Callable[[str], tuple[int, int] | None]:
    """A lookup from a field path ("targets[3].value") to its (line, column) in a YAML/JSON text."""
    try:
        root = yaml.compose(text, Loader=safeyaml.LOADER)
    except yaml.YAMLError:
        root = None

    def find(path: str) -> tuple[int, int] | None:
        node = root
        for name, index in _PATH_TOKEN.findall(path):
            if isinstance(node, yaml.MappingNode) and name:
                node = next((v for k, v in node.value if k.value == name), None)
            elif isinstance(node, yaml.SequenceNode) and index:
                i = int(index)
                node = node.value[i] if i < len(node.value) else None
            else:
                node = None
            if node is None:
                return None
        return (node.start_mark.line + 1, node.start_mark.column + 1) if node is not None else None

    return find


def validation_errors(data: bytes, name: str) -> tuple[Plan | None, list[tuple[str, str]], Callable]:
    """Every way a YAML/JSON plan breaks the model: (plan or None, [(field path, message)], positions)."""
    text, raw = _decode(data, name)
    where = positions(text)
    try:
        return Plan.model_validate(raw), [], where
    except ValidationError as exc:
        return None, _schema_errors(exc), where
