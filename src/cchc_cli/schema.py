"""JSON Schema of the Plan model, generated (never hand-written): `python -m cchc_cli.schema`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from cchc_cli.models import Plan

SCHEMA_ID = "https://cchc.invalid/schemas/plan.schema.json"


def plan_schema() -> dict:
    schema = Plan.model_json_schema(mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def schema_text() -> str:
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else Path("schemas/plan.schema.json")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
