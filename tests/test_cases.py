"""Parser cases as data: tests/cases/{targets,timeline,header,tasks}.yaml, and the corpus gold
files in tests/corpus/gold/.

A case is added by writing YAML, not Python (like markdown-it-py's fixture files).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cchc_cli.accuracy import Score, score
from cchc_cli.errors import NotAPlanError
from cchc_cli.models import Location, Result
from cchc_cli.parse.header import parse_metadata
from cchc_cli.parse.state import Passage, State
from cchc_cli.parse.targets import extract_targets
from cchc_cli.parse.tasks import parse_tasks
from cchc_cli.parse.timeline import parse_timeline
from cchc_cli.pipeline import parse_bytes
from cchc_cli.readers.blocks import Block, Document
from cchc_cli.text import fold

ROOT = Path(__file__).resolve().parent.parent


def _cases(name: str) -> list[dict]:
    return yaml.safe_load((ROOT / "tests" / "cases" / f"{name}.yaml").read_text(encoding="utf-8"))


CASES = _cases("targets")
TIMELINES, HEADERS, TABLES = _cases("timeline"), _cases("header"), _cases("tasks")
GOLD = sorted((ROOT / "tests" / "corpus" / "gold").glob("*.yaml"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_target_case(case: dict) -> None:
    period = case.get("period")
    own = tuple(period) if period else (case["year"], case["year"])
    results: list[Result] = []
    found = extract_targets([Passage(case["text"], Location(line=1))], own[0], own, results)
    numeric = [t for t in found if t.value is not None]
    if case.get("not_targets"):
        assert numeric == []
        return
    assert [(t.value, t.comparator, t.unit) for t in numeric] == [
        (e["value"], e["comparator"], e["unit"]) for e in case["targets"]
    ]
    for target, expected in zip(numeric, case["targets"], strict=True):
        assert fold(expected["key"]) in fold(f"{target.text} {target.metric}")
        if "year" in expected:  # the target's own year, where the case says it
            assert target.year == expected["year"]
    if "results" in case:
        assert [(r.value, r.unit) for r in results] == [(e["value"], e["unit"]) for e in case["results"]]
        for result, expected in zip(results, case["results"], strict=True):
            if "period" in expected:
                assert result.period == expected["period"]


@pytest.mark.parametrize("case", TIMELINES, ids=[c["name"] for c in TIMELINES])
def test_timeline_case(case: dict) -> None:
    timeline = parse_timeline(case["text"], case["year"]).model_dump(mode="json")
    expected = {"start": None, "end": None, "quarters": [], "months": [], "recurring": False}
    expected |= {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in case["expect"].items()}
    assert {k: timeline[k] for k in expected} == expected


@pytest.mark.parametrize("case", HEADERS, ids=[c["name"] for c in HEADERS])
def test_header_case(case: dict) -> None:
    blocks = [Block("para", text=line) for line in case["lines"]]
    meta = parse_metadata(State.split(Document(format="txt", blocks=blocks)))
    got = meta.model_dump(mode="json")
    expected = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in case["expect"].items()}
    assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize("case", TABLES, ids=[c["name"] for c in TABLES])
def test_task_table_case(case: dict) -> None:
    blocks = [Block("para", text="KẾ HOẠCH")] + [Block("table", rows=rows) for rows in case["tables"]]
    tasks = parse_tasks(State.split(Document(format="txt", blocks=blocks)), 2025)
    got = [{"id": t.id, "lead": t.lead, "partners": t.partners} for t in tasks]
    assert [{k: row[k] for k in want} for row, want in zip(got, case["expect"], strict=False)] == case[
        "expect"
    ]
    assert len(got) == len(case["expect"])


# Every corpus plan is also kept as the issuer's Word file and its PDF (scripts/
# make_corpus_renderings.py). Word files are fast to read, so all are tested; of the PDFs
# (seconds each), those whose tables run over several pages and whose header and signature are
# two-column layouts; `make accuracy` scores every PDF.
PDF_CASES = {"006", "010", "014"}
DOCUMENTS = [(p, "txt") for p in GOLD] + [
    (p, form)
    for p in GOLD
    for form in ("docx", "pdf")
    if (form == "docx" or p.stem in PDF_CASES) and (ROOT / "samples" / "corpus" / f"{p.stem}.{form}").exists()
]


def _source(gold: dict, form: str) -> Path:
    return ROOT / "samples" / "corpus" / Path(gold["file"]).with_suffix(f".{form}").name


@pytest.mark.parametrize(("gold_path", "form"), DOCUMENTS, ids=[f"{p.stem}.{f}" for p, f in DOCUMENTS])
def test_corpus_document_against_gold(gold_path: Path, form: str) -> None:
    """Each corpus document, in each rendering, scored by shared/gold-conventions.md."""
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    source = _source(gold, form)
    if gold["kind"] == "other":
        with pytest.raises(NotAPlanError):
            parse_bytes(source.read_bytes(), source.name)
        return
    s = score(parse_bytes(source.read_bytes(), source.name), gold)
    assert s.header == 1.0, s.misses
    assert s.rows_f1 == 1.0, s.misses


@pytest.mark.parametrize("form", ["txt", "docx"])
def test_corpus_meets_the_bars(form: str) -> None:
    """The issue's bars over the whole corpus: header ≥ 0.95, targets F1 ≥ 0.9, rows ≥ 0.95."""
    total = Score()
    for gold_path in GOLD:
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        if gold["kind"] == "other":
            continue
        source = _source(gold, form)
        total.add(score(parse_bytes(source.read_bytes(), source.name), gold))
    assert total.header >= 0.95, total.misses
    assert total.targets_f1 >= 0.9, total.misses
    assert total.rows_f1 >= 0.95, total.misses
