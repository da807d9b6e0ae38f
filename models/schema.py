"""The tables. Names follow the domain: a School is enrolled in a Campaign as an Assessment."""

from __future__ import annotations

from collections.abc import Iterable

import peewee as pw

from models.db import database

ROLES = ("admin", "expert", "school", "viewer")
STAGES = ("小学", "初中", "高中", "九年一贯制", "完全中学")
SCORE_KINDS = ("self", "verified")
PROBLEM_STATUSES = ("open", "rectifying", "closed")
OBJECTION_STATUSES = ("open", "upheld", "dismissed")


def ScoreField(**kw: object) -> pw.DecimalField:  # noqa: N802 - reads like a field class
    """Half-point scores: five digits before the point are plenty (bonus totals stay < 1000)."""
    return pw.DecimalField(max_digits=7, decimal_places=1, auto_round=True, **kw)


class BaseModel(pw.Model):
    class Meta:
        database = database
        legacy_table_names = False


class School(BaseModel):
    """学校."""

    code = pw.CharField(max_length=64, unique=True)
    name = pw.CharField(max_length=200)
    township = pw.CharField(max_length=100, default="")
    stage = pw.CharField(max_length=16, default="小学")
    display_order = pw.IntegerField(default=0, index=True)
    # The county (or city) the school belongs to, a Region code; '' before one is given (seen only
    # by whole-server officers). Scoped reads filter on it by prefix, hence the index.
    region_code = pw.CharField(max_length=6, default="", index=True, constraints=[pw.SQL("DEFAULT ''")])


class Region(BaseModel):
    """行政区划: a province (2 digits), city (4) or county (6) by its GB/T 2260 code.

    A child's code starts with its parent's, so a region's subtree is every code with its prefix:
    one indexed LIKE, however deep the tree (workflow/permissions.py relies on it).
    """

    code = pw.CharField(max_length=6, unique=True)
    name = pw.CharField(max_length=100)
    parent_code = pw.CharField(max_length=6, default="", index=True)


class User(BaseModel):
    """An officer, expert, school clerk or viewer; ``school`` binds a school user."""

    name = pw.CharField(max_length=64, unique=True)
    display_name = pw.CharField(max_length=100, default="")
    role = pw.CharField(max_length=16)
    school = pw.ForeignKeyField(School, null=True, on_delete="RESTRICT")
    disabled = pw.BooleanField(default=False)
    ssh_key = pw.TextField(default="")
    # The forced-command line this user should have in ``keys_file`` (empty: none). The users
    # table is the truth; ``keys_pending`` says the file may not show it yet (the file is edited
    # after the commit, never inside a transaction that may be retried).
    key_line = pw.TextField(default="", constraints=[pw.SQL("DEFAULT ''")])
    keys_file = pw.TextField(default="", constraints=[pw.SQL("DEFAULT ''")])
    keys_pending = pw.BooleanField(default=False, constraints=[pw.SQL("DEFAULT FALSE")])
    # The region this officer works for: it reads and changes only that subtree. '' is the whole
    # server (every user made before regions existed).
    region_code = pw.CharField(max_length=6, default="", constraints=[pw.SQL("DEFAULT ''")])


class Campaign(BaseModel):
    """评定工作 (one year's star-rating campaign in one region)."""

    year = pw.IntegerField()
    region = pw.CharField(max_length=100)
    title = pw.CharField(max_length=300)
    organ = pw.CharField(max_length=200, default="")
    rubric_id = pw.CharField(max_length=64)
    rubric_json = pw.TextField()  # frozen copy: editing the file later never changes a past campaign
    phase = pw.CharField(max_length=32)
    windows_json = pw.TextField()
    publicity_days = pw.IntegerField(default=5)
    created_at = pw.CharField(max_length=40)
    # Whether an annual review's results go through publicity (公示) like the initial rating's.
    review_publicity = pw.BooleanField(default=False, constraints=[pw.SQL("DEFAULT FALSE")])
    # The Region that runs the campaign ('' only on a database older than regions, until given one);
    # ``region`` stays the name the documents print.
    region_code = pw.CharField(max_length=6, default="", index=True, constraints=[pw.SQL("DEFAULT ''")])
    # 上级复核: the year whose schools recommended upward (已报上级) by the counties below this
    # campaign's region it reviews; None for an ordinary rating campaign (workflow/doors/upward.py).
    upward_of = pw.IntegerField(null=True)
    # 下一周期: the campaign this one was created from (`campaign create --like`). That one's cycle is over:
    # each of its rounds is frozen, as an earlier round of one campaign is (``frozen_rounds``; migration 18).
    succeeds = pw.IntegerField(null=True, index=True)


ROUND_KINDS = ("initial", "review")


class Round(BaseModel):
    """轮次: the initial rating (初评, the campaign's own year) or one year's annual review (年度复核).

    Each round holds its own assessments, so a later year never writes over an earlier one; only
    the newest round of a campaign is open, every earlier one is frozen.
    """

    campaign = pw.ForeignKeyField(Campaign, backref="rounds", on_delete="RESTRICT")
    year = pw.IntegerField()
    kind = pw.CharField(max_length=16)
    opened_at = pw.CharField(max_length=40)
    opened_by = pw.CharField(max_length=64)
    window_start = pw.DateField(null=True)  # the review's own working window (年度复核时间)
    window_end = pw.DateField(null=True)

    class Meta:
        table_name = "campaign_round"
        indexes = ((("campaign", "year"), True),)


class Assessment(BaseModel):
    """A school in one round of a campaign: its state, totals and star level."""

    campaign = pw.ForeignKeyField(Campaign, backref="assessments", on_delete="RESTRICT")
    # Null only between migration 7's ALTER and its UPDATE; every door sets it.
    round = pw.ForeignKeyField(Round, backref="assessments", null=True, on_delete="RESTRICT")
    school = pw.ForeignKeyField(School, backref="assessments", on_delete="RESTRICT")
    state = pw.CharField(max_length=32, index=True)
    version = pw.IntegerField(default=1)
    self_total = ScoreField(null=True)
    verified_total = ScoreField(null=True)
    star_level = pw.IntegerField(null=True, index=True)  # the level in force (核定星级)
    provisional = pw.BooleanField(default=False)
    vetoes = pw.TextField(default="")  # comma-separated veto codes that hold
    publicized_at = pw.CharField(max_length=40, null=True)
    updated_by = pw.CharField(max_length=64, default="")
    updated_at = pw.CharField(max_length=40, default="")
    # How the school came into its round: initial (初评), applied (申请晋级) or chosen by the bureau.
    entry = pw.CharField(max_length=16, default="initial", constraints=[pw.SQL("DEFAULT 'initial'")])
    prior_level = pw.IntegerField(null=True)  # the level certified before this round (review rounds)
    application = pw.TextField(default="", constraints=[pw.SQL("DEFAULT ''")])  # 申请晋级 text
    improved = pw.TextField(default="", constraints=[pw.SQL("DEFAULT ''")])  # indicator codes, comma-separated
    # The higher authority's decision on a school sent upward (上级认定).
    upward_level = pw.IntegerField(null=True)
    upward_granted = pw.BooleanField(null=True)
    upward_authority = pw.CharField(max_length=100, default="", constraints=[pw.SQL("DEFAULT ''")])
    upward_doc_no = pw.CharField(max_length=100, default="", constraints=[pw.SQL("DEFAULT ''")])
    upward_date = pw.DateField(null=True)
    upward_by = pw.CharField(max_length=64, default="", constraints=[pw.SQL("DEFAULT ''")])
    # In a higher tier's upward review: the county's assessment this one was pulled from (its decision
    # is written back there). Unique: a recommendation is reviewed once.
    upward_from = pw.IntegerField(null=True, unique=True)
    # The school as this round settled it (its name, township and stage when the event that settled it
    # fired: workflow.round_names); None until then. A frozen round's papers print these, not the register's
    # current row: a school renamed in 2025 keeps its 2023 name in the 2023 notice (migration 16).
    school_name = pw.CharField(max_length=200, null=True)
    school_township = pw.CharField(max_length=100, null=True)
    school_stage = pw.CharField(max_length=16, null=True)
    # The school's display order (排序) as this round settled it, kept beside its name (migration 19): a frozen
    # round lists its schools in the order they had then, whatever a later import's 排序 says.
    school_order = pw.IntegerField(null=True)

    class Meta:
        indexes = ((("round", "school"), True),)


def frozen_rounds(round_ids: Iterable[int]) -> frozenset[int]:
    """Those of the rounds that are frozen: a later round of their campaign exists (only the newest is open),
    or a later cycle was created from their campaign (``Campaign.succeeds``: its cycle is over).
    Plain SQL, rendered by no query builder: every page of a round's school list asks (peewee took 0.3 ms)."""
    ids = sorted({int(r) for r in round_ids})
    table, campaign, param = Round._meta.table_name, Round.campaign.column_name, database.obj.param
    cycles, succeeds = Campaign._meta.table_name, Campaign.succeeds.column_name
    found: set[int] = set()
    for start in range(0, len(ids), 500):
        part = ids[start:start + 500]
        marks = ", ".join([param] * len(part))
        found.update(int(r) for (r,) in database.execute_sql(
            f"SELECT DISTINCT r.id FROM {table} AS r JOIN {table} AS later ON later.{campaign} = r.{campaign} "
            f"AND later.year > r.year WHERE r.id IN ({marks}) UNION "
            f"SELECT r.id FROM {table} AS r JOIN {cycles} AS next ON next.{succeeds} = r.{campaign} "
            f"WHERE r.id IN ({marks})", part + part))
    return frozenset(found)


def is_frozen(round_id: int) -> bool:
    """Whether a round is frozen: a later round of its campaign exists (only the newest is open), or a
    later cycle was created from its campaign."""
    return bool(frozen_rounds((round_id,)))


def school_columns(frozen: bool) -> tuple[pw.Node, pw.Node, pw.Node]:
    """The school's name, township and stage as a round's papers print them: a frozen round's as each
    school was settled there (the register's where none was kept), a live round's as the register has them now."""
    if not frozen:
        return School.name, School.township, School.stage
    return (pw.fn.COALESCE(Assessment.school_name, School.name), pw.fn.COALESCE(Assessment.school_township, School.township),
            pw.fn.COALESCE(Assessment.school_stage, School.stage))


def round_school_columns(rounds: int | Iterable[int]) -> tuple[pw.Node, pw.Node, pw.Node]:
    """``school_columns`` for the rows of one round, or of several (a region's year, a campaign's history):
    each frozen round's rows as settled there, the open rounds' as the register has them now (one CASE
    on the row's round where the rounds are of both kinds). The one place every reader of a round asks."""
    ids = {rounds} if isinstance(rounds, int) else {int(r) for r in rounds}
    frozen = frozen_rounds(ids)
    if not frozen or frozen == ids:
        return school_columns(bool(frozen))
    in_frozen = Assessment.round.in_(sorted(frozen))
    kept, now = school_columns(True), school_columns(False)
    return (pw.Case(None, [(in_frozen, kept[0])], now[0]), pw.Case(None, [(in_frozen, kept[1])], now[1]),
            pw.Case(None, [(in_frozen, kept[2])], now[2]))


def order_column(frozen: bool) -> pw.Node:
    """The school's display order as a round lists it: a frozen round's as each school was settled there (the
    register's where none was kept), a live round's the register's now (its index walk)."""
    return pw.fn.COALESCE(Assessment.school_order, School.display_order) if frozen else School.display_order


def round_order_column(rounds: int | Iterable[int]) -> pw.Node:
    """``order_column`` for the rows of one round or of several (a CASE on the row's round where mixed)."""
    ids = {rounds} if isinstance(rounds, int) else {int(r) for r in rounds}
    frozen = frozen_rounds(ids)
    if not frozen or frozen == ids:
        return order_column(bool(frozen))
    return pw.Case(None, [(Assessment.round.in_(sorted(frozen)), order_column(True))], School.display_order)


def settled_school(row: Assessment, frozen: bool) -> tuple[str, str, str]:
    """``school_columns`` of a row already read (its school joined): its name, township and stage as its
    round prints them, ``frozen`` saying whether that round is frozen."""
    school = row.school
    if not frozen:
        return str(school.name), str(school.township), str(school.stage)
    return (str(school.name if row.school_name is None else row.school_name),
            str(school.township if row.school_township is None else row.school_township),
            str(school.stage if row.school_stage is None else row.school_stage))


class Assignment(BaseModel):
    """核定分工: an expert assigned to verify a school in one round. Once a round has any, an expert
    scores only the schools assigned to it there (workflow/doors/assignments.py)."""

    round = pw.ForeignKeyField(Round, backref="assignments", on_delete="CASCADE")
    expert = pw.ForeignKeyField(User, backref="assignments", on_delete="CASCADE")
    school = pw.ForeignKeyField(School, backref="assignments", on_delete="CASCADE")
    assigned_by = pw.CharField(max_length=64)
    assigned_at = pw.CharField(max_length=40)

    class Meta:
        table_name = "expert_assignment"
        indexes = ((("round", "school", "expert"), True),)


class Score(BaseModel):
    """One indicator's score: self (自评分) or verified (核定分)."""

    assessment = pw.ForeignKeyField(Assessment, backref="scores", on_delete="CASCADE")
    code = pw.CharField(max_length=64)
    kind = pw.CharField(max_length=16)
    value = ScoreField()
    evidence = pw.TextField(default="")
    # Copied from the previous round's verified sheet and not yet confirmed or changed (沿用).
    carried = pw.BooleanField(default=False, constraints=[pw.SQL("DEFAULT FALSE")])
    entered_by = pw.CharField(max_length=64)
    entered_at = pw.CharField(max_length=40)

    class Meta:
        indexes = ((("assessment", "code", "kind"), True),)


class Problem(BaseModel):
    """问题清单: one problem and its rectification (整改)."""

    assessment = pw.ForeignKeyField(Assessment, backref="problems", on_delete="CASCADE")
    text = pw.TextField()
    responsible = pw.CharField(max_length=100, default="")
    deadline = pw.DateField(null=True)
    status = pw.CharField(max_length=16, default="open")
    updated_by = pw.CharField(max_length=64)
    updated_at = pw.CharField(max_length=40)
    version = pw.IntegerField(default=1, constraints=[pw.SQL("DEFAULT 1")])  # optimistic lock, as Assessment


class Narrative(BaseModel):
    """The notice's text for a school: achievements (取得的成效) or problems (存在的问题)."""

    assessment = pw.ForeignKeyField(Assessment, backref="narratives", on_delete="CASCADE")
    kind = pw.CharField(max_length=16)  # achievement | problem
    text = pw.TextField(default="")
    version = pw.IntegerField(default=1, constraints=[pw.SQL("DEFAULT 1")])  # experts and schools both edit it
    updated_by = pw.CharField(max_length=64, default="", constraints=[pw.SQL("DEFAULT ''")])
    updated_at = pw.CharField(max_length=40, default="", constraints=[pw.SQL("DEFAULT ''")])

    class Meta:
        indexes = ((("assessment", "kind"), True),)


class Responsibility(BaseModel):
    """任务分解到人: the leading group and who owns which indicator."""

    assessment = pw.ForeignKeyField(Assessment, backref="responsibilities", on_delete="CASCADE")
    person = pw.CharField(max_length=100)
    duty = pw.CharField(max_length=100, default="")  # 组长 / 副组长 / 成员
    indicator_code = pw.CharField(max_length=64, default="")


class Verification(BaseModel):
    """The expert group's record (核定记录)."""

    assessment = pw.ForeignKeyField(Assessment, backref="verifications", on_delete="CASCADE")
    experts = pw.TextField()
    visited_on = pw.DateField()
    methods = pw.CharField(max_length=200)  # comma-separated method codes
    findings = pw.TextField(default="")
    recorded_by = pw.CharField(max_length=64)


class Objection(BaseModel):
    """异议: raised during publicity (公示) and how it was resolved."""

    assessment = pw.ForeignKeyField(Assessment, backref="objections", on_delete="CASCADE")
    raised_by = pw.CharField(max_length=100)
    text = pw.TextField()
    raised_at = pw.CharField(max_length=40)
    status = pw.CharField(max_length=16, default="open")
    resolution = pw.TextField(default="")
    resolved_by = pw.CharField(max_length=64, default="")


class AuditEvent(BaseModel):
    """Append-only, hash-chained record of every change (审计日志)."""

    seq = pw.IntegerField(unique=True)
    at = pw.CharField(max_length=40)
    actor = pw.CharField(max_length=64)
    action = pw.CharField(max_length=64)
    campaign_id = pw.IntegerField(null=True)
    assessment_id = pw.IntegerField(null=True)
    school_code = pw.CharField(max_length=64, default="")
    from_state = pw.CharField(max_length=32, default="")
    to_state = pw.CharField(max_length=32, default="")
    reason = pw.TextField(default="")
    payload = pw.TextField(default="{}")
    prev_hash = pw.CharField(max_length=64)
    hash = pw.CharField(max_length=64)
    seal = pw.CharField(max_length=64, default="")  # HMAC of hash with a key kept off the database


class NoticeText(BaseModel):
    """Editable parts of one round's notice (通报): title, basis, general problems, requirements, 成文日期,
    文号…. Each round has its own (migration 18): a frozen round's stay as it exported them."""

    campaign = pw.ForeignKeyField(Campaign, backref="notice_texts", on_delete="CASCADE")
    # Null only on a database before migration 18 until it runs; every door sets it.
    round = pw.ForeignKeyField(Round, backref="notice_texts", null=True, on_delete="CASCADE")
    key = pw.CharField(max_length=32)
    text = pw.TextField(default="")
    updated_by = pw.CharField(max_length=64)
    updated_at = pw.CharField(max_length=40)
    version = pw.IntegerField(default=1, constraints=[pw.SQL("DEFAULT 1")])

    class Meta:
        indexes = ((("round", "key"), True),)


class WebToken(BaseModel):
    """An officer's sign-in link for ``starcampus serve``. Only the token's SHA-256 is kept: a copy of
    the database does not let anyone sign in. ``revoked_at`` set (revoke, a new link, ``user disable``)
    ends it; open browser sessions are closed by the server's next check."""

    user = pw.ForeignKeyField(User, on_delete="CASCADE")
    token_hash = pw.CharField(max_length=64, unique=True)
    created_at = pw.CharField(max_length=40)
    created_by = pw.CharField(max_length=64)
    revoked_at = pw.CharField(max_length=40, null=True)
    # The audit row that issued it (its payload carries the token's digest): a row put in by SQL has none
    # that matches, and signs nobody in (workflow.doors.web_tokens.signed_in).
    audit_seq = pw.IntegerField(null=True)


class SchemaVersion(BaseModel):
    version = pw.IntegerField(primary_key=True)
    applied_at = pw.CharField(max_length=40)


ALL_MODELS: list[type[BaseModel]] = [
    School,
    User,
    Campaign,
    Round,
    Assessment,
    Score,
    Problem,
    Narrative,
    Responsibility,
    Verification,
    Objection,
    AuditEvent,
    NoticeText,
    WebToken,
    Region,
    Assignment,
]
