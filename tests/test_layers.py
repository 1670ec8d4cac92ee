"""The pipeline's stages import only from stages below them (issue 10).

reader -> normalize -> parse -> (diff, checks) -> render -> pipeline -> cli: a module may import
from its own stage or a lower one, never from a later one, so each stage can be read, tested
and replaced without the ones after it. Imports inside functions count too.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "cchc_cli"

# Lowest first. A module belongs to the first stage whose prefix it starts with.
STAGES: list[tuple[str, tuple[str, ...]]] = [
    ("shared", ("errors", "text", "vocab", "legacy", "models", "data", "schema", "safeyaml")),
    ("readers", ("readers",)),
    ("normalize", ("normalize",)),
    ("parse", ("parse",)),
    ("diff", ("diff",)),
    ("checks", ("checks",)),
    ("render", ("render",)),
    ("pipeline", ("loader", "pipeline", "accuracy")),
    ("batch", ("batch",)),
    ("cli", ("cli", "entry", "__main__", "one_file")),
]


def _stage(module: str) -> int | None:
    """The stage of ``cchc_cli.x.y`` (None for the package itself)."""
    parts = module.split(".")[1:]
    if not parts or parts == ["__init__"]:
        return None
    for rank, (_name, prefixes) in enumerate(STAGES):
        if parts[0] in prefixes:
            return rank
    raise AssertionError(f"{module}: in no stage of tests/test_layers.py")


def _imports(path: Path) -> list[tuple[int, str]]:
    module = "cchc_cli." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.level:  # relative: from .x import y
                base = module.split(".")[: -node.level]
                found.append((node.lineno, ".".join([*base, node.module])))
            else:
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return [(line, name) for line, name in found if name.startswith("cchc_cli")]


def test_no_stage_imports_from_a_later_stage() -> None:
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = "cchc_cli." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        own = _stage(module)
        for line, name in _imports(path):
            other = _stage(name)
            if own is not None and other is not None and other > own:
                upward.append(
                    f"{path.relative_to(PACKAGE)}:{line}: {STAGES[own][0]} imports {name} ({STAGES[other][0]})"
                )
    assert upward == [], "\n".join(upward)


def test_every_module_has_a_stage() -> None:
    for path in PACKAGE.rglob("*.py"):
        _stage("cchc_cli." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts))
