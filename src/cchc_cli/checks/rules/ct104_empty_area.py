"""A reform area has neither a target nor a task in the plan."""

from __future__ import annotations

from typing import get_args

from cchc_cli.checks.rules import Option, Problem, rule
from cchc_cli.models import Area
from cchc_cli.vocab import labels

# The six areas of the Chương trình tổng thể CCHC 2021-2030: the model's, less the two that are
# not reform areas of their own.
AREAS = [area for area in get_args(Area) if area not in ("direction", "other")]


@rule(
    "CT104",
    "empty-area",
    "warning",
    "add at least a target or a task for the area",
    command="check-targets",
    options={"areas": Option(AREAS, "the reform areas a plan must cover", list[Area], "list of areas")},
)
def check(ctx, options):
    covered = {t.area for t in ctx.plan.targets} | {t.area for t in ctx.plan.tasks}
    for area in options.areas:
        if area not in covered:
            name = labels().areas[area]["vi"]
            yield Problem(message=f"no target and no task for {area} ({name})", path="targets")
