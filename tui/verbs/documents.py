"""The document verbs' additions: `notice show` lists the campaign facts, `export … --pdf` renders the
.docx through LibreOffice beside it, `export notice --appendix-analysis` adds the analysis charts as
the notice's 附件 (the verbs themselves are tui/verbs/campaign.py's)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

import tui.verbs.documents_strings  # noqa: F401  - registers this file's keys
from tui.exit_codes import EXIT_OK, EXIT_REFUSED
from tui.verbs import campaign
from tui.verbs.common import campaign_of, err, say
from workflow.i18n import t

if TYPE_CHECKING:
    from workflow.permissions import Actor

# The kinds written as .docx: each takes --pdf.
DOCUMENT_KINDS = ("notice", "forms", "publicity", "ledger", "records")


def notice(args: argparse.Namespace, actor: Actor) -> int:
    """`notice set` as before; `notice show` adds the facts saved once (each with its label)."""
    done = campaign.notice(args, actor)
    if args.action != "show" or done != EXIT_OK:
        return done
    from workflow.doors.notice_facts import FACT_KEYS
    from workflow.reads.notice_facts import saved_texts

    for key, text in saved_texts(actor, campaign_of(args).id, FACT_KEYS, getattr(args, "round_year", None)):
        lines = text.split("\n")
        say("cli.notice.fact", label=t(f"field.{key}"), key=key, text=lines[0])
        for line in lines[1:]:
            say("cli.notice.fact_more", text=line)
    return EXIT_OK


def export(args: argparse.Namespace, actor: Actor) -> int:
    """Write the export; with --pdf, render the written .docx to a PDF next to it."""
    wants_pdf = bool(getattr(args, "pdf", False))
    if wants_pdf:
        from workflow.outputs import checked_output

        # The PDF is an output like the .docx: refused up front (an existing one without --force, the
        # database, the seal key…), before anything is written.
        checked_output(Path(args.output).expanduser().with_suffix(".pdf"), force=bool(getattr(args, "force", False)))
    if args.action == "notice" and getattr(args, "region", None):  # a city's or province's notice
        from tui.verbs import region_notice

        done = region_notice.export(args, actor)
    else:
        done = _appended(args, actor) if getattr(args, "appendix_analysis", False) else campaign.export(args, actor)
    if done != EXIT_OK or not wants_pdf:
        return done
    from exports.render import RenderError, find_soffice, render_pdf

    docx = Path(args.output).expanduser().resolve()
    if find_soffice() is None:
        # The .docx is written (said above); only the PDF needs LibreOffice.
        err(t("cli.export.no_libreoffice", path=docx))
        return EXIT_REFUSED
    try:
        pdf = render_pdf(docx, docx.parent)
    except RenderError as exc:
        err(t("cli.export.pdf_failed", path=docx, reason=str(exc)))
        return EXIT_REFUSED
    say("cli.exported", path=pdf)
    return EXIT_OK


def _appended(args: argparse.Namespace, actor: Actor) -> int:
    """campaign.export with the analysis appendix: the notice names it (附件：…) and carries it."""
    from exports.messages import render
    from tui.export_jobs import run_export

    target = run_export(actor, args.action, args.output, campaign_id=args.campaign, order=args.order,
                        schools=args.school, force=bool(getattr(args, "force", False)),
                        round_year=getattr(args, "round_year", None), appendix=True)
    say("cli.exported", path=target)
    say("cli.export.appendix", title=render("chart.appendix.title", "zh"))  # as the notice names it
    return EXIT_OK
