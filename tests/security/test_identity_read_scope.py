"""Issue 10, finding 4: the permission table for reads, every role x every read verb.

Through the real CLI (tui.cli.main, the console script's own function) on SQLite, and through the
core read models on SQLite and PostgreSQL. A school user sees its own school only; ``backup`` and
``audit export`` are an administrator's; ``user list`` too. Each cell says what the role sees:

- ``all``: the verb answers and shows the other school (泾源高级中学, 640424002) as well;
- ``own``: it answers with the school user's own school (新民乡中心小学, 640424007) and nothing else;
- ``ok``: it answers (no school-specific content to compare);
- ``no``: refused, exit 1, nothing on stdout, no file written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path

import pytest

from tui.cli import main
from workflow.permissions import MATRIX

# Both schools are in the demo's review round (this year's): writes about them land there.
OTHER, OWN = "640424002", "640424007"
OTHER_NAME, OWN_NAME = "泾源高级中学", "新民乡中心小学"
ROLES = {"admin": "demo-admin", "expert": "demo-expert", "viewer": "viewer", "school": "xinmin"}
SECRET_PROBLEM, SECRET_OBJECTION = "SECRET-PROBLEM-OF-640424002", "SECRET-OBJECTION-OF-640424002"

# verb -> expected per role (admin, expert, viewer, school); {tmp} is the test's folder.
A, OWN_ONLY, K, N = "all", "own", "ok", "no"
TABLE: dict[str, tuple[str, str, str, str]] = {
    f"school show {OTHER}": (A, A, A, N),
    f"school show {OWN}": (K, K, K, K),
    "report schools": (A, A, A, OWN_ONLY),
    "report stars": (A, A, A, OWN_ONLY),
    "report states": (A, A, A, OWN_ONLY),
    f"report scores --school {OTHER}": (A, A, A, N),
    "status": (A, A, A, OWN_ONLY),
    "audit log --limit 1000 --format plain": (A, A, A, OWN_ONLY),
    f"audit log --school {OTHER}": (A, A, A, N),
    "audit export -o {tmp}/audit.csv": (K, N, N, N),
    f"problem list {OTHER}": (A, A, A, N),
    f"problem list {OWN}": (K, K, K, K),
    "objection list": (A, A, A, OWN_ONLY),
    "user list": (K, N, N, N),
    f"school events {OTHER}": (K, K, K, N),
    "backup {tmp}/copy.sqlite3": (K, N, N, N),
    "campaign show": (K, K, K, K),
    "campaign list": (K, K, K, K),
    "schools list": (A, A, A, OWN_ONLY),
    "notice show": (K, K, K, K),  # the campaign's notice: one text for the whole county, read by all
    "audit verify": (K, N, K, N),  # the whole server's log: its findings name any school
}


IN_REVIEW = 5  # schools in the demo's review round (this year's), which reads show by default


def test_the_table_covers_every_role() -> None:
    assert set(ROLES) == set(MATRIX)


@pytest.fixture(scope="module")
def bureau(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The demo, plus a problem and an objection about the other school, made by the admin."""
    from models.schema import Assessment, Objection, School
    from workflow.connection import close_database, open_database

    path = tmp_path_factory.mktemp("reads") / "bureau.sqlite3"
    assert main(["--db", str(path), "demo", "load"]) == 0
    assert main(["--db", str(path), "--as", "demo-admin", "problem", "add", OTHER, SECRET_PROBLEM]) == 0
    open_database(str(path))
    # Objections are raised in the publicity phase, which the demo's review round has none of: this one
    # is planted with SQL, and `audit verify` (allowed to admins and viewers) names it as such.
    try:
        aid = (Assessment.select(Assessment.id).join(School).where(School.code == OTHER)
               .order_by(Assessment.id.desc()).scalar())  # this year's review round
        Objection.create(assessment=aid, raised_by="家长", text=SECRET_OBJECTION, raised_at="2023-09-01")
    finally:
        close_database()
    yield path


def _stars_total(out: str) -> int:
    """The sum of the last column of a grid table (schools per star or per state)."""
    total = 0
    for line in out.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells and cells[-1].isdigit():
            total += int(cells[-1])
    return total


@pytest.mark.parametrize("verb", list(TABLE))
@pytest.mark.parametrize("role", list(ROLES))
def test_read_verb_through_the_cli(role: str, verb: str, bureau: Path, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    expected = TABLE[verb][list(ROLES).index(role)]
    args = verb.format(tmp=tmp_path).split()
    code = main(["--db", str(bureau), "--lang", "zh", "--as", ROLES[role], *args])
    out, err = capsys.readouterr()
    written = [p for p in tmp_path.iterdir()]
    if expected == N:
        assert code == 1, out + err
        assert "拒绝" in err and out == "" and written == []
        return
    if verb == "audit verify":  # allowed, and it finds the objection planted around the door
        assert code == 1 and "拒绝" not in err, err
        assert f"学校{OTHER}" in err and "异议" in err and "绕过程序" in err, err
        return
    assert code == 0, err
    if verb.startswith(("report stars", "report states")):
        assert _stars_total(out) == (1 if expected == OWN_ONLY else IN_REVIEW)
    elif verb.startswith("audit log --limit"):
        codes = {word for word in out.split() if word.startswith("6404240") and len(word) == 9}
        assert codes == {OWN} if expected == OWN_ONLY else {OTHER, OWN} <= codes
    elif verb.startswith("problem list"):
        assert (SECRET_PROBLEM in out) == (OTHER in verb)
    elif verb.startswith("objection list"):
        assert (SECRET_OBJECTION in out) == (expected == A)
    elif expected == A:
        assert OTHER_NAME in out or OTHER in out
    elif expected == OWN_ONLY:
        assert OWN_NAME in out and OTHER_NAME not in out and SECRET_PROBLEM not in out
    if verb.startswith(("audit export", "backup")):
        assert written and written[0].stat().st_size > 0


# The core read models on both backends: the same rules, without the CLI in front.
def test_read_models_scope_on_every_backend(db: str) -> None:
    from models.schema import Assessment, Objection, School
    from tests.demo_copy import load_demo
    from workflow.doors.maintenance import backup_database
    from workflow.doors.records import add_problem
    from workflow.errors import PermissionDenied
    from workflow.permissions import Actor
    from workflow.reads import audit_log, campaign_status, registers, school_page, school_sheet

    campaign = load_demo()
    aid_other = (Assessment.select(Assessment.id).join(School).where(School.code == OTHER)
                 .order_by(Assessment.id.desc()).scalar())
    aid_own = (Assessment.select(Assessment.id).join(School).where(School.code == OWN)
               .order_by(Assessment.id.desc()).scalar())
    admin = Actor("demo-admin", "admin")
    add_problem(admin, aid_other, SECRET_PROBLEM)
    Objection.create(assessment=aid_other, raised_by="家长", text=SECRET_OBJECTION, raised_at="2023-09-01")
    actors = {"admin": admin, "expert": Actor("demo-expert", "expert"), "viewer": Actor("viewer", "viewer"),
              "school": Actor("xinmin", "school", OWN)}
    for role, actor in actors.items():
        school = role == "school"
        codes = {r.code for r in registers.school_register(actor)}
        assert codes == {OWN} if school else len(codes) == 13
        status = campaign_status.campaign_status(actor, campaign, with_schools=True)
        assert sum(s.count for s in status.stars) == (1 if school else IN_REVIEW)
        assert {r.school_code for r in audit_log.audit_log(actor, limit=100_000) if r.school_code} == (
            {OWN} if school else {r.school_code for r in audit_log.audit_log(admin, limit=100_000) if r.school_code})
        assert [o.text for o in registers.objection_list(actor, campaign)] == ([] if school else [SECRET_OBJECTION])
        assert school_sheet.school_sheet(actor, aid_own).code == OWN
        other_school: list[Callable[[], object]] = [partial(school_sheet.school_sheet, actor, aid_other), partial(school_page.problems, actor, aid_other),
                        partial(school_page.event_options, actor, aid_other),
                        partial(audit_log.audit_log, actor, school_code=OTHER)]
        for read in other_school:
            if school:
                with pytest.raises(PermissionDenied):
                    read()
            else:
                read()
        if not school:
            assert SECRET_PROBLEM in [p.text for p in school_page.problems(actor, aid_other)]
        admin_only: list[Callable[[], Iterable[object]]] = [partial(registers.user_list, actor), partial(audit_log.export_rows, actor)]
        for read in admin_only:
            if role == "admin":
                assert list(read())
            else:
                with pytest.raises(PermissionDenied):
                    read()
        if role != "admin":
            with pytest.raises(PermissionDenied):
                backup_database(actor, Path(db).with_name("copy.sqlite3") if "://" not in db else "/nonexistent")
