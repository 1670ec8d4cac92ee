"""Blocks -> Plan. Each construct has its own small rule module; this file only runs them in order."""

from __future__ import annotations

import regex

from cchc_cli.errors import NotAPlanError
from cchc_cli.models import Plan, Result, Source
from cchc_cli.parse.assignments import extract_assignments
from cchc_cli.parse.footnotes import extract as extract_footnotes
from cchc_cli.parse.header import own_span, parse_metadata, working_year
from cchc_cli.parse.lexicon import find_indices
from cchc_cli.parse.references import extract_references
from cchc_cli.parse.sections import parse_sections
from cchc_cli.parse.state import State, Unit
from cchc_cli.parse.targets import extract_targets
from cchc_cli.parse.tasks import parse_tasks
from cchc_cli.readers.blocks import Document
from cchc_cli.text import fold, rx

__all__ = ["build_plan"]

_PLAN_WORDS = rx(r"kế hoạch|kế hoạch|cải cách hành chính|CCHC|chỉ tiêu|nhiệm vụ|K[EẾ] HO[AẠ]CH", regex.I)


def build_plan(doc: Document, source: Source) -> Plan:
    state = State.split(doc)
    all_text = "\n".join(_texts(doc))
    if not _PLAN_WORDS.search(all_text):
        raise NotAPlanError(
            "not an administrative-reform plan: no plan vocabulary (kế hoạch, CCHC, chỉ tiêu...) found"
        )
    if not state.title and not _about_a_plan(state):
        raise NotAPlanError(
            "not a plan: no plan title (KẾ HOẠCH, QUYẾT ĐỊNH, CHƯƠNG TRÌNH) and the opening does not speak of a plan"
        )
    footnotes = extract_footnotes(state)
    metadata = parse_metadata(state, all_text)
    structure = parse_sections(state)
    year = working_year(metadata)
    tasks = parse_tasks(state, year)
    task_units = [Unit(t.content, t.location, kind="tasks", area=t.area, task=t.id) for t in tasks]
    results: list[Result] = []
    targets = extract_targets(structure.units + task_units, year, own_span(metadata), results)
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
        results=results,
        tasks=tasks,
        references=references,
        assignments=extract_assignments(structure.sections, structure.preamble),
        footnotes=footnotes,
        warnings=warnings,
    )


# A news page about a plan names it in its headline or first paragraphs.
_ABOUT_A_PLAN = rx(r"\b(ke hoach|chuong trinh|cai cach hanh chinh|cchc|de an)\b")


def _about_a_plan(state: State) -> bool:
    opening = [b.text for b in state.header + state.body[:8] if b.kind == "para"]
    return any(_ABOUT_A_PLAN.search(fold(text)) for text in opening)


def _texts(doc: Document) -> list[str]:
    out = []
    for b in doc.blocks:
        if b.kind == "para":
            out.append(b.text)
        elif b.rows:
            out.extend(" ".join(r) for r in b.rows)
    return out
