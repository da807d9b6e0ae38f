"""SQLite's WAL checkpoints run after a save has let go of the write lock, not inside its COMMIT.

In WAL mode SQLite copies the log back into the database file (a checkpoint) once the log holds
``wal_autocheckpoint`` pages, 1,000 by default, and it does so inside the COMMIT that crossed the
line: the log's fsync, the copying and the database file's fsync, 12-35 ms here against 0.05 ms for
a plain COMMIT. A score save writes about 5.6 pages, so one save in ~180 did it, and it did it
holding the write lock (models.write_lock, let go after the COMMIT returns): every other officer's
save waited for the disk, as long as the disk took.

So here:

- Each process, after every ``EVERY``-th write it committed to a database and once the lock is let go,
  runs a PASSIVE checkpoint: it copies back what the log holds while the other writers go on
  appending. PASSIVE never waits: when another process is checkpointing already it returns at once.
  That officer's answer waits for it; the save was committed before, and no one else's save waits.
  Sixteen processes each counting their own writes checkpoint about once every ``EVERY`` saves between
  them, as one would. Not more often: a checkpoint costs two fsyncs however little it copies (every 64
  writes made one writer alone 15-20% slower than SQLite's own every ~180).
- SQLite's own checkpoint inside a COMMIT stays as the safety net, past ``HARD_FRAMES``
  (``wal_autocheckpoint``, set in models.db.SQLITE_PRAGMAS): for processes that each write fewer than
  ``EVERY`` times, and for a load that never pauses, under which the log is never started again from
  its beginning (SQLite restarts it only when a writer finds all of it copied back), so it grows to
  this and the checkpoint inside a COMMIT lets it restart, having little left to copy.

How much of the log is due is not read from the ``-shm`` file: opening and closing that file in a
process that has the database open drops every POSIX lock SQLite holds on it (closing any descriptor
of a file does), and another process would then take the wal-index for its own and rebuild it under
the others (a SIGBUS in a writer, seen in tests/reliability/test_backup_while_writing.py).

Durability is SQLite's, unchanged: a checkpoint moves committed pages from the log into the
database file; whether it runs inside a COMMIT or just after changes nothing a crash could lose.
"""

from __future__ import annotations

import contextlib
import threading
import weakref

import peewee

EVERY = 160  # this process's writes to a database between two checkpoints (~900 log pages, as SQLite's 1,000)
HARD_FRAMES = 4000  # wal_autocheckpoint: ~16 MB of log at 4 KiB pages

_writes: weakref.WeakKeyDictionary[peewee.Database, int] = weakref.WeakKeyDictionary()
_counting = threading.Lock()


def after_write(db: peewee.SqliteDatabase) -> None:
    """After a write's COMMIT, outside the write lock: every ``EVERY``-th time, copy the log back."""
    with _counting:
        count = _writes.get(db, 0) + 1
        _writes[db] = 0 if count >= EVERY else count
    if count < EVERY:
        return
    # Busy (another process checkpointing) answers at once. Any error leaves it to the next writer
    # or to the safety net: the write this follows is committed and stays so.
    with contextlib.suppress(peewee.DatabaseError):
        db.execute_sql("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
