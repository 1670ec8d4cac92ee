"""The rules, one module each (like yamllint's rules/): an id, a default severity, a fix hint,
the command that runs it, its options with their defaults, and the module docstring, whose first
line `cchc rules` shows. A rule's check takes the Context and its options and yields Problems."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from functools import cache

from cchc_cli.checks.base import Command, Option, Problem, Rule, Severity

__all__ = ["Option", "Problem", "all_rules", "by_key", "rule"]

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
    rule_id: str,
    name: str,
    severity: Severity,
    fix: str,
    *,
    command: Command,
    options: dict[str, Option] | None = None,
) -> Callable[[Callable], Callable]:
    """Register the decorated check function of a rule module, its command and its options."""

    def register(check: Callable) -> Callable:
        module = sys.modules[check.__module__]
        summary = (module.__doc__ or "").strip().splitlines()[0]
        module.RULE = Rule(rule_id, name, severity, summary, fix, check, command, options or {})  # type: ignore[attr-defined]
        return check

    return register


@cache
def all_rules() -> tuple[Rule, ...]:
    return tuple(importlib.import_module(f"{__name__}.{name}").RULE for name in MODULES)


@cache
def by_key() -> dict[str, Rule]:
    """Each rule under its id and its name ("VA103", "percent-range")."""
    return {key: r for r in all_rules() for key in (r.id, r.name)}
