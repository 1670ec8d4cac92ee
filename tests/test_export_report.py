"""cchc export (CSV, Excel, Markdown, YAML/JSON) read back, and cchc report checked in a real browser."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cchc_cli.render import tables, to_json, to_yaml
from cchc_cli.render.report import render_report
from cchc_cli.vocab import labels
from conftest import BEN_TRE_TEXT, ROOT, parsed

SEEDS = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "samples/seeds").glob("*.txt"))


def cchc(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cchc_cli", *args], capture_output=True, cwd=ROOT, timeout=120, check=False
    )


def test_yaml_and_json_exports_are_the_parse_output() -> None:
    for fmt, render in (("yaml", to_yaml), ("json", to_json)):
        result = cchc("export", "samples/ben-tre-2023.docx", "--format", fmt)
        assert result.returncode == 0
        assert result.stdout.decode() == render(parsed("samples/ben-tre-2023.docx"))


def test_csv_round_trip_gives_the_model() -> None:
    plan = parsed(BEN_TRE_TEXT)
    text = tables.to_csv([plan], "targets")
    assert text.startswith("\ufeff")  # Excel reads the BOM as UTF-8
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert [
        (r["id"], r["metric"], r["comparator"], float(r["value"]), r["unit"], r["area"]) for r in rows
    ] == [(t.id, t.metric, t.comparator, float(t.value), t.unit, t.area) for t in plan.targets]
    tasks = list(csv.DictReader(io.StringIO(tables.to_csv([plan], "tasks")[1:])))
    assert [(r["id"], r["content"], r["lead"].split("; "), r["partners"]) for r in tasks] == [
        (t.id, t.content, t.lead, "; ".join(t.partners)) for t in plan.tasks
    ]


def test_csv_all_writes_three_files(tmp_path: Path) -> None:
    assert cchc("export", BEN_TRE_TEXT, "--format", "csv", "-o", str(tmp_path)).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["references.csv", "targets.csv", "tasks.csv"]
    assert cchc("export", BEN_TRE_TEXT, "--format", "csv").returncode == 2  # where would three tables go?


def test_five_seeds_make_one_workbook_with_the_source_of_every_row(tmp_path: Path) -> None:
    out = tmp_path / "plans.xlsx"
    assert cchc("export", "samples/seeds", "--format", "xlsx", "-o", str(out)).returncode == 0
    book = load_workbook(out)
    assert book.sheetnames == ["Kế hoạch", "Chỉ tiêu", "Nhiệm vụ", "Văn bản"]
    sheet = book["Chỉ tiêu"]
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["Tệp nguồn", "Mã", "Mục", "Lĩnh vực", "Chỉ tiêu"]
    got = [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    expected = [(path, t.id, t.value) for path in SEEDS for t in parsed(path).targets]
    assert [(r["Tệp nguồn"], r["Mã"], r["Giá trị"]) for r in got] == expected
    # Area names and comparators as people write them, not the model's codes.
    assert {r["Lĩnh vực"] for r in got} >= {
        "Cải cách thủ tục hành chính",
        "Chính quyền điện tử, chính quyền số",
    }
    assert "≥" in {r["So sánh"] for r in got} and ">=" not in {r["So sánh"] for r in got}
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    tasks = book["Nhiệm vụ"]
    header = [c.value for c in tasks[1]]
    task_rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in tasks.iter_rows(min_row=2)]
    plan = parsed(BEN_TRE_TEXT)
    assert [
        (r["Tệp nguồn"], r["Mã"], r["Nội dung"], r["Cơ quan chủ trì"], r["Thời gian"]) for r in task_rows
    ] == [(BEN_TRE_TEXT, t.id, t.content, "; ".join(t.lead), t.timeline.text) for t in plan.tasks]
    # Dates are dates in Excel (sortable, filterable), not text.
    ends = [r["Kết thúc"] for r in task_rows if r["Kết thúc"] is not None]
    assert ends and all(isinstance(end, dt.datetime) for end in ends)
    assert ends[0].date() == next(t.timeline.end for t in plan.tasks if t.timeline and t.timeline.end)
    assert book["Kế hoạch"].max_row - 1 == 5


def test_english_labels_on_request(tmp_path: Path) -> None:
    out = tmp_path / "plans.xlsx"
    assert cchc("export", BEN_TRE_TEXT, "-o", str(out), "--lang", "en").returncode == 0
    book = load_workbook(out)
    assert book.sheetnames == ["Plans", "Targets", "Tasks", "References"]
    assert [c.value for c in book["Targets"][1]][:4] == ["Source file", "ID", "Section", "Reform area"]
    markdown = tables.to_markdown([parsed(BEN_TRE_TEXT)], ["targets"], "en")
    assert markdown.startswith("## Targets (targets)") and "| Administrative procedures |" in markdown
    html = render_report(parsed(BEN_TRE_TEXT), "en")
    assert '<html lang="en">' in html and "Targets by reform area" in html and "Chỉ tiêu theo" not in html
    # csv keeps the stable keys and codes whatever the language.
    csv_text = cchc("export", BEN_TRE_TEXT, "-f", "csv", "--what", "targets", "--lang", "en").stdout.decode()
    assert csv_text.lstrip("\ufeff").startswith("source,id,section,area,metric,comparator")
    assert ",administrative_procedures," in csv_text


def test_markdown_tables() -> None:
    text = tables.to_markdown([parsed(BEN_TRE_TEXT)], ["targets"])
    lines = text.splitlines()
    assert lines[0] == "## Chỉ tiêu (targets)" and lines[2].startswith("| Mã | Mục | Lĩnh vực |")
    rows = [line for line in lines if line.startswith("| T0")]
    names = [words["vi"] for words in labels().areas.values()]
    assert len(rows) == 15 and all(any(f"| {name} |" in row for name in names) for row in rows)


# -- the report in a browser --------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def test_report_is_self_contained() -> None:
    html = render_report(parsed(BEN_TRE_TEXT))
    assert not re.search(r"""(?:src|href)=["']https?://""", html)  # no CDN, no network
    assert "<style>" in html and "<script>" in html and "@page { size: A4" in html


class _Numbers(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: dict[str, str] = {}
        self.tasks: list[str] = []
        self.counts: dict[str, str] = {}
        self._count: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "tr" and "target" in (a.get("class") or ""):
            self.targets[a["data-id"]] = a["data-value"]
        if tag == "tr" and "task" in (a.get("class") or ""):
            self.tasks.append(a["data-id"])
        if a.get("id", "").startswith("count-"):
            self._count = a["id"]

    def handle_data(self, data: str) -> None:
        if self._count:
            self.counts[self._count] = data
            self._count = None


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
def test_report_in_headless_chromium(tmp_path: Path) -> None:
    plan = parsed(BEN_TRE_TEXT)
    page = tmp_path / "report.html"
    assert cchc("report", BEN_TRE_TEXT, "-o", str(page)).returncode == 0
    result = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    console = [line for line in result.stderr.decode(errors="replace").splitlines() if ":CONSOLE" in line]
    assert console == [], console  # no console errors (nor any console output)
    dom = _Numbers()
    dom.feed(result.stdout.decode())
    assert dom.counts == {"count-targets": "15", "count-tasks": "35"}  # written by the page's script
    assert dom.targets == {t.id: "" if t.value is None else str(t.value) for t in plan.targets}
    assert dom.tasks == [t.id for t in plan.tasks]


def _hostile_plan():
    """The Bến Tre plan with text an attacker could put in a document: formulas, HTML, links."""
    plan = parsed(BEN_TRE_TEXT).model_copy(deep=True)
    plan.targets[0].metric = '=HYPERLINK("http://evil.example","x")'
    plan.targets[1].metric = "=cmd|' /C calc'!A0"
    plan.targets[2].metric = "@SUM(1+1)"
    plan.targets[3].metric = "<script>alert(1)</script> [x](javascript:alert(1)) a|b\rc"
    plan.source.path = "javascript:alert(document.domain)//"
    return plan


def test_csv_and_xlsx_never_carry_a_live_formula() -> None:
    plan = _hostile_plan()
    rows = list(csv.DictReader(io.StringIO(tables.to_csv([plan], "targets")[1:])))
    assert [r["metric"] for r in rows[:3]] == [
        "'" + plan.targets[0].metric,
        "'" + plan.targets[1].metric,
        "'" + plan.targets[2].metric,
    ]
    raw = list(csv.DictReader(io.StringIO(tables.to_csv([plan], "targets", raw=True)[1:])))
    assert raw[0]["metric"] == plan.targets[0].metric  # --raw-cells: as written
    book = load_workbook(io.BytesIO(tables.to_xlsx([plan], ["targets"])))
    sheet = book["Chỉ tiêu"] if "Chỉ tiêu" in book.sheetnames else book.worksheets[1]
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert plan.targets[0].metric in [c.value for c in cells]  # kept exactly, as a string


def test_markdown_and_report_escape_plan_text() -> None:
    plan = _hostile_plan()
    text = tables.to_markdown([plan], ["targets"])
    assert "<script>" not in text and not re.search(
        r"(?<!\\)\]\(javascript:", text
    )  # a link only when unescaped
    assert len([line for line in text.splitlines() if line.startswith("| T")]) == len(plan.targets)
    page = render_report(plan)
    assert 'href="javascript:' not in page and 'href="./javascript%3A' in page


def test_xlsx_takes_control_characters_and_overlong_text() -> None:
    """A \\x01 in plan text was IllegalCharacterError; text past 32,767 characters is cut with a
    visible note, never silently."""
    plan = parsed(BEN_TRE_TEXT).model_copy(deep=True)
    plan.targets[0].metric = "tỷ lệ \x01 hồ sơ"
    plan.targets[1].text = "x" * 40000
    book = load_workbook(io.BytesIO(tables.to_xlsx([plan], ["targets"])))
    values = [c.value for row in book.worksheets[1].iter_rows() for c in row if isinstance(c.value, str)]
    assert "tỷ lệ  hồ sơ" in values
    (long_cell,) = [v for v in values if v.startswith("xxx")]
    assert len(long_cell) == tables.XLSX_CELL_LIMIT and long_cell.endswith("hold the whole text]")


def test_a_4000_digit_value_is_refused_with_its_field_path(tmp_path: Path) -> None:
    text = to_yaml(parsed(BEN_TRE_TEXT)).replace("value: 100\n", "value: " + "9" * 4000 + "\n", 1)
    path = tmp_path / "huge.yaml"
    path.write_text(text, encoding="utf-8")
    result = cchc("export", str(path), "-o", str(tmp_path / "x.xlsx"))
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    assert b"targets.0.value" in result.stderr or b"targets[0].value" in result.stderr


def test_export_a_folder_of_parsed_plans(tmp_path: Path) -> None:
    """`cchc parse plans/ -o out/` then `cchc export out -o all.xlsx`: every plan's rows (the
    folder was walked for documents only: empty sheets, exit 0). An empty folder is an error."""
    out = tmp_path / "out"
    assert cchc("parse", "samples/seeds", "-o", str(out)).returncode == 0
    (out / "notes.yaml").write_text("owner: someone\n", encoding="utf-8")  # not a plan: left alone
    assert cchc("export", str(out), "-o", str(tmp_path / "all.xlsx")).returncode == 0
    book = load_workbook(tmp_path / "all.xlsx")
    sources = {row[0] for row in book["Kế hoạch"].iter_rows(min_row=2, values_only=True)}
    assert len(sources) == len(SEEDS)
    (tmp_path / "empty").mkdir()
    empty = cchc("export", str(tmp_path / "empty"), "-f", "csv", "--what", "targets")
    assert empty.returncode == 2 and b"no plan or document" in empty.stderr
