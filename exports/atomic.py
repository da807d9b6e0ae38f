"""Atomic file replacement: write to a temp file in the same folder, then os.replace.

The last step asks models.file_guard again whether the target is protected (the live database,
its journals, the seal key, authorized_keys), so no writer can land on one even when its caller
forgot to check. A failed write (a full disk) leaves no temp file and reads as a plain refusal.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from models.file_guard import place_new, refuse_protected, write_failure
from models.file_modes import make_private, private_folder


@contextlib.contextmanager
def atomic_target(path: str | os.PathLike[str], *, exclusive: bool = False) -> Iterator[Path]:
    """Yield a temp path next to ``path``; on success it replaces ``path``.

    On any failure the temp file is removed and ``path`` is left as it was (absent or the
    previous version), never half-written. ``exclusive``: never replace an existing file, even
    one that appeared while this was writing (the final step is a hard link, which fails
    instead of replacing). The file is private (models.file_modes).
    """
    final = refuse_protected(path)
    private_folder(final.parent)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent)
    except OSError as exc:
        raise write_failure(final, exc) from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        make_private(tmp)
        refuse_protected(final)  # again: the folder may have changed while this was writing
        if exclusive:
            place_new(tmp, final)
        else:
            os.replace(tmp, final)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise write_failure(final, exc) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def save_docx(document: object, path: str | os.PathLike[str]) -> Path:
    """Save a python-docx Document atomically; return the final path.

    The document is built in memory and written in one go: python-docx's own ZipFile, left
    open by a failed write (a full disk), would print a traceback when it is collected.
    """
    import io

    from exports.anchor import stamp_docx

    stamp_docx(document)  # the audit head the export was made from, when one is carried (exports/anchor.py)
    packed = io.BytesIO()
    document.save(packed)  # type: ignore[attr-defined]
    with atomic_target(path) as tmp:
        tmp.write_bytes(packed.getvalue())
    return Path(path)
