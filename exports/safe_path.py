"""Where an export may be written."""

from __future__ import annotations

from pathlib import Path


class ExportPathError(ValueError):
    """The export path is empty or leaves the allowed folder."""


def resolve_export_path(path: str | Path, base_dir: Path | None = None) -> Path:
    """Absolute path for an export, parents created.

    With ``base_dir`` a relative path is taken inside it, and any path that ends up
    outside it (``..``, an absolute path elsewhere, a symlink out) raises ExportPathError.
    """
    raw = str(path).strip()
    if not raw or raw in (".", ".."):
        raise ExportPathError(f"not a file name: {str(path)!r}")
    candidate = Path(raw).expanduser()
    if base_dir is not None:
        base = Path(base_dir).expanduser().resolve()
        if not candidate.is_absolute():
            candidate = base / candidate
        resolved = candidate.resolve()
        if resolved == base or not resolved.is_relative_to(base):
            raise ExportPathError(f"{raw} is outside the export folder {base}")
    else:
        resolved = candidate.resolve()
    if resolved.is_dir():
        raise ExportPathError(f"{resolved} is a folder, not a file")
    resolved.parent.mkdir(parents=True, exist_ok=True)
    return resolved
