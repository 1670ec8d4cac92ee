"""Every rendering of the Bến Tre plan gives the same plan as the text copy.

Word (typed numbering, real bullet lists, Word auto-numbering, legacy TCVN3 font), PDF (both
renderings), a saved web page, and text in UTF-16, Windows-1258, NFD, TCVN3 and VNI.
"""

from __future__ import annotations

import pytest

from conftest import BEN_TRE_TEXT, parsed

RENDERINGS = [
    "samples/ben-tre-2023.docx",
    "samples/ben-tre-2023-lists.docx",
    "samples/derived/ben-tre-2023-autonum.docx",
    "samples/derived/ben-tre-2023-tcvn3.docx",
    "samples/ben-tre-2023.pdf",
    "samples/ben-tre-2023-lists.pdf",
    "samples/derived/ben-tre-2023.html",
    "samples/derived/ben-tre-2023-utf16.txt",
    "samples/derived/ben-tre-2023-cp1258.txt",
    "samples/derived/ben-tre-2023-nfd.txt",
    "samples/derived/ben-tre-2023-tcvn3.txt",
    "samples/derived/ben-tre-2023-vni.txt",
]


def _targets(plan):
    return [(t.metric, t.comparator, t.value, t.unit, t.area, t.year, t.task) for t in plan.targets]


def _tasks(plan):
    return [
        (
            t.id,
            t.group,
            t.area,
            t.content,
            t.output,
            t.timeline.model_dump() if t.timeline else None,
            t.lead,
            t.partners,
            t.note,
        )
        for t in plan.tasks
    ]


@pytest.mark.parametrize("path", RENDERINGS)
def test_same_plan_as_the_text(path: str) -> None:
    base, other = parsed(BEN_TRE_TEXT), parsed(path)
    assert other.metadata == base.metadata
    assert _targets(other) == _targets(base)
    assert _tasks(other) == _tasks(base)
    assert [(r.kind, r.number, r.date, r.issuer, r.title) for r in other.references] == [
        (r.kind, r.number, r.date, r.issuer, r.title) for r in base.references
    ]
    assert [(f.number, f.text) for f in other.footnotes] == [(f.number, f.text) for f in base.footnotes]
    assert [(a.agency, a.duties) for a in other.assignments] == [
        (a.agency, a.duties) for a in base.assignments
    ]
    assert other.indices == base.indices


@pytest.mark.parametrize("path", RENDERINGS)
def test_same_section_structure(path: str) -> None:
    def shape(sections):
        return [(s.kind, len(s.paragraphs), shape(s.children)) for s in sections]

    assert shape(parsed(path).sections) == shape(parsed(BEN_TRE_TEXT).sections)


@pytest.mark.parametrize(
    ("path", "encoding"),
    [
        ("samples/derived/ben-tre-2023-tcvn3.txt", "tcvn3"),
        ("samples/derived/ben-tre-2023-vni.txt", "vni"),
        ("samples/derived/ben-tre-2023-tcvn3.docx", "tcvn3"),
    ],
)
def test_legacy_encoding_is_reported(path: str, encoding: str) -> None:
    source = parsed(path).source
    assert (source.encoding, source.encoding_fixed) == (encoding, True)


def test_unicode_inputs_are_not_reported_as_fixed() -> None:
    for path in (
        "samples/derived/ben-tre-2023-nfd.txt",
        "samples/derived/ben-tre-2023-utf16.txt",
        BEN_TRE_TEXT,
    ):
        assert parsed(path).source.encoding_fixed is False
    assert parsed("samples/derived/ben-tre-2023-cp1258.txt").source.encoding == "cp1258"


def test_locations_point_into_each_format() -> None:
    pdf = parsed("samples/ben-tre-2023.pdf")
    assert pdf.targets[0].location.page == 2
    assert {t.location.page for t in pdf.tasks} == {9, 10, 11, 12, 13}
    assert all(t.location.row for t in pdf.tasks)
    text = parsed(BEN_TRE_TEXT)
    assert text.targets[0].location.line == 43
    assert text.tasks[0].location.line == 257
    docx = parsed("samples/ben-tre-2023.docx")
    assert docx.tasks[0].location.row == 3  # header row, group row, then the first task
