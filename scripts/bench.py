"""Benchmarks for `make bench`: writes BENCHMARKS.md. Timings are medians of repeated runs.

Measured: in-process parse of the Bến Tre plan (text, docx against python-docx alone, PDF per
page against pdfplumber alone), the whole `cchc parse` process, scaling at 1x/10x/100x of the
plan text, and peak memory of the 100x parse.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from cchc_cli.pipeline import parse_bytes  # noqa: E402

TEXT = ROOT / "samples/seeds/002_5059744902de90ce.txt"
DOCX = ROOT / "samples/ben-tre-2023.docx"
PDF = ROOT / "samples/ben-tre-2023.pdf"


def median_ms(fn, repeat: int = 30, warmup: int = 2) -> float:
    for _ in range(warmup):
        fn()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def python_docx_alone(data: bytes) -> None:
    import docx

    document = docx.Document(io.BytesIO(data))
    for paragraph in document.paragraphs:
        _ = paragraph.text
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                _ = cell.text


def pdfplumber_alone(data: bytes) -> None:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()


def scaled(times: int) -> bytes:
    """The plan with its body sections and its appendix rows each repeated ``times`` times."""
    text = TEXT.read_text(encoding="utf-8")
    head, rest = text.split("I. MỤC ĐÍCH - YÊU CẦU", 1)
    body, rest = rest.split("Nơi nhận:", 1)
    closing, rest = rest.split("PHỤ LỤC", 1)
    table_head, rest = rest.split("Ghi chú\n", 1)
    rows, notes = rest.split("\n1 Cải cách thể chế", 1)
    return (
        head
        + ("I. MỤC ĐÍCH - YÊU CẦU" + body) * times
        + "Nơi nhận:"
        + closing
        + "PHỤ LỤC"
        + table_head
        + "Ghi chú\n"
        + rows * times
        + "\n1 Cải cách thể chế"
        + notes
    ).encode("utf-8")


def whole_process(path: Path, repeat: int = 10) -> float:
    # Byte-code compiled first, as Python does on a first run (this machine sets
    # PYTHONDONTWRITEBYTECODE, which would otherwise make every run recompile cchc's modules).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    subprocess.run(
        [sys.executable, "-m", "cchc_cli", "parse", str(path)], check=True, stdout=subprocess.DEVNULL
    )
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "cchc_cli", "parse", str(path)],
            check=True,
            stdout=subprocess.DEVNULL,
            cwd=ROOT,
        )
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def peak_memory_mb(data: bytes) -> float:
    with tempfile.NamedTemporaryFile(suffix=".txt", delete=False) as handle:
        handle.write(data)
    code = (
        "import resource,sys; from cchc_cli.pipeline import parse_file; from cchc_cli.render import to_yaml;"
        f"to_yaml(parse_file({handle.name!r}));"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    try:
        out = subprocess.run(
            [sys.executable, "-c", code],
            check=True,
            capture_output=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        )
    finally:
        os.unlink(handle.name)
    return int(out.stdout) / 1024


def hundred_target_plans():
    """Two plans of 100 targets each, made from the real targets of the five seeds."""
    from cchc_cli.pipeline import parse_file

    seeds = sorted((ROOT / "samples/seeds").glob("*.txt"))
    base = parse_file(str(seeds[2]))
    pool = [t for seed in seeds for t in parse_file(str(seed)).targets]
    targets = []
    for n in range(100):
        t = pool[n % len(pool)].model_copy()
        suffix = ("", " tại cấp tỉnh", " tại cấp huyện", " tại cấp xã")[n // len(pool)]
        t.id, t.metric = f"T{n + 1:03d}", t.metric + suffix
        targets.append(t)
    old = base.model_copy(update={"targets": targets})
    new_targets = [t.model_copy() for t in targets]
    for t in new_targets[::7]:
        if t.value is not None:
            t.value = t.value - 1  # some lowered
    new = base.model_copy(update={"targets": new_targets[:-5]})  # and some removed
    return old, new


def pdf_text_engines(data: bytes) -> tuple[float, float, float]:
    """(pdfplumber ms/page, pypdfium2 ms/page, text similarity 0-100) for plain text extraction."""
    import pdfplumber
    import pypdfium2
    from rapidfuzz import fuzz

    def plumber() -> str:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)

    def pdfium() -> str:
        document = pypdfium2.PdfDocument(data)
        try:
            return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
        finally:
            document.close()

    pages = len(pypdfium2.PdfDocument(data))
    a, b = plumber(), pdfium()
    squash = lambda t: " ".join(t.split())  # noqa: E731
    return median_ms(plumber, 5, 1) / pages, median_ms(pdfium, 5, 1) / pages, fuzz.ratio(squash(a), squash(b))


def corpus_batch(count: int) -> list[tuple[str, str]]:
    """Parse a generated corpus with --jobs 1 and --jobs 2; files/s, MB/s, peak memory."""
    import json

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        subprocess.run(
            [sys.executable, str(ROOT / "scripts/make_corpus.py"), str(corpus), str(count)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        rates = {}
        for jobs in (1, 2):
            report = Path(tmp) / f"report{jobs}.json"
            code = (
                "import resource, subprocess, sys;"
                f"subprocess.run([sys.executable, '-m', 'cchc_cli', 'parse', {str(corpus)!r}, '-o', {tmp + '/out' + str(jobs)!r},"
                f" '--jobs', '{jobs}', '--report', {str(report)!r}], stderr=subprocess.DEVNULL);"
                "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
            )
            peak = int(
                subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, cwd=ROOT).stdout
            )
            summary = json.loads(report.read_text(encoding="utf-8"))["summary"]
            rates[jobs] = summary["files_per_second"]
            rows.append(
                (
                    f"{count} plans, --jobs {jobs}",
                    f"{summary['files_per_second']} files/s, {summary['megabytes_per_second']} MB/s, "
                    f"{summary['seconds']} s, {summary['ok']} ok, peak {peak / 1024:.0f} MiB (largest process)",
                )
            )
        rows.append(("speed-up --jobs 2 / --jobs 1", f"{rates[2] / rates[1]:.2f}× (bar ≥ 1.8×)"))
    return rows


# The commit the extraction work of issue 9 started from: "no slower than today per document".
REFERENCE = os.environ.get("CCHC_BENCH_REFERENCE", "194fdfa")
_TIMER = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from cchc_cli.pipeline import parse_bytes
out = {}
for label, name, path, repeat in json.loads(sys.argv[2]):
    data = open(path, "rb").read() if path else ("KẾ HOẠCH CCHC năm 2024\\n" + "đạt 100% hồ sơ, " * 4000).encode()
    parse_bytes(data, name)
    runs = []
    for _ in range(repeat):
        start = time.perf_counter(); parse_bytes(data, name); runs.append(time.perf_counter() - start)
    out[label] = min(runs) * 1000
print(json.dumps(out))
"""


def against_reference(rounds: int = 6) -> list[tuple[str, str, str]]:
    """Each document parsed by this tree and by the reference commit, in alternation (A B A B),
    in separate processes of the same run: the ratio now / reference, median and min–max."""
    documents = [
        ("Bến Tre plan, text copy", str(TEXT), 15),
        ("Bến Tre plan, .docx", str(DOCX), 10),
        ("Bến Tre plan, .pdf", str(PDF), 2),
        ("news page (seed 000)", str(ROOT / "samples/seeds/000_45f2dcc9db8e5b56.txt"), 15),
        ("one line of 4,000 targets", "", 3),
    ]
    jobs = json.dumps(
        [(label, "plan" + (Path(path).suffix or ".txt"), path, repeat) for label, path, repeat in documents]
    )
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(
            ["git", "archive", REFERENCE, "src"], cwd=ROOT, capture_output=True, check=False
        )
        if archive.returncode:
            return [(f"reference {REFERENCE}", "not available (no git history)", "")]
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        trees = {"now": str(ROOT / "src"), "ref": str(Path(tmp) / "src")}
        ratios: dict[str, list[float]] = {}
        best: dict[tuple[str, str], float] = {}
        for _ in range(rounds):
            times = {}
            for side, tree in trees.items():
                done = subprocess.run(
                    [sys.executable, "-c", _TIMER, tree, jobs], capture_output=True, check=True, text=True
                )
                times[side] = json.loads(done.stdout)
                for name, ms in times[side].items():
                    best[side, name] = min(ms, best.get((side, name), ms))
            for name in times["now"]:
                ratios.setdefault(name, []).append(times["now"][name] / times["ref"][name])
    # Best of all rounds on each side (the least disturbed runs), with the per-round spread.
    return [
        (
            f"{name}: now / {REFERENCE}",
            f"{best['now', name] / best['ref', name]:.2f}× (rounds {min(r):.2f}–{max(r):.2f})",
            "≤ 1.05× (noise)",
        )
        for name, r in ratios.items()
    ]


# -- ratios against references, measured in alternation (issue 12) ----------------------------

# The tree before the speed work of issue 12, for "JSON output no slower than then".
SPEED_REFERENCE = os.environ.get("CCHC_BENCH_SPEED_REFERENCE", "04c3675")
_PLUMBER = """
import io, sys, pdfplumber
with pdfplumber.open(sys.argv[1]) as pdf:
    for page in pdf.pages:
        page.extract_text(); page.extract_tables()
"""
_PDFIUM = """
import ctypes, sys, pypdfium2 as pdfium, pypdfium2.raw as raw
document = pdfium.PdfDocument(sys.argv[1])
box = raw.FS_RECTF(); x, y = ctypes.c_double(), ctypes.c_double()
for i in range(len(document)):
    page = document[i]; text = page.get_textpage(); handle = text.raw
    for k in range(raw.FPDFText_CountChars(handle)):
        raw.FPDFText_GetUnicode(handle, k); raw.FPDFText_GetLooseCharBox(handle, k, box)
        raw.FPDFText_GetCharOrigin(handle, k, x, y); raw.FPDFText_GetFontSize(handle, k)
    for o in range(raw.FPDFPage_CountObjects(page.raw)):
        raw.FPDFPageObj_GetType(raw.FPDFPage_GetObject(page.raw, o))
"""
_PYTHON_DOCX = """
import sys, docx
d = docx.Document(sys.argv[1])
for p in d.paragraphs: p.text
for t in d.tables:
    for r in t.rows:
        for c in r.cells: c.text
"""


def _cchc() -> list[str]:
    script = Path(sys.executable).parent / "cchc"
    return [str(script)] if script.exists() else [sys.executable, "-m", "cchc_cli"]


def _wall(command: list[str], env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env, check=False
    )
    return time.perf_counter() - start


def alternating(
    a: list[str], b: list[str], rounds: int, env_a=None, env_b=None
) -> tuple[float, float, float]:
    """Ratio of wall times a / b, runs alternating (A B, then B A, ...) after one warm-up each:
    (ratio of the best runs, lowest round ratio, highest round ratio)."""
    _wall(a, env_a), _wall(b, env_b)
    ta, tb, ratios = [], [], []
    for n in range(rounds):
        if n % 2:
            y, x = _wall(b, env_b), _wall(a, env_a)
        else:
            x, y = _wall(a, env_a), _wall(b, env_b)
        ta.append(x), tb.append(y), ratios.append(x / y)
    return min(ta) / min(tb), min(ratios), max(ratios)


def _ratio_row(label: str, result: tuple[float, float, float], bar: str, ok=None) -> tuple[str, str, str]:
    best, low, high = result
    verdict = "" if ok is None else (" ✓" if ok(best) else " ✗")
    return (label, f"{best:.2f}× ({low:.2f}–{high:.2f})", bar + verdict)


def ratios(rounds: int = 7) -> list[tuple[str, str, str]]:
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    cchc, py = _cchc(), sys.executable
    rows = []
    pdfs = [PDF] + [ROOT / f"samples/corpus/{n}.pdf" for n in ("004", "011", "013")]
    for path in pdfs:
        name = path.relative_to(ROOT)
        parse = [*cchc, "parse", str(path), "-f", "json"]
        rows.append(
            _ratio_row(
                f"`cchc parse {name}` / pdfplumber alone (text + tables)",
                alternating(parse, [py, "-c", _PLUMBER, str(path)], rounds),
                "≤ 0.35×",
                lambda r: r <= 0.35,
            )
        )
        rows.append(
            _ratio_row(
                f"`cchc parse {name}` / pypdfium2 layer alone (chars, boxes, sizes, objects)",
                alternating(parse, [py, "-c", _PDFIUM, str(path)], rounds),
                "reported",
            )
        )
    rows.append(
        _ratio_row(
            "`cchc parse plan.txt -f json` / python-docx alone on the .docx",
            alternating(
                [*cchc, "parse", str(TEXT), "-f", "json"], [py, "-c", _PYTHON_DOCX, str(DOCX)], rounds
            ),
            "≤ 2.0×",
            lambda r: r <= 2.0,
        )
    )
    rows.append(
        _ratio_row(
            "`cchc --version` / `python -c pass`",
            alternating([*cchc, "--version"], [py, "-c", "pass"], rounds),
            "≤ 4×",
            lambda r: r <= 4.0,
        )
    )
    rows.append(
        _ratio_row(
            "`cchc --help` / `python -c pass`",
            alternating([*cchc, "--help"], [py, "-c", "pass"], rounds),
            "reported",
        )
    )
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "plan100.txt"
        big.write_bytes(scaled(100))
        yaml_run = [*cchc, "parse", str(big)]
        json_run = [*cchc, "parse", str(big), "-f", "json"]
        rows.append(
            _ratio_row(
                "100× plan: YAML output / JSON output (whole process)",
                alternating(yaml_run, json_run, 5),
                "≤ 1.3×",
                lambda r: r <= 1.3,
            )
        )
        archive = subprocess.run(
            ["git", "archive", SPEED_REFERENCE, "src"], cwd=ROOT, capture_output=True, check=False
        )
        if archive.returncode == 0:
            subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
            subprocess.run([py, "-m", "compileall", "-q", str(Path(tmp) / "src")], check=True)
            module = [py, "-m", "cchc_cli", "parse", str(big), "-f", "json"]
            now_env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
            ref_env = {**os.environ, "PYTHONPATH": str(Path(tmp) / "src")}
            rows.append(
                _ratio_row(
                    f"100× plan, JSON output: now / `{SPEED_REFERENCE}`",
                    alternating(module, module, 5, now_env, ref_env),
                    "≤ 0.8×",
                    lambda r: r <= 0.8,
                )
            )
        corpus = Path(tmp) / "corpus"
        subprocess.run(
            [
                py,
                str(ROOT / "scripts/make_corpus.py"),
                str(corpus),
                os.environ.get("CCHC_BENCH_JOBS_CORPUS", "1000"),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        one = [*cchc, "parse", str(corpus), "-o", str(Path(tmp) / "o1"), "--jobs", "1"]
        two = [*cchc, "parse", str(corpus), "-o", str(Path(tmp) / "o2"), "--jobs", "2"]
        rows.append(
            _ratio_row(
                "batch speed-up: time --jobs 1 / time --jobs 2 (A B A B)",
                alternating(one, two, 4),
                "≥ 1.8× (2 cores)",
                lambda r: r >= 1.8,
            )
        )
    return rows


_STUB = "from cchc_cli.entry import _no_plugin_loader; _no_plugin_loader(); "


def startup() -> list[tuple[str, str, str]]:
    """What a start costs, step by step: each a whole process, best of 8 (the rest of the
    start is what `cchc parse plan.txt -f json` adds beyond importing the parser)."""
    py = sys.executable
    env = {**os.environ, "PYDANTIC_DISABLE_PLUGINS": "__all__", "PYTHONPATH": str(ROOT / "src")}

    def best(command: list[str]) -> float:
        return min(_wall(command, env) for _ in range(8)) * 1000

    steps = [
        ("`python -c pass`", [py, "-c", "pass"], "the interpreter"),
        (
            "import pydantic's BaseModel",
            [py, "-c", _STUB + "from pydantic import BaseModel"],
            "the models need it",
        ),
        (
            "import typer",
            [py, "-c", "import typer"],
            "every command but the plain `cchc parse FILE [-f] [-o]` (typer 0.29 vendors click and imports pydantic itself)",
        ),
        (
            "import cchc_cli.parse",
            [py, "-c", _STUB + "import cchc_cli.parse"],
            "all of the above but typer, and the lexicon (patterns compile on first use)",
        ),
        (
            "parse the Bến Tre text in a process",
            [py, "-c", _STUB + f"import cchc_cli.pipeline as p; p.parse_file({str(TEXT)!r})"],
            "models built on first use, readers",
        ),
        (
            "`cchc parse plan.txt -f json`",
            [*_cchc(), "parse", str(TEXT), "-f", "json"],
            "the entry point, without typer (one_file)",
        ),
    ]
    return [(label, f"{best(command):.0f} ms", why) for label, command, why in steps]


def main() -> None:
    text, docx_data, pdf_data = TEXT.read_bytes(), DOCX.read_bytes(), PDF.read_bytes()
    rows: list[tuple[str, str, str]] = []

    t_text = median_ms(lambda: parse_bytes(text, "plan.txt"), repeat=50)
    rows.append(("parse Bến Tre text (in-process)", f"{t_text:.1f} ms", "≤ 10 ms"))

    t_docx = median_ms(lambda: parse_bytes(docx_data, "plan.docx"))
    t_pydocx = median_ms(lambda: python_docx_alone(docx_data))
    rows.append(("parse Bến Tre .docx (in-process)", f"{t_docx:.1f} ms", ""))
    rows.append(("python-docx alone: open + every paragraph and cell", f"{t_pydocx:.1f} ms", ""))
    rows.append(("ratio docx parse / python-docx alone", f"{t_docx / t_pydocx:.2f}×", "≤ 1.5×"))

    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf_data)) as pdf:
        pages = len(pdf.pages)
    t_pdf = median_ms(lambda: parse_bytes(pdf_data, "plan.pdf"), repeat=5, warmup=1)
    t_plumber = median_ms(lambda: pdfplumber_alone(pdf_data), repeat=5, warmup=1)
    rows.append((f"parse Bến Tre PDF ({pages} pages), per page", f"{t_pdf / pages:.1f} ms", ""))
    rows.append(("pdfplumber alone (text + tables), per page", f"{t_plumber / pages:.1f} ms", ""))
    rows.append(("ratio PDF parse / pdfplumber alone", f"{t_pdf / t_plumber:.2f}×", "reported"))

    t_proc = whole_process(TEXT)
    rows.append(("whole process `cchc parse plan.txt`", f"{t_proc * 1000:.0f} ms", "≤ 350 ms"))

    from cchc_cli.diff import diff_plans
    from cchc_cli.render import to_yaml

    old_plan, new_plan = hundred_target_plans()
    t_diff = median_ms(lambda: diff_plans(old_plan, new_plan), repeat=10)
    rows.append(("diff of two 100-target plans (in-process)", f"{t_diff:.0f} ms", ""))
    with tempfile.TemporaryDirectory() as tmp:
        a, b = Path(tmp) / "old.yaml", Path(tmp) / "new.yaml"
        a.write_text(to_yaml(old_plan), encoding="utf-8")
        b.write_text(to_yaml(new_plan), encoding="utf-8")
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "cchc_cli", "diff", str(a), str(b), "--format", "json"],
                stdout=subprocess.DEVNULL,
                cwd=ROOT,
                check=False,
            )
            runs.append(time.perf_counter() - start)
    rows.append(
        (
            "whole process `cchc diff old.yaml new.yaml` (100 targets each)",
            f"{statistics.median(runs) * 1000:.0f} ms",
            "",
        )
    )

    from cchc_cli.checks import Context, run_rules
    from cchc_cli.checks.baselines import floors_in_force, load_baseline
    from cchc_cli.checks.config import Config
    from cchc_cli.pipeline import parse_file

    seeds = [parse_file(str(p)) for p in sorted((ROOT / "samples/seeds").glob("*.txt"))]
    plans = [seeds[i % len(seeds)] for i in range(100)]
    national, config = load_baseline("national"), Config()

    def check_all(previous: bool) -> None:
        for plan in plans:
            ctx = Context(
                plan=plan,
                file="p.yaml",
                previous=plan if previous else None,
                floors=floors_in_force(national, plan.metadata.plan_year),
            )
            run_rules(ctx, "check-targets", config)

    t_check = median_ms(lambda: check_all(False), repeat=5, warmup=1)
    t_check_prev = median_ms(lambda: check_all(True), repeat=3, warmup=1)
    rows.append(("check-targets over 100 plans (in-process)", f"{t_check:.0f} ms", "< 1000 ms"))
    rows.append(("check-targets over 100 plans with --previous (in-process)", f"{t_check_prev:.0f} ms", ""))

    scale_rows = []
    base = None
    for times in (1, 10, 100):
        data = scaled(times)
        ms = median_ms(
            lambda data=data: parse_bytes(data, "plan.txt"), repeat=10 if times < 100 else 3, warmup=1
        )
        base = base or ms
        scale_rows.append(
            (f"{times}×", f"{len(data) / 1024:.0f} KiB", f"{ms:.1f} ms", f"{ms / base / times:.2f}")
        )
    peak = peak_memory_mb(scaled(100))

    plumber_page, pdfium_page, similarity = pdf_text_engines(pdf_data)
    rows.append(("PDF text only: pdfplumber per page", f"{plumber_page:.1f} ms", ""))
    rows.append(
        (
            "PDF text only: pypdfium2 per page",
            f"{pdfium_page:.1f} ms",
            f"{plumber_page / pdfium_page:.0f}× faster; text {similarity:.0f}% alike",
        )
    )
    corpus_rows = corpus_batch(int(os.environ.get("CCHC_BENCH_CORPUS", "2000")))
    reference_rows = against_reference()
    ratio_rows = ratios()
    startup_rows = startup()

    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` ({dt.date.today().isoformat()}, Python {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} cores). Medians of repeated runs; in-process figures are",
        "warm (the second and later parses in one process). Nothing here is asserted by the tests.",
        "Absolute times depend on the machine and its load (the absolute bars were set on one about",
        "twice as fast as a busy shared one); the ratios, each measured against its reference in the",
        "same run, are what to compare across machines.",
        "",
        "| measure | result | bar |",
        "|---|---|---|",
        *[f"| {a} | {b} | {c} |" for a, b, c in rows],
        "",
        "## Ratios against references (issue 12)",
        "",
        "Each pair of whole processes run in alternation in this run (A B, B A, …) after a warm-up;",
        "the ratio of their best runs, and in brackets the lowest and highest ratio of one round.",
        "",
        "| measure | ratio (round min–max) | bar |",
        "|---|---|---|",
        *[f"| {a} | {b} | {c} |" for a, b, c in ratio_rows],
        "",
        "### Start-up: what remains, and why",
        "",
        "Each step a whole process (best of 8); each includes the ones above it that it imports.",
        "",
        "| step | time | why it is there |",
        "|---|---|---|",
        *[f"| {a} | {b} | {c} |" for a, b, c in startup_rows],
        "",
        "## Per document, against the reference commit",
        "",
        f"The same documents parsed by this tree and by `{REFERENCE}` (before the real-plan work of",
        "issue 9), in separate processes of this run, alternating A B A B; best of several parses each.",
        "",
        "| document | ratio | bar |",
        "|---|---|---|",
        *[f"| {a} | {b} | {c} |" for a, b, c in reference_rows],
        "",
        "## Scaling with document size",
        "",
        "The Bến Tre plan's body repeated n times (same header). `per 1×` is time / n / time(1×): 1.00 is linear.",
        "",
        "| size | bytes | parse | per 1× |",
        "|---|---|---|---|",
        *[f"| {a} | {b} | {c} | {d} |" for a, b, c, d in scale_rows],
        "",
        f"Peak memory (max RSS) of a whole process parsing and rendering the 100× document: {peak:.0f} MiB.",
        "",
        "## Batch over a generated corpus",
        "",
        "`scripts/make_corpus.py`: plans made from the samples with other provinces, numbers and years;",
        "86% text copies, 12% Word, 2% PDF. Run with `cchc parse CORPUS -o OUT --jobs N --report r.json`.",
        "",
        "| run | result |",
        "|---|---|",
        *[f"| {a} | {b} |" for a, b in corpus_rows],
        "",
        "PDF: characters, boxes and font sizes come from pypdfium2 (readers/pdf_layer.py), table",
        "cells from the ruling lines in our own code (readers/pdf_tables.py); pdfplumber is loaded",
        "only to tell a scan from a page whose content is missing.",
        "",
    ]
    target = ROOT / "BENCHMARKS.md"
    old = target.read_text(encoding="utf-8") if target.exists() else ""
    start, end = "<!-- bounds -->", "<!-- /bounds -->"
    if start in old and end in old:  # `make bombs` writes that section: kept
        lines += ["", old[old.index(start) : old.index(end) + len(end)], ""]
    target.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
