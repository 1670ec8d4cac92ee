"""A YAML/JSON plan does not match the Plan model (every field path, line and column)."""

from __future__ import annotations

from cchc_cli.checks.rules import Problem, rule


@rule("VA100", "schema", "error", "make the field match the Plan model", command="both")
def check(ctx, options):
    # The loader validated the file and kept every error (see pipeline.load_for_checks).
    for field, message in ctx.load_errors:
        yield Problem(message=f"{field}: {message}", path=field)
