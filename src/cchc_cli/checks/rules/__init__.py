"""The rules, one module each (like yamllint's rules/): an id, a default severity, a fix hint,
and the module docstring, whose first line `cchc rules` shows."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable
from typing import Any

from cchc_cli.checks.base import Command, Context, Rule, Severity

MODULES = [
    "io100_unreadable",
    "va100_schema",
    "ct101_below_floor",
    "ct102_lowered",
    "ct103_dropped",
    "ct104_empty_area",
    "ct105_no_number",
    "ct106_outdated_online_levels",
    "ct107_district_level",
    "va101_section_numbering",
    "va102_appendix_stt",
    "va103_percent_range",
    "va104_year_vs_date",
    "va105_empty_fields",
    "va106_duplicate_targets",
    "va107_task_without_lead",
    "va108_deadline_outside_year",
]


def rule(
    rule_id: str, name: str, severity: Severity, fix: str, *, command: Command
) -> Callable[[Callable], Callable]:
    """Register the decorated check function of a rule module, and the command that runs it."""

    def register(check: Callable[[Context], Iterable[dict[str, Any]]]) -> Callable:
        module = sys.modules[check.__module__]
        summary = (module.__doc__ or "").strip().splitlines()[0]
        module.RULE = Rule(rule_id, name, severity, summary, fix, check, command)  # type: ignore[attr-defined]
        return check

    return register


def all_rules() -> list[Rule]:
    return [importlib.import_module(f"{__name__}.{name}").RULE for name in MODULES]
