"""The audit chain's public arithmetic: which fields a row's hash covers, and the hash itself.

Kept apart from ``workflow.audit`` (which writes rows) so that the checks in
``workflow.audit_verify`` and the key and head files can use it without an import cycle.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

GENESIS = "0" * 64
FIELDS = ("seq", "at", "actor", "action", "campaign_id", "assessment_id", "school_code",
          "from_state", "to_state", "reason", "payload", "prev_hash")


def _canonical(values: dict[str, Any]) -> bytes:
    return json.dumps([values[f] for f in FIELDS], ensure_ascii=False, separators=(",", ":")).encode()


def row_hash(values: dict[str, Any]) -> str:
    return hashlib.sha256(_canonical(values)).hexdigest()
