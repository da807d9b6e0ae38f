"""Strings of the campaign-day screens (issue 16): confirmations of final events, dialogs' discard
question, evidence, problem editing, the return notice and the admin screens. Registered into the
one catalog (workflow.i18n) on import, next to tui.strings."""

from __future__ import annotations

from workflow.i18n import register

STRINGS: dict[str, dict[str, str]] = {
    # final and irreversible events: the confirmation names the school, the event and what follows
    "tui.decide.title": {"zh": "{school}：确认“{event}”？", "en": "{school}: confirm '{event}'?"},
    "tui.decide.body": {"zh": "学校：{school}（{code}）\n操作：{event}\n后果：{consequence}\n此步不可撤回。",
                        "en": "School: {school} ({code})\nEvent: {event}\nConsequence: {consequence}\n"
                              "This step cannot be taken back."},
    "tui.decide.level": {"zh": "当前星级：{level}", "en": "Level now: {level}"},
    "tui.decide.submit_self_evaluation": {
        "zh": "自评表提交后学校不能再改自评分，等待专家核定；只有退回才能重新修改。",
        "en": "once submitted the school can no longer change its self scores and waits for verification; "
              "only a return reopens them."},
    "tui.decide.finish_verification": {
        "zh": "核定分定稿，并按核定分确定星级；之后不能再改核定分。",
        "en": "the verified scores become final and decide the level; they can no longer be changed."},
    "tui.decide.publicize": {
        "zh": "学校进入公示期，结果对外公示；公示期内可登记异议。",
        "en": "the school's result is made public; objections may be raised during the publicity period."},
    "tui.decide.certify": {
        "zh": "星级认定为最终结果，记入学校历年星级。",
        "en": "the level becomes final and enters the school's record of levels."},
    "tui.decide.recommend_upward": {
        "zh": "学校报上级认定/推荐，本级评定结束。",
        "en": "the school goes to the higher authority; the review at this level ends."},
    "tui.decide.mark_not_rated": {
        "zh": "确认本年度未达星级，本年评定结束。",
        "en": "this year's review ends with no level for the school."},
    "tui.decide.withdraw": {
        "zh": "学校本轮以“未参评”办结：不评星级，不列入通报的评星定级；下一轮可再选入。",
        "en": "the school's round ends as not taking part: no level, not in the notice's ratings; "
              "a later round may take it in."},
    "tui.decide.raise_level": {
        "zh": "按复核结果晋级，新星级立即生效。",
        "en": "the school is raised to the reviewed level, at once."},
    "tui.decide.keep_level": {
        "zh": "保持原星级，本年复核结束。",
        "en": "the school keeps its level; this year's review ends."},
    "tui.decide.lower_level": {
        "zh": "按复核结果降级，新星级立即生效。",
        "en": "the school is lowered to the reviewed level, at once."},
    "tui.actions.busy": {"zh": "正在执行“{event}”，请稍候…", "en": "Running '{event}'..."},
    # dialogs: Esc over typed text
    "tui.discard.title": {"zh": "放弃已输入的内容？", "en": "Discard what you typed?"},
    "tui.discard.body": {"zh": "对话框里已输入的文字还没有保存，关闭后将丢失。",
                         "en": "The text typed in this dialog is not saved and will be lost."},
    "tui.discard.yes": {"zh": "放弃", "en": "Discard"},
    "tui.discard.no": {"zh": "继续编辑", "en": "Keep editing"},
    # year-less dates: the campaign's year decides
    "tui.date.campaign_year": {"zh": "YYYY-MM-DD 或“9月16日”（不写年份即按评定年度{year}年）",
                               "en": "YYYY-MM-DD, or month and day in the Chinese form (no year: the campaign's year {year})"},
    "tui.date.form_year": {"zh": "各阶段日期写 YYYY-MM-DD，或只写“9月16日”：不写年份即按上面填写的年度。",
                           "en": "Phase dates as YYYY-MM-DD, or the Chinese month and day alone "
                                 "(no year): such a date is in the year above."},
    "tui.date.campaign_year_optional": {"zh": "YYYY-MM-DD 或“9月16日”（不写年份即按评定年度{year}年），可空",
                                        "en": "YYYY-MM-DD, or month and day in the Chinese form (no year: the "
                                              "campaign's year {year}); optional"},
    # evidence (佐证材料) in the sheet
    "tui.key.evidence": {"zh": "佐证", "en": "Evidence"},
    "tui.evidence.title": {"zh": "佐证材料：{code} {name}", "en": "Evidence: {code} {name}"},
    "tui.evidence.notes_title": {"zh": "核定说明：{code} {name}", "en": "Verification notes: {code} {name}"},
    "tui.evidence.hint": {"zh": "与分值 {value} 一起保存（Ctrl+S 或“保存佐证”）。",
                          "en": "Saved with the value {value} (Ctrl+S or 'Save evidence')."},
    "tui.evidence.save": {"zh": "保存佐证", "en": "Save evidence"},
    "tui.evidence.need_score": {"zh": "先填写该项分值，再填写佐证材料。",
                                "en": "Enter this leaf's score first, then its evidence."},
    "tui.evidence.pick_leaf": {"zh": "先在评分页选中一项末级指标，再按 Ctrl+T 填写佐证。",
                               "en": "Select a leaf in the scores tab first, then press Ctrl+T for its evidence."},
    "tui.evidence.read_only": {"zh": "现在不能为本校评分，佐证材料只能查看。",
                               "en": "You cannot score this school now: evidence is read only."},
    "tui.sheet.evidence_mark": {"zh": " [佐证]", "en": " [ev]"},
    "tui.sheet.evidence_key": {"zh": "Ctrl+T 佐证", "en": "Ctrl+T evidence"},
    # problems
    "tui.problem.edit_dialog": {"zh": "修改问题", "en": "Edit a problem"},
    "tui.problems.edit": {"zh": "修改", "en": "Edit"},
    "tui.problems.delete": {"zh": "删除", "en": "Delete"},
    "tui.problems.delete_title": {"zh": "删除这条问题？", "en": "Delete this problem?"},
    "tui.problems.delete_body": {"zh": "{text}\n\n删除后问题清单中不再列出（审计日志保留原文）。",
                                 "en": "{text}\n\nIt leaves the problem list (the audit log keeps its text)."},
    "tui.problems.edited": {"zh": "问题已修改。", "en": "Problem changed."},
    "tui.problems.deleted": {"zh": "问题已删除。", "en": "Problem deleted."},
    "tui.problems.overdue": {"zh": " 逾期", "en": " overdue"},
    "tui.problems.filter.all": {"zh": "全部问题", "en": "All problems"},
    "tui.problems.filter.unclosed": {"zh": "未整改完", "en": "Not closed"},
    "tui.problems.filter.overdue": {"zh": "逾期未整改", "en": "Overdue"},
    "tui.problems.filter.closed": {"zh": "已整改", "en": "Closed"},
    # a return (退回) shown to the school
    "tui.returned.note": {"zh": "本校已被退回（{who}，{at}）。理由：{reason}",
                          "en": "Your school was returned ({who}, {at}). Reason: {reason}"},
    "tui.returned.title": {"zh": "本校自评已被退回", "en": "Your self-evaluation was returned"},
    "tui.returned.body": {"zh": "{school}（{code}）\n退回人：{who}\n时间：{at}\n理由：\n{reason}\n\n"
                                "请按理由修改自评分后重新提交。",
                          "en": "{school} ({code})\nReturned by: {who}\nAt: {at}\nReason:\n{reason}\n\n"
                                "Change the self scores as asked, then submit again."},
    "tui.returned.open": {"zh": "打开本校", "en": "Open my school"},
    "tui.returned.later": {"zh": "知道了", "en": "Close"},
    # users and keys (tui/screens/users.py)
    "tui.users.title": {"zh": "用户与密钥", "en": "Users and keys"},
    "tui.users.add": {"zh": "新增用户", "en": "Add user"},
    "tui.users.disable": {"zh": "停用", "en": "Disable"},
    "tui.users.enable": {"zh": "启用", "en": "Enable"},
    "tui.users.rekey": {"zh": "更换密钥", "en": "Replace key"},
    "tui.users.col.name": {"zh": "用户名", "en": "User name"},
    "tui.users.col.display": {"zh": "显示名称", "en": "Display name"},
    "tui.users.col.role": {"zh": "角色", "en": "Role"},
    "tui.users.col.school": {"zh": "学校代码", "en": "School code"},
    "tui.users.col.state": {"zh": "状态", "en": "State"},
    "tui.users.active": {"zh": "在用", "en": "active"},
    "tui.users.disabled": {"zh": "已停用", "en": "disabled"},
    "tui.users.pick": {"zh": "先在用户表中选中一行。", "en": "Select a user in the table first."},
    "tui.users.add_title": {"zh": "新增用户", "en": "Add a user"},
    "tui.users.school_hint": {"zh": "学校代码（学校角色必填）", "en": "School code (required for a school user)"},
    "tui.users.key": {"zh": "SSH 公钥（一行，可空）", "en": "SSH public key (one line, optional)"},
    "tui.users.added": {"zh": "已新增用户。", "en": "User added."},
    "tui.users.rekey_title": {"zh": "更换密钥：{name}", "en": "Replace the key of {name}"},
    "tui.users.rekey_body": {"zh": "旧密钥随即失效，新密钥生效。", "en": "The old key stops working; the new one works."},
    "tui.users.disable_title": {"zh": "停用用户 {name}？", "en": "Disable {name}?"},
    "tui.users.disable_body": {"zh": "该用户不能再登录或保存，其密钥行从 authorized_keys 中移除；打开着的会话在一分钟内关闭。"
                                     "之后可以再启用。",
                               "en": "The user can no longer sign in or save; the key line leaves authorized_keys and "
                                     "an open session closes within a minute. It can be enabled again."},
    # import, objections, audit export and backup (tui/screens/office.py)
    "tui.office.title": {"zh": "导入与维护", "en": "Import and upkeep"},
    "tui.office.folder": {"zh": "文件都在导出目录中读写：{folder}（不能读写此目录之外的文件）",
                          "en": "Files are read from and written to the export folder: {folder} (nothing outside it)"},
    "tui.office.import": {"zh": "导入学校名册（CSV 或 .xlsx；有一行不合格则整批不导入）",
                          "en": "Import the school register (CSV or .xlsx; one bad row and nothing is imported)"},
    "tui.office.import_file": {"zh": "文件名，如 学校名册.xlsx", "en": "file name, e.g. schools.xlsx"},
    "tui.office.import_sheet": {"zh": "工作表（可空）", "en": "sheet (optional)"},
    "tui.office.import_go": {"zh": "导入", "en": "Import"},
    "tui.office.objections": {"zh": "本次评定的异议", "en": "This campaign's objections"},
    "tui.office.no_objections": {"zh": "（暂无异议）", "en": "(no objections)"},
    "tui.office.audit": {"zh": "导出审计日志（CSV，含哈希与签章，供外部核验）",
                         "en": "Export the audit log (CSV with hashes and seals, for checking outside)"},
    "tui.office.audit_go": {"zh": "导出", "en": "Export"},
    "tui.office.backup": {"zh": "备份数据库（SQLite，边用边备份，写完校验）",
                          "en": "Back up the database (SQLite, while in use, checked when written)"},
    "tui.office.backup_go": {"zh": "备份", "en": "Back up"},
    "tui.office.working": {"zh": "正在进行…", "en": "Working..."},
    "tui.office.written": {"zh": "已写入：{path}", "en": "Written: {path}"},
    "tui.office.kept": {"zh": "原文件未改动。", "en": "The existing file was left as it is."},
    "why.office_no_file": {"zh": "导出目录{folder}中没有这个文件", "en": "there is no such file in the export folder {folder}"},
    # the campaign admin's doors to the other admin screens
    "tui.admin.users": {"zh": "用户与密钥", "en": "Users and keys"},
    "tui.admin.office": {"zh": "导入、异议、审计与备份", "en": "Import, objections, audit, backup"},
    "tui.admin.publicity_days": {"zh": "公示天数", "en": "Publicity days"},
}

register(STRINGS)
