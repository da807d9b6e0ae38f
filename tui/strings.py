"""The TUI's own strings, registered into the one catalog (workflow.i18n) on import."""

from __future__ import annotations

from workflow.i18n import register

STRINGS: dict[str, dict[str, str]] = {
    "tui.app.title": {"zh": "智慧校园星级评定", "en": "Campus star rating"},
    "tui.ok": {"zh": "确定", "en": "OK"},
    "tui.cancel": {"zh": "取消", "en": "Cancel"},
    "tui.provisional": {"zh": "（暂定）", "en": " (provisional)"},
    "tui.provisional_short": {"zh": "(暂)", "en": "(p)"},
    "tui.provisional_rubric": {"zh": "  [暂定标准：星级为暂定]", "en": "  [provisional rubric: levels are provisional]"},
    # keys
    "tui.key.help": {"zh": "帮助", "en": "Help"},
    "tui.key.audit": {"zh": "审计", "en": "Audit"},
    "tui.key.admin": {"zh": "管理", "en": "Admin"},
    "tui.key.quit": {"zh": "退出", "en": "Quit"},
    "tui.key.open": {"zh": "打开", "en": "Open"},
    "tui.key.sort": {"zh": "排序", "en": "Sort"},
    "tui.key.reverse": {"zh": "倒序", "en": "Reverse"},
    "tui.key.filters": {"zh": "筛选", "en": "Filters"},
    "tui.key.reload": {"zh": "刷新", "en": "Reload"},
    "tui.key.clear": {"zh": "清除筛选", "en": "Clear filter"},
    "tui.key.back": {"zh": "返回", "en": "Back"},
    "tui.key.cancel": {"zh": "取消", "en": "Cancel"},
    # columns
    "tui.col.code": {"zh": "代码", "en": "Code"},
    "tui.col.name": {"zh": "学校", "en": "School"},
    "tui.col.township": {"zh": "乡镇", "en": "Township"},
    "tui.col.state": {"zh": "状态", "en": "State"},
    "tui.col.self": {"zh": "自评", "en": "Self"},
    "tui.col.verified": {"zh": "核定", "en": "Verif"},
    "tui.col.star": {"zh": "星级", "en": "Level"},
    "tui.col.updated": {"zh": "最近变更", "en": "Changed"},
    "tui.col.order": {"zh": "默认顺序", "en": "default order"},
    "tui.table.empty": {"zh": "（无）", "en": "(none)"},
    # dashboard
    "tui.dash.campaign": {"zh": "评定工作", "en": "Campaign"},
    "tui.dash.no_campaign": {"zh": "还没有评定工作：按 F9 创建。", "en": "No campaign yet: press F9 to create one."},
    "tui.dash.title": {"zh": "{title}  用户：{user}（{role}）", "en": "{title}  user: {user} ({role})"},
    "tui.dash.filter": {"zh": "输入代码/校名/乡镇筛选", "en": "type code/name/township to filter"},
    "tui.dash.state": {"zh": "状态", "en": "State"},
    "tui.dash.star": {"zh": "星级", "en": "Level"},
    "tui.dash.township": {"zh": "乡镇", "en": "Township"},
    "tui.dash.by_state": {"zh": "各状态学校数", "en": "Schools per state"},
    "tui.dash.by_star": {"zh": "各星级学校数（已核定）", "en": "Schools per level (verified)"},
    "tui.dash.count": {"zh": "共{count}所学校  排序：{sort}", "en": "{count} schools  sorted by {sort}"},
    "tui.dash.desc": {"zh": "（倒序）", "en": " (descending)"},
    # timeline
    "tui.timeline.today": {"zh": "今天{today}：", "en": "Today {today}: "},
    "tui.timeline.early": {"zh": "本阶段{days}天后才开始", "en": "this phase starts in {days} days"},
    "tui.timeline.overdue": {"zh": "已逾期{days}天（{phase}）", "en": "{days} days overdue ({phase})"},
    "tui.timeline.left": {"zh": "本阶段第{day}天，剩余{left}天", "en": "day {day} of this phase, {left} days left"},
    "tui.timeline.behind": {"zh": "  按日程应已进入“{phase}”", "en": "  the schedule says '{phase}' by now"},
    # school
    "tui.tab.scores": {"zh": "评分", "en": "Scores"},
    "tui.tab.actions": {"zh": "流程操作", "en": "Actions"},
    "tui.tab.problems": {"zh": "问题与成效", "en": "Problems"},
    "tui.tab.history": {"zh": "历史", "en": "History"},
    "tui.school.state": {"zh": "状态：", "en": "State: "},
    "tui.school.totals": {"zh": "自评{self_total}分 核定{verified}分", "en": "self {self_total}, verified {verified}"},
    "tui.school.level": {"zh": "星级：", "en": "Level: "},
    "tui.school.no_level": {"zh": "未评定", "en": "not set"},
    "tui.sheet.indicator": {"zh": "指标", "en": "Indicator"},
    "tui.sheet.max": {"zh": "满分", "en": "Max"},
    "tui.sheet.max_is": {"zh": "（满分{max}）", "en": " (max {max})"},
    "tui.sheet.self_is": {"zh": "自评{value}分；佐证：{evidence}", "en": "self {value}; evidence: {evidence}"},
    "tui.sheet.verified_is": {"zh": "核定{value}分；说明：{evidence}", "en": "verified {value}; notes: {evidence}"},
    "tui.sheet.saved": {"zh": "已保存 {code}", "en": "Saved {code}"},
    "tui.actions.hint": {
        "zh": "可执行的操作为高亮按钮；灰色按钮按下后显示不能执行的原因。",
        "en": "Highlighted buttons can be done now; a grey one shows why it cannot.",
    },
    "tui.actions.none": {"zh": "当前状态下没有可执行的操作。", "en": "No event starts from this state."},
    "tui.actions.refused": {"zh": "不能执行：{reason}", "en": "Refused: {reason}"},
    "tui.actions.done": {"zh": "已完成", "en": "Done"},
    "tui.problem.open": {"zh": "待整改", "en": "open"},
    "tui.problem.rectifying": {"zh": "整改中", "en": "rectifying"},
    "tui.problem.closed": {"zh": "已整改", "en": "closed"},
    "tui.problems.title": {"zh": "问题清单", "en": "Problem list"},
    "tui.problems.owner": {"zh": "责任人：{who}  期限：{due}", "en": "owner: {who}  due: {due}"},
    "tui.narr.achievement": {"zh": "取得的成效", "en": "Achievements"},
    "tui.narr.problem": {"zh": "存在的问题", "en": "Problems found"},
    "tui.hist.levels": {"zh": "历年星级", "en": "Levels across years"},
    "tui.hist.level_row": {
        "zh": "{year}年 {title}：星级{level} 核定{verified}分 {state}",
        "en": "{year} {title}: level {level}, verified {verified}, {state}",
    },
    "tui.hist.at": {"zh": "时间", "en": "When"},
    "tui.hist.actor": {"zh": "操作人", "en": "Who"},
    "tui.hist.action": {"zh": "操作", "en": "Action"},
    "tui.hist.states": {"zh": "状态变化", "en": "States"},
    "tui.hist.reason": {"zh": "理由", "en": "Reason"},
    # dialogs
    "tui.reason.title": {"zh": "“{event}”需要填写理由", "en": "'{event}' needs a reason"},
    "tui.reason.placeholder": {"zh": "理由", "en": "reason"},
    "tui.reason.empty": {"zh": "理由不能为空。", "en": "The reason must not be empty."},
    # admin
    "tui.screen.admin": {"zh": "评定管理", "en": "Campaign admin"},
    "tui.screen.audit": {"zh": "审计日志", "en": "Audit log"},
    "tui.screen.help": {"zh": "帮助", "en": "Help"},
    "tui.admin.current": {"zh": "当前评定工作", "en": "Current campaign"},
    "tui.admin.phase": {"zh": "当前阶段：{phase}", "en": "Phase: {phase}"},
    "tui.admin.next": {"zh": "  下一阶段：{phase}", "en": "  next: {phase}"},
    "tui.admin.enrol_all": {"zh": "全部学校参评", "en": "Enrol all schools"},
    "tui.admin.advance": {"zh": "推进到下一阶段", "en": "Advance the phase"},
    "tui.admin.new": {"zh": "新建评定工作", "en": "New campaign"},
    "tui.admin.title": {"zh": "标题", "en": "Title"},
    "tui.admin.region": {"zh": "地区", "en": "Region"},
    "tui.admin.year": {"zh": "年度", "en": "Year"},
    "tui.admin.rubric": {"zh": "评分标准", "en": "Rubric"},
    "tui.admin.organ": {"zh": "发文机关", "en": "Issuing organ"},
    "tui.admin.enrol_now": {"zh": "创建后全部学校参评", "en": "Enrol every school after creating"},
    "tui.admin.create": {"zh": "创建", "en": "Create"},
    "tui.admin.created": {"zh": "已创建评定工作 #{id}，参评学校{count}所。", "en": "Campaign #{id} created, {count} schools enrolled."},
    "tui.admin.enrolled": {"zh": "新增参评学校{count}所。", "en": "{count} schools newly enrolled."},
    "tui.admin.confirm": {"zh": "从“{old}”推进到“{new}”？", "en": "Advance from '{old}' to '{new}'?"},
    "tui.admin.leftovers": {"zh": "推进后各状态学校数（留在原状态）：", "en": "Schools left behind, per state:"},
    "tui.admin.advanced": {"zh": "已推进到“{phase}”。", "en": "Advanced to '{phase}'."},
    # audit
    "tui.audit.checking": {"zh": "正在校验审计链……", "en": "Verifying the audit chain..."},
    "tui.audit.verify": {"zh": "校验", "en": "Verify"},
    "tui.audit.actor": {"zh": "操作人", "en": "actor"},
    "tui.audit.school": {"zh": "学校代码", "en": "school code"},
    "tui.audit.action": {"zh": "操作（前缀）", "en": "action (prefix)"},
    # palette
    "tui.cmd.school": {"zh": "学校", "en": "School"},
    "tui.cmd.phase": {"zh": "阶段", "en": "Phase"},
    "tui.cmd.phase_help": {"zh": "先列出各状态学校数再确认", "en": "lists what it leaves behind, then asks"},
    "tui.cmd.screen": {"zh": "屏幕", "en": "Screen"},
    # help
    "tui.help.keys_title": {"zh": "按键", "en": "Keys"},
    "tui.help.keys": {
        "zh": ("F1 帮助  F8 审计日志  F9 评定管理  F10 退出  Ctrl+P 命令面板\n"
               "学校列表：方向键/翻页键移动，回车打开；直接输入即筛选；Esc 清除筛选；\n"
               "  F2 换排序列，F3 倒序，F4 按状态/星级/乡镇筛选，F5 刷新；点击表头排序\n"
               "学校详情：F6 评分，F7 流程操作，Esc 返回；\n"
               "  评分：上下键或 Tab 在指标间移动，输入分值后回车保存（可用全角数字，0.5分为单位）"),
        "en": ("F1 help  F8 audit log  F9 campaign admin  F10 quit  Ctrl+P command palette\n"
               "School list: arrows/PgUp/PgDn move, Enter opens; type to filter; Esc clears;\n"
               "  F2 next sort column, F3 reverse, F4 filter by state/level/township, F5 reload; click a header to sort\n"
               "School: F6 scores, F7 workflow actions, Esc back;\n"
               "  Scores: Up/Down or Tab between indicators, type, Enter saves (full-width digits ok, half points)"),
    },
    "tui.help.states_title": {"zh": "学校状态", "en": "School states"},
    "tui.help.events_title": {"zh": "流程操作（来源 > 去向 [阶段] (角色)）", "en": "Events (from > to [phases] (roles))"},
    "tui.help.phases_title": {"zh": "评定阶段", "en": "Campaign phases"},
    "tui.help.reason": {"zh": "需填写理由", "en": "needs a reason"},
}

register(STRINGS)
