"""Helpers rewritten to stay linear on big documents, against their plain definitions."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_cli.parse.tasks import _Builder
from cchc_cli.text import fold, search_folded

_WORDS = st.sampled_from(["kế", "hoạch", "Kế hoạch", "CCHC", "  ", "\n", "đạt", "Ủy ban", "x" * 7, "ke"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=60).map(" ".join), st.integers(min_value=16, max_value=64))
def test_searching_folded_windows_finds_what_folding_the_whole_text_finds(text: str, window: int) -> None:
    pattern = re.compile(r"ke hoach|cchc")
    assert search_folded(pattern, text, window=window, overlap=window // 2) == bool(
        pattern.search(fold(text))
    )


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["I.1", "I.1-2", "I.1-3", "II.1", "1"]), max_size=40))
def test_unique_task_ids_are_those_of_scanning_suffixes_from_two(ids: list[str]) -> None:
    def reference(ids: list[str]) -> list[str]:
        taken: set[str] = set()
        out = []
        for task_id in ids:
            candidate, n = task_id, 2
            while candidate in taken:
                candidate, n = f"{task_id}-{n}", n + 1
            taken.add(candidate)
            out.append(candidate)
        return out

    table = _Builder(2024)
    assert [table._unique(i) for i in ids] == reference(ids)
