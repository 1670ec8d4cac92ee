"""A target is looser than the same target in last year's plan (--previous).

Targets are paired across the years as `cchc diff` pairs them (by meaning, not position).
"""

from __future__ import annotations

from cchc_cli.checks.rules import rule


@rule("CT102", "lowered-vs-previous", "error", "keep last year's commitment or a stricter one")
def check(ctx):
    if ctx.previous is None:
        return
    ids = {t.id: i for i, t in enumerate(ctx.plan.targets)}
    for change in ctx.changes.targets:
        if change.change == "lowered":
            old, new = change.old, change.new
            yield {
                "message": f"lowered against last year: '{new['metric']}' was {old['comparator']} {old['value']}"
                f"{old['unit'] or ''}, now {new['comparator']} {new['value']}{new['unit'] or ''}",
                "path": f"targets[{ids[new['id']]}].value",
                "target": new["id"],
                "location": ctx.plan.targets[ids[new["id"]]].location,
            }
