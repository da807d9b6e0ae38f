"""An audit row's action in the reader's words: ``score.verified`` -> 录入核定分, ``event.recommend_upward`` -> 报上级.

Below the reads (``workflow.reads.audit_text`` shows the log with them) so that ``audit verify`` and the
replay name an action in the same words the audit log view does.
"""

from __future__ import annotations

from workflow.i18n import CATALOG, LANGUAGES, Label, label, register, t
from workflow.permissions import ACTIONS
from workflow.statemachine.declaration import EVENTS

_EVENTS = {e["trigger"]: e for e in EVENTS}

# Actions the permission table does not name (or names as a permission, not as a deed).
ACTION_STRINGS: dict[str, dict[str, str]] = {
    "audit.action.score.self": {"zh": "录入自评分", "en": "self scores entered"},
    "audit.action.score.verified": {"zh": "录入核定分", "en": "verified scores entered"},
    "audit.action.narrative.achievement": {"zh": "修改“取得的成效”", "en": "achievements edited"},
    "audit.action.narrative.problem": {"zh": "修改“存在的问题”", "en": "problems text edited"},
    "audit.action.problem.add": {"zh": "新增问题", "en": "problem added"},
    "audit.action.problem.status": {"zh": "问题状态变更", "en": "problem status changed"},
    "audit.action.problem.edit": {"zh": "修改问题", "en": "problem edited"},
    "audit.action.problem.delete": {"zh": "删除问题", "en": "problem deleted"},
    "audit.action.responsibility.add": {"zh": "任务分解到人", "en": "responsibility assigned"},
    "audit.action.verification.record": {"zh": "记录核定过程", "en": "verification recorded"},
    "audit.action.objection.raise": {"zh": "登记异议", "en": "objection registered"},
    "audit.action.objection.resolve": {"zh": "处理异议", "en": "objection resolved"},
    "audit.action.veto.set": {"zh": "设定一票否决", "en": "veto set"},
    "audit.action.veto.clear": {"zh": "取消一票否决", "en": "veto cleared"},
    "audit.action.campaign.create": {"zh": "新建评定工作", "en": "campaign created"},
    "audit.action.campaign.advance": {"zh": "推进阶段", "en": "phase advanced"},
    "audit.action.campaign.enrol": {"zh": "学校参评", "en": "schools enrolled"},
    "audit.action.campaign.recompute": {"zh": "重算星级", "en": "levels recomputed"},
    "audit.action.campaign.thresholds": {"zh": "调整分数线并重算", "en": "thresholds adjusted"},
    "audit.action.campaign.publicity_days": {"zh": "修改公示天数", "en": "publicity length changed"},
    "audit.action.school.import": {"zh": "导入学校", "en": "schools imported"},
    "audit.action.score.confirm": {"zh": "确认沿用分数", "en": "carried scores confirmed"},
    "audit.action.correction.score.self": {"zh": "更正自评分", "en": "self scores corrected"},
    "audit.action.correction.score.verified": {"zh": "更正核定分", "en": "verified scores corrected"},
    "audit.action.region.add": {"zh": "登记行政区划", "en": "region registered"},
    "audit.action.region.recode": {"zh": "行政区划改码", "en": "region recoded"},
    "audit.action.region.remove": {"zh": "删除行政区划", "en": "region removed"},
    "audit.action.verification.assign": {"zh": "分配核定专家", "en": "experts assigned"},
    "audit.action.export.region_notice": {"zh": "导出：区域通报", "en": "export: region notice"},
    "audit.action.audit.checkpoint": {"zh": "审计检查点（记录当前全部数据）", "en": "audit checkpoint (the whole data recorded)"},
    "audit.action.round.initial": {"zh": "进入初评", "en": "entered the initial rating"},
    "audit.action.round.applied": {"zh": "申请晋级，进入年度复核", "en": "applied for promotion (annual review)"},
    "audit.action.round.chosen": {"zh": "局定参加年度复核", "en": "chosen for the annual review"},
    "audit.action.notice.texts": {"zh": "修改通报文字", "en": "notice texts edited"},
    "audit.action.user.add": {"zh": "新增用户", "en": "user added"},
    "audit.action.user.disable": {"zh": "停用用户", "en": "user disabled"},
    "audit.action.user.enable": {"zh": "启用用户", "en": "user enabled"},
    "audit.action.user.rekey": {"zh": "更换密钥", "en": "key replaced"},
    "audit.action.user.web_token": {"zh": "发放网页登录令牌", "en": "web token issued"},
    "audit.action.user.web_token_revoke": {"zh": "收回网页登录令牌", "en": "web token revoked"},
    "audit.action.web.sign_in": {"zh": "网页登录", "en": "web sign-in"},
    "audit.action.export": {"zh": "导出：{kind}", "en": "export: {kind}"},
}
register(ACTION_STRINGS)


def action_text(action: str, lang: str | None = None) -> str:
    """``event.recommend_upward`` -> 报上级; ``score.self`` -> 录入自评分; unknown names as they are."""
    own = f"audit.action.{action}"  # an action's own words first (export.region_notice: no export kind's)
    if own in CATALOG:
        return t(own, lang)
    if action.startswith("event."):
        event = _EVENTS.get(action.removeprefix("event."))
        return label(event, lang) if event else action
    if action.startswith("export."):
        kind = action.removeprefix("export.")
        key = f"tui.export.kind.{kind}"  # the interface's word for the kind, when it has registered one
        return t("audit.action.export", lang, kind=t(key, lang) if key in CATALOG else kind)
    return label(ACTIONS[action], lang) if action in ACTIONS else action


def action_words(action: str) -> Label:
    """The action's words as a message parameter, rendered in the reader's language (a finding's)."""
    return Label({lang: action_text(action, lang) for lang in LANGUAGES})
