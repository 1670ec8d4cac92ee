"""The command line as a user and a CI script meet it: outputs, exit codes, and bad input."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import BEN_TRE_TEXT, ROOT

PYTHON = sys.executable


def cchc(*args: str, stdin: bytes | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "-m", "cchc_cli", *args], input=stdin, capture_output=True, cwd=cwd, timeout=120, check=False
    )


def test_parse_one_file_to_stdout_is_yaml_and_deterministic() -> None:
    first, second = cchc("parse", BEN_TRE_TEXT), cchc("parse", BEN_TRE_TEXT)
    assert first.returncode == 0 and first.stderr == b""
    assert first.stdout == second.stdout
    data = yaml.safe_load(first.stdout)
    assert data["metadata"]["number"] == "8474/KH-UBND" and len(data["tasks"]) == 35


def test_parse_json_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    result = cchc("parse", "samples/ben-tre-2023.docx", "--format", "json", "-o", str(out))
    assert result.returncode == 0 and result.stdout == b""
    assert json.loads(out.read_text(encoding="utf-8"))["source"]["format"] == "docx"


def test_parse_stdin() -> None:
    result = cchc("parse", "-", stdin=(ROOT / BEN_TRE_TEXT).read_bytes())
    assert result.returncode == 0
    assert yaml.safe_load(result.stdout)["source"]["path"] == "<stdin>"


def test_batch_folder_goes_on_after_a_failure(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_bytes((ROOT / BEN_TRE_TEXT).read_bytes())
    (inputs / "b.docx").write_bytes(b"PK\x03\x04 truncated")
    (inputs / "c.txt").write_bytes((ROOT / "samples/seeds/004_693f115be85bb9c6.txt").read_bytes())
    out = tmp_path / "out"
    result = cchc("parse", str(inputs), "-o", str(out))
    assert result.returncode == 1
    assert sorted(p.name for p in out.iterdir()) == ["a.yaml", "c.yaml"]  # nothing for the broken one
    err = result.stderr.decode()
    assert "b.docx" in err and "2 ok, 1 failed" in err and "Traceback" not in err


def test_batch_outputs_are_identical_on_a_second_run(tmp_path: Path) -> None:
    for run in ("one", "two"):
        assert cchc("parse", "samples/seeds", "-o", str(tmp_path / run), "--format", "json").returncode == 0
    one = {p.name: p.read_bytes() for p in (tmp_path / "one").iterdir()}
    two = {p.name: p.read_bytes() for p in (tmp_path / "two").iterdir()}
    assert one == two and len(one) == 5


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert cchc().returncode in (0, 2)  # help
    assert cchc("parse").returncode == 2
    assert cchc("parse", "--format", "xml", BEN_TRE_TEXT).returncode == 2
    several = cchc("parse", BEN_TRE_TEXT, "samples/seeds/000_45f2dcc9db8e5b56.txt")
    assert several.returncode == 2 and b"-o OUT" in several.stderr


def _docx_bytes(path: str = "samples/ben-tre-2023.docx") -> bytes:
    return (ROOT / path).read_bytes()


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


BAD_INPUTS = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b"  \n\n \t\n", "empty"),
    "noise.bin": (bytes(range(256)) * 64, "binary data"),
    "notzip.docx": (b"this is not a zip archive", "not a valid .docx"),
    "truncated.docx": (_docx_bytes()[:3000], "not a valid .docx"),
    "nodocument.docx": (_zip({"word/styles.xml": b"<x/>"}), "word/document.xml is missing"),
    "bomb.docx": (_zip({"word/document.xml": b"\0" * (24 * 1024 * 1024)}), "zip bomb"),
    "entities.docx": (
        _zip(
            {
                "word/document.xml": b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
                b'"&lol;&lol;&lol;&lol;">]><w:document xmlns:w="x">&lol2;</w:document>'
            }
        ),
        "entity",
    ),
    "badxml.docx": (_zip({"word/document.xml": b"<w:document><w:body>"}), "damaged XML"),
    "notpdf.pdf": (b"hello", "not a valid PDF"),
    "broken.pdf": (b"%PDF-1.4\n1 0 obj garbage", "damaged PDF"),
    "english.txt": (
        b"Quarterly sales report for the northern region. Revenue grew in March.",
        "not an administrative-reform plan",
    ),
    "old.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".doc"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_one_clear_line(tmp_path: Path, name: str) -> None:
    data, message = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(data)
    out = tmp_path / "out.yaml"
    result = cchc("parse", str(path), "-o", str(out))
    err = result.stderr.decode()
    assert result.returncode == 1
    assert err.count("\n") == 1 and err.startswith(f"cchc: error: {path}: "), err
    assert message in err
    assert "Traceback" not in err
    assert not out.exists()  # nothing written half-way


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("samples/derived/scanned.pdf", "no text layer"),
        ("samples/derived/ben-tre-2023-encrypted.pdf", "encrypted"),
    ],
)
def test_unreadable_pdfs(path: str, message: str) -> None:
    result = cchc("parse", path)
    assert result.returncode == 1 and message in result.stderr.decode() and result.stdout == b""


def test_missing_file_and_directory(tmp_path: Path) -> None:
    missing = cchc("parse", str(tmp_path / "nope.txt"))
    assert missing.returncode == 1 and b"no such file" in missing.stderr
    single_dir = cchc("parse", str(tmp_path), "-o", str(tmp_path / "out"))
    assert single_dir.returncode == 0  # an empty folder: nothing to do, nothing failed


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_bytes(b"x")
    path.chmod(0)
    assert b"permission denied" in cchc("parse", str(path)).stderr


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert b"Traceback" in cchc("parse", str(path), "--debug").stderr


def test_version_and_help_start() -> None:
    assert cchc("--version").stdout.startswith(b"cchc ")
    assert b"parse" in cchc("--help").stdout


def test_parse_explain_says_why_each_number_was_taken_or_not(tmp_path: Path) -> None:
    """--explain: one line a number on stderr (target with its id, result, or skipped, and why);
    the plan on stdout is unchanged."""
    plan = tmp_path / "plan.txt"
    plan.write_text(
        "KẾ HOẠCH\nCải cách hành chính năm 2024\n\nI. KẾT QUẢ\n"
        "9 tháng đầu năm 2023, tỷ lệ hồ sơ đúng hạn đạt 96,6%; Quỹ khen thưởng 10% kinh phí.\n"
        "II. MỤC TIÊU\nMức độ hài lòng của người dân năm 2024 đạt tối thiểu 70%.\n",
        encoding="utf-8",
    )
    plain, explained = cchc("parse", str(plan)), cchc("parse", str(plan), "--explain")
    assert explained.returncode == 0 and explained.stdout == plain.stdout
    lines = explained.stderr.decode("utf-8").splitlines()
    assert [line.split(" -> ")[1].split(":")[0] for line in lines] == ["result", "skipped", "target T001"]
    assert lines[0].startswith(f"{plan}:5: 96,6 %") and "9 tháng đầu năm" in lines[0]
    assert "budget" in lines[1] and "tối thiểu" in lines[2]
    assert cchc("parse", str(plan), str(plan), "-o", str(tmp_path / "o"), "--explain").returncode == 2


def test_a_bug_is_exit_3_and_one_line_never_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    """CI tells a crash (3) from findings or a failed input (1) and bad usage (2)."""
    from typer.testing import CliRunner

    import cchc_cli.pipeline
    from cchc_cli.cli import app

    def broken(*args, **kwargs):
        raise RuntimeError("something no input should cause\nsecond line")

    monkeypatch.setattr(cchc_cli.pipeline, "parse_file", broken)
    monkeypatch.setattr(cchc_cli.pipeline, "load_plan", broken)
    runner = CliRunner()
    for args in (["parse", BEN_TRE_TEXT], ["export", BEN_TRE_TEXT, "-f", "json"], ["report", BEN_TRE_TEXT]):
        result = runner.invoke(app, args)
        assert result.exit_code == 3, (args, result.output)
        lines = result.stderr.splitlines() if hasattr(result, "stderr") else result.output.splitlines()
        assert lines == [
            f"cchc: error: {BEN_TRE_TEXT}: internal error (RuntimeError): something no input should cause; "
            "rerun with --debug"
        ]
        assert "Traceback" not in result.output


def test_plan_text_that_looks_like_console_markup_is_printed_as_text(tmp_path: Path) -> None:
    """A metric ending in "[/]" or a file named "a[red]old.yaml" is text, not rich markup (the
    first was a traceback, the second lost its "[red]")."""
    plan = yaml.safe_load(cchc("parse", BEN_TRE_TEXT).stdout)
    old = tmp_path / "a[red]old.yaml"
    old.write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    plan["targets"][0]["metric"] = plan["targets"][0]["text"] = "tỷ lệ [/]"
    plan["targets"][0]["value"] = 50
    new = tmp_path / "new[bold].yaml"
    new.write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    result = cchc("diff", str(old), str(new))
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    out = result.stdout.decode("utf-8")
    assert "[/]" in out
    assert "a[red]old.yaml" in out.replace("\n", "")
    checked = cchc("check-targets", str(new))
    assert checked.returncode in (0, 1) and b"Traceback" not in checked.stderr
    assert "new[bold].yaml" in checked.stdout.decode("utf-8")


@pytest.mark.parametrize(
    ("edit", "codes"),
    [
        (lambda p: p["tasks"][0].update(stt="²"), {0, 1}),
        (lambda p: p["tasks"][0].update(stt="9" * 5000), {0, 1}),
        (lambda p: p["sections"][0].update(number="³"), {0, 1}),
        (lambda p: p["targets"][0].update(value=float("nan")), {1}),
        (lambda p: p["targets"][0].update(value=float("inf")), {1}),
    ],
    ids=["superscript-stt", "5000-digit-stt", "superscript-section", "nan-value", "infinite-value"],
)
def test_validate_odd_numbers_in_a_plan_file(tmp_path: Path, edit, codes: set[int]) -> None:
    """Numbers str.isdigit accepts but int does not, and NaN/inf: findings or a schema error, no traceback."""
    plan = yaml.safe_load(cchc("parse", BEN_TRE_TEXT).stdout)
    edit(plan)
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    result = cchc("validate", str(path))
    assert (
        result.returncode in codes
        and b"Traceback" not in result.stderr
        and b"internal error" not in result.stderr
    )
    if "nan" in str(plan["targets"][0]["value"]) or "inf" in str(plan["targets"][0]["value"]):
        assert b"VA100" in result.stdout  # refused by the model, with its field path


def test_timeout_inf_means_no_limit_and_jobs_stop_at_the_core_count(tmp_path: Path) -> None:
    assert cchc("parse", BEN_TRE_TEXT, "--timeout", "inf").returncode == 0  # was OverflowError
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):
        (folder / f"p{n}.txt").write_bytes((ROOT / BEN_TRE_TEXT).read_bytes())
    report = tmp_path / "r.json"
    result = cchc(
        "parse", str(folder), "-o", str(tmp_path / "out"), "--jobs", "1000", "--report", str(report)
    )
    assert result.returncode == 0
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["jobs"] <= (os.cpu_count() or 1)


def test_output_is_utf8_whatever_the_locale() -> None:
    """LC_ALL=C (an ASCII stdout) was a UnicodeEncodeError traceback and exit 1."""
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"}
    env.pop("PYTHONIOENCODING", None)
    result = subprocess.run(
        [PYTHON, "-m", "cchc_cli", "parse", BEN_TRE_TEXT], capture_output=True, cwd=ROOT, env=env, check=False
    )
    assert result.returncode == 0 and result.stderr == b""
    assert "ỦY BAN NHÂN DÂN TỈNH BẾN TRE" in result.stdout.decode(
        "utf-8"
    ) or "Bến Tre" in result.stdout.decode("utf-8")
    assert cchc("parse", "-h").returncode == 0 and b"--format" in cchc("parse", "-h").stdout


@pytest.mark.parametrize(
    "command", ["parse", "diff", "validate", "check-targets", "rules", "export", "report"]
)
def test_help_names_values_as_people_read_them(command: str) -> None:
    """Help showed Python types: "<list[str]>", "<str>", "<float range>", "<path>"."""
    result = cchc(command, "-h")
    text = result.stdout.decode()
    assert result.returncode == 0 and "Usage: " in text
    for python_type in ("<str>", "<list[str]>", "<float range>", "<int range>", "<path>", "<float>"):
        assert python_type not in text, (command, python_type)


def test_findings_concise_sorted_and_github_inside_actions(tmp_path: Path) -> None:
    plan = yaml.safe_load(cchc("parse", BEN_TRE_TEXT).stdout)
    plan["targets"][5]["value"] = 150  # VA103 further down the file than...
    plan["metadata"]["number"] = ""  # ...VA105 near its top
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    lines = (
        cchc("validate", str(path), str(tmp_path / "missing.txt"), "-f", "concise")
        .stdout.decode()
        .splitlines()
    )
    positions = [
        tuple(int(n) for n in line.split(": ")[0].rsplit(":", 2)[1:]) for line in lines if "plan.yaml" in line
    ]
    assert positions == sorted(positions) and len(positions) >= 2
    assert lines[-1] == f"{tmp_path / 'missing.txt'}:1:1: IO100 [error] no such file"
    env = {**os.environ, "GITHUB_ACTIONS": "true"}
    actions = subprocess.run(
        [PYTHON, "-m", "cchc_cli", "validate", str(path)], capture_output=True, cwd=ROOT, env=env, check=False
    )
    assert actions.stdout.startswith(b"::")


def test_output_paths_behave_like_a_user_expects(tmp_path: Path) -> None:
    """-o DIR/, -o FILE.json (format from the extension), -o -, never the input itself; files get
    the umask's mode and a symlink is written through."""
    source = tmp_path / "plan.txt"
    source.write_bytes((ROOT / BEN_TRE_TEXT).read_bytes())
    assert cchc("parse", str(source), "-o", f"{tmp_path / 'out'}/").returncode == 0
    assert (tmp_path / "out" / "plan.yaml").read_text(encoding="utf-8").startswith("schema_version:")
    assert cchc("parse", str(source), "-o", str(tmp_path / "p.json")).returncode == 0
    assert (
        json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))["metadata"]["number"] == "8474/KH-UBND"
    )
    assert cchc("parse", str(source), "-o", "-").stdout.startswith(b"schema_version:")
    before = source.read_bytes()
    refused = cchc("parse", str(source), "-o", str(source))
    assert (
        refused.returncode == 2 and b"is the input itself" in refused.stderr and source.read_bytes() == before
    )
    mask = os.umask(0)
    os.umask(mask)
    assert (tmp_path / "p.json").stat().st_mode & 0o777 == 0o666 & ~mask  # not the temporary file's 0600
    real = tmp_path / "real.yaml"
    real.write_text("old", encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to(real)
    assert cchc("parse", str(source), "-o", str(tmp_path / "link.yaml")).returncode == 0
    assert (tmp_path / "link.yaml").is_symlink() and real.read_text(encoding="utf-8").startswith(
        "schema_version:"
    )
    assert cchc("export", str(source), "-o", str(tmp_path / "t.xlsx")).returncode == 0
    assert zipfile.is_zipfile(tmp_path / "t.xlsx")
    assert cchc("export", str(source), "--what", "targets", "-o", str(tmp_path / "t.csv")).returncode == 0
    assert (tmp_path / "t.csv").read_text(encoding="utf-8-sig").startswith("source,id,")


def test_inputs_that_would_share_an_output_name_get_distinct_ones(tmp_path: Path) -> None:
    """A/plan.txt and B/plan.txt given as files, plan.docx beside plan.docx.txt: no output is
    overwritten by another (it was, silently, and with --jobs 2 which one won was a race)."""
    text = (ROOT / BEN_TRE_TEXT).read_bytes()
    for folder in ("A", "B"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "plan.txt").write_bytes(text.replace(b"8474", folder.encode() * 4))
    (tmp_path / "A" / "plan.docx").write_bytes((ROOT / "samples/ben-tre-2023.docx").read_bytes())
    (tmp_path / "A" / "plan.docx.txt").write_bytes(text)
    inputs = [tmp_path / "A" / "plan.txt", tmp_path / "B" / "plan.txt", tmp_path / "A"]
    out = tmp_path / "out"
    result = cchc("parse", *map(str, inputs), "-o", str(out), "--jobs", "2")
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in out.rglob("*.yaml"))
    assert len(written) == 5 == len(set(written))
    numbers = {
        yaml.safe_load(p.read_text(encoding="utf-8"))["metadata"]["number"] for p in out.rglob("*.yaml")
    }
    assert {"AAAA/KH-UBND", "BBBB/KH-UBND"} <= numbers


def test_junit_stays_well_formed_with_control_characters_in_plan_text(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    plan = yaml.safe_load(cchc("parse", BEN_TRE_TEXT).stdout)
    plan["targets"][0]["metric"] = "tỷ lệ \x01 hồ sơ"
    plan["targets"][0]["value"] = 150  # VA103 quotes the metric in its message
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    result = cchc("validate", str(path), "-f", "junit")
    assert result.returncode == 1
    failures = ET.fromstring(result.stdout).findall(".//failure")  # was invalid XML
    assert any("\ufffd" in (f.get("message") or "") + (f.text or "") for f in failures)


@pytest.mark.skipif(sys.platform != "linux", reason="byte file names are a POSIX matter")
def test_batch_report_survives_odd_names_and_unwritable_paths(tmp_path: Path) -> None:
    """A file name that is not UTF-8 lost the whole report at the end of a run; an unwritable
    --report path was a traceback. Now: the report is written (names escaped), or its failure is
    the run's error (exit 2) after every file was processed and the summary printed."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "plan.txt").write_bytes((ROOT / BEN_TRE_TEXT).read_bytes())
    odd = os.fsencode(folder) + b"/k\xe9-ho\xe1ch.txt"  # Latin-1 bytes: not UTF-8
    with open(odd, "wb") as handle:
        handle.write((ROOT / BEN_TRE_TEXT).read_bytes())
    report = tmp_path / "r.json"
    result = cchc("parse", str(folder), "-o", str(tmp_path / "out"), "--report", str(report))
    assert result.returncode == 0, result.stderr
    files = json.loads(report.read_text(encoding="utf-8"))["files"]
    assert len(files) == 2 and any("\\xe9" in f["path"] for f in files)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = cchc("parse", str(folder), "-o", str(tmp_path / "out2"), "--report", str(locked / "r.json"))
    finally:
        locked.chmod(0o700)
    if os.geteuid() != 0:  # root writes anywhere
        assert result.returncode == 2 and b"cannot write the report" in result.stderr
    assert b"Traceback" not in result.stderr and len(list((tmp_path / "out2").glob("*.yaml"))) == 2


def test_a_file_name_with_escape_sequences_is_shown_escaped(tmp_path: Path) -> None:
    """ANSI/OSC sequences and newlines in a name were echoed raw to the terminal."""
    name = tmp_path / "evil\x1b]0;pwned\x07\x1b[31m\nnext.txt"
    name.write_bytes(b"")
    result = cchc("parse", str(name))
    err = result.stderr.decode("utf-8")
    assert result.returncode == 1 and "\x1b" not in err and err.count("\n") == 1
    assert "\\x1b]0;pwned\\x07" in err


def _with_numbering(abstract: str, paragraph_ilvl: str = "0") -> bytes:
    """A small .docx whose one list paragraph uses the given numbering definition."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering = (
        f"<w:numbering {w}>{abstract}<w:num w:numId='1'><w:abstractNumId w:val='1'/></w:num></w:numbering>"
    )
    paragraphs = "".join(
        f"<w:p><w:pPr><w:numPr><w:ilvl w:val='{paragraph_ilvl}'/><w:numId w:val='1'/></w:numPr></w:pPr>"
        f"<w:r><w:t>Kế hoạch cải cách hành chính năm 2024 mục {n}</w:t></w:r></w:p>"
        for n in range(50)
    )
    document = (
        f"<w:document {w}><w:body><w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p>{paragraphs}</w:body></w:document>"
    )
    return _zip({"word/document.xml": document.encode(), "word/numbering.xml": numbering.encode()})


@pytest.mark.parametrize(
    ("abstract", "ilvl"),
    [
        (
            "<w:abstractNum w:abstractNumId='1'><w:lvl w:ilvl='0'><w:start w:val='2000000000'/>"
            "<w:numFmt w:val='lowerLetter'/><w:lvlText w:val='%1)'/></w:lvl></w:abstractNum>",
            "0",
        ),
        (
            "<w:abstractNum w:abstractNumId='1'><w:lvl w:ilvl='2000000000'><w:numFmt w:val='decimal'/>"
            "<w:lvlText w:val='%1.'/></w:lvl></w:abstractNum>",
            "2000000000",
        ),
        (
            "<w:abstractNum w:abstractNumId='1'><w:lvl w:ilvl='0'><w:numFmt w:val='decimal'/>"
            f"<w:lvlText w:val='{'%1' * 100000}'/></w:lvl></w:abstractNum>",
            "0",
        ),
    ],
    ids=["start-2e9-letters", "ilvl-2e9", "lvlText-100k"],
)
def test_word_numbering_values_are_bounded(tmp_path: Path, abstract: str, ilvl: str) -> None:
    """Each took gigabytes or minutes (issue 13); now a plain parse with short labels."""
    path = tmp_path / "plan.docx"
    path.write_bytes(_with_numbering(abstract, ilvl))
    result = cchc("parse", str(path), "--format", "json", "--timeout", "60")
    assert result.returncode == 0, result.stderr
    paragraphs = [p for s in json.loads(result.stdout)["sections"] for p in s.get("paragraphs", [])]
    assert len(result.stdout) < 200_000 and all(len(p["text"]) < 300 for p in paragraphs)


def test_a_table_row_of_thousands_of_cells_is_refused(tmp_path: Path) -> None:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    cells = "<w:tc><w:p/></w:tc>" * 5000
    rows = f"<w:tr>{cells}</w:tr>" + "<w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>" * 2000
    document = f"<w:document {w}><w:body><w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p><w:tbl>{rows}</w:tbl></w:body></w:document>"
    path = tmp_path / "wide.docx"
    path.write_bytes(_zip({"word/document.xml": document.encode()}))
    result = cchc("parse", str(path))
    assert result.returncode == 1 and b"more than 256 cells" in result.stderr


def test_running_one_command_builds_only_it_and_behaves_the_same() -> None:
    """main() hands typer an app holding only the command named (typer builds every command's
    parameters first); its help and its usage errors read exactly as with the whole app."""
    import typer
    from typer.testing import CliRunner

    from cchc_cli.cli import _app_for, app

    runner = CliRunner()
    for name in ("parse", "diff", "validate", "check-targets", "rules", "export", "report"):
        narrow = _app_for([name, "--help"])
        assert narrow is not app and len(narrow.registered_commands) == 1
        assert len(typer.main.get_command(narrow).commands) == 1
        for args in ([name, "--help"], [name, "--no-such-option"]):
            assert runner.invoke(narrow, args).output == runner.invoke(app, args).output
    assert _app_for(["--help"]) is app and _app_for(["bogus"]) is app and _app_for([]) is app
