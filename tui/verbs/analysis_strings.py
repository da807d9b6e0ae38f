"""What the analysis verbs print (tui/verbs/analysis.py), registered into the one catalog on import."""

from __future__ import annotations

from workflow.i18n import register

STRINGS: dict[str, dict[str, str]] = {
    "help.report.analysis": {
        "zh": "本轮分析：各指标失分排名、各乡镇和学段星级与平均分、核定总分分布图、接近上一星级的学校、与上一轮相比的升降",
        "en": "the round's analysis: indicators ranked by lost points, townships and stages per level and average, "
              "the distribution of verified totals, schools near the next level, movement since the last round"},
    "help.report.limit": {"zh": "接近上一星级和升降学校名单最多列出的学校数（默认20）",
                          "en": "at most this many schools in the near-the-next-level and moved lists (default 20)"},
    "help.notice.keep": {"zh": "把拟出的共性问题保存为通报的“共性问题”文稿（中文，可再修改）",
                         "en": "save the drafts as the notice's general problems text (in Chinese; edit it later)"},
    "help.notice.top": {"zh": "拟出几条共性问题（默认3）", "en": "how many general problems to draft (default 3)"},
    "cli.analysis.head": {"zh": "{title}：{year}年{kind}分析（参评{schools}所，已有核定总分{verified}所）",
                          "en": "{title}: analysis of the {year} {kind} ({schools} schools, {verified} with a "
                                "verified total)"},
    # the workbook's 分析 sheet's title (the workbook is in Chinese): "…星级评定：2026年年度复核分析"
    "cli.analysis.sheet_title": {"zh": "{title}：{year}年{kind}分析", "en": "{title}: analysis of the {year} {kind}"},
    "cli.analysis.scope": {"zh": "（仅本校：{code}）", "en": "(your school only: {code})"},
    "cli.analysis.none": {"zh": "本轮还没有学校有核定分。", "en": "No school has verified scores in this round yet."},
    "cli.analysis.leaves": {"zh": "一、各指标失分排名（失分 = 满分 − 核定分；平均失分按失分学校计）",
                            "en": "1. Indicators ranked by lost points (loss = maximum − verified; the average is "
                                  "over the schools that lost points)"},
    "cli.analysis.townships": {"zh": "二、各乡镇星级与平均核定总分", "en": "2. Townships: levels and average verified total"},
    "cli.analysis.stages": {"zh": "三、各学段星级与平均核定总分", "en": "3. Stages: levels and average verified total"},
    "cli.analysis.distribution": {"zh": "四、核定总分分布（每格5分；横线为星级分数线）",
                                  "en": "4. Distribution of verified totals (5-point bins; the lines are the "
                                        "star thresholds)"},
    "cli.analysis.threshold": {"zh": "{threshold}分 {level}", "en": "{threshold} {level}"},
    "cli.analysis.near": {"zh": "五、距上一星级5分以内的学校（共{count}所）",
                          "en": "5. Schools within 5 points of the next level ({count} in all)"},
    "cli.analysis.near_none": {"zh": "没有距上一星级5分以内的学校。", "en": "No school is within 5 points of the next level."},
    "cli.analysis.shown": {"zh": "（列出前{shown}所；--limit 可列出更多）",
                           "en": "(the first {shown} shown; --limit shows more)"},
    "cli.analysis.movement": {"zh": "六、与{year}年相比：晋级{raised}所，保持{kept}所，降级{lowered}所，尚未办结{pending}所",
                              "en": "6. Since {year}: {raised} raised, {kept} kept, {lowered} lowered, {pending} not "
                                    "settled yet"},
    "cli.analysis.no_movement": {"zh": "六、与上一轮相比：本轮是首轮，没有更早的轮次。",
                                 "en": "6. Since the last round: this is the first round; there is none earlier."},
    "cli.analysis.up": {"zh": "晋级", "en": "raised"},
    "cli.analysis.down": {"zh": "降级", "en": "lowered"},
    "cli.analysis.col.rank": {"zh": "排名", "en": "Rank"},
    "cli.analysis.col.code": {"zh": "代码", "en": "Code"},
    "cli.analysis.col.indicator": {"zh": "指标", "en": "Indicator"},
    "cli.analysis.col.max": {"zh": "满分", "en": "Max"},
    "cli.analysis.col.losing": {"zh": "失分学校", "en": "Schools losing"},
    "cli.analysis.col.scored": {"zh": "已核定", "en": "Scored"},
    "cli.analysis.col.average_loss": {"zh": "平均失分", "en": "Average loss"},
    "cli.analysis.col.total_loss": {"zh": "合计失分", "en": "Total loss"},
    "cli.analysis.col.township": {"zh": "乡镇", "en": "Township"},
    "cli.analysis.col.stage": {"zh": "学段", "en": "Stage"},
    "cli.analysis.col.schools": {"zh": "学校数", "en": "Schools"},
    "cli.analysis.col.average": {"zh": "平均核定总分", "en": "Average verified"},
    "cli.analysis.col.school": {"zh": "学校", "en": "School"},
    "cli.analysis.col.total": {"zh": "核定总分", "en": "Verified total"},
    "cli.analysis.col.next": {"zh": "上一星级", "en": "Next level"},
    "cli.analysis.col.gap": {"zh": "差距", "en": "Gap"},
    "cli.analysis.col.before": {"zh": "上一轮", "en": "Before"},
    "cli.analysis.col.after": {"zh": "本轮", "en": "Now"},
    "cli.analysis.col.move": {"zh": "升降", "en": "Move"},
    "cli.drafts.head": {"zh": "据{year}年核定分拟出的共性问题（{count}条，供修改或舍弃）：",
                        "en": "General problems drafted from the {year} verified scores ({count}; keep, edit or drop "
                              "them):"},
    "cli.drafts.none": {"zh": "没有失分的指标，未拟出共性问题。", "en": "No indicator lost points: nothing to draft."},
    "cli.drafts.keep_hint": {"zh": "保存为通报的共性问题：加 --keep（通报会自行编号；之后可用 notice set general_problems 修改）",
                             "en": "To save them as the notice's general problems add --keep (the notice numbers "
                                   "them; change them later with notice set general_problems)"},
    "cli.drafts.kept": {"zh": "已保存为通报的共性问题（中文，第{version}版）。",
                        "en": "Saved as the notice's general problems (in Chinese, version {version})."},
    "cli.drafts.lang_note": {"zh": "通报为中文：--keep 保存中文稿。", "en": "The notice is in Chinese: --keep saves the Chinese wording."},
}

register(STRINGS)
