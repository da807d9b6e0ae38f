"""From the database to the ledger's and the verification records' plain records, one round at a time.

Read as exports/gather.py reads (models directly: exports sit beside workflow/); every query is
bounded by ``Assessment.round``, so a later year's review never mixes into an earlier round's papers.
"""

from __future__ import annotations

from datetime import date

from exports.data_records import LedgerRow, ProblemLedger, VerificationRecords, VerificationRow
from exports.gather import round_of, round_title
from exports.notice_defaults import METHOD_WORDS
from models.schema import (
    Assessment,
    Assignment,
    Campaign,
    Problem,
    School,
    User,
    Verification,
    round_order_column,
    round_school_columns,
)

# As the app words them (tui/strings.py tui.problem.*): the ledger is an official paper, in Chinese.
STATUS_WORDS = {"open": "待整改", "rectifying": "整改中", "closed": "已整改"}


def problem_ledger(campaign: Campaign, *, as_of: date, round_id: int | None = None) -> ProblemLedger:
    """Every problem of the round's schools, in register order; ``as_of`` judges what is overdue."""
    shown = round_of(campaign, round_id)
    named = round_school_columns(shown.id)[0]  # a frozen round: the school as it was settled there
    query = (Problem.select(named, Problem.text, Problem.responsible, Problem.deadline, Problem.status)
             .join(Assessment).join(School)
             .where(Assessment.round == shown.id)
             .order_by(round_order_column(shown.id), School.code, Problem.id).tuples())
    rows = tuple(
        LedgerRow(school=name, problem=text, responsible=responsible or "", deadline=deadline,
                  status=STATUS_WORDS.get(status, status),
                  overdue=deadline is not None and deadline < as_of and status != "closed")
        for name, text, responsible, deadline, status in query.iterator()
    )
    return ProblemLedger(title=round_title(campaign, shown), organ=campaign.organ or campaign.region,
                         as_of=as_of, rows=rows)


def verification_records(campaign: Campaign, *, as_of: date, round_id: int | None = None) -> VerificationRecords:
    """Every expert visit of the round, by date then register order."""
    shown = round_of(campaign, round_id)
    assigned = assigned_groups(int(shown.id))
    named = round_school_columns(shown.id)[0]  # a frozen round: the school as it was settled there
    query = (Verification.select(School.code, named, Verification.visited_on, Verification.experts, Verification.methods,
                                 Verification.findings)
             .join(Assessment).join(School)
             .where(Assessment.round == shown.id)
             .order_by(Verification.visited_on, round_order_column(shown.id), School.code, Verification.id).tuples())
    rows = tuple(
        VerificationRow(school=name, visited_on=visited_on, experts=assigned.get(code, experts),
                        methods=tuple(METHOD_WORDS.get(m, m) for m in methods.split(",") if m),
                        findings=findings or "")
        for code, name, visited_on, experts, methods, findings in query.iterator()
    )
    last = max((r.visited_on for r in rows), default=as_of)
    return VerificationRecords(title=round_title(campaign, shown), organ=campaign.organ or campaign.region,
                               as_of=last, rows=rows)


def assigned_groups(round_id: int) -> dict[str, str]:
    """The expert group actually assigned to each school of the round (核定分工), as the record lists
    it (display names, 、-separated); a school without assignments keeps the group its record names."""
    groups: dict[str, list[str]] = {}
    query = (Assignment.select(School.code, User.display_name, User.name).join(User).switch(Assignment).join(School)
             .where(Assignment.round == round_id).order_by(School.code, User.name).tuples())
    for code, display, name in query:
        groups.setdefault(str(code), []).append(str(display or name))
    return {code: "、".join(names) for code, names in groups.items()}
