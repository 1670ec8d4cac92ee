from __future__ import annotations

import os
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
