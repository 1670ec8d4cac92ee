"""`make bombs`: the hostile inputs of issue 13 at full size, and the scaling checks.

Each bomb is parsed by a separate `cchc parse` process; its peak memory (ru_maxrss of that
child, from os.wait4) and wall time are recorded, with the one-line error it gave. The scaling
checks time one operation at doubling sizes and give the ratio per doubling (linear: 2x,
quadratic: 4x). Written into BENCHMARKS.md between the `bounds` markers (bench.py keeps them).
"""

from __future__ import annotations

import io
import itertools
import os
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
START, END = "<!-- bounds -->", "<!-- /bounds -->"


def deflated(chunk: bytes, times: int) -> bytes:
    """`chunk` repeated `times` times, compressed without building it whole."""
    packer = zlib.compressobj(9)
    return b"".join(packer.compress(chunk) for _ in range(times)) + packer.flush()


def pdf(
    content: bytes, deflate: bool = False, count: int = 1, stream: bytes | None = None, size: int = 792
) -> bytes:
    if stream is None:
        stream = zlib.compress(content, 9) if deflate else content
    extra = b" /Filter /FlateDecode" if deflate else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count %d >>" % count,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R" % (size, size)
        + b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d%s >>\nstream\n" % (len(stream), extra) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


TEXT = b"BT /F1 12 Tf 72 760 Td (KE HOACH CCHC nam 2024) Tj ET\n"
W = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
P = b"<w:p><w:r><w:t>K\xe1\xba\xbe HO\xe1\xba\xa0CH CCHC n\xc4\x83m 2024</w:t></w:r></w:p>"


def docx(document_xml: bytes, numbering: bytes | None = None, packing: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", packing) as archive:
        archive.writestr("word/document.xml", document_xml)
        if numbering is not None:
            archive.writestr("word/numbering.xml", numbering)
    return buffer.getvalue()


def grid(n: int) -> bytes:
    """N x N ruling lines 6 points apart (wider than the table finder's snapping), on a page
    as large as they need."""
    end = 50 + 6 * n
    lines = [TEXT.replace(b"72 760", b"%d %d" % (60, end + 20))]
    for i in range(n):
        at = 50 + 6 * i
        lines.append(b"%d 50 m %d %d l S 50 %d m %d %d l S" % (at, at, end, at, end, at))
    return pdf(b"\n".join(lines), size=end + 50)


def liar() -> bytes:
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w", force_zip64=True) as member,
    ):
        member.write(W + P)
        for _ in range(24):  # 1.5 GB of spaces, written 64 MB at a time
            member.write(b" " * (64 * 1024 * 1024))
        member.write(b"</w:body></w:document>")
    data = bytearray(buffer.getvalue())
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        data[at + offset : at + offset + 4] = struct.pack("<I", 4096)
    return bytes(data)


def numbering(attribute: bytes) -> bytes:
    return (
        b'<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">' + attribute + b"</w:lvl></w:abstractNum>"
        b'<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )


def numbered(count: int, ilvl: int = 0) -> bytes:
    item = b'<w:p><w:pPr><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>x</w:t></w:r></w:p>'
    return W + P + item % ilvl * count + b"</w:body></w:document>"


BOMBS = {
    "docx numbering start=2000000000, lowerLetter, 50 items": lambda: docx(
        numbered(50),
        numbering(b'<w:start w:val="2000000000"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1."/>'),
    ),
    "docx ilvl=2000000000": lambda: docx(numbered(50, 2_000_000_000), numbering(b'<w:lvlText w:val="%1."/>')),
    "docx lvlText '%1' x 100,000": lambda: docx(
        numbered(50), numbering(b'<w:lvlText w:val="' + b"%1" * 100_000 + b'"/>')
    ),
    "docx one row of 200,000 empty cells": lambda: docx(
        W
        + P
        + b"<w:tbl><w:tr>"
        + b"<w:tc/>" * 200_000
        + b"</w:tr>"
        + b"<w:tr><w:tc/></w:tr>" * 5000
        + b"</w:tbl></w:body></w:document>"
    ),
    "docx member declaring 4 KB, inflating to 1.5 GB": liar,
    "docx of a million paragraphs, stored (no compression)": lambda: docx(
        W + P * 1_000_000 + b"</w:body></w:document>", packing=zipfile.ZIP_STORED
    ),
    "pdf stream of 1 MB inflating to 1 GB": lambda: pdf(
        b"", deflate=True, stream=deflated(b" " * (64 * 1024 * 1024), 16)
    ),
    "pdf page tree of 200,000 pages": lambda: pdf(TEXT, count=200_000),
    "pdf grid of 1,500 x 1,500 ruling lines": lambda: grid(1500),
    "pdf page of 20 MB of text (deflated)": lambda: pdf(
        TEXT + b"BT /F1 1 Tf 72 700 Td " + (b"(" + b"a" * 1000 + b") Tj 0 -1 Td ") * 20_000 + b"ET",
        deflate=True,
    ),
    "pdf page of 0.95 MB of text (under the cap)": lambda: pdf(
        TEXT + b"BT /F1 1 Tf 72 700 Td " + (b"(" + b"a" * 1000 + b") Tj 0 -1 Td ") * 940 + b"ET", deflate=True
    ),
    "html colspan=100 x 5,000 + 2,000 rows": lambda: (
        "<html><body><p>KẾ HOẠCH CCHC năm 2024</p><table><tr>"
        + "<td colspan=100>x</td>" * 5000
        + "</tr>"
        + "<tr><td>a</td></tr>" * 2000
        + "</table></body></html>"
    ).encode(),
    "html colspan+rowspan 100 x 3,000": lambda: (
        "<html><body><p>KẾ HOẠCH CCHC năm 2024</p><table><tr>"
        + "<td colspan=100 rowspan=100>x</td>" * 3000
        + "</tr></table></body></html>"
    ).encode(),
    "html '<b>' x 200,000 + '</i>' x 200,000": lambda: (
        "<html><body><p>KẾ HOẠCH CCHC năm 2024</p>" + "<b>" * 200_000 + "</i>" * 200_000 + "</body></html>"
    ).encode(),
    "txt of 7 MB of numbered headings": lambda: (
        "KẾ HOẠCH CCHC năm 2024\n"
        + "".join(f"{r}. Nội dung số {r}\n{r}.1. Mục một\n{r}.2. Mục hai\n" for r in range(1, 100_001))
    ).encode(),
    "txt of 140,000 numbered lines (under the cap)": lambda: (
        "KẾ HOẠCH CCHC năm 2024\n"
        + "".join(f"{r}. Nội dung số {r}\n{r}.1. Mục một\n{r}.2. Mục hai\n" for r in range(1, 46_667))
    ).encode(),
}
SUFFIX = {"docx": ".docx", "pdf": ".pdf", "html": ".html", "txt": ".txt"}


def run_cchc(args: list[str], timeout: float = 300) -> tuple[int, float, float, str]:
    """(exit code, seconds, peak MB of that process alone, first stderr line)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        # Through a small wrapper process: on Linux a child's peak (ru_maxrss) starts at the size
        # of the process it was forked from, and this script holds the bombs in memory.
        proc = subprocess.Popen(
            [sys.executable, "-c", WRAPPER, sys.executable, "-m", "cchc_cli", *args],
            stdout=subprocess.DEVNULL,
            stderr=err,
            cwd=ROOT,
        )
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        seconds = time.perf_counter() - start
        err.seek(0)
        lines = err.read().decode(errors="replace").strip().splitlines()
    marks = dict(line.split("=", 1) for line in lines if line.startswith(("exit=", "maxrss=")))
    message = [line for line in lines if not line.startswith(("exit=", "maxrss="))]
    code = int(marks["exit"]) if "exit" in marks else os.waitstatus_to_exitcode(status)
    peak = int(marks.get("maxrss", usage.ru_maxrss)) / 1024
    return code, seconds, peak, (message[0] if message else "")


WRAPPER = """
import resource, subprocess, sys
code = subprocess.run(sys.argv[1:]).returncode
print(f"exit={code}", file=sys.stderr)
print(f"maxrss={resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}", file=sys.stderr)
"""


def bombs(folder: Path) -> list[str]:
    rows = ["| input | size | exit | seconds | peak MB | message |", "|---|---|---|---|---|---|"]
    for name, make in BOMBS.items():
        data = make()
        path = folder / f"bomb{SUFFIX[name.split()[0]]}"
        path.write_bytes(data)
        code, seconds, peak, message = run_cchc(["parse", str(path), "-f", "json", "--timeout", "120"])
        message = message.replace(str(path), "FILE").replace("|", "\\|")[:110]
        rows.append(
            f"| {name} | {len(data) / 1024:,.0f} KB | {code} | {seconds:.1f} | {peak:.0f} | {message} |"
        )
        print(rows[-1], flush=True)
        path.unlink()
    return rows


def scaling(label: str, sizes: list[int], work, bar: bool = True) -> list[str]:
    times = []
    for size in sizes:
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            work(size)
            runs.append(time.perf_counter() - start)
        times.append(min(runs))
    ratios = ["–"] + [f"{b / a:.2f}×" for a, b in itertools.pairwise(times)]
    cells = " | ".join(f"{size:,}: {t:.3f} s ({r})" for size, t, r in zip(sizes, times, ratios, strict=True))
    worst = max((b / a for a, b in itertools.pairwise(times)), default=0)
    verdict = ("yes" if worst <= 2.5 else "NO") if bar else f"reported (worst {worst:.2f}×)"
    line = f"| {label} | {cells} | {verdict} |"
    print(line, flush=True)
    return [line]


def scalings() -> list[str]:
    """Growth with size. The in-process rows run with a cchc process's collector settings: with
    Python's defaults, full collections over a growing heap add a growth of their own that no
    cchc command has."""
    import gc

    from cchc_cli.diff import diff_plans
    from cchc_cli.one_file import GC_THRESHOLDS

    gc.set_threshold(*GC_THRESHOLDS)
    from cchc_cli.pipeline import parse_bytes, parse_file
    from cchc_cli.readers.pdf import read_pdf

    rows = ["| check | size: time (ratio to the size before) | within 2.5× per doubling |", "|---|---|---|"]
    rows += scaling(
        "one line of N targets (parse)",
        [1000, 2000, 4000, 8000],
        lambda n: parse_bytes(("KẾ HOẠCH CCHC năm 2024\n" + "đạt 100% hồ sơ, " * n).encode(), "line.txt"),
    )
    rows += scaling(
        "one line of N values, 'đạt 0% 1% 2% …' (parse)",
        [5000, 10000, 20000, 40000],
        lambda n: parse_bytes(
            ("KẾ HOẠCH CCHC năm 2024\nđạt " + " ".join(f"{i % 100}%" for i in range(n))).encode(),
            "values.txt",
        ),
    )
    rows += scaling(
        "N numbered headings with sub-items (parse)",
        [2500, 5000, 10000, 20000],
        lambda n: parse_bytes(
            (
                "KẾ HOẠCH CCHC năm 2024\n"
                + "".join(f"{r}. Nội dung số {r}\n{r}.1. Mục một\n{r}.2. Mục hai\n" for r in range(1, n + 1))
            ).encode(),
            "headings.txt",
        ),
    )
    plan = parse_file(str(ROOT / "samples/seeds/002_5059744902de90ce.txt"))

    def sides(n: int):
        """N targets a side, in another order, one in ten reworded (a year's plan against the last)."""
        many = [
            t.model_copy(update={"id": f"T{k:05}", "metric": f"{t.metric} ({k // len(plan.targets)})"})
            for k, t in enumerate(plan.targets * (n // len(plan.targets) + 1))
        ][:n]
        changed = [
            t.model_copy(update={"metric": f"{t.metric} mới"}) if k % 10 == 0 else t
            for k, t in enumerate(many)
        ]
        return plan.model_copy(update={"targets": many}), plan.model_copy(update={"targets": changed[::-1]})

    def diff_command(n: int, folder: Path) -> None:
        old, new = sides(n)
        (folder / f"old{n}.json").write_text(old.model_dump_json(), encoding="utf-8")
        (folder / f"new{n}.json").write_text(new.model_dump_json(), encoding="utf-8")
        subprocess.run(
            [
                sys.executable,
                "-m",
                "cchc_cli",
                "diff",
                str(folder / f"old{n}.json"),
                str(folder / f"new{n}.json"),
                "-f",
                "json",
            ],
            stdout=subprocess.DEVNULL,
            check=False,
        )

    with tempfile.TemporaryDirectory() as folder:
        rows += scaling(
            "`cchc diff old.json new.json`, N targets a side (one in ten reworded)",
            [500, 1000, 2000, 4000],
            lambda n: diff_command(n, Path(folder)),
        )
    rows += scaling(
        "the same diff's pairing alone, in process (exact: its candidate scan, in C++, is quadratic)",
        [500, 1000, 2000, 4000],
        lambda n: diff_plans(*sides(n)),
        bar=False,
    )
    rows += scaling("PDF grid of N x N ruling lines (read)", [50, 100, 200, 400], lambda n: read_pdf(grid(n)))
    return rows


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        bomb_rows = bombs(Path(folder))
    scale_rows = scalings()
    section = "\n".join(
        [
            START,
            "## Bounds: the hostile inputs of issue 13, full size (`make bombs`)",
            "",
            "Each parsed by its own `cchc parse` process; peak memory is that process's (`wait4`).",
            "Bar: under 512 MB and within the 120 s time limit, with a one-line message or a plan.",
            "",
            *bomb_rows,
            "",
            "Scaling (best of 3; a diff beyond 1,500,000 pairs, about 1,200 targets a side, is",
            "refused with a message: see README, Limits and bounds):",
            "",
            *scale_rows,
            END,
        ]
    )
    target = ROOT / "BENCHMARKS.md"
    text = target.read_text(encoding="utf-8") if target.exists() else ""
    if START in text and END in text:
        text = text[: text.index(START)] + section + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    target.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
