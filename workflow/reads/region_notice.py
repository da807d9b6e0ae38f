"""What a city's or province's notice (区域通报) says of one year: the region summary per child region
(``region_status``: schools per state and level, average verified total, overdue), and beside it each
child's movement (newly rated, raised, lowered), the higher authority's decisions its rounds recorded
(``upward_lines``), and the rated schools for the appendix, streamed.

Scope and counting are region_status's: the actor's subtree only (another region refused by its code
alone), each school counted once, in its county's campaign, one round per campaign and year.

Movement is over the schools settled in the round (as reads/analysis.py's): newly rated when the
school had no level before the round and has one now, raised or lowered when its level before the
round (prior_level) is below or above its level now. The newly rated are counted, not named: the
appendix lists every rated school; the raised and lowered are named, with both levels.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

import peewee as pw

from models.schema import Assessment, Campaign, Round, School, round_order_column, round_school_columns
from workflow.errors import InvalidInput, NotFound
from workflow.i18n import Msg, register
from workflow.permissions import Actor, region_label
from workflow.reads.campaign_status import UpwardLine, upward_lines
from workflow.reads.region_status import RegionRow, RegionStatus, region_status
from workflow.rubric_cache import rubric_of
from workflow.statemachine.declaration import SETTLED_STATES

PAGE = 2000  # appendix rows read at a time

register({
    "err.region_no_children": {"zh": "{region}没有下级区划，没有可汇总的通报；本级评定工作的通报请用 export notice --campaign。",
                               "en": "{region} has no regions below it to summarise; a campaign's own notice is "
                                     "export notice --campaign."},
    "err.region_no_year": {"zh": "{region}所辖区划{year}年没有评定工作。", "en": "the regions under {region} run no "
                                                                          "campaign in {year}."},
})


@dataclass(frozen=True)
class MovedSchool:
    code: str
    name: str
    before: int | None  # the level before the round
    after: int | None  # the level now


@dataclass(frozen=True)
class ChildNotice:
    """One child region's year: the status row and what moved in it."""

    row: RegionRow
    newly_rated: int
    raised: tuple[MovedSchool, ...]  # in display order
    lowered: tuple[MovedSchool, ...]
    upward: tuple[UpwardLine, ...]  # the higher authority's decisions recorded in its rounds


@dataclass(frozen=True)
class RatedSchool:
    """A line of the appendix: a school with a level in the year's round."""

    region_code: str  # the child region it is counted in
    code: str
    name: str
    verified_total: Decimal | None
    level: int
    state: str
    prior_level: int | None


@dataclass(frozen=True)
class RegionNotice:
    status: RegionStatus
    children: tuple[ChildNotice, ...]
    round_ids: tuple[int, ...]  # one per campaign counted
    level_names: dict[int, dict[str, str]]  # level -> {"zh", "en"}, as the campaigns' rubrics name them
    titles: tuple[str, ...]  # the campaigns' titles and rubric names (the notice finds its kind word there)


def region_notice(actor: Actor, code: str, year: int | None = None) -> RegionNotice:
    """The notice's facts for ``code``'s children in ``year`` (the newest year when None). Refused
    outside the actor's region as region_status refuses; a region with no child, or no campaign
    below it that year, is said so."""
    code = code.strip()
    status = region_status(actor, code, year)  # the scope, and the per-child counts
    if not status.rows:
        raise InvalidInput("err.invalid", where=Msg("word.region"),
                           what=Msg("err.region_no_children", region=region_label(code)))
    campaign_ids = [cid for row in status.rows for cid in row.campaign_ids]
    if status.year is None or not campaign_ids:
        raise NotFound("err.region_no_year", region=region_label(code), year=year if year is not None else "")
    rounds = {int(rid): int(cid) for rid, cid in Round.select(Round.id, Round.campaign)
              .where(Round.campaign.in_(campaign_ids) & (Round.year == status.year)).tuples()}
    round_ids = tuple(sorted(rounds))
    names: dict[int, dict[str, str]] = {}
    titles: list[str] = []
    for campaign in Campaign.select().where(Campaign.id.in_(campaign_ids)).order_by(Campaign.region_code):
        rubric = rubric_of(campaign)
        titles += [str(campaign.title), rubric.name]
        for star in rubric.star_levels:
            names.setdefault(star.level, {"zh": star.name_zh, "en": star.name_en})
    newly, raised, lowered = _movement(status.rows, round_ids)
    children = tuple(ChildNotice(row, newly.get(row.code, 0), tuple(raised.get(row.code, ())),
                                 tuple(lowered.get(row.code, ())), _upward(row, rounds))
                     for row in status.rows)
    return RegionNotice(status, children, round_ids, names, tuple(titles))


def _child_codes(rows: list[RegionRow]) -> Callable[[str], str]:
    """The child a campaign's region is counted in (region_status made a row for every one), looked
    up once per campaign region, not per school."""
    found: dict[str, str] = {}

    def child(region_code: str) -> str:
        if region_code not in found:
            found[region_code] = next((r.code for r in rows if region_code.startswith(r.code)), region_code)
        return found[region_code]

    return child


def _upward(row: RegionRow, rounds: dict[int, int]) -> tuple[UpwardLine, ...]:
    mine = set(row.campaign_ids)
    return tuple(line for rid in sorted(rounds) if rounds[rid] in mine for line in upward_lines(rid, None, {}))


def _movement(rows: list[RegionRow], round_ids: tuple[int, ...]) -> tuple[
        dict[str, int], dict[str, list[MovedSchool]], dict[str, list[MovedSchool]]]:
    """Per child: how many were newly rated, and who was raised or lowered (one grouped count, then
    only the schools whose level changed from one they had)."""
    child_of = _child_codes(rows)
    newly: dict[str, int] = {}
    raised: dict[str, list[MovedSchool]] = {}
    lowered: dict[str, list[MovedSchool]] = {}
    if not round_ids:
        return newly, raised, lowered
    settled = Assessment.round.in_(round_ids) & Assessment.state.in_(SETTLED_STATES)
    first = (Assessment.select(Campaign.region_code, pw.fn.COUNT(Assessment.id)).join(Campaign)
             .where(settled & Assessment.prior_level.is_null() & Assessment.star_level.is_null(False))
             .group_by(Campaign.region_code).tuples())
    for region_code, count in first:
        child = child_of(str(region_code))
        newly[child] = newly.get(child, 0) + int(count)
    changed = Assessment.prior_level.is_null(False) & (
        pw.fn.COALESCE(Assessment.star_level, 0) != Assessment.prior_level)
    named = round_school_columns(int(rid) for rid in round_ids)[0]  # a frozen round's as settled there
    moved = (Assessment.select(Campaign.region_code, School.code, named, Assessment.prior_level,
                               Assessment.star_level)
             .join(Campaign).switch(Assessment).join(School).where(settled & changed)
             .order_by(Campaign.region_code, round_order_column(int(rid) for rid in round_ids), School.code).tuples())
    for region_code, school, name, before, after in moved.iterator():
        child = child_of(str(region_code))
        into = raised if (after or 0) > before else lowered
        into.setdefault(child, []).append(MovedSchool(str(school), str(name), before, after))
    return newly, raised, lowered


def rated_schools(notice: RegionNotice, *, page: int = PAGE) -> Iterator[RatedSchool]:
    """The year's schools with a level, child by child in code order, each campaign's in display
    order: read a page at a time as the appendix is written (a province has tens of thousands), by
    keyset as reads/school_stream.py, so neither backend's driver holds the whole list."""
    child_of = _child_codes(notice.status.rows)
    rounds = (Round.select(Round.id, Campaign.region_code).join(Campaign)
              .where(Round.id.in_(notice.round_ids)).order_by(Campaign.region_code, Round.id).tuples())
    for round_id, region_code in list(rounds) if notice.round_ids else []:
        child = child_of(str(region_code))
        after: tuple[int, str] | None = None
        named = round_school_columns(int(round_id))[0]  # a frozen round: each school as settled there
        kept_order = round_order_column(int(round_id))  # and in the order they had then
        while True:
            query = (Assessment.select(School.code, named, Assessment.verified_total, Assessment.star_level,
                                       Assessment.state, Assessment.prior_level, kept_order)
                     .join(School).where((Assessment.round == round_id) & Assessment.star_level.is_null(False)))
            if after is not None:
                query = query.where(pw.Tuple(kept_order, School.code) > pw.Tuple(*after))
            rows = list(query.order_by(kept_order, School.code).limit(page).tuples())
            for code, name, total, level, state, prior, _order in rows:
                yield RatedSchool(child, str(code), str(name), _decimal(total), int(level), str(state), prior)
            if len(rows) < page:
                break
            after = (rows[-1][6], rows[-1][0])


def _decimal(value: object) -> Decimal | None:
    """A total as the database hands it back (the score field's python_value: Decimal, or None)."""
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(str(Assessment.verified_total.python_value(value)))
