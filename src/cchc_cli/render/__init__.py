"""Models -> text. Output is deterministic: same model, same bytes."""

from __future__ import annotations

import json

import yaml
from pydantic import BaseModel

_Base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when present: ~10x faster


class _Dumper(_Base):  # type: ignore[misc, valid-type]
    """Block style, Unicode kept, long lines never folded (so a round trip is byte-identical)."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:  # type: ignore[name-defined]
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def to_data(model: BaseModel) -> dict:
    return model.model_dump(mode="json")


def to_yaml(model: BaseModel) -> str:
    return yaml.dump(
        to_data(model),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=1 << 30,
        default_flow_style=False,
    )


def to_json(model: BaseModel) -> str:
    return json.dumps(to_data(model), ensure_ascii=False, indent=2) + "\n"


def render(model: BaseModel, fmt: str) -> str:
    if fmt == "json":
        return to_json(model)
    if fmt == "yaml":
        return to_yaml(model)
    raise ValueError(f"unknown format {fmt!r}")
