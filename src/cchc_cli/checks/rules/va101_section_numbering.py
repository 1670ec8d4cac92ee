"""Section numbers among siblings skip or repeat (I, II, IV; 1, 2, 2; a, b, d)."""

from __future__ import annotations

from cchc_cli.checks.rules import Problem, rule
from cchc_cli.text import is_roman, roman_value, small_number

# Vietnamese lists letter items a b c d đ e g h i k ...; Word's lists use the Latin alphabet.
VIETNAMESE = "abcdđeghiklmnopqrstuvxy"
LATIN = "abcdefghijklmnopqrstuvwxyz"


def _ordinal(number: str) -> tuple[str, int] | None:
    last = number.split(".")[-1]
    if small_number(last) is not None:
        return "arabic", small_number(last)  # type: ignore[return-value]
    if is_roman(last):
        return "roman", roman_value(last)
    if len(last) == 1 and last in VIETNAMESE + LATIN:
        return "letter", 0
    return None


def _letter_follows(a: str, b: str) -> bool:
    return any(
        a in alphabet and b in alphabet and alphabet.index(b) == alphabet.index(a) + 1
        for alphabet in (VIETNAMESE, LATIN)
    )


@rule("VA101", "section-numbering", "warning", "renumber the headings in sequence", command="validate")
def check(ctx, options):
    def walk(sections, prefix):
        previous, previous_number = None, ""
        for i, section in enumerate(sections):
            path = f"{prefix}[{i}]"
            current = _ordinal(section.number) if section.number else None
            if current and previous and current[0] == previous[0]:
                kind = current[0]
                if kind == "letter":
                    ok = _letter_follows(previous_number[-1], section.number[-1])
                    repeated = previous_number == section.number
                else:
                    ok, repeated = current[1] == previous[1] + 1, current[1] == previous[1]
                if repeated:
                    yield Problem(
                        message=f"section {section.path} repeats the number before it",
                        path=f"{path}.number",
                        location=section.location,
                    )
                elif not ok:
                    yield Problem(
                        message=f"section numbering jumps from {previous_number} to {section.number}",
                        path=f"{path}.number",
                        location=section.location,
                    )
            if current:
                previous, previous_number = current, section.number
            yield from walk(section.children, f"{path}.children")

    yield from walk(ctx.plan.sections, "sections")
