"""Typed refusals. Each carries a catalog key so the message is read in the user's language."""

from __future__ import annotations

from workflow.i18n import t


class WorkflowError(Exception):
    """Something a person asked for was refused; ``str()`` is the reason in their language."""

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(key)

    def message(self, lang: str | None = None) -> str:
        return t(self.key, lang, **self.params)  # positional-only: a param may itself be named "key"

    def __str__(self) -> str:
        return self.message()


class PermissionDenied(WorkflowError):
    pass


class GuardFailed(WorkflowError):
    """An event's condition does not hold (wrong state, phase, unscored leaves...)."""


class ConflictError(WorkflowError):
    """Someone else saved the same assessment since it was read (optimistic lock)."""


class InvalidInput(WorkflowError):
    pass


class NotFound(WorkflowError):
    pass


class StorageError(WorkflowError):
    """The database could not be written (locked too long, disk full, read-only)."""
