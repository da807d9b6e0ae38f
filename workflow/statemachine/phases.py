"""Campaign phase windows: parsing officers' dates and refusing impossible schedules."""

from __future__ import annotations

import calendar
import json
import re
from datetime import date
from typing import Any

from workflow.errors import InvalidInput
from workflow.i18n import Label, Msg
from workflow.statemachine.declaration import PHASES, phase

_ISO = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*$")
_CHINESE = re.compile(r"^\s*(?:(\d{4})\s*年)?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?\s*$")


def parse_date(value: str | date, *, field: Msg | str, default_year: int | None = None) -> date:
    """Read "2022-09-16", "2022/9/16", "2022年9月16日" or "9月16日" (with ``default_year``).

    A date that does not exist ("9月31日") is refused, never rolled into the next month.
    """
    if isinstance(value, date):
        return value
    text = str(value).translate(str.maketrans("０１２３４５６７８９－／", "0123456789-/"))
    match = _ISO.match(text) or _CHINESE.match(text)
    if not match:
        raise InvalidInput("err.date_invalid", field=field, value=value, detail=Msg("why.date_format"))
    year_text, month_text, day_text = match.groups()
    year = int(year_text) if year_text else default_year
    if year is None:
        raise InvalidInput("err.date_invalid", field=field, value=value, detail=Msg("why.date_no_year"))
    month, day = int(month_text), int(day_text)
    if not 1 <= month <= 12:
        raise InvalidInput("err.date_invalid", field=field, value=value, detail=Msg("why.date_month"))
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise InvalidInput("err.date_invalid", field=field, value=value,
                           detail=Msg("why.date_days", year=year, month=month, days=days))
    return date(year, month, day)


def parse_windows(raw: dict[str, Any], *, default_year: int | None = None) -> dict[str, tuple[date, date]]:
    """Validate ``{phase: (start, end)}``: every phase present, real dates, in order, no overlap."""
    windows: dict[str, tuple[date, date]] = {}
    for entry in PHASES:
        name = entry["name"]
        title = Label(entry)
        if name not in raw or raw[name] is None:
            raise InvalidInput("err.window_missing", phase=title)
        start_raw, end_raw = raw[name]
        start = parse_date(start_raw, field=Msg("field.phase_start", phase=title), default_year=default_year)
        end = parse_date(end_raw, field=Msg("field.phase_end", phase=title), default_year=default_year)
        if end < start:
            raise InvalidInput("err.window_backwards", phase=title, start=start, end=end)
        windows[name] = (start, end)
    names = [p["name"] for p in PHASES]
    for first, second in zip(names, names[1:], strict=False):
        if windows[second][0] <= windows[first][1]:
            raise InvalidInput(
                "err.window_overlap",
                first=Label(phase(first)), end=windows[first][1],
                second=Label(phase(second)), start=windows[second][0],
            )
    return windows


def windows_to_json(windows: dict[str, tuple[date, date]]) -> str:
    return json.dumps({k: [s.isoformat(), e.isoformat()] for k, (s, e) in windows.items()})


def windows_from_json(text: str) -> dict[str, tuple[date, date]]:
    data = json.loads(text)
    return {k: (date.fromisoformat(v[0]), date.fromisoformat(v[1])) for k, v in data.items()}


def next_phase(current: str) -> str | None:
    names = [p["name"] for p in PHASES]
    index = names.index(current)
    return names[index + 1] if index + 1 < len(names) else None


def campaign_windows(campaign: Any) -> dict[str, tuple[date, date]]:
    """A campaign's phase windows (各阶段时间), as saved on the campaign row."""
    return windows_from_json(campaign.windows_json)


def shift_years(day: date, years: int) -> date:
    """``day`` in a year ``years`` later (29 February becomes 28 February in a common year): a
    next cycle's windows, a review's window from the campaign's."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
