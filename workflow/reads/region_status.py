"""A city's or province's year at a glance (``status --region``, the region screen): one row per child
region (a province's cities, a city's counties) with its schools per state and star level, the
average verified total and the overdue schools, and a totals row.

The counting is SQL's: one GROUP BY over the year's assessments of the subtree's campaigns (found by
``in_subtree`` on the campaign's indexed region code), by round, state and star level. Python then
adds those groups up per child: at most campaigns x states x levels rows, never a school.

Overdue is the timeline's rule (tui/widgets/timeline.py: today past the end of a phase's window)
asked of each school's state: a state is worked in the phases its events may fire in
(workflow/statemachine/declaration.py), so a school still in it once the last of those windows has
ended is overdue. Settled states (certified, recommended, not rated) are never overdue.

Each school is counted once: in its county's campaign. A higher tier's own campaign (a city's upward
review of its counties' recommended schools) is left out of the rows (``_upper_tiers``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import peewee as pw

from models.schema import Assessment, Campaign, Region, Round
from workflow import clock
from workflow.errors import NotFound, PermissionDenied
from workflow.i18n import Msg, register
from workflow.permissions import Actor, covers, in_subtree, refuse_region, require
from workflow.statemachine.declaration import EVENTS, PHASES, SETTLED_STATES, STATES, WITHDRAWN
from workflow.statemachine.phases import windows_from_json

register({
    "word.region_code": {"zh": "行政区划{code}", "en": "region {code}"},
    "word.region_summary": {"zh": "查看各区划汇总", "en": "read a region's summary"},
})

LEVELS = {2: "province", 4: "city", 6: "county"}  # by the code's length (GB/T 2260), as reads/regions.py
_PHASE_ORDER = [p["name"] for p in PHASES]


def state_phase(state: str, kind: str = "initial") -> str | None:
    """The last phase a school in ``state`` can still move on in (its events' phases; an annual
    review's ``review_phases`` where given; not a ``closing`` event's, 未参评, which settles a school whenever);
    None for a settled state or one no event leaves."""
    if state in SETTLED_STATES:
        return None
    phases = {p for e in EVENTS if state in e["source"] and not e.get("door") and not e.get("closing")
              for p in (e.get("review_phases") or e["phases"] if kind == "review" else e["phases"])}
    return max(phases, key=_PHASE_ORDER.index) if phases else None


def overdue_states(windows: dict[str, tuple[date, date]], kind: str, today: date) -> frozenset[str]:
    """The states a school of this round is overdue in today (the timeline's ``today > end``)."""
    late = set()
    for s in STATES:
        phase = state_phase(s["name"], kind)
        if phase is not None and phase in windows and today > windows[phase][1]:
            late.add(s["name"])
    return frozenset(late)


@dataclass
class RegionRow:
    """One child region's year (or the totals, code '')."""

    code: str
    name: str
    level: str  # province | city | county
    has_children: bool = False  # registered regions below it (Enter drills into them)
    campaign_ids: list[int] = field(default_factory=list)  # the year's campaigns in its subtree
    states: Counter[str] = field(default_factory=Counter)
    stars: Counter[int | None] = field(default_factory=Counter)  # verified schools per level (None: no level)
    verified_sum: Decimal = Decimal(0)
    verified_count: int = 0
    overdue: int = 0

    @property
    def schools(self) -> int:
        return sum(self.states.values())

    @property
    def average_verified(self) -> Decimal | None:
        if not self.verified_count:
            return None
        return (self.verified_sum / self.verified_count).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def add(self, other: RegionRow) -> None:
        self.states.update(other.states)
        self.stars.update(other.stars)
        self.verified_sum += other.verified_sum
        self.verified_count += other.verified_count
        self.overdue += other.overdue


@dataclass(frozen=True)
class RegionStatus:
    code: str  # '' : the whole server's top regions
    name: str
    year: int | None  # None: no campaign in scope yet
    years: tuple[int, ...]  # newest first
    rows: list[RegionRow]
    total: RegionRow
    star_levels: tuple[int, ...]  # the levels any row counts, ascending
    today: date


def _campaigns_below(code: str) -> pw.Expression:
    """The campaigns run by regions under ``code`` (its own tier's campaigns are not a child's)."""
    if not code:
        return Campaign.region_code != ""
    return in_subtree(Campaign.region_code, code) & (Campaign.region_code != code)


def region_years(code: str) -> list[int]:
    rows = (Round.select(Round.year).join(Campaign).where(_campaigns_below(code))
            .distinct().order_by(Round.year.desc()).tuples())
    return [int(y) for (y,) in rows]


def region_status(actor: Actor, code: str | None = None, year: int | None = None) -> RegionStatus:
    """The year's rows for ``code``'s children (default: the actor's own region; a whole-server
    reader without a code: the top regions). Refused outside the actor's region."""
    require(actor, "read")
    if actor.role == "school":  # a school user reads its own school, never a region's
        raise PermissionDenied("err.permission", role=Msg("role.school"), action=Msg("word.region_summary"))
    code = (code if code is not None else actor.region_code) or ""
    if not covers(actor, code):
        raise refuse_region(actor, code)
    name = ""
    if code:
        region = Region.get_or_none(Region.code == code)
        if region is None:
            raise NotFound("err.not_found", what=Msg("word.region"), key=code)
        name = str(region.name)
    children = [RegionRow(str(r.code), str(r.name), LEVELS.get(len(r.code), "county"))
                for r in Region.select(Region.code, Region.name).where(Region.parent_code == code)
                .order_by(Region.code)]
    parents = {p for (p,) in Region.select(Region.parent_code)
               .where(Region.parent_code.in_([c.code for c in children])).distinct().tuples()} if children else set()
    for child in children:
        child.has_children = child.code in parents
    years = tuple(region_years(code))
    shown = year if year is not None else (years[0] if years else None)
    today = clock.today()
    if shown is not None:
        _count(children, code, shown, today)
    total = RegionRow("", "", "")
    for child in children:
        total.add(child)
    levels = tuple(sorted(lv for lv in total.stars if lv is not None))
    return RegionStatus(code, name, shown, years, children, total, levels, today)


def _day(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _child_of(children: list[RegionRow], region_code: str, code: str) -> RegionRow:
    """The child row a campaign's region falls in; one made up (its code's next tier) when the
    region between is not registered, so no school goes uncounted."""
    for child in children:
        if region_code.startswith(child.code):
            return child
    stem = region_code[:len(code) + 2] or region_code
    row = RegionRow(stem, stem, LEVELS.get(len(stem), "county"))
    children.append(row)
    children.sort(key=lambda r: r.code)
    return row


def _upper_tiers(code: str) -> list[str]:
    """The regions under ``code`` that have regions below them (cities of a province). Their own
    campaigns (the upward review of the counties' recommended schools) hold schools their counties'
    campaigns already count, so a child's row leaves them out: each school is counted once, in the
    campaign of the region it is rated in. Such a campaign has its own dashboard."""
    query = Region.select(Region.parent_code).where(Region.parent_code != "").distinct()
    if code:
        query = query.where(in_subtree(Region.parent_code, code) & (Region.parent_code != code))
    return [str(p) for (p,) in query.tuples()]


def _count(children: list[RegionRow], code: str, year: int, today: date) -> None:
    upper = _upper_tiers(code)
    counted = _campaigns_below(code) & (Round.year == year)
    if upper:
        counted &= Campaign.region_code.not_in(upper)
    rounds = (Round.select(Round.id, Round.kind, Round.window_start, Round.window_end, Campaign.id,
                           Campaign.region_code, Campaign.windows_json)
              .join(Campaign).where(counted).order_by(Campaign.region_code, Campaign.id).tuples())
    by_round: dict[int, tuple[RegionRow, frozenset[str]]] = {}
    for round_id, kind, start, end, campaign_id, region_code, windows_json in rounds:
        child = _child_of(children, str(region_code), code)
        child.campaign_ids.append(int(campaign_id))
        # as campaign_status.round_view: an annual review works in its own window
        windows = dict(windows_from_json(windows_json))
        if kind == "review" and start and end:
            windows["promotion"] = (_day(start), _day(end))
        by_round[int(round_id)] = (child, overdue_states(windows, str(kind), today))
    if not by_round:
        return
    groups = (Assessment.select(Assessment.round, Assessment.state, Assessment.star_level, pw.fn.COUNT(Assessment.id),
                                pw.fn.SUM(Assessment.verified_total), pw.fn.COUNT(Assessment.verified_total))
              .join(Round).join(Campaign).where(counted)
              .group_by(Assessment.round, Assessment.state, Assessment.star_level).tuples())
    for round_id, state, level, count, verified_sum, verified_count in groups:
        child, late = by_round[int(round_id)]
        child.states[str(state)] += int(count)
        if verified_count and state != WITHDRAWN:  # a school that did not take part is no verified school
            child.stars[level] += int(verified_count)
            child.verified_sum += Decimal(str(verified_sum))
            child.verified_count += int(verified_count)
        if state in late:
            child.overdue += int(count)
