"""The service account's authorized_keys: one forced-command line per officer.

Each line pins the key to ``starcampus --as NAME`` with ``restrict,pty``: no shell, no
forwarding, whatever command the client asks for. Lines we don't own are kept as they are;
the file is replaced atomically so a crash never leaves it half-written.

The file is edited after the database commit, never inside a transaction (which may be
retried); ``locked`` keeps two processes editing it from losing each other's line.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from models.pg_config import public
from workflow.errors import InvalidInput
from workflow.i18n import Msg

MARK = "starcampus-user:"
_KEY = re.compile(r"^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com)"
                  r"\s+[A-Za-z0-9+/=]+(\s+.*)?$")


def default_path() -> Path:
    return Path(os.environ.get("STARCAMPUS_AUTHORIZED_KEYS", Path.home() / ".ssh" / "authorized_keys"))


def check_key(key: str) -> str:
    key = key.strip()
    if "\n" in key or not _KEY.match(key):
        raise InvalidInput("err.invalid", where="--key", what=Msg("why.ssh_key"))
    return " ".join(key.split()[:2])


def forced_line(name: str, key: str, *, program: str, db: str | None, color: str | None = None) -> str:
    # The colour rides in the forced command: sshd forwards no COLORTERM, and no TEXTUAL_* is accepted.
    # Never a password: the line is a command line (ps); the service account's 0600 config or
    # PGPASSFILE supplies it (models.pg_config).
    command = [program] + (["--db", public(db)] if db else []) + (["--color", color] if color else []) + ["--as", name]
    quoted = " ".join(shlex.quote(part) for part in command).replace('"', '\\"')
    return f'command="{quoted}",restrict,pty {check_key(key)} {MARK}{name}'


def color_of(line: str) -> str | None:
    """The ``--color`` a forced line carries, if any (kept when the key is replaced)."""
    if not line.startswith('command="'):
        return None
    words = shlex.split(line[len('command="'):line.find('",', len('command="'))].replace('\\"', '"'))
    return words[words.index("--color") + 1] if "--color" in words[:-1] else None


def _owner(line: str) -> str | None:
    marker = line.rfind(MARK)
    return line[marker + len(MARK):].strip() if marker >= 0 else None


def _replace(path: Path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(prefix=".authorized_keys.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write("".join(line if line.endswith("\n") else line + "\n" for line in lines))
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True) if path.exists() else []


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the lock beside ``path`` (a ``.NAME.lock`` file) while reading and rewriting it."""
    if sys.platform == "win32":  # no service account with authorized_keys there; nothing to share
        yield
        return
    import fcntl

    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with open(path.with_name(f".{path.name}.lock"), "a", encoding="utf-8") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def apply(path: Path, wanted: Mapping[str, str | None]) -> bool:
    """Give each named user exactly the line wanted (None: no line), keeping every other line.

    Call it inside ``locked(path)``. The file is rewritten (atomically) only if it changes, and
    not created just to hold nothing; returns whether it changed.
    """
    lines = [line.rstrip("\n") for line in _read(path)]
    placed: set[str] = set()
    result: list[str] = []
    for existing in lines:
        owner = _owner(existing)
        if owner not in wanted:
            result.append(existing)
        elif owner is not None and wanted[owner] and owner not in placed:  # replaced where it stood
            result.append(str(wanted[owner]))
            placed.add(owner)
    result += [str(line) for name, line in wanted.items() if line and name not in placed]
    if result == lines:
        return False
    _replace(path, result)
    return True
