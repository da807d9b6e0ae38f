"""Anchors: the chain head a document was made from, and whether today's chain still holds it.

Every export carries the newest audit row's seq and hash as it was when its data was read:
in a .docx's and an .xlsx's core properties (``keywords``: ``starcampus-audit-head:SEQ:HASH``,
the full hash) and, in a .docx, a footer line with the short form ``SEQ:HASH12``, which is what
``starcampus audit verify --anchor`` takes when typed. An audit CSV needs nothing added: its last
row *is* the head it was made from (its ``seq`` and ``hash`` columns), so the file stays a plain
table that imports anywhere.

A notice sent out thus proves the record up to its head, even without a key: changing any row
before it changes the hash at that seq (or breaks the chain before it), and the anchor no longer
matches. Twelve hex digits (48 bits) are for reading aloud; the properties carry all 64.
"""

from __future__ import annotations

import csv
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from models.schema import AuditEvent
from workflow.audit_verify import ChainReport, Context, Finding, run_checks
from workflow.errors import InvalidInput

TOKEN = "starcampus-audit-head"
SHORT = 12
_PROPERTY = re.compile(rb"starcampus-audit-head:(\d+):([0-9a-f]{12,64})")
_TYPED = re.compile(r"\s*(?:#|seq\s*)?(\d+)\s*[:：]\s*([0-9a-fA-F]{12,64})\s*")
_MAX_PART = 1024 * 1024  # docProps/core.xml is a few hundred bytes; never unpack more than this


@dataclass(frozen=True)
class Anchor:
    seq: int
    hash: str  # the full hash, or a prefix of at least 12 hex digits

    @property
    def short(self) -> str:
        return f"{self.seq}:{self.hash[:SHORT]}"

    @property
    def token(self) -> str:
        return f"{TOKEN}:{self.seq}:{self.hash}"


def chain_head() -> Anchor | None:
    """The newest audit row as an anchor, for an export to carry (None: an empty log)."""
    row = AuditEvent.select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).first()
    return None if row is None else Anchor(int(row.seq), str(row.hash))


def _from_zip(path: Path) -> Anchor | None:
    with zipfile.ZipFile(path) as archive:
        try:
            info = archive.getinfo("docProps/core.xml")
        except KeyError:
            return None
        if info.file_size > _MAX_PART:
            return None
        with archive.open(info) as part:
            found = _PROPERTY.search(part.read(_MAX_PART))
    return Anchor(int(found.group(1)), found.group(2).decode()) if found else None


def _from_csv(path: Path) -> Anchor | None:
    """The last row's ``seq`` and ``hash`` (streamed: an audit CSV may hold a million rows)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        if "seq" not in header or "hash" not in header:
            return None
        at_seq, at_hash = header.index("seq"), header.index("hash")
        last: list[str] | None = None
        for row in reader:
            if row:
                last = row
    if last is None or len(last) <= max(at_seq, at_hash) or not last[at_seq].isdigit():
        return None
    return Anchor(int(last[at_seq]), last[at_hash].lower())


def read_anchor(text: str) -> Anchor:
    """An anchor from a file (.docx, .xlsx, .csv) or typed as ``SEQ:HASH``; InvalidInput names why not."""
    path = Path(text).expanduser()
    if path.is_file():
        try:
            found = _from_csv(path) if path.suffix.lower() == ".csv" else _from_zip(path)
        except (OSError, zipfile.BadZipFile, UnicodeDecodeError, csv.Error) as exc:
            raise InvalidInput("audit.anchor.unreadable", path=path, detail=str(exc)) from None
        if found is None:
            raise InvalidInput("audit.anchor.none", path=path)
        return found
    typed = _TYPED.fullmatch(text)
    if typed is None and path.suffix.lower() in (".docx", ".xlsx", ".csv"):
        raise InvalidInput("audit.anchor.unreadable", path=path, detail="FileNotFoundError")
    if typed is None:
        raise InvalidInput("audit.anchor.bad_text", text=text)
    return Anchor(int(typed.group(1)), typed.group(2).lower())


def _anchor_finding(anchor: Anchor, ctx: Context) -> Finding:
    params = {"seq": anchor.seq, "hash": anchor.hash[:SHORT]}
    row = AuditEvent.select(AuditEvent.id, AuditEvent.hash).where(AuditEvent.seq == anchor.seq).first()
    if row is None:
        return Finding("audit.anchor.missing", params, seq=anchor.seq)
    if not str(row.hash).startswith(anchor.hash):
        return Finding("audit.anchor.differs", {**params, "now": str(row.hash)[:SHORT]}, seq=anchor.seq, id=row.id)
    if ctx.break_seq is not None and ctx.break_seq <= anchor.seq:
        return Finding("audit.anchor.broken_before", {**params, "at": ctx.break_seq}, seq=ctx.break_seq)
    return Finding("audit.anchor.holds", params, failed=False)


@dataclass(frozen=True)
class AnchorReport:
    anchor: Anchor
    finding: Finding
    chain: ChainReport

    @property
    def ok(self) -> bool:
        """The document's head is still in today's chain, unchanged up to it (later rows aside)."""
        return not self.finding.failed

    def message(self, lang: str | None = None) -> str:
        mark = "✓ " if self.ok else "✗ "
        return mark + self.finding.message(lang) + "\n" + self.chain.details(lang)


def verify_anchor(anchor: Anchor) -> AnchorReport:
    ctx, chain = run_checks()
    return AnchorReport(anchor, _anchor_finding(anchor, ctx), chain)
