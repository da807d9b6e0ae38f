"""Where "now" comes from. Tests and the demo pin it; officers get the real time.

``STARCAMPUS_NOW`` moves the clock of every audit row written, so it is honoured only once the
interface has said the environment may be trusted: for root and the database's service account,
who could rewrite the database file directly anyway (workflow.identity). Anyone else's variable
is ignored, so nobody backdates their own rows.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta, timezone

_CHINA = timezone(timedelta(hours=8))
_pinned: datetime | None = None
_environment_trusted = False


def pin(moment: datetime | None) -> None:
    global _pinned
    _pinned = moment


def trust_environment(trusted: bool) -> None:
    """Whether ``STARCAMPUS_NOW`` may set the clock for this process (see the module's docstring)."""
    global _environment_trusted
    _environment_trusted = trusted


def now() -> datetime:
    if _pinned is not None:
        return _pinned
    env = os.environ.get("STARCAMPUS_NOW") if _environment_trusted else None
    if env:
        moment = datetime.fromisoformat(env)
        return moment if moment.tzinfo else moment.replace(tzinfo=_CHINA)
    return datetime.now(UTC).astimezone(_CHINA)


def today() -> date:
    return now().date()


def stamp(moment: datetime | None = None) -> str:
    """A sortable, timezone-explicit text form, identical on SQLite and PostgreSQL."""
    return (moment or now()).isoformat(timespec="seconds")
