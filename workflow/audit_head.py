"""The sealed head: the newest audit row's seq and hash, kept off the database beside the key.

The chain alone cannot show that its newest rows, or all of them, were deleted: what is left is
still a whole chain. So after each commit that appended audit rows, the head it reached is written
to ``<key file>.head`` (JSON, one entry per database), sealed with the key, and ``audit verify``
compares it with the table's tail.

- The head only moves forward. Writers in several processes commit in one order but may reach
  this file in another; a lock file serialises them, and an entry is replaced only by a higher seq.
- Written after the commit, never inside it: a rolled-back transaction must not leave a head ahead
  of the table. A crash in between leaves the head *behind*, which is fine: rows past the head
  are checked by their own seals. A head *ahead* of the table's tail means rows were removed.
- A database is known by where it lives (its file, or its server and name) and by when its schema
  was first made (``schema_version`` 1): a database made afresh at the same place (``rm`` then
  ``init``) starts a new entry instead of reading as one whose rows were all removed.
- ``sealed_from``: the first seq appended while the key existed. From there on every row must carry
  a seal, so blanking the seals is caught; rows before it were written before the key.
"""

from __future__ import annotations

import contextlib
import fcntl
import hmac
import json
import os
import tempfile
import threading
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import peewee

from models.db import database, sqlite_file
from models.file_modes import file_mode, make_private, private_folder
from models.schema import AuditEvent, SchemaVersion
from workflow.audit_chain import GENESIS
from workflow.audit_key import key_path, load_key, seal_of

FORMAT = 1


@dataclass(frozen=True)
class Head:
    seq: int
    hash: str
    created: str  # when this database's schema was first made
    sealed_from: int  # the first seq written with the key
    seal: str
    cut: bool = False  # a save found the table cut below this head: it stays here as the evidence

    def text(self, location: str) -> str:
        return (f"head\n{FORMAT}\n{location}\n{self.created}\n{self.seq}\n{self.hash}\n{self.sealed_from}"
                + ("\ncut" if self.cut else ""))

    def sealed_by(self, key: bytes, location: str) -> bool:
        return hmac.compare_digest(self.seal, seal_of(key, self.text(location)))


class HeadDamaged(Exception):
    """The head file is not what this module writes (``detail`` says how)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def head_path() -> Path:
    key = key_path()
    return key.with_name(key.name + ".head")


_identities: weakref.WeakKeyDictionary[peewee.Database, tuple[str, str]] = weakref.WeakKeyDictionary()


def database_identity() -> tuple[str, str]:
    """(where this database lives, when its schema was first made); read once per connection object."""
    db = database.obj
    known = _identities.get(db)
    if known is not None:
        return known
    if isinstance(db, peewee.PostgresqlDatabase):
        params = getattr(db, "connect_params", {}) or {}
        location = f"postgresql://{params.get('host', '')}:{params.get('port', 5432)}/{db.database}"
    else:
        file = sqlite_file(str(db.database))
        location = f"sqlite:{file.resolve() if file is not None else db.database}"
    created = SchemaVersion.select(SchemaVersion.applied_at).where(SchemaVersion.version == 1).scalar() or ""
    _identities[db] = (location, str(created))
    return _identities[db]


def _parse(raw: bytes) -> dict[str, dict[str, object]]:
    try:
        data = json.loads(raw.decode())
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise HeadDamaged(str(exc)) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("heads"), dict):
        raise HeadDamaged("not a head file")
    return data["heads"]


def _entry(raw: object) -> Head:
    if not isinstance(raw, dict):
        raise HeadDamaged("not a head entry")
    try:
        return Head(int(raw["seq"]), str(raw["hash"]), str(raw["created"]), int(raw["sealed_from"]),
                    str(raw["seal"]), bool(raw.get("cut", False)))
    except (KeyError, TypeError, ValueError) as exc:
        raise HeadDamaged(f"entry lacks {exc}") from None


def read_head() -> Head | None:
    """This database's recorded head, or None when none was recorded (``HeadDamaged`` if unreadable)."""
    try:
        raw = head_path().read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise HeadDamaged(exc.strerror or str(exc)) from None
    location, _created = database_identity()
    entry = _parse(raw).get(location)
    return None if entry is None else _entry(entry)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    private_folder(path.parent)
    fd = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, file_mode())
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _replace(path: Path, heads: dict[str, dict[str, object]]) -> None:
    """Write the whole file to a temp file, fsync it, rename it over: never half a head file."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"format": FORMAT, "heads": heads}, handle, ensure_ascii=False, sort_keys=True, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        make_private(tmp)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def record(seq: int, digest: str, *, first_seq: int, key: bytes, first_prev: str | None = None,
           appended: dict[int, str] | None = None) -> None:
    """Move this database's head to (seq, digest) unless it is already there or further on.

    ``first_seq`` is where sealing starts if this database has no entry yet (the first row this
    commit wrote, or for ``audit init-key`` the next row to come). ``first_prev`` (the first row's
    prev_hash) and ``appended`` (seq -> hash of this commit's rows) let a commit see that the
    table was cut below the head and grown again: the recorded row is gone or its successor does not
    follow it. The head then stays where it is, so verify keeps reporting the cut.
    """
    location, created = database_identity()
    path = head_path()
    with _locked(path):
        try:
            heads = _parse(path.read_bytes())
        except FileNotFoundError:
            heads = {}
        except HeadDamaged:
            heads = {}  # a damaged file tells nothing: start again rather than stop every save
        sealed_from = first_seq
        if location in heads:
            with contextlib.suppress(HeadDamaged):
                current = _entry(heads[location])
                if current.created == created and current.sealed_by(key, location):
                    if current.cut:
                        return  # evidence of a cut: it stays until someone looks (docs/reliability.md)
                    replaced = appended is not None and appended.get(current.seq, current.hash) != current.hash
                    unfollowed = (current.seq == first_seq - 1 and first_prev is not None
                                  and first_prev != current.hash)
                    if replaced or unfollowed:
                        # The row the head names is gone: the table was cut and has grown again.
                        _write(path, heads, location, replace(current, cut=True), key)
                        return
                    if current.seq >= seq:
                        return  # another process got further first: the head never moves back
                    sealed_from = current.sealed_from
        _write(path, heads, location, Head(seq, digest, created, sealed_from, ""), key)


def _write(path: Path, heads: dict[str, dict[str, object]], location: str, head: Head, key: bytes) -> None:
    entry: dict[str, object] = {"seq": head.seq, "hash": head.hash, "created": head.created,
                                "sealed_from": head.sealed_from, "seal": seal_of(key, head.text(location))}
    if head.cut:
        entry["cut"] = True
    heads[location] = entry
    _replace(path, heads)


@dataclass
class _Appended:
    first_seq: int
    first_prev: str
    hashes: dict[int, str]


# The sealed rows appended by the transaction under way in this thread.
_pending = threading.local()


def note_appended(seq: int, digest: str, prev_hash: str) -> None:
    """Called by ``audit.append`` (sealed rows only): remember the head this transaction reaches."""
    current: _Appended | None = getattr(_pending, "value", None)
    if current is None:
        current = _pending.value = _Appended(seq, prev_hash, {})
    current.hashes[seq] = digest


def discard() -> None:
    """The transaction rolled back (or a new one starts): its rows never were."""
    _pending.value = None


def after_commit() -> None:
    """Record the head the committed transaction reached. A failure here (a full disk) only leaves
    the head behind, which verify tolerates: the save itself has been committed and stands."""
    value: _Appended | None = getattr(_pending, "value", None)
    _pending.value = None
    if value is None:
        return
    seq = max(value.hashes)
    with contextlib.suppress(Exception):
        key = load_key()
        if key is not None:
            record(seq, value.hashes[seq], first_seq=value.first_seq, key=key, first_prev=value.first_prev,
                   appended=value.hashes)


def record_tail() -> Head | None:
    """``audit init-key``: record the table's newest row as the head now, so the tail is checked
    from today; every row after it must carry a seal. None when there is no key to seal it with."""
    key = load_key()
    if key is None:
        return None
    newest = AuditEvent.select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).first()
    seq, digest = (int(newest.seq), str(newest.hash)) if newest is not None else (0, GENESIS)
    record(seq, digest, first_seq=seq + 1, key=key)
    return read_head()
