"""``audit verify``: a list of checks, each giving findings; the verdict is what they found.

A finding is either a failure (tampering found, or a key or head file that is damaged) or a note
saying what could not be checked and why. Each check is a function of the shared ``Context``;
``CHECKS`` runs them in order, so a later step (the replay of every fact, issue 12) is one more
entry. The chain walk goes in the order rows were stored (``id``), which an honest log shares with
``seq``: a row out of that order is how a swap or a slipped-in row shows.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import workflow.audit_strings  # noqa: F401  - registers the verdicts' keys
from models.schema import AuditEvent
from workflow.audit_chain import FIELDS, GENESIS, hash_of_fields, row_hash
from workflow.audit_head import Head, HeadDamaged, database_identity, head_path, read_head
from workflow.audit_key import KeyDamaged, key_path, load_key, seal_of
from workflow.i18n import Listing, Msg, t

# How far a swapped row may have moved and still be recognised as a swap (beyond, it reads as altered).
SWAP_REACH = 16
# How many more altered rows after the first are named one by one (the rest are counted).
ALTERED_SHOWN = 9


@dataclass(frozen=True)
class Finding:
    key: str  # a catalog key (workflow/audit_strings.py)
    params: dict[str, Any] = field(default_factory=dict)
    failed: bool = True  # False: a note on what could not be checked
    damaged: bool = False  # a failure of the key or head file, not of the log
    seq: int | None = None  # the row where it was noticed
    id: int | None = None

    def message(self, lang: str | None = None) -> str:
        return t(self.key, lang, **self.params)


@dataclass
class Context:
    """What the checks share: the key, the head, and what the walk saw."""

    key: bytes | None = None
    key_damaged: KeyDamaged | None = None
    head: Head | None = None
    rows: int = 0
    sealed: int = 0
    before_key: int = 0  # unsealed rows written before the key existed
    break_seq: int | None = None  # the first seq the walk could no longer vouch for
    checked: list[Msg] = field(default_factory=list)
    # Each row the walk vouched for is handed on (seq, payload), so the replay reads the log once.
    on_row: Callable[[int, str, str, int | None, str], None] | None = None
    walked: bool = False  # the walk reached the newest row: whatever on_row saw is the whole log
    replay: Any = None  # what on_row folds into (workflow.audit_replay.Rebuilt)


Check = Callable[[Context], Iterator[Finding]]


@dataclass(frozen=True)
class ChainReport:
    rows: int
    findings: tuple[Finding, ...] = ()
    checked: tuple[Msg, ...] = ()
    sealed: int = 0  # rows whose seal was checked with the key
    break_seq: int | None = None

    @property
    def failures(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.failed)

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def damaged_only(self) -> bool:
        return bool(self.failures) and all(f.damaged for f in self.failures)

    @property
    def first_bad_seq(self) -> int | None:
        return next((f.seq for f in self.failures if f.seq is not None), None)

    @property
    def first_bad_id(self) -> int | None:
        return next((f.id for f in self.failures if f.id is not None), None)

    @property
    def problem(self) -> str:
        return self.failures[0].key if self.failures else ""

    def message(self, lang: str | None = None) -> str:
        """What ``audit verify`` prints and the audit screen shows: ``details``."""
        return self.details(lang)

    def summary(self, lang: str | None = None) -> str:
        """One line, for a status bar: the verdict and the first failure."""
        if self.ok:
            seal = Msg("audit.sealed", count=self.sealed) if self.sealed else Msg("audit.unsealed")
            return t("audit.intact", lang, rows=self.rows, seal=seal)
        return self._verdict(lang) + " " + self.failures[0].message(lang)

    def _verdict(self, lang: str | None) -> str:
        if self.ok:
            return t("audit.v.intact", lang, rows=self.rows)
        if self.damaged_only:
            return t("audit.v.damaged", lang)
        return t("audit.v.tampered", lang, rows=self.rows)

    def details(self, lang: str | None = None) -> str:
        """Everything, a line each: the verdict, each failure, what was checked, what could not be."""
        lines = [self._verdict(lang)]
        lines += ["  ✗ " + f.message(lang) for f in self.failures]
        lines += ["  ✓ " + m.render(lang) for m in self.checked]
        lines += ["  ? " + f.message(lang) for f in self.findings if not f.failed]
        return "\n".join(lines)

    @property
    def problem_en(self) -> str:
        return self.details("en")


_COLUMNS = ("id", *FIELDS, "hash", "seal")
_HASHED = slice(1, 1 + len(FIELDS))  # where a raw row's hashed fields sit, in FIELDS order
_SEQ, _PREV, _HASH, _SEAL = 1, len(FIELDS), len(FIELDS) + 1, len(FIELDS) + 2
_PAYLOAD = 1 + FIELDS.index("payload")
_ACTION, _ASSESSMENT, _FROM = (1 + FIELDS.index(name) for name in ("action", "assessment_id", "from_state"))


def _raw_rows(batch: int) -> Iterator[tuple[Any, ...]]:
    """The rows as plain tuples in ``_COLUMNS`` order: at a million rows the query builder's row
    objects (or even one dict a row) cost more than the hashing."""
    from models.db import database

    table, param = AuditEvent._meta.table_name, database.obj.param
    listed = ", ".join(f'"{c}"' for c in _COLUMNS)
    last_id = 0
    while True:
        rows = list(database.execute_sql(
            f'SELECT {listed} FROM "{table}" WHERE id > {param} ORDER BY id LIMIT {int(batch)}', (last_id,)))
        if not rows:
            return
        yield from rows
        last_id = rows[-1][0]


def _as_dict(raw: tuple[Any, ...]) -> dict[str, Any]:
    return dict(zip(_COLUMNS, raw, strict=True))


def _at_seq(seq: int) -> dict[str, Any] | None:
    return AuditEvent.select().where(AuditEvent.seq == seq).order_by(AuditEvent.id).dicts().first()


def _fits(row: dict[str, Any], seq: int) -> bool:
    """Whether ``row``'s stored hash is its content's with ``seq`` as its number."""
    return row_hash({**row, "seq": seq}) == row["hash"]


def _out_of_place(row: dict[str, Any], expected: int) -> Finding:
    """Row ``row`` stands where seq ``expected`` should: name why (removed, swapped, inserted, renumbered)."""
    seq, rid = row["seq"], row["id"]
    own = row_hash(row) == row["hash"]
    holder = _at_seq(expected)
    if holder is None:
        if own and seq > expected:
            key = "audit.v.removed_one" if seq == expected + 1 else "audit.v.removed_range"
            return Finding(key, {"seq": seq, "first": expected, "last": seq - 1}, seq=seq, id=rid)
        if not own and _fits(row, expected):
            return Finding("audit.v.renumbered", {"seq": seq, "was": expected}, seq=seq, id=rid)
        return Finding("audit.v.out_of_order", {"seq": seq, "expected": expected}, seq=seq, id=rid)
    # The number it should carry is on a row stored later.
    if not own and _fits(row, expected):
        if _fits(holder, seq):
            return Finding("audit.v.swapped", {"a": expected, "b": seq}, seq=seq, id=rid)
        if row_hash(holder) == holder["hash"]:
            return Finding("audit.v.inserted", {"seq": expected}, seq=seq, id=rid)
        return Finding("audit.v.renumbered", {"seq": seq, "was": expected}, seq=seq, id=rid)
    if own:
        return Finding("audit.v.moved", {"seq": seq, "expected": expected}, seq=seq, id=rid)
    for shift in range(-SWAP_REACH, SWAP_REACH + 1):
        if shift and _fits(row, expected + shift):
            return Finding("audit.v.swapped", {"a": expected, "b": expected + shift}, seq=seq, id=rid)
    return Finding("audit.v.out_of_order", {"seq": seq, "expected": expected}, seq=seq, id=rid)


def _broken(ctx: Context, row: dict[str, Any], prev_raw: tuple[Any, ...] | None,
            before_raw: tuple[Any, ...] | None) -> Finding:
    """The walk stopped at ``row``: say why (its number, its link, or its own hash)."""
    prev: dict[str, Any] = _as_dict(prev_raw) if prev_raw is not None else {"seq": 0, "hash": GENESIS}
    seq, rid = row["seq"], row["id"]
    expected = prev["seq"] + 1
    if seq != expected:
        ctx.break_seq = min(seq, expected)
        return _out_of_place(row, expected)
    if row["prev_hash"] != prev["hash"]:
        ctx.break_seq = prev["seq"] or 1
        if before_raw is not None and row["prev_hash"] == _as_dict(before_raw)["hash"]:
            return Finding("audit.v.inserted", {"seq": prev["seq"]}, seq=seq, id=rid)
        if row_hash(row) != row["hash"]:
            return _altered(row)
        return Finding("audit.v.relinked", {"seq": seq, "before": prev["seq"]}, seq=seq, id=rid)
    ctx.break_seq = seq
    return _altered(row)


def _altered(row: dict[str, Any]) -> Finding:
    """A row whose content is not its hash's, named as other tamper findings name what they found: the school
    it is about (code and name) and what it records, and each fact it now says of the school that the log's
    next row of the school (or, for its newest row, the database) does not: the edited fact."""
    seq = row["seq"]
    about: object = ""
    facts: object = ""
    try:
        found = _about(row)
    except Exception:  # noqa: BLE001 - naming the school is a courtesy: the verdict stands without it
        found = None
    if found is not None:
        about, facts = found
    return Finding("audit.v.altered", {"seq": seq, "about": about, "facts": facts}, seq=seq, id=row["id"])


def _about(row: dict[str, Any]) -> tuple[Msg, object] | None:
    from models.schema import Assessment, Round, School
    from workflow.audit_actions import action_words
    from workflow.audit_facts import assessment_facts, payload_facts
    from workflow.audit_words import differences

    aid = row.get("assessment_id")
    code = str(row.get("school_code") or "")
    found = None
    if aid is not None:
        found = (School.select(School.code, School.name, Round.year).join(Assessment, on=Assessment.school == School.id)
                 .join(Round, on=Assessment.round == Round.id).where(Assessment.id == aid).tuples().first())
    if found is None and code:
        name = School.select(School.name).where(School.code == code).scalar()
        found = (code, name, None) if name is not None else None
    if found is None:
        return None
    code, name, year = found
    school = Msg("audit.v.row_school_year" if year else "audit.v.row_school", code=code, name=name, year=year)
    about = Msg("audit.v.row_about", school=school, action=action_words(str(row.get("action") or "")))
    if aid is None:
        return about, ""
    entry = ((payload_facts(str(row.get("payload") or "")) or {}).get("a") or {}).get(str(aid))
    if not isinstance(entry, dict):
        return about, ""
    reference, later, skip = _reference(int(aid), int(row["seq"]))
    held = reference if reference is not None else assessment_facts([int(aid)]).get(str(aid), {})
    where = Msg("audit.v.row_next", seq=later) if later is not None else Msg("audit.v.row_db")
    differ = [Msg("audit.v.row_fact", field=field_, recorded=recorded, where=where, actual=actual)
              for name_ in entry if name_ in held and name_ not in skip and name_ not in ("school", "round")
              for field_, recorded, actual in differences(name_, entry, held)]
    if not differ:
        return about, ""
    return about, Msg("audit.v.row_facts", facts=Listing(differ[:4]))


def _reference(aid: int, seq: int) -> tuple[dict[str, Any] | None, int | None, frozenset[str]]:
    """The facts of the school the log's next row of it gives, its seq, and the fields that row's action may
    change (not the edit's); (None, None, nothing) when the row is the school's newest: the database is then
    the reference."""
    from models.db import database
    from workflow.audit_changes import may_change
    from workflow.audit_facts import payload_facts

    table, param = AuditEvent._meta.table_name, database.obj.param
    later = database.execute_sql(f"SELECT seq, action, payload FROM {table} WHERE assessment_id = {param} "
                                 f"AND seq > {param} ORDER BY seq LIMIT 1", (aid, seq)).fetchone()
    if later is None:
        return None, None, frozenset()
    entry = ((payload_facts(later[2]) or {}).get("a") or {}).get(str(aid))
    rule = may_change(str(later[1] or ""))
    if not isinstance(entry, dict) or rule is None:
        return {}, int(later[0]), frozenset()  # nothing to hold the row to: the school and its action only
    return entry, int(later[0]), rule.assessment


def check_key(ctx: Context) -> Iterator[Finding]:
    try:
        ctx.key = load_key()
    except KeyDamaged as exc:
        ctx.key_damaged = exc
        yield Finding(exc.key, dict(exc.params), damaged=True)
        return
    if ctx.key is None and key_path().exists():
        yield Finding("audit.v.key_unreadable", {"path": key_path()}, failed=False)
    elif ctx.key is None:
        yield Finding("audit.v.no_key", failed=False)
    if ctx.key is None:
        return
    try:
        ctx.head = read_head()
    except HeadDamaged as exc:
        yield Finding("audit.v.head_damaged", {"path": head_path(), "detail": exc.detail}, damaged=True)
        return
    if ctx.head is None:
        return
    location, created = database_identity()
    if not ctx.head.sealed_by(ctx.key, location):
        yield Finding("audit.v.head_forged", {"path": head_path()})
        ctx.head = None
    elif ctx.head.created != created:
        yield Finding("audit.v.head_other_db", {"path": head_path(), "theirs": ctx.head.created, "ours": created})
        ctx.head = None


def check_chain(ctx: Context, batch: int = 5000) -> Iterator[Finding]:
    """Every row's number, hash, link to the row before and (with the key) seal, oldest first."""
    prev: tuple[Any, ...] | None = None  # the rows before this one, raw: made into dicts only to explain a break
    before: tuple[Any, ...] | None = None
    key = ctx.key
    must_seal_from = ctx.head.sealed_from if ctx.head is not None else None
    sealing = False  # once a row is sealed, every later one must be
    on_row = ctx.on_row
    prev_seq, prev_hash = 0, GENESIS
    rows = _raw_rows(batch)
    for raw in rows:
        ctx.rows += 1
        seq = raw[_SEQ]
        if seq != prev_seq + 1 or raw[_PREV] != prev_hash or hash_of_fields(raw[_HASHED]) != raw[_HASH]:
            found = _broken(ctx, _as_dict(raw), prev, before)
            yield found
            if found.key == "audit.v.altered":
                yield from _also_altered(rows)
            return
        if key is not None:
            seal = raw[_SEAL] or ""
            if seal:
                sealing = True
                if not hmac.compare_digest(seal, seal_of(key, raw[_HASH])):
                    ctx.break_seq = seq
                    yield Finding("audit.v.seal_wrong", {"seq": seq}, seq=seq, id=raw[0])
                    return
                ctx.sealed += 1
            elif sealing or (must_seal_from is not None and seq >= must_seal_from):
                ctx.break_seq = seq
                yield Finding("audit.v.unsealed", {"seq": seq}, seq=seq, id=raw[0])
                return
            else:
                ctx.before_key += 1
        if on_row is not None:
            on_row(seq, raw[_PAYLOAD], raw[_ACTION], raw[_ASSESSMENT], raw[_FROM] or "")
        before, prev = prev, raw
        prev_seq, prev_hash = seq, raw[_HASH]
    ctx.walked = True
    ctx.checked.append(Msg("audit.v.checked_chain", rows=ctx.rows))
    if key is not None:
        if ctx.sealed:
            ctx.checked.append(Msg("audit.v.checked_seals", count=ctx.sealed))
        if ctx.before_key:
            yield Finding("audit.v.before_key", {"count": ctx.before_key}, failed=False)
    elif ctx.key_damaged is None:
        yield Finding("audit.v.no_key_forgery", failed=False)


def _also_altered(rows: Iterator[tuple[Any, ...]]) -> Iterator[Finding]:
    """The rows after an altered one whose content is not their hash's either: each named as the first
    (its seq, what it records, the school), the first ``ALTERED_SHOWN``, then how many more and where.
    An edit of several rows is one break of the chain, but the officer has each row to look into."""
    shown, more, first_more, last = 0, 0, 0, 0
    for raw in rows:
        if hash_of_fields(raw[_HASHED]) == raw[_HASH]:
            continue
        if shown < ALTERED_SHOWN:
            shown += 1
            yield _altered(_as_dict(raw))
            continue
        more += 1
        first_more = first_more or raw[_SEQ]
        last = raw[_SEQ]
    if more:
        yield Finding("audit.v.altered_more", {"count": more, "first": first_more, "last": last}, seq=first_more)


def check_tail(ctx: Context) -> Iterator[Finding]:
    """With the key: the table's newest row against the sealed head kept beside the key."""
    if ctx.key is None:
        if ctx.key_damaged is None:
            yield Finding("audit.v.no_key_tail", failed=False)
        return
    head = ctx.head
    if head is None:
        yield Finding("audit.v.no_head", {"path": head_path()}, failed=False)
        return
    newest = AuditEvent.select(AuditEvent.seq).order_by(AuditEvent.seq.desc()).scalar() or 0
    if head.seq == 0:
        ctx.checked.append(Msg("audit.v.checked_tail", seq=newest, head=0))
        return
    if newest == 0:
        yield Finding("audit.v.all_removed", {"head": head.seq})
        return
    if newest < head.seq:
        yield Finding("audit.v.tail_removed_one" if newest + 1 == head.seq else "audit.v.tail_removed", {"first": newest + 1, "last": head.seq, "newest": newest},
                      seq=newest)
        return
    row = _at_seq(head.seq)
    if row is None or row["hash"] != head.hash:
        yield Finding("audit.v.head_differs", {"seq": head.seq}, seq=head.seq, id=row["id"] if row else None)
        return
    ctx.checked.append(Msg("audit.v.checked_tail", seq=newest, head=head.seq))


def check_filter_index(ctx: Context) -> Iterator[Finding]:
    """The school filter's trigram index (models/trigram.py) against the school table: an index
    edited behind the program would hide schools from the dashboard's filter and its counts."""
    from models.db import database
    from models.trigram import REBUILD_SQL, index_intact

    intact = index_intact(database.obj)
    if intact is False:
        yield Finding("audit.v.filter_index", {"sql": REBUILD_SQL})
    elif intact:
        ctx.checked.append(Msg("audit.v.checked_filter_index"))


CHECKS: list[Check] = [check_key, check_chain, check_tail, check_filter_index]


def run_checks(checks: list[Check] | None = None, ctx: Context | None = None) -> tuple[Context, ChainReport]:
    ctx = ctx or Context()
    findings: list[Finding] = []
    if checks is None:
        from workflow.audit_replay import check_replay, listen  # builds on this module: imported late

        checks = [*CHECKS, check_replay]
        listen(ctx)
    for check in checks:
        findings.extend(check(ctx))
    report = ChainReport(ctx.rows, tuple(findings), tuple(ctx.checked), ctx.sealed, ctx.break_seq)
    return ctx, report


def verify_chain() -> ChainReport:
    """Run every check; the report says what was found, what was checked and what could not be."""
    return run_checks()[1]
