"""The seal key: where it lives, its format, and the seal it makes.

The key is 32 random bytes written as 64 hex digits and a newline (``create_key``). Its format
is checked before every use: a file with text appended (``user add --authorized-keys`` aimed at
it, an editor's stray line) would otherwise seal nothing right and make every sealed row read as
rewritten, a tampering verdict for what is a damaged key. ``KeyDamaged`` names the file instead.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from pathlib import Path

import workflow.audit_strings  # noqa: F401  - registers the key's refusals
from models.file_guard import audit_key_path
from models.file_modes import private_folder
from workflow.errors import WorkflowError

# The text create_key writes: 64 lowercase hex digits, then one newline (CRLF tolerated: a copy
# through a Windows editor changes nothing the key means).
_KEY_TEXT = re.compile(rb"[0-9a-f]{64}(\r?\n)?")


class KeyDamaged(WorkflowError):
    """The key file is there but is not a key: verification and sealing stop and name it."""


def key_path() -> Path:
    """``STARCAMPUS_AUDIT_KEY_FILE``, else the user's config folder; one definition, which
    models.file_guard also uses to keep every output off it."""
    return audit_key_path()


def load_key() -> bytes | None:
    """The key, or None when there is no key file (nor one this account may open).

    A file that is present but readable and not in the key's format raises ``KeyDamaged``.
    """
    path = key_path()
    try:
        data = _read_key_file(path)
    except FileNotFoundError:
        return None
    except PermissionError:
        return None  # a local account without the service account's rights: it writes unsealed rows
    except OSError as exc:
        raise KeyDamaged("audit.key.unreadable", path=path, detail=exc.strerror or str(exc)) from None
    if not _KEY_TEXT.fullmatch(data):
        raise KeyDamaged("audit.key.damaged", path=path, size=len(data))
    return data[:64]


def _read_key_file(path: Path) -> bytes:
    """The file's bytes, read afresh each time (a damaged or replaced key is noticed at the next write)
    through the bare system calls: every write loads the key, on SQLite holding the write lock."""
    fd = os.open(path, os.O_RDONLY)
    try:
        head = os.read(fd, 4096)
    finally:
        os.close(fd)
    return head if len(head) < 4096 else path.read_bytes()  # far too long to be a key: its size is named


def create_key() -> Path:
    """Write a new random key (mode 0600); an existing key is never replaced."""
    path = key_path()
    if path.exists():
        return path
    private_folder(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_hex(32) + "\n")
    return path


def seal_of(key: bytes, digest: str) -> str:
    return hmac.new(key, digest.encode(), hashlib.sha256).hexdigest()
