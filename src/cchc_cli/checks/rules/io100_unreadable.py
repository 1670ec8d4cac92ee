"""An input could not be read or parsed (missing, unreadable, damaged, not a plan): the run goes on."""

from __future__ import annotations

from cchc_cli.checks.rules import Problem, rule


@rule(
    "IO100", "unreadable", "error", "check the file: the message says what is wrong with it", command="both"
)
def check(ctx, options):
    if ctx.read_error:
        yield Problem(message=ctx.read_error)
