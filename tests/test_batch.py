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


def test_shards_together_write_exactly_what_one_run_writes(tmp_path: Path) -> None:
    """--shard K/N for array jobs: the N slices cover every input once, and output names (made
    unique over the whole input list) are the same as in one run, collisions included."""
    corpus = _corpus(tmp_path / "in", copies=5)
    (corpus / "plan-0.docx").write_bytes((ROOT / "samples/ben-tre-2023.docx").read_bytes())  # collides
    assert cchc("parse", str(corpus), "-o", str(tmp_path / "one")).returncode == 1  # the broken PDF
    codes = [
        cchc("parse", str(corpus), "-o", str(tmp_path / "shards"), "--shard", f"{k}/3").returncode
        for k in (1, 2, 3)
    ]
    assert sorted(codes) == [0, 0, 1]  # the broken PDF falls in exactly one slice
    one = {p.name: p.read_bytes() for p in (tmp_path / "one").iterdir()}
    shards = {p.name: p.read_bytes() for p in (tmp_path / "shards").iterdir()}
    assert shards == one and "plan-0.txt.yaml" in one and "plan-0.docx.yaml" in one
    bad = cchc("parse", str(corpus), "-o", str(tmp_path / "x"), "--shard", "4/3")
    assert bad.returncode == 2 and b"K must be 1..N" in bad.stderr


def _children(pid: int) -> list[int]:
    """Processes whose parent is pid (from /proc: no psutil needed)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _wait_for(condition, seconds: float = 60.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return False


def _start_batch(corpus: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "cchc_cli", "parse", str(corpus), "-o", str(out), "--jobs", "2", *extra],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_a_worker_killed_mid_run_loses_nothing(tmp_path: Path) -> None:
    """kill -9 of a worker (as the OOM killer does) was a BrokenProcessPool traceback with files
    never tried and no report; now the files in flight are retried alone and the run completes."""
    if not Path("/proc/self/stat").exists():
        import pytest

        pytest.skip("needs /proc")
    corpus = _corpus(tmp_path / "in", copies=24)
    (corpus / "broken.pdf").unlink()
    report = tmp_path / "report.json"
    proc = _start_batch(corpus, tmp_path / "out", "--report", str(report))
    assert _wait_for(lambda: len(_children(proc.pid)) >= 2 and (tmp_path / "out").exists())
    victim = _children(proc.pid)[0]
    import os

    os.kill(victim, signal.SIGKILL)
    _, err = proc.communicate(timeout=600)
    assert b"Traceback" not in err and proc.returncode == 0, err.decode()
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["summary"]["files"] == 25 and data["summary"]["ok"] == 25
    for entry in data["files"]:
        assert Path(entry["output"]).read_text(encoding="utf-8").startswith("schema_version:")


def test_workers_end_with_their_parent(tmp_path: Path) -> None:
    """kill -9 of the parent alone used to leave both workers writing, then hanging on a pipe."""
    if not Path("/proc/self/stat").exists():
        import pytest

        pytest.skip("needs /proc")
    corpus = _corpus(tmp_path / "in", copies=40)
    proc = _start_batch(corpus, tmp_path / "out")
    assert _wait_for(lambda: len(_children(proc.pid)) >= 2)
    workers = _children(proc.pid)
    proc.kill()
    proc.wait(timeout=60)

    def gone() -> bool:
        alive = []
        for pid in workers:
            try:
                state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if state != "Z":
                alive.append(pid)
        return not alive

    assert _wait_for(gone, 30.0), "workers outlived their parent"
    outputs = list((tmp_path / "out").glob("*.yaml")) if (tmp_path / "out").exists() else []
    for output in outputs:  # whatever was written is whole (atomic writes)
        assert output.read_text(encoding="utf-8").startswith("schema_version:")


def test_batch_chaos_then_resume(tmp_path: Path) -> None:
    """Colliding names, a name that is not UTF-8, a FIFO nobody writes to, a symlink loop, a
    symlink to /dev/zero, a worker killed mid-run, then --skip-existing: every good file has a
    whole, valid output, and the report names every bad one with its kind."""
    import os

    import pytest
    import yaml

    if not hasattr(os, "mkfifo") or not Path("/dev/zero").exists():
        pytest.skip("needs FIFOs and /dev/zero")
    corpus = _corpus(tmp_path / "in", copies=12)
    (corpus / "broken.pdf").unlink()
    (corpus / "sub").mkdir()
    (corpus / "sub" / "plan-0.txt").write_bytes((corpus / "plan-0.txt").read_bytes())  # same name
    (corpus / "plan-0.docx").write_bytes((corpus / "plan.docx").read_bytes())  # same stem
    os.mkfifo(corpus / "fifo.txt")
    (corpus / "zero.txt").symlink_to("/dev/zero")
    (corpus / "loop-a.txt").symlink_to(corpus / "loop-b.txt")
    (corpus / "loop-b.txt").symlink_to(corpus / "loop-a.txt")
    odd = os.fsencode(str(corpus)) + b"/caf\xe9.txt"  # Latin-1 bytes: not UTF-8
    with open(odd, "wb") as handle:
        handle.write((corpus / "plan-1.txt").read_bytes())
    out, report = tmp_path / "out", tmp_path / "report.json"
    proc = _start_batch(corpus, out, "--report", str(report))
    if _wait_for(lambda: len(_children(proc.pid)) >= 2, 30.0):
        os.kill(_children(proc.pid)[0], signal.SIGKILL)
    _, err = proc.communicate(timeout=600)
    assert b"Traceback" not in err and proc.returncode == 1, err.decode(errors="replace")
    data = json.loads(report.read_text(encoding="utf-8"))
    bad = {Path(f["path"]).name: f["error_kind"] for f in data["files"] if f["status"] == "failed"}
    assert bad == {
        "fifo.txt": "empty",
        "zero.txt": "unreadable",
        "loop-a.txt": "unreadable",
        "loop-b.txt": "unreadable",
    }
    good = [f for f in data["files"] if f["status"] == "ok"]
    assert len(good) == 16  # 12 copies, plan.docx, plan-0.docx, sub/plan-0.txt and the odd name
    assert len({f["output"] for f in good}) == len(good)  # no two inputs wrote one file
    written = [p for p in out.rglob("*") if p.is_file()]  # on disk, the odd name as its bytes
    assert len(written) == len(good)
    for output in written:
        plan = yaml.safe_load(output.read_text(encoding="utf-8"))
        assert plan["schema_version"] == "1.0" and plan["targets"]
    resumed = cchc("parse", str(corpus), "-o", str(out), "--skip-existing", "--report", str(report))
    assert resumed.returncode == 1 and b"Traceback" not in resumed.stderr
    again = json.loads(report.read_text(encoding="utf-8"))
    assert {f["status"] for f in again["files"] if Path(f["path"]).name not in bad} == {"skipped"}
