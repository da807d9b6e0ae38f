"""The words every verb shares (tui/verbs/common.py), registered into the one catalog on import."""

from __future__ import annotations

from workflow.i18n import register

STRINGS: dict[str, dict[str, str]] = {
    # A refusal from workflow/ (its reason already in the reader's language), as the CLI prints it.
    "cli.refused": {"zh": "拒绝：{reason}", "en": "Refused: {reason}"},
    "cli.exported": {"zh": "已导出：{path}", "en": "Exported: {path}"},
    "cli.cannot_open_database": {"zh": "无法打开数据库：{detail}", "en": "Cannot open the database: {detail}"},
    "err.no_campaign_yet": {"zh": "还没有评定工作。", "en": "There is no campaign yet."},
    # counted(): a count with its noun in English, one or many ("1 campaign", "2 campaigns"); the Chinese
    # line keeps its own measure word after the number (学校 {schools} 所), so the number alone.
    "count.school.one": {"zh": "{n}", "en": "{n} school"},
    "count.school.many": {"zh": "{n}", "en": "{n} schools"},
    "count.campaign.one": {"zh": "{n}", "en": "{n} campaign"},
    "count.campaign.many": {"zh": "{n}", "en": "{n} campaigns"},
    "count.user.one": {"zh": "{n}", "en": "{n} user"},
    "count.user.many": {"zh": "{n}", "en": "{n} users"},
    "count.score.one": {"zh": "{n}", "en": "{n} score"},
    "count.score.many": {"zh": "{n}", "en": "{n} scores"},
    # The next step after a refusal that has one (tui/verbs/next_step.py), printed under it.
    "cli.next": {"zh": "下一步：{step}", "en": "Next: {step}"},
    "cli.next.init": {"zh": "运行 {command}", "en": "run {command}"},
    "cli.next.campaign_create": {
        "zh": "创建评定工作：{command} --year 年度 --region 地区 --title 标题 --rubric 评分标准 --enrol-all "
              "--window 阶段=开始..结束（每个阶段一个，见 campaign create --help）",
        "en": "create one: {command} --year YEAR --region REGION --title TITLE --rubric RUBRIC --enrol-all "
              "--window PHASE=START..END (one per phase; see campaign create --help)",
    },
    "cli.next.campaign_advance": {
        "zh": "管理员推进阶段：{command}（每次推进一个阶段，当前是“{phase}”）",
        "en": "an administrator advances the phase: {command} (one phase at a time; now '{phase}')",
    },
    "cli.next.events_now": {
        "zh": "现在可以：{events}；例如 {command}",
        "en": "possible now: {events}; e.g. {command}",
    },
    "cli.next.event": {"zh": "{trigger}（{label}）", "en": "{trigger} ({label})"},
    "cli.next.see_events": {
        "zh": "现在没有可执行的操作，原因见 {command}",
        "en": "nothing is possible now; {command} says why",
    },
    "cli.next.score": {
        "zh": "录入分值：{one}，或整表导入：{file}",
        "en": "enter the scores: {one}, or a whole table: {file}",
    },
    "cli.next.list_events": {"zh": "该校现在能做的操作见 {command}", "en": "{command} lists what the school can do now"},
    "cli.next.reason": {"zh": "写明理由再执行：{command}", "en": "give the reason: {command}"},
    "cli.next.enrol": {"zh": "登记参评：{command}", "en": "enrol it: {command}"},
    "cli.next.into_review": {"zh": "本轮是年度复核：局定复核选入 {add}，或学校申请晋级 {apply}",
                             "en": "this round is a review: choose it with {add}, or the school applies with {apply}"},
    "cli.next.import_schools": {
        "zh": "名册中没有该校：先导入名册 {command}（{list} 查看已有学校）",
        "en": "the register has no such school: import it with {command} ({list} shows the register)",
    },
    # Placeholders in those commands, in the reader's words.
    "cli.next.settle_round": {
        "zh": "逐校办结：{events} 列出该校现在能做的操作；未参评或中途终止参评的学校：{withdraw}",
        "en": "settle each school: {events} lists what it can do now; a school that did not take part or "
              "stopped part-way: {withdraw}"},
    "cli.next.word.school": {"zh": "学校代码", "en": "SCHOOL"},
    "cli.next.word.indicator": {"zh": "指标代码", "en": "INDICATOR"},
    "cli.next.word.value": {"zh": "分值", "en": "VALUE"},
    "cli.next.word.scores_file": {"zh": "分值.csv", "en": "scores.csv"},
    "cli.next.word.reason": {"zh": "理由", "en": "REASON"},
    "cli.next.word.register_file": {"zh": "学校名册.csv", "en": "register.csv"},
}

register(STRINGS)
