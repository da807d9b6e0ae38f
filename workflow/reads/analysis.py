"""Where the county is weak, for one round: the read model behind ``report analysis``, the
workbook's 分析 sheet and the notice's data-drawn general problems (共性问题).

Every figure is an aggregate the database computes (GROUP BY over the round's rows), so the work
done in Python grows with the rubric and the distinct totals, never with the number of schools:
100,000 schools are a few grouped scans, not 100,000 queries.

Scope: a school user is confined to its own school, as in every other read (reads/scope.py): its
"county" is one school, so it sees which indicators it lost points on, its distance to the next
level and its own movement, and nothing of any other school.

Definitions (what a reader may check by hand):
- a leaf's loss is its maximum (base + extension) minus the verified score; "losing" schools are
  those with a verified score below the maximum; the average loss is over the losing schools;
  leaves are ranked by losing schools, then average loss, then rubric order. Bonus items
  (奖励加分) are not losses and are left out.
- townships and stages count the schools with a verified total per level: the level in force
  (star_level), or while none is given yet (during verification) the level the verified total
  reaches when no veto holds; no level last. They average those totals.
- the distribution's bins are 5 points wide from 0, with every star threshold an edge as well,
  so the schools at or above a threshold line are exactly those whose total reaches it.
- a school is near the next level when its verified total is below the next threshold by at most
  5 points and no veto holds.
- movement exists when the campaign has a round earlier than this one: each school settled in
  this round compares its level before the round (prior_level) with its level now.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import peewee as pw

from models.schema import (
    Assessment,
    Campaign,
    Region,
    Round,
    School,
    Score,
    round_order_column,
    round_school_columns,
)
from rubrics.model import Rubric
from rubrics.scoring import format_score, star_for
from workflow.door import load_round
from workflow.errors import InvalidInput, NotFound
from workflow.i18n import Msg, label, register, t
from workflow.permissions import Actor, in_subtree, require_region
from workflow.reads.scope import reader_scope, scoped_campaign
from workflow.rubric_cache import rubric_of
from workflow.statemachine.declaration import SETTLED_STATES, WITHDRAWN

Rounds = int | tuple[int, ...]  # one round, or a region's rounds of one year
LeafCounts = Mapping[str, Mapping[Decimal, int]]  # leaf code -> verified value -> schools
NEAR_POINTS = Decimal(5)
BIN_WIDTH = Decimal(5)
TENTH = Decimal("0.1")

register({
    "analysis.region_title": {"zh": "{name}（{code}）所辖{campaigns}项评定工作",
                              "en": "{name} ({code}): {campaigns} campaigns"},
    "analysis.mixed_rubrics": {"zh": "“{code}”下各评定工作所用的评价标准不同，不能合并分析",
                               "en": "the campaigns under '{code}' use different rubrics and cannot be analysed together"},
    "analysis.severity.urgent": {"zh": "亟须加强", "en": "urgently needs strengthening"},
    "analysis.severity.weak": {"zh": "有待加强", "en": "needs strengthening"},
    "analysis.severity.some": {"zh": "仍需提升", "en": "still needs improvement"},
    "analysis.draft.heading": {"zh": "{indicator}{severity}", "en": "{indicator} {severity}"},
    "analysis.draft.leaf": {"zh": "{schools}所学校中{losing}所在{code}{name}上失分，平均失分{loss}分",
                            "en": "{losing} of {schools} schools lost points on {code} {name}, {loss} on average"},
    "analysis.draft.leaf_more": {"zh": "{losing}所在{code}{name}上失分，平均失分{loss}分",
                                 "en": "{losing} on {code} {name}, {loss} on average"},
    "analysis.draft.one_school": {"zh": "在{code}{name}上失{loss}分", "en": "lost {loss} on {code} {name}"},
    "analysis.draft.more": {"zh": "另有{count}项指标存在失分", "en": "{count} more indicator(s) lost points"},
    "analysis.draft.join": {"zh": "；", "en": "; "},
    "analysis.draft.stop": {"zh": "。", "en": "."},
})


@dataclass(frozen=True)
class LeafLoss:
    """One leaf indicator's losses across the round's schools."""

    code: str
    name: str
    first_code: str  # its first-level indicator (一级指标)
    first_name: str
    max_score: Decimal
    scored: int  # schools with a verified score on it
    losing: int  # of those, below the maximum
    average_loss: Decimal | None  # over the losing schools, one decimal; None when none lost
    total_loss: Decimal


@dataclass(frozen=True)
class LevelColumn:
    level: int | None  # None: no level
    name: str
    threshold: Decimal | None


@dataclass(frozen=True)
class GroupLine:
    """A township or a stage: its schools with a verified total, per level, and their average."""

    name: str
    schools: int
    counts: tuple[int, ...]  # one per Analysis.columns
    average_total: Decimal | None


@dataclass(frozen=True)
class Bin:
    low: Decimal
    high: Decimal  # exclusive, but the last bin holds the top score too
    count: int
    level: int | None  # the level a total at ``low`` reaches


@dataclass(frozen=True)
class NearSchool:
    code: str
    name: str
    township: str
    total: Decimal
    next_level: int
    next_name: str
    gap: Decimal


@dataclass(frozen=True)
class Transition:
    before: str  # level names ("" never: no level is the no-star word)
    after: str
    count: int


@dataclass(frozen=True)
class MovedSchool:
    code: str
    name: str
    before: str
    after: str
    raised: bool


@dataclass(frozen=True)
class Movement:
    """Year over year: the round's settled schools, level before the round against level now."""

    previous_year: int
    raised: int
    kept: int
    lowered: int
    pending: int  # in the round, not settled yet
    transitions: tuple[Transition, ...]
    moved: tuple[MovedSchool, ...]  # raised or lowered, in display order, at most ``moved_limit``


@dataclass(frozen=True)
class Analysis:
    campaign_id: int
    campaign_title: str
    round_id: int
    round_year: int
    round_kind: str
    scope: str | None  # the one school a school user sees; None for the county
    schools: int  # in the round (and the scope)
    verified: int  # with a verified total
    columns: tuple[LevelColumn, ...]  # the rubric's levels, lowest first, then no level
    leaves: tuple[LeafLoss, ...]  # ranked, every regular leaf (those nobody lost points on last)
    townships: tuple[GroupLine, ...]
    stages: tuple[GroupLine, ...]
    bins: tuple[Bin, ...]
    near: tuple[NearSchool, ...]  # nearest first, at most ``near_limit``
    near_count: int  # all of them
    movement: Movement | None


def _dec(value: object) -> Decimal | None:
    """A database number as a Decimal: SQLite hands back floats and ints, PostgreSQL Decimals."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(round(value, 6)))
    return Decimal(str(value))


def _tenth(value: Decimal) -> Decimal:
    return value.quantize(TENTH, rounding=ROUND_HALF_UP)  # shown through format_score: "1.5", "2"


def _scoped(query: pw.ModelSelect, round_id: Rounds, scope: str | None) -> pw.ModelSelect:
    """The round's rows (a school user's own school's): by subquery, so a count needs no join.
    Several rounds (a region's counties, one year) are one IN over the same round index."""
    query = query.where(Assessment.round.in_(round_id) if isinstance(round_id, tuple) else
                        Assessment.round == round_id)
    return query if scope is None else query.where(
        Assessment.school == School.select(School.id).where(School.code == scope))


def _withdrawn(query: pw.ModelSelect, round_id: Rounds, scope: str | None) -> pw.ModelSelect:
    """``_scoped``'s rows that did not take part (未参评): by the state index (``round + 0`` keeps the planner off
    the round's, which would read every row of the round for the few)."""
    rounds = Assessment.round + 0
    query = query.where((Assessment.state == WITHDRAWN)
                        & (rounds.in_(round_id) if isinstance(round_id, tuple) else rounds == round_id))
    return query if scope is None else query.where(
        Assessment.school == School.select(School.id).where(School.code == scope))


def analysis(actor: Actor, campaign_id: int | None = None, round_id: int | None = None, *,
             lang: str | None = None, near_limit: int = 200, moved_limit: int = 200,
             leaf_counts: LeafCounts | None = None) -> Analysis:
    """The round's analysis (the campaign's newest round when ``round_id`` is None), worded in
    ``lang`` (the reader's language when None). ``leaf_counts``: the round's verified scores
    already counted per leaf code and value (the score workbook counts them as it writes every
    school's row), used instead of grouping the score table again; only for the whole round
    (a school user's scope counts its own)."""
    scope = reader_scope(actor)
    campaign = scoped_campaign(actor, campaign_id)  # an officer with a region: its own campaigns only
    if round_id is None:
        target = load_round(campaign.id)
    else:
        target = Round.get_or_none((Round.id == round_id) & (Round.campaign == campaign.id))
        if target is None:
            raise NotFound("err.not_found", what=Msg("word.round"), key=round_id)
    rubric = rubric_of(campaign)
    rid = int(target.id)
    names = {s.level: label({"zh": s.name_zh, "en": s.name_en}, lang) for s in rubric.star_levels}
    none_name = t("word.no_star", lang)
    levels = sorted(rubric.star_levels, key=lambda s: s.threshold)
    columns = (*(LevelColumn(s.level, names[s.level], s.threshold) for s in levels),
               LevelColumn(None, none_name, None))
    schools = int(_scoped(Assessment.select(), rid, scope).count())
    totals = _total_counts(rid, scope)
    named = round_school_columns(rid)  # a frozen round: each school as settled there
    return Analysis(
        campaign_id=int(campaign.id), campaign_title=str(campaign.title), round_id=rid,
        round_year=int(target.year), round_kind=str(target.kind), scope=scope, schools=schools,
        verified=sum(totals.values()), columns=columns,
        leaves=_leaf_losses(rubric, rid, scope, leaf_counts if scope is None else None),
        townships=_groups(rubric, named[1], columns, rid, scope),
        stages=_groups(rubric, named[2], columns, rid, scope),
        bins=_bins(rubric, totals),
        near=_near(rubric, names, named, rid, scope, near_limit), near_count=_near_count(rubric, rid, scope),
        movement=_movement((int(campaign.id),), int(target.year), rid, named[0], names, none_name, scope,
                           moved_limit),
    )


def region_analysis(actor: Actor, region_code: str, year: int | None = None, *, lang: str | None = None,
                    near_limit: int = 200, moved_limit: int = 200) -> Analysis:
    """The analysis over every campaign of a region's subtree for one year (the newest year any
    of them has a round in when ``year`` is None): the same grouped scans, over all those rounds.
    The campaigns must share one rubric, or their leaves and levels would not add up."""
    scope = reader_scope(actor)
    require_region(actor, region_code.strip())  # first: a code outside reads the same registered or not
    region = Region.get_or_none(Region.code == region_code.strip())  # a read: found, or named as not found
    if region is None:
        raise NotFound("err.not_found", what=Msg("word.region"), key=region_code)
    code = str(region.code)
    campaigns = {int(c.id): c for c in Campaign.select().where(in_subtree(Campaign.region_code, code))}
    rounds = Round.select().where(Round.campaign.in_(list(campaigns)))
    if year is None:
        year = rounds.select(pw.fn.MAX(Round.year)).scalar()
    found = list(rounds.where(Round.year == year).order_by(Round.id)) if year is not None else []
    if not found:
        raise NotFound("err.not_found", what=Msg("word.round"), key=f"{code} {year or ''}".strip())
    # Every campaign's own newest round of that year (a re-review round replaces the first).
    latest = {int(r.campaign_id): r for r in found}
    targets = list(latest.values())
    frozen = {str(campaigns[cid].rubric_json) for cid in latest}
    if len(frozen) > 1:
        raise InvalidInput("err.invalid", where=Msg("word.region"), what=Msg("analysis.mixed_rubrics", code=code))
    rubric = rubric_of(campaigns[targets[0].campaign_id])
    rid = tuple(int(r.id) for r in targets)
    names = {s.level: label({"zh": s.name_zh, "en": s.name_en}, lang) for s in rubric.star_levels}
    none_name = t("word.no_star", lang)
    levels = sorted(rubric.star_levels, key=lambda s: s.threshold)
    columns = (*(LevelColumn(s.level, names[s.level], s.threshold) for s in levels),
               LevelColumn(None, none_name, None))
    totals = _total_counts(rid, scope)
    kinds = {str(r.kind) for r in targets}
    named = round_school_columns(rid)  # a frozen round: each school as settled there
    return Analysis(
        campaign_id=0, campaign_title=t("analysis.region_title", lang, name=region.name, code=code,
                                        campaigns=len(targets)),
        round_id=0, round_year=int(year), round_kind=kinds.pop() if len(kinds) == 1 else "initial", scope=scope,
        schools=int(_scoped(Assessment.select(), rid, scope).count()), verified=sum(totals.values()),
        columns=columns, leaves=_leaf_losses(rubric, rid, scope),
        townships=_groups(rubric, named[1], columns, rid, scope),
        stages=_groups(rubric, named[2], columns, rid, scope),
        bins=_bins(rubric, totals),
        near=_near(rubric, names, named, rid, scope, near_limit), near_count=_near_count(rubric, rid, scope),
        movement=_movement(tuple(latest), int(year), rid, named[0], names, none_name, scope, moved_limit),
    )


def _leaf_losses(rubric: Rubric, rid: Rounds, scope: str | None,
                 counted: LeafCounts | None = None) -> tuple[LeafLoss, ...]:
    bonus = rubric.bonus_leaf_codes()
    leaves = [leaf for leaf in rubric.leaves() if leaf.code not in bonus]
    rows: Iterable[tuple[str, object, int]]
    if counted is not None:  # counted by the caller from the same rows: each value read as the query's are
        rows = ((code, value, n) for code, values in counted.items() for value, n in values.items())
    else:
        # One row per (leaf, distinct value): a few hundred rows whatever the number of schools. No
        # filter on the codes (SQLite would probe the unique index once per code and school).
        query = (Score.select(Score.code, Score.value, pw.fn.COUNT(Score.id)).join(Assessment)
                 .where(Score.kind == "verified"))
        rows = _scoped(query, rid, scope).group_by(Score.code, Score.value).tuples()
    scored: dict[str, int] = defaultdict(int)
    losing: dict[str, int] = defaultdict(int)
    lost: dict[str, Decimal] = defaultdict(Decimal)
    maxima = {leaf.code: leaf.max_score for leaf in leaves}
    for code, raw, count in rows:
        if code not in maxima:  # a bonus item, or a code the rubric no longer has
            continue
        value = _dec(Score.value.python_value(raw)) or Decimal(0)
        scored[code] += int(count)
        if value < maxima[code]:
            losing[code] += int(count)
            lost[code] += (maxima[code] - value) * int(count)
    result = []
    for order, leaf in enumerate(leaves):
        first = rubric.path(leaf.code)[0]
        n = losing.get(leaf.code, 0)
        result.append((order, LeafLoss(
            code=leaf.code, name=leaf.name, first_code=first.code, first_name=first.name, max_score=leaf.max_score,
            scored=scored.get(leaf.code, 0), losing=n,
            average_loss=_tenth(lost[leaf.code] / n) if n else None, total_loss=lost.get(leaf.code, Decimal(0)))))
    result.sort(key=lambda pair: (-pair[1].losing, -(pair[1].average_loss or 0), pair[0]))
    return tuple(line for _order, line in result)


def _level(rubric: Rubric) -> Any:
    """The school's level as SQL: in force, else what its verified total reaches (no veto)."""
    reached = [((Assessment.vetoes == "") & (Assessment.verified_total >= s.threshold), s.level)
               for s in sorted(rubric.star_levels, key=lambda s: s.threshold, reverse=True)]
    return pw.fn.COALESCE(Assessment.star_level, pw.Case(None, reached)) if reached else Assessment.star_level


def _groups(rubric: Rubric, column: Any, columns: tuple[LevelColumn, ...], rid: Rounds,
            scope: str | None) -> tuple[GroupLine, ...]:
    level = _level(rubric)
    query = (Assessment.select(column, level, pw.fn.COUNT(Assessment.id), pw.fn.SUM(Assessment.verified_total))
             .join(School).where(Assessment.verified_total.is_null(False) & (Assessment.state != WITHDRAWN)))
    rows = _scoped(query, rid, scope).group_by(column, level).tuples()
    index = {c.level: i for i, c in enumerate(columns)}
    counts: dict[str, list[int]] = {}
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for name, level, count, total in rows:
        line = counts.setdefault(str(name), [0] * len(columns))
        line[index.get(level, len(columns) - 1)] += int(count)
        sums[str(name)] += _dec(total) or Decimal(0)
    lines = [GroupLine(name, sum(c), tuple(c), _tenth(sums[name] / sum(c))) for name, c in counts.items()]
    lines.sort(key=lambda g: (-(g.average_total or 0), g.name))
    return tuple(lines)


def _total_counts(rid: Rounds, scope: str | None) -> dict[Decimal, int]:
    """Schools per distinct verified total (a few hundred rows at most: totals are in tenths)."""
    query = (Assessment.select(Assessment.verified_total, pw.fn.COUNT(Assessment.id))
             .where(Assessment.verified_total.is_null(False)))
    counts: dict[Decimal, int] = defaultdict(int)
    # By the covering index (round, level, total), without the rows; the few withdrawn (未参评) taken off after.
    for sign, part in ((1, _scoped(query, rid, scope)), (-1, _withdrawn(query, rid, scope))):
        for raw, count in part.group_by(Assessment.verified_total).tuples():
            value = _dec(Assessment.verified_total.python_value(raw))
            if value is not None:
                counts[value] += sign * int(count)
    return {value: n for value, n in counts.items() if n}


def bin_edges(rubric: Rubric, lowest: Decimal) -> list[Decimal]:
    """Every 5 points from below ``lowest`` to the rubric's maximum, each star threshold an edge too."""
    top = rubric.max_total()
    start = (lowest / BIN_WIDTH).to_integral_value(rounding="ROUND_FLOOR") * BIN_WIDTH
    edges = {start + BIN_WIDTH * i for i in range(int((top - start) / BIN_WIDTH) + 1)}
    edges |= {s.threshold for s in rubric.star_levels if start < s.threshold < top}
    edges.add(top)
    return sorted(edges)


def _bins(rubric: Rubric, totals: dict[Decimal, int]) -> tuple[Bin, ...]:
    if not totals:
        return ()
    edges = bin_edges(rubric, min(min(totals), min((s.threshold for s in rubric.star_levels), default=Decimal(0))))
    counts = [0] * (len(edges) - 1)
    for value, count in totals.items():
        place = next((i for i in range(len(counts)) if value < edges[i + 1]), len(counts) - 1)
        counts[max(0, place)] += count
    result = []
    for i, count in enumerate(counts):
        star = star_for(rubric, edges[i])
        result.append(Bin(edges[i], edges[i + 1], count, star.level if star else None))
    return tuple(result)


def _near_ranges(rubric: Rubric) -> list[tuple[Decimal, Decimal, Any]]:
    """(low, threshold, level) for each level: the totals whose next level it is, within 5 points."""
    levels = sorted(rubric.star_levels, key=lambda s: s.threshold)
    ranges = []
    below = None
    for star in levels:
        low = star.threshold - NEAR_POINTS
        if below is not None:
            low = max(low, below)
        ranges.append((low, star.threshold, star))
        below = star.threshold
    return ranges


def _near_filter(rubric: Rubric) -> Any:
    condition = None
    for low, high, _star in _near_ranges(rubric):
        part = (Assessment.verified_total >= low) & (Assessment.verified_total < high)
        condition = part if condition is None else condition | part
    return (Assessment.vetoes == "") & (condition if condition is not None else pw.SQL("1 = 0"))


def _near_count(rubric: Rubric, rid: Rounds, scope: str | None) -> int:
    return int(_scoped(Assessment.select().where(_near_filter(rubric)), rid, scope).count())


def _near(rubric: Rubric, names: dict[int, str], named: tuple[Any, Any, Any], rid: Rounds, scope: str | None,
          limit: int) -> tuple[NearSchool, ...]:
    gap = pw.Case(None, [((Assessment.verified_total >= low) & (Assessment.verified_total < high),
                          pw.Value(high) - Assessment.verified_total) for low, high, _s in _near_ranges(rubric)])
    query = (Assessment.select(School.code, named[0], named[1], Assessment.verified_total)
             .join(School).where(_near_filter(rubric) & (Assessment.state != WITHDRAWN)))
    rows = _scoped(query, rid, scope).order_by(gap, round_order_column(rid), School.code).limit(limit).tuples()
    result = []
    ranges = _near_ranges(rubric)
    for code, name, township, raw in rows:
        total = _dec(Assessment.verified_total.python_value(raw)) or Decimal(0)
        star = next(s for low, high, s in ranges if low <= total < high)
        result.append(NearSchool(str(code), str(name), str(township), total, star.level, names[star.level],
                                 star.threshold - total))
    return tuple(result)


def _movement(campaign_ids: tuple[int, ...], year: int, rid: Rounds, named: Any, names: dict[int, str],
              none_name: str, scope: str | None, limit: int) -> Movement | None:
    earlier = (Round.select(pw.fn.MAX(Round.year))
               .where(Round.campaign.in_(campaign_ids) & (Round.year < year)).scalar())
    if earlier is None:
        return None
    settled = Assessment.state.in_(SETTLED_STATES)
    query = (Assessment.select(Assessment.prior_level, Assessment.star_level, pw.fn.COUNT(Assessment.id))
             .where(settled))
    pairs = _scoped(query, rid, scope).group_by(Assessment.prior_level, Assessment.star_level).tuples()
    raised = kept = lowered = 0
    transitions = []
    for before, after, count in pairs:
        old, new = before or 0, after or 0
        if new > old:
            raised += int(count)
        elif new < old:
            lowered += int(count)
        else:
            kept += int(count)
        transitions.append(Transition(names.get(before, none_name), names.get(after, none_name), int(count)))
    transitions.sort(key=lambda tr: -tr.count)
    pending = int(_scoped(Assessment.select().where(~settled), rid, scope).count())
    changed = pw.fn.COALESCE(Assessment.prior_level, 0) != pw.fn.COALESCE(Assessment.star_level, 0)
    moved_rows = (_scoped(Assessment.select(School.code, named, Assessment.prior_level, Assessment.star_level)
                          .join(School).where(settled & changed), rid, scope)
                  .order_by(round_order_column(rid), School.code).limit(limit).tuples())
    moved = tuple(MovedSchool(str(code), str(name), names.get(b, none_name), names.get(a, none_name),
                              (a or 0) > (b or 0)) for code, name, b, a in moved_rows)
    return Movement(int(earlier), raised, kept, lowered, pending, tuple(transitions), moved)


def draft_problems(result: Analysis, *, top: int = 3, leaves_each: int = 2,
                   lang: str | None = None) -> list[tuple[str, str]]:
    """The notice's general problems drawn from the losses, as (heading, text) pairs: the ``top``
    first-level indicators where the most points were lost, each with its worst leaves' figures.

    The heading's strength follows the share of schools losing points on the group's worst leaf
    (two thirds or more: 亟须加强; a third: 有待加强; less: 仍需提升)."""
    groups: dict[str, list[LeafLoss]] = defaultdict(list)
    for leaf in result.leaves:  # already ranked: each group's list is its worst leaves first
        if leaf.losing:
            groups[leaf.first_code].append(leaf)
    ranked = sorted(groups.values(), key=lambda g: (-sum((x.total_loss for x in g), Decimal(0)), -g[0].losing))
    drafts = []
    for group in ranked[:top]:
        worst = group[0]
        share = Decimal(worst.losing) / Decimal(max(1, worst.scored))
        severity = "urgent" if share >= Decimal(2) / 3 else "weak" if share >= Decimal(1) / 3 else "some"
        heading = t("analysis.draft.heading", lang, indicator=worst.first_name,
                    severity=t(f"analysis.severity.{severity}", lang))
        parts = []
        for leaf in group[:leaves_each]:
            loss = format_score(leaf.average_loss or Decimal(0))
            if leaf.scored == 1:  # one school (a school user's own view): its own loss, not "1 of 1"
                parts.append(t("analysis.draft.one_school", lang, code=leaf.code, name=leaf.name, loss=loss))
            else:  # "13所学校中9所在…" once; the next leaf of the same schools just "7所在…"
                key = "analysis.draft.leaf_more" if parts and leaf.scored == worst.scored else "analysis.draft.leaf"
                parts.append(t(key, lang, schools=leaf.scored, losing=leaf.losing, code=leaf.code,
                               name=leaf.name, loss=loss))
        if len(group) > leaves_each:
            parts.append(t("analysis.draft.more", lang, count=len(group) - leaves_each))
        text = t("analysis.draft.join", lang).join(parts) + t("analysis.draft.stop", lang)
        drafts.append((heading, text[:1].upper() + text[1:]))  # English sentences start with a capital
    return drafts


def draft_text(drafts: list[tuple[str, str]]) -> str:
    """The drafts as a notice text block: "heading。text" paragraphs separated by blank lines, the
    form workflow.doors.notice_texts stores and the notice numbers (（二）…) itself."""
    return "\n\n".join(f"{heading}。{text}" for heading, text in drafts)
