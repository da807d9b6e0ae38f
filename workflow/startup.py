"""What the console script asks before anything else is imported (tui.cli.entry).

Kept free of heavy imports: it runs before peewee is loaded, so that peewee loads without psycopg2
(models/pg_driver.py), which only a PostgreSQL database needs.
"""

from __future__ import annotations

from models.pg_driver import peewee_without_psycopg2


def hold_back_server_driver() -> bool:
    """peewee without psycopg2 until a server is opened; True when held back (peewee not yet loaded)."""
    return peewee_without_psycopg2()
