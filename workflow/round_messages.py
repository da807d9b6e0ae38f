"""Messages of review rounds (轮次): opening, entering, carrying, deciding upward, history."""

from __future__ import annotations

CATALOG: dict[str, dict[str, str]] = {
    "word.round": {"zh": "轮次", "en": "round"},
    "round.kind.initial": {"zh": "初评", "en": "initial rating"},
    "round.kind.review": {"zh": "年度复核", "en": "annual review"},
    "round.entry.initial": {"zh": "初评", "en": "initial"},
    "round.entry.applied": {"zh": "申请晋级", "en": "applied"},
    "round.entry.chosen": {"zh": "局定复核", "en": "chosen by the bureau"},
    "err.round_frozen": {
        "zh": "{school}的{year}年轮次已结束，不能再修改（当前轮次为{newest}年）；如需更正，请注明更正理由（--correct）。",
        "en": "{school}'s {year} round is settled and frozen (the open round is {newest}); "
              "to correct it, give a reason (--correct).",
    },
    "err.cycle_succeeded": {
        "zh": "{school}的{year}年轮次已结束，不能再修改：本评定工作已由{next_year}年的“{title}”接续（campaign create "
              "--like）；如需更正，请注明更正理由（--correct）。",
        "en": "{school}'s {year} round is frozen: this campaign was succeeded by {next_year}'s \"{title}\" "
              "(campaign create --like); to correct it, give a reason (--correct).",
    },
    "err.round_open_succeeded": {
        "zh": "评定工作“{title}”已由“{next_title}”（编号{next_id}）接续，不能再开启新的轮次；年度复核请在编号{next_id}中进行。",
        "en": "Campaign \"{title}\" is succeeded by \"{next_title}\" (id {next_id}): it opens no more rounds; "
              "review in campaign {next_id}.",
    },
    "err.campaign_succeeded_already": {
        "zh": "评定工作“{title}”已由“{next_title}”（编号{next_id}）接续，不能再从它创建下一周期；"
              "请从编号{next_id}创建（campaign create --like {next_id}）。",
        "en": "Campaign \"{title}\" is already succeeded by \"{next_title}\" (id {next_id}); create the next cycle "
              "from that one (campaign create --like {next_id}).",
    },
    "err.round_frozen_texts": {
        "zh": "{year}年轮次已结束，其通报文稿（{keys}）不能再修改，重新导出仍与当年一致（当前轮次为{newest}年，"
              "不写 --round 即为当前轮次）。",
        "en": "The {year} round is settled and frozen: its notice texts ({keys}) cannot change, and its notice "
              "re-exports as it was (the open round is {newest}; without --round the texts are the open round's).",
    },
    "err.round_unknown": {
        "zh": "没有{year}年的轮次；本评定工作的轮次：{years}。",
        "en": "There is no {year} round; this campaign's rounds: {years}.",
    },
    "err.round_year": {
        "zh": "年度复核的年份必须晚于最近一轮（{latest}年），且每年至多一轮：{year}不行。",
        "en": "An annual review's year must be after the latest round ({latest}), one per year: not {year}.",
    },
    "err.round_phase": {
        "zh": "只有在“创建提升”阶段才能开启年度复核；当前阶段为“{phase}”，先运行 starcampus campaign advance。",
        "en": "An annual review opens only in the Promotion phase; the campaign is in '{phase}'. "
              "Run starcampus campaign advance first.",
    },
    "err.round_unsettled": {
        "zh": "还有{count}所学校在{year}年轮次中未办结（{schools}），办结后才能开启下一轮；"
              "未参评或中途终止参评的学校以“未参评”（withdraw，须写明理由）办结。",
        "en": "{count} schools are not settled in the {year} round ({schools}); settle them before opening the next "
              "(a school that did not take part, or stopped part-way, is settled by withdraw, with the reason).",
    },
    "err.initial_rating_only": {
        "zh": "“{event}”只用于初评中登记参评的学校；年度复核或上级复核中的学校按复核结果办结。",
        "en": "'{event}' is only for a school enrolled in the initial rating; a school in a review is settled "
              "by the review's outcome.",
    },
    "err.round_initial": {
        "zh": "当前轮次是初评，学校只能在年度复核轮次中申请晋级或被选入；先运行 starcampus round open 年份。",
        "en": "The open round is the initial rating; schools apply or are chosen only in an annual review. "
              "Run starcampus round open YEAR first.",
    },
    "err.round_enrol_review": {
        "zh": "当前轮次是{year}年年度复核：参评学校由申请晋级（round apply）或局定复核（round add）进入，不能直接参评。",
        "en": "The open round is the {year} annual review: schools enter by applying (round apply) or being "
              "chosen (round add), not by enrolment.",
    },
    "err.round_not_settled_school": {
        "zh": "{school}在上一轮（{year}年）为“{state}”，尚未办结，不能进入年度复核。",
        "en": "{school} is '{state}' in the previous round ({year}), not settled; it cannot enter the review.",
    },
    "err.round_no_previous": {
        "zh": "{school}没有参加过上一轮（{year}年），不能进入年度复核。",
        "en": "{school} was not in the previous round ({year}); it cannot enter the review.",
    },
    "err.round_already_in": {
        "zh": "{school}已在{year}年轮次中。", "en": "{school} is already in the {year} round.",
    },
    "err.application_text": {
        "zh": "申请晋级须写明申请理由（--text）和改进的指标（--improved，如 1.1,2.2）。",
        "en": "An application for promotion needs its text (--text) and the indicators improved "
              "(--improved, e.g. 1.1,2.2).",
    },
    "err.carried_left": {
        "zh": "还有{count}项核定分沿用上一轮、未经确认（{codes}）：请逐项确认或修改（学校页：在该项核定分上"
              "按 Enter 即确认沿用的分数，或输入新分数；命令行：score confirm）。",
        "en": "{count} verified scores are carried from the previous round and not confirmed ({codes}): "
              "confirm or change each (school screen: Enter on the leaf's verified score confirms the carried value, "
              "or type a new one; command line: score confirm).",
    },
    "err.review_publicity_off": {
        "zh": "本评定工作的年度复核结果不公示：请直接晋级、保持或降级。",
        "en": "This campaign's review results are not publicized: raise, keep or lower the level directly.",
    },
    "err.review_publicity_on": {
        "zh": "本评定工作的年度复核结果须公示：请先完成核定、公示，再认定。",
        "en": "This campaign's review results are publicized: finish verification and publicize, then certify.",
    },
    "err.upward_state": {
        "zh": "{school}的状态为“{state}”：只有“已报上级”的学校才能登记上级认定结果。",
        "en": "{school} is '{state}': only a school recommended upward can have the higher authority's decision.",
    },
    "err.upward_level": {
        "zh": "认定星级{level}不是本细则中须报上级认定的星级（可选：{levels}）。",
        "en": "Level {level} is not a level this rubric sends upward (choose from: {levels}).",
    },
    "field.upward_doc_no": {"zh": "认定文号", "en": "document number"},
    "field.upward_date": {"zh": "认定日期", "en": "decision date"},
    # field.upward_authority is the notice fact's (workflow/doors/notice_facts.py): one text for one key
    "field.application": {"zh": "申请理由", "en": "application text"},
    "field.improved": {"zh": "改进的指标", "en": "indicators improved"},
    "outcome.initial": {"zh": "初评认定", "en": "certified (initial)"},
    "outcome.raised": {"zh": "晋级", "en": "raised"},
    "outcome.kept": {"zh": "保持", "en": "kept"},
    "outcome.lowered": {"zh": "降级", "en": "lowered"},
    "outcome.upward": {"zh": "上级认定", "en": "granted upward"},
    "outcome.upward_refused": {"zh": "上级未予认定", "en": "refused upward"},
    "outcome.recommended": {"zh": "已报上级", "en": "recommended upward"},
    "outcome.not_rated": {"zh": "未达星级", "en": "not rated"},
    "outcome.withdrawn": {"zh": "未参评", "en": "did not take part"},
    "outcome.in_progress": {"zh": "进行中（{state}）", "en": "in progress ({state})"},
    "outcome.corrected": {"zh": "（含更正{count}次）", "en": " (corrected {count}×)"},
    "round.opened": {
        "zh": "已开启{year}年年度复核（轮次{id}）：选入{chosen}所学校。",
        "en": "Opened the {year} annual review (round {id}): {chosen} schools chosen.",
    },
    "round.entered": {"zh": "{school}已进入{year}年年度复核（{entry}）。",
                      "en": "{school} entered the {year} annual review ({entry})."},
    "round.confirmed": {"zh": "已确认{school}沿用的{count}项核定分。",
                        "en": "Confirmed {count} carried verified scores of {school}."},
    "round.decided": {"zh": "已登记{school}的上级认定结果：{result}（{authority} {doc_no}，{date}）。",
                      "en": "Recorded the higher authority's decision for {school}: {result} "
                            "({authority} {doc_no}, {date})."},
    "import.carried": {
        "zh": "本次导入替换了{replaced}项沿用上一轮的分数，仍有{left}项沿用未确认。",
        "en": "This import replaced {replaced} values carried from the previous round; {left} stay carried.",
    },
    "round.label": {"zh": "{year}年 {kind}", "en": "{year} {kind}"},
    "err.event_door.upward": {
        "zh": "“{event}”须登记上级的认定文号和日期：请用 starcampus school decide。",
        "en": "'{event}' needs the authority's document number and date: use starcampus school decide.",
    },
    "round.school_state": {"zh": "{school}（{state}）", "en": "{school} ({state})"},
    "authority.default_name": {"zh": "上级教育行政部门", "en": "the higher education authority"},
    "word.carried": {"zh": "沿用", "en": "carried"},
}
