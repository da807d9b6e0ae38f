"""F1's first lines on each screen: what the screen is for in the year's work, and what comes next
(issue 16, "help that teaches"). The keys follow, read off the screen's bindings (tui.screens.help).

Keyed by the screen's class name, so a screen without an entry simply shows its keys.
"""

from __future__ import annotations

from rich.text import Text

from workflow.i18n import register, t

STRINGS: dict[str, dict[str, str]] = {
    "tui.about.title": {"zh": "本屏用途", "en": "This screen"},
    "tui.about.next": {"zh": "下一步：{next}", "en": "Next: {next}"},
    "tui.about.DashboardScreen": {
        "zh": "首页：本次评定的阶段时间轴、各状态与各星级学校数、学校列表。全年的工作都从这里开始：输入校名筛选，Enter 打开学校；"
              "多所学校做同一个操作时空格标记、Ctrl+E 执行。",
        "en": "Home: the campaign's phases, schools per state and level, and the school list. Every step of the year "
              "starts here: type to filter, Enter opens a school; mark schools with Space and Ctrl+E for one event on all.",
    },
    "tui.about.DashboardScreen.next": {
        "zh": "自评整改阶段学校打开本校录分；标准核定阶段专家逐校核定；管理员在 F9 管理里推进阶段、F7 导出通报。",
        "en": "in self-evaluation a school scores itself; in verification the experts verify each school; an admin "
              "advances the phase in F9 and exports the notice with F7.",
    },
    "tui.about.SchoolScreen": {
        "zh": "一所学校的全部材料：F2 评分（自评分、核定分、佐证），F3 流程操作（开始自评、提交、核定、公示、认定……），"
              "F4 问题与成效，Ctrl+R 核定与异议，F6 历史。只显示本角色可以做的操作。",
        "en": "One school's whole file: F2 scores (self, verified, evidence), F3 the workflow (start, submit, verify, "
              "publicize, certify…), F4 problems and narratives, Ctrl+R verification and objections, F6 history. "
              "Only what your role may do is shown.",
    },
    "tui.about.SchoolScreen.next": {
        "zh": "每项分值 Enter 保存；全部打分后到 F3 执行下一步（提交自评表、完成核定等，先确认）；Esc 回首页。",
        "en": "Enter saves each score; once all are scored, F3 takes the next step (submit, finish verification…, "
              "asked first); Esc back to the list.",
    },
    "tui.about.AdminScreen": {
        "zh": "评定管理（管理员）：新建评定、学校参评、推进阶段、公示天数、通报文字；用户与密钥；导入、异议、审计与备份。",
        "en": "Campaign admin: create a campaign, enrol schools, advance the phase, the publicity length, the notice "
              "texts; users and keys; import, objections, audit and backup.",
    },
    "tui.about.AdminScreen.next": {
        "zh": "新建评定并参评后推进到“自评整改”，通知学校录分；核定、公示、认定后在 F7 导出通报。",
        "en": "after creating and enrolling, advance to self-evaluation and tell the schools; after verification, "
              "publicity and certification, export the notice with F7.",
    },
    "tui.about.AuditScreen": {
        "zh": "审计日志：每一次修改（谁、何时、状态变化、理由、分数），按用户、学校、操作筛选；F5 校验哈希链。",
        "en": "The audit log: every change (who, when, the move, the reason, the values), filtered by user, school "
              "or action; F5 checks the hash chain.",
    },
    "tui.about.AuditScreen.next": {
        "zh": "有疑问的记录按学校代码筛选查看；导出全部记录在 F9 管理 → 导入、异议、审计与备份。",
        "en": "filter by a school's code to follow one school; the full export is in F9 → import, objections, audit, backup.",
    },
    "tui.about.UsersScreen": {
        "zh": "用户与密钥：新增用户、停用（先确认）、启用、更换 SSH 密钥；保存后同步 authorized_keys。",
        "en": "Users and keys: add, disable (asked first), enable, replace an SSH key; authorized_keys follows each change.",
    },
    "tui.about.UsersScreen.next": {
        "zh": "把登录方式（ssh 服务器地址）告诉新用户；Esc 回评定管理。",
        "en": "tell the new user how to log in (ssh to the server); Esc back to the admin screen.",
    },
    "tui.about.OfficeScreen": {
        "zh": "导入学校名册（CSV/.xlsx，有一行不合格则整批不导入）、本次评定的异议清单、审计日志导出、数据库备份。",
        "en": "Import the school roster (CSV/.xlsx, all or nothing), this campaign's objections, the audit export "
              "and a database backup.",
    },
    "tui.about.OfficeScreen.next": {
        "zh": "导入名册后在评定管理里让学校参评；公示期的异议在学校页 Ctrl+R 处理。",
        "en": "after an import, enrol the schools in the admin screen; objections are resolved on the school's Ctrl+R tab.",
    },
    "tui.about.ScoreGridScreen": {
        "zh": "评分总表：全部学校 × 末级指标，逐格输入并 Enter 保存，可从 Excel/WPS 粘贴多行多列。",
        "en": "The score grid: every school × every leaf; type and Enter to save a cell, or paste rows and columns "
              "from Excel/WPS.",
    },
    "tui.about.ScoreGridScreen.next": {
        "zh": "分数录齐后回首页，打开学校在 F3 执行下一步。",
        "en": "once the scores are in, back to the list and take each school's next step with F3.",
    },
}

register(STRINGS)


def about_text(screen_name: str) -> Text | None:
    """The screen's purpose and next step, or None for a screen without them."""
    key = f"tui.about.{screen_name}"
    if t(key) == key:
        return None
    text = Text(t("tui.about.title") + "\n", style="bold")
    text.append(t(key) + "\n")
    text.append(t("tui.about.next", next=t(f"{key}.next")) + "\n")
    return text
