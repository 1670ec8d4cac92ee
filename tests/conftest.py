from __future__ import annotations

import os
import subprocess
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
BEN_TRE_TEXT = "samples/seeds/002_5059744902de90ce.txt"


@pytest.fixture(autouse=True)
def _in_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    # Sources are recorded as given; tests give paths relative to the repo root.
    monkeypatch.chdir(ROOT)


@pytest.fixture(autouse=True)
def _no_traceback_from_cchc(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every CLI run in every test: no traceback on stderr unless --debug asked for one (issue 13:
    `grep -r Traceback` over the stderr of the CLI tests finds nothing)."""
    real_run = subprocess.run

    def run(args, *more, **options):
        result = real_run(args, *more, **options)
        argv = [str(a) for a in args] if isinstance(args, list | tuple) else [str(args)]
        if any("cchc" in a for a in argv) and "--debug" not in argv and result.stderr is not None:
            err = (
                result.stderr.decode(errors="replace") if isinstance(result.stderr, bytes) else result.stderr
            )
            assert "Traceback" not in err, f"a traceback from {argv}:\n{err[-3000:]}"
        return result

    monkeypatch.setattr(subprocess, "run", run)


@cache
def parsed(path: str):
    from cchc_cli.pipeline import parse_file

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return parse_file(path)
    finally:
        os.chdir(cwd)


from hypothesis import settings  # noqa: E402

# `make fuzz` runs the property tests far longer than the everyday suite.
settings.register_profile("fuzz", max_examples=20000, deadline=None)
if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz":
    settings.load_profile("fuzz")
