"""The one pipeline: file -> reader -> blocks -> normalize -> parse rules -> Plan.

Commands call ``load_plan`` and accept any input: a document (txt/html/docx/pdf, or "-" for
stdin) is parsed; a YAML/JSON file written by ``cchc parse`` is loaded and validated.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from typing import TYPE_CHECKING

from cchc_cli.errors import CchcError, CorruptFileError, EmptyInputError, UnreadableError, UnsafeFileError
from cchc_cli.models import Plan, Source
from cchc_cli.text import printable_name

if TYPE_CHECKING:
    from cchc_cli.readers.blocks import Document

MAX_INPUT_BYTES = 200 * 1024 * 1024


def read_input(path: str) -> bytes:
    """A file's bytes, at most MAX_INPUT_BYTES: regular files, stdin ("-") and pipes (as
    `<(curl ...)` gives) are read with that cap, so /dev/stdin fed forever cannot fill memory;
    a device (/dev/zero, a disk) is refused, and a FIFO nobody writes to reads as empty instead
    of waiting forever."""
    if path == "-":
        return _capped(sys.stdin.buffer, path)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise UnreadableError("is a directory (give its files, or use a folder with -o)", path)
        if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode):
            raise UnreadableError("a device, not a document", path)
        if stat.S_ISREG(info.st_mode) and info.st_size > MAX_INPUT_BYTES:
            raise UnsafeFileError(
                f"file too large ({info.st_size} bytes; the limit is {MAX_INPUT_BYTES})", path
            )
        # O_NONBLOCK: opening a FIFO does not wait for a writer; cleared again, so reads wait for
        # data from a writer that exists and a FIFO without one ends at once.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb") as handle:
            return _capped(handle, path)
    except FileNotFoundError:
        raise UnreadableError("no such file", path) from None
    except PermissionError:
        raise UnreadableError("permission denied", path) from None
    except IsADirectoryError:
        raise UnreadableError("is a directory", path) from None
    except OSError as exc:
        raise UnreadableError(f"cannot read: {exc.strerror or exc}", path) from None


def _capped(handle, path: str) -> bytes:
    data = handle.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise UnsafeFileError(f"input too large (more than {MAX_INPUT_BYTES} bytes)", path)
    return data


# Paragraphs and table rows in one document. A plan has a few thousand; a hundred plans run
# together (the benchmark's 100x plan) about 40,000. Every piece becomes objects worth about
# 2.5 KB through the parse: 9 MB of numbered lines (390,000 pieces) took 1 GB.
MAX_PIECES = 150_000


def read_document(data: bytes, name: str = "") -> Document:
    """The first two steps: the format's reader gives blocks, ``normalize_document`` cleans them."""
    from cchc_cli.normalize import normalize_document
    from cchc_cli.readers import read_bytes

    document = read_bytes(data, name)
    pieces = sum(len(b.rows) if b.rows else 1 for b in document.blocks)
    if pieces > MAX_PIECES:
        raise UnsafeFileError(
            f"{pieces:,} paragraphs and table rows, more than the {MAX_PIECES:,} a plan can have "
            "(many documents run together?)"
        )
    return normalize_document(document)


def parse_bytes(data: bytes, name: str, explain: list | None = None) -> Plan:
    """One document's bytes -> Plan; ``explain`` collects why each number was or was not a target."""
    from cchc_cli.parse import build_plan

    doc = read_document(data, name)
    source = Source(
        path=printable_name(name),
        format=doc.format,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=doc.encoding,
        encoding_fixed=doc.encoding_fixed,
    )
    return build_plan(doc, source, explain)


def _input(path: str) -> tuple[bytes, str]:
    return read_input(path), "<stdin>" if path == "-" else path


def load_plan(path: str) -> Plan:
    """Any input a command accepts: a plan written by ``cchc parse`` or a document to parse."""
    from cchc_cli.loader import load_plan_data, looks_like_plan_data

    data, name = _input(path)
    if looks_like_plan_data(data, name):
        return load_plan_data(data, name)
    return _parse(data, name)


def load_for_checks(path: str):
    """Like ``load_plan``, but a YAML/JSON plan that breaks the model gives every error (field
    path, message) and a lookup of their lines instead of failing on the first."""
    from cchc_cli.loader import looks_like_plan_data, positions, validation_errors

    data, name = _input(path)
    if looks_like_plan_data(data, name):
        return validation_errors(data, name)
    return _parse(data, name), [], positions("")


def parse_file(path: str, explain: list | None = None) -> Plan:
    """Parse one document. Every expected failure is a CchcError naming the file."""
    return _parse(*_input(path), explain)


def _parse(data: bytes, name: str, explain: list | None = None) -> Plan:
    try:
        if not data.strip():
            raise EmptyInputError("the file is empty")
        return parse_bytes(data, name, explain)
    except CchcError as exc:
        exc.path = exc.path or name
        raise
    except RecursionError:
        raise CorruptFileError("structure nested too deeply", name) from None
    except MemoryError:
        raise CorruptFileError("too large to process in memory", name) from None
    except Exception as exc:
        known = _known_cause(exc)
        if known is None:
            raise
        known.path = known.path or name
        raise known from None


def _known_cause(exc: BaseException) -> CchcError | None:
    """Our own error (a time limit firing inside pdfminer, say) wrapped by a library: unwrapped,
    so it is reported as itself, not as an internal error."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, CchcError):
            return exc
        inner = next((a for a in getattr(exc, "args", ()) if isinstance(a, CchcError)), None)
        exc = inner or exc.__cause__ or exc.__context__
        seen += 1
    return None
