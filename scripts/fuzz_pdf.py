"""Mutation fuzzing of the PDF reader: `python scripts/fuzz_pdf.py FILE.pdf [SEED] [COUNT]`.

Each variant of FILE (1 to 100 random bytes changed, some cut short) is parsed in its own forked
process with a 20 s alarm. A variant must parse or raise a CchcError (a named error); anything
else is a bug (printed), and a process killed by a signal (pdfium crashing) is saved as
/tmp/crashN.pdf. Prints the counts; exits 1 if there was a bug or a crash.
"""

from __future__ import annotations

import os
import random
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from cchc_cli.errors import CchcError
from cchc_cli.pipeline import parse_bytes


def variant(base: bytes, rng: random.Random) -> bytes:
    data = bytearray(base)
    for _ in range(rng.choice([1, 5, 20, 100])):
        data[rng.randrange(len(data))] = rng.randrange(256)
    if rng.random() < 0.3:
        data = data[: rng.randrange(len(data))]
    return bytes(data)


def main() -> None:
    path, seed, count = (
        sys.argv[1],
        int(sys.argv[2]) if len(sys.argv) > 2 else 1,
        int(sys.argv[3]) if len(sys.argv) > 3 else 300,
    )
    base, rng = Path(path).read_bytes(), random.Random(seed)
    counts = {"ok": 0, "named error": 0, "bug": 0, "crash": 0}
    for n in range(count):
        data = variant(base, rng)
        pid = os.fork()
        if pid == 0:
            signal.alarm(20)
            try:
                parse_bytes(data, "fuzz.pdf")
                os._exit(0)
            except CchcError:
                os._exit(1)
            except Exception as error:
                sys.stderr.write(f"bug in variant {n}: {type(error).__name__}: {error}\n")
                os._exit(3)
        _, status = os.waitpid(pid, 0)
        if os.WIFSIGNALED(status):
            counts["crash"] += 1
            Path(f"/tmp/crash{n}.pdf").write_bytes(data)
        else:
            counts[{0: "ok", 1: "named error", 3: "bug"}.get(os.WEXITSTATUS(status), "bug")] += 1
    print(", ".join(f"{k}: {v}" for k, v in counts.items()))
    sys.exit(1 if counts["bug"] or counts["crash"] else 0)


if __name__ == "__main__":
    main()
