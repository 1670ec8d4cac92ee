"""Many inputs -> one output each in a folder, on every core; every file is tried, failures collected.

Each document is parsed in a worker process under a time limit and written atomically (a
temporary file renamed into place), so an interrupted or failed run never leaves half a file.
The report lists files in input order, so the same folder gives the same report and outputs.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterator
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


Exclude = Callable[[Path], bool]  # a path found in a folder -> leave it out? (--exclude, config)


def _walk(root: Path, wanted: Callable[[Path], bool], exclude: Exclude | None) -> Iterator[Path]:
    """Files under a folder in sorted order: hidden names and excluded paths left out (an
    excluded folder is not entered)."""
    for here, dirs, files in os.walk(root):
        base = Path(here)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (exclude and exclude(base / d)))
        for name in sorted(files):
            full = base / name
            if name.startswith(".") or (exclude and exclude(full)):
                continue
            if wanted(full):
                yield full


def _document(path: Path) -> bool:
    return path.name.lower().endswith(SUPPORTED)


def expand(paths: list[str], exclude: Exclude | None = None) -> list[tuple[str, Path]]:
    """Inputs -> (file, path relative to its root). Folders are walked in sorted order; a file
    named on the command line is always read (excludes apply to what a folder holds)."""
    out: list[tuple[str, Path]] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend((str(full), full.relative_to(p)) for full in _walk(p, _document, exclude))
        else:
            out.append((raw, Path(p.name)))
    return out


PLAN_FILES = (".yaml", ".yml", ".json")


def check_inputs(paths: list[str], exclude: Exclude | None = None) -> list[str]:
    """What `validate`, `check-targets` and `export` read: files as given; folders walked for
    documents and for plans written by `cchc parse` (YAML/JSON recognised by their content, so
    a folder's config or CI files are not taken for plans). No path: the current folder."""
    from cchc_cli.loader import looks_like_plan_content

    def wanted(full: Path) -> bool:
        return _document(full) or (full.name.lower().endswith(PLAN_FILES) and looks_like_plan_content(full))

    out: list[str] = []
    for raw in paths or ["."]:
        p = Path(raw)
        if p.is_dir():
            out.extend(str(full) for full in _walk(p, wanted, exclude))
        else:
            out.append(raw)
    return out


def shard(items: list, spec: str | None) -> list:
    """The K-th of N slices ("K/N", 1-based) of inputs in their (sorted) order: every N-th item
    from the K-th, so N machines each take one slice and together take every input once."""
    if not spec:
        return items
    k, n = parse_shard(spec)
    return items[k - 1 :: n]


def parse_shard(spec: str) -> tuple[int, int]:
    k_text, _, n_text = spec.partition("/")
    if not (k_text.isascii() and k_text.isdigit() and n_text.isascii() and n_text.isdigit()):
        raise ValueError(f"--shard {spec!r}: write K/N, e.g. 2/8")
    k, n = int(k_text), int(n_text)
    if not 1 <= k <= n or n > 100_000:
        raise ValueError(f"--shard {spec!r}: K must be 1..N (and N at most 100000)")
    return k, n


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
    import tempfile

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
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise TimeLimitError if the block runs longer than ``seconds`` (main thread of a process)."""
    if not seconds or not 0 < seconds < MAX_TIMEOUT or not hasattr(signal, "setitimer"):
        yield  # no limit asked for (0, inf, or more than a timer holds), or no timer (Windows)
        return

    message = f"gave up after {seconds:g} s (time limit per document; see --timeout)"
    fired = False

    def expired(signum, frame):
        nonlocal fired
        fired = True
        raise TimeLimitError(message)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if fired:  # raised where it was lost (in a finalizer, or caught by a library): still the limit
        raise TimeLimitError(message)


def work(path: str, target: str, fmt: str, timeout: float | None) -> Outcome:
    """Parse one file and write its output (runs in a worker process)."""
    from cchc_cli.pipeline import parse_file
    from cchc_cli.render import render

    start = time.perf_counter()
    outcome = Outcome(path)
    with suppress(OSError):
        outcome.bytes = os.path.getsize(path)
    try:
        with time_limit(timeout):
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


Item = tuple[int, str, str]  # (index in the input order, input path, output path)


def run(
    items: list[tuple[str, Path]],
    out_dir: Path,
    fmt: str,
    jobs: int,
    skip_existing: bool = False,
    timeout: float | None = DEFAULT_TIMEOUT,
    on_done: Callable[[Outcome], None] = lambda outcome: None,
    shard_spec: str | None = None,
) -> list[Outcome]:
    """Process every item (or the shard's slice of them); ``on_done`` is called as each finishes.
    Returns outcomes in input order. Output names are chosen over all the items before the
    slice is taken, so the shards of one archive write exactly the files one run would."""
    names = output_names(items, fmt)
    outcomes: dict[int, Outcome] = {}

    def finish(index: int, outcome: Outcome) -> None:
        outcomes[index] = outcome
        on_done(outcome)

    todo: list[Item] = []
    for index, ((path, _), name) in shard(list(enumerate(zip(items, names, strict=True))), shard_spec):
        target = out_dir / name
        if skip_existing and up_to_date(path, target):
            finish(index, Outcome(path, status="skipped", output=str(target)))
        else:
            todo.append((index, path, str(target)))
    if jobs <= 1 or len(todo) <= 1:
        for index, path, target in todo:
            finish(index, work(path, target, fmt, timeout))
    else:
        rest = todo
        while rest:
            suspects, rest = _in_pool(rest, jobs, fmt, timeout, finish)
            for item in suspects:  # alone, in a pool of its own: a file that kills its worker again fails
                if _in_pool([item], 1, fmt, timeout, finish)[0]:
                    finish(
                        item[0], Outcome(item[1], status="failed", error_kind="crashed", error=WORKER_DIED)
                    )
    return [outcomes[i] for i in sorted(outcomes)]


WORKER_DIED = "the worker process died on this file (killed, or out of memory)"


def _in_pool(
    todo: list[Item], jobs: int, fmt: str, timeout: float | None, finish: Callable[[int, Outcome], None]
) -> tuple[list[Item], list[Item]]:
    """Run items in one process pool until all are done or a worker dies (the OOM killer, kill -9).
    Returns (the items in flight when the pool broke, the items not yet started)."""
    # Imported here: a single file never needs a pool (13 ms of every start).
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(max_workers=jobs, initializer=_die_with_parent, initargs=(os.getpid(),)) as pool:
        pending: dict[Future, Item] = {}
        position = 0

        def submit() -> None:  # a few per worker in flight, not all at once
            nonlocal position
            item = todo[position]
            pending[pool.submit(work, item[1], item[2], fmt, timeout)] = item
            position += 1  # only once the pool took it: a broken pool refuses the submit

        try:
            while position < len(todo) and len(pending) < jobs * 4:
                submit()
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    item = pending.pop(future)
                    try:
                        outcome = future.result()
                    except BrokenProcessPool:
                        return [item, *pending.values()], todo[position:]
                    finish(item[0], outcome)
                    if position < len(todo):
                        submit()
        except BrokenProcessPool:
            # A worker died between a result and the next submit: what was in flight (done ones
            # not yet finished included) is retried with the rest.
            return list(pending.values()), todo[position:]
        except KeyboardInterrupt:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return [], []


def _die_with_parent(parent: int) -> None:
    """In a worker: end when the parent is gone (kill -9, or SIGTERM to it alone), instead of
    writing on and then waiting forever on a pipe nobody reads. Ctrl-C is the parent's to
    handle: it reaches the whole process group, and a worker interrupted inside a finalizer
    printed "Exception ignored ... Traceback" on the shared stderr."""
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="cchc-parent-watch", daemon=True).start()


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
