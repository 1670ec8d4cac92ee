"""Many inputs -> one output each in a folder, on every core; every file is tried, failures collected.

Each document is parsed in a worker process under a time limit and written atomically (a
temporary file renamed into place), so an interrupted or failed run never leaves half a file.
The report lists files in input order, so the same folder gives the same report and outputs.
"""

from __future__ import annotations

import os
import signal
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass
from pathlib import Path

from cchc_cli.errors import CchcError, TimeLimitError
from cchc_cli.text import printable_name

SUPPORTED = (".txt", ".text", ".htm", ".html", ".docx", ".pdf")
DEFAULT_TIMEOUT = 120.0  # seconds for one document


@dataclass
class Outcome:
    path: str
    status: str = "ok"  # ok | failed | skipped
    output: str | None = None
    error_kind: str | None = None
    error: str | None = None
    targets: int = 0
    tasks: int = 0
    seconds: float = 0.0
    bytes: int = 0


def expand(paths: list[str]) -> list[tuple[str, Path]]:
    """Inputs -> (file, path relative to its root). Folders are walked in sorted order."""
    out: list[tuple[str, Path]] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and name.lower().endswith(SUPPORTED):
                        full = Path(root) / name
                        out.append((str(full), full.relative_to(p)))
        else:
            out.append((raw, Path(p.name)))
    return out


PLAN_FILES = (".yaml", ".yml", ".json")


def check_inputs(paths: list[str]) -> list[str]:
    """What `validate` and `check-targets` read: files as given; folders walked for documents and
    for plans written by `cchc parse` (YAML/JSON recognised by their content, so a folder's
    config or CI files are not taken for plans). No path: the current folder."""
    from cchc_cli.loader import looks_like_plan_content

    out: list[str] = []
    for raw in paths or ["."]:
        p = Path(raw)
        if not p.is_dir():
            out.append(raw)
            continue
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                full = Path(root) / name
                lower = name.lower()
                if name.startswith("."):
                    continue
                if lower.endswith(SUPPORTED) or (
                    lower.endswith(PLAN_FILES) and looks_like_plan_content(full)
                ):
                    out.append(str(full))
    return out


def output_names(items: list[tuple[str, Path]], fmt: str) -> list[Path]:
    """One output name per input, unique by construction (checked before anything is written):
    "plan.yaml"; where two inputs would share it, "plan.docx.yaml" (the input's own extension
    kept); where they still would (two folders or two files with the same relative name),
    "plan.txt.2.yaml", "plan.txt.3.yaml"... in input order. Names are compared ignoring case,
    as macOS and Windows file systems do."""

    def key(name: Path) -> str:
        return str(name).casefold()

    names = [rel.with_suffix(f".{fmt}") for _, rel in items]
    counts: dict[str, int] = {}
    for name in names:
        counts[key(name)] = counts.get(key(name), 0) + 1
    names = [
        name if counts[key(name)] == 1 else rel.with_name(f"{rel.name}.{fmt}")
        for name, (_, rel) in zip(names, items, strict=True)
    ]
    taken: set[str] = set()
    unique: list[Path] = []
    for name in names:
        candidate, n = name, 1
        while key(candidate) in taken:
            n += 1
            candidate = name.with_name(f"{name.name[: -len(fmt) - 1]}.{n}.{fmt}")
        taken.add(key(candidate))
        unique.append(candidate)
    return unique


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write through a temporary file and rename, so a reader never sees half a file.

    The file gets the mode a plain write would give it (an existing file's, else 0666 less the
    umask: a temporary file is 0600), and a symlink is written through to its target, not
    replaced by a file."""
    if path.is_symlink():
        path = path.resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as handle:
                handle.write(text)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


MAX_TIMEOUT = 10.0**7  # seconds (about 4 months): any longer limit, and inf, means none


@contextmanager
def time_limit(seconds: float | None, what: str) -> Iterator[None]:
    """Raise TimeLimitError if the block runs longer than ``seconds`` (main thread of a process)."""
    if not seconds or not 0 < seconds < MAX_TIMEOUT or not hasattr(signal, "setitimer"):
        yield  # no limit asked for (0, inf, or more than a timer holds), or no timer (Windows)
        return

    def expired(signum, frame):
        raise TimeLimitError(f"gave up after {seconds:g} s (time limit per document; see --timeout)")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def work(path: str, target: str, fmt: str, timeout: float | None) -> Outcome:
    """Parse one file and write its output (runs in a worker process)."""
    from cchc_cli.pipeline import parse_file
    from cchc_cli.render import render

    start = time.perf_counter()
    outcome = Outcome(path)
    with suppress(OSError):
        outcome.bytes = os.path.getsize(path)
    try:
        with time_limit(timeout, path):
            plan = parse_file(path)
            text = render(plan, fmt)
        write_atomic(Path(target), text)
        outcome.output, outcome.targets, outcome.tasks = target, len(plan.targets), len(plan.tasks)
    except CchcError as error:
        outcome.status, outcome.error_kind, outcome.error = "failed", error.kind, error.message
    except OSError as error:
        outcome.status, outcome.error_kind = "failed", "write"
        outcome.error = f"cannot write {target}: {error.strerror or error}"
    except Exception as error:  # a bug: reported as one line, the batch goes on
        outcome.status, outcome.error_kind = "failed", "internal"
        outcome.error = f"internal error: {type(error).__name__}: {error}"
    outcome.seconds = round(time.perf_counter() - start, 4)
    return outcome


def up_to_date(source: str, target: Path) -> bool:
    try:
        return target.stat().st_mtime >= Path(source).stat().st_mtime
    except OSError:
        return False


def run(
    items: list[tuple[str, Path]],
    out_dir: Path,
    fmt: str,
    jobs: int,
    skip_existing: bool = False,
    timeout: float | None = DEFAULT_TIMEOUT,
    on_done: Callable[[Outcome], None] = lambda outcome: None,
) -> list[Outcome]:
    """Process every item; ``on_done`` is called as each finishes. Returns outcomes in input order."""
    names = output_names(items, fmt)
    outcomes: dict[int, Outcome] = {}
    todo: list[tuple[int, str, str]] = []
    for index, ((path, _), name) in enumerate(zip(items, names, strict=True)):
        target = out_dir / name
        if skip_existing and up_to_date(path, target):
            outcomes[index] = Outcome(path, status="skipped", output=str(target))
            on_done(outcomes[index])
        else:
            todo.append((index, path, str(target)))
    if jobs <= 1 or len(todo) <= 1:
        for index, path, target in todo:
            outcomes[index] = work(path, target, fmt, timeout)
            on_done(outcomes[index])
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            pending: dict[Future, int] = {}
            queue = iter(todo)
            try:
                for index, path, target in queue:  # keep a few per worker in flight, not all at once
                    pending[pool.submit(work, path, target, fmt, timeout)] = index
                    if len(pending) >= jobs * 4:
                        break
                while pending:
                    done, _ = wait(pending, return_when=FIRST_COMPLETED)
                    for future in done:
                        index = pending.pop(future)
                        outcomes[index] = future.result()
                        on_done(outcomes[index])
                        nxt = next(queue, None)
                        if nxt is not None:
                            pending[pool.submit(work, nxt[1], nxt[2], fmt, timeout)] = nxt[0]
            except KeyboardInterrupt:
                pool.shutdown(wait=True, cancel_futures=True)
                raise
    return [outcomes[i] for i in sorted(outcomes)]


def report_data(outcomes: list[Outcome], seconds: float, jobs: int) -> dict:
    kinds: dict[str, int] = {}
    for o in outcomes:
        if o.status == "failed":
            kinds[o.error_kind or "error"] = kinds.get(o.error_kind or "error", 0) + 1
    processed = [o for o in outcomes if o.status != "skipped"]
    return {
        "summary": {
            "files": len(outcomes),
            "ok": sum(o.status == "ok" for o in outcomes),
            "failed": sum(o.status == "failed" for o in outcomes),
            "skipped": sum(o.status == "skipped" for o in outcomes),
            "failed_by_kind": dict(sorted(kinds.items())),
            "jobs": jobs,
            "seconds": round(seconds, 3),
            "files_per_second": round(len(processed) / seconds, 2) if seconds else None,
            "megabytes_per_second": round(sum(o.bytes for o in processed) / 1e6 / seconds, 3)
            if seconds
            else None,
        },
        "files": [{k: printable(v) for k, v in asdict(o).items()} for o in outcomes],
    }


def printable(value):
    """Strings as ``text.printable_name`` writes them (the report must stay valid UTF-8 JSON)."""
    return printable_name(value) if isinstance(value, str) else value
