"""The dashboard's reads, without Textual: the campaigns, a campaign's heading and counts, and the
launch's first read.

The launch's read (``read_launch``) is made before the app runs (tui/cli_run.py), as the acting user
is: the campaigns, the one the dashboard opens, its heading and its first page of schools, a few
milliseconds at any size. The dashboard draws them in its first frame, instead of after two reads in
thread workers, each started only once the frame before was drawn (issue 14: with the list's count,
then waited for, some 0.2-0.4 s of a launch on a loaded server). In a thread beside Textual's import
the same read measured slower: the two threads passed the interpreter's lock back and forth.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tui.school_query import Query, page_rows
from workflow import clock
from workflow.i18n import language, t
from workflow.permissions import Actor
from workflow.reads import queries
from workflow.reads.campaigns import campaign_list, round_view
from workflow.rubric_cache import rubric_of


@dataclass
class Heading:
    """What the title and the timeline show: a few rows, read with the first page."""

    campaign_id: int
    title: str
    year: int
    phase: str
    windows: dict[str, tuple[date, date]]
    today: date
    star_names: dict[int, str]
    provisional: bool
    round_label: str = ""  # "2026年 年度复核": the round shown (the newest)


@dataclass
class Summary:
    """The heading and the campaign's counts: per state and per star, and the townships of the filter.
    The counts read every school of the round (at 100,000 schools some 0.2 s of CPU)."""

    heading: Heading
    states: list[tuple[str, str, int]]
    stars: list[tuple[str, int, bool]]
    townships: list[str]


def star_name(level: Any) -> str:
    return str(level.name_en if language() == "en" else level.name_zh)


def read_heading(campaign_id: int) -> Heading:
    campaign = queries.campaign(campaign_id)
    rubric = rubric_of(campaign)
    shown = round_view(campaign_id)
    return Heading(
        campaign_id=campaign.id, title=campaign.title, year=campaign.year, phase=campaign.phase,
        windows=shown.windows, today=clock.today(), star_names={s.level: star_name(s) for s in rubric.star_levels},
        provisional=rubric.is_provisional, round_label=shown.label,
    )


def load_summary(campaign_id: int, actor: Actor | None = None) -> Summary:
    """The bars and drop-downs: a school user's count its own school only, as its list does."""
    scope = queries.scope_of(actor)
    stars = [(star_name(s) if s else t("word.no_star"), n, bool(s and s.provisional))
             for s, n in queries.star_counts(campaign_id, scope)]
    return Summary(heading=read_heading(campaign_id), states=queries.state_counts(campaign_id, scope),
                   stars=stars, townships=queries.townships(campaign_id, scope=scope))


def load_campaigns(actor: Actor) -> list[tuple[int, str]]:
    """The campaigns the actor may read: an officer with a region sees its subtree's only."""
    return [(c.id, f"{c.year} {c.title}") for c in campaign_list(actor)]


def opened_campaign(items: list[tuple[int, str]], wanted: int | None) -> int | None:
    """The campaign the dashboard opens: the one asked for if the actor may read it, else the newest."""
    if not items:
        return None
    return wanted if wanted in {cid for cid, _ in items} else items[0][0]


def first_query(campaign_id: int, actor: Actor) -> Query:
    """The list's query when the dashboard opens: no filter, the register's order."""
    return Query(campaign_id=campaign_id, scope=queries.scope_of(actor))


@dataclass
class LaunchFound:
    """The launch's first read: the campaigns, and the heading and first page of the one opened."""

    campaigns: list[tuple[int, str]]
    campaign_id: int | None  # None: no campaign to open
    heading: Heading | None = None
    query: Query | None = None
    rows: list[queries.SchoolRow] | None = None


def read_launch(actor: Actor, campaign_id: int | None = None) -> LaunchFound | None:
    """The dashboard's first read, before the app runs (tui/cli_run.py); None if it failed: the dashboard
    then reads in its workers as on any other opening, and says what went wrong."""
    try:
        items = load_campaigns(actor)
        cid = opened_campaign(items, campaign_id)
        if cid is None:
            return LaunchFound(items, None)
        query = first_query(cid, actor)
        return LaunchFound(items, cid, read_heading(cid), query, page_rows(query, 0))
    except Exception:  # noqa: BLE001 - read again in the app, where a failure is reported
        return None
