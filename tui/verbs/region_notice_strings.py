"""What ``export notice --region`` says (tui/verbs/region_notice.py), registered into the one catalog on import."""

from __future__ import annotations

import exports.region_notice_words  # noqa: F401  - the document's own words, checked with the catalog
from workflow.i18n import register

STRINGS: dict[str, dict[str, str]] = {
    "help.export.notice_region": {
        "zh": "导出该市或省所辖各县（市、区）的汇总通报（区域通报 .docx；年度用 --round，默认最近一年；不与 --campaign 同用）",
        "en": "the notice of a city or province summarising its counties (or cities) as a .docx (the year: --round, "
              "default the newest; not with --campaign)",
    },
    "cli.export.region_notice_appendix": {"zh": "区域通报不附分析图表：--appendix-analysis 不与 --region 同用。",
                                          "en": "The region notice takes no analysis appendix: give "
                                                "--appendix-analysis or --region, not both."},
    "tui.export.kind.region_notice": {"zh": "区域通报", "en": "Region notice"},
}
register(STRINGS)
