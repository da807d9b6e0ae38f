"""The audit chain's public arithmetic: which fields a row's hash covers, and the hash itself.

Kept apart from ``workflow.audit`` (which writes rows) so that the checks in
``workflow.audit_verify`` and the key and head files can use it without an import cycle.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

GENESIS = "0" * 64
FIELDS = ("seq", "at", "actor", "action", "campaign_id", "assessment_id", "school_code",
          "from_state", "to_state", "reason", "payload", "prev_hash")


def hash_of_fields(fields: Sequence[Any]) -> str:
    """The hash of a row's ``FIELDS`` values, in that order: the one canonical encoding (a second
    spelling of it that differed by a byte would read every row as altered)."""
    return hashlib.sha256(json.dumps(list(fields), ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()


def row_hash(values: dict[str, Any]) -> str:
    return hash_of_fields([values[f] for f in FIELDS])
