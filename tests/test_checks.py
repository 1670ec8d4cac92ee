"""validate and check-targets on the real plan and on copies with known faults."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest
import yaml

from cchc_cli.checks import Context, run_rules
from cchc_cli.checks.baselines import floors_in_force, load_baseline
from cchc_cli.checks.config import Config
from cchc_cli.checks.rules import all_rules
from cchc_cli.models import Plan
from cchc_cli.render import findings as out
from cchc_cli.render import to_yaml
from cchc_cli.text import fold
from conftest import BEN_TRE_TEXT, ROOT, parsed

NATIONAL = load_baseline("national")


def check(plan: Plan, previous: Plan | None = None, config: Config | None = None, floors=None) -> list:
    in_force = floors_in_force(NATIONAL if floors is None else floors, plan.metadata.plan_year)
    ctx = Context(plan=plan, file="plan.yaml", previous=previous, floors=in_force)
    return run_rules(ctx, "check-targets", config or Config())


def validate(plan: Plan) -> list:
    return run_rules(Context(plan=plan, file="plan.yaml"), "validate", Config())


def ben_tre() -> Plan:
    return parsed(BEN_TRE_TEXT).model_copy(deep=True)


def lower_satisfaction(plan: Plan, value: float = 75) -> str:
    """Set the plan's target on satisfaction with TTHC (found by meaning, not by its place in the
    list) below the 2023 floor of 80%; return its id."""
    (target,) = [t for t in plan.targets if "hai long" in fold(t.metric) and "dat dai" not in fold(t.metric)]
    target.value = value
    return target.id


@pytest.mark.parametrize("path", [BEN_TRE_TEXT, "samples/ben-tre-2023.docx", "samples/ben-tre-2023.pdf"])
def test_the_real_plan_has_no_finding(path: str) -> None:
    """Its three tasks of December 2022 prepare the 2023 plan: not a deadline slip (VA108)."""
    plan = parsed(path)
    assert check(plan) == []
    assert validate(plan) == []
    december = [t for t in plan.tasks if t.timeline and t.timeline.end and t.timeline.end.year == 2022]
    assert len(december) == 3


def test_a_target_below_the_floor_in_the_real_plan() -> None:
    plan = ben_tre()
    target = lower_satisfaction(plan)
    findings = check(plan)
    assert [(f.rule, f.severity, f.target) for f in findings] == [("CT101", "error", target)]
    message = findings[0].message
    assert "NQ 131/NQ-CP" in message and "≥ 80% for 2023" in message and "plan has ≥ 75%" in message
    assert findings[0].floor["id"] == "T-9a" and findings[0].floor["confidence"] == "M"


def test_own_baseline_combines_with_the_national_one(tmp_path: Path) -> None:
    own = tmp_path / "province.yaml"
    own.write_text(
        yaml.safe_dump(
            {
                "name": "Bến Tre",
                "floors": [
                    {
                        "id": "BT-1",
                        "measure": "dung-han",
                        "area": "administrative_procedures",
                        "metric": "TTHC được giải quyết đúng hạn đạt 99%",
                        "match": [["dung han"]],
                        "comparator": ">=",
                        "value": 99,
                        "unit": "%",
                        "year": 2023,
                        "source": "Nghị quyết HĐND tỉnh (ví dụ)",
                        "confidence": "H",
                    }
                ],
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    floors = NATIONAL + load_baseline(str(own))
    findings = check(parsed(BEN_TRE_TEXT), floors=floors)
    assert [(f.rule, f.target, f.floor["baseline"]) for f in findings] == [("CT101", "T003", "Bến Tre")]


# -- output formats, parsed back --------------------------------------------------------------------


def _faulty_findings():
    plan = ben_tre()
    lower_satisfaction(plan)
    plan.targets = [t for t in plan.targets if t.area != "public_finance"]
    plan.tasks = [t for t in plan.tasks if t.area != "public_finance"]
    return check(plan), [r for r in all_rules() if r.group == "check-targets"]


# The normative constraints of SARIF 2.1.0 a consumer relies on, transcribed from the standard
# (OASIS SARIF v2.1.0, sections 3.13-3.30) for the parts cchc writes.
SARIF_CORE = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "runs": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["tool"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name"],
                                "properties": {
                                    "name": {"type": "string"},
                                    "rules": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "required": ["id"],
                                            "properties": {
                                                "defaultConfiguration": {
                                                    "type": "object",
                                                    "properties": {
                                                        "level": {
                                                            "enum": ["none", "note", "warning", "error"]
                                                        }
                                                    },
                                                }
                                            },
                                        },
                                    },
                                },
                            }
                        },
                    },
                    "results": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["message"],
                            "properties": {
                                "ruleId": {"type": "string"},
                                "ruleIndex": {"type": "integer", "minimum": 0},
                                "level": {"enum": ["none", "note", "warning", "error"]},
                                "message": {"type": "object", "required": ["text"]},
                                "locations": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "properties": {
                                            "physicalLocation": {
                                                "type": "object",
                                                "properties": {
                                                    "artifactLocation": {
                                                        "type": "object",
                                                        "properties": {"uri": {"type": "string"}},
                                                    },
                                                    "region": {
                                                        "type": "object",
                                                        "properties": {
                                                            "startLine": {"type": "integer", "minimum": 1},
                                                            "startColumn": {"type": "integer", "minimum": 1},
                                                        },
                                                    },
                                                },
                                            }
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    },
}


def test_sarif_validates_and_round_trips() -> None:
    from sarif_pydantic import Sarif

    findings, rules = _faulty_findings()
    data = json.loads(out.to_sarif(findings, rules))
    jsonschema.validate(data, SARIF_CORE)
    log = Sarif.model_validate(data)
    assert [r.rule_id for r in log.runs[0].results] == ["CT101", "CT104"]
    driver_rules = data["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in driver_rules] == [r.id for r in rules]
    assert all(driver_rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in data["runs"][0]["results"])


def test_junit_has_one_testcase_per_rule_and_file() -> None:
    findings, rules = _faulty_findings()
    root = ET.fromstring(out.to_junit(findings, ["plan.yaml", "other.yaml"], rules))
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == 2 * len(rules)
    failed = [c.get("name") for c in cases if c.find("failure") is not None]
    assert failed == ["CT101 below-floor", "CT104 empty-area"]


def test_json_and_github_forms() -> None:
    findings, _ = _faulty_findings()
    data = json.loads(out.to_json(findings))
    assert [(d["rule"], d["severity"]) for d in data] == [("CT101", "error"), ("CT104", "warning")]
    lines = out.to_github(findings).splitlines()
    pattern = re.compile(
        r"^::(error|warning|notice) file=[^,:]+(,line=\d+)?(,col=\d+)?,title=[A-Z0-9]+::\S.*$"
    )
    assert all(pattern.match(line) for line in lines) and lines[0].startswith("::error")


# -- the commands ---------------------------------------------------------------------------------


def cchc(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cchc_cli", *args], capture_output=True, cwd=cwd, timeout=120, check=False
    )


def test_validate_names_field_line_and_column(tmp_path: Path) -> None:
    text = to_yaml(parsed(BEN_TRE_TEXT)).replace("plan_year: 2023", "plan_year: soon")
    broken = tmp_path / "broken.yaml"
    broken.write_text(text, encoding="utf-8")
    result = cchc("validate", str(broken), "--format", "json")
    assert result.returncode == 1
    (finding,) = [f for f in json.loads(result.stdout) if f["rule"] == "VA100"]
    assert finding["path"] == "metadata.plan_year" and (finding["line"], finding["column"]) == (16, 14)


def test_check_targets_exit_codes_and_config(tmp_path: Path) -> None:
    good = tmp_path / "2023.yaml"
    good.write_text(to_yaml(parsed(BEN_TRE_TEXT)), encoding="utf-8")
    assert cchc("check-targets", str(good)).returncode == 0
    plan = ben_tre()
    lower_satisfaction(plan)
    bad = tmp_path / "2024.yaml"
    bad.write_text(to_yaml(plan), encoding="utf-8")
    result = cchc("check-targets", str(bad), "--format", "sarif")
    assert result.returncode == 1 and json.loads(result.stdout)["runs"][0]["results"][0]["ruleId"] == "CT101"
    (tmp_path / ".cchc.yaml").write_text("rules:\n  CT101: warning\n", encoding="utf-8")
    assert cchc("check-targets", str(bad), cwd=tmp_path).returncode == 0
    assert cchc("check-targets", str(bad), "--fail-on", "warning", cwd=tmp_path).returncode == 1
    assert cchc("check-targets", str(bad), "--previous", str(good), "--format", "json").returncode == 1
    # A missing input is a finding (IO100) in every format, and the other inputs are still checked.
    missing = cchc("check-targets", str(tmp_path / "nope.yaml"), str(bad), "--format", "json")
    found = json.loads(missing.stdout)
    assert missing.returncode == 1 and {f["rule"] for f in found} == {"IO100", "CT101"}
    assert [f["message"] for f in found if f["rule"] == "IO100"] == ["no such file"]
    assert b"CT101" in cchc("rules").stdout


def test_config_from_pyproject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cchc_cli.checks.config import load_config

    (tmp_path / "pyproject.toml").write_text(
        '[tool.cchc]\nfail_on = "warning"\nbaselines = ["national"]\n[tool.cchc.rules]\nCT104 = "off"\n'
        '[[tool.cchc.exempt]]\ntarget = "T004"\nreason = "approved by HĐND"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    config = load_config(None)
    assert config.fail_on == "warning" and not config.setting("CT104").enabled
    assert config.exempt[0].target == "T004" and config.exempt[0].rule is None
    (tmp_path / ".cchc.yaml").write_text("rules: {CT101: loud}\n", encoding="utf-8")
    from cchc_cli.errors import CchcError

    with pytest.raises(CchcError, match="invalid configuration"):
        load_config(None)


@pytest.mark.parametrize("command", ["diff", "check-targets", "validate"])
def test_hostile_plan_files_are_clear_errors(tmp_path: Path, command: str) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(to_yaml(parsed(BEN_TRE_TEXT)), encoding="utf-8")
    cases = {
        "malformed.yaml": ("targets: [\n", "invalid YAML"),
        "aliases.yaml": ("a: &x [1, 2]\nb: [*x, *x]\n", "aliases are not allowed"),
        "tags.yaml": ("schema_version: !!python/object/apply:os.system ['true']\n", "invalid YAML"),
        "broken.json": ('{"schema_version": "1.0",', "invalid JSON"),
    }
    if command == "diff":  # the linters report a schema error as a VA100 finding with its line
        cases["mismatch.yaml"] = (
            to_yaml(parsed(BEN_TRE_TEXT)).replace("plan_year: 2023", "plan_year: soon"),
            "metadata.plan_year (line 16, column 14)",
        )
    for name, (content, message) in cases.items():
        bad = tmp_path / name
        bad.write_text(content, encoding="utf-8")
        args = [command, str(bad)] + ([str(good)] if command == "diff" else [])
        result = cchc(*args)
        err = result.stderr.decode()
        assert "Traceback" not in err, (name, err)
        if command == "diff":
            assert result.returncode == 2 and message in err and str(bad) in err, (name, err)
        else:  # the linters: an IO100 finding naming the file; every other input still checked
            out = result.stdout.decode()
            assert result.returncode == 1 and "IO100" in out and message in out and str(bad) in out, (
                name,
                out,
            )


def test_bare_check_targets_lints_the_current_folder(tmp_path: Path) -> None:
    """Like `yamllint .`: no argument is the current folder, walked for documents and for plan
    files (recognised by content: a CI or config YAML is not a plan); every input is tried."""
    import xml.etree.ElementTree as ET

    plans = tmp_path / "plans"
    (plans / "2024").mkdir(parents=True)
    shutil.copy(ROOT / BEN_TRE_TEXT, plans / "ben-tre-2023.txt")
    low = ben_tre()
    lower_satisfaction(low)
    (plans / "2024" / "low.yaml").write_text(to_yaml(low), encoding="utf-8")
    (plans / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / ".github.yml").write_text("on: push\n", encoding="utf-8")
    (plans / "ci.yaml").write_text("jobs: {test: {runs-on: ubuntu}}\n", encoding="utf-8")
    result = cchc("check-targets", "--format", "json", cwd=tmp_path)
    found = json.loads(result.stdout)
    assert result.returncode == 1
    by_file = {(f["file"], f["rule"]) for f in found}
    assert (str(Path("plans/broken.docx")), "IO100") in by_file
    assert (str(Path("plans/2024/low.yaml")), "CT101") in by_file
    assert not any("ci.yaml" in f["file"] for f in found)
    sarif = json.loads(cchc("check-targets", "--format", "sarif", cwd=tmp_path).stdout)
    rule_ids = {r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert {"IO100", "VA100", "CT101"} <= rule_ids
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} >= {"IO100", "CT101"}
    junit = cchc("validate", "plans", "--format", "junit", cwd=tmp_path)
    suites = ET.fromstring(junit.stdout)  # well-formed XML with one case per input
    assert len(suites.findall(".//testcase")) >= 3


@pytest.mark.parametrize("where", ["config", "baseline"])
def test_config_and_baselines_are_read_like_plans(tmp_path: Path, where: str) -> None:
    """Strict UTF-8 (named with the byte offset; was a UnicodeDecodeError traceback) and no YAML
    aliases (a billion-laughs config in the current folder loaded by itself for minutes)."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(to_yaml(parsed(BEN_TRE_TEXT)), encoding="utf-8")
    name = ".cchc.yaml" if where == "config" else "floors.yaml"
    extra = [] if where == "config" else ["--baseline", name]
    (tmp_path / name).write_bytes("fail_on: lé\n".encode("latin-1"))
    result = cchc("check-targets", str(plan), *extra, cwd=tmp_path)
    assert (
        result.returncode == 2
        and b"not UTF-8 text (byte" in result.stderr
        and b"Traceback" not in result.stderr
    )
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    (tmp_path / name).write_text(bomb, encoding="utf-8")
    result = cchc("check-targets", str(plan), *extra, cwd=tmp_path)
    assert result.returncode == 2 and b"aliases are not allowed" in result.stderr
