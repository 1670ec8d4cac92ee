"""A percentage target lies outside 0–100 (an increase "tăng 150%" excepted)."""

from __future__ import annotations

from cchc_cli.checks.rules import Option, Problem, rule
from cchc_cli.text import fold


@rule(
    "VA103",
    "percent-range",
    "error",
    "check the value: a share is between 0 and 100%",
    command="validate",
    options={
        "maximum": Option(100.0, 'the largest share (a growth "tăng 150%" may exceed it)', float),
        "growth_words": Option(["tang"], "folded words of a metric that make it a growth", list[str]),
    },
)
def check(ctx, options):
    for index, target in enumerate(ctx.plan.targets):
        if target.unit != "%" or target.value is None:
            continue
        growth = any(word in options.growth_words for word in fold(target.metric).split())
        if target.value < 0 or (target.value > options.maximum and not growth):
            yield Problem(
                message=f"{target.value}% is not a share between 0 and {options.maximum:g} ('{target.metric}')",
                path=f"targets[{index}].value",
                target=target.id,
                location=target.location,
            )
