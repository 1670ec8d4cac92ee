"""Whole-document golden files: any change in what a real document parses to shows up as a diff.

Regenerate on purpose with `make golden` and review the diff before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_cli.render import to_yaml
from conftest import parsed
from golden_cases import GOLDEN

GOLDEN_DIR = Path(__file__).parent / "golden"


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_document_matches_golden(name: str) -> None:
    expected = (GOLDEN_DIR / f"{name}.yaml").read_text(encoding="utf-8")
    assert to_yaml(parsed(GOLDEN[name])) == expected
