"""Small helpers the CLI verbs share: tables, scores, the campaign and school a verb names."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any


def err(text: str) -> None:
    print(text, file=sys.stderr)


def table(rows: list[list[Any]], headers: list[str], fmt: str = "grid") -> str:
    from exports.tables import render_table

    return render_table(rows, headers, fmt)


def score_text(value: Decimal | None) -> str:
    from rubrics.scoring import format_score

    return "" if value is None else format_score(value)


def campaign_of(args: argparse.Namespace) -> Any:
    from workflow.door import load_campaign

    return load_campaign(getattr(args, "campaign", None))


def assessment_id_of(args: argparse.Namespace, campaign: Any) -> int:
    from workflow.errors import NotFound
    from workflow.i18n import t
    from workflow.queries import find_assessment

    row = find_assessment(campaign.id, args.school)
    if row is None:
        raise NotFound("err.not_found", what=t("word.school"), key=args.school)
    return int(row.id)


def text_arg(value: str) -> str:
    return Path(value[1:]).read_text(encoding="utf-8") if value.startswith("@") else value

