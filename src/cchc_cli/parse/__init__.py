"""Blocks -> Plan. Each construct has its own small rule module; this file only runs them in order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from cchc_cli.errors import NotAPlanError
from cchc_cli.models import Assignment, Footnote, Metadata, Plan, Reference, Result, Source, Target, Task
from cchc_cli.parse.assignments import extract_assignments
from cchc_cli.parse.footnotes import extract as extract_footnotes
from cchc_cli.parse.header import own_span, parse_metadata, working_year
from cchc_cli.parse.lexicon import find_indices
from cchc_cli.parse.references import extract_references
from cchc_cli.parse.sections import SectionResult, parse_sections
from cchc_cli.parse.state import Passage, State
from cchc_cli.parse.targets import Verdict, extract_targets
from cchc_cli.parse.tasks import parse_tasks
from cchc_cli.readers.blocks import Document
from cchc_cli.text import fold, rx, search_folded
from cchc_cli.vocab import alternatives, lexicon

__all__ = ["RULES", "Build", "build_plan"]

_PLAN = lexicon().plan_words
_PLAN_WORDS = rx(alternatives(_PLAN.anywhere))  # anywhere, even inside a word run together


@dataclass
class Build:
    """The plan being built: the document cut into regions, and what each rule has found so far."""

    regions: State
    explain: list[Verdict] | None = None  # the decision on every number, for ``--explain``
    all_text: str = ""
    footnotes: list[Footnote] = field(default_factory=list)
    metadata: Metadata = field(default_factory=Metadata)
    structure: SectionResult = field(default_factory=SectionResult)
    year: int | None = None  # the working year: the title's, else the period's start or the issue date's
    tasks: list[Task] = field(default_factory=list)
    task_units: list[Passage] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    indices: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _is_a_plan(b: Build) -> None:
    b.all_text = "\n".join(_texts(b.regions.doc))
    if not search_folded(_PLAN_WORDS, b.all_text):
        raise NotAPlanError(
            "not an administrative-reform plan: no plan vocabulary (kế hoạch, CCHC, chỉ tiêu...) found"
        )
    if not b.regions.title and not _about_a_plan(b.regions):
        raise NotAPlanError(
            "not a plan: no plan title (KẾ HOẠCH, QUYẾT ĐỊNH, CHƯƠNG TRÌNH) and the opening does not speak of a plan"
        )


def _footnotes(b: Build) -> None:
    b.footnotes = extract_footnotes(b.regions)


def _metadata(b: Build) -> None:
    b.metadata = parse_metadata(b.regions)
    b.year = working_year(b.metadata)


def _sections(b: Build) -> None:
    b.structure = parse_sections(b.regions)


def _tasks(b: Build) -> None:
    b.tasks = parse_tasks(b.regions, b.year)
    b.task_units = [Passage(t.content, t.location, kind="tasks", area=t.area, task=t.id) for t in b.tasks]
    if b.regions.appendix and not b.tasks:
        b.warnings.append("an appendix was found but no task rows could be read from it")


def _targets(b: Build) -> None:
    units = b.structure.units + b.task_units
    b.targets = extract_targets(units, b.year, own_span(b.metadata), b.results, b.explain)


def _references(b: Build) -> None:
    r = b.regions
    units = (
        [Passage(x.text, x) for x in r.header + r.decision + r.title if x.kind == "para"]
        + b.structure.units
        + [Passage(x.text, x) for x in r.appendix if x.kind == "para" and x.text]
        + b.task_units
        + [Passage(f.text, f.location) for f in b.footnotes]
    )
    b.references = extract_references(units, b.metadata.number)


def _assignments(b: Build) -> None:
    b.assignments = extract_assignments(b.structure.sections, b.structure.preamble)


def _indices(b: Build) -> None:
    b.indices = find_indices(b.all_text)


# The rule chain, in order, each with why it stands where it does.
RULES: list[tuple[str, Callable[[Build], None], str]] = [
    ("is-a-plan", _is_a_plan, "first: nothing is worth reading in a document that is not a plan"),
    ("footnotes", _footnotes, "before sections: a web copy's note marks are cut out of the text first"),
    ("metadata", _metadata, "gives the plan's year, period and own number the rules below need"),
    ("sections", _sections, "the body's structure, and the text units targets are read from"),
    ("tasks", _tasks, "needs the working year for deadlines; a task's content is a target unit too"),
    ("targets", _targets, "needs the section and task units and the plan's own year or period"),
    ("references", _references, "needs the plan's own number, so the plan does not cite itself"),
    ("assignments", _assignments, "needs the sections"),
    ("indices", _indices, "any order: reads the whole text"),
]


def build_plan(doc: Document, source: Source, explain: list[Verdict] | None = None) -> Plan:
    """Blocks -> Plan: the rules of ``RULES`` run in order over one ``Build``."""
    b = Build(State.split(doc), explain)
    for _name, rule, _why in RULES:
        rule(b)
    return Plan(
        source=source,
        metadata=b.metadata,
        indices=b.indices,
        preamble=b.structure.preamble,
        sections=b.structure.sections,
        targets=b.targets,
        results=b.results,
        tasks=b.tasks,
        references=b.references,
        assignments=b.assignments,
        footnotes=b.footnotes,
        warnings=b.warnings,
    )


# A news page about a plan names it in its headline or first paragraphs.
_ABOUT_A_PLAN = rx(rf"\b(?:{alternatives(_PLAN.about_a_plan)})\b")


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
