"""What every check shares: the Finding a rule reports, the Rule itself, the Context it reads."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from cchc_cli.models import Location, Plan

Severity = Literal["error", "warning", "info"]
Command = Literal["validate", "check-targets", "both"]
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


class Finding(BaseModel):
    model_config = ConfigDict(extra="forbid")
    file: str
    rule: str
    severity: Severity
    message: str
    path: str | None = Field(default=None, description='Where in the plan: "targets[3].value".')
    target: str | None = None
    task: str | None = None
    line: int | None = Field(default=None, description="Line in the file the finding points at, where known.")
    column: int | None = None
    location: Location | None = Field(
        default=None, description="Where the item came from in the source document."
    )
    floor: dict[str, Any] | None = Field(default=None, description="The baseline floor a target was held to.")
    fix: str | None = None


@dataclass
class Context:
    """What a rule can look at: the plan, last year's plan, the floors in force, the file name."""

    plan: Plan | None  # None when the input could not be loaded (only IO100 and VA100 run then)
    file: str
    previous: Plan | None = None
    floors: list[Any] = field(default_factory=list)
    positions: Callable[[str], tuple[int, int | None] | None] = lambda path: None
    load_errors: list[tuple[str, str]] = field(default_factory=list)  # (field path, message): VA100
    read_error: str | None = None  # why the input could not be read at all: IO100

    @cached_property
    def changes(self) -> Any:
        """`cchc diff` of last year's plan against this one, computed once for every rule."""
        from cchc_cli.diff import diff_plans

        return diff_plans(self.previous, self.plan) if self.previous is not None else None


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    severity: Severity
    summary: str  # the first line of the rule module's docstring
    fix: str
    check: Callable[[Context], Iterable[dict[str, Any]]]
    group: Command  # the command that runs it ("both": every input of either)

    def runs_in(self, command: str) -> bool:
        return self.group in (command, "both")

    def findings(self, ctx: Context, severity: Severity) -> list[Finding]:
        out = []
        for found in self.check(ctx):
            path = found.get("path")
            position = ctx.positions(path) if path else None
            source = found.get("location")
            if position is None and source is not None and source.line:
                position = (source.line, None)  # a document: the line in the source file
            out.append(
                Finding(
                    file=ctx.file,
                    rule=self.id,
                    severity=severity,
                    fix=found.pop("fix", self.fix),
                    line=position[0] if position else None,
                    column=position[1] if position else None,
                    **found,
                )
            )
        return out
