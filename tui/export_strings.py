"""The export job's own refusals (tui/export_jobs.py), registered into the one catalog on import,
with the export room's (exports/messages.py: why a path is refused), so an ExportPathError's key
can be a ``Msg`` read in the reader's language."""

from __future__ import annotations

from exports.messages import CATALOG as EXPORT_MESSAGES
from workflow.i18n import register

STRINGS: dict[str, dict[str, str]] = {
    "why.export_suffix": {"zh": "文件名应以{suffix}结尾", "en": "the file name should end in {suffix}"},
    "why.no_matching_school": {"zh": "没有匹配的学校", "en": "no matching school"},
}

register(EXPORT_MESSAGES)
register(STRINGS)
