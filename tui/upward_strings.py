"""Strings of the upward decision (上级认定) in the app: the school screen's Ctrl+O dialog, for a county
recording a higher tier's decision by hand or a higher tier deciding its own upward review, and the
admin screen's 受理下级推荐 (tui/screens/upward.py). Registered into the one catalog (workflow.i18n)
on import, next to tui.strings."""

from __future__ import annotations

from workflow.i18n import register

STRINGS: dict[str, dict[str, str]] = {
    "tui.key.upward": {"zh": "上级认定", "en": "Upward"},  # short: F10 stays in an 80-column English footer
    "tui.upward.title": {"zh": "{school}：登记上级认定结果", "en": "{school}: record the higher authority's decision"},
    "tui.upward.review_title": {"zh": "{school}：上级复核决定", "en": "{school}: decide the upward review"},
    "tui.upward.body": {
        "zh": "报上级：{level}。上级不在本系统中复核时，在此按上级文件登记结果；登记后学校星级即为上级的决定。",
        "en": "Sent up as: {level}. Where the higher tier does not review in this system, record its decision here "
              "from its document; the school's level is then that decision."},
    "tui.upward.review_body": {
        "zh": "本级核定：{level}。决定以“{authority}”为认定机关，同时登记到县区的评定记录（县区的历年记录和下一年通报）。",
        "en": "Verified here: {level}. The decision is made in the name of {authority} and written back to the "
              "county's record (its history and next year's notice)."},
    "tui.upward.verdict": {"zh": "结果", "en": "Decision"},
    "tui.upward.granted": {"zh": "予以认定", "en": "Granted"},
    "tui.upward.refused": {"zh": "不予认定", "en": "Refused"},
    "tui.upward.level": {"zh": "认定星级（予以认定时）", "en": "Level granted (when granted)"},
    "tui.upward.level_field": {"zh": "认定星级", "en": "level granted"},
    # the door names these fields in its refusals in the same words (field.upward_doc_no, field.upward_date)
    "tui.upward.doc_no": {"zh": "认定文号", "en": "Document number"},
    "tui.upward.date": {"zh": "认定日期", "en": "Decision date"},
    "tui.upward.date_hint": {"zh": "YYYY-MM-DD（上级文件的日期，年份写全）",
                             "en": "YYYY-MM-DD (the document's date, with its year)"},
    "tui.upward.authority": {"zh": "认定机关（不填则为：{default}）", "en": "Deciding authority (empty: {default})"},
    # the palette entry, where Ctrl+O is offered
    "tui.syscmd.upward": {"zh": "登记上级认定结果", "en": "Record the upward decision"},
    "tui.syscmd.upward_help": {"zh": "Ctrl+O：已报上级的学校登记上级的认定（结果、星级、文号、日期）",
                               "en": "Ctrl+O: the higher authority's decision on a school sent up "
                                     "(result, level, document number, date)"},
    # F3 (the school's events): the decision is no event button, so the pane says where it is
    "tui.upward.next": {"zh": "下一步：上级认定（Ctrl+O）", "en": "Next: the upward decision (Ctrl+O)"},
    "tui.upward.next_in_review": {"zh": "等待上级复核决定：{reason}", "en": "Awaiting the higher tier's review: {reason}"},
    # the admin screen (F9) of a city or province: take in the counties' recommendations
    "tui.upward.pull_button": {"zh": "受理下级推荐", "en": "Take in recommendations"},
    "tui.upward.pull_title": {"zh": "受理下级推荐：{title}", "en": "Take in recommendations: {title}"},
    "tui.upward.pull_body": {
        "zh": "把辖区内各县区该年度“已报上级”的学校受理进本评定工作（上级复核），沿用县区的核定分，"
              "由本级分配的专家确认或修改后，按 Ctrl+O 决定。",
        "en": "Takes every school the counties below sent up in that year into this campaign (the upward review), "
              "carrying their verified scores until this tier's assigned experts confirm or change them; "
              "then decide each with Ctrl+O."},
    "tui.upward.pull_year": {"zh": "推荐年度", "en": "Year of the recommendations"},
    "tui.upward.year_field": {"zh": "推荐年度", "en": "year of the recommendations"},
    "tui.upward.year_digits": {"zh": "应为四位年份，如 2022", "en": "must be a four-digit year such as 2022"},
}

register(STRINGS)
