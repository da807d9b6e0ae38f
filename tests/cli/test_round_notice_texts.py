"""Notice texts belong to a round (officer trial): the demo's 2023 initial round is frozen, its 2026 review open.
Setting the 成文日期 and 文号 writes the open round's, which its review notice prints; the frozen 2023 notice
re-exports as it was; `notice set … --round 2023` is refused (exit 1, naming the round, nothing written);
`notice show --round 2023` shows 2023's notice; an SQL edit of a frozen round's text is named by `audit verify`.
On SQLite and PostgreSQL, through the real command in-process, each .docx read back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import docx
import pytest

from tests.support import admin_cli as _run
from tests.support import admin_cli_ok as _cli
from tests.support import cli_over_ssh

NOW = "2026-12-01T09:00:00+08:00"  # the demo's review round is this year's: the open one


@pytest.fixture
def demo(db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    from tests.demo_copy import load_demo
    from workflow import clock
    from workflow.i18n import set_language

    clock.pin(datetime.fromisoformat(NOW))
    load_demo(review=True)
    clock.pin(None)
    address = cli_over_ssh(db, tmp_path, monkeypatch)
    monkeypatch.setenv("STARCAMPUS_NOW", NOW)
    yield address
    set_language("zh")


def _lines(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def test_the_open_rounds_texts_leave_a_frozen_rounds_notice_as_it_was(
        demo: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    before = _lines(Path(_export(capsys, demo, tmp_path / "before.docx", "--round", "2023")))
    _cli(capsys, demo, "notice", "set", "issue_date", "2026-12-10")
    _cli(capsys, demo, "notice", "set", "document_number", "泾教督〔2026〕9号")
    after = _lines(Path(_export(capsys, demo, tmp_path / "after.docx", "--round", "2023")))
    assert after == before
    assert "2023年9月7日" in after and not any("〔2026〕" in line or "2026年12月10日" in line for line in after)
    review = _lines(Path(_export(capsys, demo, tmp_path / "review.docx")))
    assert review[0] == "泾教督〔2026〕9号" and "复核" in review[1]
    assert review[-1] == "2026年12月10日"


def test_a_frozen_rounds_texts_are_refused_and_shown_as_its_own(
        demo: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from models.db import close_database, open_database
    from models.schema import NoticeText

    _cli(capsys, demo, "notice", "set", "basis", "二〇二六年的依据")
    code, _out, err = _run(capsys, demo, "notice", "set", "document_number", "泾教督〔2026〕9号", "--round", "2023")
    assert code == 1
    assert "2023年轮次已结束" in err
    past = _cli(capsys, demo, "notice", "show", "--round", "2023")
    assert past.splitlines()[0].startswith("泾源县2023年") and "二〇二六年的依据" not in past
    now = _cli(capsys, demo, "notice", "show")
    assert "2026年度" in now.splitlines()[0]
    # The facts `notice show` adds are the round's own too (a trial saw the open round's under 2023's title).
    _cli(capsys, demo, "notice", "set", "contact_telephone", "0954-7777777")
    assert "0954-7777777" in _cli(capsys, demo, "notice", "show")
    assert "0954-7777777" not in _cli(capsys, demo, "notice", "show", "--round", "2023")
    open_database(demo)
    try:
        rows = [(r.round.year, r.key, r.text) for r in NoticeText.select()]
    finally:
        close_database()
    assert sorted(rows) == [(2026, "basis", "二〇二六年的依据"), (2026, "contact_telephone", "0954-7777777")]


def test_audit_verify_names_an_sql_edit_of_a_frozen_rounds_text(
        demo: str, capsys: pytest.CaptureFixture[str]) -> None:
    from models.db import close_database, database, open_database
    from models.schema import NoticeText, Round

    _cli(capsys, demo, "notice", "set", "document_number", "泾教督〔2026〕9号")
    _cli(capsys, demo, "audit", "verify")
    open_database(demo)
    try:
        frozen = Round.get(Round.year == 2023)
        with database.atomic():
            NoticeText.create(campaign=frozen.campaign_id, round=frozen.id, key="document_number",
                              text="泾教督〔2026〕9号", updated_by="x", updated_at="x")
    finally:
        close_database()
    code, out, err = _run(capsys, demo, "audit", "verify")
    assert code != 0
    assert "2023年轮次通报文稿“发文字号”" in out + err, out + err  # the text's label, not its key (trial, words2)
    assert "document_number" not in out + err
    from tui.cli import main

    capsys.readouterr()
    main(["--db", demo, "--lang", "en", "--as", "demo-admin", "audit", "verify"])
    out, err = capsys.readouterr()
    assert "2023 round: notice text 'document number'" in out + err, out + err


def test_a_saved_or_refused_notice_text_is_named_by_its_label(demo: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`notice set` says 已保存：发文字号 (the officer typed the key; the label is what the text is), not the key;
    English too; a frozen round's refusal names its texts by label (trial, words2)."""
    from tui.cli import main

    assert _cli(capsys, demo, "notice", "set", "document_number", "泾教督〔2026〕9号").strip() == "已保存：发文字号"
    assert _cli(capsys, demo, "notice", "set", "issue_date", "2026-12-10").strip() == "已保存：成文日期"
    assert _cli(capsys, demo, "notice", "set", "requirements", "要求甲").strip() == "已保存：工作要求"
    code, _out, err = _run(capsys, demo, "notice", "set", "issue_date", "2023-12-10", "--round", "2023")
    assert code == 1 and "其通报文稿（成文日期）不能再修改" in err, err
    capsys.readouterr()
    assert main(["--db", demo, "--lang", "en", "--as", "demo-admin", "notice", "set", "contact_telephone",
                 "0954-7777777"]) == 0
    assert capsys.readouterr().out.strip() == "Saved: contact telephone"


def _export(capsys: pytest.CaptureFixture[str], db: str, target: Path, *args: str) -> str:
    _cli(capsys, db, "export", "notice", "-o", str(target), "--force", *args)
    return str(target)


def test_a_review_rounds_publicity_list_is_its_years_and_lists_only_schools_reviewed(
        demo: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "公示.docx"
    _cli(capsys, demo, "export", "publicity", "-o", str(target), "--force")
    document = docx.Document(str(target))
    title = next(p.text for p in document.paragraphs if p.text.strip()).replace("\n", "")
    assert title.startswith("2026年度泾源县") and "2023" not in title and title.endswith("复核结果公示")
    listed = [row.cells[1].text for row in document.tables[0].rows[1:]]
    assert listed == ["六盘山镇第一小学"]  # raised this year; 泾源县第一中学 and others are still 年度复核中


def test_kept_problem_drafts_go_to_the_analysed_round(demo: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`notice draft-problems --round 2023 --keep` would have written 2023's drafts as the open round's texts:
    the analysed round is frozen, so it is refused; without --round the open round's are kept for it."""
    from models.db import close_database, open_database
    from models.schema import NoticeText

    code, _out, err = _run(capsys, demo, "notice", "draft-problems", "--round", "2023", "--keep")
    assert code == 1 and "2023年轮次已结束" in err
    open_database(demo)
    try:
        assert NoticeText.select().count() == 0
    finally:
        close_database()
    _cli(capsys, demo, "notice", "draft-problems", "--keep")
    open_database(demo)
    try:
        assert [(r.round.year, r.key) for r in NoticeText.select()] == [(2026, "general_problems")]
    finally:
        close_database()


def test_a_review_notice_takes_its_rounds_title_and_addressee(
        demo: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    default = _lines(Path(_export(capsys, demo, tmp_path / "default.docx")))
    assert "各学校：" in default and "复核结果的通报" in "".join(default[:3])
    _cli(capsys, demo, "notice", "set", "addressee", "各乡镇中心学校、县直各学校")
    _cli(capsys, demo, "notice", "set", "title", "关于{year}年度智慧校园星级复核情况的通报")
    review = _lines(Path(_export(capsys, demo, tmp_path / "review.docx")))
    assert "各乡镇中心学校、县直各学校：" in review and "各学校：" not in review
    assert "关于2026年度智慧校园星级复核情况的通报" in "".join(review[:3]), review[:3]
    # The frozen 2023 notice keeps its own (the initial notice's default addressee and title).
    past = _lines(Path(_export(capsys, demo, tmp_path / "past.docx", "--round", "2023")))
    assert "各乡镇中心学校、县直各学校：" not in past and "复核情况" not in "".join(past[:3])
