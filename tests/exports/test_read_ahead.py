"""The workbook's score rows read in a thread ahead of the writer (exports/read_ahead.py): the same
rows in the same order, a reading error raised where the rows are read, a writer that stops leaves
no thread behind, and inside a transaction its own unsaved rows are read (in the caller's thread)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.data import campaign_db
from exports.gather import workbook_input
from exports.read_ahead import read_ahead
from exports.workbook import write_workbook
from models.db import close_database, database, open_database
from models.schema import Assessment, Campaign


def _readers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "read-ahead"]


def _ids() -> Iterator[list[int]]:
    query = Assessment.select(Assessment.id).order_by(Assessment.id).tuples()
    batch: list[int] = []
    for (aid,) in query:
        batch.append(int(aid))
        if len(batch) == 7:
            yield batch
            batch = []
    if batch:
        yield batch


def test_rows_come_in_order_and_a_reading_error_is_raised_to_the_writer(db_url: str, tmp_path: Path) -> None:
    campaign_db(db_url, 30)
    open_database(db_url)
    try:
        assert list(read_ahead(_ids, depth=1)) == list(range(1, 31))

        def failing() -> Iterator[list[int]]:
            yield [1]
            database.execute_sql("SELECT no_such_column FROM assessment")
            yield [2]

        rows = read_ahead(failing)
        assert next(rows) == 1
        with pytest.raises(Exception, match="no_such_column"):
            next(rows)
        assert not _readers()
    finally:
        close_database()


def test_a_writer_that_fails_leaves_no_reader_behind_and_no_file(db_url: str, tmp_path: Path) -> None:
    campaign_db(db_url, 30)
    open_database(db_url)
    try:
        data = workbook_input(Campaign.get(), {})

        def broken(rows):  # type: ignore[no-untyped-def]
            for i, row in enumerate(rows):
                if i == 3:
                    raise RuntimeError("the writer failed")
                yield row

        with pytest.raises(RuntimeError, match="the writer failed"):
            write_workbook(type(data)(data.campaign_title, data.leaf_codes, data.leaf_names, data.leaf_max,
                                      broken(data.rows)), tmp_path / "w.xlsx")
        assert not _readers() and not list(tmp_path.glob("*.xlsx*")) and not list(tmp_path.glob(".w.xlsx*"))
    finally:
        close_database()


def test_inside_a_transaction_its_unsaved_rows_are_read(db_url: str) -> None:
    campaign_db(db_url, 10)
    open_database(db_url)
    try:
        with database.obj.atomic() as txn:
            database.execute_sql("DELETE FROM assessment WHERE id > 4")
            assert list(read_ahead(_ids)) == [1, 2, 3, 4]
            txn.rollback()
        assert list(read_ahead(_ids)) == list(range(1, 11))
    finally:
        close_database()
