"""Unsaved score entries kept as a draft file, one per user and assessment (issue 7).

A score typed into the app but not yet saved with Enter never reaches the database. When the
connection drops (SIGHUP) or the app is closed, those entries are written here instead, and
offered back the next time that user opens that school: restored into the fields (still to be
saved one by one with Enter) or discarded. Nothing is ever applied from a draft on its own, so
a draft can never be half applied.

Plain Python (no textual), testable alone. Files live in ``STARCAMPUS_DRAFT_DIR`` or the user's
data folder (platformdirs), are written atomically (temp file in the same folder, fsync,
``os.replace``) and readable by their owner only.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

FORMAT = 1


@dataclass
class Draft:
    """What was typed and not saved: ``entries`` maps leaf code to the text as typed."""

    user: str
    campaign_id: int
    assessment_id: int
    school_code: str
    kind: str  # "self" or "verified": which column the entries belong to
    entries: dict[str, str] = field(default_factory=dict)
    version: int | None = None  # the assessment's version when the entries were typed
    saved_at: str = ""
    reason: str = ""  # "hangup", "exit", "leave"
    school_name: str = ""


def draft_dir() -> Path:
    """``STARCAMPUS_DRAFT_DIR``, else ``<user data dir>/starcampus/drafts``."""
    env = os.environ.get("STARCAMPUS_DRAFT_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("starcampus", appauthor=False)) / "drafts"


def _user_folder(user: str) -> str:
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", user, flags=re.ASCII).strip("._")[:40] or "user"
    return f"{safe}-{hashlib.sha1(user.encode('utf-8')).hexdigest()[:8]}"


_database: str | None = None  # the open database's key (see ``bind_database``)


def bind_database(target: str) -> None:
    """Keep this process's drafts apart per database: campaign and assessment numbers repeat across
    databases (a test copy, last year's file), and a draft must never be offered into another one."""
    global _database
    _database = database_key(target)


def database_key(target: str) -> str:
    where = target if "://" in target else str(Path(target).expanduser().resolve())
    return hashlib.sha1(where.encode("utf-8")).hexdigest()[:12]


def _user_path(user: str, base: Path | None, database: str | None = None) -> Path:
    folder = (base or draft_dir()) / _user_folder(user)
    key = database_key(database) if database else _database
    return folder / f"db-{key}" if key else folder


def draft_path(user: str, campaign_id: int, assessment_id: int, base: Path | None = None, *,
               database: str | None = None) -> Path:
    """Where the draft lives; ``database`` (a path or address) instead of the bound one."""
    name = f"campaign-{int(campaign_id)}-assessment-{int(assessment_id)}.json"
    return _user_path(user, base, database) / name


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def save_draft(draft: Draft, base: Path | None = None) -> Path:
    """Write ``draft`` atomically; returns its path. An empty draft removes the file instead."""
    path = draft_path(draft.user, draft.campaign_id, draft.assessment_id, base)
    if not draft.entries:
        discard_draft(draft.user, draft.campaign_id, draft.assessment_id, base)
        return path
    if not draft.saved_at:
        draft.saved_at = datetime.now().astimezone().isoformat(timespec="seconds")
    top = base or draft_dir()
    for folder in (top, top / _user_folder(draft.user), path.parent):  # all private (issue 10)
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    body = json.dumps({"format": FORMAT, **asdict(draft)}, ensure_ascii=False, indent=1)
    fd, tmp = tempfile.mkstemp(prefix=".draft-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(body)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_dir(path.parent)
    return path


def _from_json(data: Any) -> Draft | None:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    try:
        entries = {str(k): str(v) for k, v in dict(data.get("entries") or {}).items() if str(v).strip()}
        version = data.get("version")
        return Draft(user=str(data["user"]), campaign_id=int(data["campaign_id"]),
                     assessment_id=int(data["assessment_id"]), school_code=str(data.get("school_code", "")),
                     kind=str(data.get("kind", "")), entries=entries,
                     version=int(version) if version is not None else None,
                     saved_at=str(data.get("saved_at", "")), reason=str(data.get("reason", "")),
                     school_name=str(data.get("school_name", "")))
    except (KeyError, TypeError, ValueError):
        return None


def _read(path: Path) -> Draft | None:
    try:
        return _from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return None


def load_draft(user: str, campaign_id: int, assessment_id: int, base: Path | None = None) -> Draft | None:
    """The saved draft, or None (none, unreadable, or another user's)."""
    draft = _read(draft_path(user, campaign_id, assessment_id, base))
    if draft is None or draft.user != user or not draft.entries:
        return None
    return draft


def discard_draft(user: str, campaign_id: int, assessment_id: int, base: Path | None = None) -> bool:
    """Remove the draft; True when there was one."""
    try:
        draft_path(user, campaign_id, assessment_id, base).unlink()
    except FileNotFoundError:
        return False
    return True


def drafts_for(user: str, base: Path | None = None) -> list[Draft]:
    """Every readable draft of ``user``, newest first."""
    folder = _user_path(user, base)
    if not folder.is_dir():
        return []
    found = [d for d in (_read(p) for p in folder.glob("campaign-*-assessment-*.json"))
             if d is not None and d.user == user and d.entries]
    return sorted(found, key=lambda d: d.saved_at, reverse=True)
