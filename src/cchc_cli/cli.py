"""The command line. One thin function per command: options in, pipeline, render, exit code out."""

from __future__ import annotations

import copy
import os
import sys

# The command line uses no pydantic plugins; not scanning every installed package's entry
# points for them saves ~20 ms of start-up. (Only for the CLI process, not for library use.)
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cchc_cli import __version__
from cchc_cli.errors import EXIT_FAILED, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, CchcError
from cchc_cli.one_file import Refused, one_output, prepare_process
from cchc_cli.one_file import fail as _fail
from cchc_cli.one_file import parse_one as _parse_one
from cchc_cli.one_file import terminal_safe as _terminal_safe

app = typer.Typer(
    name="cchc",
    help="Turn Vietnamese administrative-reform plans (Kế hoạch CCHC) into validated, structured data.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)


FORMAT_FROM_EXTENSION = typer.Option(
    "--format",
    "-f",
    help="Output format (default: from the -o file's extension, else yaml).",
    show_default=False,
)


class OutputFormat(StrEnum):
    yaml = "yaml"
    json = "json"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cchc {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """cchc: plans as data. Exit codes: 0 ok, 1 an input failed, 2 usage error, 3 internal error."""


FORMAT_OPTION = typer.Option(
    "--format",
    "-f",
    help="Output format (default: text, or github inside GitHub Actions).",
    show_default=False,
)
FAIL_OPTION = typer.Option("--fail-on", help="Exit 1 when a finding is at or above this level.")
CONFIG_OPTION = typer.Option(
    "--config",
    help="Config file for every input (default: the nearest .cchc.yaml or pyproject.toml [tool.cchc] "
    "above each input, up to the repository's root).",
)
SELECT_OPTION = typer.Option(
    "--select",
    help="Only these rules: ids, prefixes (CT, VA10), names or ALL (repeat; replaces the config's).",
    metavar="RULE",
)
IGNORE_OPTION = typer.Option(
    "--ignore", help="Leave these rules out (repeat; adds to the config's).", metavar="RULE"
)
EXTEND_OPTION = typer.Option(
    "--extend-select", help="Add these rules to the selection (repeat).", metavar="RULE"
)
EXCLUDE_OPTION = typer.Option(
    "--exclude",
    help="Leave out files and folders found in folders, as .gitignore writes them (repeat; adds to the config's).",
    metavar="PATTERN",
)
FILES_ARGUMENT = typer.Argument(
    help="Plans (YAML/JSON written by cchc parse) or documents, and folders; none: the current folder.",
    show_default=False,
)


@app.command()
def parse(
    files: Annotated[
        list[str], typer.Argument(help="Plan documents (.txt .html .docx .pdf), folders, or - for stdin.")
    ],
    output_text: Annotated[
        str | None,
        typer.Option(
            "-o",
            "--output",
            help="Output file (one input; - for stdout; DIR/ for a file inside) or folder (several).",
        ),
    ] = None,
    fmt_option: Annotated[
        OutputFormat | None,
        FORMAT_FROM_EXTENSION,
    ] = None,
    jobs: Annotated[
        int,
        typer.Option("--jobs", "-j", min=0, help="Worker processes (0: one per core; at most one per core)."),
    ] = 0,
    skip_existing: Annotated[
        bool,
        typer.Option("--skip-existing", help="Skip inputs whose output is newer than the input (resume)."),
    ] = False,
    report: Annotated[
        Path | None, typer.Option("--report", help="Write a JSON report of every file (batch).")
    ] = None,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0, help="Seconds one document may take (0: no limit).")
    ] = 120.0,
    exclude: Annotated[list[str] | None, EXCLUDE_OPTION] = None,
    shard: Annotated[
        str | None,
        typer.Option(
            "--shard",
            help="Take only the K-th of N slices of the inputs (K/N, e.g. 3/8), for N machines or array jobs.",
            metavar="K/N",
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Say on stderr why each number was taken as a target, a result, or neither (one input).",
        ),
    ] = False,
) -> None:
    """Parse plans into the Plan model, written as YAML (default) or JSON.

    One input goes to stdout (or -o FILE); several inputs or folders go to one output each in
    the folder -o OUT, in parallel. Exit codes: 0 ok, 1 an input failed, 2 usage error, 130 interrupted.
    """
    from cchc_cli.batch import expand

    if debug:  # library warnings (pdfminer's) are shown only here
        import logging

        logging.getLogger("pdfminer").setLevel(logging.WARNING)
    output = Path(output_text) if output_text else None
    batch = len(files) > 1 or any(Path(f).is_dir() for f in files if f != "-") or shard is not None
    if shard is not None:
        from cchc_cli.batch import parse_shard

        try:
            parse_shard(shard)
        except ValueError as error:
            typer.echo(f"cchc: error: {error}", err=True)
            raise typer.Exit(EXIT_USAGE) from None
    if not batch:
        try:
            target, chosen = one_output(files[0], output_text, fmt_option.value if fmt_option else None)
        except Refused as refusal:
            typer.echo(str(refusal), err=True)
            raise typer.Exit(EXIT_USAGE) from None
        raise typer.Exit(_parse_one(files[0], target, chosen, timeout, debug, explain))
    fmt = fmt_option or OutputFormat.yaml
    if explain:
        typer.echo("cchc: error: --explain takes one input", err=True)
        raise typer.Exit(EXIT_USAGE)
    if "-" in files:
        typer.echo("cchc: error: stdin (-) cannot be mixed with other inputs", err=True)
        raise typer.Exit(EXIT_USAGE)
    if output is None:
        typer.echo("cchc: error: several inputs need an output folder: -o OUT", err=True)
        raise typer.Exit(EXIT_USAGE)
    if output.exists() and not output.is_dir():
        typer.echo(f"cchc: error: {output}: exists and is not a folder", err=True)
        raise typer.Exit(EXIT_USAGE)
    cores = os.cpu_count() or 1
    workers = min(jobs, cores) if jobs else cores  # more processes than cores only wait on each other
    configs = _configs(None, None, None, None, debug)
    items = expand(files, _excluder(configs, exclude))
    raise typer.Exit(_parse_many(items, output, fmt.value, workers, skip_existing, report, timeout, shard))


def _parse_many(
    items: list,
    out_dir: Path,
    fmt: str,
    jobs: int,
    skip_existing: bool,
    report: Path | None,
    timeout: float,
    shard: str | None = None,
) -> int:
    import json
    import time

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table
    from rich.text import Text

    from cchc_cli import batch
    from cchc_cli.errors import EXIT_INTERRUPTED

    console = Console(stderr=True)
    interactive = console.is_terminal
    progress = Progress(
        TextColumn("[bold]parsing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} files/s"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not interactive,
    )
    start = time.perf_counter()

    with progress:
        from cchc_cli.batch import shard as slice_of

        task = progress.add_task("", total=len(slice_of(items, shard)), rate="-")

        def done(outcome: batch.Outcome) -> None:
            elapsed = time.perf_counter() - start
            progress.update(task, advance=1, rate=f"{progress.tasks[0].completed / max(elapsed, 1e-9):.1f}")
            if outcome.status == "failed":
                typer.echo(f"cchc: error: {outcome.path}: {outcome.error}", err=True)
            elif not interactive:  # plain lines in CI logs
                typer.echo(
                    f"{outcome.status}: {outcome.path}" + (f" -> {outcome.output}" if outcome.output else ""),
                    err=True,
                )

        try:
            outcomes = batch.run(items, out_dir, fmt, jobs, skip_existing, timeout or None, done, shard)
        except KeyboardInterrupt:
            console.print("interrupted: finished files are complete; no half-written file was left")
            return EXIT_INTERRUPTED
    data = batch.report_data(outcomes, time.perf_counter() - start, jobs)
    report_failed = False
    if report is not None:
        try:  # the summary below is printed whatever happens here; the failure is the run's error
            batch.write_atomic(report, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        except OSError as error:
            typer.echo(f"cchc: error: {report}: cannot write the report: {error.strerror or error}", err=True)
            report_failed = True
    if interactive or len(outcomes) <= 50:
        table = Table(title=f"cchc parse: {len(outcomes)} files")
        for column in ("file", "status", "targets", "tasks", "output / error"):
            table.add_column(column, overflow="fold")
        for o in outcomes:
            status = {"ok": "[green]ok[/]", "skipped": "[dim]skipped[/]"}.get(
                o.status, f"[red]failed ({o.error_kind})[/]"
            )
            table.add_row(  # names and messages are user text, never console markup
                Text(batch.printable(o.path)),
                status,
                str(o.targets) if o.status == "ok" else "",
                str(o.tasks) if o.status == "ok" else "",
                Text(batch.printable(o.output or o.error or "")),
            )
        console.print(table)
    summary = data["summary"]
    kinds = ", ".join(f"{k}: {v}" for k, v in summary["failed_by_kind"].items())
    console.print(
        f"{summary['ok']} ok, {summary['failed']} failed"
        + (f" ({kinds})" if kinds else "")
        + f", {summary['skipped']} skipped in {summary['seconds']} s"
        + (f" ({summary['files_per_second']} files/s)" if summary["files_per_second"] else "")
    )
    if summary["failed_by_kind"].get("internal"):
        return EXIT_INTERNAL  # a bug hit at least one file: not the inputs' fault
    if report_failed:
        return EXIT_USAGE
    return EXIT_FAILED if summary["failed"] else EXIT_OK


class DiffFormat(StrEnum):
    table = "table"
    json = "json"
    yaml = "yaml"
    markdown = "markdown"


class FailOn(StrEnum):
    any = "any"
    lowered = "lowered"


@app.command()
def diff(
    old: Annotated[
        str, typer.Argument(help="Last year's plan: a YAML/JSON plan or any document cchc parse reads.")
    ],
    new: Annotated[str, typer.Argument(help="This year's plan, likewise.")],
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f", help="Output format.")] = DiffFormat.table,
    fail_on: Annotated[
        FailOn,
        typer.Option(
            "--fail-on", help="any: exit 1 on any difference; lowered: only on a lowered or removed target."
        ),
    ] = FailOn.any,
    threshold: Annotated[
        float,
        typer.Option("--threshold", min=0, max=100, help="Similarity (0-100) two targets need to be paired."),
    ] = 75.0,
    timeout: Annotated[float, TIMEOUT_OPTION] = 120.0,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
) -> None:
    """Show what changed between two plans: targets raised, lowered, reworded, added or removed;
    tasks; metadata; sections. Exit codes as diff(1): 0 nothing to report, 1 differences (with
    --fail-on lowered: only a lowered or removed target), 2 an unreadable input or a usage error.
    """
    from cchc_cli.diff import diff_plans
    from cchc_cli.pipeline import load_plan
    from cchc_cli.render.diff import print_table, render_diff

    plans = []
    for path in (old, new):
        try:
            plans.append(_timed(load_plan, path, timeout))
        except Exception as error:
            raise typer.Exit(_fail(error, path, debug, EXIT_USAGE)) from None
    try:
        with _limit(timeout):
            result = diff_plans(plans[0], plans[1], target_threshold=threshold)
    except CchcError as error:  # too many items to pair, or the time limit
        raise typer.Exit(_fail(error, f"{old} -> {new}", debug, EXIT_USAGE)) from None
    if fmt == DiffFormat.table:
        print_table(result, old, new)
    else:
        sys.stdout.write(render_diff(result, fmt.value))
    failed = result.has_backsliding() if fail_on == FailOn.lowered else not result.is_empty()
    raise typer.Exit(EXIT_FAILED if failed else EXIT_OK)


class CheckFormat(StrEnum):
    text = "text"
    concise = "concise"
    json = "json"
    github = "github"
    junit = "junit"
    sarif = "sarif"


class Level(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


def _report(findings, files: list[str], rules, fmt: CheckFormat | None, failing) -> int:
    """Print the findings; exit 1 when `failing(finding)` holds for one (its config's --fail-on)."""
    from cchc_cli.render import findings as out

    if fmt is None:  # in a GitHub Actions job, annotations on the pull request; else for people
        fmt = CheckFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else CheckFormat.text
    findings = out.sort_findings(findings, files)
    if fmt == CheckFormat.text:
        out.print_text(findings, files)
    elif fmt == CheckFormat.concise:
        sys.stdout.write(out.to_concise(findings))
    elif fmt == CheckFormat.json:
        sys.stdout.write(out.to_json(findings))
    elif fmt == CheckFormat.github:
        sys.stdout.write(out.to_github(findings))
    elif fmt == CheckFormat.junit:
        sys.stdout.write(out.to_junit(findings, files, rules))
    else:
        sys.stdout.write(out.to_sarif(findings, rules))
    return EXIT_FAILED if any(failing(f) for f in findings) else EXIT_OK


TIMEOUT_OPTION = typer.Option(
    "--timeout", min=0, help="Seconds one document may take to read and parse (0: no limit)."
)


def _limit(seconds: float):
    from cchc_cli.batch import time_limit

    return time_limit(seconds or None)


def _timed(load, path: str, seconds: float):
    """load(path) under the per-document time limit: every command, not only parse, is bounded."""
    with _limit(seconds):
        return load(path)


def _configs(config: str | None, select, ignore, extend_select, debug: bool):
    """The config of each input (see checks.config.Configs); a bad one ends the run: exit 2."""
    from cchc_cli.checks.config import Configs

    try:
        return Configs(config, select=select, ignore=ignore, extend_select=extend_select)
    except CchcError as error:
        raise typer.Exit(_fail(error, "", debug, EXIT_USAGE)) from None


def _inputs(files: list[str] | None, configs, exclude: list[str] | None, debug: bool) -> list[str]:
    """Files as given, folders walked; left out: what --exclude or the nearest config excludes."""
    from cchc_cli.batch import check_inputs

    try:
        return check_inputs(files or [], _excluder(configs, exclude))
    except CchcError as error:  # a broken config met on the way down
        raise typer.Exit(_fail(error, "", debug, EXIT_USAGE)) from None


def _excluder(configs, exclude: list[str] | None):
    """path -> leave it out? --exclude (from the current folder) or the nearest config's exclude."""
    from cchc_cli.checks.config import exclusion

    by_flag = exclusion(exclude, Path.cwd()) if exclude else None

    def excluded(path: Path) -> bool:
        return bool(by_flag and by_flag(path)) or configs.for_path(path).excluded(path)

    return excluded


def _check_all(
    inputs: list[str], command: str, configs, debug: bool, prepare=None, timeout: float = 120.0
) -> tuple[list, bool]:
    """Every input tried, in order: (findings, whether cchc itself failed on one).

    An input that cannot be read or parsed is an IO100 finding, a plan file that breaks the model
    gives VA100 findings, and the run goes on with the next input. `prepare(ctx, config)` adds
    what check-targets needs (floors, last year's plan)."""
    from cchc_cli.checks import Context, run_rules
    from cchc_cli.pipeline import load_for_checks

    findings, crashed = [], False
    for path in inputs:
        try:
            config = configs.for_path(path)
            try:
                plan, errors, where = _timed(load_for_checks, path, timeout)
                ctx = Context(plan=plan, file=path, positions=where, load_errors=errors)
            except CchcError as error:
                ctx = Context(plan=None, file=path, read_error=error.message)
            if ctx.plan is not None and prepare is not None:
                prepare(ctx, config)  # a bad baseline is the run's error, not the input's
            findings += run_rules(ctx, command, config)
        except CchcError as error:  # a broken config or baseline: the run's error
            raise typer.Exit(_fail(error, path, debug, EXIT_USAGE)) from None
        except Exception as error:  # a bug: one line, exit 3 at the end, the other inputs still checked
            crashed = _fail(error, path, debug) == EXIT_INTERNAL or crashed
    return findings, crashed


def _failing(configs, fail_on: Level | None):
    from cchc_cli.checks.base import SEVERITY_RANK

    def failing(finding) -> bool:
        level = fail_on.value if fail_on else configs.for_path(finding.file).fail_on
        return SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[level]

    return failing


@app.command()
def validate(
    files: Annotated[list[str] | None, FILES_ARGUMENT] = None,
    fmt: Annotated[CheckFormat | None, FORMAT_OPTION] = None,
    fail_on: Annotated[Level | None, FAIL_OPTION] = None,
    config: Annotated[str | None, CONFIG_OPTION] = None,
    select: Annotated[list[str] | None, SELECT_OPTION] = None,
    ignore: Annotated[list[str] | None, IGNORE_OPTION] = None,
    extend_select: Annotated[list[str] | None, EXTEND_OPTION] = None,
    exclude: Annotated[list[str] | None, EXCLUDE_OPTION] = None,
    timeout: Annotated[float, TIMEOUT_OPTION] = 120.0,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
) -> None:
    """Check plans against the model (field path, line and column of every error) and for
    structural slips: numbering gaps, STT sequence, shares outside 0-100, year vs date, empty
    fields, duplicates, tasks without a lead, deadlines outside the plan year. Every input is
    tried; one that cannot be read is an IO100 finding.
    Exit codes: 0 nothing at or above --fail-on (default error), 1 findings, 2 usage error, 3 internal error.
    """
    from cchc_cli.checks.rules import all_rules

    configs = _configs(config, select, ignore, extend_select, debug)
    inputs = _inputs(files, configs, exclude, debug)
    findings, crashed = _check_all(inputs, "validate", configs, debug, timeout=timeout)
    rules = [r for r in all_rules() if r.runs_in("validate")]
    code = _report(findings, inputs, rules, fmt, _failing(configs, fail_on))
    raise typer.Exit(EXIT_INTERNAL if crashed else code)


def _last_year(previous: list[str], inputs: int, timeout: float = 120.0):
    """--previous read: one plan for one input, or plans and folders indexed by maker and year."""
    from cchc_cli.batch import check_inputs
    from cchc_cli.checks.pairing import LastYear
    from cchc_cli.pipeline import load_plan

    if not previous:
        return LastYear()
    files = check_inputs(previous)
    if not files:
        raise CchcError("--previous: no plan or document found", " ".join(previous))
    single = len(previous) == 1 and not Path(previous[0]).is_dir() and inputs <= 1
    return LastYear.index_of([(path, _timed(load_plan, path, timeout)) for path in files], single)


@app.command("check-targets")
def check_targets(
    files: Annotated[list[str] | None, FILES_ARGUMENT] = None,
    baseline: Annotated[
        list[str] | None,
        typer.Option(
            "--baseline", help="'national' or a baseline YAML file; repeat to combine.", metavar="NAME|FILE"
        ),
    ] = None,
    previous: Annotated[
        list[str] | None,
        typer.Option(
            "--previous",
            help="Last year's plan (one input), or plans and folders: each input is paired with the "
            "plan of its province for the year before (repeat).",
            metavar="PLAN|FOLDER",
        ),
    ] = None,
    fmt: Annotated[CheckFormat | None, FORMAT_OPTION] = None,
    fail_on: Annotated[Level | None, FAIL_OPTION] = None,
    config: Annotated[str | None, CONFIG_OPTION] = None,
    select: Annotated[list[str] | None, SELECT_OPTION] = None,
    ignore: Annotated[list[str] | None, IGNORE_OPTION] = None,
    extend_select: Annotated[list[str] | None, EXTEND_OPTION] = None,
    exclude: Annotated[list[str] | None, EXCLUDE_OPTION] = None,
    timeout: Annotated[float, TIMEOUT_OPTION] = 120.0,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
) -> None:
    """Lint plans' targets: below a national (or your) floor, lowered or dropped against last
    year, reform areas left empty, aims without numbers, outdated measures. Every input is tried;
    one that cannot be read is an IO100 finding. `cchc rules` lists the rules.
    Exit codes: 0 nothing at or above --fail-on (default error), 1 findings, 2 usage error, 3 internal error.
    """
    from cchc_cli.checks.baselines import floors_in_force, load_baseline
    from cchc_cli.checks.rules import all_rules

    configs = _configs(config, select, ignore, extend_select, debug)
    inputs = _inputs(files, configs, exclude, debug)
    try:
        last_year = _last_year(previous or [], len(inputs), timeout)
    except CchcError as error:
        raise typer.Exit(_fail(error, "", debug, EXIT_USAGE)) from None
    loaded: dict[tuple[str, ...], list] = {}

    def prepare(ctx, settings) -> None:
        names = tuple(baseline or settings.baseline_paths())
        if names not in loaded:
            loaded[names] = [f for name in names for f in load_baseline(name)]
        ctx.floors = floors_in_force(loaded[names], ctx.plan.metadata.plan_year)
        ctx.previous = last_year.of(ctx.plan, ctx.file)

    findings, crashed = _check_all(inputs, "check-targets", configs, debug, prepare, timeout)
    for note in last_year.notes:
        typer.echo(f"cchc: note: {_terminal_safe(note)}", err=True)
    rules = [r for r in all_rules() if r.runs_in("check-targets")]
    code = _report(findings, inputs, rules, fmt, _failing(configs, fail_on))
    raise typer.Exit(EXIT_INTERNAL if crashed else code)


class RulesFormat(StrEnum):
    text = "text"
    json = "json"


@app.command("rules")
def list_rules(
    fmt: Annotated[RulesFormat, typer.Option("--format", "-f", help="Output format.")] = RulesFormat.text,
) -> None:
    """List every rule of `validate` and `check-targets`: id, default severity, the command that
    runs it, what it checks, and its options with their defaults (set them in .cchc.yaml)."""
    import json

    from cchc_cli.checks.rules import all_rules

    if fmt == RulesFormat.json:
        data = [
            {
                "id": rule.id,
                "name": rule.name,
                "severity": rule.severity,
                "command": rule.group,
                "summary": rule.summary,
                "fix": rule.fix,
                "options": {
                    name: {"default": option.default, "type": option.type_name(), "help": option.help}
                    for name, option in rule.options.items()
                },
            }
            for rule in all_rules()
        ]
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return
    for rule in all_rules():
        typer.echo(f"{rule.id}  {rule.severity:<7}  {rule.group:<13}  {rule.name}: {rule.summary}")
        for name, option in rule.options.items():
            default = option.default.isoformat() if hasattr(option.default, "isoformat") else option.default
            typer.echo(f"       {name} = {default!r}  ({option.type_name()}): {option.help}")


class Lang(StrEnum):
    vi = "vi"
    en = "en"


LANG_OPTION = typer.Option(
    "--lang",
    help="Language of labels, area names and headings (xlsx, markdown, report); csv/json/yaml keep codes.",
)


class ExportFormat(StrEnum):
    yaml = "yaml"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"
    markdown = "markdown"


class What(StrEnum):
    all = "all"
    targets = "targets"
    tasks = "tasks"
    references = "references"


_EXPORT_BY_SUFFIX = {
    ".yaml": ExportFormat.yaml,
    ".yml": ExportFormat.yaml,
    ".json": ExportFormat.json,
    ".csv": ExportFormat.csv,
    ".xlsx": ExportFormat.xlsx,
    ".md": ExportFormat.markdown,
}


@app.command()
def export(
    files: Annotated[
        list[str] | None,
        typer.Argument(
            help="Plans: YAML/JSON, or any document cchc parse reads; folders too; none: the current folder.",
            show_default=False,
        ),
    ] = None,
    fmt_option: Annotated[
        ExportFormat | None,
        FORMAT_FROM_EXTENSION,
    ] = None,
    what: Annotated[What, typer.Option("--what", help="Which table (csv, xlsx, markdown).")] = What.all,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Output file (a folder for csv --what all).")
    ] = None,
    raw_cells: Annotated[
        bool,
        typer.Option(
            "--raw-cells",
            help="CSV: write text starting with = + - @ as it is (by default it gets a leading ' so "
            "a spreadsheet never runs it as a formula).",
        ),
    ] = False,
    lang: Annotated[Lang, LANG_OPTION] = Lang.vi,
    exclude: Annotated[list[str] | None, EXCLUDE_OPTION] = None,
    timeout: Annotated[float, TIMEOUT_OPTION] = 120.0,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
) -> None:
    """Plan data in the forms people open: the full Plan as YAML/JSON, or flat tables of
    targets, tasks and references as CSV (UTF-8 with BOM, for Excel), an Excel workbook
    (one sheet per table plus the plans' metadata) or Markdown. Several plans make one table
    with a `source` column. Exit codes: 0 ok, 1 an input failed, 2 usage error.
    """
    from cchc_cli.batch import check_inputs, write_atomic
    from cchc_cli.pipeline import load_plan
    from cchc_cli.render import render, tables

    fmt = fmt_option or _EXPORT_BY_SUFFIX.get(output.suffix.lower() if output else "", ExportFormat.yaml)
    if output is not None and str(output) == "-":
        output = None  # "-o -": standard output (the text formats)
    # Folders are walked for documents and for the plans `cchc parse` wrote (by content).
    paths = check_inputs(files, _excluder(_configs(None, None, None, None, debug), exclude))
    if not paths:
        typer.echo(f"cchc: error: {' '.join(files or ['.'])}: no plan or document to export", err=True)
        raise typer.Exit(EXIT_USAGE)
    if fmt in (ExportFormat.yaml, ExportFormat.json) and len(paths) != 1:
        typer.echo(
            "cchc: error: yaml/json export takes one plan (use cchc parse -o DIR for several)", err=True
        )
        raise typer.Exit(EXIT_USAGE)
    if fmt == ExportFormat.xlsx and output is None:
        typer.echo("cchc: error: xlsx needs an output file: -o plans.xlsx", err=True)
        raise typer.Exit(EXIT_USAGE)
    if fmt == ExportFormat.csv and what == What.all and output is None:
        typer.echo(
            "cchc: error: csv --what all writes three files: give a folder with -o, or choose --what",
            err=True,
        )
        raise typer.Exit(EXIT_USAGE)
    plans, failed = [], EXIT_OK
    for path in paths:
        try:
            plans.append(_timed(load_plan, path, timeout))
        except Exception as error:
            failed = max(failed, _fail(error, path, debug))
    whats = ["targets", "tasks", "references"] if what == What.all else [what.value]
    try:
        if fmt in (ExportFormat.yaml, ExportFormat.json):
            if plans:
                _emit(render(plans[0], fmt.value), output)
        elif fmt == ExportFormat.csv:
            if what == What.all:
                for name in whats:
                    write_atomic(output / f"{name}.csv", tables.to_csv(plans, name, raw_cells))  # type: ignore[operator]
            else:
                _emit(tables.to_csv(plans, what.value, raw_cells), output)
        elif fmt == ExportFormat.markdown:
            _emit(tables.to_markdown(plans, whats, lang.value), output)
        else:
            assert output is not None
            write_atomic(output, tables.to_xlsx(plans, whats, lang.value))
    except OSError as error:
        typer.echo(f"cchc: error: {output}: cannot write: {error.strerror or error}", err=True)
        raise typer.Exit(EXIT_FAILED) from None
    raise typer.Exit(failed)


@app.command()
def report(
    file: Annotated[str, typer.Argument(help="A plan: YAML/JSON, or any document cchc parse reads.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")] = Path(
        "report.html"
    ),
    lang: Annotated[Lang, LANG_OPTION] = Lang.vi,
    timeout: Annotated[float, TIMEOUT_OPTION] = 120.0,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
) -> None:
    """One self-contained HTML page of a plan (no network): header card, targets by reform area
    drawn against the national floor, the task table with a timeline by quarter, references,
    each item linked to its source location. Prints on A4. Exit codes: 0 ok, 1 input failed.
    """
    from cchc_cli.pipeline import load_plan
    from cchc_cli.render.report import render_report

    try:
        html = render_report(_timed(load_plan, file, timeout), lang.value)
    except Exception as error:
        raise typer.Exit(_fail(error, file, debug)) from None
    _emit(html, output)


def _emit(text: str, output: Path | None) -> None:
    from cchc_cli.batch import write_atomic

    if output is None:
        sys.stdout.write(text)
    else:
        write_atomic(output, text)


# Names shown for values in --help where typer would show a Python type ("<list[str]>", "<float range>").
METAVARS = {
    "output": "FILE",
    "config": "FILE",
    "output_text": "FILE",
    "report": "FILE",
    "jobs": "N",
    "timeout": "SECONDS",
    "threshold": "SCORE",
}


def _readable_metavars(command) -> None:
    for param in getattr(command, "params", []):
        if param.param_type_name == "argument":  # its name (FILES..., OLD) says it; no "<list[str]>"
            param.display_type_rich = lambda ctx: None
        elif getattr(param, "metavar", None) is None and param.name in METAVARS:
            param.metavar = METAVARS[param.name]
    for sub in getattr(command, "commands", {}).values():
        _readable_metavars(sub)


def _app_for(args: list[str]) -> typer.Typer:
    """The app holding only the command the arguments name: typer builds the parameters of
    every command it holds (about 15 ms of a start) before it runs one. With no command, a
    misspelt one or the app's own --help, the whole app (its help and errors list them all)."""
    name = next((a for a in args if not a.startswith("-")), None)
    chosen = [
        info
        for info in app.registered_commands
        if name is not None and (info.name or info.callback.__name__.lower().replace("_", "-")) == name
    ]
    if not chosen:
        return app
    narrow = copy.copy(app)
    narrow.registered_commands = chosen
    return narrow


def main() -> None:
    prepare_process()
    try:
        command = typer.main.get_command(_app_for(sys.argv[1:]))
        _readable_metavars(command)
        command(prog_name="cchc")
    except Exception as error:  # a bug outside every per-file guard: still one line, exit 3
        sys.exit(_fail(error, "cchc", "--debug" in sys.argv))
