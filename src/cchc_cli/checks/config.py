"""Configuration: `.cchc.yaml` (or `[tool.cchc]` in pyproject.toml) turns rules off, sets their
severities, lists baselines, and exempts targets by id with a reason."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from cchc_cli import safeyaml
from cchc_cli.errors import CchcError


class RuleSetting(BaseModel):
    model_config = ConfigDict(extra="forbid")
    enabled: bool = True
    severity: Literal["error", "warning", "info"] | None = None


class Exemption(BaseModel):
    model_config = ConfigDict(extra="forbid")
    target: str
    rule: str | None = Field(default=None, description="Only this rule; all rules when absent.")
    reason: str = Field(min_length=3)


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rules: dict[str, RuleSetting | bool | Literal["off", "error", "warning", "info"]] = Field(
        default_factory=dict
    )
    baselines: list[str] = Field(default_factory=lambda: ["national"])
    exempt: list[Exemption] = Field(default_factory=list)
    fail_on: Literal["error", "warning", "info"] = "error"

    def setting(self, rule_id: str) -> RuleSetting:
        raw = self.rules.get(rule_id)
        if raw is None:
            return RuleSetting()
        if isinstance(raw, bool):
            return RuleSetting(enabled=raw)
        if isinstance(raw, str):  # "off", or a severity
            return RuleSetting(enabled=False) if raw == "off" else RuleSetting(severity=raw)  # type: ignore[arg-type]
        return raw


def load_config(path: str | None) -> Config:
    """An explicit file, else .cchc.yaml or pyproject.toml [tool.cchc] in the current folder, else defaults."""
    candidates = [Path(path)] if path else [Path(".cchc.yaml"), Path(".cchc.yml"), Path("pyproject.toml")]
    for candidate in candidates:
        if not candidate.exists():
            if path:
                raise CchcError("no such config file", path)
            continue
        try:
            text = safeyaml.decode(candidate.read_bytes(), str(candidate))
            if candidate.suffix == ".toml":
                data = tomllib.loads(text).get("tool", {}).get("cchc")
                if data is None:
                    continue
            else:  # the plans' loader: no aliases (a config in the current folder loads by itself)
                data = safeyaml.load(text) or {}
            return Config.model_validate(data)
        except CchcError as exc:
            raise CchcError(f"invalid configuration: {exc.message}", str(candidate)) from None
        except (OSError, yaml.YAMLError, tomllib.TOMLDecodeError, ValidationError) as exc:
            raise CchcError(f"invalid configuration: {str(exc).splitlines()[0]}", str(candidate)) from None
    return Config()
