"""Batch runs: parallel workers, resume, report, time limit, and a clean stop on Ctrl-C."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import BEN_TRE_TEXT, ROOT


def cchc(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cchc_cli", *args], capture_output=True, cwd=ROOT, timeout=300, check=False
    )


def _corpus(folder: Path, copies: int = 6) -> Path:
    folder.mkdir()
    text = (ROOT / BEN_TRE_TEXT).read_text(encoding="utf-8")
    for n in range(copies):  # the same plan with other numbers, as a folder of plans is
        (folder / f"plan-{n}.txt").write_text(text.replace("98%", f"{90 + n}%"), encoding="utf-8")
    (folder / "plan.docx").write_bytes((ROOT / "samples/ben-tre-2023.docx").read_bytes())
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj garbage")
    return folder


def test_parallel_and_serial_runs_give_the_same_bytes(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in")
    for jobs in ("1", "2"):
        result = cchc(
            "parse",
            str(corpus),
            "-o",
            str(tmp_path / f"out{jobs}"),
            "--jobs",
            jobs,
            "--report",
            str(tmp_path / f"report{jobs}.json"),
        )
        assert result.returncode == 1  # the broken PDF
    one = {p.name: p.read_bytes() for p in (tmp_path / "out1").iterdir()}
    two = {p.name: p.read_bytes() for p in (tmp_path / "out2").iterdir()}
    assert one == two and len(one) == 7
    report = json.loads((tmp_path / "report2.json").read_text(encoding="utf-8"))
    assert report["summary"]["ok"] == 7 and report["summary"]["failed_by_kind"] == {"corrupt": 1}
    assert [f["path"] for f in report["files"]] == sorted(f["path"] for f in report["files"])  # input order
    assert report["summary"]["files_per_second"] > 0


def test_resume_skips_outputs_newer_than_their_input(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in", copies=2)
    out = tmp_path / "out"
    cchc("parse", str(corpus), "-o", str(out))
    time.sleep(0.05)
    (corpus / "plan-0.txt").write_text(
        (corpus / "plan-0.txt").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    again = cchc(
        "parse", str(corpus), "-o", str(out), "--skip-existing", "--report", str(tmp_path / "r.json")
    )
    statuses = {
        Path(f["path"]).name: f["status"] for f in json.loads((tmp_path / "r.json").read_text())["files"]
    }
    assert statuses == {
        "broken.pdf": "failed",
        "plan-0.txt": "ok",
        "plan-1.txt": "skipped",
        "plan.docx": "skipped",
    }
    assert again.returncode == 1


def test_a_document_over_the_time_limit_is_a_clear_error(tmp_path: Path) -> None:
    result = cchc("parse", "samples/ben-tre-2023.pdf", "--timeout", "0.05")
    err = result.stderr.decode()
    assert result.returncode == 1 and "gave up after 0.05 s" in err and "Traceback" not in err
    batch = cchc(
        "parse",
        "samples/ben-tre-2023.pdf",
        BEN_TRE_TEXT,
        "-o",
        str(tmp_path / "o"),
        "--timeout",
        "0.05",
        "--report",
        str(tmp_path / "r.json"),
    )
    kinds = json.loads((tmp_path / "r.json").read_text())["summary"]["failed_by_kind"]
    assert batch.returncode == 1 and kinds.get("timeout", 0) >= 1


def test_ctrl_c_stops_cleanly(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in", copies=40)
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "cchc_cli", "parse", str(corpus), "-o", str(out), "--jobs", "2"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.time() + 60
    while time.time() < deadline and not (out.exists() and any(out.glob("*.yaml"))):
        time.sleep(0.02)
    import os

    os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C reaches the whole process group
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err.decode()[-500:]
    assert b"interrupted" in err and b"Traceback" not in err
    assert not list(out.glob(".*.tmp"))  # no half-written file
    for written in out.glob("*.yaml"):
        assert written.read_text(encoding="utf-8").rstrip().endswith("warnings: []")  # every output is whole
