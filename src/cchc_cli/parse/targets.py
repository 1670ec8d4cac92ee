"""Target rule: every forward-looking commitment, numeric ("tối thiểu 90%") or directional.

Body text is cut into sentences, then clauses (";", ":", parenthesised "(Trong đó, ...)"),
then around each value: a percentage, a rank ("nằm trong nhóm 30 tỉnh"), a score or a count
with an explicit comparator ("tối thiểu 02 cuộc"). The words just before and after a value
give its comparator; the rest of its stretch of the clause is the metric. Results ("năm qua
đạt 61,2%"), grading bands ("nhóm B (từ 80% đến dưới 90%)") and counts without a comparator
are not targets. A clause with no number but a direction against a base ("tăng so với năm
2023", "nâng cao điểm số, thứ hạng") is a target with comparator increase/decrease/maintain.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from cchc_cli.models import Area, Comparator, Location, Result, Target
from cchc_cli.parse.lexicon import classify_area
from cchc_cli.parse.numbers import NUMBER, to_number
from cchc_cli.parse.state import Passage
from cchc_cli.text import LETTER, UPPER, fold, rx, squash, strip_punct
from cchc_cli.vocab import alternatives, lexicon, words_pattern

_SENTENCE = rx(rf"(?<=[.!?…])\s+(?=[{UPPER}\d(\[\"“\-–])")
_PARENS = rx(r"\(([^()]*\d[^()]*)\)")
_CLAUSE = rx(r"((?<!\s)\s*;\s*|(?<=\S):\s+|,\s*(?=trong (?:đó|số đó)\b))")

# A number starts where no digit stands before it: starting inside "1111…" again and again is quadratic.
_PERCENT = rx(rf"(?<![\d.,])(?P<num>{NUMBER})(?:\s*(?:-|–)\s*(?P<num2>{NUMBER}))?\s*(?:%|phần trăm)")
_RANK = rx(
    r"(?:(?:nằm\s+|thuộc\s+|vào\s+)?(?:trong\s+)?(?:nhóm|nhóm\s+dẫn\s+đầu)\s+(?P<num>\d{1,3})\s+"
    r"(?:tỉnh(?:,\s*thành\s+phố)?|địa\s+phương|nước|quốc\s+gia|đơn\s+vị|thành\s+phố|bộ|cơ\s+quan)\b(?:\s+dẫn\s+đầu)?"
    r"|(?:top|tốp)\s+(?P<top>\d{1,3})\b"
    r"|(?:xếp\s+)?(?:thứ\s+)?hạng\s+(?:thứ\s+)?(?P<place>\d{1,3})(?![/\d]))",
    re.I,
)
_POINTS = rx(rf"(?<![\d.,])(?P<num>{NUMBER})\s*điểm\b", re.I)
_LEX = lexicon()
# The words before a count are matched too (a look-behind would need `regex`); the value's own
# span starts at its number (see ``_values``).
_COUNT = rx(
    rf"\b(?:{alternatives(_LEX.count_words)})\s+(?P<num>{NUMBER})"
    rf"(?=\s+{LETTER})(?!\s+(?:tháng|năm|ngày|quý|giờ)\b)",
    re.I,
)

# The words before a value give its comparator (data/lexicon.yaml, tried in order), with a
# year and a link between them and the value ("ít nhất vào năm 2025 đạt 40%").
_BETWEEN = (
    rf"(?:\s+(?:{alternatives(_LEX.target_words.value_years)})\s+\d{{4}})?"
    rf"\s*(?:(?:{alternatives(_LEX.target_words.value_links)})\s*)?$"
)
_LEFT = [
    (rx(rf"(?:{alternatives(words)}){_BETWEEN}", re.I), comparator)
    for comparator, words in _LEX.comparator_words.items()
]
_RIGHT_GE = rx(r"^\s*trở\s+lên", re.I)
_RIGHT_LE = rx(r"^\s*trở\s+xuống", re.I)
# Words between the metric and its value, and before a clause's real subject.
# The word lists below are data/lexicon.yaml's target_words; the patterns add only structure.
_WORDS = _LEX.target_words
_TRAILING = rx(rf"(?:[\s,:]+|\b(?:{alternatives(_WORDS.trailing)})\b)+$", re.I)
_LEAD = rx(rf"\b(?:{alternatives(_WORDS.lead)})\b\s*[:,]?\s*", re.I)
# What marks a value as a past result rather than a commitment.
# A past-time word is no marker after "so với" ("so với năm trước" compares; see ``_results``).
_RESULT = rx(rf"\b(?:{alternatives(_WORDS.result)}|(?P<past>{alternatives(_WORDS.past_time)}))\b", re.I)
_COMPARED_WITH = rx(r"so\s+với\s+$", re.I)
# Tense markers of an achieved figure: "9 tháng đầu năm", "tính đến nay", "lũy kế", "trong quý I".
_REPORTED = rx(
    rf"\b(?:\d{{1,2}}\s+tháng\s+(?:đầu\s+)?năm|{alternatives(_WORDS.reported)}|trong\s+quý\s+[IV]+\b(?!\s*/))",
    re.I,
)
# Words of a commitment: they make a number this plan's target whatever year it names.
_COMMITTED = rx(words_pattern(_LEX.commitment_words), re.I)
_PAST_YEAR = rx(r"\bnăm\s+(\d{4})\b[^;]*?\bđạt\s*$", re.I)
# A share of money is a budget, not a commitment; a score needs an index or a score in view.
_BUDGET_AFTER = rx(rf"^\s*(?:%\s*)?(?:{alternatives(_WORDS.budget)})\b", re.I)
_SCORE_CONTEXT = rx(rf"\b(?:{alternatives(_WORDS.score_context)})\b")
# Allocations of commendations ("không quá 05 cá nhân") are quotas, not results to reach.
_QUOTA_NOUN = rx(rf"^\s*(?:{alternatives(_WORDS.quota_nouns)})\b", re.I)
_GRADES = alternatives(_WORDS.grades)
_BAND = rx(rf"\b(?:nhóm\s+[A-E]\b|loại\s+(?:{_GRADES})|xếp\s+loại|đạt\s+từ\s+[\d,.]+\s*%?\s*đến)", re.I)
_RANGE_BAND = rx(rf"từ\s+{NUMBER}\s*%?\s*đến\s+(?:dưới\s+)?{NUMBER}\s*%", re.I)
_BAND_BEFORE = rx(rf"\b(?:nhóm\s+[A-E]|loại\s+(?:{_GRADES})|xếp\s+loại)\s*$", re.I)
_BAND_RANGE = rx(r"đến\s+dưới\s+[\d,.]+\s*%", re.I)
_CONTINUATION = rx(rf"^(?:{alternatives(_WORDS.continuations)})\b", re.I)
_TARGET_WORD = rx(r"^\s*(?:chỉ\s+tiêu|kế\s+hoạch|mục\s+tiêu)\b", re.I)
_YEAR_SCOPE = rx(
    r"\b(?:đến(?:\s+hết)?|vào|trong|hết)\s+năm\s+(\d{4})\b|\bgiai\s+đoạn\s+\d{4}\s*[-–]\s*(\d{4})\b", re.I
)

# Directional aims with no number.
_TOWARD = rx(rf"\b({alternatives(_WORDS.directions)})\b", re.I)
_AGAINST_BASE = rx(r"\bso\s+với\s+(?:năm|kết\s+quả|cùng|giai\s+đoạn)", re.I)
_SCORE_RANK = rx(rf"\b(?:{alternatives(_WORDS.score_rank)})\b", re.I)
_STRIVE_INDEX = rx(
    r"^\s*phấn\s+đấu\s+(?:duy\s+trì|giữ\s+vững|cải\s+thiện|nâng\s+cao|tăng)[^;.]{0,80}\bchỉ\s+số\b", re.I
)


@dataclass
class _Value:
    start: int  # where the comparator words (or the number) begin
    end: int  # after the unit and any "trở lên"
    value: int | float | None
    unit: str
    comparator: Comparator


@dataclass
class Found:
    text: str
    metric: str
    comparator: Comparator
    value: int | float | None
    unit: str | None
    year_hint: int | None
    result: bool = False  # an achieved figure the document reports, not a commitment
    period: str | None = None  # a result's reporting period ("9 tháng đầu năm", "tính đến nay")


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(text) if s.strip()]


def clauses(sentence: str) -> tuple[list[tuple[str, bool]], str]:
    """Clauses of a sentence, parenthesised ones holding a number as their own (True),
    and the sentence without those asides (what an aside like "(chỉ tiêu 70%)" refers to)."""
    out: list[tuple[str, bool]] = []
    main = sentence
    for m in _PARENS.finditer(sentence):
        inner = m.group(1)
        if _PERCENT.search(inner) or _RANK.search(inner):
            main = main.replace(m.group(0), " ")
            if _BAND_BEFORE.search(sentence[: m.start()]) or _BAND_RANGE.search(inner):
                continue  # "nhóm B (có chỉ số từ 80% đến dưới 90%)": a grading band's definition
            out.extend((c, True) for c in _split(inner))
    return [(c, False) for c in _split(main)] + out, main


def _split(text: str) -> list[str]:
    pieces = _CLAUSE.split(text)  # text, separator, text, ...
    merged: list[str] = []
    separator = ""
    for i, part in enumerate(pieces):
        if i % 2:
            separator = part
            continue
        if not part.strip():
            continue
        # "…kiểm tra về: cải cách thể chế, …" - a list after a colon belongs to the clause before it.
        if merged and ":" in separator and not _has_value(part) and _has_value(merged[-1]):
            merged[-1] = f"{merged[-1]}: {part}"
        elif (
            merged
            and ";" in separator
            and not _has_value(part)
            and _has_value(merged[-1])
            and not _PREDICATE.search(merged[-1])
            and _PREDICATE.search(part)
        ):
            # "100% các cơ quan …; UBND các xã … được đánh giá": a list of subjects cut by ";".
            merged[-1] = f"{merged[-1]}; {part}"
        else:
            merged.append(part)
    return [squash(p) for p in merged]


_PREDICATE = rx(r"\b(?:được|đạt|có|thực\s+hiện|hoàn\s+thành|bố\s+trí)\b", re.I)


def _has_value(text: str) -> bool:
    return bool(_PERCENT.search(text) or _RANK.search(text))


def _comparator(clause: str, start: int, end: int, default: Comparator) -> tuple[Comparator, int, int]:
    left = clause[max(0, start - 40) : start]
    comparator, begin = default, start
    for pattern, name in _LEFT:
        m = pattern.search(left)
        if m:
            comparator, begin = name, start - (len(left) - m.start())  # type: ignore[assignment]
            break
    right = clause[end : end + 40]  # bounded: copying the clause's rest for each value was quadratic
    at_least = _RIGHT_GE.match(right)
    m = at_least or _RIGHT_LE.match(right)
    if m:
        comparator = ">=" if at_least else "<="
        end += m.end()
    return comparator, begin, end


def _values(clause: str) -> list[_Value]:
    found: list[_Value] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    for m in _PERCENT.finditer(clause):
        number = to_number(m.group("num"), percent=True)
        comparator, begin, end = _comparator(clause, m.start(), m.end(), "=")
        if m.group("num2") and comparator == "=":
            comparator = ">="  # a loose range "15- 25%": at least the lower bound
        found.append(_Value(begin, end, number, "%", comparator))
        taken.append((m.start(), m.end()))
    for pattern, unit, default in ((_RANK, "rank", "<="), (_POINTS, "point", "="), (_COUNT, "count", "=")):
        for m in pattern.finditer(clause):
            # The one number group that took part (_RANK names it after the wording).
            group = next(name for name, text in m.groupdict().items() if text is not None)
            start = m.start(group) if unit == "count" else m.start()
            if not free(start, m.end()):
                continue
            number = to_number(m.group(group))
            comparator, begin, end = _comparator(clause, m.start(group), m.end(), default)  # type: ignore[arg-type]
            end = max(end, m.end())
            if unit == "rank":
                begin, comparator = min(begin, m.start()), "<="
            found.append(_Value(begin, end, number, unit, comparator))
            taken.append((start, m.end()))
    return sorted(found, key=lambda v: v.start)


CONTEXT = 160  # characters before a value that can say it is a result
MAX_CLAUSE_TEXT = 2000
_SINCE_LAST_PERIOD = rx(r"^\s*so\s+với\s+cùng\s+kỳ", re.I)
_BASE_VALUE = rx(r"^\s*(?:xuống|lên)\b", re.I)  # "giảm từ 12,40% xuống còn 2,05%"


def _results(text: str) -> Iterator[re.Match[str]]:
    """``_RESULT``'s matches but a past-time word right after "so với" (what a variable-width
    look-behind said), searched on from the next character as the look-behind would."""
    at = 0
    while m := _RESULT.search(text, at):
        if m.group("past") and _COMPARED_WITH.search(text, max(0, m.start() - 40), m.start()):
            at = m.start() + 1
            continue
        yield m
        at = m.end() if m.end() > m.start() else m.end() + 1


def result_markers(clause: str) -> list[tuple[int, int, str]]:
    """(start, end, words) of every result or reporting marker of a clause, in order: found in
    one scan of the clause, not once per value (a clause may hold thousands of values)."""
    found = [*_results(clause), *_REPORTED.finditer(clause)]
    return sorted((m.start(), m.end(), m.group(0)) for m in found)


def _is_result(
    clause: str, value: _Value, own: tuple[int, int] | None = None, markers: list | None = None
) -> str | None:
    """Why the value is a past figure or the starting point of a change (not a commitment), or
    None when it is not one.

    ``own`` is the plan's own year or period: a year inside it is the target's year, not a
    past one ("năm 2024 đạt tối thiểu 70%" in a 2024 plan). Only the words near the value
    count (a bounded window keeps long clauses linear). ``markers`` are the clause's
    ``result_markers``, when the caller has them."""
    right = clause[value.end : value.end + 40]
    if _BASE_VALUE.match(right):
        return "the starting value of a change (từ … lên/xuống …)"
    if _SINCE_LAST_PERIOD.match(right):
        return "a change against the same period last year"
    if _TARGET_WORD.match(clause):
        return None
    left = clause[max(0, value.start - CONTEXT) : value.start]
    if markers is None:
        m = next(_results(left), None) or _REPORTED.search(left)
        marker = m.group(0) if m else None
    else:
        at = bisect.bisect_left(markers, (value.start - CONTEXT, -1, ""))
        marker = markers[at][2] if at < len(markers) and markers[at][1] <= value.start else None
    if marker:
        return f"an achieved figure: “{marker}” before it"
    past = _PAST_YEAR.search(left) if left.rstrip()[-3:].lower() == "đạt" else None
    if past:
        year = int(past.group(1))
        near = clause[max(0, value.start - 60) : value.end + 12]
        if _COMMITTED.search(near) or (own is not None and year >= own[0]):
            return None
        return f"reached in {year}, before the plan's own year or period" if own else f"reached in {year}"
    return None


def _not_a_commitment(clause: str, value: _Value) -> str | None:
    """Why the number is a name, a budget, a quota or a score without an index (neither a target
    nor a result), or None.

    A number in quotation marks is part of a name ("Đề án “Đầu tư xây dựng ít nhất 01 triệu căn hộ…”")."""
    # Only the 300 characters before the value are looked at (a test of the whole clause for
    # quotes, once per value, was quadratic on a long line of values).
    before = clause[max(0, value.start - 300) : value.start]
    if before.rfind("“") > before.rfind("”") or before.count('"') % 2:
        return "inside a quoted name"
    right = clause[value.end : value.end + 30]
    if value.unit == "%" and _BUDGET_AFTER.match(right):
        return "a share of a budget"
    if value.unit == "count" and _QUOTA_NOUN.match(right):
        return "a quota (of commendations, places …)"
    if value.unit == "point" and not _SCORE_CONTEXT.search(clause[max(0, value.start - 200) : value.start]):
        return "points with no index or score in view"
    return None


def _is_band(clause: str, value: _Value, band_in_clause: bool) -> bool:
    window = clause[max(0, value.start - 60) : value.end + 30]
    return bool(band_in_clause and _RANGE_BAND.search(window)) or bool(
        _BAND.search(clause[max(0, value.start - 30) : value.start])
    )


def _metric(clause: str, start: int, end: int, seg_start: int, seg_end: int) -> str:
    before = clause[seg_start:start]
    leads = list(_LEAD.finditer(before))
    if leads:
        before = before[leads[-1].end() :]
    before = _TRAILING.sub("", before)
    after = clause[end:seg_end]
    after = _AFTER_WORDS.sub("", after)
    return strip_punct(squash(f"{before} {after}"))


@dataclass
class Verdict:
    """Why a number was or was not taken as a target (``cchc parse --explain``)."""

    value: float | None
    unit: str | None
    verdict: str  # "target", "result" or "skipped"
    reason: str
    clause: str
    location: Location | None = None
    target: str | None = None  # the id of the target it became


def find_in_clause(
    clause: str,
    main_metric: str | None = None,
    own: tuple[int, int] | None = None,
    why: list[Verdict] | None = None,
) -> list[Found]:
    """Targets of a clause, and (``Found.result``) the achieved figures it reports. With ``why``,
    the decision on every number is appended to it."""
    if not worth_a_look(clause):
        return []
    values = _values(clause) if any(c.isdigit() for c in clause) else []
    band = _BAND.search(clause) is not None
    past: list[_Value] = []
    kept: list[_Value] = []
    # Many values: scan the clause for markers once; a few: look in each value's window.
    markers = result_markers(clause) if len(values) > 4 else None
    for v in values:
        skip = "a grading band" if _is_band(clause, v, band) else _not_a_commitment(clause, v)
        reason = None if skip else _is_result(clause, v, own, markers)
        (past if reason else kept if not skip else []).append(v)
        if why is not None:
            verdict = "skipped" if skip else "result" if reason else "target"
            why.append(Verdict(v.value, v.unit, verdict, skip or reason or _why_kept(clause, v), clause))
    values = past + kept
    out: list[Found] = [_result(clause, v) for v in past]
    whole = strip_punct(clause)
    year = _year_scope(clause)
    bounds = [0]
    for prev, cur in itertools.pairwise(kept):
        gap = clause[prev.end : cur.start]
        cut = list(_JOINER.finditer(gap))
        bounds.append(prev.end + (cut[-1].start() if cut else 0))
    bounds.append(len(clause))
    for i, v in enumerate(kept):
        metric = _metric(clause, v.start, v.end, bounds[i], bounds[i + 1])
        metric = _strip_joiners(metric)
        if _TARGET_WORD.match(metric + " ") or not _WORDY.search(metric):
            metric = main_metric or metric
        # The clause is the target's text; a run-on "clause" (no punctuation for pages) gives
        # each target its own stretch instead, so the output stays proportional to the input.
        text = whole if len(whole) <= MAX_CLAUSE_TEXT else strip_punct(clause[bounds[i] : bounds[i + 1]])
        out.append(Found(text, metric, v.comparator, v.value, v.unit, year))
    if not values:
        aim = _direction(clause)
        if aim:
            out.append(aim)
    return out


def _why_kept(clause: str, value: _Value) -> str:
    near = clause[max(0, value.start - 60) : value.end + 12]
    word = _COMMITTED.search(near)
    if word:
        return f"a commitment: “{word.group(0)}”"
    return "a figure to reach: no result marker, past year, name, budget or band near it"


def _result(clause: str, value: _Value) -> Found:
    """An achieved figure, kept (never thrown away) so later checks can compare it."""
    metric = _metric(clause, value.start, value.end, 0, len(clause))
    window = clause[max(0, value.start - CONTEXT) : value.end]
    m = _ANY_YEAR.search(window)
    year = int(m.group(1)) if m else None
    reported = _REPORTED.search(window)
    period = squash(reported.group(0)) if reported else None
    found = Found(
        strip_punct(clause), _strip_joiners(metric), "=", value.value, value.unit, year, result=True
    )
    found.period = period
    return found


_ANY_YEAR = rx(r"\b(?:năm\s+)?((?:19|20)\d\d)\b")


def _year_scope(text: str) -> int | None:
    m = _YEAR_SCOPE.search(text)
    return int(m.group(1) or m.group(2)) if m else None


def _direction(clause: str) -> Found | None:
    if next(_results(clause), None):
        return None
    strive = _STRIVE_INDEX.search(clause)
    against = _AGAINST_BASE.search(clause) and _TOWARD.search(clause[: _AGAINST_BASE.search(clause).start()])
    score = _SCORE_RANK.search(clause) and _TOWARD.search(clause)
    if not (strive or against or score):
        return None
    words = {fold(w) for w in _TOWARD.findall(clause)}
    if words & {"tang", "cai thien", "nang cao", "nang"}:
        comparator: Comparator = "increase"
    elif words & {"giam", "ha"}:
        comparator = "decrease"
    else:
        comparator = "maintain"
    metric = clause
    leads = list(_LEAD.finditer(metric[:40]))
    if leads:
        metric = metric[leads[-1].end() :]
    base = _AGAINST_BASE.search(metric)
    verbs = list(_TOWARD.finditer(metric[: base.start()])) if base else []
    if verbs and verbs[0].start() > 0:
        # "Kết quả đánh giá Chỉ số ... năm 2024 tiếp tục cải thiện hơn so với ...": the subject
        metric = _CONTINUE.sub("", metric[: verbs[0].start()])
    metric = _DIRECTION_VERBS.sub("", _strip_joiners(metric.strip()))  # what is measured, not the verb
    cut = _SUBORDINATE.search(metric)
    if cut:
        metric = metric[: cut.start()]  # "…, gắn với việc thực hiện Nghị quyết…" is context
    metric = _TRAILING_YEAR.sub("", strip_punct(metric))
    return Found(strip_punct(clause), metric, comparator, None, None, _year_scope(clause))


_DIRECTION_VERBS = rx(rf"^(?:(?:{alternatives(_WORDS.leading_verbs)})(?:\s*,\s*|\s+và\s+|\s+))+", re.I)
_CONTINUE = rx(r"(?<!\s)\s+(?:tiếp\s+tục|sẽ|phải|được)\s*$", re.I)
_SUBORDINATE = rx(rf"(?<!\s),?\s+(?:{alternatives(_WORDS.subordinate)})\b", re.I)
_TRAILING_YEAR = rx(r"(?<!\s)\s+(?:trong\s+|của\s+)?năm\s+\d{4}\s*$", re.I)


# "… đạt 90% tại sở, ban, ngành; 85% tại cấp huyện": the later values name only a level.
_LEVEL = rx(
    r"^(?:(?:tại|ở|đối\s+với|trong)\s+)?(?:các\s+)?(?:cấp\s+(?:tỉnh|huyện|xã)|sở,?\s+ban,?\s+ngành|"
    r"UBND\s+cấp\s+(?:huyện|xã)|bộ\s+phận\s+một\s+cửa)\b.{0,40}$",
    re.I,
)
_LEVEL_TAIL = rx(
    r"(?<!\s)\s+(?:(?:tại|ở|đối\s+với|trong)\s+)?(?:các\s+)?(?:cấp\s+(?:tỉnh|huyện|xã)|sở,?\s+ban,?\s+ngành|"
    r"UBND\s+cấp\s+(?:huyện|xã))\b.*$",
    re.I,
)


def _with_stem(found: Found, stem: str | None) -> str | None:
    """Give a level-only metric the quantity named before it; return the stem for the next one."""
    if _LEVEL.match(found.metric):
        if stem:
            found.metric = f"{stem} {found.metric}"
        return stem
    head = _LEVEL_TAIL.sub("", found.metric)
    return head if head != found.metric else None


def _strip_joiners(text: str) -> str:
    return _LEADING_JOINERS.sub("", text)


def main_metric_of(clause: str) -> str:
    """A clause's words without its numbers: the metric a "(chỉ tiêu 70%)" aside refers to."""
    text = _PERCENT.sub(" ", clause)
    text = _REACHED.sub(" ", text)
    leads = list(_LEAD.finditer(text[:60]))
    if leads:
        text = text[leads[-1].end() :]
    return strip_punct(squash(text))


_AFTER_WORDS = rx(r"^\s*(?:trở\s+lên|trở\s+xuống)\b", re.I)
_JOINER = rx(r",\s*|(?<!\s)\s+và\s+|;\s*")
_WORDY = rx(rf"{LETTER}{{2,}}")
_LEADING_JOINERS = rx(r"^(?:(?:,|và|hoặc|cùng)\s*)+")
_REACHED = rx(r"\b(?:năm\s+qua\s+)?(?:đã\s+)?đạt(?:\s+được)?\b", re.I)
_BULLET = rx(r"^[-+•]\s*")
_NUMBERING = rx(r"^(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)\-–]\s*")
# A cheap first look: a clause with none of these holds no target (most clauses).
_WORTH_A_LOOK = rx(
    r"\d\s*(?:%|phần trăm|điểm)|(?:nhóm|top|tốp|hạng)\s+(?:thứ\s+)?\d|"
    rf"(?:{alternatives(_LEX.count_words)})\s+\d|so với|điểm số|thứ hạng|xếp hạng|phấn đấu",
)  # applied to lowercased text: a case-sensitive pattern is much faster
# stdlib re on plain literals: ~3x faster than the pattern above, which it lets through.
_LOOK = re.compile("|".join(map(re.escape, _LEX.target_signs + _LEX.count_words)))


def worth_a_look(text: str) -> bool:
    """A text with none of these words or signs holds no target. Literal look first (fast)."""
    lower = text.lower()
    return _LOOK.search(lower) is not None and _WORTH_A_LOOK.search(lower) is not None


def extract_targets(
    units: list[Passage],
    plan_year: int | None,
    own: tuple[int, int] | None = None,
    results: list[Result] | None = None,
    explain: list[Verdict] | None = None,
) -> list[Target]:
    """Targets of the units, in order. ``own`` is the plan's own year or period (see ``_is_result``);
    achieved figures are appended to ``results`` and the decision on every number to ``explain``
    when lists are given."""
    if own is None and plan_year:
        own = (plan_year, plan_year)
    targets: list[Target] = []
    seen: set[tuple] = set()
    scope: dict[str | None, int | None] = {}
    for unit in units:
        task_id = unit.task
        text = unit.text
        if text.endswith(":") and _YEAR_SCOPE.search(text):
            scope[unit.section] = _year_scope(text)  # "Mục tiêu đến năm 2025:" scopes what follows
            continue
        if not worth_a_look(text):
            continue  # no number and no direction word: nothing to find (most paragraphs)
        if text[:1] in "-+•":
            text = _BULLET.sub("", text)
        if unit.heading:
            text = _NUMBERING.sub("", text)
        lead_year = scope.get(unit.section)
        previous_year: int | None = None  # the year the sentence before stated
        for sentence in sentences(text):
            head, sep, _ = sentence.partition(":")
            sentence_year = _year_scope(head) if sep and len(head) < 120 else None
            if _CONTINUATION.match(sentence):
                sentence_year = sentence_year or previous_year
            previous_year = _year_scope(sentence) or sentence_year
            parts, main_text = clauses(sentence)
            stem: str | None = None  # the measured quantity, for values split by level
            for clause, aside in parts:
                main = main_metric_of(main_text) if aside else None
                first_verdict = len(explain) if explain is not None else 0
                found_here = find_in_clause(clause, main, own, explain)
                verdicts = explain[first_verdict:] if explain is not None else []
                for verdict in verdicts:
                    verdict.location = unit.location
                for found in found_here:
                    if found.result:
                        if results is not None:
                            results.append(
                                Result.trusted(
                                    text=found.text,
                                    metric=found.metric,
                                    value=found.value,
                                    unit=found.unit,
                                    year=found.year_hint,
                                    period=found.period,
                                    section=unit.section,
                                    location=unit.location,
                                )
                            )
                        continue
                    stem = _with_stem(found, stem)
                    year = found.year_hint or sentence_year or lead_year or plan_year
                    area: Area = (
                        (unit.area if task_id or unit.kind == "tasks" else None)
                        or classify_area(f"{found.metric} {found.text}")
                        or unit.area
                        or "other"
                    )
                    key = (fold(found.metric), found.comparator, found.value, found.unit, year, task_id)
                    verdict = next(
                        (
                            v
                            for v in verdicts
                            if v.verdict == "target" and not v.target and v.value == found.value
                        ),
                        None,
                    )
                    if key in seen:
                        if verdict:
                            verdict.verdict, verdict.target = "skipped", "-"
                            verdict.reason = "the same commitment as an earlier target: counted once"
                        continue
                    seen.add(key)
                    if verdict:
                        verdict.target = f"T{len(targets) + 1:03d}"
                    targets.append(
                        Target(
                            id=f"T{len(targets) + 1:03d}",
                            text=found.text,
                            metric=found.metric,
                            comparator=found.comparator,
                            value=found.value,
                            unit=found.unit,  # type: ignore[arg-type]
                            area=area,
                            year=year,
                            section=unit.section,
                            task=task_id,
                            location=unit.location,
                        )
                    )
    return targets
