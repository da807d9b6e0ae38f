"""`starcampus status` summarises a big round (counts, the first 50 schools, how many more); --all
lists every school, streamed, in display order."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_cli import run

SCHOOLS = 120


@pytest.fixture(scope="module")
def big_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from models.db import close_database, open_database
    from tests.workflow.helpers import ADMIN, JIYUAN_WINDOWS
    from workflow import clock
    from workflow.doors.campaigns import create_campaign, enrol
    from workflow.doors.schools import SchoolRow, import_schools
    from workflow.doors.users import add_user

    path = tmp_path_factory.mktemp("status") / "big.sqlite3"
    open_database(str(path))
    clock.pin(None)
    add_user(None, ADMIN.name, "admin")
    # Display order runs against the codes, so the list must follow the order, not the code.
    import_schools(ADMIN, [SchoolRow(f"S{i:04d}", f"城关第{i}小学", "城关镇", "小学", SCHOOLS - i)
                           for i in range(SCHOOLS)])
    campaign = create_campaign(ADMIN, year=2022, region="全县", title="2022星级评定", rubric="henan-v2",
                               windows=dict(JIYUAN_WINDOWS))
    enrol(ADMIN, campaign.id)
    close_database()
    return path


def _codes(text: str) -> list[str]:
    return [cell.strip() for line in text.splitlines() if line.startswith("|")
            for cell in line.split("|")[1:2] if cell.strip().startswith("S")]


def test_status_lists_the_first_page_and_says_how_many_more(big_db: Path) -> None:
    done = run(big_db, "status", "--format", "github", as_user="admin1")
    assert done.returncode == 0, done.stderr
    codes = _codes(done.stdout)
    assert codes == [f"S{i:04d}" for i in range(SCHOOLS - 1, SCHOOLS - 51, -1)]
    assert f"共{SCHOOLS}所" in done.stdout and "--all" in done.stdout
    # The counts per state still cover the whole round.
    assert any(line.split("|")[2].strip() == str(SCHOOLS) for line in done.stdout.splitlines()
               if line.startswith("|") and len(line.split("|")) == 4)
    en = run(big_db, "status", as_user="admin1", lang="en")
    assert f"{SCHOOLS} schools in all, the first 50 listed" in en.stdout


@pytest.mark.parametrize("fmt", ["grid", "github", "plain"])
def test_status_all_lists_every_school_in_display_order(big_db: Path, fmt: str) -> None:
    done = run(big_db, "status", "--all", "--format", fmt, as_user="admin1")
    assert done.returncode == 0, done.stderr
    listed = [word for line in done.stdout.splitlines() for word in line.replace("|", " ").split()[:1]
              if word.startswith("S0")]
    assert listed == [f"S{i:04d}" for i in range(SCHOOLS - 1, -1, -1)]
    assert "--all" not in done.stdout.split("\n")[-2]


def test_school_lines_pages_by_keyset_without_gaps_or_repeats(big_db: Path) -> None:
    from models.db import close_database, open_database
    from tests.workflow.helpers import ADMIN
    from workflow.reads.school_stream import school_lines

    open_database(str(big_db))
    try:
        codes = [r.code for r in school_lines(ADMIN, 1, page=7)]
    finally:
        close_database()
    assert codes == [f"S{i:04d}" for i in range(SCHOOLS - 1, -1, -1)]
