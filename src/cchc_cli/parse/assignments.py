"""Assignment rule: which agency must do what, from "Tổ chức thực hiện" / "Kế hoạch yêu cầu".

A section of kind organization whose heading names an agency ("a) Sở Nội vụ", "3. Sở Nội vụ",
"6. Thanh tra tỉnh: Chủ trì, ...") gives that agency its paragraphs as duties. In prose (news),
a paragraph that opens with an agency and a verb of duty ("Sở Nội vụ chủ động ...") does too.
"""

from __future__ import annotations

from cchc_cli.models import Assignment, Paragraph, Section
from cchc_cli.parse.lexicon import AGENCY_HEAD
from cchc_cli.text import rx
from cchc_cli.vocab import alternatives, lexicon

_WORDS = lexicon().assignments
_DUTY_VERB = rx(
    rf"^(?P<agency>(?:{alternatives(_WORDS.agencies)})[^.,;:]{{0,80}}?)\s+(?:{alternatives(_WORDS.duty_verbs)})\b"
)


_BULLET = rx(r"^[-+•]\s*")
_REQUEST = rx(r"^Đề nghị\s+")


def _duties(paragraphs: list[Paragraph]) -> list[str]:
    return [_BULLET.sub("", p.text) if p.text[:1] in "-+•" else p.text for p in paragraphs]


def extract_assignments(sections: list[Section], preamble: list[Paragraph]) -> list[Assignment]:
    out: list[Assignment] = []

    def walk(items: list[Section]) -> None:
        for section in items:
            title = section.title
            if section.kind == "organization" and AGENCY_HEAD.match(title) and len(title) <= 250:
                agency = _REQUEST.sub("", title).strip()
                duties = _duties(section.paragraphs)
                for child in section.children:  # duties written as lettered sub-items
                    duties.append(child.title)
                    duties.extend(_duties(child.paragraphs))
                if duties:
                    out.append(
                        Assignment(
                            agency=agency, duties=duties, section=section.path, location=section.location
                        )
                    )
                    continue
            walk(section.children)

    walk(sections)
    if not out:
        for para in preamble:
            m = _DUTY_VERB.match(para.text)
            if m:
                out.append(
                    Assignment(agency=m.group("agency").strip(), duties=[para.text], location=para.location)
                )
    return out
