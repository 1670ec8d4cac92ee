"""validate + check-targets: run the rules over a plan, apply the configuration, return findings."""

from __future__ import annotations

from cchc_cli.checks.base import SEVERITY_RANK, Context, Finding
from cchc_cli.checks.config import Config
from cchc_cli.checks.rules import all_rules

__all__ = ["Context", "Finding", "run_rules", "worst"]


def run_rules(ctx: Context, group: str, config: Config) -> list[Finding]:
    findings: list[Finding] = []
    for rule in all_rules():
        if not rule.runs_in(group) or (ctx.plan is None and rule.group != "both"):
            continue
        if not config.selected(rule):
            continue
        severity = config.setting(rule.id).severity or rule.severity
        for finding in rule.findings(ctx, severity, config.options(rule.id)):
            if _exempt(finding, config):
                continue
            findings.append(finding)
    return findings


def _exempt(finding: Finding, config: Config) -> bool:
    return finding.target is not None and any(
        e.target == finding.target and e.rule in (None, finding.rule) for e in config.exempt
    )


def worst(findings: list[Finding]) -> int:
    return max((SEVERITY_RANK[f.severity] for f in findings), default=-1)
