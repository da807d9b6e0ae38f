"""Every school line of a round, read a page at a time: ``starcampus status --all`` at 500,000
schools prints them as they come instead of holding half a million rows (1.19 GB) first.

Pages follow the register's display order by keyset ((display_order, code) after the last line
seen), so each page is one short walk of the index on both backends, never an OFFSET.
"""

from __future__ import annotations

from collections.abc import Iterator

import peewee as pw

from models.db import is_postgres
from models.schema import Assessment, School, round_order_column, round_school_columns
from workflow.permissions import Actor
from workflow.reads.queries import SchoolRow, round_id_of
from workflow.reads.scope import reader_scope

PAGE = 2000


def school_lines(actor: Actor, campaign_id: int, round_id: int | None = None, *, page: int = PAGE
                 ) -> Iterator[SchoolRow]:
    """The round's schools in display order (a school user: its own school only)."""
    scope = reader_scope(actor, campaign_id)
    in_round = round_id_of(campaign_id, round_id)
    dec = Assessment.self_total.python_value
    after: tuple[int, str] | None = None
    name, township, stage = round_school_columns(in_round)  # a frozen round: each school as settled there
    kept_order = round_order_column(in_round)  # and in the order they had then
    while True:
        if is_postgres():
            query = Assessment.select().join(School).where(Assessment.round == in_round)
        else:  # walk the register's display-order index, as queries._filtered does
            query = School.select().join(Assessment, pw.JOIN.CROSS).where(
                (Assessment.school == School.id) & (Assessment.round == in_round))
        if scope is not None:
            query = query.where(School.code == scope)
        if after is not None:
            query = query.where(pw.Tuple(kept_order, School.code) > pw.Tuple(*after))
        rows = list(query.select(Assessment.id, School.code, name, township, stage,
                                 Assessment.state, Assessment.self_total, Assessment.verified_total,
                                 Assessment.star_level, Assessment.provisional, Assessment.updated_at,
                                 kept_order)
                    .order_by(kept_order, School.code).limit(page).tuples())
        for r in rows:
            yield SchoolRow(r[0], r[1], r[2], r[3], r[4], r[5], dec(r[6]), dec(r[7]), r[8], bool(r[9]), r[10], r[11])
        if len(rows) < page:
            return
        after = (rows[-1][11], rows[-1][1])
