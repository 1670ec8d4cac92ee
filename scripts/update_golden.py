"""Rewrite tests/golden/*.yaml from the current parser (run `make golden`, then review the diff)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.chdir(ROOT)

from cchc_cli.pipeline import parse_file  # noqa: E402
from cchc_cli.render import to_yaml  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))
from golden_cases import GOLDEN  # noqa: E402

for name, path in GOLDEN.items():
    out = ROOT / "tests" / "golden" / f"{name}.yaml"
    out.write_text(to_yaml(parse_file(path)), encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")
