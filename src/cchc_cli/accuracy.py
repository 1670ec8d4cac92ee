"""Score a parsed Plan against a gold file written by shared/gold-conventions.md.

Used by ``make accuracy`` (ACCURACY.md) and by the corpus test. The rules are the conventions'
own: header fields match after folding case and spaces; targets match one to one on value,
comparator, unit and a key contained in the target's text and metric; task rows align in
order on STT and count when their lead agencies agree.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from cchc_cli.models import Plan
from cchc_cli.text import fold

HEADER_FIELDS = (
    "doc_type",
    "number",
    "issued_date",
    "place",
    "province",
    "issuer",
    "issuer_level",
    "plan_year",
    "period",
    "signer",
    "signer_title",
)


@dataclass
class Score:
    """Counts, so that scores of many documents add up (micro averages)."""

    header_right: int = 0
    header_total: int = 0
    targets_matched: int = 0
    targets_predicted: int = 0
    targets_gold: int = 0
    rows_matched: int = 0
    rows_predicted: int = 0
    rows_gold: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in self.__dataclass_fields__:
            if name != "misses":
                setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses

    @property
    def header(self) -> float:
        return self.header_right / self.header_total if self.header_total else 1.0

    @property
    def targets_f1(self) -> float:
        return _f1(self.targets_matched, self.targets_predicted, self.targets_gold)

    @property
    def rows_f1(self) -> float:
        return _f1(self.rows_matched, self.rows_predicted, self.rows_gold)


def _f1(matched: int, predicted: int, gold: int) -> float:
    if predicted == 0 and gold == 0:
        return 1.0
    precision = matched / predicted if predicted else 0.0
    recall = matched / gold if gold else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _norm(value: Any) -> str:
    if isinstance(value, dict) and {"start", "end"} <= set(value):
        value = f"{value['start']}-{value['end']}"
    return fold(str(value)).replace(" ", "") if value is not None else ""


def score(plan: Plan, gold: dict[str, Any]) -> Score:
    s = Score()
    meta = plan.metadata.model_dump(mode="json")
    for name, expected in (gold.get("metadata") or {}).items():
        s.header_total += 1
        if _norm(meta.get(name)) == _norm(expected):
            s.header_right += 1
        else:
            s.misses.append(f"header {name}: {meta.get(name)!r} != {expected!r}")
    if gold.get("targets") is not None:
        _score_targets(plan, gold["targets"], s)
    _score_rows(plan, (gold.get("tasks") or {}).get("rows", []), s)
    return s


def _score_targets(plan: Plan, gold: list[dict[str, Any]], s: Score) -> None:
    # Only quantitative commitments are annotated: directional aims have no value.
    predicted = [t for t in plan.targets if t.value is not None]
    s.targets_predicted += len(predicted)
    s.targets_gold += len(gold)
    free = list(range(len(predicted)))
    for g in gold:
        key = fold(g["key"])
        hit = next(
            (
                i
                for i in free
                if float(predicted[i].value or 0) == float(g["value"])
                and predicted[i].comparator == g["comparator"]
                and predicted[i].unit == g["unit"]
                and key in fold(f"{predicted[i].text} {predicted[i].metric}")
            ),
            None,
        )
        if hit is None:
            s.misses.append(f"target missed: {g['comparator']} {g['value']} {g['unit']} '{g['key']}'")
        else:
            free.remove(hit)
            s.targets_matched += 1
    for i in free:
        t = predicted[i]
        s.misses.append(f"target extra: {t.comparator} {t.value} {t.unit} '{t.metric[:60]}'")


def _score_rows(plan: Plan, gold: list[dict[str, Any]], s: Score) -> None:
    got = plan.tasks
    s.rows_predicted += len(got)
    s.rows_gold += len(gold)
    matcher = difflib.SequenceMatcher(a=[t.stt for t in got], b=[str(g["stt"]) for g in gold], autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            task, row = got[a + k], gold[b + k]
            if sorted(map(fold, task.lead)) == sorted(map(fold, row.get("lead") or [])):
                s.rows_matched += 1
            else:
                s.misses.append(f"row {row['stt']}: lead {task.lead} != {row.get('lead')}")
