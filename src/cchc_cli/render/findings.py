"""Findings -> the forms CI systems read: text, JSON, GitHub annotations, JUnit XML, SARIF 2.1.0."""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree as ET

from cchc_cli import __version__
from cchc_cli.checks.base import Finding, Rule

SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def to_json(findings: list[Finding]) -> str:
    return json.dumps([f.model_dump(mode="json") for f in findings], ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def to_concise(findings: list[Finding]) -> str:
    """One line a finding, as compilers and ruff write them: `file:line:col: RULE message`
    (1:1 where a finding has no position in the file, such as an unreadable input)."""
    lines = [
        f"{f.file}:{f.line or 1}:{f.column or 1}: {f.rule} [{f.severity}] {' '.join(f.message.split())}"
        for f in findings
    ]
    return "\n".join(lines) + ("\n" if lines else "")


def sort_findings(findings: list[Finding], files: list[str]) -> list[Finding]:
    """By file (in the order given), then line and column (findings without a line first)."""
    order = {name: i for i, name in enumerate(files)}
    return sorted(findings, key=lambda f: (order.get(f.file, len(order)), f.line or 0, f.column or 0, f.rule))


def to_github(findings: list[Finding]) -> str:
    """Workflow commands: `::error file=F,line=L,col=C,title=RULE::message`."""
    lines = []
    for f in findings:
        level = {"error": "error", "warning": "warning", "info": "notice"}[f.severity]
        props = [f"file={_escape_property(f.file)}"]
        if f.line:
            props.append(f"line={f.line}")
        if f.column:
            props.append(f"col={f.column}")
        props.append(f"title={_escape_property(f.rule)}")
        lines.append(f"::{level} {','.join(props)}::{_escape_data(f.message)}")
    return "\n".join(lines) + ("\n" if lines else "")


# Characters XML 1.0 cannot hold at all (plan text may carry them: a stray \x01 in a .txt).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def to_junit(findings: list[Finding], files: list[str], rules: list[Rule]) -> str:
    """One testcase per rule × file; a finding at the rule's level fails its testcase. Text that
    XML cannot hold (control characters) is replaced, so the report always parses."""
    suites = ET.Element("testsuites", name="cchc")
    for file in files:
        own = [f for f in findings if f.file == file]
        suite = ET.SubElement(
            suites,
            "testsuite",
            name=_xml(file),
            tests=str(len(rules)),
            failures=str(len({f.rule for f in own})),
            errors="0",
            skipped="0",
        )
        for rule in rules:
            case = ET.SubElement(suite, "testcase", classname=_xml(file), name=f"{rule.id} {rule.name}")
            hits = [f for f in own if f.rule == rule.id]
            if hits:
                failure = ET.SubElement(case, "failure", message=_xml(hits[0].message), type=hits[0].severity)
                failure.text = _xml(
                    "\n".join(
                        f"{h.severity}: {h.message}" + (f" (line {h.line})" if h.line else "") for h in hits
                    )
                )
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


def to_sarif(findings: list[Finding], rules: list[Rule]) -> str:
    index = {rule.id: i for i, rule in enumerate(rules)}
    driver = {
        "name": "cchc",
        "version": __version__,
        "informationUri": "https://cchc.invalid/",
        "rules": [
            {
                "id": rule.id,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "help": {"text": rule.fix},
                "defaultConfiguration": {"level": SARIF_LEVEL[rule.severity]},
            }
            for rule in rules
        ],
    }
    results = []
    for f in findings:
        location: dict = {"physicalLocation": {"artifactLocation": {"uri": f.file}}}
        if f.line:
            location["physicalLocation"]["region"] = {
                "startLine": f.line,
                **({"startColumn": f.column} if f.column else {}),
            }
        result = {
            "ruleId": f.rule,
            "level": SARIF_LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [location],
        }
        if f.rule in index:
            result["ruleIndex"] = index[f.rule]
        if f.path or f.target:
            result["properties"] = {k: v for k, v in (("path", f.path), ("target", f.target)) if v}
        results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": results}],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def print_text(findings: list[Finding], files: list[str]) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console()
    colour = {"error": "red", "warning": "yellow", "info": "blue"}
    for file in files:
        own = [f for f in findings if f.file == file]
        # File names, messages and fixes quote plan text: Text objects, never console markup.
        if not own:
            console.print(Text.assemble(("✓", "green"), f" {file}: no findings"))
            continue
        console.print(Text(file, style="bold"))
        for f in own:
            where = f"{f.line}:{f.column or 1}" if f.line else (f.target or f.task or "")
            line = Text.assemble(
                f"  {where:>8}  ", (f"{f.severity:<7}", colour[f.severity]), f" {f.rule}  {f.message}"
            )
            console.print(line, highlight=False, soft_wrap=True)
            if f.fix:
                console.print(Text(f"            fix: {f.fix}", style="dim"), highlight=False, soft_wrap=True)
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    console.print(", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items()))
