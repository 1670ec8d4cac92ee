"""Configuration, as ruff and yamllint do it: `.cchc.yaml` (or `[tool.cchc]` in pyproject.toml),
found upward from each input to the repository's root, turns rules off, sets their severities and
options, selects rules by id or prefix, lists baselines, excludes paths and exempts targets.

Paths written in a config (baselines, excludes) are relative to the config file's folder.
"""

from __future__ import annotations

import tomllib
from functools import cached_property
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Literal

import yaml
from pydantic import AliasChoices, BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator

from cchc_cli import safeyaml
from cchc_cli.checks.base import Rule, Severity
from cchc_cli.errors import CchcError, describe

CONFIG_NAMES = (".cchc.yaml", ".cchc.yml", "pyproject.toml")


class RuleSetting(BaseModel):
    """One rule's entry: on or off, its severity, and any of its options (`cchc rules` lists them)."""

    model_config = ConfigDict(extra="allow")
    enabled: bool = True
    severity: Severity | None = None

    @property
    def options(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


class Exemption(BaseModel):
    model_config = ConfigDict(extra="forbid")
    target: str
    rule: str | None = Field(default=None, description="Only this rule; all rules when absent.")
    reason: str = Field(min_length=3)


RuleEntry = RuleSetting | bool | Literal["off", "error", "warning", "info"]


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    rules: dict[str, RuleEntry] = Field(default_factory=dict)
    select: list[str] = Field(
        default_factory=list, description="Rule ids, prefixes (CT, VA10), names or ALL; none: all."
    )
    ignore: list[str] = Field(default_factory=list, description="Rules left out, as for select.")
    extend_select: list[str] = Field(
        default_factory=list, validation_alias=AliasChoices("extend_select", "extend-select")
    )
    baselines: list[str] = Field(default_factory=lambda: ["national"])
    exclude: list[str] = Field(default_factory=list, description="Paths to skip, as .gitignore writes them.")
    exempt: list[Exemption] = Field(default_factory=list)
    fail_on: Literal["error", "warning", "info"] = Field(
        default="error", validation_alias=AliasChoices("fail_on", "fail-on")
    )
    _folder: Path | None = PrivateAttr(default=None)  # where the config file is; None: defaults
    _file: str | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _known_rules(self) -> Config:
        """Unknown rule ids, names, prefixes and options are errors (a typo must not pass silently)."""
        from cchc_cli.checks.rules import by_key

        known = by_key()
        for key, entry in self.rules.items():
            if key not in known:
                raise ValueError(f"rules: unknown rule {key!r} (`cchc rules` lists them)")
            if isinstance(entry, RuleSetting):
                for name, value in entry.options.items():
                    known[key].check_option(name, value)
        for field_name in ("select", "ignore", "extend_select"):
            check_codes(getattr(self, field_name), field_name.replace("_", "-"))
        for exemption in self.exempt:
            if exemption.rule is not None and exemption.rule not in known:
                raise ValueError(f"exempt: unknown rule {exemption.rule!r} for target {exemption.target}")
        return self

    @property
    def file(self) -> str | None:
        return self._file

    @cached_property
    def _settings(self) -> dict[str, tuple[RuleSetting, SimpleNamespace]]:
        from cchc_cli.checks.rules import all_rules, by_key

        given = {by_key()[key].id: _setting(entry) for key, entry in self.rules.items()}
        out = {}
        for rule in all_rules():
            setting = given.get(rule.id, RuleSetting())
            out[rule.id] = (setting, rule.settings(setting.options))
        return out

    def setting(self, rule_id: str) -> RuleSetting:
        return self._settings[rule_id][0]

    def options(self, rule_id: str) -> SimpleNamespace:
        return self._settings[rule_id][1]

    def selected(self, rule: Rule) -> bool:
        """On unless turned off: in `select` (all when empty) or `extend-select`, not in `ignore`."""
        chosen = not self.select or _matches(rule, self.select)
        chosen = chosen or _matches(rule, self.extend_select)
        return chosen and not _matches(rule, self.ignore) and self.setting(rule.id).enabled

    def with_command_line(
        self, select: list[str] | None, ignore: list[str] | None, extend_select: list[str] | None
    ) -> Config:
        """--select replaces the config's selection; --ignore and --extend-select add to it."""
        for codes, flag in ((select, "--select"), (ignore, "--ignore"), (extend_select, "--extend-select")):
            check_codes(codes or [], flag)
        update: dict[str, Any] = {}
        if select:
            update["select"] = list(select)
        if ignore:
            update["ignore"] = [*self.ignore, *ignore]
        if extend_select:
            update["extend_select"] = [*self.extend_select, *extend_select]
        if not update:
            return self
        copy = self.model_copy(update=update)
        copy._folder, copy._file = self._folder, self._file
        copy.__dict__.pop("_settings", None)
        return copy

    def baseline_paths(self) -> list[str]:
        """Baselines by name ("national") or by path, a path taken from the config file's folder."""
        return [
            name if name == "national" or self._folder is None else str(self._folder / name)
            for name in self.baselines
        ]

    def excluded(self, path: Path) -> bool:
        """Whether the config's `exclude` patterns match a path (as .gitignore would, from the
        config's folder; from the current folder for patterns without a config file)."""
        if not self.exclude:
            return False
        return exclusion(self.exclude, self._folder or Path.cwd())(path)


def _setting(entry: RuleEntry) -> RuleSetting:
    if isinstance(entry, bool):
        return RuleSetting(enabled=entry)
    if isinstance(entry, str):  # "off", or a severity
        return RuleSetting(enabled=False) if entry == "off" else RuleSetting(severity=entry)  # type: ignore[arg-type]
    return entry


def _matches(rule: Rule, codes: list[str]) -> bool:
    return any(code == "ALL" or code == rule.name or rule.id.startswith(code) for code in codes)


def check_codes(codes: list[str], where: str) -> None:
    """Every code names at least one rule: an id, a prefix of ids, a name, or ALL."""
    from cchc_cli.checks.rules import all_rules

    rules = all_rules()
    for code in codes:
        if not any(_matches(r, [code]) for r in rules):
            raise ValueError(f"{where}: {code!r} matches no rule (`cchc rules` lists them)")


def exclusion(patterns: list[str], folder: Path):
    """A test `path -> excluded?` for .gitignore-style patterns written from `folder`."""
    import pathspec

    spec = pathspec.GitIgnoreSpec.from_lines(patterns)
    base = folder.resolve()

    def excluded(path: Path) -> bool:
        full = path.resolve() if path.is_absolute() else (Path.cwd() / path).resolve()
        try:
            relative = full.relative_to(base)
        except ValueError:
            relative = Path(path)  # outside the config's folder: match the path as given
        name = relative.as_posix() + ("/" if path.is_dir() else "")
        return spec.match_file(name)

    return excluded


def read_config(path: Path) -> Config | None:
    """One config file; None for a pyproject.toml without [tool.cchc]. Errors name the file."""
    try:
        text = safeyaml.decode(path.read_bytes(), str(path))
        if path.suffix == ".toml":
            data = tomllib.loads(text).get("tool", {}).get("cchc")
            if data is None:
                return None
        else:  # the plans' loader: no aliases, no tags
            data = safeyaml.load(text)
            data = {} if data is None else data
        if not isinstance(data, dict):
            raise CchcError("invalid configuration: the file must hold a mapping of settings", str(path))
        config = Config.model_validate(data)
    except CchcError as exc:
        raise CchcError(
            exc.message if exc.message.startswith("invalid") else f"invalid configuration: {exc.message}",
            str(path),
        ) from None
    except ValidationError as exc:
        raise CchcError(f"invalid configuration: {describe(exc)}", str(path)) from None
    except (OSError, yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        raise CchcError(f"invalid configuration: {str(exc).splitlines()[0]}", str(path)) from None
    config._folder, config._file = path.resolve().parent, str(path)
    return config


def find_config(start: Path) -> Config | None:
    """The nearest config from `start` (a file's folder, or a folder) upward, stopping at the
    repository's root (the folder holding .git); a pyproject.toml counts only with [tool.cchc]."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve() if str(folder) else Path.cwd()
    for here in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = _shown(here / name)
            if candidate.is_file():
                config = read_config(candidate)
                if config is not None:
                    return config
        if (here / ".git").exists():
            break
    return None


def _shown(path: Path) -> Path:
    """A config's path as a message shows it: relative to the current folder when inside it."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


class Configs:
    """The config for each input: the one given with --config for all, else the nearest one,
    else defaults; each file read once. The command line's selection applies to every one."""

    def __init__(self, explicit: str | None = None, **command_line: list[str] | None) -> None:
        self._command_line = command_line
        self._by_folder: dict[Path, Config] = {}
        self._fixed: Config | None = None
        self._defaults = self._finish(Config())  # checks the command line's codes first
        if explicit is not None:
            path = Path(explicit)
            if not path.is_file():
                raise CchcError("no such config file", explicit)
            self._fixed = self._finish(read_config(path) or Config())

    def _finish(self, config: Config) -> Config:
        try:
            return config.with_command_line(**self._command_line) if self._command_line else config
        except ValueError as error:
            raise CchcError(str(error)) from None

    def for_path(self, path: str | Path) -> Config:
        if self._fixed is not None:
            return self._fixed
        p = Path(path)
        folder = p if p.is_dir() else p.parent
        key = (folder if str(folder) else Path(".")).resolve()
        if key not in self._by_folder:
            found = find_config(key)
            self._by_folder[key] = self._finish(found) if found is not None else self._defaults
        return self._by_folder[key]


def load_config(path: str | None) -> Config:
    """An explicit file, else the nearest config above the current folder, else defaults."""
    return Configs(path).for_path(Path.cwd())
