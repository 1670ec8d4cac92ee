"""The `cchc` command's entry point: what must happen before anything heavy is imported.

`cchc --version` answers without importing the CLI (typer, click, rich: ~150 ms), and the
plainest `cchc parse FILE [-f FORMAT] [-o OUTPUT]` runs without typer (``one_file``); every
command skips pydantic's plugin scan (it reads every installed package's entry points, ~25 ms,
for plugins cchc does not use; even its loader module costs 15 ms) and runs with a garbage collector tuned for a short process.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from cchc_cli import __version__

        sys.stdout.write(f"cchc {__version__}\n")
        return
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    _no_plugin_loader()
    if sys.argv[1:2] == ["parse"]:
        from cchc_cli import one_file

        call = one_file.simple_parse_call(sys.argv[2:])
        if call is not None:
            sys.exit(_run_simple(call))
    from cchc_cli.cli import main as run

    run()


def _run_simple(call: tuple[str, str | None, str | None]) -> int:
    """``cchc parse FILE [-f FORMAT] [-o OUTPUT]`` without typer (see ``one_file``), ending as
    typer ends a command: 130 on Ctrl-C, 1 when stdout is closed early, 3 on a bug."""
    from cchc_cli import one_file
    from cchc_cli.errors import EXIT_FAILED, EXIT_INTERRUPTED

    one_file.prepare_process()
    try:
        return one_file.run_simple(*call)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `cchc parse x | head`: the rest goes nowhere, quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED
    except Exception as error:  # a bug outside the per-file guard: one line, exit 3
        return one_file.fail(error, "cchc", debug=False)


def _no_plugin_loader() -> None:
    """pydantic's plugin loader imports importlib.metadata (and with it email, socket …: 13-16 ms
    of every start) even when plugins are disabled; with them disabled its one function,
    ``get_plugins``, returns nothing, so a module that says so stands in for it."""
    if (
        os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in ("__all__", "1", "true")
        or "pydantic" in sys.modules
    ):
        return
    import types

    loader = types.ModuleType("pydantic.plugin._loader")
    loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
    sys.modules.setdefault("pydantic.plugin._loader", loader)
