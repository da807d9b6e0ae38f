"""The one door's frame: a short write transaction with retry, and typed storage errors.

Every change in workflow/ runs its body through ``write``: the change and its audit record
commit together or not at all (transitions does not roll back; the transaction does).
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from decimal import Decimal
from typing import NamedTuple, TypeVar

import peewee
import peewee as pw

from models.db import ChainedActorDisabled, database, is_postgres, lock_for_update, write_transaction
from models.prepared import Prepared
from models.schema import Assessment, Campaign, Round, School, Score
from models.write_lock import WriteLockTimeout
from workflow.errors import GuardFailed, NotFound, StorageError, WorkflowError
from workflow.i18n import Msg, Quoted
from workflow.identity import disabled_refusal

T = TypeVar("T")

_LOCK_WORDS = ("database is locked", "database table is locked", "could not serialize", "deadlock")
_STORAGE_WORDS = ("readonly", "read-only", "disk is full", "disk full", "no space", "unable to open",
                  "disk i/o error")


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception and those it was raised from or while handling, innermost last."""
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def write(body: Callable[[], T], *, attempts: int = 8) -> T:
    """Run ``body`` in one write transaction and return what it returns.

    On a lock the transaction is rolled back and ``body`` runs again (up to ``attempts`` times),
    so it must change nothing outside the database: a file edit (authorized_keys) goes after
    ``write`` returns, recorded in the database first so a crash in between can be mended
    (workflow.doors.users.reconcile_keys).
    """
    # Here, not at the top: the reads import this module for its loaders, and a session that only
    # reads (a launch: the dashboard's first rows) needs no audit head, seal key or HMAC.
    from workflow import audit_head

    outermost = not database.in_transaction()
    for attempt in range(attempts):
        if outermost:
            audit_head.discard()  # rows of an attempt that rolled back never were
        try:
            with write_transaction():
                result = body()
            if outermost:
                audit_head.after_commit()  # the sealed head beside the key, once the rows are committed
            return result
        except ChainedActorDisabled as exc:  # found under the chain's lock, in the COMMIT's round trip
            raise disabled_refusal(exc.name) from None
        except WriteLockTimeout as exc:  # its wait was bounded already: another try would only wait again
            raise StorageError(exc.key, **exc.params) from exc
        except peewee.OperationalError as exc:
            # SQLite rolls a transaction back by itself when the disk fills up or an I/O error
            # strikes; peewee's own rollback then fails with "cannot rollback - no transaction
            # is active" (or "no such savepoint"), hiding the real cause. Look through the chain.
            chain = _chain(exc)
            refusal = next((e for e in chain if isinstance(e, WorkflowError)), None)
            if refusal is not None:
                raise refusal from None
            text = " | ".join(str(e) for e in chain).lower()
            if any(word in text for word in _LOCK_WORDS) and attempt + 1 < attempts:
                time.sleep(0.02 * (2**attempt) * random.random())
                continue
            if any(word in text for word in _LOCK_WORDS):
                raise StorageError("err.db_locked") from exc
            if any(word in text for word in _STORAGE_WORDS):
                cause = next((e for e in reversed(chain) if isinstance(e, peewee.OperationalError)), exc)
                raise StorageError("err.readonly", detail=str(cause)) from exc
            raise
    raise StorageError("err.db_locked")


_Newest = Round.alias("newest")
_Next = Campaign.alias("next_cycle")
# The campaign's newest round rides as a column of the locked read (``newest_round_id``), and the campaign
# created --like from it, if any (``successor_id``: its cycle is over, every round of it frozen): a change's
# frozen-round check costs no statement of its own.


def _successor() -> pw.Node:
    return _Next.select(_Next.id).where(_Next.succeeds == Assessment.campaign).order_by(_Next.id).limit(1)


_ASSESSMENT: Prepared[Assessment] = Prepared(lambda assessment_id: lock_for_update(
    Assessment.select(Assessment, Campaign, School, Round,
                      _Newest.select(_Newest.id).where(_Newest.campaign == Assessment.campaign)
                      .order_by(_Newest.year.desc()).limit(1).alias("newest_round_id"),
                      _successor().alias("successor_id"))
    .join(Campaign).switch(Assessment).join(School)
    .switch(Assessment).join(Round, pw.JOIN.LEFT_OUTER)
    .where(Assessment.id == assessment_id), of=Assessment
).limit(1), int)

_Kind = Score.alias("kind_score")


def _kind_scores(kind: str) -> pw.Node:
    """Every score of one kind of the assessment read, as one JSON text (``[[id, code, value, evidence,
    carried], ...]``): the score save reads them with the school, in one statement (one round trip on
    PostgreSQL, under the write lock on SQLite), instead of a second query."""
    cells = (_Kind.id, _Kind.code, _Kind.value, _Kind.evidence, _Kind.carried)
    rows = (pw.fn.COALESCE(pw.fn.json_agg(pw.fn.json_build_array(*cells)).cast("text"), "[]") if is_postgres()
            else pw.fn.json_group_array(pw.fn.json_array(*cells)))
    return _Kind.select(rows).where((_Kind.assessment == Assessment.id) & (_Kind.kind == kind))


_ASSESSMENT_AND_SCORES: Prepared[Assessment] = Prepared(lambda assessment_id, kind: lock_for_update(
    Assessment.select(Assessment, Campaign, School, Round,
                      _Newest.select(_Newest.id).where(_Newest.campaign == Assessment.campaign)
                      .order_by(_Newest.year.desc()).limit(1).alias("newest_round_id"),
                      _successor().alias("successor_id"), _kind_scores(kind).alias("kind_scores"))
    .join(Campaign).switch(Assessment).join(School)
    .switch(Assessment).join(Round, pw.JOIN.LEFT_OUTER)
    .where(Assessment.id == assessment_id), of=Assessment
).limit(1), int, str)

_NEWEST_ROUND: Prepared[Round] = Prepared(
    lambda campaign_id: Round.select().where(Round.campaign == campaign_id).order_by(Round.year.desc()).limit(1),
    int)


def load_assessment(assessment_id: int, *, change: bool = False, correction: str = "") -> Assessment:
    """One school in one round. ``change``: the caller is about to write it, so a frozen round
    (any but its campaign's newest) is refused unless the write is a correction with a reason."""
    return _loaded(_ASSESSMENT.first(int(assessment_id)), assessment_id, change, correction)


def load_assessment_scores(assessment_id: int, kind: str, *, change: bool = False, correction: str = ""
                           ) -> tuple[Assessment, list[StoredScore]]:
    """``load_assessment`` and the school's scores of ``kind``, read in the same statement."""
    row = _loaded(_ASSESSMENT_AND_SCORES.first(int(assessment_id), kind), assessment_id, change, correction)
    cells = json.loads(row.kind_scores, parse_float=Decimal)
    return row, [StoredScore(int(sid), code, value if type(value) is Decimal else Decimal(str(value)), evidence or "",
                             bool(carried)) for sid, code, value, evidence, carried in cells]


class StoredScore(NamedTuple):
    id: int
    code: str
    value: Decimal
    evidence: str
    carried: bool


def _loaded(row: Assessment | None, assessment_id: int, change: bool, correction: str) -> Assessment:
    if row is None:
        raise NotFound("err.not_found", what=Msg("word.assessment"), key=assessment_id)
    if change and not correction.strip() and row.round is not None and row.newest_round_id != row.round.id:
        newest = latest_round(row.campaign.id)  # the refusal names its year
        if newest.id != row.round.id:
            raise GuardFailed("err.round_frozen", school=row.school.name, year=row.round.year,
                              newest=newest.year)
    if change and not correction.strip() and row.round is not None and row.successor_id is not None:
        following = Campaign.get_by_id(int(row.successor_id))  # the refusal names it
        raise GuardFailed("err.cycle_succeeded", school=row.school.name, year=row.round.year,
                          title=Quoted(following.title), next_year=following.year)
    return row


def latest_round(campaign_id: int) -> Round:
    """The campaign's open round: its newest. Every campaign has at least its initial round."""
    row = _NEWEST_ROUND.first(int(campaign_id))
    if row is None:
        raise NotFound("err.not_found", what=Msg("word.round"), key=campaign_id)
    return row


def load_round(campaign_id: int, year: int | None = None) -> Round:
    """The round of ``year`` (the newest when None), or a refusal naming the years there are."""
    if year is None:
        return latest_round(campaign_id)
    row = Round.get_or_none((Round.campaign == campaign_id) & (Round.year == int(year)))
    if row is None:
        years = [str(r.year) for r in Round.select(Round.year).where(Round.campaign == campaign_id)
                 .order_by(Round.year)]
        raise NotFound("err.round_unknown", year=year, years=", ".join(years) or "-")
    return row


def load_campaign(campaign_id: int | None = None) -> Campaign:
    """The campaign asked for, or the most recent one."""
    if campaign_id is None:
        row = lock_for_update(Campaign.select().order_by(Campaign.year.desc(), Campaign.id.desc())).first()
    else:
        row = lock_for_update(Campaign.select().where(Campaign.id == campaign_id)).first()
    if row is None:
        raise NotFound("err.not_found", what=Msg("word.campaign"), key=campaign_id or "-")
    return row
