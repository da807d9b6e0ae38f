"""The score grid's read model: schools x leaves of one score kind (or both) in a campaign's open round.

The grid is virtual: it asks for ``grid_rows`` a page at a time as it scrolls, one query per page
(the page of assessments, in the dashboard's display order, with that kind's scores joined on),
and ``grid_count`` once for its height. Both apply the actor's read scope like every other read:
a school user sees its own school's row only.

The "both" view is the verified scores with the school's self scores beside them (``self_values``,
``self_total``): what an expert types against, read in the same one query per page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import peewee as pw

from models.schema import Assessment, School, Score, round_order_column
from rubrics.model import Rubric
from workflow.door import load_campaign
from workflow.permissions import Actor
from workflow.reads.queries import round_id_of
from workflow.reads.school_sheet import sheet_indicators
from workflow.reads.scope import reader_scope
from workflow.rubric_cache import rubric_of

KINDS = ("self", "verified")
VIEWS = ("self", "verified", "both")  # "both": verified, entered, with the self scores beside it


@dataclass(frozen=True)
class GridLeaf:
    """One column: a leaf of the rubric, in the order the sheet shows them (bonus items last)."""

    code: str
    name: str
    maximum: Decimal
    is_bonus: bool


@dataclass(frozen=True)
class GridLayout:
    campaign_id: int
    round_id: int
    phase: str
    rubric: Rubric
    leaves: tuple[GridLeaf, ...]


@dataclass(frozen=True)
class GridRow:
    """One school's line: its scores of the grid's kind (leaf code -> value; a missing leaf is unscored).

    In the both view ``values`` and ``total`` are the verified ones and ``self_values``/``self_total``
    the school's own; in the other views those two stay empty.
    """

    assessment_id: int
    code: str
    name: str
    state: str
    version: int
    total: Decimal | None  # the stored total of this kind; None until one is entered
    vetoed: bool  # a veto holds: no level whatever the total
    values: dict[str, Decimal] = field(default_factory=dict)
    self_values: dict[str, Decimal] = field(default_factory=dict)
    self_total: Decimal | None = None


def grid_layout(actor: Actor, campaign_id: int) -> GridLayout:
    reader_scope(actor, campaign_id)
    campaign = load_campaign(campaign_id)
    rubric = rubric_of(campaign)
    leaves = tuple(GridLeaf(ind.code, ind.name, ind.max_score, bonus)
                   for ind, _depth, bonus in sheet_indicators(rubric) if ind.is_leaf)
    return GridLayout(int(campaign.id), round_id_of(int(campaign.id)), str(campaign.phase), rubric, leaves)


def _in_round(actor: Actor, round_id: int) -> pw.ModelSelect:
    scope = reader_scope(actor, round_id=round_id)
    query = Assessment.select(Assessment.id).join(School).where(Assessment.round == round_id)
    return query if scope is None else query.where(School.code == scope)


def grid_count(actor: Actor, round_id: int) -> int:
    return int(_in_round(actor, round_id).count())


def grid_rows(actor: Actor, round_id: int, kind: str, *, offset: int = 0, limit: int = 100) -> list[GridRow]:
    """A page of schools (display order, then code) with their ``kind`` scores, in one query.

    ``kind`` "both": the verified scores, and the self scores beside them."""
    if kind not in VIEWS:
        raise ValueError(kind)
    shown = round_order_column(round_id)  # a frozen round: the order its schools had when settled
    page = _in_round(actor, round_id).order_by(shown, School.code).limit(limit).offset(offset)
    both = kind == "both"
    total = Assessment.self_total if kind == "self" else Assessment.verified_total
    on = Score.kind.in_(KINDS) if both else Score.kind == kind
    query = (
        Assessment.select(Assessment.id, School.code, School.name, Assessment.state, Assessment.version, total,
                          Assessment.self_total, Assessment.vetoes, Score.code, Score.kind, Score.value)
        .join(School)
        .switch(Assessment)
        .join(Score, pw.JOIN.LEFT_OUTER, on=((Score.assessment == Assessment.id) & on))
        .where(Assessment.id.in_(page))
        .order_by(shown, School.code)
    )
    dec = Assessment.self_total.python_value
    # The raw cursor, not peewee's row conversion: 48 rows a school, and converting every column of
    # each took 90 ms a page of 100 schools; a score takes few values, each converted once.
    decimals: dict[object, Decimal] = {}
    rows: dict[int, GridRow] = {}
    for (aid, code, name, state, version, sum_, self_sum, vetoes, leaf, leaf_kind,
         value) in Assessment._meta.database.execute(query):
        row = rows.get(aid)
        if row is None:
            row = rows[aid] = GridRow(int(aid), code, name, state, int(version), dec(sum_), bool(vetoes),
                                      self_total=dec(self_sum) if both else None)
        if leaf is not None:
            stored = decimals.get(value)
            if stored is None:
                stored = decimals[value] = dec(value)
            (row.self_values if both and leaf_kind == "self" else row.values)[leaf] = stored
    return list(rows.values())


def grid_position(actor: Actor, round_id: int, assessment_id: int) -> tuple[int, str] | None:
    """Where a school's row is in the grid (its index in display order) and its school code; None when
    the school is not in the round or not the actor's to read."""
    shown = round_order_column(round_id)  # as grid_rows orders them
    found = (_in_round(actor, round_id).select(shown, School.code)
             .where(Assessment.id == assessment_id).tuples().first())
    if found is None:
        return None
    order, code = found
    before = _in_round(actor, round_id).where(
        (shown < order) | ((shown == order) & (School.code < code))).count()
    return int(before), str(code)


def entered_kind(view: str) -> str:
    """The score kind typed into a view: the both view enters the verified scores (the self ones beside
    them are the school's, shown to check against)."""
    return "verified" if view == "both" else view


def kinds_for(actor: Actor) -> tuple[str, ...]:
    """The score kinds the grid may show this actor: a school sees its self-evaluation only."""
    return ("self",) if actor.role == "school" else KINDS


def views_for(actor: Actor) -> tuple[str, ...]:
    """The views F3 cycles through for this actor: its kinds, then both side by side when it has two."""
    kinds = kinds_for(actor)
    return (*kinds, "both") if len(kinds) > 1 else kinds


def default_kind(actor: Actor, phase: str) -> str:
    """The kind the grid opens on: the one this role enters, else the one the campaign's phase is about."""
    if actor.role == "school":
        return "self"
    if actor.role == "expert":
        return "verified"
    return "verified" if phase in ("verification", "promotion") else "self"
