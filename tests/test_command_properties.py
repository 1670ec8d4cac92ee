"""Every command against hypothesis-made plans and texts: any unicode, control characters,
markup-like strings ("[red]x[/]", "<script>", "=cmd|"), huge and odd numbers. Each run ends
with an exit code in {0, 1, 2} and no exception, and what it writes parses back."""

from __future__ import annotations

import copy
import json
import math
from functools import cache
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cchc_cli.cli import app
from cchc_cli.models import Plan
from cchc_cli.render import to_yaml
from conftest import BEN_TRE_TEXT, parsed

MARKUP = [
    "[red]x[/]",
    "[/]",
    "[bold",
    "<script>alert(1)</script>",
    "=cmd|' /C calc'!A0",
    "+1",
    "@SUM(1)",
    "\x1b[31m",
    "\r\n",
    "\x00",
    "\x7f",
    "|",
    "**",
    "{{x}}",
    "%s",
    "\\",
    "'\"",
    "]]>",
    "&amp;",
]
texts = st.one_of(
    st.text(max_size=60), st.sampled_from(MARKUP), st.lists(st.sampled_from(MARKUP), max_size=4).map("".join)
)
numbers = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, -1, 100, 101, 10**15, 10**15 + 1, 1e-300, 4.5]),
)
HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
RUNNER = CliRunner()


@cache
def _base() -> dict:
    return yaml.safe_load(to_yaml(parsed(BEN_TRE_TEXT)))


def _plan_file(tmp_path: Path, name: str, metric: str, value, stt: str, number: str) -> Path:
    data = copy.deepcopy(_base())
    data["targets"][0]["metric"] = metric
    data["targets"][1]["value"] = value if not (isinstance(value, float) and math.isnan(value)) else None
    data["tasks"][0]["stt"] = stt
    data["sections"][0]["number"] = number
    data["metadata"]["issuer"] = metric
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _ran(args: list[str]):
    result = RUNNER.invoke(app, args, catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a traceback: the property fails with it
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output[-500:])
    return result


@settings(max_examples=25, deadline=None, suppress_health_check=HEALTH)
@given(text=texts)
def test_parse_any_text(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    folder = tmp_path_factory.mktemp("parse")
    source = folder / "plan.txt"
    body = "KẾ HOẠCH cải cách hành chính năm 2024\nPhấn đấu 100% " + text + " đạt 95%\n"
    source.write_bytes(body.encode("utf-8", "surrogatepass"))
    result = _ran(["parse", str(source), "-f", "json"])
    if result.exit_code == 0:
        Plan.model_validate(json.loads(result.stdout))


@settings(max_examples=25, deadline=None, suppress_health_check=HEALTH)
@given(metric=texts, value=numbers, stt=texts, number=texts)
def test_validate_and_check_targets(tmp_path_factory, metric, value, stt, number) -> None:
    folder = tmp_path_factory.mktemp("lint")
    path = _plan_file(folder, "plan.yaml", metric, value, stt, number)
    for command in ("validate", "check-targets"):
        for fmt in ("json", "sarif", "junit", "text"):
            result = _ran([command, str(path), "-f", fmt])
            if fmt in ("json", "sarif"):
                json.loads(result.stdout)
            elif fmt == "junit":
                import xml.etree.ElementTree as ET

                ET.fromstring(result.stdout)


@settings(max_examples=20, deadline=None, suppress_health_check=HEALTH)
@given(metric=texts, value=numbers, stt=texts, number=texts)
def test_diff(tmp_path_factory, metric, value, stt, number) -> None:
    folder = tmp_path_factory.mktemp("diff")
    old = _plan_file(folder, "old.yaml", "Tỷ lệ hồ sơ", 90, "1", "I")
    new = _plan_file(folder, "new.yaml", metric, value, stt, number)
    for fmt in ("json", "yaml", "markdown", "table"):
        result = _ran(["diff", str(old), str(new), "-f", fmt])
        if fmt == "json" and result.exit_code != 2:
            json.loads(result.stdout)
        if fmt == "yaml" and result.exit_code != 2:
            yaml.safe_load(result.stdout)


@settings(max_examples=20, deadline=None, suppress_health_check=HEALTH)
@given(metric=texts, value=numbers, stt=texts, number=texts)
def test_export_and_report(tmp_path_factory, metric, value, stt, number) -> None:
    folder = tmp_path_factory.mktemp("export")
    path = _plan_file(folder, "plan.yaml", metric, value, stt, number)
    csv = _ran(["export", str(path), "-f", "csv", "--what", "targets"])
    if csv.exit_code == 0:
        assert "\x00" not in csv.stdout
    markdown = _ran(["export", str(path), "-f", "markdown"])
    if markdown.exit_code == 0:
        assert "<script>" not in markdown.stdout
    xlsx = folder / "plan.xlsx"
    if _ran(["export", str(path), "-o", str(xlsx)]).exit_code == 0:
        from openpyxl import load_workbook

        load_workbook(xlsx)
    html = folder / "report.html"
    if _ran(["report", str(path), "-o", str(html)]).exit_code == 0:
        assert "<script>alert(1)" not in html.read_text(encoding="utf-8")
