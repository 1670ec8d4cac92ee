"""The `cchc` command's entry point: what must happen before anything heavy is imported.

`cchc --version` answers without importing the CLI (typer, click, rich: ~150 ms); every other
command skips pydantic's plugin scan (it reads every installed package's entry points, ~25 ms,
for plugins cchc does not use) and runs with a garbage collector tuned for a short process.
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
    from cchc_cli.cli import main as run

    run()
