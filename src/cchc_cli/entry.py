"""The `cchc` command's entry point: what must happen before anything heavy is imported.

`cchc --version` answers without importing the CLI (typer, click, rich: ~150 ms); every other
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
    from cchc_cli.cli import main as run

    run()


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
