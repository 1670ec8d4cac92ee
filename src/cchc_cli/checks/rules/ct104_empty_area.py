"""A reform area has neither a target nor a task in the plan."""

from __future__ import annotations

from cchc_cli.checks.rules import Option, Problem, rule
from cchc_cli.models import Area

AREAS = {
    "institutional": "cải cách thể chế",
    "administrative_procedures": "cải cách thủ tục hành chính",
    "apparatus": "cải cách tổ chức bộ máy",
    "civil_service": "cải cách chế độ công vụ",
    "public_finance": "cải cách tài chính công",
    "digital_government": "chính quyền điện tử, chính quyền số",
}


@rule(
    "CT104",
    "empty-area",
    "warning",
    "add at least a target or a task for the area",
    command="check-targets",
    options={"areas": Option(list(AREAS), "the reform areas a plan must cover", list[Area], "list of areas")},
)
def check(ctx, options):
    covered = {t.area for t in ctx.plan.targets} | {t.area for t in ctx.plan.tasks}
    for area in options.areas:
        if area not in covered:
            name = AREAS.get(area, area)
            yield Problem(message=f"no target and no task for {area} ({name})", path="targets")
