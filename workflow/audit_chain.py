"""The audit chain's public arithmetic: which fields a row's hash covers, and the hash itself.

Kept apart from ``workflow.audit`` (which writes rows) so that the checks in
``workflow.audit_verify`` and the key and head files can use it without an import cycle.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

import orjson

GENESIS = "0" * 64
FIELDS = ("seq", "at", "actor", "action", "campaign_id", "assessment_id", "school_code",
          "from_state", "to_state", "reason", "payload", "prev_hash")


# Values whose orjson text is byte for byte json.dumps(..., ensure_ascii=False, separators=(",", ":"))
# (tests/workflow/test_audit_chain.py checks every code point): exactly these types, not their
# subclasses (bool), not floats (NaN, exponents are spelt differently).
_SAME_IN_ORJSON = frozenset((str, int, type(None)))


def hash_of_fields(fields: Sequence[Any]) -> str:
    """The hash of a row's ``FIELDS`` values, in that order: the one canonical encoding (a second
    spelling of it that differed by a byte would read every row as altered). That encoding is
    json.dumps's; orjson writes the same bytes for a row's own types about ten times faster (an
    import chains 500,000 rows, and each payload string is escaped whole)."""
    return hashlib.sha256(_encoded(list(fields))).hexdigest()


def _encoded(values: list[Any]) -> bytes:
    if all(type(value) in _SAME_IN_ORJSON for value in values):
        return orjson.dumps(values)
    return json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode()


def middle_text(fields: Sequence[Any]) -> str:
    """The hashed text of a row's ``FIELDS`` but its first (seq) and last (prev_hash), without the
    brackets: the hashed text is then ``[<seq>,<middle>,"<prev_hash>"]``, byte for byte, so a server
    can hash a row whose seq and prev_hash it reads under the chain's lock (``models.db.hold_chained``):
    seq is an integer and prev_hash a hex digest, which JSON writes as they are."""
    if len(fields) != len(FIELDS) - 2:
        raise ValueError(f"{len(FIELDS) - 2} fields between seq and prev_hash, not {len(fields)}")
    return _encoded(list(fields))[1:-1].decode()


def hash_around(seq: int, middle: str, prev_hash: str) -> str:
    """``hash_of_fields`` of the row whose ``middle_text`` is ``middle``: what the server computes."""
    return hashlib.sha256(f'[{int(seq)},{middle},"{prev_hash}"]'.encode()).hexdigest()


def row_hash(values: dict[str, Any]) -> str:
    return hash_of_fields([values[f] for f in FIELDS])
