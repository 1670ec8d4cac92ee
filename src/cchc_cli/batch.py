"""Many inputs -> one output each in a folder; every file is tried, failures are collected."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cchc_cli.errors import CchcError

SUPPORTED = (".txt", ".text", ".htm", ".html", ".docx", ".pdf")


@dataclass
class Outcome:
    path: str
    output: str | None = None
    error: CchcError | None = None
    targets: int = 0
    tasks: int = 0


def expand(paths: list[str]) -> list[tuple[str, Path]]:
    """Inputs -> (file, path relative to its root). Folders are walked in sorted order."""
    out: list[tuple[str, Path]] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and name.lower().endswith(SUPPORTED):
                        full = Path(root) / name
                        out.append((str(full), full.relative_to(p)))
        else:
            out.append((raw, Path(p.name)))
    return out


def output_names(items: list[tuple[str, Path]], fmt: str) -> list[Path]:
    """One output name per input: "plan.yaml", or "plan.docx.yaml" where two inputs share a stem."""
    plain = [rel.with_suffix(f".{fmt}") for _, rel in items]
    counts: dict[Path, int] = {}
    for name in plain:
        counts[name] = counts.get(name, 0) + 1
    return [
        name if counts[name] == 1 else rel.with_name(f"{rel.name}.{fmt}")
        for name, (_, rel) in zip(plain, items, strict=True)
    ]


def write_atomic(path: Path, text: str) -> None:
    """Write through a temporary file and rename, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
