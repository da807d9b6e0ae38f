"""What the officer's 导入与维护 screen runs, without textual: the school register imported from a
file, the audit log written as CSV, a backup of the database, each kept inside the export folder.

The files come from and go to the one folder the app exchanges files through
(``tui.screens.export.export_dir``): over SSH the app runs on the server, and a path typed there
must not reach the rest of its disk (``..``, other absolute paths, symlinks out are refused).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import tui.day_strings  # noqa: F401 - registers the strings used below
import tui.export_strings  # noqa: F401 - the export refusals' keys
from workflow.errors import InvalidInput
from workflow.i18n import Msg
from workflow.permissions import Actor, require


@dataclass(frozen=True)
class ImportReport:
    added: int
    updated: int
    unchanged: int
    reordered: int = 0  # of the updated, those given a new display order (排序)


def inside(path: str, base_dir: Path, *, force: bool = False, must_exist: bool = False) -> Path:
    """``path`` (relative: in ``base_dir``) resolved, refused when it leaves ``base_dir``."""
    from exports.safe_path import ExportPathError, resolve_export_path
    from workflow.outputs import refusals

    raw = path.strip()
    if must_exist:
        base = base_dir.expanduser().resolve()
        candidate = Path(raw).expanduser()
        resolved = (candidate if candidate.is_absolute() else base / candidate).resolve()
        if not raw or not resolved.is_relative_to(base) or resolved == base:
            raise InvalidInput("err.invalid", where=raw or "-", what=Msg("export.outside_folder", path=raw, base=base))
        if not resolved.is_file():
            raise InvalidInput("err.invalid", where=raw, what=Msg("why.office_no_file", folder=base))
        return resolved
    try:
        with refusals():
            return resolve_export_path(raw, base_dir, force=force)
    except ExportPathError as exc:
        raise InvalidInput("err.invalid", where=raw or "-", what=Msg(exc.key, **exc.params)) from exc


def import_register(actor: Actor, path: str, sheet: str, base_dir: Path) -> ImportReport:
    """The CLI's ``schools import``: every row checked first, then all written or none."""
    from workflow.doors.schools import import_school_register, parse_school_file

    require(actor, "school.import")  # before the file is read
    source = inside(path, base_dir, must_exist=True)
    rows = parse_school_file(source, sheet=sheet.strip() or None)
    done = import_school_register(actor, rows, source=str(source), own_orders=True)
    return ImportReport(done.added, done.updated, len(rows) - done.added - done.updated, done.reordered)


def export_audit(actor: Actor, path: str, base_dir: Path, *, force: bool = False) -> Path:
    """The CLI's ``audit export``: every audit row with its hash and seal, as CSV."""
    from exports.audit_csv import write_audit_csv
    from workflow.outputs import refusals
    from workflow.reads.audit_log import EXPORT_COLUMNS, export_rows

    rows = export_rows(actor)  # refused here, before the file is touched, for anyone but an admin
    target = inside(path, base_dir, force=force)
    with refusals():
        return write_audit_csv(EXPORT_COLUMNS, rows, target, force=force)


def backup(actor: Actor, path: str, base_dir: Path, *, force: bool = False) -> Path:
    """The CLI's ``backup``: a consistent, checked copy of the open SQLite database."""
    from workflow.doors.maintenance import backup_database

    require(actor, "database.manage")
    target = inside(path, base_dir, force=force)
    return backup_database(actor, target, force=force)
