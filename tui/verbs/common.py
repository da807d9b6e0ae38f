"""Small helpers the CLI verbs share: tables, scores, the campaign and school a verb names."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import tui.verbs.common_strings  # noqa: F401  - registers this file's keys
from workflow.i18n import Msg, t


def err(text: str) -> None:
    print(text, file=sys.stderr)


def say(key: str, /, **params: object) -> None:
    """Print a catalog line in the reader's language."""
    print(t(key, **params))


def counted(n: int, noun: str) -> Msg:
    """``n`` with its noun, one or many, as a parameter: "1 campaign" / "2 campaigns" in English; in Chinese
    the number alone (the line has its measure word: 评定工作 {campaigns} 项). ``noun``: a count.* key's."""
    return Msg(f"count.{noun}.{'one' if n == 1 else 'many'}", n=n)


def refused(reason: object) -> str:
    """A refusal's line: "拒绝：…" / "Refused: …" before the reason (a WorkflowError reads in the reader's language)."""
    return t("cli.refused", reason=reason)


def table(rows: list[list[Any]], headers: list[str], fmt: str = "grid") -> str:
    from exports.tables import render_table

    return render_table(rows, headers, fmt)


def score_text(value: Decimal | None) -> str:
    from rubrics.scoring import format_score

    return "" if value is None else format_score(value)


def cannot_open(exc: Exception) -> str:
    """Why the database did not open, in the reader's language. A DatabaseUnavailable (missing, empty,
    not ours, too new, read-only) or a ConfigError says where and why itself, in either language;
    anything else (a server refusing the connection) is the driver's own text."""
    from workflow.connection import ConfigError, DatabaseUnavailable
    from workflow.i18n import language

    detail = exc.message(language()) if isinstance(exc, DatabaseUnavailable | ConfigError) else str(exc)
    return t("cli.cannot_open_database", detail=detail)


def campaign_of(args: argparse.Namespace) -> Any:
    """The campaign ``--campaign`` names, else the newest the acting user may read."""
    from workflow.door import load_campaign
    from workflow.errors import NotFound

    wanted = getattr(args, "campaign", None)
    actor = getattr(args, "acting_actor", None)  # set by tui.cli_run for every verb that has one
    if wanted is None and actor is not None and actor.region_code:
        from workflow.reads.scope import scoped_campaign

        # An officer with a region: the newest campaign it may read, not the server's newest (another
        # county's, which every verb would then refuse).
        return scoped_campaign(actor)
    try:
        return load_campaign(wanted)
    except NotFound:
        if wanted is None:  # the latest is missing only when there is none at all
            # Not "no campaign '-'": there is none yet, and the next step is to create one.
            raise NotFound("err.no_campaign_yet") from None
        raise


def campaign_id_of(args: argparse.Namespace) -> int | None:
    """The campaign id a writing verb passes its door: ``--campaign``, else for an officer with a region the
    same default ``campaign_of`` reads (the newest it may act on: a door's own default is the server's
    newest, maybe the province's, refused as not found to a county), else None (the door's newest)."""
    wanted = getattr(args, "campaign", None)
    actor = getattr(args, "acting_actor", None)
    if wanted is None and actor is not None and actor.region_code:
        return int(campaign_of(args).id)
    return None if wanted is None else int(wanted)


def assessment_id_of(args: argparse.Namespace, campaign: Any) -> int:
    from workflow.errors import NotFound
    from workflow.reads.queries import find_assessment, find_latest_assessment

    row = find_assessment(campaign.id, args.school, round_id_of_args(args, campaign))
    if row is None and getattr(args, "round_year", None) is None:
        # Not in this year's review: the school's own newest round (a write there is refused as frozen).
        row = find_latest_assessment(campaign.id, args.school)
    if row is None:
        raise NotFound("err.not_found", what=Msg("word.school"), key=args.school)
    return int(row.id)


def round_id_of_args(args: argparse.Namespace, campaign: Any) -> int | None:
    """The round ``--round YEAR`` names (None: the campaign's newest)."""
    from workflow.door import load_round

    year = getattr(args, "round_year", None)
    return None if year is None else int(load_round(campaign.id, year).id)


def text_arg(value: str) -> str:
    return Path(value[1:]).read_text(encoding="utf-8") if value.startswith("@") else value

