"""Issue 10, finding 13 (full disk): an export or a backup onto a full disk gives a plain message,
leaves no temp file behind, and leaves the live database as it was.

The real case mounts a 1 MB tmpfs and fills it (root: required in CI, skipped on a laptop); the
in-process cases make the write itself fail with ENOSPC, on any machine.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability.helpers import ADMIN, build_campaign_db, copy_db
from tests.reliability.helpers import env as base_env
from tests.support import need

EXE = str(Path(sys.executable).with_name("starcampus"))


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("full") / "prepared.sqlite3"
    build_campaign_db(path, schools=20)
    return path


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs with one 4 KB page left."""
    point = tmp_path / "mnt"
    point.mkdir()
    can = os.geteuid() == 0 and shutil.which("mount") is not None
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(point)], capture_output=True,
                          text=True) if can else None
    need(done is not None and done.returncode == 0, f"root and mount -t tmpfs ({done.stderr if done else 'not root'})")
    try:
        fd = os.open(point / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            written = 0
            while True:
                try:
                    written += os.write(fd, b"\1" * 4096)
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC
                    break
            os.ftruncate(fd, written - 4096)
        finally:
            os.close(fd)
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def _left_behind(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "filler")


@pytest.mark.parametrize("verb", ["backup", "export-notice", "export-workbook", "audit-export"])
def test_a_full_disk_gives_a_plain_message_and_no_temp_file(prepared: Path, tmp_path: Path, full_disk: Path,
                                                            verb: str) -> None:
    db = copy_db(prepared, tmp_path / "live.sqlite3")
    before = db.read_bytes()
    out = full_disk / {"backup": "b.sqlite3", "export-notice": "n.docx", "export-workbook": "w.xlsx",
                       "audit-export": "a.csv"}[verb]
    args = {"backup": ("backup", str(out)), "export-notice": ("export", "notice", "-o", str(out)),
            "export-workbook": ("export", "workbook", "-o", str(out)),
            "audit-export": ("audit", "export", "-o", str(out))}[verb]
    done = subprocess.run([EXE, "--db", str(db), "--lang", "en", "--as", ADMIN, *args], capture_output=True,
                          text=True, env=base_env(), timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stdout + done.stderr
    assert "the disk is full" in done.stderr and str(out) in done.stderr, done.stderr
    assert "no partial file was left behind" in done.stderr
    assert _left_behind(full_disk) == []
    assert db.read_bytes() == before


# -- The same without root: the write itself fails with ENOSPC ---------------------------------------


def _enospc(*_args: object, **_kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_audit_csv_write_failing_mid_way_leaves_nothing(tmp_path: Path) -> None:
    from exports.audit_csv import write_audit_csv
    from models.file_guard import OutputRefused

    def rows() -> Iterator[list[object]]:
        yield [1, "first"]
        _enospc()

    with pytest.raises(OutputRefused) as refused:
        write_audit_csv(["seq", "reason"], rows(), tmp_path / "audit.csv")
    assert refused.value.key == "output.disk_full" and "the disk is full" in refused.value.message("en")
    assert list(tmp_path.iterdir()) == []


def test_workbook_export_onto_a_full_disk_is_write_failed(prepared: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import zipfile

    from models.db import close_database, open_database
    from tui.export_jobs import run_export
    from workflow.outputs import WriteFailed
    from workflow.permissions import Actor

    db = copy_db(prepared, tmp_path / "live.sqlite3")
    out = tmp_path / "exports"
    out.mkdir()
    monkeypatch.setattr(zipfile.ZipFile, "writestr", _enospc)
    open_database(str(db))
    try:
        with pytest.raises(WriteFailed) as refused:
            run_export(Actor(ADMIN, "admin"), "workbook", out / "w.xlsx")
        assert refused.value.key == "output.disk_full"
    finally:
        close_database()
    assert list(out.iterdir()) == []


def test_backup_onto_a_full_disk_is_write_failed(prepared: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import models.backup
    from models.db import close_database, open_database
    from workflow.doors.maintenance import backup_database
    from workflow.outputs import WriteFailed
    from workflow.permissions import Actor

    db = copy_db(prepared, tmp_path / "live.sqlite3")
    out = tmp_path / "backups"
    out.mkdir()
    real = models.backup._copy_into

    def fills_up(source: object, tmp: str) -> None:
        sqlite3.connect(tmp).execute("CREATE TABLE half (x)").connection.close()  # a journal and half a file
        Path(tmp + "-journal").write_bytes(b"\0" * 512)
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(models.backup, "_copy_into", fills_up)
    open_database(str(db))
    try:
        with pytest.raises(WriteFailed) as refused:
            backup_database(Actor(ADMIN, "admin"), out / "b.sqlite3")
        assert "the disk is full" in refused.value.message("en")
        assert refused.value.message("zh").startswith("备份失败：")
        monkeypatch.setattr(models.backup, "_copy_into", real)
        assert backup_database(Actor(ADMIN, "admin"), out / "b.sqlite3").exists()  # room again: it works
    finally:
        close_database()
    assert sorted(p.name for p in out.iterdir()) == ["b.sqlite3"]
