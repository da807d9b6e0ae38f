"""Statements whose answer is not read travel with the next one (models/batch.py, PostgreSQL): a save
stays one all-or-nothing transaction, a failure in a held statement undoes the whole write, and
nothing held leaks into the next transaction. The save's joined read builds the same instances as
peewee's own (models/prepared.py)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import peewee
import pytest

from models import batch, statements
from models.db import database, insert_row, is_postgres, write_transaction
from models.prepared import update_by_id
from models.schema import Assessment, AuditEvent, Score, User
from tests.workflow.helpers import ADMIN, SCHOOL_A, assessment, setup_campaign
from workflow.audit_verify import run_checks
from workflow.door import _ASSESSMENT
from workflow.doors.campaigns import advance_campaign
from workflow.doors.sheet_entry import save_leaf
from workflow.statemachine.events import fire


def _self_evaluating() -> Any:
    campaign = setup_campaign("henan-v2")
    advance_campaign(ADMIN, campaign.id)
    row = assessment(campaign, "S001")
    fire(ADMIN, row.id, "start_self_evaluation")
    return row


def _trips_of(action: Any) -> list[str]:
    """What reached the server, one entry per round trip, while ``action`` ran."""
    import psycopg2.extensions as ext

    sent: list[str] = []

    class Counting(ext.cursor):  # type: ignore[misc]
        def execute(self, sql: Any, params: Any = None) -> Any:
            sent.append(sql if isinstance(sql, str) else sql.decode())
            return super().execute(sql, params)

    connection = database.obj.connection()
    connection.cursor_factory = Counting
    try:
        action()
    finally:
        connection.cursor_factory = ext.cursor
    return sent


def test_a_save_is_four_round_trips_and_is_recorded_whole(db: str) -> None:
    row = _self_evaluating()
    save_leaf(SCHOOL_A, row.id, "A1.1", "1", kind="self", expected_version=None)  # the score row exists now
    save_leaf(SCHOOL_A, row.id, "A1.1", "2", kind="self", expected_version=None)  # its UPDATE is prepared
    before = AuditEvent.select().count()
    if is_postgres():
        trips = _trips_of(lambda: save_leaf(SCHOOL_A, row.id, "A1.1", "2.5", kind="self", expected_version=None))
        assert len(trips) <= 4, trips  # was 10: BEGIN, each read and write, the lock, the INSERT, COMMIT
        assert trips[0].startswith("BEGIN; ") and "COMMIT" in trips[-1]
    else:
        save_leaf(SCHOOL_A, row.id, "A1.1", "2.5", kind="self", expected_version=None)
    assert Score.get((Score.assessment == row.id) & (Score.code == "A1.1")).value == Decimal("2.5")
    assert Assessment.get_by_id(row.id).self_total == Decimal("2.5")
    assert AuditEvent.select().count() == before + 1
    report = run_checks()[1]
    assert report.ok, report.findings


def test_a_held_statement_that_fails_undoes_the_whole_write(db: str) -> None:
    User.create(name="held-a", role="viewer")
    User.create(name="held-b", role="viewer")
    a = User.get(User.name == "held-a").id
    with pytest.raises(peewee.IntegrityError), write_transaction():
        update_by_id(User, a, later=True, role="expert")  # fine on its own
        statements.later(f'UPDATE "user" SET name = {database.obj.param} WHERE id = {database.obj.param}',
                         ["held-b", a])  # a second user of the same name: refused by the unique index
    assert batch.held_count() == 0
    assert User.get_by_id(a).role == "viewer" and User.get_by_id(a).name == "held-a"  # neither was kept
    with write_transaction():  # the next transaction runs none of what the failed one held
        update_by_id(User, a, later=True, role="admin")
    assert User.get_by_id(a).role == "admin" and User.get_by_id(a).name == "held-a"


def test_what_is_held_goes_before_a_cursor_taken_for_itself(db: str) -> None:
    User.create(name="held-c", role="viewer")
    c = User.get(User.name == "held-c").id
    with write_transaction():
        update_by_id(User, c, later=True, role="expert")
        cursor = database.obj.cursor()  # as COPY and executemany take one
        cursor.execute('SELECT role FROM "user" WHERE id = ' + str(c))
        assert cursor.fetchone()[0] == "expert"


def test_an_abandoned_write_sends_nothing_it_held(db: str) -> None:
    with pytest.raises(RuntimeError), write_transaction():
        insert_row("user", {"name": "never", "role": "viewer", "display_name": "", "disabled": False,
                            "ssh_key": "", "key_line": ""}, later=True)
        raise RuntimeError("the write is abandoned before anything reached the server")
    assert batch.held_count() == 0
    assert not User.select().where(User.name == "never").exists()


def test_the_saves_joined_read_builds_what_peewee_builds(db: str) -> None:
    row = _self_evaluating()

    def shape(found: Any) -> list[Any]:
        return [(type(o).__name__, dict(o.__data__), sorted(o.__rel__), sorted(o._dirty),
                 {k: v for k, v in vars(o).items() if k not in ("__data__", "__rel__", "_dirty")})
                for o in (found, found.campaign, found.school, found.round)]

    first = shape(_ASSESSMENT.first(int(row.id)))  # peewee's own process_row
    again = shape(_ASSESSMENT.first(int(row.id)))  # the faster one, from the second read on
    assert again == first
    assert again[0][4]["newest_round_id"] == row.round_id
    types = {name: type(value) for name, value in again[0][1].items() if value is not None}
    assert types["provisional"] is bool and types["version"] is int


def test_an_unsealed_save_takes_the_chains_lock_only_in_its_last_round_trip(db: str) -> None:
    """PostgreSQL without a seal key: the server reads the chain's head, hashes the row and commits in
    the round trip that takes the lock, so no client's work or scheduling lies inside the lock."""
    row = _self_evaluating()
    save_leaf(SCHOOL_A, row.id, "A1.1", "1", kind="self", expected_version=None)
    save_leaf(SCHOOL_A, row.id, "A1.1", "2", kind="self", expected_version=None)
    if is_postgres():
        trips = _trips_of(lambda: save_leaf(SCHOOL_A, row.id, "A1.1", "1.5", kind="self", expected_version=None))
        assert len(trips) <= 2, trips  # the joined read with the scores; the writes, the row and the COMMIT
        assert [i for i, trip in enumerate(trips) if "pg_advisory_xact_lock" in trip] == [len(trips) - 1]
        assert "COMMIT" in trips[-1]
    else:  # one process's write lock holds the whole transaction: nothing to split
        save_leaf(SCHOOL_A, row.id, "A1.1", "1.5", kind="self", expected_version=None)
    newest = AuditEvent.select().order_by(AuditEvent.seq.desc()).get()
    assert newest.action == "score.self" and newest.actor == SCHOOL_A.name and newest.seal == ""
    report = run_checks()[1]
    assert report.ok, report.findings


def test_a_disabled_actor_is_named_from_what_was_held_not_from_the_servers_words() -> None:
    """The server refuses a held row of a disabled user by failing a cast of its marked name; the name
    the refusal gives is the one held, whatever language or quotes the server's message uses."""
    from models import db as models_db

    models_db._chained.actors = ["张三", 'o"brien']
    translated = peewee.DataError('无效的类型 integer 输入语法：“starcampus-disabled-user:o"brien”')
    assert models_db._disabled_actor(translated) == 'o"brien'
    assert models_db._chained.actors == []  # the transaction is over: its rows are forgotten
    models_db._chained.actors = ["李四"]
    assert models_db._disabled_actor(peewee.DataError("value too long for type character varying(64)")) is None
