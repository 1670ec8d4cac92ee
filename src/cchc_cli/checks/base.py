"""What every check shares: the Problem a rule reports (a Finding once placed), the Rule with
its Options, and the Context it reads."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from types import SimpleNamespace
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

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


@dataclass(frozen=True, slots=True)
class Problem:
    """What a rule reports about one place of a plan; the runner adds file, rule, severity, line."""

    message: str
    path: str | None = None  # where in the plan: "targets[3].value"
    target: str | None = None
    task: str | None = None
    location: Location | None = None
    floor: dict[str, Any] | None = None
    fix: str | None = None  # instead of the rule's own hint


@dataclass(frozen=True)
class Option:
    """A rule's setting: its default, what it does, and the type a config value must have."""

    default: Any
    help: str
    type: Any = None  # the type of the default when absent
    label: str | None = None  # how `cchc rules` names the type, where the type's own name is long

    @property
    def annotation(self) -> Any:
        return self.type if self.type is not None else type(self.default)

    def type_name(self) -> str:
        """ "int", "list[str]", "int 0..24": for `cchc rules` and error messages."""
        if self.label:
            return self.label
        annotation, bounds = self.annotation, ""
        if get_origin(annotation) is Annotated:
            annotation, *extra = get_args(annotation)
            marks = [m for f in extra for m in getattr(f, "metadata", [])]
            low = next((m.ge for m in marks if hasattr(m, "ge")), None)
            high = next((m.le for m in marks if hasattr(m, "le")), None)
            bounds = f" {low}..{high}" if low is not None or high is not None else ""
        if get_origin(annotation) is not None:
            return str(annotation).replace("typing.", "").replace("cchc_cli.models.", "") + bounds
        return getattr(annotation, "__name__", str(annotation)) + bounds


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    severity: Severity
    summary: str  # the first line of the rule module's docstring
    fix: str
    check: Callable[[Context, SimpleNamespace], Iterable[Problem]]
    group: Command  # the command that runs it ("both": every input of either)
    options: dict[str, Option] = field(default_factory=dict)

    def runs_in(self, command: str) -> bool:
        return self.group in (command, "both")

    def settings(self, given: dict[str, Any] | None = None) -> SimpleNamespace:
        """The rule's options: defaults, overridden by checked values from a config."""
        values = {name: option.default for name, option in self.options.items()}
        for name, value in (given or {}).items():
            values[name] = self.check_option(name, value)
        return SimpleNamespace(**values)

    def check_option(self, name: str, value: Any) -> Any:
        """A config value for one option, converted to its type; ValueError names what is wrong."""
        option = self.options.get(name)
        if option is None:
            known = ", ".join(self.options) or "none"
            raise ValueError(f"{self.id} has no option {name!r} (its options: {known})")
        try:
            return TypeAdapter(option.annotation).validate_python(value, strict=False)
        except ValidationError as error:
            message = error.errors()[0]["msg"]
            raise ValueError(
                f"{self.id}.{name}: {message} (an {option.type_name()}, default {option.default!r})"
            ) from None

    def findings(
        self, ctx: Context, severity: Severity, options: SimpleNamespace | None = None
    ) -> list[Finding]:
        out = []
        for problem in self.check(ctx, options or self.settings()):
            position = ctx.positions(problem.path) if problem.path else None
            source = problem.location
            if position is None and source is not None and source.line:
                position = (source.line, None)  # a document: the line in the source file
            out.append(
                Finding(
                    file=ctx.file,
                    rule=self.id,
                    severity=severity,
                    message=problem.message,
                    path=problem.path,
                    target=problem.target,
                    task=problem.task,
                    location=problem.location,
                    floor=problem.floor,
                    fix=problem.fix or self.fix,
                    line=position[0] if position else None,
                    column=position[1] if position else None,
                )
            )
        return out
