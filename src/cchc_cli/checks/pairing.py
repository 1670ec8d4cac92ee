"""Last year's plan for each input of `check-targets --previous`.

One plan given for one input: that plan. Otherwise (folders, several plans) the plans are
indexed by who made them (the province, else the issuing body) and their plan year, and each
input is paired with the same maker's plan for the year before. An input with no such plan is
checked without one, and a note says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cchc_cli.errors import CchcError
from cchc_cli.models import Plan
from cchc_cli.text import fold


def maker(plan: Plan) -> str | None:
    """Who a plan belongs to, folded: its province, else its issuing body."""
    meta = plan.metadata
    name = meta.province or meta.issuer
    return fold(name) if name else None


@dataclass
class LastYear:
    single: Plan | None = None  # one plan for the one input
    index: dict[tuple[str, int], tuple[str, Plan]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @classmethod
    def index_of(cls, plans: list[tuple[str, Plan]], single: bool) -> LastYear:
        """Last year's plans as read (path, plan); `single`: one plan for the one input."""
        if single and len(plans) == 1:
            return cls(single=plans[0][1])
        last = cls()
        for path, plan in plans:
            key = maker(plan)
            year = plan.metadata.plan_year
            if key is None or year is None:
                last.notes.append(f"{path}: --previous plan names no province or plan year; not paired")
                continue
            if (key, year) in last.index:
                other = last.index[(key, year)][0]
                raise CchcError(f"--previous: two plans of the same maker for {year}: {other} and {path}")
            last.index[(key, year)] = (path, plan)
        return last

    def of(self, plan: Plan, path: str) -> Plan | None:
        if self.single is not None:
            return self.single
        if not self.index:
            return None
        key, year = maker(plan), plan.metadata.plan_year
        found = self.index.get((key, year - 1)) if key is not None and year is not None else None
        if found is None:
            who = plan.metadata.province or plan.metadata.issuer or "unknown maker"
            self.notes.append(
                f"{path}: no plan of {who} for {year - 1 if year else 'the year before'} in --previous"
            )
            return None
        return found[1]
