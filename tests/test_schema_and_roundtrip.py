"""The model is the contract: the schema file must match it, and YAML/JSON must round-trip exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from cchc_cli.loader import load_plan_data
from cchc_cli.render import to_json, to_yaml
from cchc_cli.schema import schema_text
from conftest import ROOT, parsed
from golden_cases import GOLDEN


def test_schema_file_is_generated_from_the_model() -> None:
    committed = (ROOT / "schemas" / "plan.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "schemas/plan.schema.json drifted: run `make schema`"


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_yaml_round_trip_is_byte_identical(name: str) -> None:
    plan = parsed(GOLDEN[name])
    first = to_yaml(plan)
    again = load_plan_data(first.encode("utf-8"), "plan.yaml")
    assert again == plan  # nothing lost
    assert to_yaml(again) == first


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_json_round_trip_and_same_data_as_yaml(name: str) -> None:
    plan = parsed(GOLDEN[name])
    text = to_json(plan)
    again = load_plan_data(text.encode("utf-8"), "plan.json")
    assert again == plan and to_json(again) == text
    assert json.loads(text) == yaml.safe_load(to_yaml(plan))


def test_output_validates_against_the_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "schemas" / "plan.schema.json").read_text(encoding="utf-8"))
    for path in GOLDEN.values():
        jsonschema.validate(json.loads(to_json(parsed(path))), schema)


def test_loader_rejects_unknown_fields_and_names_the_path(tmp_path: Path) -> None:
    data = yaml.safe_load(to_yaml(parsed(GOLDEN["ben-tre-2023-text"])))
    data["targets"][3]["value"] = "ninety"
    from cchc_cli.errors import CchcError

    with pytest.raises(CchcError, match=r"targets\[3\]\.value"):
        load_plan_data(yaml.safe_dump(data, allow_unicode=True).encode(), "bad.yaml")
    data["targets"][3]["value"] = 90
    data["targets"][3]["valeu"] = 90
    with pytest.raises(CchcError, match=r"targets\[3\]\.valeu"):
        load_plan_data(yaml.safe_dump(data, allow_unicode=True).encode(), "bad.yaml")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"a: &x [1, 2]\nb: [*x, *x, *x]\n", "aliases are not allowed"),
        (b"schema_version: !!python/object/apply:os.system ['true']\n", "invalid YAML"),
        (b"targets: [\n", "invalid YAML at line 2"),
        (b"- just\n- a list\n", "top level is not a mapping"),
        (b'{"schema_version": "1.0", "source": 3', "invalid JSON"),
    ],
)
def test_loader_refuses_unsafe_or_broken_plans(data: bytes, message: str) -> None:
    from cchc_cli.errors import CchcError

    with pytest.raises(CchcError, match=message):
        load_plan_data(data, "plan.json" if data.startswith(b"{") else "plan.yaml")
