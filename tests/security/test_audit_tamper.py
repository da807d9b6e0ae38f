"""The tamper matrix (issue 12): each way of editing the audit table directly, with and without a
seal key, and the verdict ``audit verify`` gives. The attacker drops the append-only triggers
first, as someone holding the database file or a superuser login would. docs/reliability.md has
the table; this file is its proof, on SQLite and PostgreSQL (the ``db`` fixture).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from models.db import database, is_postgres
from models.schema import AuditEvent
from tests.support import cli_database
from workflow.audit import FIELDS, KeyDamaged, row_hash, verify_chain
from workflow.audit_key import create_key
from workflow.doors.users import add_user
from workflow.permissions import Actor

ADMIN = Actor("tamper-admin", "admin")
ROWS = 12


def _chain() -> None:
    """Twelve real audit rows, through the one door."""
    add_user(None, ADMIN.name, "admin")
    for i in range(1, ROWS):
        add_user(ADMIN, f"officer{i}", "viewer")


def _unlock() -> None:
    """What an attacker with the database does first: drop the append-only guard."""
    if is_postgres():
        database.execute_sql("ALTER TABLE audit_event DISABLE TRIGGER ALL")
    else:
        database.execute_sql("DROP TRIGGER audit_event_no_update")
        database.execute_sql("DROP TRIGGER audit_event_no_delete")


def _sql(statement: str, *params: object) -> None:
    database.execute_sql(statement.replace("?", database.param), params)


def _row(seq: int) -> dict[str, object]:
    return AuditEvent.select().where(AuditEvent.seq == seq).dicts().get()


def _forged(seq: int, prev_hash: str, seal: str = "") -> None:
    """A row with a correct public hash, as anyone with this code can make one (no key: no seal)."""
    values = {f: _row(2)[f] for f in FIELDS}
    values.update(seq=seq, actor="forger", reason="backdated approval", prev_hash=prev_hash)
    values["hash"] = row_hash(values)
    AuditEvent.insert(**values, seal=seal).execute()


def edit() -> None:
    _sql("UPDATE audit_event SET reason = 'forged' WHERE seq = 5")


def insert() -> None:
    # Make room at 5 (two steps keep seq unique on the way), then slip a well-hashed row in.
    _sql("UPDATE audit_event SET seq = seq + 1000 WHERE seq >= 5")
    _sql("UPDATE audit_event SET seq = seq - 999 WHERE seq >= 1000")
    _forged(5, str(_row(4)["hash"]))


def delete_first() -> None:
    _sql("DELETE FROM audit_event WHERE seq = 1")


def delete_middle() -> None:
    _sql("DELETE FROM audit_event WHERE seq = 6")


def delete_last() -> None:
    _sql("DELETE FROM audit_event WHERE seq = ?", ROWS)


def delete_last_five() -> None:
    _sql("DELETE FROM audit_event WHERE seq > ?", ROWS - 5)


def delete_all() -> None:
    _sql("DELETE FROM audit_event")


def swap() -> None:
    _sql("UPDATE audit_event SET seq = -1 WHERE seq = 4")
    _sql("UPDATE audit_event SET seq = 4 WHERE seq = 7")
    _sql("UPDATE audit_event SET seq = 7 WHERE seq = -1")


def rebuild_from(start: int, reason: str | None = "backdated approval") -> None:
    """Edit row ``start`` (unless ``reason`` is None) and recompute every public hash from there on,
    as anyone holding the database and this code could."""
    previous = str(_row(start - 1)["hash"]) if start > 1 else "0" * 64
    newest = AuditEvent.select(AuditEvent.seq).order_by(AuditEvent.seq.desc()).scalar()
    for seq in range(start, newest + 1):
        values = {f: _row(seq)[f] for f in FIELDS}
        values["prev_hash"] = previous
        if seq == start and reason is not None:
            values["reason"] = reason
        previous = row_hash(values)
        _sql("UPDATE audit_event SET prev_hash = ?, reason = ?, hash = ? WHERE seq = ?",
             values["prev_hash"], values["reason"], previous, seq)


def rebuild() -> None:
    rebuild_from(5)


def blank_seals() -> None:
    _sql("UPDATE audit_event SET seal = ''")


def rebuild_and_blank() -> None:
    rebuild()
    blank_seals()


def forged_append() -> None:
    _forged(ROWS + 1, str(_row(ROWS)["hash"]))


def forged_append_sealed() -> None:
    _forged(ROWS + 1, str(_row(ROWS)["hash"]), seal="ab" * 32)


# kind: (tampering, expected when unsealed, expected when sealed). An expectation is the first
# failure's catalog key and the words each language must show, or None for "passes" (with the
# note that says what could not be checked).
Expect = tuple[str, tuple[str, str]] | None
# Without a key the chain cannot show a cut tail or a forged row, but the replay can, where the
# rows removed or forged disagree with the tables: here each row added a user (issue 12).
REPLAYED = ("replay.untracked", ("被直接插入", "inserted directly"))
MATRIX: dict[str, tuple[Callable[[], None], Expect, Expect]] = {
    "edit a row": (edit, ("audit.v.altered", ("序号5", "seq 5")), ("audit.v.altered", ("序号5", "seq 5"))),
    "insert a row": (insert, ("audit.v.inserted", ("序号5", "seq 5")), ("audit.v.inserted", ("插入", "slipped in"))),
    "delete the first row": (delete_first, ("audit.v.removed_one", ("序号1的记录", "seq 1 is missing")),
                             ("audit.v.removed_one", ("被删除", "removed"))),
    "delete a middle row": (delete_middle, ("audit.v.removed_one", ("序号6", "seq 6")),
                            ("audit.v.removed_one", ("序号6", "removed"))),
    "delete the last row": (delete_last, REPLAYED, ("audit.v.tail_removed_one", ("最新的一条记录被删除", "newest row was removed"))),
    "delete the last five rows": (delete_last_five, REPLAYED, ("audit.v.tail_removed", ("序号8至12", "seq 8 to 12"))),
    # Without a key nothing says how long the log was, but twelve users with no log at all cannot be
    # (officer/attacker trial, session 8: this passed as "intact, 0 rows").
    "delete every row": (delete_all, ("replay.empty_log", ("12个用户", "deleted whole")),
                         ("audit.v.all_removed", ("全部被删除", "Every audit row was removed"))),
    "swap two rows": (swap, ("audit.v.swapped", ("序号4与序号7", "seq 4 and seq 7")),
                      ("audit.v.swapped", ("互换", "no row was removed"))),
    "rebuild the chain after an edit": (rebuild, None, ("audit.v.seal_wrong", ("序号5的密钥封印不符", "seq 5"))),
    "blank the seals": (blank_seals, None, ("audit.v.unsealed", ("序号1的记录没有封印", "seq 1 has no seal"))),
    "rebuild and blank the seals": (rebuild_and_blank, None, ("audit.v.unsealed", ("序号1", "seq 1"))),
    # A copy of an earlier row's facts (a user added) agrees with the tables: without the key nothing can
    # tell it from a real one, as the note says. (When user rows carried the whole users table, the
    # copy rolled the log's users back and the replay happened to see it.)
    "append a forged row": (forged_append, None, ("audit.v.unsealed", ("序号13", "seq 13"))),
    "append a forged row with a made-up seal": (forged_append_sealed, None,
                                                 ("audit.v.seal_wrong", ("序号13", "seq 13"))),
}

# What a passing verdict without a key must still admit it could not see.
UNSEALED_NOTES = {"audit.v.no_key", "audit.v.no_key_forgery", "audit.v.no_key_tail"}


@pytest.fixture
def key_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "keys" / "audit.key"
    monkeypatch.setenv("STARCAMPUS_AUDIT_KEY_FILE", str(path))
    return path


@pytest.mark.parametrize("sealed", [False, True], ids=["unsealed", "sealed"])
@pytest.mark.parametrize("kind", list(MATRIX))
def test_tamper_matrix(db: str, key_file: Path, kind: str, sealed: bool) -> None:
    tamper, unsealed_expect, sealed_expect = MATRIX[kind]
    if sealed:
        create_key()
    _chain()
    before = verify_chain()
    assert before.ok and before.rows == ROWS and before.sealed == (ROWS if sealed else 0), before.message("en")
    _unlock()
    tamper()
    report = verify_chain()
    expect = sealed_expect if sealed else unsealed_expect
    zh, en = report.details("zh"), report.details("en")
    assert "\n" not in report.summary("zh") and "\n" not in report.summary("en")  # a status bar's one line
    if expect is None:
        assert report.ok, en
        assert "审计链完整" in zh and "rows verified" in en
        assert UNSEALED_NOTES <= {f.key for f in report.findings if not f.failed}, en
        assert "init-key" in zh and "init-key" in en  # says what to do about the tail it cannot see
        return
    key, (zh_words, en_words) = expect
    assert not report.ok and not report.damaged_only, en
    assert report.failures[0].key == key, (kind, en)
    assert "审计链校验未通过" in zh and "FAILED" in en
    assert zh_words in zh and en_words in en, (zh, en)
    assert zh_words in report.summary("zh") and en_words in report.summary("en")  # the first failure, on one line


@pytest.mark.parametrize("sealed", [False, True], ids=["unsealed", "sealed"])
@pytest.mark.parametrize("damage", ["text appended", "cut short", "not hex"])
def test_a_damaged_key_is_named_not_called_tampering(db: str, key_file: Path, damage: str, sealed: bool) -> None:
    """A damaged key gets 'the key file is damaged' with its path; saves are refused, nothing written."""
    if sealed:
        create_key()
    _chain()
    if not sealed:
        create_key()  # made after the rows: they stay unsealed
    text = key_file.read_text()
    key_file.write_text({"text appended": text + "ssh-ed25519 AAAA officer@laptop\n",
                         "cut short": text[:40] + "\n", "not hex": "z" * 64 + "\n"}[damage])
    report = verify_chain()
    assert not report.ok and report.damaged_only
    assert [f.key for f in report.failures] == ["audit.key.damaged"]
    zh, en = report.details("zh"), report.details("en")
    assert "封印密钥文件已损坏" in zh and str(key_file) in zh and "not a tampering verdict" in en
    assert "篡改" not in report.failures[0].message("zh").replace("不是篡改结论", "")
    with pytest.raises(KeyDamaged) as refused:
        add_user(ADMIN, "late-officer", "viewer")
    assert str(key_file) in refused.value.message("en")
    assert AuditEvent.select().count() == ROWS


def test_the_head_only_moves_forward(db: str, key_file: Path) -> None:
    """A writer that reaches the head file late (another process committed further meanwhile)
    never moves it back; a head behind the table is fine, rows past it are checked by their seals."""
    from workflow.audit_head import read_head, record
    from workflow.audit_key import load_key

    create_key()
    _chain()
    key = load_key()
    assert key is not None
    head = read_head()
    assert head is not None and head.seq == ROWS and head.sealed_from == 1
    record(3, str(_row(3)["hash"]), first_seq=1, key=key)  # a late writer from an older commit
    assert read_head() == head
    assert verify_chain().ok


def test_cli_exit_codes_and_languages(db: str, key_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    from tui.cli import main

    address, env = cli_database(db, tmp_path)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    _chain()

    def verify(lang: str, *more: str) -> tuple[int, str]:
        capsys.readouterr()
        code = main(["--db", address, "--lang", lang, "--as", ADMIN.name, "audit", "verify", *more])
        out, err = capsys.readouterr()
        return code, out + err

    code, text = verify("en")
    assert code == 0 and "could have been removed" in text and "init-key" in text
    capsys.readouterr()
    assert main(["--db", address, "--lang", "zh", "--as", ADMIN.name, "audit", "init-key"]) == 0
    assert "链头" in capsys.readouterr().out
    code, text = verify("zh")
    assert code == 0 and "末尾没有记录被删除" in text
    _unlock()
    delete_last_five()
    code, text = verify("zh")
    assert code == 1 and "最新的记录被删除" in text and "序号7" in text
    code, text = verify("en")
    assert code == 1 and "The newest rows were removed" in text and not any("\u4e00" <= c <= "\u9fff" for c in text)
    key_file.write_text(key_file.read_text() + "x\n")
    code, text = verify("en")
    assert code == 1 and "The key file is damaged" in text and str(key_file) in text


def test_no_output_lands_on_the_head_file(db: str, key_file: Path, tmp_path: Path) -> None:
    """The head beside the key is protected like the key: an audit export aimed at it (or a link to
    it) is refused by name and the file is left as it was."""
    from exports.audit_csv import write_audit_csv
    from models.file_guard import OutputRefused
    from workflow.audit_head import head_path
    from workflow.reads.audit_log import EXPORT_COLUMNS, export_rows

    create_key()
    _chain()
    head = head_path()
    before = head.read_bytes()
    link = tmp_path / "innocent.csv"
    link.symlink_to(head)
    for target in (head, link):
        with pytest.raises(OutputRefused) as refused:
            write_audit_csv(EXPORT_COLUMNS, export_rows(ADMIN), target, force=True)
        assert refused.value.key == "output.onto_head"
    assert head.read_bytes() == before


def test_a_database_made_afresh_at_the_same_place_starts_its_own_head(db: str, key_file: Path) -> None:
    """The head names the database by its place and by when its schema was made: a new database
    there (rm, then init) is not read as one whose rows were all removed, and says so until its
    first save records its own head."""
    from models.db import close_database, open_database
    from models.schema import SchemaVersion

    create_key()
    _chain()
    # As if the file had been removed and `starcampus init` run again at the same place.
    _unlock()
    AuditEvent.delete().execute()
    SchemaVersion.update(applied_at="2030-01-01T00:00:00+00:00").where(SchemaVersion.version == 1).execute()
    close_database()
    open_database(db)
    report = verify_chain()
    assert not report.ok and report.failures[0].key == "audit.v.head_other_db"
    assert "2030-01-01" in report.details("zh") and "made afresh" in report.details("en")
    add_user(ADMIN, "first-officer", "viewer")  # (the users table is the old one's here: no matter)
    report = verify_chain()
    assert report.ok and report.rows == 1, report.details("en")


def test_a_cut_tail_stays_reported_after_the_log_grows_past_it(db: str, key_file: Path) -> None:
    """Rows removed from the end, then more saves than were removed: the head beside the key keeps
    naming the row that was there, so verify keeps failing instead of forgetting the cut."""
    create_key()
    _chain()
    _unlock()
    delete_last_five()
    for i in range(8):  # seq 8 to 15: through and past the old head (12)
        add_user(ADMIN, f"later{i}", "viewer")
    report = verify_chain()
    assert not report.ok and report.failures[0].key == "audit.v.head_differs"
    assert "序号12" in report.details("zh") and "removed and new ones written since" in report.details("en")
