"""Blocks -> Plan. Each construct has its own small rule module; this file only runs them in order."""

from __future__ import annotations

import regex

from cchc_cli.errors import NotAPlanError
from cchc_cli.models import Plan, Source
from cchc_cli.parse.assignments import extract_assignments
from cchc_cli.parse.footnotes import extract as extract_footnotes
from cchc_cli.parse.header import parse_metadata
from cchc_cli.parse.lexicon import find_indices
from cchc_cli.parse.references import extract_references
from cchc_cli.parse.sections import parse_sections
from cchc_cli.parse.state import State, Unit
from cchc_cli.parse.targets import extract_targets
from cchc_cli.parse.tasks import parse_tasks
from cchc_cli.parse.text import rx
from cchc_cli.readers.blocks import Document

__all__ = ["build_plan"]

_PLAN_WORDS = rx(r"kế hoạch|kế hoạch|cải cách hành chính|CCHC|chỉ tiêu|nhiệm vụ|K[EẾ] HO[AẠ]CH", regex.I)


def build_plan(doc: Document, source: Source) -> Plan:
    state = State.split(doc)
    all_text = "\n".join(_texts(doc))
    if not _PLAN_WORDS.search(all_text):
        raise NotAPlanError(
            "not an administrative-reform plan: no plan vocabulary (kế hoạch, CCHC, chỉ tiêu...) found"
        )
    footnotes = extract_footnotes(state)
    metadata = parse_metadata(state, all_text)
    structure = parse_sections(state)
    tasks = parse_tasks(state, metadata.plan_year)
    task_units = [Unit(t.content, t.location, kind="tasks", area=t.area, task=t.id) for t in tasks]
    targets = extract_targets(structure.units + task_units, metadata.plan_year)
    reference_units = (
        [Unit(b.text, b) for b in state.header + state.decision + state.title if b.kind == "para"]
        + structure.units
        + [Unit(b.text, b) for b in state.appendix if b.kind == "para" and b.text]
        + task_units
        + [Unit(f.text, f.location) for f in footnotes]
    )
    references = extract_references(reference_units, metadata.number)
    warnings = []
    if state.appendix and not tasks:
        warnings.append("an appendix was found but no task rows could be read from it")
    return Plan(
        source=source,
        metadata=metadata,
        indices=find_indices(all_text),
        preamble=structure.preamble,
        sections=structure.sections,
        targets=targets,
        tasks=tasks,
        references=references,
        assignments=extract_assignments(structure.sections, structure.preamble),
        footnotes=footnotes,
        warnings=warnings,
    )


def _texts(doc: Document) -> list[str]:
    out = []
    for b in doc.blocks:
        if b.kind == "para":
            out.append(b.text)
        elif b.rows:
            out.extend(" ".join(r) for r in b.rows)
    return out
