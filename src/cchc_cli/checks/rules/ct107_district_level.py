"""A target speaks of the district level (cấp huyện) in a plan made after district level was abolished (1/7/2025)."""

from __future__ import annotations

import datetime as dt

from cchc_cli.checks.rules import Option, Problem, rule
from cchc_cli.text import fold, rx

ABOLISHED = dt.date(2025, 7, 1)
_DISTRICT = rx(r"\b(?:cap huyen|ubnd (?:cac )?huyen|uy ban nhan dan (?:cac )?huyen)\b")


@rule(
    "CT107",
    "district-level-after-2025",
    "warning",
    "re-target the commitment at province or commune level",
    command="check-targets",
    options={"abolished": Option(ABOLISHED, "the day the district level ended", dt.date)},
)
def check(ctx, options):
    meta = ctx.plan.metadata
    if not (
        (meta.plan_year or 0) > options.abolished.year
        or (meta.issued_date and meta.issued_date >= options.abolished)
    ):
        return
    for index, target in enumerate(ctx.plan.targets):
        if _DISTRICT.search(fold(f"{target.metric} {target.text}")):
            yield Problem(
                message=f"district level named after its abolition: '{target.metric}'",
                path=f"targets[{index}]",
                target=target.id,
                location=target.location,
            )
