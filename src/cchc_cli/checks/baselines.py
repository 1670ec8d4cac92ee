"""Baselines: floors a plan's targets are held to. The national one ships with cchc; users can
add their own (a province's floors) in the same YAML shape, and combine several."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from cchc_cli import safeyaml
from cchc_cli.errors import CchcError, describe
from cchc_cli.models import Area, Comparator, Target, Unit
from cchc_cli.text import COMPARATOR_SYMBOL, fold


class Floor(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    measure: str = Field(description="Floors sharing a measure replace each other over the years.")
    area: Area
    metric: str
    match: list[list[str]] = Field(description="Any group whose phrases all occur in the folded metric.")
    exclude: list[str] = Field(default_factory=list)
    comparator: Comparator
    value: float | int | None = None
    unit: Unit | None = "%"
    year: int
    source: str
    confidence: str = "M"
    baseline: str = ""

    def matches(self, target: Target) -> bool:
        if target.unit not in (self.unit, None):
            return False
        text = fold(target.metric)
        if any(fold(word) in text for word in self.exclude):
            return False
        return any(all(fold(phrase) in text for phrase in group) for group in self.match)

    def as_finding(self) -> dict:
        """The floor as a finding carries it (its matching words left out)."""
        return self.model_dump(exclude={"match", "exclude"})

    def describe(self) -> str:
        symbol = COMPARATOR_SYMBOL.get(self.comparator, self.comparator)
        value = f" {self.value:g}{self.unit or ''}" if self.value is not None else ""
        return (
            f"{self.source} floor {symbol}{value} for {self.year} ({self.id}, confidence {self.confidence})"
        )


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    floors: list[Floor]


def load_baseline(name_or_path: str) -> list[Floor]:
    if name_or_path == "national":  # cchc's own file: read through its JSON twin
        from cchc_cli.vocab import data_file

        data = _File.model_validate(data_file("national"))
        for floor in data.floors:
            floor.baseline = data.name
        return data.floors
    else:
        path = Path(name_or_path)
        try:
            text = safeyaml.decode(path.read_bytes(), name_or_path)
        except OSError as exc:
            raise CchcError(f"cannot read baseline: {exc.strerror or exc}", name_or_path) from None
        where = name_or_path
    try:
        data = _File.model_validate(safeyaml.load(text))
    except CchcError as exc:
        raise CchcError(f"not a valid baseline file: {exc.message}", where) from None
    except ValidationError as exc:
        raise CchcError(f"not a valid baseline file: {describe(exc)}", where) from None
    except yaml.YAMLError as exc:
        raise CchcError(f"not a valid baseline file: {str(exc).splitlines()[0]}", where) from None
    for floor in data.floors:
        floor.baseline = data.name
    return data.floors


def floors_in_force(floors: list[Floor], plan_year: int | None) -> list[Floor]:
    """Per measure (and baseline), the latest floor whose year has come by the plan year."""
    if plan_year is None:
        return []
    latest: dict[tuple[str, str], Floor] = {}
    for floor in floors:
        key = (floor.baseline, floor.measure)
        if floor.year <= plan_year and (key not in latest or floor.year >= latest[key].year):
            latest[key] = floor
    return list(latest.values())
