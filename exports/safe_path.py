"""Where an export may be written."""

from __future__ import annotations

from pathlib import Path

from exports.messages import render
from models.file_guard import check_output
from models.file_modes import private_folder


class ExportPathError(ValueError):
    """The export path is empty or leaves the allowed folder: a key of exports.messages and its
    data, read in either language with ``message(lang)``."""

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "zh") -> str:
        return render(self.key, lang, **self.params)


def resolve_export_path(path: str | Path, base_dir: Path | None = None, *, force: bool = False) -> Path:
    """Absolute path for an export, parents created.

    With ``base_dir`` a relative path is taken inside it, and any path that ends up
    outside it (``..``, an absolute path elsewhere, a symlink out) raises ExportPathError.
    Then models.file_guard: never the live database, its journals, the seal key or an
    authorized_keys file (OutputRefused), and an existing file only with ``force`` (OutputExists).
    """
    raw = str(path).strip()
    if not raw or raw in (".", ".."):
        raise ExportPathError("export.not_a_file_name", path=repr(str(path)))
    candidate = Path(raw).expanduser()
    if base_dir is not None:
        base = Path(base_dir).expanduser().resolve()
        if not candidate.is_absolute():
            candidate = base / candidate
        resolved = candidate.resolve()
        if resolved == base or not resolved.is_relative_to(base):
            raise ExportPathError("export.outside_folder", path=raw, base=base)
    else:
        resolved = candidate.resolve()
    if resolved.is_dir():
        raise ExportPathError("export.is_folder", path=resolved)
    check_output(resolved, force=force)
    private_folder(resolved.parent)
    return resolved
