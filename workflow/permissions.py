"""Who may do what: one table, role x action. docs/permissions.md is generated from it.

Workflow events carry their own ``roles`` in the declaration; this table covers every other
change. A school user is further limited to its own school (see ``require_school_scope``).

The region dimension: an officer with a region (``Actor.region_code``) reads and changes only the
schools and campaigns of that region's subtree (a code with its prefix: GB/T 2260 codes nest);
one without (every user made before regions) has the whole server. ``covers`` is that rule, and
``require_school_scope`` / ``require_campaign_scope`` are the only places it is asked: every door
and read that names a school or a campaign goes through one of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from models.schema import Assignment, Region, School, User
from workflow.errors import NotFound, PermissionDenied
from workflow.i18n import Label, Msg, Quoted, register

register({
    # Only the code asked is named, never what lies there: the same words whether it is registered
    # or not, so a scoped officer cannot learn the tree outside its own region from the refusal.
    "err.out_of_region": {
        "zh": "无权操作：{what}不在您的辖区（{own}）内。",
        "en": "Not allowed: {what} is outside your region ({own}).",
    },
    "err.recused": {
        "zh": "回避：专家“{expert}”来自{school}，不能核定本校。",
        "en": "Recused: expert '{expert}' comes from {school} and may not verify it.",
    },
    "err.not_assigned": {
        "zh": "无权核定：本轮（{year}年）已分配核定任务，{school}未分配给专家“{expert}”。",
        "en": "Not assigned: this round ({year}) has assignments, and {school} is not assigned to expert '{expert}'.",
    },
    "err.whole_server_only": {
        "zh": "无权操作：“{action}”涉及整个服务器的数据，只有不带辖区的用户可以执行（您的辖区：{own}）。",
        "en": "Not allowed: '{action}' covers the whole server's data; only users without a region may do it "
              "(your region: {own}).",
    },
    "err.other_tier": {
        "zh": "无权更改：{what}由{region}开展；{own}的管理员只更改本级的评定工作（可查看下级的）。",
        "en": "Not allowed to change: {what} is run by {region}; an admin of {own} changes its own tier's "
              "campaigns only (it may read those below).",
    },
    "word.no_region": {"zh": "未划定辖区", "en": "no region"},
    "word.school_named": {"zh": "学校“{name}”（{code}）", "en": "school '{name}' ({code})"},
    "word.campaign_named": {"zh": "评定工作“{title}”", "en": "campaign '{title}'"},
    "word.region_code_asked": {"zh": "行政区划{code}", "en": "region {code}"},
})

ACTIONS: dict[str, dict[str, str]] = {
    "campaign.create": {"zh": "创建评定工作", "en": "create a campaign"},
    "campaign.advance": {"zh": "推进阶段", "en": "advance the phase"},
    "school.import": {"zh": "导入学校", "en": "import schools"},
    "school.enrol": {"zh": "学校参评", "en": "enrol schools"},
    "score.self": {"zh": "录入自评分", "en": "enter self scores"},
    "score.verified": {"zh": "录入核定分", "en": "enter verified scores"},
    "veto.set": {"zh": "设定一票否决", "en": "set a veto"},
    "problem.edit": {"zh": "编辑问题清单", "en": "edit the problem list"},
    "narrative.edit": {"zh": "编辑成效与问题", "en": "edit narratives"},
    "responsibility.edit": {"zh": "任务分解到人", "en": "assign responsibilities"},
    "verification.record": {"zh": "记录核定过程", "en": "record a verification"},
    "objection.raise": {"zh": "登记异议", "en": "register an objection"},
    "objection.resolve": {"zh": "处理异议", "en": "resolve an objection"},
    "user.manage": {"zh": "管理用户", "en": "manage users"},
    "rubric.adjust": {"zh": "调整分数线并重算", "en": "adjust thresholds and recompute"},
    "notice.edit": {"zh": "编辑通报文稿", "en": "edit the notice texts"},
    "export.documents": {"zh": "导出文档", "en": "export documents"},
    "export.own_form": {"zh": "导出本校自评表", "en": "export the school's own self-evaluation form"},
    "audit.export": {"zh": "导出全部审计记录", "en": "export the whole audit log"},
    "audit.verify": {"zh": "校验全部审计记录", "en": "verify the whole audit log"},
    "database.manage": {"zh": "备份与升级数据库", "en": "back up and migrate the database"},
    "round.open": {"zh": "开启年度复核、选定复核学校", "en": "open an annual review and choose its schools"},
    "round.apply": {"zh": "申请晋级", "en": "apply for promotion"},
    "round.correct": {"zh": "更正已结束轮次的数据", "en": "correct a settled round"},
    "upward.record": {"zh": "登记上级认定结果", "en": "record the higher authority's decision"},
    "region.manage": {"zh": "登记行政区划", "en": "register regions"},
    "region.recode": {"zh": "占位区划改为正式代码", "en": "give a placeholder region its real code"},
    "region.remove": {"zh": "删除空的行政区划", "en": "remove an empty region"},
    "verification.assign": {"zh": "分配核定专家", "en": "assign experts to schools"},
    "read": {"zh": "查看", "en": "read"},
}

_ALL = set(ACTIONS)

MATRIX: dict[str, set[str]] = {
    "admin": set(_ALL),
    "expert": {"score.verified", "veto.set", "verification.record", "narrative.edit", "problem.edit",
               "export.documents", "read"},
    "school": {"score.self", "problem.edit", "narrative.edit", "responsibility.edit", "round.apply",
               "export.own_form", "read"},
    "viewer": {"export.documents", "audit.verify", "read"},
}

# Actions on the whole database: a copy or the full log holds every region's data, so an officer
# with a region may not take them (only whole-server users).
# The chain's verdict is one: its findings name any county's schools, scores and users.
# A placeholder region (99NNNN, from the upgrade) lies in no real region: recoding it claims its
# schools, which only a whole-server user can see (workflow/doors/region_recode.py). Removing a region
# (a mistyped code, workflow/doors/region_remove.py) is the same server-wide repair.
WHOLE_SERVER = {"database.manage", "audit.export", "audit.verify", "region.recode", "region.remove"}

# Actions that touch one school's data: a school user may do them only for its own school.
SCHOOL_SCOPED = {"score.self", "problem.edit", "narrative.edit", "responsibility.edit", "round.apply",
                 "export.own_form", "read"}


class OutOfScope(NotFound, PermissionDenied):
    """A school, campaign or user outside the actor's subtree, refused in the very words its not
    existing would be (no name, no region): a county officer could otherwise probe other counties'
    codes one by one. Still a PermissionDenied, for the doors that catch those."""


@dataclass(frozen=True)
class Actor:
    """The acting user, as the one door needs it."""

    name: str
    role: str
    school_code: str | None = None  # a school user's school; an expert's own school (recusal)
    region_code: str | None = None  # the region it works for; None: the whole server


def allowed(role: str, action: str) -> bool:
    return action in MATRIX.get(role, set())


def require(actor: Actor, action: str) -> None:
    if not allowed(actor.role, action):
        raise PermissionDenied(
            "err.permission", role=Msg(f"role.{actor.role}"),
            action=Label(ACTIONS[action]) if action in ACTIONS else action,
        )
    if actor.region_code and action in WHOLE_SERVER:
        raise PermissionDenied("err.whole_server_only", action=Label(ACTIONS[action]),
                               own=region_label(actor.region_code))


def export_action(role: str, kind: str) -> str:
    """The action an export of ``kind`` asks of ``role``: a school user's own self-evaluation form
    (自评表) is ``export.own_form``; every other export is ``export.documents``."""
    return "export.own_form" if kind == "forms" and not allowed(role, "export.documents") else "export.documents"


def covers(actor: Actor, region_code: str | None) -> bool:
    """Whether ``region_code`` lies in the actor's region's subtree (always, for a whole-server user).
    A school or campaign with no region yet ('') is a whole-server user's only."""
    return contains(actor.region_code, region_code)


def contains(outer: str | None, inner: str | None) -> bool:
    """Whether region ``inner`` lies in ``outer``'s subtree; no ``outer`` contains everything."""
    return not outer or (inner or "").startswith(outer)


def in_subtree(field: Any, prefix: str) -> Any:
    """``covers`` as SQL on a region-code column: a range, so both backends use the column's index
    (codes are digits, at most 6: the subtree of 6404 is 6404 .. 640499)."""
    return (field >= prefix) & (field <= prefix + "9" * (6 - len(prefix)))


def region_label(code: str | None) -> Msg | str:
    """A region as a refusal names it: 泾源县（640424）; a code no region has, as it is."""
    if not code:
        return Msg("word.no_region")
    row = Region.get_or_none(Region.code == code)
    return f"{row.name}（{code}）" if row is not None else code


def refuse_region(actor: Actor, code: str) -> PermissionDenied:
    """A region code outside the actor's subtree, named as it was asked for (the code, never its
    name or parent), the same words whether or not it is registered."""
    return PermissionDenied("err.out_of_region", what=Msg("word.region_code_asked", code=code),
                            own=region_label(actor.region_code))


def require_region(actor: Actor, region_code: str) -> None:
    """Refuse unless ``region_code`` lies in the actor's subtree. Asked before whether the code is
    registered (``require_known_region``), so an unknown code outside reads as a known one."""
    if not covers(actor, region_code):
        raise refuse_region(actor, region_code)


def hidden_school(code: str) -> OutOfScope:
    """What a door says of a school code it does not have (``err.not_found``), for one outside the subtree."""
    return OutOfScope("err.not_found", what=Msg("word.school"), key=code)


@dataclass(frozen=True)
class RoundAssignments:
    """A round's assignments as an expert's checks read them, once for a page of schools (an import)."""

    any: bool  # whether the round has assignments at all (none: an expert verifies any school)
    mine: frozenset[int]  # of the schools asked about, those assigned to the expert


def round_assignments(actor: Actor, round_row: Any, school_ids: list[int]) -> RoundAssignments:
    in_round = Assignment.round == round_row.id
    if not Assignment.select().where(in_round).exists():
        return RoundAssignments(False, frozenset())
    mine = (Assignment.select(Assignment.school).join(User)
            .where(in_round & (User.name == actor.name) & Assignment.school.in_(school_ids)).tuples())
    return RoundAssignments(True, frozenset(school for (school,) in mine))


def needs_school_row(actor: Actor, scoring_round: Any = None) -> bool:
    """Whether ``require_school_scope`` reads the school's row for this actor (its region, or an
    expert's recusal and assignment): a caller checking many schools reads their rows at once."""
    return bool(actor.region_code) or (scoring_round is not None and actor.role == "expert")


def require_school_scope(actor: Actor, school_code: str, *, scoring_round: Any = None, campaign: Any = None,
                         school: Any = None, assignments: RoundAssignments | None = None) -> None:
    """Refuse unless ``actor`` may act on this school: a school user only its own; an officer with a
    region only its subtree's. ``scoring_round`` (a Round): the actor works on the school in that round
    (verified scores, verification events, records), so an expert must not come from the school and,
    once the round has assignments, must be assigned to it. ``campaign``: the change is in that campaign, so an admin's tier rule holds too.
    ``school`` and ``assignments``: the school's row (or its id, code, name and region_code) and the
    round's assignments when the caller read them already for many schools (a score sheet's page: a
    query a school was most of a province's import)."""
    if actor.role == "school" and actor.school_code != school_code:
        raise PermissionDenied("err.own_school_only", own=actor.school_code or "-", other=school_code)
    if school is None and needs_school_row(actor, scoring_round):
        school = School.get_or_none(School.code == school_code)
    if actor.region_code and not covers(actor, school.region_code if school is not None else ""):
        raise hidden_school(school_code)  # as if it did not exist: neither its name nor its region
    if scoring_round is not None and actor.role == "expert" and school is not None:
        require_verifier_of(actor, school, scoring_round, assignments)
    if campaign is not None:
        require_tier(actor, campaign)


def require_verifier_of(actor: Actor, school: Any, round_row: Any,
                        assignments: RoundAssignments | None = None) -> None:
    """An expert verifies neither its own school nor, once its round has assignments, an unassigned one."""
    named = Msg("word.school_named", name=school.name, code=school.code)
    if actor.school_code and actor.school_code == school.code:
        raise PermissionDenied("err.recused", expert=actor.name, school=named)
    if assignments is None:
        assignments = round_assignments(actor, round_row, [school.id])
    if assignments.any and school.id not in assignments.mine:
        raise PermissionDenied("err.not_assigned", year=round_row.year, school=named, expert=actor.name)


def user_region(user: Any) -> str:
    """The region a users row belongs to. A school user is its school's: read from the school, not
    copied into the user, so it follows the school when an import moves it to a region and the
    school users made before (or without) a region need no migration; every other user has the
    region it was given ('' the whole server)."""
    if user.role == "school" and user.school_id:
        return str(user.school.region_code or "")
    return str(user.region_code or "")


def users_in_subtree(prefix: str) -> Any:
    """``user_region`` as SQL, for a ``User`` query joined (left outer) to its ``School``."""
    return (((User.role == "school") & in_subtree(School.region_code, prefix))
            | ((User.role != "school") & in_subtree(User.region_code, prefix)))


def require_user_scope(actor: Actor, user: Any) -> None:
    """Refuse unless the user's region lies in the actor's subtree: a county admin manages its county's
    accounts (its schools' users among them), never a whole-server one (it could otherwise sign in as it)."""
    if not covers(actor, user_region(user)):
        raise OutOfScope("err.user_unknown", name=user.name)  # as for a name nobody has


def require_campaign_reader(actor: Actor, campaign: Any) -> None:
    """Refuse unless the campaign's region lies in the actor's subtree (whole-server users: any)."""
    if not covers(actor, campaign.region_code):  # as workflow.door.load_campaign says of an unknown id
        raise OutOfScope("err.not_found", what=Msg("word.campaign"), key=campaign.id)


def require_campaign_scope(actor: Actor, campaign: Any) -> None:
    """Refuse a change of the campaign unless it lies in the actor's subtree and, for an admin with a
    region, is its own tier's (the doors ask this; reads ask ``require_campaign_reader``)."""
    require_campaign_reader(actor, campaign)
    require_tier(actor, campaign)


def require_tier(actor: Actor, campaign: Any) -> None:
    """The tier rule: an admin with a region changes only the campaigns its own region runs (a city
    or province reads its whole subtree but does not act in its counties' campaigns; a county admin
    its own county's). Experts are held by their assignments instead, viewers change nothing."""
    require_campaign_reader(actor, campaign)  # outside the subtree: refused naming the region, as ever
    if actor.role == "admin" and actor.region_code and campaign.region_code != actor.region_code:
        raise PermissionDenied("err.other_tier", what=Msg("word.campaign_named", title=Quoted(campaign.title)),
                               region=region_label(campaign.region_code), own=region_label(actor.region_code))


def t_action(action: str) -> str:
    from workflow.i18n import label

    return label(ACTIONS[action]) if action in ACTIONS else action


def markdown_table() -> str:
    roles = list(MATRIX)
    lines = ["| action | 操作 | " + " | ".join(roles) + " |", "|---|---|" + "---|" * len(roles)]
    for action, names in ACTIONS.items():
        cells = " | ".join("✓" if allowed(r, action) else "—" for r in roles)
        lines.append(f"| `{action}` | {names['zh']} | {cells} |")
    return "\n".join(lines)


def region_markdown() -> str:
    """The region dimension of the table, for docs/permissions.md (workflow/statemachine/diagram.py)."""
    return "\n".join([
        "## 辖区 / Regions",
        "",
        "行政区划按 GB/T 2260 代码成树（省 2 位、市 4 位、县 6 位，下级代码以上级代码开头）。用户可带一个辖区"
        "（`user add NAME --role ... --region CODE`）：此后它只能查看和处理该区划及其全部下级的学校和评定工作，"
        "在此之外一律拒绝，措辞与对象不存在时相同（不透露别处学校、评定工作、用户的名称和区划；区划代码只写所问的代码）；未带辖区的用户（区划功能之前的全部用户）仍可处理整个服务器。"
        "县级管理员看不到也改不了别县；市级查看者并列看到本市各县。",
        "",
        "Regions form a tree by GB/T 2260 code (2 digits a province, 4 a city, 6 a county; a child's code starts"
        " with its parent's). A user may carry one region (`user add NAME --role ... --region CODE`): it then reads"
        " and changes only the schools and campaigns of that region's subtree, and is refused elsewhere in the"
        " words a thing that does not exist gets (no other region's school, campaign or user is named, nor its"
        " region; a region code is named only as asked). A user without one (every user made before regions)"
        " keeps the whole server. The check is `workflow/permissions.py` (`covers`, `require_school_scope`,"
        " `require_campaign_scope`), asked by every door and, through `workflow/reads/scope.py`, every read.",
        "",
        "| who | own region's schools and campaigns | a sibling region's | whole server |",
        "|---|---|---|---|",
        "| user without a region | ✓ | ✓ | ✓ |",
        "| county user (6 digits) | ✓ (its role's actions) | — | — |",
        "| city user (4 digits) | ✓ its counties, side by side | — | — |",
        "| province user (2 digits) | ✓ its cities and counties | — | — |",
        "",
        "### 本级与下级 / Its own tier",
        "",
        "市级、省级管理员可查看整个下级，但只更改本级开展的评定工作（评定工作的区划代码等于自己的辖区）："
        "县区的评定工作（推进阶段、录分、流程操作、分配专家、通报文字……）只由县区管理员更改，"
        "市级在省级的评定工作中同样只能查看。学校名册、用户和行政区划仍在整个下级内管理。"
        "唯一的例外是上级复核的决定：它经 `school decide`（在本级复核的评定工作上）写回县区的评定工作。",
        "",
        "A city's or province's admin reads its whole subtree but changes only the campaigns its own region"
        " runs (the campaign's region code is its own): a county's campaign (phases, scores, events,"
        " assignments, notice texts...) is changed by the county's admin only. Schools, accounts and regions"
        " are still managed in the whole subtree. The one exception is the upward review's decision, which"
        " `school decide` on the higher tier's own review campaign writes back to the county's campaign"
        " (`require_tier`).",
        "",
        "| admin of | its own tier's campaign | a campaign below it | outside its region |",
        "|---|---|---|---|",
        "| a county (6 digits) | ✓ | (none) | — |",
        "| a city (4 digits) | ✓ | read only | — |",
        "| a province (2 digits) | ✓ | read only | — |",
        "",
        f"整个服务器的操作（{', '.join(f'`{a}`' for a in sorted(WHOLE_SERVER))}）只有不带辖区的用户可以执行："
        "备份或全部审计记录含有每个辖区的数据，升级生成的占位区划（99 开头）不在任何正式辖区内。 Whole-server actions"
        f" ({', '.join(f'`{a}`' for a in sorted(WHOLE_SERVER))}) are for users without a region only: a backup"
        " or the whole audit log holds every region's data, and a placeholder region made by the upgrade (99…)"
        " lies in no real region.",
        "",
        "## 核定分工与回避 / Assigned experts and recusal",
        "",
        "`verification assign EXPERT CODE… [--round YEAR]`（`verification.assign`）：一轮一旦有任何分配，专家只能"
        "录入分给自己的学校的核定分（和一票否决）。用户可登记自己来自的学校（`user add ... --school CODE`），"
        "专家永远不能被分配到、也不能核定本校。",
        "",
        "Once a round has any assignment, an expert enters verified scores (and vetoes) only for the schools"
        " assigned to it there. A user may name the school it comes from (`user add ... --school CODE`); an"
        " expert is never assigned to, and may never score, its own school.",
        "",
        "## 上级复核 / The upward review",
        "",
        "县区“已报上级”的学校由市级或省级在系统中复核：本级管理员新建一项评定工作，用"
        " `round pull YEAR --campaign ID` 受理该年度下级的推荐（`round.open`），分配本级专家核定（同样回避本校），"
        "再用 `school decide CODE --granted|--refused --doc-no … --date … --campaign ID` 决定"
        "（`upward.record`）；决定以本级区划名称为认定机关写回县区。上级不用本系统时，县区仍手工登记。",
        "",
        "A county's recommended schools are reviewed in the system by a city or province: its admin creates a"
        " campaign, takes in the year's recommendations from below with `round pull YEAR --campaign ID`"
        " (`round.open`), assigns its own experts (recusal as above), and decides with"
        " `school decide CODE --granted|--refused --doc-no … --date … --campaign ID` (`upward.record`); the"
        " decision is written back to the county's campaign with the higher region's name as the authority."
        " Where the higher tier does not use the system, the county records the decision by hand as before.",
    ])
