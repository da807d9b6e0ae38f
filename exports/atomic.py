"""Atomic file replacement: write to a temp file in the same folder, then os.replace."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_target(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temp path next to ``path``; on success it replaces ``path``.

    On any failure the temp file is removed and ``path`` is left as it was (absent or
    the previous version), never half-written.
    """
    final = Path(path)
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.chmod(tmp, 0o644)
        os.replace(tmp, final)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def save_docx(document: object, path: str | os.PathLike[str]) -> Path:
    """Save a python-docx Document atomically; return the final path."""
    with atomic_target(path) as tmp:
        document.save(str(tmp))  # type: ignore[attr-defined]
    return Path(path)
