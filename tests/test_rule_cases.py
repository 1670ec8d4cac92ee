"""Every linter rule against its cases in tests/checks/<RULE>.yaml (like sqlfluff's rule cases).

A case is a plan fragment merged over tests/checks/base.yaml (mappings merged, lists replaced),
with optional `previous` (last year's plan, the same way), `options` for the rule, `config`
(e.g. exemptions), and `expect`: the findings of that rule, in order, each given by the keys
that matter (path, target, task, severity; `message` is a part of the message).
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from cchc_cli.checks import Context, run_rules
from cchc_cli.checks.baselines import floors_in_force, load_baseline
from cchc_cli.checks.config import Config
from cchc_cli.checks.rules import all_rules
from cchc_cli.models import Plan

CASES = Path(__file__).parent / "checks"
BASE = yaml.safe_load((CASES / "base.yaml").read_text(encoding="utf-8"))
NATIONAL = load_baseline("national")
# Rules about the input itself, not a plan's content: the CLI tests cover them.
ABOUT_FILES = {"IO100", "VA100"}


def _merge(base, fragment):
    if isinstance(base, dict) and isinstance(fragment, dict):
        out = dict(base)
        for key, value in fragment.items():
            out[key] = _merge(base.get(key), value) if key in base else value
        return out
    return fragment


def _targets(items: list[dict]) -> list[dict]:
    out = []
    for i, item in enumerate(items):
        target = {
            "id": f"T{i + 1:03}",
            "comparator": ">=",
            "unit": "%",
            "area": "administrative_procedures",
            "location": {"line": 100 + i},
            **item,
        }
        target.setdefault("text", target["metric"])
        out.append(target)
    return out


def _tasks(items: list[dict]) -> list[dict]:
    out = []
    for i, item in enumerate(items):
        task = {**copy.deepcopy(BASE["tasks"][i % len(BASE["tasks"])]), **item}
        task["id"] = f"{task['group_number']}.{task['stt']}"
        out.append(task)
    return out


def _sections(items: list[dict], parent: str | None = None) -> list[dict]:
    out = []
    for i, item in enumerate(items):
        section = {"kind": "other", "location": {"line": 10 + i}, **item}
        section.setdefault("path", f"{parent}.{section['number']}" if parent else section["number"])
        section["children"] = _sections(section.get("children", []), section["path"])
        out.append(section)
    return out


def build(fragment: dict | None) -> Plan:
    data = _merge(copy.deepcopy(BASE), fragment or {})
    if fragment and "targets" in fragment:
        data["targets"] = _targets(fragment["targets"])
    if fragment and "tasks" in fragment:
        data["tasks"] = _tasks(fragment["tasks"])
    if fragment and "sections" in fragment:
        data["sections"] = _sections(fragment["sections"])
    return Plan.model_validate(data)


def findings_of(rule_id: str, case: dict) -> list:
    rule = next(r for r in all_rules() if r.id == rule_id)
    plan = build(case.get("plan"))
    previous = build(case["previous"]) if "previous" in case else None
    config = Config.model_validate(
        {"select": [rule_id], "rules": {rule_id: dict(case.get("options", {}))}, **case.get("config", {})}
    )
    ctx = Context(
        plan=plan,
        file="plan.yaml",
        previous=previous,
        floors=floors_in_force(NATIONAL, plan.metadata.plan_year),
    )
    command = "check-targets" if rule.group == "check-targets" else "validate"
    return run_rules(ctx, command, config)


def _load_cases() -> list:
    params = []
    for path in sorted(CASES.glob("[A-Z]*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["rule"] == path.stem, f"{path.name} names rule {data['rule']}"
        for case in data["cases"]:
            params.append(pytest.param(data["rule"], case, id=f"{data['rule']}: {case['name']}"))
    return params


@pytest.mark.parametrize(("rule_id", "case"), _load_cases())
def test_rule_case(rule_id: str, case: dict) -> None:
    found = findings_of(rule_id, case)
    assert {f.rule for f in found} <= {rule_id}
    expected = case.get("expect", [])
    assert len(found) == len(expected), [f.message for f in found]
    for finding, want in zip(found, expected, strict=True):
        for key, value in want.items():
            if key == "message":
                assert value in finding.message, finding.message
            else:
                assert getattr(finding, key) == value, (key, finding)


def test_every_rule_has_cases_that_fire_and_cases_that_do_not() -> None:
    for rule in all_rules():
        if rule.id in ABOUT_FILES:
            continue
        path = CASES / f"{rule.id}.yaml"
        assert path.exists(), f"{rule.id} has no case file"
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
        assert any(c.get("expect") for c in cases) and any(not c.get("expect") for c in cases), rule.id
        for name in rule.options:  # every option is exercised by a case
            assert any(name in c.get("options", {}) for c in cases), f"{rule.id} option {name} has no case"


def test_the_base_plan_is_clean_for_every_rule() -> None:
    for rule in all_rules():
        assert findings_of(rule.id, {}) == [], rule.id
