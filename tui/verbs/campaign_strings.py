"""What the campaign verbs print (tui/verbs/campaign.py), registered into the one catalog on import."""

from __future__ import annotations

from workflow.i18n import register

STRINGS: dict[str, dict[str, str]] = {
    "why.window_spec": {"zh": "应为 PHASE=START..END", "en": "expected PHASE=START..END"},
    "why.threshold_spec": {"zh": "应为 LEVEL=SCORE", "en": "expected LEVEL=SCORE"},
    "cli.campaign.created": {"zh": "已创建评定工作 #{id}：{title}", "en": "Campaign #{id} created: {title}"},
    "cli.campaign.enrolled_all": {"zh": "参评学校：{count}所", "en": "Schools enrolled: {count}"},
    "cli.campaign.head": {
        "zh": "#{id} {title}（{region} {year}，{rubric}）",
        "en": "#{id} {title} ({region} {year}, {rubric})",
    },
    "cli.campaign.title_line": {"zh": "#{id} {title}", "en": "#{id} {title}"},
    "cli.campaign.more_schools": {"zh": "…共{count}所，已列前{shown}所；--all 列出全部",
                                  "en": "… {count} schools in all, the first {shown} listed; --all lists every one"},
    "cli.campaign.advanced": {"zh": "阶段已推进：{before} → {after}", "en": "Phase advanced: {before} → {after}"},
    "cli.campaign.publicity_days": {
        "zh": "#{id} {title}：公示天数 {before}天 → {after}天",
        "en": "#{id} {title}: publicity length {before} → {after} days",
    },
    "cli.campaign.publicity_days_same": {
        "zh": "#{id} {title}：公示天数未变（{days}天）",
        "en": "#{id} {title}: publicity length unchanged ({days} days)",
    },
    "cli.campaign.per_state": {"zh": "各状态学校数：{counts}", "en": "Schools per state: {counts}"},
    "cli.campaign.state_count": {"zh": "{state} {count}", "en": "{state} {count}"},
    "cli.campaign.stranded": {
        "zh": "其中{count}所学校在“{phase}”阶段已无可做的操作：未参评或中途终止参评的，以“未参评”办结：{command}",
        "en": "{count} of them can no longer move on in '{phase}': a school that did not take part, or stopped "
              "part-way, is settled by: {command}"},
    "cli.campaign.recomputed": {
        "zh": "已重算{assessments}所学校：总分变化{totals}，星级变化{levels}，"
              "已认定但按新线会变化{settled}（需经年度复核调整）",
        "en": "Recomputed {assessments}: {totals} totals changed, {levels} star levels changed, "
              "{settled} already certified would change under the new thresholds (an annual review adjusts them)",
    },
    "cli.campaign.enrolled": {"zh": "新增参评学校{count}所", "en": "{count} enrolled"},  # counted(n, "school")
    "cli.campaign.provisional_note": {
        "zh": "* 暂定：评分标准部分内容尚未与官方文件核对",
        "en": "* provisional: parts of the rubric are not yet checked against the official document",
    },
    "cli.campaign.stars_provisional": {"zh": "（含暂定）", "en": " (provisional)"},
    # a school sent up (已报上级) holds the level it was sent with until the higher authority decides
    "cli.campaign.level_awaiting": {"zh": "{level}（已报上级，待认定）", "en": "{level} (sent upward, awaiting decision)"},
    "cli.campaign.awaiting_note": {"zh": "其中{count}所已报上级，按所报星级计入，尚待上级认定",
                                   "en": "{count} of these are sent upward, counted at the level sent, awaiting the "
                                         "higher authority's decision"},
    "cli.campaign.needs_school": {"zh": "report scores 需要 --school", "en": "report scores needs --school"},
    "cli.campaign.notice_usage": {"zh": "用法：notice set KEY TEXT", "en": "usage: notice set KEY TEXT"},
    "cli.campaign.notice_saved": {"zh": "已保存：{key}", "en": "Saved: {key}"},
    "cli.campaign.requirement": {"zh": "· {heading}。{text}", "en": "· {heading}. {text}"},
    "cli.campaign.col.id": {"zh": "#", "en": "#"},
    "cli.campaign.col.year": {"zh": "年度", "en": "Year"},
    "cli.campaign.col.region": {"zh": "地区", "en": "Region"},
    "cli.campaign.col.title": {"zh": "标题", "en": "Title"},
    "cli.campaign.col.rubric": {"zh": "评分标准", "en": "Rubric"},
    "cli.campaign.col.phase": {"zh": "阶段", "en": "Phase"},
    "cli.campaign.col.start": {"zh": "开始", "en": "Start"},
    "cli.campaign.col.end": {"zh": "结束", "en": "End"},
    "cli.campaign.col.state": {"zh": "状态", "en": "State"},
    "cli.campaign.col.schools": {"zh": "学校数", "en": "Schools"},
    "cli.campaign.col.star": {"zh": "星级", "en": "Star"},
    "cli.campaign.col.threshold": {"zh": "分数线", "en": "Threshold"},
    "cli.campaign.col.code": {"zh": "代码", "en": "Code"},
    "cli.campaign.col.school": {"zh": "学校", "en": "School"},
    "cli.campaign.col.township": {"zh": "乡镇", "en": "Township"},
    "cli.campaign.col.self": {"zh": "自评", "en": "Self"},
    "cli.campaign.col.verified": {"zh": "核定", "en": "Verified"},
}

register(STRINGS)
