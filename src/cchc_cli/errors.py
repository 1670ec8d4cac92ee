"""The few errors a user can see. Each names its kind (used in batch summaries and reports)."""

from __future__ import annotations


class CchcError(Exception):
    """An expected failure on one input: reported as one line, never as a traceback."""

    kind = "error"

    def __init__(self, message: str, path: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class UnreadableError(CchcError):
    """The input cannot be read at all: missing, a device, a symlink loop, no permission."""

    kind = "unreadable"


class EmptyInputError(CchcError):
    kind = "empty"


class UnsupportedFormatError(CchcError):
    kind = "unsupported"


class CorruptFileError(CchcError):
    """The file claims a format but its content is broken (truncated zip, bad PDF...)."""

    kind = "corrupt"


class UnsafeFileError(CchcError):
    """The file could exhaust memory or time (zip bomb, entity expansion, too large)."""

    kind = "unsafe"


class EncryptedError(CchcError):
    """A password stands between cchc and the text (a PDF, an encrypted zip entry)."""

    kind = "encrypted"


class EncryptedPdfError(EncryptedError):
    """A PDF that needs a password."""


class ScannedPdfError(CchcError):
    kind = "scanned"


class NotAPlanError(CchcError):
    kind = "not_a_plan"


# Exit codes of the command line (documented in README).
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3  # a bug in cchc, not a problem of the input: CI can tell a crash from findings


class TimeLimitError(CchcError):
    """A document took longer than the per-document time limit."""

    kind = "timeout"


EXIT_INTERRUPTED = 130


def describe(error) -> str:
    """Every error of a pydantic ValidationError as `field.path: message`, joined (its own title
    says only "3 validation errors for Config")."""
    parts = []
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"])
        message = item["msg"].removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)  # a whole-file check names its key
    return "; ".join(parts)
