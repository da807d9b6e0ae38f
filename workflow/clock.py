"""Where "now" comes from. Tests and the demo pin it; officers get the real time."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta, timezone

_CHINA = timezone(timedelta(hours=8))
_pinned: datetime | None = None


def pin(moment: datetime | None) -> None:
    global _pinned
    _pinned = moment


def now() -> datetime:
    if _pinned is not None:
        return _pinned
    env = os.environ.get("STARCAMPUS_NOW")
    if env:
        moment = datetime.fromisoformat(env)
        return moment if moment.tzinfo else moment.replace(tzinfo=_CHINA)
    return datetime.now(UTC).astimezone(_CHINA)


def today() -> date:
    return now().date()


def stamp(moment: datetime | None = None) -> str:
    """A sortable, timezone-explicit text form, identical on SQLite and PostgreSQL."""
    return (moment or now()).isoformat(timespec="seconds")
