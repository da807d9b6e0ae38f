"""The TUI's log file: every unexpected error with its traceback, while the screen shows a plain message.

It lives in the data directory: next to the SQLite file, or in the user's log directory
(platformdirs) when the database is a PostgreSQL server. It rotates (1 MiB, three old files kept)
and is created 0600: a traceback may quote a school's data.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
from pathlib import Path

from workflow.i18n import t

LOGGER = "starcampus"
FILE_NAME = "starcampus.log"
MAX_BYTES = 1024 * 1024
BACKUPS = 3

_path: Path | None = None


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Every file it opens, the first and each one after a rotation, is readable by its owner only."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.chmod(self.baseFilename, 0o600)  # an older file keeps its mode otherwise
        return io.TextIOWrapper(io.FileIO(fd, "a"), encoding=self.encoding or "utf-8", errors=self.errors,
                                write_through=True)


def log_dir_for(db_target: str) -> Path:
    """The data directory for ``db_target``: the SQLite file's folder, else the user's log directory."""
    if "://" not in db_target:
        return Path(db_target).expanduser().resolve().parent
    if db_target.startswith("sqlite://"):
        path = db_target.split("://", 1)[1].split("?", 1)[0]
        if path and path != ":memory:":
            return Path(path).expanduser().resolve().parent
    import platformdirs

    return Path(platformdirs.user_log_dir("starcampus"))


def configure(db_target: str) -> Path:
    """Send the ``starcampus`` logger to the rotating file for ``db_target``; the file's path."""
    global _path
    folder = log_dir_for(db_target)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / FILE_NAME
    logger = logging.getLogger(LOGGER)
    for old in list(logger.handlers):
        if isinstance(old, PrivateRotatingFileHandler):
            logger.removeHandler(old)
            old.close()
    handler = PrivateRotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # the terminal belongs to the TUI
    _path = path
    return path


def current_path() -> Path | None:
    """Where unexpected errors are written, once ``configure`` has run."""
    return _path


def log_unexpected(error: BaseException, what: str = "unexpected error") -> Path | None:
    """Write ``error`` with its traceback; the log file's path (None when no file is configured)."""
    logging.getLogger(LOGGER).error("%s: %s", what, error, exc_info=(type(error), error, error.__traceback__))
    return _path


def plain_message(path: Path | None) -> str:
    """What the officer reads instead of a traceback."""
    return t("tui.err.unexpected", path=str(path)) if path else t("tui.err.unexpected_nolog")
