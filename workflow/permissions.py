"""Who may do what: one table, role x action. docs/permissions.md is generated from it.

Workflow events carry their own ``roles`` in the declaration; this table covers every other
change. A school user is further limited to its own school (see ``require_school_scope``).
"""

from __future__ import annotations

from dataclasses import dataclass

from workflow.errors import PermissionDenied
from workflow.i18n import Label, Msg

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
    "audit.export": {"zh": "导出全部审计记录", "en": "export the whole audit log"},
    "database.manage": {"zh": "备份与升级数据库", "en": "back up and migrate the database"},
    "round.open": {"zh": "开启年度复核、选定复核学校", "en": "open an annual review and choose its schools"},
    "round.apply": {"zh": "申请晋级", "en": "apply for promotion"},
    "round.correct": {"zh": "更正已结束轮次的数据", "en": "correct a settled round"},
    "upward.record": {"zh": "登记上级认定结果", "en": "record the higher authority's decision"},
    "read": {"zh": "查看", "en": "read"},
}

_ALL = set(ACTIONS)

MATRIX: dict[str, set[str]] = {
    "admin": set(_ALL),
    "expert": {"score.verified", "veto.set", "verification.record", "narrative.edit", "problem.edit",
               "export.documents", "read"},
    "school": {"score.self", "problem.edit", "narrative.edit", "responsibility.edit", "round.apply", "read"},
    "viewer": {"export.documents", "read"},
}

# Actions that touch one school's data: a school user may do them only for its own school.
SCHOOL_SCOPED = {"score.self", "problem.edit", "narrative.edit", "responsibility.edit", "round.apply", "read"}


@dataclass(frozen=True)
class Actor:
    """The acting user, as the one door needs it."""

    name: str
    role: str
    school_code: str | None = None


def allowed(role: str, action: str) -> bool:
    return action in MATRIX.get(role, set())


def require(actor: Actor, action: str) -> None:
    if not allowed(actor.role, action):
        raise PermissionDenied(
            "err.permission", role=Msg(f"role.{actor.role}"),
            action=Label(ACTIONS[action]) if action in ACTIONS else action,
        )


def require_school_scope(actor: Actor, school_code: str) -> None:
    if actor.role == "school" and actor.school_code != school_code:
        raise PermissionDenied("err.own_school_only", own=actor.school_code or "-", other=school_code)


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
