"""`cchc parse FILE [-f FORMAT] [-o OUTPUT]`: one document to one plan, the commonest call.

The typer command (``cli.parse``) runs this for one input; so does ``entry.main`` for the
plainest forms of the call, without the CLI framework. typer and its click cost 20-30 ms of a
start, a tenth of a text parse; ``simple_parse_call`` takes only calls it reads exactly as typer
would and leaves everything else (any other option, a folder, --help, a malformed call) to
typer, so both give the same outputs, messages and exit codes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from cchc_cli.errors import EXIT_FAILED, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, CchcError

FORMATS = ("yaml", "json")
GC_THRESHOLDS = (20_000, 50, 100)  # a cchc process's collector: see prepare_process


class Refused(Exception):
    """A call that cannot run as given (exit 2); the message is shown as is."""


def simple_parse_call(args: list[str]) -> tuple[str, str | None, str | None] | None:
    """(input, -o value, -f value) of ``cchc parse`` arguments made only of one input file and
    ``-o``/``--output`` and ``-f``/``--format`` each given at most once, space- or
    ``=``-separated, with a known format; None for any other call."""
    options = {"-o": "output", "--output": "output", "-f": "format", "--format": "format"}
    found: dict[str, str] = {}
    inputs: list[str] = []
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        name, equals, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name in options:
            if not equals:
                if not rest:
                    return None
                value = rest.pop(0)
            key = options[name]
            if key in found or (value.startswith("-") and value != "-"):
                return None
            found[key] = value
        elif arg.startswith("-") and arg != "-":
            return None
        else:
            inputs.append(arg)
    if len(inputs) != 1 or found.get("format", "yaml") not in FORMATS:
        return None
    if inputs[0] != "-" and Path(inputs[0]).is_dir():
        return None  # a folder is a batch (as "" is: the current folder)
    return inputs[0], found.get("output"), found.get("format")


def one_output(source: str, raw: str | None, fmt: str | None) -> tuple[Path | None, str]:
    """Where one input's plan goes and in which format: "-o -" is stdout; "-o DIR/" (a trailing
    slash or an existing folder) a file named after the input inside it; the format from
    --format, else from the output's extension (.json, .yaml/.yml), else YAML. An output that
    is the input itself is refused: the document would be lost."""
    output = Path(raw) if raw and raw != "-" else None
    chosen = fmt
    if output is not None and chosen is None:
        chosen = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}.get(output.suffix.lower())
    chosen = chosen or "yaml"
    if output is not None and (str(raw).endswith(("/", os.sep)) or output.is_dir()):
        output = output / f"{Path(source).stem if source != '-' else 'stdin'}.{chosen}"
    same = output is not None and source != "-" and output.exists() and Path(source).exists()
    if same and output.resolve() == Path(source).resolve():  # type: ignore[union-attr]
        raise Refused(f"cchc: error: {output}: is the input itself; choose another output")
    return output, chosen


def parse_one(
    path: str, output: Path | None, fmt: str, timeout: float, debug: bool, explain: bool = False
) -> int:
    """Parse, render and write one document; the exit code."""
    from cchc_cli.batch import time_limit, write_atomic
    from cchc_cli.pipeline import parse_file
    from cchc_cli.render import render

    verdicts: list | None = [] if explain else None
    try:
        with time_limit(timeout):
            text = render(parse_file(path, verdicts), fmt)
    except Exception as error:  # every failure is one line, never a traceback
        return fail(error, path, debug)
    if verdicts is not None:
        from cchc_cli.render.explain import explain_lines

        sys.stderr.write("".join(f"{line}\n" for line in explain_lines(path, verdicts)))
        sys.stderr.flush()
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        try:
            write_atomic(output, text)
        except OSError as error:
            say(f"cchc: error: {output}: cannot write: {error.strerror or error}")
            return EXIT_FAILED
    return EXIT_OK


def run_simple(source: str, raw_output: str | None, fmt: str | None) -> int:
    """A call ``simple_parse_call`` took, run as the typer command runs it."""
    from cchc_cli.batch import DEFAULT_TIMEOUT

    try:
        output, chosen = one_output(source, raw_output, fmt)
    except Refused as refusal:
        say(str(refusal))
        return EXIT_USAGE
    return parse_one(source, output, chosen, DEFAULT_TIMEOUT, debug=False)


def fail(error: BaseException, path: str, debug: bool, code: int = EXIT_FAILED) -> int:
    """Report a failure on one line; return the exit code it deserves: ``code`` for a problem of
    the input (a CchcError), EXIT_INTERNAL for anything else (a bug)."""
    if debug:
        import traceback

        traceback.print_exception(error, file=sys.stderr)
    if isinstance(error, CchcError):
        error.path = error.path or path
        say(f"cchc: error: {terminal_safe(str(error))}")
        return code
    detail = str(error).splitlines()[0] if str(error) else ""
    say(
        terminal_safe(
            f"cchc: error: {path}: internal error ({type(error).__name__}): {detail}; rerun with --debug"
        )
    )
    return EXIT_INTERNAL


def say(message: str) -> None:
    """One line on stderr (as typer.echo writes it)."""
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def terminal_safe(text: str) -> str:
    """One line with no control characters: a file name carrying ANSI/OSC escape sequences or a
    newline is shown escaped ("\\x1b[31m"), never run by the terminal or split into two lines."""
    from cchc_cli.text import printable_name

    text = printable_name(text)
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def prepare_process() -> None:
    """What every cchc process sets up first: UTF-8 output, a collector tuned for a short
    process, and no traceback for a Ctrl-C landing in a finalizer."""
    import gc

    for stream in (sys.stdout, sys.stderr):  # plans are Vietnamese: UTF-8 whatever the locale
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    # What is loaded now lives to the end (frozen out of every collection), and collections are
    # rarer (a 100-plan YAML output spent a fifth of its time in the collector).
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    default_hook = sys.unraisablehook

    def quiet_interrupts(unraisable) -> None:
        if not isinstance(unraisable.exc_value, KeyboardInterrupt) or "--debug" in sys.argv:
            default_hook(unraisable)

    sys.unraisablehook = quiet_interrupts
