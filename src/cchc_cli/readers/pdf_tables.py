"""Table cells from a page's ruling lines, by pdfplumber's "lines" strategy, in our own code.

Lines within 3 pt of one another snap to their average and touching pieces of one line join;
where a vertical and a horizontal line cross is a corner; the smallest rectangle whose four
corners are joined by lines is a cell; cells that share a corner are one table. A table's rows
are its cells grouped by top, its columns every left edge any cell has: a merged cell leaves
``None`` in the columns it covers, as pdfplumber's ``Table.extract`` does.

pdfplumber compares every corner with every later one (about N^4 on an N x N grid); here the
corners are indexed by column and row, so a regular grid costs about its number of corners.
"""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from dataclasses import dataclass

from cchc_cli.readers.pdf_layer import Char, Edge, _clusters, text_lines

SNAP = 3.0  # pdfplumber's snap, join and intersection tolerances
MIN_LENGTH = 3.0  # a merged line shorter than this is not a ruling line
# Ruling lines on a page, after merging, horizontal x vertical: above it the page's text is read
# as lines without table cells. A plan's densest table page has a few hundred crossings.
MAX_INTERSECTIONS = 4000

Box = tuple[float, float, float, float]  # x0, top, x1, bottom


def merge(edges: list[Edge]) -> list[Edge]:
    """Snap lines within SNAP of one another to their average position, then join the pieces
    of one line that touch or overlap (within SNAP); drop what stays shorter than MIN_LENGTH."""
    out: list[Edge] = []
    for horizontal in (False, True):
        group = [e for e in edges if e.horizontal is horizontal]
        index = _clusters((e.at for e in group), SNAP)
        clusters: dict[int, list[Edge]] = defaultdict(list)
        for e in group:
            clusters[index[e.at]].append(e)
        for number in sorted(clusters):
            members = clusters[number]
            at = sum(e.at for e in members) / len(members)
            joined: list[list[float]] = []
            for e in sorted(members, key=lambda e: e.start):
                if joined and e.start <= joined[-1][1] + SNAP:
                    joined[-1][1] = max(joined[-1][1], e.end)
                else:
                    joined.append([e.start, e.end])
            out += [Edge(horizontal, at, s, t) for s, t in joined if t - s >= MIN_LENGTH]
    return out


def few_crossings(merged: list[Edge]) -> bool:
    horizontal = sum(1 for e in merged if e.horizontal)
    return horizontal * (len(merged) - horizontal) <= MAX_INTERSECTIONS


def _corners(merged: list[Edge]) -> dict[tuple[float, float], tuple[set[int], set[int]]]:
    """(x, y) of each crossing -> (ids of its vertical lines, ids of its horizontal lines)."""
    corners: dict[tuple[float, float], tuple[set[int], set[int]]] = {}
    verticals = [(i, e) for i, e in enumerate(merged) if not e.horizontal]
    horizontals = [(i, e) for i, e in enumerate(merged) if e.horizontal]
    for vi, v in verticals:
        for hi, h in horizontals:
            if v.start <= h.at + SNAP and v.end >= h.at - SNAP and h.start - SNAP <= v.at <= h.end + SNAP:
                ids = corners.setdefault((v.at, h.at), (set(), set()))
                ids[0].add(vi)
                ids[1].add(hi)
    return corners


def cells(merged: list[Edge]) -> list[Box]:
    """For each corner, the smallest cell with it as top-left: the nearest corner below on a
    shared vertical line and the nearest to the right on a shared horizontal line whose
    bottom-right corner exists and is joined to both."""
    corners = _corners(merged)
    by_x: dict[float, list[float]] = defaultdict(list)
    by_y: dict[float, list[float]] = defaultdict(list)
    for x, y in sorted(corners):
        by_x[x].append(y)
        by_y[y].append(x)

    def joined(p: tuple[float, float], q: tuple[float, float], axis: int) -> bool:
        return bool(corners[p][axis] & corners[q][axis])

    out: list[Box] = []
    for x, y in sorted(corners):
        column, row = by_x[x], by_y[y]
        below = column[bisect.bisect_right(column, y) :]
        right = row[bisect.bisect_right(row, x) :]
        found = None
        for by in below:
            if not joined((x, y), (x, by), 0):
                continue
            for rx in right:
                if not joined((x, y), (rx, y), 1):
                    continue
                corner = (rx, by)
                if corner in corners and joined(corner, (rx, y), 0) and joined(corner, (x, by), 1):
                    found = (x, y, rx, by)
                    break
            if found:
                break
        if found:
            out.append(found)
    return out


def tables(boxes: list[Box]) -> list[list[Box]]:
    """Cells that share a corner, transitively, as tables, top to bottom; a lone cell is no table."""
    parent = list(range(len(boxes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[float, float], int] = {}
    for i, (x0, top, x1, bottom) in enumerate(boxes):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            if corner in owner:
                parent[root(i)] = root(owner[corner])
            else:
                owner[corner] = i
    groups: dict[int, list[Box]] = defaultdict(list)
    for i, box in enumerate(boxes):
        groups[root(i)].append(box)
    found = [g for g in groups.values() if len(g) > 1]
    return sorted(found, key=lambda g: min((c[1], c[0]) for c in g))


@dataclass
class Table:
    cells: list[Box]

    @property
    def bbox(self) -> Box:
        return (
            min(c[0] for c in self.cells),
            min(c[1] for c in self.cells),
            max(c[2] for c in self.cells),
            max(c[3] for c in self.cells),
        )

    def rows(self, chars: list[Char]) -> list[list[list[str] | None]]:
        """Each row's cells as lists of text lines (``None`` where a merged cell covers)."""
        columns = sorted({c[0] for c in self.cells})
        ordered = sorted(self.cells, key=lambda c: (c[1], c[0]))
        # Characters by their vertical centre, so a row looks only at its own band.
        chars = sorted(chars, key=lambda ch: ch.top + ch.bottom)
        centres = [ch.top + ch.bottom for ch in chars]
        out = []
        for _, group in itertools.groupby(ordered, key=lambda c: c[1]):
            row = {c[0]: c for c in group}
            present = list(row.values())
            box = (
                min(c[0] for c in present),
                min(c[1] for c in present),
                max(c[2] for c in present),
                max(c[3] for c in present),
            )
            band = chars[bisect.bisect_left(centres, 2 * box[1]) : bisect.bisect_left(centres, 2 * box[3])]
            # A row's cells sit side by side: a character can be only in the last cell starting
            # left of its centre.
            lefts = sorted(row)
            held: dict[float, list[Char]] = {x: [] for x in lefts}
            for ch in band:
                at = bisect.bisect_right(lefts, (ch.x0 + ch.x1) / 2) - 1
                if at >= 0 and _centre_in(ch, row[lefts[at]]):
                    held[lefts[at]].append(ch)
            out.append([None if x not in row else text_lines(held[x]) for x in columns])
        return out


def _centre_in(char: Char, box: Box) -> bool:
    h = (char.x0 + char.x1) / 2
    v = (char.top + char.bottom) / 2
    return box[0] <= h < box[2] and box[1] <= v < box[3]


def find_tables(edges: list[Edge]) -> list[Table]:
    """The page's tables, or none where its lines cross too often to search (a crafted grid)."""
    if len(edges) < 4:
        return []
    merged = merge(edges)
    if not few_crossings(merged):
        return []
    return [Table(group) for group in tables(cells(merged))]
