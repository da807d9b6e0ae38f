"""Running an export for the CLI and the app alike: permission, gather, write, record.

Plain Python (no textual): the app calls it from a worker thread with a progress callback.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import tui.export_strings  # noqa: F401  - registers the refusals' keys
from workflow.permissions import Actor

if TYPE_CHECKING:
    from exports.notice_appendix import Appendix

def may_export(role: str, kind: str) -> bool:
    """Whether ``role`` is offered this kind of export: a school user its own self-evaluation form only."""
    from workflow.permissions import allowed, export_action

    return allowed(role, export_action(role, kind))


KINDS = ("notice", "forms", "publicity", "workbook", "ledger", "records")
SUFFIX = {"notice": ".docx", "forms": ".docx", "publicity": ".docx", "workbook": ".xlsx", "ledger": ".docx",
          "records": ".docx"}


def default_name(kind: str, campaign_title: str, round_year: int | None = None) -> str:
    """The file an export is offered as: the campaign's title, and the year of the round it is of when the
    title does not say it (a campaign started in 2023 exports its 2026 review: "…-2026年度通报.docx", and
    next year's export does not land on this year's file)."""
    words = {"notice": "通报", "forms": "自评表", "publicity": "公示名单", "workbook": "评分汇总",
             "ledger": "整改台账", "records": "核定记录"}
    safe = "".join(c for c in campaign_title if c not in '\\/:*?"<>|\n\t')[:60]
    year = f"{round_year}年度" if round_year is not None and str(round_year) not in safe else ""
    return f"{safe}-{year}{words[kind]}{SUFFIX[kind]}"


def run_export(actor: Actor, kind: str, path: str | Path, *, campaign_id: int | None = None,
               order: str | None = None, schools: list[str] | None = None, base_dir: Path | None = None,
               progress: Callable[[float], None] | None = None, force: bool = False,
               round_year: int | None = None, appendix: bool = False) -> Path:
    """Write one export, of one round (``round_year``; the campaign's newest when None). An existing file is replaced only with ``force``: otherwise
    ``workflow.outputs.FileExists`` (the CLI says --force; the app asks, then calls again with
    force=True). Never onto the live database, the seal key or authorized_keys (FileRefused); a
    full disk is ``WriteFailed`` and leaves no temp file. ``appendix``: the notice gets the analysis
    charts as its 附件 (refused for the annual review's notice, and before any verified score)."""
    from exports.anchor import carrying
    from workflow.audit_anchor import chain_head
    from workflow.outputs import refusals

    # Read before the data: the document carries the audit head it was made from (exports/anchor.py).
    head = chain_head()
    with refusals(), carrying(head.seq, head.hash) if head else contextlib.nullcontext():
        return _run_export(actor, kind, path, campaign_id=campaign_id, order=order, schools=schools,
                           base_dir=base_dir, progress=progress, force=force, round_year=round_year,
                           appendix=appendix)


def _run_export(actor: Actor, kind: str, path: str | Path, *, campaign_id: int | None, order: str | None,
                schools: list[str] | None, base_dir: Path | None, progress: Callable[[float], None] | None,
                force: bool, round_year: int | None = None, appendix: bool = False) -> Path:
    from exports import gather
    from exports.safe_path import ExportPathError, resolve_export_path
    from workflow.door import load_round
    from workflow.doors.notice_texts import record_export
    from workflow.errors import InvalidInput
    from workflow.i18n import Listing, Msg
    from workflow.permissions import export_action, require, require_school_scope
    from workflow.reads.scope import scoped_campaign
    from workflow.statemachine.declaration import STATES

    action = export_action(actor.role, kind)
    require(actor, action)
    if action == "export.own_form":  # a school prints its own self-evaluation form (自评表), no other
        for code in schools or []:
            if code.strip():
                require_school_scope(actor, code.strip())
        schools = [actor.school_code or ""]
    if kind not in KINDS:
        raise InvalidInput("err.invalid", where=Msg("field.kind"),
                           what=Msg("why.not_one_of", value=kind, known=Listing(KINDS)))
    campaign = scoped_campaign(actor, campaign_id)  # an officer with a region: its own campaigns' documents
    round_id = int(load_round(campaign.id, round_year).id)
    try:
        target = resolve_export_path(path, base_dir, force=force)
    except ExportPathError as exc:
        # exports/ gives the key and its data: worded when read, in the reader's language.
        raise InvalidInput("err.invalid", where=str(path), what=Msg(exc.key, **exc.params)) from exc
    if target.suffix.lower() != SUFFIX[kind]:
        raise InvalidInput("err.invalid", where=str(path), what=Msg("why.export_suffix", suffix=SUFFIX[kind]))
    texts = gather.notice_texts(campaign, gather.round_of(campaign, round_id))
    chosen = order or texts.get("order") or "display"
    step = progress or (lambda _f: None)
    step(0.1)
    if kind == "notice":
        from exports.notice import write_notice

        review = gather.round_of(campaign, round_id).kind == "review"  # the annual review has its own notice
        if appendix and review:
            raise InvalidInput("err.invalid", where=Msg("export.appendix_field"), what=Msg("export.appendix_review"))
        appendices = _analysis_appendices(actor, campaign.id, round_id) if appendix else ()
        if review:
            from exports.review_notice import write_review_notice

            write_review_notice(gather.review_notice_input(campaign, round_id=round_id), target)
        else:
            write_notice(gather.notice_input(campaign, order=chosen, round_id=round_id), target, appendices)
    elif kind == "forms":
        from exports.forms import write_self_evaluation_forms

        forms = gather.self_evaluation_forms(campaign, schools, order=chosen, round_id=round_id)
        if not forms:
            raise InvalidInput("err.invalid", where="--school", what=Msg("why.no_matching_school"))
        write_self_evaluation_forms(forms, target)
    elif kind == "publicity":
        from exports.publicity import write_publicity

        write_publicity(gather.publicity_list(campaign, order=chosen, round_id=round_id), target)
    elif kind in ("ledger", "records"):  # exports/gather_records.py: the round's problems, its visits
        from exports import gather_records
        from exports.ledger import write_ledger
        from exports.records_doc import write_verification_records
        from workflow.clock import today

        if kind == "ledger":  # overdue as of today (the display zone's day)
            write_ledger(gather_records.problem_ledger(campaign, as_of=today(), round_id=round_id), target)
        else:
            write_verification_records(gather_records.verification_records(campaign, as_of=today(),
                                                                           round_id=round_id), target)
    else:
        from dataclasses import replace

        from exports import gather_records
        from exports.analysis_rows import AnalysisRows
        from exports.workbook import LeafCounts, write_workbook
        from exports.workbook_columns import first_levels
        from workflow.clock import today
        from workflow.reads.history import each_campaign_sheet_row
        from workflow.reads.queries import count_rows

        data = gather.workbook_input(campaign, {s["name"]: s["zh"] for s in STATES}, order=chosen,
                                     round_id=round_id)
        # In Chinese, as the workbook's other sheets: it is an official document.
        history = each_campaign_sheet_row(actor, campaign.id, "zh")  # streamed as the sheet is written
        data = replace(data, history=history)
        total = max(1, count_rows(campaign.id, round_id=round_id))

        def counted(rows):  # type: ignore[no-untyped-def]
            # The workbook is the long one (100,000 schools take seconds): report as rows go out.
            for i, row in enumerate(rows, 1):
                if i % 2000 == 0:
                    step(0.1 + 0.8 * i / total)
                yield row

        from tui.verbs.analysis import workbook_rows
        from workflow.reads.analysis import analysis

        def analysis_rows(leaf_counts: LeafCounts | None) -> AnalysisRows | None:
            # After the score rows: the leaf losses are the verified scores the workbook counted
            # while writing them, not a second pass over the score table (100,000 schools: 2 s).
            return workbook_rows(analysis(actor, campaign.id, round_id, lang="zh", leaf_counts=leaf_counts))

        # The 分析 sheet (issue 13), the round's problems and visits as the .docx exports have them
        # (overdue as of today), and the first levels for the subtotal columns.
        write_workbook(replace(data, rows=counted(data.rows)), target,
                       analysis=analysis_rows,
                       groups=first_levels(gather.campaign_rubric(campaign)),
                       ledger=gather_records.problem_ledger(campaign, as_of=today(), round_id=round_id),
                       records=gather_records.verification_records(campaign, as_of=today(), round_id=round_id))
    step(0.9)
    record_export(actor, campaign.id, kind, str(target))
    step(1.0)
    return target


def _analysis_appendices(actor: Actor, campaign_id: int, round_id: int) -> tuple[Appendix, ...]:
    """The notice's analysis appendix (exports/notice_appendix.py), in Chinese as the notice; refused
    while nothing is verified (an appendix of empty charts would say nothing)."""
    from exports.notice_appendix import analysis_appendix
    from tui.verbs.analysis import workbook_rows
    from workflow.errors import InvalidInput
    from workflow.i18n import Msg
    from workflow.reads.analysis import analysis

    made = analysis_appendix(workbook_rows(analysis(actor, campaign_id, round_id, lang="zh")))
    if made is None:
        raise InvalidInput("err.invalid", where=Msg("export.appendix_field"), what=Msg("export.appendix_no_figures"))
    return (made,)
