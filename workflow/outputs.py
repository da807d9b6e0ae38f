"""Files a command writes, for the interfaces: the file guard's refusals as WorkflowErrors.

models.file_guard decides where an output may land (never the live database, its journals,
the seal key or authorized_keys; an existing file only when asked) and raises an
``OutputRefused`` with a catalog key. Here it becomes the refusal the CLI prints and the app
shows: ``FileExists`` when the file is there and replacing it was not asked for (the CLI says
--force; the app asks, then calls again with ``force=True``), ``FileRefused`` for a protected
file or a folder, ``WriteFailed`` for a full disk or another write error.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from models.file_guard import OutputExists, OutputRefused, check_output
from workflow.errors import InvalidInput, StorageError, WorkflowError


class FileExists(InvalidInput):
    """The output file exists and ``force`` was not given."""


class FileRefused(InvalidInput):
    """The output would land on a protected file (or is a folder)."""


class WriteFailed(StorageError):
    """The output could not be written (a full disk); nothing partial was left behind."""


def refusal(exc: OutputRefused) -> WorkflowError:
    """The guard's refusal as the WorkflowError an interface shows, same key, same data."""
    if isinstance(exc, OutputExists):
        return FileExists(exc.key, **exc.params)
    if exc.key in ("output.disk_full", "output.cannot_write"):
        return WriteFailed(exc.key, **exc.params)
    return FileRefused(exc.key, **exc.params)


@contextmanager
def refusals() -> Iterator[None]:
    """Turn an OutputRefused raised inside (by a writer, exports.atomic) into its WorkflowError."""
    try:
        yield
    except OutputRefused as exc:
        raise refusal(exc) from exc


def checked_output(path: str | Path, *, force: bool = False) -> Path:
    """Where an output may be written, resolved; refused as a WorkflowError otherwise."""
    with refusals():
        return check_output(path, force=force)
