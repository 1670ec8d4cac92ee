"""A percentage target lies outside 0–100 (an increase "tăng 150%" excepted)."""

from __future__ import annotations

from cchc_cli.checks.rules import rule
from cchc_cli.text import fold


@rule("VA103", "percent-range", "error", "check the value: a share is between 0 and 100%", command="validate")
def check(ctx):
    for index, target in enumerate(ctx.plan.targets):
        if target.unit != "%" or target.value is None:
            continue
        growth = "tang" in fold(target.metric).split()
        if target.value < 0 or (target.value > 100 and not growth):
            yield {
                "message": f"{target.value}% is not a share between 0 and 100 ('{target.metric}')",
                "path": f"targets[{index}].value",
                "target": target.id,
                "location": target.location,
            }
