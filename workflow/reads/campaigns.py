"""The campaigns a user may read and the round a screen shows: what the dashboard's first frame reads.

Apart from ``workflow.reads.campaign_status`` (which imports them from here) so that a launch does
not import the status view's records, one of 23 fields among them: frozen dataclasses are built
when their module is imported, about a millisecond each (issue 14, tests/cli/test_startup_imports.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from workflow.door import load_campaign, load_round
from workflow.i18n import label, t
from workflow.permissions import Actor
from workflow.reads.scope import campaigns_in_scope
from workflow.statemachine.declaration import PHASES
from workflow.statemachine.phases import campaign_windows


@dataclass(frozen=True)
class CampaignLine:
    """One campaign in a list of campaigns."""

    id: int
    year: int
    region: str
    title: str
    rubric_id: str
    phase: str
    phase_label: str


def campaign_list(actor: Actor) -> list[CampaignLine]:
    return [CampaignLine(int(c.id), int(c.year), c.region, c.title, c.rubric_id, c.phase,
                         label(next(p for p in PHASES if p["name"] == c.phase)))
            for c in campaigns_in_scope(actor)]  # a city's officer: its counties' side by side


def round_label(year: int, kind: str) -> str:
    return t("round.label", year=year, kind=t(f"round.kind.{kind}"))


@dataclass(frozen=True)
class RoundView:
    """The round a screen shows, and the phase windows its timeline measures today against."""

    id: int
    year: int
    kind: str
    label: str  # "2026年 年度复核"
    windows: dict[str, tuple[date, date]]


def round_view(campaign_id: int, round_year: int | None = None) -> RoundView:
    """The newest round by default. A review year works in its own window: the campaign's
    first-year dates are history, and measuring today against them would read "已逾期1173天"."""
    c = load_campaign(campaign_id)
    shown = load_round(int(c.id), round_year)
    windows = dict(campaign_windows(c))
    if shown.kind == "review" and shown.window_start and shown.window_end:
        windows["promotion"] = (shown.window_start, shown.window_end)
    return RoundView(int(shown.id), int(shown.year), str(shown.kind), round_label(int(shown.year), str(shown.kind)),
                     windows)
