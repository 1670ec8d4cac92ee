"""The plan year does not fit the issue date (a yearly plan is issued in its year or the year before)."""

from __future__ import annotations

from cchc_cli.checks.rules import rule


@rule(
    "VA104",
    "plan-year-vs-issued-date",
    "warning",
    "check metadata.plan_year and metadata.issued_date",
    command="validate",
)
def check(ctx):
    meta = ctx.plan.metadata
    if meta.plan_year and meta.issued_date and not (0 <= meta.plan_year - meta.issued_date.year <= 1):
        yield {
            "message": f"plan year {meta.plan_year} but issued on {meta.issued_date.isoformat()}",
            "path": "metadata.plan_year",
        }
