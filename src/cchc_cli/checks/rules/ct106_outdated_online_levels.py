"""A target measures online services by "mức độ 3, 4", replaced by "toàn trình / một phần" (NĐ 42/2022).

Applies to plans for 2023 and later.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from cchc_cli.checks.rules import Option, Problem, rule
from cchc_cli.text import fold, rx

_LEVELS = rx(r"\bmuc do (?:3|4)\b")


@rule(
    "CT106",
    "outdated-online-levels",
    "warning",
    'measure online services as "toàn trình" or "một phần"',
    command="check-targets",
    options={
        "from_year": Option(
            2023,
            "the first plan year the old measure is flagged in (NĐ 42/2022)",
            Annotated[int, Field(ge=1990, le=2100)],
        )
    },
)
def check(ctx, options):
    if (ctx.plan.metadata.plan_year or 0) < options.from_year:
        return
    for index, target in enumerate(ctx.plan.targets):
        if _LEVELS.search(fold(target.metric)):
            yield Problem(
                message=f"outdated measure 'mức độ 3, 4' in '{target.metric}'",
                path=f"targets[{index}].metric",
                target=target.id,
                location=target.location,
            )
