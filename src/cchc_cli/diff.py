"""Plan x Plan -> Changes: what changed between two years' plans, target by target, task by task.

Items are matched by meaning, not position: two targets pair when they have the same unit and
a similar metric (rapidfuzz over text folded to lowercase without diacritics, so rewording,
word order and missing accents cost little); tasks pair on content, group and lead agency.
Pairs are chosen globally, best score first, so one old item pairs with at most one new one.
A paired target is then classified by how strict its commitment is:

* ``>=``/``>``/``=`` ("at least"): a higher value is stricter, and ``>`` beats ``>=`` at the same value;
* ``<=``/``<`` ("at most", ranks included): a lower value is stricter, and ``<`` beats ``<=``;
* stricter -> ``raised``, looser -> ``lowered``, same commitment in other words -> ``reworded``,
  the same -> ``unchanged`` (not listed); a commitment that changes kind -> ``changed``.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz

from cchc_cli.errors import CchcError
from cchc_cli.models import Metadata, Plan, Section, Target, Task
from cchc_cli.text import fold

ChangeKind = Literal["raised", "lowered", "reworded", "changed", "added", "removed"]

TARGET_THRESHOLD = 75.0  # distinct targets of one plan score up to ~71 against each other
TASK_THRESHOLD = 70.0
SECTION_THRESHOLD = 80.0
# Pairing compares every item of one side with every item of the other (in rapidfuzz's C++
# loop, a few microseconds a pair): 1,200 items a side take about 15 s here. Real plans have a
# few hundred; beyond this bound the diff is refused with a message instead of running for minutes.
MAX_PAIRS = 1_500_000
METADATA_FIELDS = tuple(Metadata.model_fields)
TASK_FIELDS = ("content", "output", "timeline", "lead", "partners", "note", "group")
AT_LEAST = {">=": 0, "=": 0, ">": 1}
AT_MOST = {"<=": 0, "<": 1}


class Change(BaseModel):
    """One difference. ``old``/``new`` are the items (or values, for metadata), null when absent."""

    model_config = ConfigDict(extra="forbid")
    change: ChangeKind
    old: Any = None
    new: Any = None
    fields: list[str] = Field(default_factory=list)
    score: float | None = Field(default=None, description="Match similarity 0-100, where a match was made.")


class PlanDiff(BaseModel):
    model_config = ConfigDict(extra="forbid")
    targets: list[Change] = Field(default_factory=list)
    tasks: list[Change] = Field(default_factory=list)
    metadata: list[Change] = Field(default_factory=list)
    sections: list[Change] = Field(default_factory=list)
    summary: dict[str, int] = Field(default_factory=dict)

    def is_empty(self) -> bool:
        return not (self.targets or self.tasks or self.metadata or self.sections)

    def has_backsliding(self) -> bool:
        return any(c.change in ("lowered", "removed") for c in self.targets)


# -- matching -------------------------------------------------------------------------------------


def similarity(a: str, b: str) -> float:
    """0-100: word order and diacritics matter little, shared words much."""
    x, y = fold(a), fold(b)
    if x == y:
        return 100.0
    return round((fuzz.token_sort_ratio(x, y) + fuzz.token_set_ratio(x, y)) / 2, 1)


def match(
    old: list,
    new: list,
    score,
    threshold: float,
    text=None,
    least: float = 0.0,
    ceiling=None,
) -> tuple[list[tuple[int, int, float]], list[int], list[int]]:
    """Pair items one-to-one, best scores first (ties: identical texts, then closest positions).
    Returns pairs and the rest.

    With `text` (an item's words), `least` (the text similarity a pair needs at least to reach
    the threshold) and `ceiling` (the highest score a given text similarity allows; by default
    the similarity itself):
    - items whose folded text is identical and whose score is full (100: same unit and area,
      or group and lead) pair first, in a hash lookup, as the full scan would pair them first;
    - the rest pair greedily from a heap holding each item's best open candidate. An item's
      candidates are the few best new items by token-set and by token-sort ratio (rapidfuzz, in
      C++); what it did not fetch is bounded by the last of those scores, and where that bound
      could beat its best the item fetches more. So only a few pairs per item are scored in
      Python: near-linear where the scan of every pair was quadratic (N reworded targets a side
      each like all the others). A hypothesis test shows the pairs equal those of the definition.
    Pairs left to compare are bounded (MAX_PAIRS)."""
    pairs: list[tuple[int, int, float]] = []
    used_old: set[int] = set()
    used_new: set[int] = set()
    if text is not None:
        old_texts, new_texts = [fold(text(a)) for a in old], [fold(text(b)) for b in new]
        _pair_identical(old, new, old_texts, new_texts, score, pairs, used_old, used_new)
        rest_old = [i for i in range(len(old)) if i not in used_old]
        rest_new = [j for j in range(len(new)) if j not in used_new]
    else:
        rest_old, rest_new = list(range(len(old))), list(range(len(new)))
    if len(rest_old) * len(rest_new) > MAX_PAIRS:
        raise CchcError(
            f"{len(rest_old)} x {len(rest_new)} items to pair is more than cchc compares ({MAX_PAIRS:,} "
            "pairs); a plan has a few hundred targets and tasks: is one of the inputs many plans merged?"
        )
    if text is None:
        _scan_every_pair(old, new, rest_old, rest_new, score, threshold, pairs, used_old, used_new)
    elif rest_old and rest_new:
        rows = _Rows(
            old, new, old_texts, new_texts, rest_new, score, threshold, least, ceiling or (lambda x: x)
        )
        _lazy_greedy(rows, rest_old, pairs, used_old, used_new)
    pairs.sort()
    return (
        pairs,
        [i for i in range(len(old)) if i not in used_old],
        [j for j in range(len(new)) if j not in used_new],
    )


def _scan_every_pair(old, new, rest_old, rest_new, score, threshold, pairs, used_old, used_new) -> None:
    ranked = []
    for i in rest_old:
        for j in rest_new:
            s = score(old[i], new[j])
            if s >= threshold:
                ranked.append((-s, abs(i - j), i, j))
    ranked.sort()
    for negative, _, i, j in ranked:
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((i, j, -negative))


def _pair_identical(old, new, old_texts, new_texts, score, pairs, used_old, used_new) -> None:
    """Identical texts at full score, closest positions first (the full scan's own order)."""
    by_text: dict[str, list[int]] = {}
    for j, t in enumerate(new_texts):
        by_text.setdefault(t, []).append(j)
    full = []
    for i, t in enumerate(old_texts):
        for j in by_text.get(t, ()):
            if score(old[i], new[j]) >= 100.0:
                full.append((abs(i - j), i, j))
    for _, i, j in sorted(full):
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((i, j, 100.0))


_FIRST_FETCH = 8  # candidates fetched per item at first; four times more each time it needs more


def _sorted_words(text: str) -> str:
    """The text as rapidfuzz's token-sort ratio compares it: its words sorted."""
    return " ".join(sorted(text.split()))


class _Rows:
    """Each old item's candidates, fetched lazily, best first, with a bound on the rest.

    The similarity is the mean of the token-set and token-sort ratios. Token-sort is the plain
    ratio of the texts with their words sorted, which rapidfuzz scans fast (bit-parallel); so
    candidates are fetched by it, and the token-set ratio, at most 100, is computed only for
    them. An item not fetched scores at most (100 + the last token-sort ratio fetched) / 2."""

    def __init__(self, old, new, old_texts, new_texts, rest_new, score, threshold, least, ceiling) -> None:
        self.old, self.new, self.old_texts, self.new_texts = old, new, old_texts, new_texts
        self.rest_new = rest_new
        self.sorted_choices = [_sorted_words(new_texts[j]) for j in rest_new]
        # A pair reaching `least` has a token-sort ratio of at least 2 x least - 100.
        self.score, self.threshold, self.cutoff, self.ceiling = score, threshold, 2 * least - 100.1, ceiling
        self.fetched: dict[int, int] = {}
        self.ranked: dict[int, list[tuple]] = {}
        self.bound: dict[int, float] = {}  # the highest score an item not fetched could have

    def fetch(self, i: int) -> None:
        from rapidfuzz import process

        choices = self.sorted_choices
        limit = min(len(choices), self.fetched.get(i, _FIRST_FETCH // 4) * 4)
        self.fetched[i] = limit
        hits = process.extract(
            _sorted_words(self.old_texts[i]),
            choices,
            scorer=fuzz.ratio,
            score_cutoff=max(0.0, self.cutoff),
            limit=limit,
        )
        if len(hits) == limit and limit < len(choices):
            # Items not fetched: token-sort at most the last hit's, token-set at most 100.
            self.bound[i] = self.ceiling(round((100 + hits[-1][1]) / 2, 1) + 0.1)
        else:
            self.bound[i] = -1.0  # every item that could reach the cut-off came
        ranked = []
        for _, _, c in hits:
            j = self.rest_new[c]
            s = self.score(self.old[i], self.new[j])
            if s >= self.threshold:
                ranked.append((-s, self.old_texts[i] != self.new_texts[j], abs(i - j), i, j))
        ranked.sort()
        self.ranked[i] = ranked

    def best(self, i: int, used_new: set[int]) -> tuple | None:
        """The item's best candidate still open, fetching more while the unfetched could beat it."""
        if i not in self.ranked:
            self.fetch(i)
        while True:
            ranked = self.ranked[i]
            while ranked and ranked[0][4] in used_new:
                ranked.pop(0)
            head = ranked[0] if ranked else None
            bound = self.bound[i]
            if bound < self.threshold or (head is not None and -head[0] > bound):
                return head
            self.fetch(i)


def _lazy_greedy(rows: _Rows, rest_old: list[int], pairs, used_old: set[int], used_new: set[int]) -> None:
    """Greedy pairing, best key first, as sorting every pair would give: each item's head in a
    heap; a popped head whose new item was taken meanwhile is replaced by the item's next."""
    import heapq

    heap = [head for i in rest_old if (head := rows.best(i, used_new)) is not None]
    heapq.heapify(heap)
    while heap:
        key = heapq.heappop(heap)
        negative, _, _, i, j = key
        if j in used_new:
            if (head := rows.best(i, used_new)) is not None:
                heapq.heappush(heap, head)
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((i, j, -negative))


def _target_score(a: Target, b: Target) -> float:
    if a.unit != b.unit:
        return 0.0
    score = similarity(a.metric, b.metric)
    return score if a.area == b.area else score - 10


# -- classification -------------------------------------------------------------------------------


def classify_target(
    old: Target, new: Target, old_year: int | None, new_year: int | None
) -> tuple[str, list[str]]:
    fields = [f for f in ("comparator", "value", "unit") if getattr(old, f) != getattr(new, f)]
    wording = [f for f in ("metric", "text", "area") if getattr(old, f) != getattr(new, f)]
    # A target for "the plan year" moves with the plan: 2023 -> 2024 is no change.
    if old.year != new.year and not (old.year == old_year and new.year == new_year):
        wording.append("year")
    if not fields:
        return ("reworded", wording) if wording else ("unchanged", [])
    order = strictness(old, new)
    if order is None:
        return "changed", fields + wording
    if order == 0:
        return "reworded", fields + wording
    return ("raised" if order > 0 else "lowered"), fields + wording


def strictness(old: Target, new: Target) -> int | None:
    """+1 if ``new`` is the stricter commitment, -1 if looser, 0 if the same; None if not comparable."""
    if old.value is None or new.value is None:
        return None
    for family, sign in ((AT_LEAST, 1), (AT_MOST, -1)):
        if old.comparator in family and new.comparator in family:
            if new.value != old.value:
                return sign if new.value > old.value else -sign
            strict = family[new.comparator] - family[old.comparator]
            return (strict > 0) - (strict < 0)
    return None


def _task_score(a: Task, b: Task) -> float:
    score = 0.8 * similarity(a.content, b.content)
    score += 10 if fold(a.group or "") == fold(b.group or "") else 0
    score += 10 if set(map(fold, a.lead)) & set(map(fold, b.lead)) else 0
    return round(score, 1)


def _task_value(task: Task, field: str) -> Any:
    value = getattr(task, field)
    return value.text if field == "timeline" and value is not None else value


def _flat_sections(sections: list[Section], depth: int = 0) -> list[tuple[int, Section]]:
    out = []
    for s in sections:
        out.append((depth, s))
        out.extend(_flat_sections(s.children, depth + 1))
    return out


def _section_item(section: Section) -> dict[str, Any]:
    return {"number": section.number, "path": section.path, "title": section.title, "kind": section.kind}


# -- the diff -------------------------------------------------------------------------------------


def diff_plans(old: Plan, new: Plan, target_threshold: float = TARGET_THRESHOLD) -> PlanDiff:
    result = PlanDiff()
    counts: dict[str, int] = {}

    def count(key: str) -> None:
        counts[key] = counts.get(key, 0) + 1

    old_year, new_year = old.metadata.plan_year, new.metadata.plan_year
    pairs, removed, added = match(
        old.targets, new.targets, _target_score, target_threshold, lambda t: t.metric, target_threshold
    )
    for i, j, score in pairs:
        kind, fields = classify_target(old.targets[i], new.targets[j], old_year, new_year)
        count(f"targets_{kind}")
        if kind != "unchanged":
            result.targets.append(
                Change(
                    change=kind,
                    old=_item(old.targets[i]),
                    new=_item(new.targets[j]),
                    fields=fields,
                    score=score,
                )
            )
    _unpaired(
        result.targets,
        counts,
        "targets",
        [_item(old.targets[i]) for i in removed],
        [_item(new.targets[j]) for j in added],
    )

    # A task's score is 0.8 x its content's similarity plus at most 20 for group and lead.
    pairs, removed, added = match(
        old.tasks,
        new.tasks,
        _task_score,
        TASK_THRESHOLD,
        lambda t: t.content,
        (TASK_THRESHOLD - 20) / 0.8,
        lambda similarity: 0.8 * similarity + 20,
    )
    for i, j, score in pairs:
        a, b = old.tasks[i], new.tasks[j]
        fields = [f for f in TASK_FIELDS if _task_value(a, f) != _task_value(b, f)]
        count("tasks_changed" if fields else "tasks_unchanged")
        if fields:
            result.tasks.append(
                Change(change="changed", old=_item(a), new=_item(b), fields=fields, score=score)
            )
    _unpaired(
        result.tasks,
        counts,
        "tasks",
        [_item(old.tasks[i]) for i in removed],
        [_item(new.tasks[j]) for j in added],
    )

    for field in METADATA_FIELDS:
        a, b = getattr(old.metadata, field), getattr(new.metadata, field)
        if a != b:
            count("metadata_changed")
            result.metadata.append(Change(change="changed", old=_plain(a), new=_plain(b), fields=[field]))

    old_sections, new_sections = _flat_sections(old.sections), _flat_sections(new.sections)

    def section_score(a: tuple[int, Section], b: tuple[int, Section]) -> float:
        return similarity(a[1].title, b[1].title) if a[0] == b[0] else 0.0

    pairs, removed, added = match(
        old_sections, new_sections, section_score, SECTION_THRESHOLD, lambda s: s[1].title, SECTION_THRESHOLD
    )
    for i, j, score in pairs:
        a, b = old_sections[i][1], new_sections[j][1]
        fields = [f for f in ("number", "path", "title", "kind") if getattr(a, f) != getattr(b, f)]
        if fields:
            count("sections_changed")
            result.sections.append(
                Change(
                    change="changed", old=_section_item(a), new=_section_item(b), fields=fields, score=score
                )
            )
    _unpaired(
        result.sections,
        counts,
        "sections",
        [_section_item(old_sections[i][1]) for i in removed],
        [_section_item(new_sections[j][1]) for j in added],
    )
    result.summary = dict(sorted(counts.items()))
    return result


def _unpaired(changes: list[Change], counts: dict[str, int], part: str, removed: list, added: list) -> None:
    """Items left without a partner: the old ones were removed, the new ones added."""
    for item in removed:
        changes.append(Change(change="removed", old=item))
    for item in added:
        changes.append(Change(change="added", new=item))
    for kind, items in (("removed", removed), ("added", added)):
        if items:
            counts[f"{part}_{kind}"] = counts.get(f"{part}_{kind}", 0) + len(items)


def _item(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json", exclude={"location"})


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value
