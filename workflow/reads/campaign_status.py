"""A campaign as the dashboard's summary and ``starcampus status`` / ``campaign show`` show it:
phases and windows, schools per state, schools per star level, and (for the CLI) the school list.

A school user's counts and list cover its own school only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from models.schema import Assessment, Round, School, round_order_column, round_school_columns
from workflow import clock
from workflow.door import load_round
from workflow.i18n import label, language, t
from workflow.permissions import Actor
from workflow.reads import queries
from workflow.reads.campaigns import CampaignLine, RoundView, campaign_list, round_label, round_view
from workflow.reads.scope import reader_scope, scoped_campaign
from workflow.rubric_cache import rubric_of
from workflow.statemachine.declaration import PHASES

__all__ = ["CampaignLine", "CampaignStatus", "RoundView", "campaign_list", "campaign_status", "round_label",
           "round_view", "upward_lines"]  # the first ones live in workflow.reads.campaigns (the dashboard's)


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
class UpwardLine:
    """A decision of the higher authority on a school the county sent upward (上级认定)."""

    code: str
    name: str
    granted: bool
    level: int | None
    level_name: str
    authority: str
    doc_no: str
    decided_on: date | None


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
    round_id: int = 0
    round_year: int = 0
    round_kind: str = "initial"  # initial (初评) | review (年度复核)
    round_label: str = ""  # "2023年 初评", in the current language
    round_years: tuple[int, ...] = ()
    upward: tuple[UpwardLine, ...] = ()  # the higher authority's decisions recorded in this round

    @property
    def stars_provisional(self) -> bool:
        """Some school counted stands on a provisional level."""
        return any(s.provisional and s.count for s in self.stars)


def _star_name(level: object) -> str:
    return str(getattr(level, "name_en" if language() == "en" else "name_zh"))


def _townships(campaign_id: int, scope: str | None, round_id: int) -> list[str]:
    if scope is None:
        return queries.townships(campaign_id, round_id)
    return sorted({r.township for r in queries.school_rows(campaign_id, limit=1, scope=scope, round_id=round_id)
                   if r.township})


def upward_lines(round_id: int, scope: str | None, star_names: dict[int, str]) -> tuple[UpwardLine, ...]:
    named = round_school_columns(round_id)[0]  # a frozen round: the school as it was settled there
    query = (Assessment.select(School.code, named, Assessment.upward_granted, Assessment.upward_level,
                               Assessment.upward_authority, Assessment.upward_doc_no, Assessment.upward_date)
             .join(School).where((Assessment.round == round_id) & Assessment.upward_granted.is_null(False)))
    if scope is not None:
        query = query.where(School.code == scope)
    return tuple(UpwardLine(code, name, bool(granted), level, star_names.get(level, t("word.no_star"))
                            if level else t("word.no_star"), authority, doc_no,
                            date.fromisoformat(str(on)) if on else None)
                 for code, name, granted, level, authority, doc_no, on in query.order_by(round_order_column(round_id), School.code)
                 .tuples())


def campaign_status(actor: Actor, campaign_id: int | None = None, *, with_schools: bool = False,
                    round_year: int | None = None, school_limit: int = 1_000_000,
                    with_townships: bool = True) -> CampaignStatus:
    """The campaign asked for, or the most recent one, in one round (its newest when
    ``round_year`` is None); ``with_schools`` adds the school lines (at most ``school_limit``);
    ``with_townships=False`` leaves the township list empty (the dashboard's filter needs it,
    ``starcampus status`` does not: at 500,000 schools it is a 0.6 s scan)."""
    scope = reader_scope(actor)
    c = scoped_campaign(actor, campaign_id)  # an officer with a region: its own campaigns only
    rubric = rubric_of(c)
    cid = int(c.id)
    shown = load_round(cid, round_year)
    rid = int(shown.id)
    windows = round_view(cid, int(shown.year)).windows
    stars = [StarCount(s.level if s else None, _star_name(s) if s else t("word.no_star"),
                       s.threshold if s else None, n, bool(s and s.provisional))
             for s, n in queries.star_counts(cid, scope, round_id=rid)]
    star_names = {s.level: _star_name(s) for s in rubric.star_levels}
    years = tuple(int(y) for (y,) in Round.select(Round.year).where(Round.campaign == cid).order_by(Round.year)
                  .tuples())
    return CampaignStatus(
        campaign_id=cid, title=c.title, year=int(c.year), region=c.region, rubric_id=c.rubric_id, phase=c.phase,
        phase_label=label(next(p for p in PHASES if p["name"] == c.phase)),
        phases=[PhaseLine(p["name"], label(p), windows[p["name"]][0], windows[p["name"]][1], p["name"] == c.phase)
                for p in PHASES],
        windows=windows, today=clock.today(),
        states=[StateCount(s, lbl, n) for s, lbl, n in queries.state_counts(cid, scope, round_id=rid)],
        stars=stars, star_names=star_names,
        townships=_townships(cid, scope, rid) if with_townships else [], rubric_provisional=rubric.is_provisional,
        schools=queries.school_rows(cid, limit=school_limit, scope=scope, round_id=rid) if with_schools else [],
        scope=scope, round_id=rid, round_year=int(shown.year), round_kind=str(shown.kind),
        round_label=round_label(int(shown.year), str(shown.kind)), round_years=years,
        upward=upward_lines(rid, scope, star_names),
    )
