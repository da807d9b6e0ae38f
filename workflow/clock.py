"""Where "now" comes from. Tests and the demo pin it; officers get the real time.

``STARCAMPUS_NOW`` moves the clock of every audit row written, so it is honoured only once the
interface has said the environment may be trusted: for root and the database's service account,
who could rewrite the database file directly anyway (workflow.identity). Anyone else's variable
is ignored, so nobody backdates their own rows.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo

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


# ----- shown times (issue 16): every time a user reads, in one zone
DEFAULT_DISPLAY_ZONE = "Asia/Shanghai"
_display_zone: tzinfo | None = None


def display_zone() -> tzinfo:
    """The zone times are shown in: ``[display] timezone`` in the config file, else Asia/Shanghai.

    From the service account's config file (models.pg_config), not the environment, which an SSH
    client may set: the zone is display-only, but one office should read one clock. An unknown
    zone name, or a config file that may not be read, falls back to the default.
    """
    global _display_zone
    if _display_zone is None:
        _display_zone = _zone(_configured_zone_name())
    return _display_zone


def reset_display_zone() -> None:
    """Read the config file again at the next ``display_zone()`` (after it changed; tests)."""
    global _display_zone
    _display_zone = None


def _configured_zone_name() -> str:
    from models.pg_config import ConfigError, load_config

    try:
        section = load_config().get("display", {})
    except (ConfigError, OSError):
        return DEFAULT_DISPLAY_ZONE
    name = section.get("timezone") if isinstance(section, dict) else None
    return str(name) if name else DEFAULT_DISPLAY_ZONE


def _zone(name: str) -> tzinfo:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return _CHINA  # no tz database, or a name it does not know: the program's own zone


def local(moment: str | datetime, *, seconds: bool = False) -> str:
    """``moment`` (a stored stamp or a datetime) as the reader's local time: "2023-09-20 10:00".

    A stamp without an offset is taken as the program's own zone (UTC+8), as ``now`` writes it.
    Text that is not a stamp is shown as it is.
    """
    if isinstance(moment, str):
        if not moment:
            return ""
        try:
            parsed = datetime.fromisoformat(moment)
        except ValueError:
            return moment
    else:
        parsed = moment
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=_CHINA)
    return parsed.astimezone(display_zone()).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
