"""Who may read what: every read model starts here, so the actor's scope is applied in one place.

The rules themselves are workflow.permissions' (the ``read`` action, the school scope); this
module only asks them on behalf of the read models.
"""

from __future__ import annotations

from workflow.permissions import Actor, require, require_school_scope


def reader_scope(actor: Actor) -> str | None:
    """Check ``actor`` may read at all; the one school a school user is confined to, else None."""
    require(actor, "read")
    return actor.school_code if actor.role == "school" else None


def require_reader_of(actor: Actor, school_code: str) -> None:
    """Refuse unless ``actor`` may read this school (a school user: only its own)."""
    require(actor, "read")
    require_school_scope(actor, school_code)
