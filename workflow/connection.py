"""Opening and closing the database for the interfaces (CLI, TUI, web).

``tui/`` never imports ``models``; it reaches the connection through here, as it reaches
every write through the doors.
"""

from __future__ import annotations

import threading

from models.db import DatabaseUnavailable, close_database, default_db_path, open_database, resolve_db_target
from models.pg_config import ConfigError, password_in, public

__all__ = ["ConfigError", "DatabaseUnavailable", "close_database", "close_thread_connection", "default_db_path",
           "open_database", "password_in", "public", "resolve_db_target"]


def close_thread_connection() -> None:
    """Close the calling worker thread's own connection (peewee keeps one per thread)."""
    if threading.current_thread() is threading.main_thread():
        return
    from models.db import database

    obj = database.obj
    if obj is not None and not obj.is_closed():
        obj.close()
