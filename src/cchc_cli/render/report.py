"""Plan -> one self-contained HTML page (inline CSS, JS and SVG; nothing fetched) to look at, and to print on A4."""

from __future__ import annotations

import re
from html import escape
from urllib.parse import quote

from cchc_cli.checks.baselines import Floor, floors_in_force, load_baseline
from cchc_cli.models import Location, Plan, Target, Task
from cchc_cli.text import commitment
from cchc_cli.vocab import Speaker, labels

CSS = """
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Serif", "Times New Roman", serif; color: #1a1a1a; margin: 0 auto; max-width: 1100px;
       padding: 16px; font-size: 14px; line-height: 1.4; }
h1 { font-size: 20px; margin: 4px 0; } h2 { font-size: 16px; border-bottom: 2px solid #2f5496; padding-bottom: 2px;
     margin-top: 22px; } h3 { font-size: 14px; margin: 14px 0 4px; color: #2f5496; }
.card { border: 1px solid #c9d3e6; border-radius: 6px; padding: 10px 14px; background: #f5f8fd; }
.card dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 6px 0 0; }
.card dt { color: #555; } .card dd { margin: 0; font-weight: 600; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #d0d7e2; padding: 3px 6px;
        vertical-align: top; text-align: left; } th { background: #e8eef8; }
tr { break-inside: avoid; page-break-inside: avoid; }
.value { white-space: nowrap; font-weight: 600; } .bar { width: 180px; }
.src { font-size: 11px; color: #666; white-space: nowrap; } a { color: #2f5496; }
.q { width: 26px; text-align: center; } .q.on { background: #2f5496; }
.filters button { margin: 0 4px 4px 0; border: 1px solid #2f5496; background: #fff; border-radius: 12px;
                  padding: 1px 8px; cursor: pointer; } .filters button.active { background: #2f5496; color: #fff; }
.hidden { display: none; } .legend { font-size: 12px; color: #555; }
@media print { .filters { display: none; } body { max-width: none; padding: 0; font-size: 11px; } }
"""

JS = """
document.querySelectorAll('.filters button').forEach(function (button) {
  button.addEventListener('click', function () {
    var area = button.getAttribute('data-area');
    document.querySelectorAll('.filters button').forEach(function (b) { b.classList.toggle('active', b === button); });
    document.querySelectorAll('[data-area-group]').forEach(function (group) {
      group.classList.toggle('hidden', area !== 'all' && group.getAttribute('data-area-group') !== area);
    });
  });
});
document.getElementById('count-targets').textContent = document.querySelectorAll('tr.target').length;
document.getElementById('count-tasks').textContent = document.querySelectorAll('tr.task').length;
"""


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def _href(path: str) -> str:
    """A link to the source file: a relative path (a name that looks like a URL scheme, such as
    "javascript:...", is made "./javascript%3A..."), every character percent-encoded as needed."""
    if _SCHEME.match(path) and not re.match(r"^[A-Za-z]:[\\/]", path):  # not a Windows drive
        path = "./" + path
    return escape(quote(path, safe="/._-~"))


def _link(plan: Plan, location: Location) -> str:
    path = _href(plan.source.path)
    if location.page:
        anchor, label = f"#page={location.page}", f"tr. {location.page}"
    elif location.line:
        anchor, label = f"#L{location.line}", f"dòng {location.line}"
    else:
        anchor, label = "", f"khối {location.block}" if location.block else ""
    if location.row:
        label += f", hàng {location.row}"
    return f'<a class="src" href="{path}{anchor}">{escape(label)}</a>'


def _bar(target: Target, floor: Floor | None) -> str:
    if target.unit != "%" or target.value is None or not 0 <= target.value <= 100:
        return ""
    width = 170 * target.value / 100
    marker = ""
    if floor is not None and floor.value is not None and floor.unit == "%":
        x = 170 * floor.value / 100
        marker = (
            f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="16" stroke="#c00000" stroke-width="2">'
            f"<title>{escape(floor.describe())}</title></line>"
        )
    return (
        f'<svg class="bar" width="172" height="16" role="img" aria-label="{target.value:g}%">'
        f'<rect x="0" y="3" width="170" height="10" fill="#e3e8f0"/>'
        f'<rect x="0" y="3" width="{width:.1f}" height="10" fill="#2f5496"/>{marker}</svg>'
    )


def _quarters(task: Task, year: int | None, quarter: str = "Quý") -> str:
    cells = []
    for q in range(1, 5):
        on = False
        if task.timeline and year:
            if task.timeline.quarters:
                on = f"{year}-Q{q}" in task.timeline.quarters
            elif task.timeline.start and task.timeline.end:
                first_month, last_month = 3 * q - 2, 3 * q
                start, end = task.timeline.start, task.timeline.end
                on = (start.year, start.month) <= (year, last_month) and (end.year, end.month) >= (
                    year,
                    first_month,
                )
        cells.append(f'<td class="q{" on" if on else ""}" title="{quarter} {q}"></td>')
    return "".join(cells)


def render_report(plan: Plan, lang: str = "vi") -> str:
    say = Speaker(lang)
    word = say.report
    meta = plan.metadata
    floors = floors_in_force(load_baseline("national"), meta.plan_year)
    title = escape(meta.title or word("untitled"))
    card_rows = [
        (word("issuer"), meta.issuer),
        (word("number"), meta.number),
        (word("issued_date"), meta.issued_date.strftime("%d/%m/%Y") if meta.issued_date else None),
        (word("plan_year"), meta.plan_year),
        (word("signer"), f"{meta.signer_title or ''} {meta.signer or ''}".strip()),
        (word("indices"), ", ".join(plan.indices)),
        (word("source"), plan.source.path),
    ]
    card = "".join(f"<dt>{k}</dt><dd>{escape(str(v))}</dd>" for k, v in card_rows if v)
    areas = [a for a in labels().areas if any(t.area == a for t in plan.targets)]
    filters = "".join(f'<button data-area="{a}">{escape(say.area(a))}</button>' for a in areas)
    groups = []
    for area in areas:
        rows = []
        for t in (t for t in plan.targets if t.area == area):
            floor = next((f for f in floors if f.matches(t)), None)
            floor_text = f'<div class="src">{escape(floor.describe())}</div>' if floor else ""
            rows.append(
                f'<tr class="target" id="{escape(t.id)}" data-id="{escape(t.id)}" data-value="{"" if t.value is None else t.value}"'
                f' data-comparator="{escape(t.comparator)}"><td>{escape(t.id)}</td><td>{escape(t.metric)}{floor_text}</td>'
                f'<td class="value">{escape(commitment(t.model_dump()))}</td><td>{_bar(t, floor)}</td>'
                f"<td>{t.year or ''}</td><td>{_link(plan, t.location)}</td></tr>"
            )
        groups.append(
            f'<div data-area-group="{area}"><h3>{escape(say.area(area))}</h3><table><thead><tr><th>#</th>'
            f"<th>{word('target')}</th><th>{word('level')}</th><th>{word('bar')}</th><th>{word('year')}</th>"
            f"<th>{word('source')}</th>"
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
        )
    task_rows = []
    for task in plan.tasks:
        task_rows.append(
            f'<tr class="task" data-id="{escape(task.id)}"><td>{escape(task.id)}</td><td>{escape(task.content)}</td>'
            f"<td>{escape(task.output or '')}</td><td>{escape('; '.join(task.lead))}</td>"
            f"<td>{escape('; '.join(task.partners))}</td><td>{escape(task.timeline.text if task.timeline else '')}</td>"
            f"{_quarters(task, meta.plan_year, word('quarter'))}<td>{_link(plan, task.location)}</td></tr>"
        )
    tasks = (
        f"<table><thead><tr><th>#</th><th>{word('content')}</th><th>{word('output')}</th><th>{word('lead')}</th>"
        f"<th>{word('partners')}</th><th>{word('timeline')}</th><th>Q1</th><th>Q2</th><th>Q3</th><th>Q4</th>"
        f"<th>{word('source')}</th></tr></thead>"
        f"<tbody>{''.join(task_rows)}</tbody></table>"
        if task_rows
        else f"<p>{word('no_tasks')}</p>"
    )
    references = "".join(
        f"<li>{escape(r.kind)} {escape(r.number or '')} {escape(r.date.strftime('%d/%m/%Y') if r.date else '')}"
        f" {escape((word('of') + ' ' + r.issuer) if r.issuer else '')} {escape(('— ' + r.title) if r.title else '')}"
        f" {_link(plan, r.location)}</li>"
        for r in plan.references
    )
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title><style>{CSS}</style></head><body>
<header class="card"><div>{word("plan")}</div><h1>{title}</h1><dl>{card}</dl>
<p class="legend"><span id="count-targets">{len(plan.targets)}</span> {word("targets_count")},
<span id="count-tasks">{len(plan.tasks)}</span> {word("tasks_count")}</p></header>
<h2>{word("targets_by_area")}</h2>
<div class="filters"><button class="active" data-area="all">{word("all")}</button>{filters}</div>
{"".join(groups) or "<p>" + word("no_targets") + "</p>"}
<h2>{word("tasks_heading")} {meta.plan_year or ""}</h2>
{tasks}
<h2>{word("references")}</h2><ul>{references}</ul>
<p class="legend">{word("made_by")} {escape(plan.source.path)} (sha256 {plan.source.sha256[:12]}…).</p>
<script>{JS}</script></body></html>
"""
