"""A campaign's title, issuing organ and frozen rubric edited in the database: the notice shows the first
two, and the rubric decides what a leaf may score (officer/attacker trial, session 8: a leaf raised from 8 to
18 points let an expert's 18 through, and `audit verify` passed). Each is named, on SQLite and PostgreSQL;
an honest re-threshold still passes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from models.db import database
from tests.security.sql_edit import assert_named
from tests.security.sql_edit import sql as _sql


def _first_campaign() -> int:
    return int(database.execute_sql("SELECT MIN(id) FROM campaign").fetchone()[0])


def _leaf_points() -> None:
    # Leaf 1.1 from 8 to 18 and its parent from 25 to 35: the rubric still adds up, so it still loads.
    cid = _first_campaign()
    (text,) = database.execute_sql(f"SELECT rubric_json FROM campaign WHERE id = {database.obj.param}",
                                   (cid,)).fetchone()
    edited = text.replace('"points": "8"', '"points": "18"', 1)
    assert edited != text
    _sql("UPDATE campaign SET rubric_json = ? WHERE id = ?", edited, cid)


CASES: dict[str, tuple[Callable[[], None], tuple[str, ...]]] = {
    "title": (lambda: _sql("UPDATE campaign SET title = '伪造标题' WHERE id = ?", _first_campaign()),
              ("评定工作名称", "伪造标题")),
    "organ": (lambda: _sql("UPDATE campaign SET organ = '伪造机关' WHERE id = ?", _first_campaign()),
              ("发文机关", "伪造机关")),
    "a leaf's points in the frozen rubric": (_leaf_points, ("所用评估标准",)),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_campaign_edited_in_the_database_is_named(db: str, name: str) -> None:
    edit, words = CASES[name]
    assert_named(edit, words, name)
