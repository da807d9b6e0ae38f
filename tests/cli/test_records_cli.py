"""The school's other records from the command line: problems, narratives, duties, visits, objections, vetoes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

EXE = str(Path(sys.executable).with_name("starcampus"))


def run(db: Path, *args: str, as_user: str = "admin1") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SSH_CONNECTION"}
    env["SSH_CONNECTION"] = "127.0.0.1 1 127.0.0.1 22"  # act as the test's users, as a forced command would
    env["STARCAMPUS_NOW"] = "2022-10-21T10:00:00+08:00"
    return subprocess.run([EXE, "--db", str(db), "--as", as_user, *args], capture_output=True, text=True, env=env,
                          timeout=60)


def _publicized_db(path: Path) -> None:
    from models.db import close_database, open_database
    from tests.workflow.helpers import setup_campaign
    from tests.workflow.test_lifecycle import _to_publicized
    from workflow import clock

    open_database(str(path))
    try:
        _to_publicized(setup_campaign(), {"S001": "110", "S002": "95"})
    finally:
        close_database()
        clock.pin(None)


def test_records_through_the_command(tmp_path: Path) -> None:
    db = tmp_path / "records.sqlite3"
    _publicized_db(db)

    added = run(db, "problem", "add", "S001", "机房未按规范建设", "--responsible", "王老师", "--deadline", "2022年11月30日")
    assert added.returncode == 0, added.stderr
    assert run(db, "problem", "status", "1", "rectifying").returncode == 0
    listed = run(db, "problem", "list", "S001")
    assert "机房未按规范建设" in listed.stdout and "王老师" in listed.stdout and "整改中" in listed.stdout
    bad_date = run(db, "problem", "add", "S001", "x", "--deadline", "2022-11-31")
    assert bad_date.returncode == 1 and "11月只有30天" in bad_date.stderr

    assert run(db, "narrative", "set", "S001", "achievement", "网络全覆盖，课堂应用常态化").returncode == 0
    assert run(db, "responsibility", "add", "S001", "李校长", "--duty", "组长", "--indicator", "A1").returncode == 0
    visit = run(db, "verification", "add", "S001", "--experts", "市电教中心专家组", "--date", "2022-10-18",
                "--method", "site", "--method", "interview")
    assert visit.returncode == 0, visit.stderr
    assert run(db, "verification", "add", "S001", "--experts", "x", "--date", "2022-10-18",
               "--method", "guess").returncode == 2

    # A school clerk cannot register an objection; an admin can, and upholding it reopens verification.
    assert run(db, "objection", "add", "S001", "--by", "家长", "--text", "x", as_user="clerk-a").returncode == 1
    raised = run(db, "objection", "add", "S001", "--by", "家长代表", "--text", "录播教室并未投入使用")
    assert raised.returncode == 0, raised.stderr
    assert "录播教室" in run(db, "objection", "list").stdout
    upheld = run(db, "objection", "resolve", "1", "--uphold", "--resolution", "现场复核属实")
    assert upheld.returncode == 0, upheld.stderr
    assert "核定中" in run(db, "school", "show", "S001").stdout
    again = run(db, "objection", "resolve", "1", "--dismiss", "--resolution", "x")
    assert again.returncode == 1 and "已处理" in again.stderr

    veto = run(db, "veto", "set", "S002", "V1", "--reason", "网络安全事故")
    assert veto.returncode == 1 and "V1" in veto.stderr  # henan-v2 has no veto conditions
    log = run(db, "audit", "log", "--school", "S001", "--limit", "20").stdout
    for action in ("新增问题", "问题状态变更", "修改“取得的成效”", "任务分解到人", "记录核定过程", "登记异议", "处理异议",
                   "异议成立，重新核定"):  # each action by its label (issue 16)
        assert action in log, action


def test_a_veto_clears_a_level_not_yet_certified(db: str) -> None:
    from decimal import Decimal

    from models.schema import Assessment
    from rubrics.loader import builtin_rubric
    from tests.workflow.helpers import ADMIN, EXPERT, advance_to, assessment, at, setup_campaign
    from workflow import clock
    from workflow.doors.demo import spread
    from workflow.doors.scores import set_scores, set_veto
    from workflow.statemachine.events import fire

    campaign = setup_campaign(rubric="ningxia-2022", schools=2)
    a = assessment(campaign, "S001")
    rubric = builtin_rubric("ningxia-2022")
    fire(ADMIN, a.id, "start_self_evaluation")
    set_scores(ADMIN, a.id, spread(rubric, Decimal("85")))
    advance_to(campaign, "self_evaluation")
    fire(ADMIN, a.id, "submit_self_evaluation")
    advance_to(campaign, "verification")
    clock.pin(at("2022-10-20"))
    fire(EXPERT, a.id, "start_verification")
    set_scores(EXPERT, a.id, spread(rubric, Decimal("85")), kind="verified")
    fire(EXPERT, a.id, "finish_verification")
    fire(ADMIN, a.id, "publicize")
    assert Assessment.get_by_id(a.id).star_level == 3
    vetoed = set_veto(EXPERT, a.id, rubric.vetoes[0].code, True, reason="发生重大网络安全事故")
    assert vetoed.star_level is None and vetoed.verified_total == Decimal("85")
    cleared = set_veto(EXPERT, a.id, rubric.vetoes[0].code, False, reason="经核实不属实")
    assert cleared.star_level == 3
