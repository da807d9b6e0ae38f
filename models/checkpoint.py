"""SQLite's WAL checkpoints run after a save has let go of the write lock, not inside its COMMIT.

In WAL mode SQLite copies the log back into the database file (a checkpoint) once the log holds
``wal_autocheckpoint`` pages, 1,000 by default, and it does so inside the COMMIT that crossed the
line: the log's fsync, the copying and the database file's fsync, 12-19 ms here against 0.05 ms for
a plain COMMIT. A score save writes about 5.6 pages, so one save in ~180 did it, and it did it
holding the write lock (models.write_lock, let go after the COMMIT returns): every other officer's
save waited for the disk, as long as the disk took (issue 14: 16 writers gave 450-1,700 saves a
second from run to run, while others' programs were flushing the same disk).

So here:

- Every connection checkpoints by itself only past ``HARD_FRAMES`` (``wal_autocheckpoint``, set in
  models.db.SQLITE_PRAGMAS): the safety net that keeps the log bounded whatever else happens.
- A writer that has just committed and let go of the lock looks at how much of the log is not yet
  copied back (``pending_frames``, read from the wal-index header of the ``-shm`` file,
  https://sqlite.org/walformat.html) and past ``DUE_FRAMES`` runs a PASSIVE checkpoint: it copies
  what it can while the other writers go on appending. PASSIVE never waits: when another process is
  checkpointing already it returns at once. The save was committed before; only that officer's
  answer waits for the checkpoint, no one else's save.
- Under a load that never pauses, a log being appended to during every checkpoint is never started
  again from its beginning (SQLite restarts it only when a writer finds all of it copied back);
  it then grows to ``HARD_FRAMES`` and the safety net's checkpoint, inside a COMMIT, lets it restart.
  At 5.6 pages a save that is one stall in ~1,800 saves instead of one in ~180, and a short one:
  the pages were mostly copied already.

Durability is SQLite's, unchanged: a checkpoint moves committed pages from the log into the
database file; whether it runs inside a COMMIT or just after changes nothing a crash could lose.
Where the ``-shm`` file cannot be read, or its header is not the format this reads, nothing is
done here and the safety net alone checkpoints.
"""

from __future__ import annotations

import contextlib
import os
import struct

import peewee

DUE_FRAMES = 1000  # SQLite's own default threshold
HARD_FRAMES = 10_000  # wal_autocheckpoint: ~40 MB of log at 4 KiB pages, the most it grows to

_WALINDEX_VERSION = 3007000  # the wal-index header's iVersion (walformat.html)
_HEADER = struct.Struct("=I4xI?xxxI")  # iVersion, (unused), iChange, isInit, (bigEndCksum, szPage), mxFrame
_BACKFILL = struct.Struct("=I")  # nBackfill: the first field of the checkpoint information, after two header copies
_BACKFILL_AT = 96


def pending_frames(db: peewee.SqliteDatabase) -> int | None:
    """Frames of the log not yet copied back into the database file, or None when it cannot be told."""
    from models.db import sqlite_file  # models.db imports this module

    file = sqlite_file(str(db.database))
    if file is None:
        return None
    try:
        fd = os.open(file.with_name(file.name + "-shm"), os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        raw = os.pread(fd, _BACKFILL_AT + _BACKFILL.size, 0)
    except OSError:
        return None
    finally:
        os.close(fd)
    if len(raw) < _BACKFILL_AT + _BACKFILL.size:
        return None
    version, _change, initialised, frames = _HEADER.unpack_from(raw, 0)
    if version != _WALINDEX_VERSION or not initialised:
        return None
    (backfilled,) = _BACKFILL.unpack_from(raw, _BACKFILL_AT)
    return max(0, frames - backfilled)


def after_write(db: peewee.SqliteDatabase) -> None:
    """After a write's COMMIT, outside the write lock: copy the log back when enough of it is due."""
    pending = pending_frames(db)
    if pending is None or pending < DUE_FRAMES:
        return
    # PASSIVE: busy (another checkpointing) answers at once. Any error leaves it to the next writer
    # or to the safety net: the write this follows is committed and stays so.
    with contextlib.suppress(peewee.DatabaseError):
        db.execute_sql("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
