"""psycopg2 only when a PostgreSQL database is opened.

peewee imports psycopg2 (and through it libpq and OpenSSL) the moment it is itself imported: about
40 ms of every start, on SQLite too, where it is never used. The console script asks peewee to be
imported without it (``peewee_without_psycopg2``, the first thing ``tui.cli.entry`` does); opening a
server then loads the driver and gives peewee what its own import would have set
(``load_psycopg2``, called by ``models.db.make_database``). A library caller or a test that imports
peewee first gets peewee's ordinary import, and ``load_psycopg2`` finds nothing to do.

This module imports neither peewee nor psycopg2 at its top: it runs before both.
"""

from __future__ import annotations

import sys

# peewee's other PostgreSQL drivers: with either installed, peewee's choice depends on what psycopg2's
# absence would mean, so nothing is held back (load_psycopg2 restores psycopg2's names only).
_OTHER_DRIVERS = ("psycopg", "psycopg2cffi")


def peewee_without_psycopg2() -> bool:
    """Import peewee with psycopg2 held back; True when it was (peewee was not yet imported). The
    driver stays importable: only peewee's own import of it is skipped."""
    from importlib.util import find_spec

    if "peewee" in sys.modules or "psycopg2" in sys.modules:
        return False
    if any(find_spec(name) is not None for name in _OTHER_DRIVERS):
        return False
    sys.modules["psycopg2"] = None  # type: ignore[assignment]  # peewee's "import psycopg2" fails
    try:
        import peewee
    finally:
        del sys.modules["psycopg2"]
    if not hasattr(peewee, "Psycopg2Adapter"):
        # Not the peewee load_psycopg2 knows how to complete: imported again, the ordinary way,
        # before anything has used it.
        import importlib

        importlib.reload(peewee)
        return False
    return True


def load_psycopg2() -> None:
    """Before a PostgreSQL database is made: the driver, and peewee's names for it, as peewee's own
    import sets them (peewee 4: the module's ``psycopg2``/``pg_extensions``/``Json_pg2``, uuid
    adaptation, the adapter's transaction states). Nothing to do when peewee imported it itself."""
    import peewee

    if peewee.psycopg2 is not None:
        return
    try:
        import psycopg2
    except ImportError:
        return  # peewee says "psycopg2 postgres driver not found" on connect, as it always did
    from psycopg2 import extensions
    from psycopg2.extras import Json, register_uuid

    register_uuid()
    module = vars(peewee)
    module["pg_extensions"] = extensions
    module["pg_register_uuid"] = register_uuid
    module["Json_pg2"] = Json
    adapter = peewee.Psycopg2Adapter
    adapter.txn_idle = extensions.TRANSACTION_STATUS_IDLE
    adapter.txn_inerror = extensions.TRANSACTION_STATUS_INERROR
    adapter.txn_unknown = extensions.TRANSACTION_STATUS_UNKNOWN
    module["psycopg2"] = psycopg2  # last: it is what says the rest is set
