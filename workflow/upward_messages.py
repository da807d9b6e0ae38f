"""Messages of the upward review (上级复核, workflow/doors/upward.py), zh and en."""

from __future__ import annotations

from workflow.i18n import register

register({
    "round.entry.upward": {"zh": "下级推荐", "en": "recommended from below"},
    "audit.action.round.upward": {"zh": "受理下级推荐（上级复核）", "en": "recommendations taken in (upward review)"},
    "err.upward_region": {
        "zh": "评定工作“{title}”不是市级或省级的：只有市、省的评定工作能受理下级推荐（上级复核）。",
        "en": "Campaign '{title}' is not a city's or province's: only those take in recommendations (upward review).",
    },
    "err.upward_year": {
        "zh": "评定工作“{title}”复核的是{have}年的推荐，不是{year}年的。",
        "en": "Campaign '{title}' reviews the recommendations of {have}, not {year}.",
    },
    "err.upward_has_own": {
        "zh": "评定工作“{title}”已有本级参评的学校，不能作为上级复核：请为复核新建一项评定工作。",
        "en": "Campaign '{title}' has schools enrolled of its own and cannot be an upward review: "
              "create a campaign for the review.",
    },
    "err.upward_not_review": {
        "zh": "{school}在评定工作“{title}”中不是下级推荐来的学校，没有上级复核可决定。",
        "en": "{school} was not recommended into campaign '{title}' from below: there is no upward review to decide.",
    },
    "err.upward_review_state": {
        "zh": "{school}的状态为“{state}”：上级复核须先完成核定（已核定，或公示期满）才能决定。",
        "en": "{school} is '{state}': the upward review decides once its verification is finished "
              "(verified, or after its publicity).",
    },
    "err.upward_decided": {
        "zh": "{school}的上级复核已经决定：{result}（{authority} {doc_no}，{date}），不能再次决定。",
        "en": "{school}'s upward review is already decided: {result} ({authority} {doc_no}, {date}); "
              "it cannot be decided again.",
    },
    "err.upward_review_authority": {
        "zh": "上级复核以本评定工作所属地区的名义决定（认定机关：{authority}），不能另填 --authority。",
        "en": "An upward review is decided in the name of its campaign's region (authority: {authority}); "
              "--authority cannot name another.",
    },
    "err.upward_review_enrol": {
        "zh": "评定工作“{title}”是{year}年的上级复核：只受理下级推荐的学校（round pull / F9 受理下级推荐），"
              "不能直接参评学校。",
        "en": "Campaign '{title}' is the upward review of {year}: it takes only the schools recommended from below "
              "(round pull / F9 Take in recommendations), not schools enrolled directly.",
    },
    "err.upward_in_review": {
        "zh": "{school}已由上级在系统中复核（评定工作“{title}”）：结果由上级决定后自动登记，不能手工登记。",
        "en": "{school} is being reviewed in the system by the higher tier (campaign '{title}'): its decision is "
              "written back from there, not recorded by hand.",
    },
    "err.event_door.upward_review": {
        "zh": "“{event}”须给出认定文号和日期：请用 starcampus school decide（在上级复核的评定工作中）。",
        "en": "'{event}' needs the document number and date: use starcampus school decide on the review campaign.",
    },
    "round.pulled": {"zh": "已受理{count}所学校的{year}年推荐，进入评定工作{id}（上级复核）：{schools}",
                     "en": "Took in {count} schools recommended in {year} into campaign {id} (upward review): {schools}"},
    "round.review_decided": {
        "zh": "已决定{school}的上级复核：{result}（{authority} {doc_no}，{date}），并登记到县级评定工作。",
        "en": "Decided {school}'s upward review: {result} ({authority} {doc_no}, {date}), written back to the "
              "county's campaign.",
    },
})
