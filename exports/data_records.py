"""Plain records of the problem ledger (问题清单/整改台账) and the verification records (核定记录).

Filled by exports/gather_records.py from one round; the writers (ledger.py, records_doc.py,
records_sheets.py) never read the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class LedgerRow:
    """One problem found at one school and where its rectification (整改) stands."""

    school: str
    problem: str
    responsible: str
    deadline: date | None
    status: str  # worded: 待整改 / 整改中 / 已整改
    overdue: bool  # past its deadline and not closed, on the ledger's as_of day


@dataclass(frozen=True)
class ProblemLedger:
    title: str  # the campaign's title and round, e.g. 泾源县2023年…（2023年初评）
    organ: str
    as_of: date  # the day "overdue" is judged on (the export day)
    rows: tuple[LedgerRow, ...]


@dataclass(frozen=True)
class VerificationRow:
    """One expert group's visit to one school (核定记录)."""

    school: str
    visited_on: date
    experts: str
    methods: tuple[str, ...]  # worded: 审验材料, 实地查看…
    findings: str


@dataclass(frozen=True)
class VerificationRecords:
    title: str
    organ: str
    as_of: date  # the signature's date: the last visit, or the export day when there is none
    rows: tuple[VerificationRow, ...]
