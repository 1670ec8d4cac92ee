"""Accuracy on the corpus, scored against tests/corpus/gold/ by shared/gold-conventions.md.

Writes ACCURACY.md: header fields, target F1 and task-row F1 per rendering (txt, and the Word
and PDF renderings under samples/corpus/ where they exist), and the misses per document.
Run: make accuracy
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from cchc_cli.accuracy import Score, score  # noqa: E402
from cchc_cli.errors import CchcError  # noqa: E402
from cchc_cli.pipeline import parse_bytes  # noqa: E402

GOLD = ROOT / "tests" / "corpus" / "gold"
CORPUS = ROOT / "samples" / "corpus"
FORMS = ("txt", "docx", "pdf")


def run() -> dict[str, tuple[Score, list[str]]]:
    results: dict[str, tuple[Score, list[str]]] = {}
    for form in FORMS:
        total, notes = Score(), []
        for gold_path in sorted(GOLD.glob("*.yaml")):
            gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
            source = CORPUS / Path(gold["file"]).with_suffix(f".{form}").name
            if not source.exists():
                continue
            try:
                plan = parse_bytes(source.read_bytes(), source.name)
            except CchcError as err:
                if gold["kind"] == "other":
                    notes.append(f"{source.name}: refused as expected ({err})")
                else:
                    notes.append(f"{source.name}: FAILED {err}")
                continue
            if gold["kind"] == "other":
                notes.append(f"{source.name}: parsed, but it is not a plan")
                continue
            s = score(plan, gold)
            total.add(s)
            notes += [f"{source.name}: {m}" for m in s.misses]
        results[form] = (total, notes)
    return results


def main() -> None:
    results = run()
    lines = [
        "# Accuracy on the corpus",
        "",
        "Measured by `make accuracy` (scripts/accuracy.py) against the gold files in `tests/corpus/gold/`,",
        "written by `shared/gold-conventions.md`. Bars (issue 9): header ≥ 0.95, target F1 ≥ 0.9, task rows F1 ≥ 0.95.",
        "",
        "| form | documents | header fields | target F1 | task rows F1 |",
        "|---|---|---|---|---|",
    ]
    for form, (s, _) in results.items():
        if not s.header_total:
            lines.append(f"| {form} | none yet | | | |")
            continue
        lines.append(
            f"| {form} | {sum(1 for _ in CORPUS.glob('*.' + form))} | {s.header:.3f} ({s.header_right}/{s.header_total}) "
            f"| {s.targets_f1:.3f} ({s.targets_matched} of {s.targets_predicted} found, {s.targets_gold} gold) "
            f"| {s.rows_f1:.3f} ({s.rows_matched} of {s.rows_predicted}, {s.rows_gold} gold) |"
        )
    for form, (_, notes) in results.items():
        if notes:
            lines += ["", f"## Misses ({form})", ""] + [f"- {n}" for n in notes]
    (ROOT / "ACCURACY.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[:12]))


if __name__ == "__main__":
    main()
