"""`campaign create --like 1 --year 2026` (the next cycle as a new campaign) freezes the source campaign's rounds
(officer trial): README's year on `examples/`, `campaign advance`, the next cycle created, then the certified
school renamed and moved by import — the re-exported 2022 notice (read back with python-docx) and
`status --campaign 1` still name it as 2022 settled it, and `round list --campaign 1` no longer calls 2022 the
open round. On SQLite and PostgreSQL, through the real command in-process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from tests.support import cli_over_ssh

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CODE, OLD, NEW = "4190010001", ("济源市第一中学", "沁园街道"), ("济源市天坛中学", "玉泉街道")


@pytest.fixture
def cycle(db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    from workflow.doors.users import add_user
    from workflow.i18n import set_language

    add_user(None, "demo-admin", "admin", display_name="管理员")
    address = cli_over_ssh(db, tmp_path, monkeypatch)
    yield address
    set_language("zh")


def _cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db: str, now: str, *args: str) -> str:
    from tui.cli import main

    monkeypatch.setenv("STARCAMPUS_NOW", now)
    capsys.readouterr()
    code = main(["--db", db, "--lang", "zh", "--as", "demo-admin", *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_a_campaign_copied_like_freezes_its_source(cycle: str, capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def run(now: str, *args: str) -> str:
        return _cli(capsys, monkeypatch, cycle, now, *args)

    y2022 = "2022-09-20T09:00:00+08:00"
    run(y2022, "schools", "import", str(EXAMPLES / "学校名册.csv"))
    run(y2022, "campaign", "create", "--year", "2022", "--region", "济源示范区", "--title", "济源2022数字校园星级评定",
        "--rubric", "henan-v2", "--enrol-all", "--window", "mobilization=2022-09-16..2022-09-30",
        "--window", "self_evaluation=2022-10-01..2022-10-15", "--window", "verification=2022-10-16..2022-10-31",
        "--window", "promotion=2022-11-01..2024-12-31")
    run(y2022, "campaign", "advance")
    run(y2022, "school", "advance", CODE, "start_self_evaluation")
    run(y2022, "score", "import", str(EXAMPLES / "自评分.csv"))
    run(y2022, "school", "advance", CODE, "submit_self_evaluation")
    run(y2022, "campaign", "advance")
    run(y2022, "school", "advance", CODE, "start_verification")
    run(y2022, "score", "import", "--kind", "verified", str(EXAMPLES / "核定分.csv"))
    run(y2022, "verification", "add", CODE, "--experts", "张专家,李专家", "--date", "2022-10-20",
        "--method", "materials", "--method", "site")
    run(y2022, "school", "advance", CODE, "finish_verification")
    run(y2022, "school", "advance", CODE, "publicize")
    run("2022-10-30T09:00:00+08:00", "school", "advance", CODE, "certify")
    run("2022-11-02T09:00:00+08:00", "campaign", "advance")
    y2026 = "2026-09-01T09:00:00+08:00"
    run("2022-11-02T09:00:00+08:00", "notice", "set", "document_number", "济教督〔2022〕1号")
    run("2022-11-02T09:00:00+08:00", "notice", "set", "contact_telephone", "0391-6600000")
    created = run(y2026, "campaign", "create", "--like", "1", "--year", "2026")
    # README's year leaves three schools enrolled only: the officer is told they are frozen with the cycle.
    assert "注意：评定工作 #1 的2022年轮次中还有3所学校未办结，已随上一周期一起冻结" in created, created
    # The next cycle starts from last cycle's texts but the notice's own: its 文号 (and 成文日期, title).
    shown = run(y2026, "notice", "show", "--campaign", "2")
    assert "0391-6600000" in shown and "济教督〔2022〕1号" not in shown, shown
    renamed = tmp_path / "改名.csv"
    renamed.write_text(f"学校代码,学校名称,乡镇,学段\n{CODE},{NEW[0]},{NEW[1]},高中\n", encoding="utf-8")
    run(y2026, "schools", "import", str(renamed))

    target = tmp_path / "2022通报.docx"
    run(y2026, "export", "notice", "--campaign", "1", "-o", str(target), "--force")
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert OLD[0] in text and NEW[0] not in text
    status = run(y2026, "status", "--campaign", "1", "--format", "github")
    row = next(line for line in status.splitlines() if CODE in line)
    assert OLD[0] in row and OLD[1] in row and NEW[0] not in row, row
    rounds = run(y2026, "round", "list", "--campaign", "1", "--format", "github")
    line = next(line for line in rounds.splitlines() if "2022" in line)
    assert "当前轮次" not in line and "冻结" in line, line
    # The frozen cycle takes no change but a correction with its reason; a second next cycle from it is refused.
    from tui.cli import main as cli

    for refused in (["score", "set", "4190010002", "1.1", "3", "--campaign", "1"],
                    ["school", "advance", "4190010002", "start_self_evaluation", "--campaign", "1"]):
        capsys.readouterr()
        assert cli(["--db", cycle, "--lang", "zh", "--as", "demo-admin", *refused]) == 1, refused
        said = capsys.readouterr().err
        assert "2022年轮次已结束，不能再修改：本评定工作已由2026年的“济源2026数字校园星级评定”接续" in said, said
    capsys.readouterr()
    assert cli(["--db", cycle, "--lang", "zh", "--as", "demo-admin", "campaign", "create", "--like", "1",
                "--year", "2027"]) == 1
    said = capsys.readouterr().err
    assert "已由“济源2026数字校园星级评定”（编号2）接续" in said and "campaign create --like 2" in said, said
    capsys.readouterr()
    assert cli(["--db", cycle, "--lang", "zh", "--as", "demo-admin", "round", "open", "2023", "--all",
                "--campaign", "1"]) == 1
    said = capsys.readouterr().err
    assert "不能再开启新的轮次；年度复核请在编号2中进行" in said, said
    assert "济源2026数字校园星级评定" in run(y2026, "campaign", "list")
    assert "2027" not in run(y2026, "campaign", "list")
    # The next cycle's own round is open, and names the school as the register has it now.
    assert "当前轮次" in run(y2026, "round", "list", "--campaign", "2", "--format", "github")
    assert NEW[0] in run(y2026, "status", "--campaign", "2", "--format", "github")
    run(y2026, "audit", "verify")
    # Unfreezing the old cycle by SQL (the new campaign's succeeds cleared) is named by audit verify.
    from models.db import close_database, database, open_database
    from tui.cli import main

    open_database(cycle)
    try:
        with database.atomic():
            database.execute_sql("UPDATE campaign SET succeeds = NULL WHERE id = 2")
    finally:
        close_database()
    capsys.readouterr()
    assert main(["--db", cycle, "--lang", "zh", "--as", "demo-admin", "audit", "verify"]) != 0
    out, err = capsys.readouterr()
    assert "所承接的上一周期评定工作" in out + err
