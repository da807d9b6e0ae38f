"""A read-only or full disk: a clear refusal (exit 1, err.readonly), no traceback, no damage.

Read-only: a tmpfs remounted read-only, and a SQLite URL with ?mode=ro. Full: a 2 MB tmpfs
filled until writes fail. Mounting needs root: skipped on a laptop, required in CI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability.helpers import build_campaign_db, copy_db, counts, integrity, run_cli
from tests.support import need

READONLY_ZH = "无法写入数据库"
READONLY_EN = "disk full or read-only"


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("storage") / "prepared.sqlite3"
    build_campaign_db(path, schools=2, scored=False)
    return path


def _mount(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["mount", *args], capture_output=True, text=True)


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    point = tmp_path / "mnt"
    point.mkdir()
    can = os.geteuid() == 0 and shutil.which("mount") is not None
    done = _mount("-t", "tmpfs", "-o", "size=2m", "tmpfs", str(point)) if can else None
    need(done is not None and done.returncode == 0, f"root and mount -t tmpfs ({done.stderr if done else 'not root'})")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def test_read_only_mount(prepared: Path, tmpfs: Path) -> None:
    db = copy_db(prepared, tmpfs / "ro.sqlite3")
    before = counts(db)
    remount = _mount("-o", "remount,ro", str(tmpfs))
    need(remount.returncode == 0, f"mount -o remount,ro ({remount.stderr})")
    done = run_cli(db, "score", "set", "R000", "1.1", "1")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "只读" in done.stderr and str(tmpfs) in done.stderr
    english = run_cli(db, "score", "set", "R000", "1.1", "1", lang="en")
    assert english.returncode == 1 and "read-only" in english.stderr and str(tmpfs) in english.stderr, english.stderr
    ro_url = f"sqlite:///{db}?mode=ro&immutable=1"
    assert f"--db '{ro_url}'" in done.stderr, done.stderr  # the URL it offers is one that reads (trial)
    listed = run_cli(ro_url, "schools", "list")  # reading still works through a read-only URL
    assert listed.returncode == 0 and "R000" in listed.stdout, listed.stderr
    refused = run_cli(ro_url, "score", "set", "R000", "1.1", "1")
    assert refused.returncode == 1 and READONLY_ZH in refused.stderr and "Traceback" not in refused.stderr
    assert _mount("-o", "remount,rw", str(tmpfs)).returncode == 0
    assert counts(db) == before and integrity(db) == "ok"


def test_read_only_url_refuses_writes(prepared: Path, tmp_path: Path) -> None:
    db = copy_db(prepared, tmp_path / "db.sqlite3")
    before = counts(db)
    url = f"sqlite:///{db}?mode=ro"
    for args in (("score", "set", "R000", "1.1", "1"), ("school", "advance", "R000", "start_rectification"),
                 ("user", "add", "someone", "--role", "viewer")):
        done = run_cli(url, *args)
        assert done.returncode == 1, done.stderr
        assert READONLY_ZH in done.stderr and "Traceback" not in done.stderr, done.stderr
    en = run_cli(url, "score", "set", "R000", "1.1", "1", lang="en")
    assert READONLY_EN in en.stderr
    assert run_cli(url, "audit", "verify").returncode == 0
    assert counts(db) == before and integrity(db) == "ok"


def test_disk_full(prepared: Path, tmpfs: Path, tmp_path: Path) -> None:
    db = copy_db(prepared, tmpfs / "full.sqlite3")
    with (tmpfs / "ballast").open("wb") as fh:  # leave ~150 KB
        fh.write(b"\0" * (2 * 1024 * 1024 - db.stat().st_size - 150 * 1024))
    rows = "\n".join(f"F{i:05d},{'满' * 60}校{i},城关镇" for i in range(3000))
    big = tmp_path / "many.csv"
    big.write_text("学校代码,学校名称,乡镇\n" + rows + "\n", encoding="utf-8")
    failures = 0
    for _attempt in range(4):  # fill until writes fail; each failure must be clean
        done = run_cli(db, "schools", "import", str(big))
        if done.returncode == 0:
            continue
        failures += 1
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr[-3000:]
        assert READONLY_ZH in done.stderr or "磁盘已满" in done.stderr, done.stderr
    assert failures, "the disk never filled up"
    (tmpfs / "ballast").unlink()
    assert integrity(db) == "ok"
    with_room = run_cli(db, "audit", "verify", as_user=None)
    assert with_room.returncode == 0, with_room.stderr
    assert counts(db)["school"] in (2, 3002), "a refused import left part of its rows"
