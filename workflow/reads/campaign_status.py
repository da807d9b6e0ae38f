"""A campaign as the dashboard's summary and ``starcampus status`` / ``campaign show`` show it:
phases and windows, schools per state, schools per star level, and (for the CLI) the school list.

A school user's counts and list cover its own school only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from workflow import clock
from workflow.door import load_campaign
from workflow.i18n import label, language, t
from workflow.permissions import Actor
from workflow.reads import queries
from workflow.reads.scope import reader_scope
from workflow.rubric_cache import rubric_of
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


@dataclass(frozen=True)
class PhaseLine:
    name: str
    label: str
    start: date
    end: date
    current: bool


@dataclass(frozen=True)
class StateCount:
    state: str
    label: str
    count: int


@dataclass(frozen=True)
class StarCount:
    level: int | None  # None: verified but no star level reached (未达星级)
    name: str  # in the current language
    threshold: Decimal | None
    count: int
    provisional: bool


@dataclass(frozen=True)
class CampaignStatus:
    campaign_id: int
    title: str
    year: int
    region: str
    rubric_id: str
    phase: str
    phase_label: str
    phases: list[PhaseLine]
    windows: dict[str, tuple[date, date]]
    today: date
    states: list[StateCount]  # declaration order, zero counts included
    stars: list[StarCount]  # every level of the rubric, no level last
    star_names: dict[int, str]
    townships: list[str]
    rubric_provisional: bool
    schools: list[queries.SchoolRow]  # empty unless asked for (the dashboard pages its own)
    scope: str | None  # the one school a school user sees; None: every school

    @property
    def stars_provisional(self) -> bool:
        """Some school counted stands on a provisional level."""
        return any(s.provisional and s.count for s in self.stars)


def _star_name(level: object) -> str:
    return str(getattr(level, "name_en" if language() == "en" else "name_zh"))


def _townships(campaign_id: int, scope: str | None) -> list[str]:
    if scope is None:
        return queries.townships(campaign_id)
    return sorted({r.township for r in queries.school_rows(campaign_id, limit=1, scope=scope) if r.township})


def campaign_list(actor: Actor) -> list[CampaignLine]:
    reader_scope(actor)
    return [CampaignLine(int(c.id), int(c.year), c.region, c.title, c.rubric_id, c.phase,
                         label(next(p for p in PHASES if p["name"] == c.phase)))
            for c in queries.campaigns()]


def campaign_status(actor: Actor, campaign_id: int | None = None, *, with_schools: bool = False) -> CampaignStatus:
    """The campaign asked for, or the most recent one; ``with_schools`` adds every school's line."""
    scope = reader_scope(actor)
    c = load_campaign(campaign_id)
    rubric = rubric_of(c)
    windows = campaign_windows(c)
    cid = int(c.id)
    stars = [StarCount(s.level if s else None, _star_name(s) if s else t("word.no_star"),
                       s.threshold if s else None, n, bool(s and s.provisional))
             for s, n in queries.star_counts(cid, scope)]
    return CampaignStatus(
        campaign_id=cid, title=c.title, year=int(c.year), region=c.region, rubric_id=c.rubric_id, phase=c.phase,
        phase_label=label(next(p for p in PHASES if p["name"] == c.phase)),
        phases=[PhaseLine(p["name"], label(p), windows[p["name"]][0], windows[p["name"]][1], p["name"] == c.phase)
                for p in PHASES],
        windows=windows, today=clock.today(),
        states=[StateCount(s, lbl, n) for s, lbl, n in queries.state_counts(cid, scope)],
        stars=stars, star_names={s.level: _star_name(s) for s in rubric.star_levels},
        townships=_townships(cid, scope), rubric_provisional=rubric.is_provisional,
        schools=queries.school_rows(cid, limit=1_000_000, scope=scope) if with_schools else [],
        scope=scope,
    )
