"""Who may read the files the program creates: their owner only, or the owner's group by setting.

The database, the audit seal key, drafts, logs, backups and exports all hold school data or a
secret. The process sets its umask once at start (``apply_umask``), so every file and folder
it creates is private from the first byte; files that must be private even where the umask
was not set (a library caller, an older file) are chmod-ed explicitly (``make_private``).

``STARCAMPUS_FILE_ACCESS=group`` shares them with the owner's group (0660 files, 0770
folders): a bureau whose officers run the program under separate accounts of one group. The
setting can only widen access to the group, never to everybody.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

PRIVATE_UMASK = 0o077
GROUP_UMASK = 0o007


def group_access() -> bool:
    return os.environ.get("STARCAMPUS_FILE_ACCESS", "").strip().lower() == "group"


def file_mode() -> int:
    return 0o660 if group_access() else 0o600


def folder_mode() -> int:
    return 0o770 if group_access() else 0o700


def apply_umask() -> int:
    """Set the process umask for private (or group) files; the previous umask."""
    return os.umask(GROUP_UMASK if group_access() else PRIVATE_UMASK)


def make_private(path: str | os.PathLike[str]) -> None:
    """Give ``path`` the file mode of the setting (0600 by default); a missing file is left alone."""
    with contextlib.suppress(FileNotFoundError):
        os.chmod(path, file_mode())


def private_folder(folder: str | os.PathLike[str]) -> Path:
    """Create ``folder`` (and its missing parents) with the folder mode; an existing folder keeps its own.

    Folders that already exist may be shared on purpose (``/srv``, a home directory): only the
    ones created here are made private.
    """
    path = Path(folder)
    missing = []
    probe = path
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    path.mkdir(parents=True, exist_ok=True)
    for created in missing:
        with contextlib.suppress(OSError):
            os.chmod(created, folder_mode())
    return path
