"""cchc's YAML writer (render/yaml_emit.py) against PyYAML's safe dumper with the same settings:
the same bytes on every golden file and on generated data (odd strings above all)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_cli.render import dump_options
from cchc_cli.render.yaml_emit import emit

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = sorted((ROOT / "tests/golden").glob("*.yaml")) + sorted((ROOT / "tests/corpus/gold").glob("*.yaml"))


@pytest.mark.parametrize("path", GOLDEN, ids=[p.name for p in GOLDEN])
def test_same_bytes_as_pyyaml_on_golden_files(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert emit(data) == yaml.dump(data, **dump_options())


# Strings that test quoting: YAML indicators, words that read as other types, spaces at the
# ends, line breaks, control and special characters, Vietnamese letters.
_tricky = st.sampled_from(
    [
        "",
        " ",
        "-",
        "- a",
        "? x",
        ": y",
        "a: b",
        "a:b",
        "a #b",
        "a#b",
        "#x",
        "yes",
        "No",
        "on",
        "~",
        "null",
        "1",
        "1.5",
        "1e3",
        "0x1F",
        "1_000",
        "12:30",
        "2024-01-02",
        ".inf",
        "<<",
        "=",
        "'q'",
        '"d"',
        "100%",
        "a\nb",
        "a\n",
        "\nb",
        " lead",
        "trail ",
        "tab\there",
        "\x00",
        "\x85",
        "\u2028",
        "\ufeff",
        "ệ ở Ự",
        "≥ 98%",
        "Sở Nội vụ; Sở Tư pháp",
        "|",
        ">",
        "!tag",
        "&a",
        "*a",
        "@",
        "`",
        "%",
        "[x]",
        "{y}",
        "a,b",
    ]
)
_text = st.one_of(_tricky, st.text(max_size=20), st.lists(_tricky, min_size=1, max_size=3).map("".join))
_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), _text)
_key = st.from_regex(r"[a-z_]{1,8}", fullmatch=True)
_data = st.recursive(
    _scalar,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_key, inner, max_size=4)),
    max_leaves=25,
)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(_key, _data, min_size=1, max_size=5))
def test_same_bytes_as_pyyaml_on_generated_data(data: dict) -> None:
    assert emit(data) == yaml.dump(data, **dump_options())
