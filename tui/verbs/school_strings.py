"""What the one-school verbs print (tui/verbs/school.py), registered into the one catalog on import."""

from __future__ import annotations

from workflow.i18n import register

STRINGS: dict[str, dict[str, str]] = {
    "cli.school.score_saved": {
        "zh": "已保存：{school} {indicator} = {value}（合计 {total}）",
        "en": "Saved: {school} {indicator} = {value} (total {total})",
    },
    "cli.school.scores_imported": {
        "zh": "导入完成：{schools}所学校，{count}个分值",
        "en": "Imported {count} for {schools}.",
    },
    "cli.school.state": {"zh": "{school}：{state}", "en": "{school}: {state}"},
    "cli.school.col.event": {"zh": "事件", "en": "Event"},
    "cli.school.col.action": {"zh": "操作", "en": "Action"},
    "cli.school.col.allowed": {"zh": "可执行", "en": "Available"},
    "cli.school.col.reason": {"zh": "不能执行的原因", "en": "Why not"},
    "cli.school.events_legend": {
        "zh": "✓ 现在可以执行：{command}；✗ 现在不能执行，原因见右栏",
        "en": "✓ possible now: {command}; ✗ not possible now, for the reason on the right",
    },
    "cli.school.word.event": {"zh": "事件", "en": "EVENT"},
    "cli.school.needs_reason": {"zh": "（须写明理由：--reason 理由）", "en": "(needs a reason: --reason REASON)"},
    # the score sheet (render_sheet)
    "cli.sheet.head": {
        "zh": "{code} {name}（{township}，{stage}）— {state}",
        "en": "{code} {name} ({township}, {stage}) — {state}",
    },
    "cli.sheet.provisional": {"zh": "{level}（暂定标准）", "en": "{level} (provisional rubric)"},
    "cli.sheet.bonus": {"zh": " · 奖励加分 {total}（上限 {cap}）", "en": " · bonus {total} (at most {cap})"},
    "cli.sheet.foot": {
        "zh": "自评 {self} · 核定 {verified}{bonus} · {level} · {gap}",
        "en": "self {self} · verified {verified}{bonus} · {level} · {gap}",
    },
    "cli.sheet.col.code": {"zh": "代码", "en": "Code"},
    "cli.sheet.col.indicator": {"zh": "指标", "en": "Indicator"},
    "cli.sheet.col.points": {"zh": "满分", "en": "Max"},
    "cli.sheet.col.self": {"zh": "自评", "en": "Self"},
    "cli.sheet.col.verified": {"zh": "核定", "en": "Verified"},
    # problems, narratives, responsibilities, verification visits, objections, vetoes
    "cli.problem.added": {"zh": "已登记问题 #{id}", "en": "Problem #{id} added."},
    "cli.problem.status": {"zh": "问题 #{id}：{status}", "en": "Problem #{id}: {status}"},
    "cli.problem.col.text": {"zh": "问题", "en": "Problem"},
    "cli.problem.col.responsible": {"zh": "责任人", "en": "Responsible"},
    "cli.problem.col.deadline": {"zh": "整改期限", "en": "Deadline"},
    "cli.problem.col.status": {"zh": "状态", "en": "Status"},
    "cli.narrative.saved": {"zh": "已保存：{school} {kind}", "en": "Saved: {school} {kind}"},
    "cli.responsibility.added": {"zh": "已登记：{person}", "en": "Added: {person}"},
    "cli.verification.recorded": {"zh": "已记录核定：{school} {date}", "en": "Verification recorded: {school} {date}"},
    "cli.objection.added": {"zh": "已登记异议 #{id}", "en": "Objection #{id} registered."},
    "cli.objection.upheld": {"zh": "异议 #{id}：成立，退回重新核定", "en": "Objection #{id}: upheld, sent back for verification"},
    "cli.objection.dismissed": {"zh": "异议 #{id}：驳回", "en": "Objection #{id}: dismissed"},
    "cli.objection.col.code": {"zh": "代码", "en": "Code"},
    "cli.objection.col.school": {"zh": "学校", "en": "School"},
    "cli.objection.col.raised_by": {"zh": "异议人", "en": "Raised by"},
    "cli.objection.col.text": {"zh": "内容", "en": "Objection"},
    "cli.objection.col.status": {"zh": "状态", "en": "Status"},
    "cli.objection.col.resolution": {"zh": "处理意见", "en": "Resolution"},
    "cli.veto.now": {"zh": "{school}：一票否决 = {vetoes}", "en": "{school}: vetoes = {vetoes}"},
}

register(STRINGS)
