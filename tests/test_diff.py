"""cchc diff on the real plan: identity, format independence, known edits, random edit sets."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_cli.diff import diff_plans, similarity
from cchc_cli.models import Location, Plan, Target
from cchc_cli.render import to_yaml
from cchc_cli.render.diff import render_diff, to_markdown
from cchc_cli.text import fold
from conftest import BEN_TRE_TEXT, ROOT, parsed
from golden_cases import GOLDEN


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_a_plan_against_itself_reports_nothing(name: str) -> None:
    plan = parsed(GOLDEN[name])
    result = diff_plans(plan, plan)
    assert result.is_empty()
    assert all(key.endswith("_unchanged") for key in result.summary)


@pytest.mark.parametrize(
    "path",
    [
        "samples/ben-tre-2023.docx",
        "samples/ben-tre-2023.pdf",
        "samples/derived/ben-tre-2023.html",
        "samples/derived/ben-tre-2023-tcvn3.docx",
    ],
)
def test_other_renderings_of_the_same_plan_report_nothing(path: str) -> None:
    assert diff_plans(parsed(BEN_TRE_TEXT), parsed(path)).is_empty()


def test_similarity_ignores_accents_and_word_order() -> None:
    assert similarity("Mức độ hài lòng của người dân", "muc do hai long cua nguoi dan") == 100
    assert similarity("hồ sơ được giải quyết đúng hạn", "được giải quyết đúng hạn hồ sơ") >= 90
    assert similarity("văn bản quy phạm pháp luật", "công chức được tuyển dụng") < 50


NEW_METRICS = [
    "số sáng kiến cải tiến lề lối làm việc được công nhận",
    "lượt cán bộ được tập huấn kỹ năng giao tiếp với công dân",
    "điểm phục vụ bưu chính công ích tiếp nhận hồ sơ tại thôn, ấp",
]


def _edited(plan: Plan, raise_=(), lower=(), reword=(), drop=(), add=0, move_lead=(), deadline=()) -> Plan:
    new = plan.model_copy(deep=True)
    targets = new.targets
    for i in raise_:
        targets[i].value = targets[i].value + 1
    for i in lower:
        targets[i].value = targets[i].value - 1
    for i in reword:
        targets[i].metric += " trên địa bàn tỉnh"
        targets[i].text += " trên địa bàn tỉnh"
    for k in range(add):
        targets.append(
            Target(
                id=f"N{k}",
                text=NEW_METRICS[k],
                metric=NEW_METRICS[k],
                comparator=">=",
                value=5,
                unit="count",
                area="other",
                year=2023,
                location=Location(block=1),
            )
        )
    new.targets = [t for i, t in enumerate(targets) if i not in set(drop)]
    for i in move_lead:
        new.tasks[i].lead = (
            ["Văn phòng UBND tỉnh"] if new.tasks[i].lead != ["Văn phòng UBND tỉnh"] else ["Sở Tư pháp"]
        )
    for i in deadline:
        new.tasks[i].timeline = new.tasks[i].timeline.model_copy(update={"text": "Quý IV/2024"})
    return new


def _summary_of(old: Plan, new: Plan) -> dict[str, list]:
    result = diff_plans(old, new)
    out: dict[str, list] = {}
    for c in result.targets:
        out.setdefault(c.change, []).append(
            (c.old or c.new)["id"] if c.change != "added" else c.new["metric"]
        )
    for c in result.tasks:
        out.setdefault(f"task-{'+'.join(c.fields)}", []).append(c.old["id"])
    assert not result.metadata and not result.sections
    return {k: sorted(v) for k, v in out.items()}


def test_known_edits_are_reported_exactly() -> None:
    plan = parsed(BEN_TRE_TEXT)
    new = _edited(plan, raise_=[2], lower=[3], reword=[5], drop=[9], add=1, move_lead=[1], deadline=[11])
    assert _summary_of(plan, new) == {
        "raised": ["T003"],
        "lowered": ["T004"],
        "reworded": ["T006"],
        "removed": ["T010"],
        "added": [NEW_METRICS[0]],
        "task-lead": ["I.2"],
        "task-timeline": ["II.3"],
    }
    result = diff_plans(plan, new)
    raised = next(c for c in result.targets if c.change == "raised")
    assert (raised.old["value"], raised.new["value"], raised.fields, raised.score) == (98, 99, ["value"], 100)
    assert result.has_backsliding()


def test_strictness_of_comparators() -> None:
    plan = parsed(BEN_TRE_TEXT)
    new = plan.model_copy(deep=True)
    new.targets[2].comparator = ">"  # "từ 98% trở lên" -> "trên 98%": stricter at the same value
    new.targets[0].comparator = "increase"
    new.targets[0].value = None
    result = diff_plans(plan, new)
    assert [(c.change, c.old["id"]) for c in result.targets] == [("changed", "T001"), ("raised", "T003")]


def test_renumbered_section_is_reported_with_its_children() -> None:
    plan = parsed(BEN_TRE_TEXT)
    new = plan.model_copy(deep=True)
    reporting = new.sections[4]
    reporting.number, reporting.path = "IV", "IV"
    for child in reporting.children:
        child.path = "IV." + child.number
    result = diff_plans(plan, new)
    assert [(c.old["path"], c.new["path"], c.fields) for c in result.sections] == [
        ("V", "IV", ["number", "path"]),
        ("V.1", "IV.1", ["path"]),
        ("V.2", "IV.2", ["path"]),
        ("V.3", "IV.3", ["path"]),
    ]
    assert not result.targets and not result.tasks


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.permutations(range(15)),
    st.integers(0, 3),
    st.integers(0, 3),
    st.integers(0, 3),
    st.integers(0, 2),
    st.integers(0, 3),
    st.permutations(range(35)),
    st.integers(0, 3),
    st.integers(0, 3),
)
def test_random_edit_sets_are_reported_exactly(
    order, n_raise, n_lower, n_reword, n_drop, n_add, task_order, n_move, n_deadline
) -> None:
    plan = parsed(BEN_TRE_TEXT)
    picks = iter(order)
    raise_ = [next(picks) for _ in range(n_raise)]
    lower = [next(picks) for _ in range(n_lower)]
    reword = [next(picks) for _ in range(n_reword)]
    drop = [next(picks) for _ in range(n_drop)]
    task_picks = iter(task_order)
    move = [next(task_picks) for _ in range(n_move)]
    deadline = [next(task_picks) for _ in range(n_deadline)]
    new = _edited(plan, raise_, lower, reword, drop, min(n_add, len(NEW_METRICS)), move, deadline)
    ids = [t.id for t in plan.targets]
    expected: dict[str, list] = {}
    for name, picked in (("raised", raise_), ("lowered", lower), ("reworded", reword), ("removed", drop)):
        if picked:
            expected[name] = sorted(ids[i] for i in picked)
    if n_add:
        expected["added"] = sorted(NEW_METRICS[: min(n_add, len(NEW_METRICS))])
    for name, picked in (("task-lead", move), ("task-timeline", deadline)):
        if picked:
            expected[name] = sorted(plan.tasks[i].id for i in picked)
    assert _summary_of(plan, new) == expected


def test_outputs_follow_the_contract() -> None:
    plan = parsed(BEN_TRE_TEXT)
    result = diff_plans(plan, _edited(plan, lower=[3], deadline=[0]))
    data = json.loads(render_diff(result, "json"))
    assert list(data) == ["targets", "tasks", "metadata", "sections", "summary"]
    change = data["targets"][0]
    assert set(change) == {"change", "old", "new", "fields", "score"} and change["change"] == "lowered"
    assert data["summary"]["targets_lowered"] == 1 and data["summary"]["targets_unchanged"] == 14
    markdown = to_markdown(result)
    assert markdown.startswith("| part | change | item | old | new | fields |")
    assert "| target | lowered |" in markdown and "≥ 90% | ≥ 89%" in markdown
    assert render_diff(result, "yaml") == to_yaml(result)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cchc_cli", "diff", *args],
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def test_cli_exit_codes_and_fail_on(tmp_path: Path) -> None:
    plan = parsed(BEN_TRE_TEXT)
    old_yaml = tmp_path / "2023.yaml"
    old_yaml.write_text(to_yaml(plan), encoding="utf-8")
    same = _cli(str(old_yaml), "samples/ben-tre-2023.docx")  # a YAML plan against a Word file
    assert same.returncode == 0 and b"No differences" in same.stdout
    raised = tmp_path / "raised.yaml"
    raised.write_text(to_yaml(_edited(plan, raise_=[2])), encoding="utf-8")
    lowered = tmp_path / "lowered.yaml"
    lowered.write_text(to_yaml(_edited(plan, lower=[2])), encoding="utf-8")
    assert _cli(str(old_yaml), str(raised)).returncode == 1
    assert _cli(str(old_yaml), str(raised), "--fail-on", "lowered").returncode == 0
    assert _cli(str(old_yaml), str(lowered), "--fail-on", "lowered").returncode == 1
    as_json = _cli(str(old_yaml), str(lowered), "--format", "json")
    assert json.loads(as_json.stdout)["targets"][0]["change"] == "lowered"
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: '1.0'\ntargets: [", encoding="utf-8")
    bad = _cli(str(broken), str(old_yaml))
    assert bad.returncode == 2 and b"invalid YAML" in bad.stderr and b"Traceback" not in bad.stderr


def test_candidate_pairing_finds_exactly_what_scoring_every_pair_finds() -> None:
    """Lazy candidates (rapidfuzz's best few, a bound on the rest) are an optimisation only:
    the same pairs as the definition, scoring every pair."""
    from cchc_cli.diff import match

    words = [
        "tỷ lệ",
        "hồ sơ",
        "TTHC",
        "được",
        "giải quyết",
        "đúng hạn",
        "trực tuyến",
        "hài lòng",
        "cấp xã",
        "số hóa",
    ]
    texts = st.lists(st.sampled_from(words), min_size=1, max_size=6).map(" ".join)

    def score(a: str, b: str) -> float:
        return similarity(a, b)

    def every_pair(old: list[str], new: list[str], threshold: float):
        """The definition: score every pair; best first, ties to identical texts, then closest."""
        ranked = sorted(
            (-score(a, b), fold(a) != fold(b), abs(i - j), i, j)
            for i, a in enumerate(old)
            for j, b in enumerate(new)
            if score(a, b) >= threshold
        )
        pairs, used_old, used_new = [], set(), set()
        for negative, _, _, i, j in ranked:
            if i not in used_old and j not in used_new:
                used_old.add(i), used_new.add(j), pairs.append((i, j, -negative))
        rest_old = [i for i in range(len(old)) if i not in used_old]
        return sorted(pairs), rest_old, [j for j in range(len(new)) if j not in used_new]

    # Up to 30 a side: more than the 8 candidates an item fetches first, so the bound on the
    # unfetched and the fetching of more are exercised, with many ties among few words.
    @settings(max_examples=150, deadline=None)
    @given(st.lists(texts, max_size=30), st.lists(texts, max_size=30), st.sampled_from([60.0, 75.0, 90.0]))
    def same(old: list[str], new: list[str], threshold: float) -> None:
        assert match(old, new, score, threshold, str, threshold) == every_pair(old, new, threshold)

    # With a bonus beyond the text (as tasks have: group and lead), the bound on the unfetched
    # goes through the score's ceiling.
    def with_bonus(a: str, b: str) -> float:
        return round(0.8 * similarity(a, b) + (20 if a.split()[0] == b.split()[0] else 0), 1)

    @settings(max_examples=300, deadline=None)
    @given(st.lists(texts, min_size=10, max_size=40), st.lists(texts, min_size=10, max_size=40))
    def same_with_bonus(old: list[str], new: list[str]) -> None:
        nonlocal score
        found = match(old, new, with_bonus, 70.0, str, (70.0 - 20) / 0.8, lambda s: 0.8 * s + 20)
        score = with_bonus
        try:
            assert found == every_pair(old, new, 70.0)
        finally:
            score = plain

    plain = score
    same_with_bonus()

    # The case hypothesis found: a reordered text scores 100 as well; the identical one wins.
    assert match(["hồ sơ tỷ lệ"], ["tỷ lệ hồ sơ", "hồ sơ tỷ lệ"], score, 60.0, str, 60.0)[0] == [
        (0, 1, 100.0)
    ]

    same()


def test_a_diff_too_large_to_pair_is_refused_with_a_message(monkeypatch) -> None:
    """Pairing is quadratic (in C++): beyond MAX_PAIRS a clear refusal, not minutes of work."""
    import cchc_cli.diff as diff
    from cchc_cli.errors import CchcError

    plan = parsed(BEN_TRE_TEXT)
    reworded = plan.model_copy(
        update={"targets": [t.model_copy(update={"metric": t.metric + " mới"}) for t in plan.targets]}
    )
    monkeypatch.setattr(diff, "MAX_PAIRS", 100)
    assert diff.diff_plans(plan, plan).is_empty()  # unchanged items pair by identity, before any bound
    with pytest.raises(CchcError, match="15 x 15 items to pair is more than cchc compares"):
        diff.diff_plans(plan, reworded)
