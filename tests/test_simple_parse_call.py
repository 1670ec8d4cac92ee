"""`cchc parse FILE [-f FORMAT] [-o OUTPUT]` runs without typer (``entry`` → ``one_file``).

Each call here is run twice in its own folder, once through the entry point and once through
the typer command alone; exit code, stdout, stderr and every file written must be the same.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_cli.one_file import simple_parse_call

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "samples/seeds/002_5059744902de90ce.txt"
NEWS = ROOT / "samples/seeds/000_45f2dcc9db8e5b56.txt"

ENTRY = "from cchc_cli.entry import main; main()"
TYPER = "from cchc_cli.cli import main; main()"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["plan.txt"], ("plan.txt", None, None)),
        (["plan.txt", "-f", "json"], ("plan.txt", None, "json")),
        (["--format=json", "plan.txt"], ("plan.txt", None, "json")),
        (["-o", "out.yaml", "plan.txt"], ("plan.txt", "out.yaml", None)),
        (["plan.txt", "--output=-"], ("plan.txt", "-", None)),
        (["-"], ("-", None, None)),
        (["a.txt", "b.txt"], None),  # a batch
        (["."], None),  # a folder
        ([""], None),  # "" is the current folder to typer
        ([], None),
        (["plan.txt", "-o"], None),
        (["plan.txt", "-o", "a", "-o", "b"], None),
        (["plan.txt", "-o", "-x"], None),
        (["plan.txt", "-f", "JSON"], None),  # typer names the valid choices
        (["plan.txt", "-fjson"], None),
        (["plan.txt", "--timeout", "5"], None),
        (["plan.txt", "--explain"], None),
        (["plan.txt", "--"], None),
        (["--help"], None),
        (["-h"], None),
    ],
)
def test_only_plain_calls_skip_typer(args: list[str], expected) -> None:
    assert simple_parse_call(args) == expected


CALLS = [
    (["parse", "plan.txt"], None),
    (["parse", "plan.txt", "-f", "json"], None),
    (["parse", "--format=json", "plan.txt"], None),
    (["parse", "plan.txt", "-o", "out.json"], None),
    (["parse", "plan.txt", "--output", "outdir/"], None),
    (["parse", "plan.txt", "-o", "-", "-f", "yaml"], None),
    (["parse", "plan.txt", "-o", "plan.txt"], None),  # refused: the input itself
    (["parse", "missing.txt"], None),
    (["parse", "broken.docx"], None),
    (["parse", "news.txt"], None),
    (["parse", "plan.txt", "-o", "plan.txt/x.json"], None),  # cannot write
    (["parse", "-", "-f", "json"], PLAN.read_bytes()),
    (["parse", "plan.txt", "-f", "xml"], None),  # typer's own error, both ways
]


def _run(code: str, args: list[str], stdin: bytes | None, folder: Path) -> tuple:
    folder.mkdir()
    shutil.copy(PLAN, folder / "plan.txt")
    shutil.copy(NEWS, folder / "news.txt")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        input=stdin,
        capture_output=True,
        cwd=folder,
        env=env,
        timeout=120,
    )
    files = {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    return done.returncode, done.stdout, done.stderr.decode(), files


@pytest.mark.parametrize(("args", "stdin"), CALLS, ids=[" ".join(a) for a, _ in CALLS])
def test_the_plain_call_behaves_as_the_typer_command(args: list[str], stdin, tmp_path: Path) -> None:
    quick = _run(ENTRY, args, stdin, tmp_path / "quick")
    framework = _run(TYPER, args, stdin, tmp_path / "typer")
    assert quick == framework
    assert "Traceback" not in quick[2]


def test_the_plain_call_does_not_import_typer(tmp_path: Path) -> None:
    shutil.copy(PLAN, tmp_path / "plan.txt")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", ENTRY, "parse", "plan.txt", "-f", "json"],
        capture_output=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.decode().splitlines()}
    assert "cchc_cli.pipeline" in imported
    assert "typer" not in imported and "cchc_cli.cli" not in imported
