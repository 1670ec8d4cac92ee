"""An input could not be read or parsed (missing, unreadable, damaged, not a plan): the run goes on."""

from __future__ import annotations

from cchc_cli.checks.rules import rule


@rule(
    "IO100", "unreadable", "error", "check the file: the message says what is wrong with it", command="both"
)
def check(ctx):
    if ctx.read_error:
        yield {"message": ctx.read_error}
