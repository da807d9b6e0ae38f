"""What the round verbs print (tui/verbs/rounds.py), registered into the one catalog on import."""

from __future__ import annotations

from workflow.i18n import register

STRINGS: dict[str, dict[str, str]] = {
    "help.round": {"zh": "轮次：初评之后每年的年度复核（开启、申请晋级、选定学校、列出）",
                   "en": "rounds: the annual review after the initial rating (open, apply, add, list)"},
    "help.round.open": {"zh": "开启某年的年度复核（管理员，创建提升阶段，每年一轮）",
                        "en": "open a year's annual review (admin, promotion phase, one per year)"},
    "help.round.year": {"zh": "复核年份，如 2024", "en": "the review's year, e.g. 2024"},
    "help.round.all": {"zh": "选入上一轮全部已办结学校（未参评的除外）",
                       "en": "choose every settled school of the last round (but those that did not take part)"},
    "help.round.schools": {"zh": "选入的学校代码（可多个）", "en": "codes of the schools chosen (several allowed)"},
    "help.round.window": {"zh": "复核工作时间，START..END（默认为创建提升阶段的日期移到该年）",
                          "en": "the review's working window, START..END (default: the promotion window moved "
                                "to that year)"},
    "help.round.apply": {"zh": "学校申请晋级，进入本年度复核", "en": "a school applies for promotion into this year's review"},
    "help.round.text": {"zh": "申请理由（@文件 读取文件）", "en": "the application's text (@FILE reads a file)"},
    "help.round.improved": {"zh": "改进的指标代码，逗号分隔，如 1.1,2.2",
                            "en": "codes of the indicators improved, comma-separated, e.g. 1.1,2.2"},
    "help.round.add": {"zh": "局定复核：把已办结的学校选入本年度复核",
                       "en": "the bureau's choice: put settled schools into this year's review"},
    "help.round.list": {"zh": "列出本评定工作的各轮次", "en": "list the campaign's rounds"},
    "help.round.pull": {"zh": "上级复核：把下级县区该年度“已报上级”的学校受理进本级（市、省）的评定工作",
                        "en": "upward review: take the schools the counties below recommended upward that year "
                              "into this city's or province's campaign"},
    "help.round.pull_year": {"zh": "所复核的推荐年度（县级轮次的年份）",
                             "en": "the year whose recommendations are reviewed (the counties' round)"},
    "help.round.option": {"zh": "轮次年份：写入默认为当前轮次，查看和导出默认为最新轮次",
                          "en": "the round's year: writes default to the open round, reads and exports to the "
                                "latest"},
    "help.score.confirm": {"zh": "确认沿用上一轮的核定分（专家）", "en": "confirm verified scores carried from the "
                                                                  "last round (expert)"},
    "help.score.confirm_indicator": {"zh": "只确认这些指标（可多次）；默认全部",
                                     "en": "confirm only these indicators (repeatable); default all"},
    "help.score.correct": {"zh": "更正已结束轮次的分数，写明理由（管理员）",
                           "en": "correct a settled round's score, giving the reason (admin)"},
    "help.school.decide": {"zh": "登记上级对报上级学校的认定结果", "en": "record the higher authority's decision on "
                                                                 "a school sent upward"},
    "help.school.granted": {"zh": "上级认定的星级（默认为报送的星级）",
                            "en": "the level the authority granted (default: the level sent)"},
    "help.school.refused": {"zh": "上级未予认定", "en": "the authority refused"},
    "help.school.doc_no": {"zh": "认定文号，如 宁教发〔2024〕5号", "en": "the decision's document number"},
    "help.school.date": {"zh": "认定日期，如 2024-03-01", "en": "the decision's date, e.g. 2024-03-01"},
    "help.school.authority": {"zh": "认定机关（默认为细则所列上级机关）",
                              "en": "the deciding authority (default: as the rubric names it)"},
    "help.school.history": {"zh": "学校历年记录：每轮一行（初评、年度复核、上级认定）",
                            "en": "a school's history: one line per round (initial, reviews, upward decisions)"},
    "help.school.raw": {"zh": "同时列出原始审计记录", "en": "also list the raw audit trail"},
    "cli.round.col.year": {"zh": "年份", "en": "Year"},
    "cli.round.col.kind": {"zh": "轮次", "en": "Round"},
    "cli.round.col.schools": {"zh": "学校数", "en": "Schools"},
    "cli.round.col.settled": {"zh": "已办结", "en": "Settled"},
    "cli.round.col.window": {"zh": "工作时间", "en": "Window"},
    "cli.round.col.open": {"zh": "状态", "en": "Status"},
    "cli.round.open_now": {"zh": "当前轮次", "en": "open"},
    "cli.round.frozen": {"zh": "已结束（冻结）", "en": "settled (frozen)"},
    "cli.history.col.self": {"zh": "自评总分", "en": "Self total"},
    "cli.history.col.verified": {"zh": "核定总分", "en": "Verified total"},
    "cli.history.col.level": {"zh": "星级", "en": "Level"},
    "cli.history.col.outcome": {"zh": "结果", "en": "Outcome"},
    "cli.history.col.date": {"zh": "日期", "en": "Date"},
    "cli.history.col.reason": {"zh": "理由/依据", "en": "Reason / basis"},
    "cli.history.col.entry": {"zh": "进入方式", "en": "Entry"},
    "cli.history.col.name": {"zh": "当年校名", "en": "Name that year"},
    "cli.history.head": {"zh": "{code} {name} 历年记录", "en": "{code} {name}: history"},
    "cli.history.none": {"zh": "该校尚未参加任何轮次。", "en": "The school has not been in any round."},
    "cli.history.raw_hint": {"zh": "原始审计记录：starcampus school history {code} --raw",
                             "en": "Raw audit trail: starcampus school history {code} --raw"},
    "cli.next.decide": {"zh": "由上级认定（不在上面的操作中）：{command}",
                        "en": "the upward decision (not among the events above): {command}"},
    "cli.next.word.doc_no": {"zh": "文号", "en": "DOC_NO"},
    "cli.next.word.date": {"zh": "日期", "en": "YYYY-MM-DD"},
    "cli.campaign.round_line": {"zh": "轮次：{round}（全部轮次：{years}）", "en": "Round: {round} (all rounds: {years})"},
    "cli.campaign.upward_line": {"zh": "上级认定：{school} {result} {level}（{authority} {doc_no}，{date}）",
                                 "en": "Upward decision: {school} {result} {level} ({authority} {doc_no}, {date})"},
    "help.campaign.like": {"zh": "以某评定工作为样板创建下一周期：复制细则、参评学校和通报文稿，各阶段日期移到新年份",
                           "en": "start the next cycle from a campaign: copy its rubric, schools and notice texts, "
                                 "phase dates moved to the new year"},
    "help.campaign.review_publicity": {"zh": "年度复核结果也须公示（默认直接晋级/保持/降级）",
                                       "en": "publicize annual review results too (default: raise/keep/lower directly)"},
    "cli.campaign.needs": {"zh": "缺少 {options}（或用 --like 复制一个评定工作）。",
                           "en": "Missing {options} (or copy a campaign with --like)."},
    "cli.campaign.copied": {"zh": "已按评定工作 #{source} 创建 #{id}：{title}（参评学校{count}所）",
                            "en": "Campaign #{id} created from #{source}: {title} ({count} enrolled)"},
    "cli.campaign.copied_unsettled": {
        "zh": "注意：评定工作 #{source} 的{year}年轮次中还有{count}所学校未办结，已随上一周期一起冻结；"
              "此后只能以更正（--correct，注明理由）修改。",
        "en": "Note: {count} schools of campaign #{source}'s {year} round were not settled; they are frozen with "
              "the last cycle and change only by a correction (--correct, with a reason).",
    },
}

register(STRINGS)
