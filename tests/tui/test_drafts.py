"""tui.drafts on its own: plain files, written atomically, one per user and assessment."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui.drafts import Draft, discard_draft, draft_dir, draft_path, drafts_for, load_draft, save_draft


def _draft(**kw: object) -> Draft:
    base = dict(user="demo-admin", campaign_id=2, assessment_id=17, school_code="640424007", kind="self",
                entries={"1.1": "7.5", "2.3": "８"}, version=4, reason="hangup")
    base.update(kw)
    return Draft(**base)  # type: ignore[arg-type]


def test_round_trip_and_discard(tmp_path: Path) -> None:
    path = save_draft(_draft(), tmp_path)
    assert path == draft_path("demo-admin", 2, 17, tmp_path) and path.exists()
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temp file left behind
    assert path.stat().st_mode & 0o077 == 0
    back = load_draft("demo-admin", 2, 17, tmp_path)
    assert back is not None and back.entries == {"1.1": "7.5", "2.3": "８"} and back.version == 4
    assert back.saved_at and back.reason == "hangup"
    assert load_draft("demo-admin", 2, 18, tmp_path) is None
    assert load_draft("someone", 2, 17, tmp_path) is None  # another user's folder
    assert discard_draft("demo-admin", 2, 17, tmp_path) is True
    assert discard_draft("demo-admin", 2, 17, tmp_path) is False
    assert load_draft("demo-admin", 2, 17, tmp_path) is None


def test_empty_draft_removes_the_file(tmp_path: Path) -> None:
    save_draft(_draft(), tmp_path)
    save_draft(_draft(entries={}), tmp_path)
    assert not draft_path("demo-admin", 2, 17, tmp_path).exists()


def test_users_are_kept_apart_and_listed(tmp_path: Path) -> None:
    save_draft(_draft(user="a/../b", saved_at="2024-06-10T10:00:00+08:00"), tmp_path)
    save_draft(_draft(user="a/../b", assessment_id=18, saved_at="2024-06-11T10:00:00+08:00"), tmp_path)
    save_draft(_draft(user="专家甲"), tmp_path)
    folders = sorted(p.name for p in tmp_path.iterdir())
    assert len(folders) == 2 and all(f not in (".", "..") and (tmp_path / f).parent == tmp_path for f in folders)
    assert [d.assessment_id for d in drafts_for("a/../b", tmp_path)] == [18, 17]  # newest first
    assert [d.user for d in drafts_for("专家甲", tmp_path)] == ["专家甲"]
    assert drafts_for("nobody", tmp_path) == []


def test_unreadable_drafts_are_ignored(tmp_path: Path) -> None:
    path = draft_path("demo-admin", 2, 17, tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text("{half a draft", encoding="utf-8")
    assert load_draft("demo-admin", 2, 17, tmp_path) is None
    path.write_text(json.dumps({"format": 99, "user": "demo-admin"}), encoding="utf-8")
    assert load_draft("demo-admin", 2, 17, tmp_path) is None and drafts_for("demo-admin", tmp_path) == []


def test_folder_comes_from_the_environment(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("STARCAMPUS_DRAFT_DIR", str(tmp_path / "d"))
    assert draft_dir() == tmp_path / "d"
    monkeypatch.delenv("STARCAMPUS_DRAFT_DIR")
    assert draft_dir().name == "drafts" and "starcampus" in str(draft_dir())


def test_drafts_module_needs_no_textual() -> None:
    code = "import sys, tui.drafts\nassert 'textual' not in sys.modules, sorted(sys.modules)\n"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stderr


def test_a_draft_stays_with_its_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Campaign and assessment numbers repeat across databases (a fresh copy numbers from 1 again): a
    draft typed against one database file is never offered when the app opens another."""
    import tui.drafts as drafts

    monkeypatch.setattr(drafts, "_database", None)
    drafts.bind_database(str(tmp_path / "a.sqlite3"))
    save_draft(_draft(), tmp_path)
    assert load_draft("demo-admin", 2, 17, tmp_path) is not None
    assert [d.assessment_id for d in drafts_for("demo-admin", tmp_path)] == [17]
    drafts.bind_database(str(tmp_path / "b.sqlite3"))
    assert load_draft("demo-admin", 2, 17, tmp_path) is None
    assert drafts_for("demo-admin", tmp_path) == []
    drafts.bind_database(str(tmp_path / "sub" / ".." / "a.sqlite3"))  # the same file, spelled otherwise
    assert load_draft("demo-admin", 2, 17, tmp_path) is not None
