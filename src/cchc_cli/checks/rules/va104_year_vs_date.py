"""The plan year does not fit the issue date (a yearly plan is issued in its year or the year before)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from cchc_cli.checks.rules import Option, Problem, rule


@rule(
    "VA104",
    "plan-year-vs-issued-date",
    "warning",
    "check metadata.plan_year and metadata.issued_date",
    command="validate",
    options={
        "years_ahead": Option(
            1, "how many years before its plan year a plan may be issued", Annotated[int, Field(ge=0, le=10)]
        ),
    },
)
def check(ctx, options):
    meta = ctx.plan.metadata
    if (
        meta.plan_year
        and meta.issued_date
        and not (0 <= meta.plan_year - meta.issued_date.year <= options.years_ahead)
    ):
        yield Problem(
            message=f"plan year {meta.plan_year} but issued on {meta.issued_date.isoformat()}",
            path="metadata.plan_year",
        )
