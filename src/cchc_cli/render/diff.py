"""PlanDiff -> text: a rich table for people, JSON/YAML (the contract) and Markdown for reports."""

from __future__ import annotations

from typing import Any

from cchc_cli.diff import PlanDiff
from cchc_cli.render import to_json, to_yaml
from cchc_cli.text import commitment

COLOUR = {
    "raised": "green",
    "lowered": "red",
    "removed": "red",
    "added": "cyan",
    "reworded": "yellow",
    "changed": "yellow",
}


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _rows(diff: PlanDiff) -> list[tuple[str, str, str, str, str, str]]:
    """(part, change, what, old, new, fields) for every change, in the diff's stable order."""
    rows = []
    for c in diff.targets:
        item = c.new or c.old
        rows.append(
            (
                "target",
                c.change,
                _short(item["metric"]),
                commitment(c.old),
                commitment(c.new),
                ", ".join(c.fields),
            )
        )
    for c in diff.tasks:
        item = c.new or c.old
        if c.fields:
            for field in c.fields:
                rows.append(
                    (
                        "task " + item["id"],
                        c.change,
                        _short(item["content"]),
                        _show(c.old, field),
                        _show(c.new, field),
                        field,
                    )
                )
        else:
            rows.append(("task " + item["id"], c.change, _short(item["content"]), "", "", ""))
    for c in diff.metadata:
        rows.append(("metadata", c.change, c.fields[0], _plain(c.old), _plain(c.new), c.fields[0]))
    for c in diff.sections:
        item = c.new or c.old
        old = f"{c.old['path'] or ''} {c.old['title']}".strip() if c.old else ""
        new = f"{c.new['path'] or ''} {c.new['title']}".strip() if c.new else ""
        rows.append(("section", c.change, item["title"], old, new, ", ".join(c.fields)))
    return rows


def _show(task: dict[str, Any] | None, field: str) -> str:
    if not task:
        return ""
    value = task.get(field)
    if field == "timeline":
        return value["text"] if value else ""
    if isinstance(value, list):
        return "; ".join(value)
    return "" if value is None else str(value)


def _plain(value: Any) -> str:
    return "" if value is None else str(value)


def to_markdown(diff: PlanDiff) -> str:
    if diff.is_empty():
        return "No differences.\n"
    lines = ["| part | change | item | old | new | fields |", "|---|---|---|---|---|---|"]
    for row in _rows(diff):
        lines.append("| " + " | ".join(cell.replace("|", "\\|").replace("\n", " ") for cell in row) + " |")
    lines.append("")
    lines.append("Summary: " + ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in diff.summary.items()))
    return "\n".join(lines) + "\n"


def print_table(diff: PlanDiff, old_name: str, new_name: str) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console()
    if diff.is_empty():
        console.print(Text(f"No differences between {old_name} and {new_name}."))
        return
    # File names and plan text are user text: Text objects, never read as console markup.
    table = Table(title=Text(f"{old_name} → {new_name}"), show_lines=False)
    for column in ("part", "change", "item", "old", "new", "fields"):
        table.add_column(column, overflow="fold")
    for part, change, what, old, new, fields in _rows(diff):
        colour = COLOUR.get(change, "white")
        table.add_row(part, Text(change, style=colour), Text(what), Text(old), Text(new), Text(fields))
    console.print(table)
    console.print(", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in diff.summary.items()))


def render_diff(diff: PlanDiff, fmt: str) -> str:
    if fmt == "json":
        return to_json(diff)
    if fmt == "yaml":
        return to_yaml(diff)
    if fmt == "markdown":
        return to_markdown(diff)
    raise ValueError(f"unknown format {fmt!r}")
