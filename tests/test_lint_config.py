"""The linters as ruff and yamllint users expect them: a config found upward from each input,
paths in it relative to it, errors for unknown keys, rules and options, --select/--ignore,
excludes, rule options in `cchc rules`, and --previous pairing plans by province and year."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cchc_cli.models import Plan
from cchc_cli.render import to_yaml
from conftest import BEN_TRE_TEXT, parsed
from test_checks import lower_satisfaction


def cchc(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cchc_cli", *args], capture_output=True, cwd=cwd, timeout=300, check=False
    )


def _plan(year: int = 2023, satisfaction: float | None = None, province: str | None = None) -> Plan:
    plan = parsed(BEN_TRE_TEXT).model_copy(deep=True)
    plan.metadata.plan_year = year
    if province:
        plan.metadata.province = province
    if satisfaction is not None:
        lower_satisfaction(plan, satisfaction)
    return plan


def _write(path: Path, plan: Plan) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(to_yaml(plan), encoding="utf-8")
    return path


def _rules(result: subprocess.CompletedProcess) -> list[str]:
    return sorted(f["rule"] for f in json.loads(result.stdout))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository of plans: .git at its root, one plan below a floor deep inside."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    _write(root / "plans" / "2023" / "low.yaml", _plan(satisfaction=75))
    return root


def test_the_config_is_found_upward_from_each_input(repo: Path, tmp_path: Path) -> None:
    low = repo / "plans" / "2023" / "low.yaml"
    assert "CT101" in _rules(cchc("check-targets", str(low), "-f", "json", cwd=tmp_path))
    (repo / ".cchc.yaml").write_text("rules: {CT101: off}\n", encoding="utf-8")
    # Run from outside the repository: the config is the input's, not the current folder's.
    assert "CT101" not in _rules(cchc("check-targets", str(low), "-f", "json", cwd=tmp_path))
    # A config above the repository's root belongs to something else.
    (repo / ".cchc.yaml").unlink()
    (tmp_path / ".cchc.yaml").write_text("rules: {CT101: off}\n", encoding="utf-8")
    assert "CT101" in _rules(cchc("check-targets", str(low), "-f", "json", cwd=tmp_path))
    # The nearest wins: a folder's own pyproject.toml [tool.cchc] over the repository's.
    (repo / ".cchc.yaml").write_text("rules: {CT101: off}\n", encoding="utf-8")
    (repo / "plans" / "pyproject.toml").write_text('[tool.cchc]\nfail_on = "error"\n', encoding="utf-8")
    assert "CT101" in _rules(cchc("check-targets", str(low), "-f", "json", cwd=tmp_path))


def test_baseline_paths_are_relative_to_the_config(repo: Path, tmp_path: Path) -> None:
    own = {
        "name": "Tỉnh",
        "floors": [
            {
                "id": "P-1",
                "measure": "dung-han",
                "area": "administrative_procedures",
                "metric": "TTHC giải quyết đúng hạn 99,5%",
                "match": [["dung han"]],
                "comparator": ">=",
                "value": 99.5,
                "year": 2023,
                "source": "Nghị quyết HĐND",
            }
        ],
    }
    (repo / "floors").mkdir()
    (repo / "floors" / "own.yaml").write_text(yaml.safe_dump(own, allow_unicode=True), encoding="utf-8")
    (repo / ".cchc.yaml").write_text("baselines: [national, floors/own.yaml]\n", encoding="utf-8")
    result = cchc("check-targets", "repo/plans", "-f", "json", cwd=tmp_path)
    floors = {f["floor"]["id"] for f in json.loads(result.stdout) if f["rule"] == "CT101"}
    assert {"P-1", "T-9a"} <= floors


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("rules: {VA999: off}\n", "rules: unknown rule 'VA999'"),
        ("rules: {VA108: {months_befor: 2}}\n", "VA108 has no option 'months_befor'"),
        ("rules: {VA108: {months_before: many}}\n", "VA108.months_before"),
        ("rules: {VA108: {months_before: 99}}\n", "less than or equal to 24"),
        ("select: [XX]\n", "select: 'XX' matches no rule"),
        ("fail_on: loud\nbaseline: [national]\n", "fail_on"),
        ("exempt: [{target: T001, rule: CT999, reason: because}]\n", "unknown rule 'CT999'"),
        ("- just a list\n", "must hold a mapping"),
    ],
)
def test_a_bad_config_names_the_key_and_the_file(repo: Path, config: str, message: str) -> None:
    (repo / ".cchc.yaml").write_text(config, encoding="utf-8")
    result = cchc("validate", "plans", cwd=repo)
    err = result.stderr.decode()
    assert result.returncode == 2 and message in err and ".cchc.yaml" in err and "Traceback" not in err, err
    if "baseline:" in config:  # every error is named, not "2 validation errors for Config"
        assert "baseline: Extra inputs are not permitted" in err


def test_rule_options_from_the_config(repo: Path) -> None:
    plan = _plan()
    plan.tasks[0].timeline.end = plan.tasks[0].timeline.start = plan.tasks[0].timeline.start.replace(
        year=2022, month=12
    )
    _write(repo / "plans" / "2023" / "low.yaml", plan)
    assert "VA108" not in _rules(cchc("validate", "plans", "-f", "json", cwd=repo))
    (repo / ".cchc.yaml").write_text(
        "rules:\n  VA108: {months_before: 0, severity: error}\n", encoding="utf-8"
    )
    result = cchc("validate", "plans", "-f", "json", cwd=repo)
    found = [f for f in json.loads(result.stdout) if f["rule"] == "VA108"]
    assert result.returncode == 1 and found and {f["severity"] for f in found} == {"error"}


def test_select_ignore_and_extend_select(repo: Path) -> None:
    def rules(*flags: str) -> list[str]:
        return _rules(cchc("check-targets", "plans", "-f", "json", *flags, cwd=repo))

    assert rules() == ["CT101"]
    assert rules("--ignore", "CT101") == []
    assert rules("--select", "CT104") == []
    assert rules("--select", "CT10", "--ignore", "below-floor") == []
    assert rules("--select", "CT104", "--extend-select", "CT101") == ["CT101"]
    (repo / ".cchc.yaml").write_text("ignore: [CT1]\n", encoding="utf-8")
    assert rules() == [] and rules("--select", "ALL") == []  # the config's ignore still holds
    bad = cchc("check-targets", "plans", "--select", "ZZ9", cwd=repo)
    assert bad.returncode == 2 and b"--select: 'ZZ9' matches no rule" in bad.stderr


def test_excludes_from_the_command_line_and_the_config(repo: Path) -> None:
    _write(repo / "plans" / "old" / "low.yaml", _plan(satisfaction=70))
    (repo / "plans" / "draft.yaml").write_text(to_yaml(_plan(satisfaction=60)), encoding="utf-8")

    def files(*flags: str) -> set[str]:
        found = json.loads(cchc("check-targets", "-f", "json", *flags, cwd=repo).stdout)
        return {Path(f["file"]).as_posix() for f in found}

    assert files() == {"plans/2023/low.yaml", "plans/old/low.yaml", "plans/draft.yaml"}
    assert files("--exclude", "old/", "--exclude", "draft*") == {"plans/2023/low.yaml"}
    (repo / "plans" / ".cchc.yaml").write_text("exclude: [/old/]\n", encoding="utf-8")
    assert files() == {"plans/2023/low.yaml", "plans/draft.yaml"}
    # A file named on the command line is read whatever the excludes say (as ruff does).
    assert files("plans/old/low.yaml") == {"plans/old/low.yaml"}
    # export walks folders the same way.
    result = cchc("export", "plans", "--exclude", "old/", "-f", "csv", "--what", "targets", cwd=repo)
    assert result.returncode == 0 and "old/low.yaml" not in result.stdout.decode()


def test_previous_pairs_plans_by_province_and_year(tmp_path: Path) -> None:
    """Last year's folder against this year's: each plan meets its own province's plan of the
    year before; a plan with no such plan is checked without one, with a note."""
    last, this = tmp_path / "2023", tmp_path / "2024"
    _write(last / "ben-tre.yaml", _plan(2023))
    _write(last / "other.yaml", _plan(2023, province="Vĩnh Long"))
    _write(this / "ben-tre.yaml", _plan(2024, satisfaction=85))  # 90% last year
    _write(this / "other.yaml", _plan(2024, province="Vĩnh Long"))
    _write(this / "new.yaml", _plan(2024, province="Trà Vinh"))
    result = cchc("check-targets", str(this), "--previous", str(last), "-f", "json", cwd=tmp_path)
    found = [(Path(f["file"]).name, f["rule"]) for f in json.loads(result.stdout)]
    assert ("ben-tre.yaml", "CT102") in found
    assert not [
        rule for name, rule in found if name in ("other.yaml", "new.yaml") and rule.startswith("CT10")
    ]
    assert result.returncode == 1
    assert b"new.yaml: no plan of Tr\xc3\xa0 Vinh for 2023" in result.stderr
    # One folder holding both years pairs within itself.
    both = cchc("check-targets", str(this), str(last), "--previous", str(last), "-f", "json", cwd=tmp_path)
    assert ("ben-tre.yaml", "CT102") in [(Path(f["file"]).name, f["rule"]) for f in json.loads(both.stdout)]


def test_rules_lists_options_with_defaults(tmp_path: Path) -> None:
    rules = json.loads(cchc("rules", "--format", "json", cwd=tmp_path).stdout)
    by_id = {r["id"]: r for r in rules}
    assert by_id["VA108"]["options"]["months_before"] == {
        "default": 3,
        "type": "int 0..24",
        "help": "months before the plan year in which tasks (preparing the plan) may fall",
    }
    assert by_id["VA108"]["command"] == "validate" and by_id["IO100"]["command"] == "both"
    text = cchc("rules", cwd=tmp_path).stdout.decode()
    assert "months_before = 3  (int 0..24)" in text


def test_a_folder_of_twenty_plans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 11's acceptance: documents and YAML mixed, one unreadable, one below a floor. Bare
    `cchc check-targets` reports every plan, SARIF and JUnit are complete and valid, and
    `cchc export . -o all.xlsx` holds every plan's rows."""
    import shutil
    import xml.etree.ElementTree as ET

    import jsonschema
    from openpyxl import load_workbook
    from sarif_pydantic import Sarif

    from conftest import ROOT
    from test_checks import SARIF_CORE

    folder = tmp_path / "plans"
    (folder / "docs").mkdir(parents=True)
    names = [f"{n:03}" for n in range(1, 17) if n != 12]
    for name in names[:10]:
        shutil.copy(ROOT / "samples/corpus" / f"{name}.txt", folder / "docs" / f"{name}.txt")
    for name in names[10:14]:
        shutil.copy(ROOT / "samples/corpus" / f"{name}.docx", folder / "docs" / f"{name}.docx")
    for name in names[14:]:
        _write(folder / "yaml" / f"{name}.yaml", parsed(f"samples/corpus/{name}.txt"))
    _write(folder / "yaml" / "ben-tre.yaml", _plan())
    _write(folder / "yaml" / "ben-tre-low.yaml", _plan(satisfaction=75))
    for seed in sorted((ROOT / "samples/seeds").glob("00[01]_*.txt")):  # two news pages
        shutil.copy(seed, folder / "docs" / seed.name)
    (folder / "docs" / "broken.docx").write_bytes(b"PK\x03\x04 not a zip at all")
    inputs = sorted(p for p in folder.rglob("*") if p.is_file())
    assert len(inputs) == 20

    result = cchc("check-targets", "-f", "json", cwd=folder)
    found = json.loads(result.stdout)
    assert result.returncode == 1
    assert ("docs/broken.docx", "IO100") in {(Path(f["file"]).as_posix(), f["rule"]) for f in found}
    assert ("yaml/ben-tre-low.yaml", "CT101") in {(Path(f["file"]).as_posix(), f["rule"]) for f in found}

    sarif = json.loads(cchc("check-targets", "-f", "sarif", cwd=folder).stdout)
    jsonschema.validate(sarif, SARIF_CORE)
    Sarif.model_validate(sarif)
    assert len(sarif["runs"][0]["results"]) == len(found)

    junit = ET.fromstring(cchc("check-targets", "-f", "junit", cwd=folder).stdout)
    suites = {Path(s.get("name")).as_posix() for s in junit.findall("testsuite")}
    assert suites == {p.relative_to(folder).as_posix() for p in inputs}  # every plan, one suite each

    export = cchc("export", ".", "-o", "all.xlsx", cwd=folder)
    assert export.returncode == 1 and b"broken.docx" in export.stderr  # the unreadable one is named
    book = load_workbook(folder / "all.xlsx")
    sources = [row[0].value for row in book["Kế hoạch"].iter_rows(min_row=2)]
    assert len(sources) == 19  # every readable plan
    from cchc_cli.pipeline import load_plan

    monkeypatch.chdir(folder)  # paths as cchc saw them, run from the folder
    plans = [load_plan(str(p.relative_to(folder))) for p in inputs if p.name != "broken.docx"]
    rows = [(row[0].value, row[1].value) for row in book["Chỉ tiêu"].iter_rows(min_row=2)]
    assert sorted(rows) == sorted((plan.source.path, t.id) for plan in plans for t in plan.targets)
    assert len(rows) > 100
