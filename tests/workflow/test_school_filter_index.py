"""The school filter's trigram index (models/trigram.py: migration 11, made exact by 12) changes how
fast a dashboard filter is found, never what it finds: on SQLite and PostgreSQL, for filters of 1 to
5 characters, common and rare, the list and its count are what a plain filter over every school
gives, in the same order, after schools are added, renamed and deleted, on a database migrated from
schema 10, and where the index cannot be made (the filter then reads every school, as before)."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import peewee as pw
import pytest

from models import trigram
from models.db import database
from models.migrations import migrate
from models.schema import Assessment, School
from tests.workflow.helpers import ADMIN, JIYUAN_WINDOWS, at
from workflow import clock
from workflow.doors.campaigns import create_campaign, enrol
from workflow.doors.regions import add_region
from workflow.doors.schools import SchoolRow, import_schools
from workflow.doors.users import add_user
from workflow.reads import queries

TOWNS = ["城关镇", "新民乡", "泾河源镇", "Riverside"]
NUMBERS = ["一", "二", "三", "十一", "十二", "二十一"]
STAGES = ["小学", "初中", "Academy"]
ELSEWHERE = "410103"
# 1, 2, 3 and 5 characters; codes in either case; Chinese names; ASCII names in any case; a quote.
FILTERS = ["1", "a", "城关", "jy", "第一小", "00a", "Y00A", "城关第一小", "jY00a", "RIVER", "sunri", "关镇第",
           "改名后", "hillt", 'n"ew', "zzz"]


def _register(count: int, *, first: int = 0) -> list[SchoolRow]:
    rows = []
    for i in range(first, first + count):
        town = TOWNS[i % len(TOWNS)]
        code = ("Jy" if i % 2 else "jY") + f"{i:04X}"  # mixed case: jY00a finds Jy00A1 and jY00A0
        name = (f"Sunrise {NUMBERS[i % len(NUMBERS)]} {STAGES[i % 3]}" if town == "Riverside"
                else f"{town[:-1]}第{NUMBERS[i % len(NUMBERS)]}{STAGES[i % 3]}")
        rows.append(SchoolRow(code, name, town, "小学", i // 3))  # display orders shared: the code breaks ties
    return rows


def _expected(campaign_id: int, text: str) -> list[tuple[str, int]]:
    """The round's schools a plain filter shows (ASCII letters in any case, everything else as it is),
    in the list's order: display order, then code."""
    needle = text.lower()
    in_round = School.select().join(Assessment).where(Assessment.round == queries.round_id_of(campaign_id))
    rows = [(s.code, s.display_order) for s in in_round
            if any(needle in v.lower() for v in (s.code, s.name, s.township))]
    return sorted(rows, key=lambda r: (r[1], r[0]))


def _assert_filters_read_as_plain(campaign_id: int) -> None:
    for text in FILTERS:
        want = [code for code, _order in _expected(campaign_id, text)]
        assert [r.code for r in queries.school_rows(campaign_id, text=text, limit=1000)] == want, text
        assert queries.count_rows(campaign_id, text=text) == len(want), text
        page = queries.school_rows(campaign_id, text=text, limit=3, offset=2)
        assert [r.code for r in page] == want[2:5], text
        assert [r.code for r in queries.school_rows(campaign_id, text=text, limit=2, from_end=True)] == want[-2:], text
        by_name = queries.school_rows(campaign_id, text=text, sort="name", descending=True, limit=1000)
        assert sorted(r.code for r in by_name) == sorted(want), text
        by_score = queries.school_rows(campaign_id, text=text, sort="verified_total", limit=1000)
        assert [r.code for r in by_score] == sorted(want), text  # no score yet: by code


def _assert_index_in_step() -> None:
    """SQLite: the index holds exactly today's values of every school (the triggers forgot each old
    name), and its match is the plain filter's, so counts can be read from it alone."""
    conn = database.obj
    if isinstance(conn, pw.PostgresqlDatabase):
        return
    # rank 1: compared with the school table itself (through its view), not only with itself
    conn.execute_sql(f"INSERT INTO {trigram.SEARCH_TABLE} ({trigram.SEARCH_TABLE}, rank) VALUES ('integrity-check', 1)")
    for text in ("城关第一小", "改名前", "改名后", "jy00a", "Riverside", "hilltop", "城", "一", "Y0", "Hi", "学"):
        match = trigram.match(text)
        assert match is not None, text
        found = ({r[0] for r in conn.execute_sql(f"SELECT rowid FROM {trigram.SEARCH_TABLE}(?)", (match,))}
                 if match else set())
        assert found == {s.id for s in School.select() if any(text.lower() in v.lower()
                                                              for v in (s.code, s.name, s.township))}, text


def _campaign(region: str = "") -> int:
    """300 schools in a whole-server campaign; with ``region``, in that county's campaign, beside
    another county's 300 of the same names (candidates the county's round does not hold)."""
    clock.pin(at("2022-09-16"))
    add_user(None, ADMIN.name, "admin")
    if region:
        add_region(ADMIN, region, "中原区")
        add_region(ADMIN, ELSEWHERE, "二七区")
        import_schools(ADMIN, [r._replace(code="Kx" + r.code[2:]) for r in _register(300)], region_code=ELSEWHERE)
    import_schools(ADMIN, _register(300), region_code=region or None)
    campaign = create_campaign(ADMIN, year=2022, region="" if region else "济源示范区", title="2022数字校园星级评定",
                               rubric="henan-v2", windows=dict(JIYUAN_WINDOWS), region_code=region or None)
    enrol(ADMIN, campaign.id)
    if isinstance(database.obj, pw.PostgresqlDatabase):  # as autovacuum would within a minute: no plan for an
        database.obj.execute_sql("ANALYZE")              # empty table (a nested loop of 300 scans)
    return int(campaign.id)


def _add_rename_delete(campaign_id: int, region: str = "") -> None:
    """Schools added and enrolled, renamed (the old name forgotten), moved in the order (the index
    not written), deleted (an id used again)."""
    added = _register(30, first=300)
    import_schools(ADMIN, added, region_code=region or None)
    enrol(ADMIN, campaign_id, [r.code for r in added])
    renamed = [r._replace(name=f"改名后学校{r.code}", township="Hilltop") for r in _register(300)[::17]]
    import_schools(ADMIN, renamed)
    moved = [r._replace(display_order=1000 - r.display_order)  # names as they are
             for i, r in enumerate(_register(300)) if i % 23 == 5 and i % 17]
    import_schools(ADMIN, moved)
    extra = [SchoolRow("TMP001", "改名前城关第一小学", "城关镇"), SchoolRow("TMP002", "临时城关第一小学", "城关镇")]
    import_schools(ADMIN, extra)
    School.delete().where(School.code.in_(["TMP001", "TMP002"])).execute()  # never enrolled: nothing refers to them
    import_schools(ADMIN, [SchoolRow("Jy9999", "后来城关第一小学", "城关镇", "小学", 5)],  # the freed id on SQLite
                   region_code=region or None)
    enrol(ADMIN, campaign_id, ["Jy9999"])


def test_filters_read_as_a_plain_filter_through_changes(db: str) -> None:
    campaign_id = _campaign()
    _assert_filters_read_as_plain(campaign_id)
    _add_rename_delete(campaign_id)
    assert queries.count_rows(campaign_id, text="改名后") == len(range(0, 300, 17))
    assert queries.count_rows(campaign_id, text="临时城关") == 0
    _assert_filters_read_as_plain(campaign_id)
    _assert_index_in_step()


@pytest.mark.parametrize("region", ["", "410102"])
def test_filters_with_many_candidates_read_as_a_plain_filter(sqlite_db: str, monkeypatch: pytest.MonkeyPatch,
                                                             region: str) -> None:
    """More candidates than FEW_CANDIDATES (城关镇's 62,500 at 500,000 schools, here more than 5): a page
    in display order takes the walk, the count and a sort by score weigh them against the register,
    a county's list against its round."""
    monkeypatch.setattr(queries, "FEW_CANDIDATES", 5)
    campaign_id = _campaign(region)
    _assert_filters_read_as_plain(campaign_id)
    _add_rename_delete(campaign_id, region)
    _assert_filters_read_as_plain(campaign_id)
    _assert_index_in_step()


def _back_to_schema_10() -> None:
    conn = database.obj
    if isinstance(conn, pw.PostgresqlDatabase):
        conn.execute_sql(f"ALTER TABLE school DROP COLUMN {trigram.SEARCH_COLUMN}")  # and its index (13)
        conn.execute_sql(f"DROP EXTENSION {trigram.POSTGRES_EXTENSION}")  # 11's indexes went with 13
    else:
        for kind in ("insert", "update", "delete"):
            conn.execute_sql(f"DROP TRIGGER {trigram.SEARCH_TABLE}_{kind}")
        conn.execute_sql(f"DROP TABLE {trigram.TERMS_TABLE}")
        conn.execute_sql(f"DROP TABLE {trigram.SEARCH_TABLE}")
        conn.execute_sql(f"DROP VIEW {trigram.SEARCH_VIEW}")
    conn.execute_sql("DELETE FROM schema_version WHERE version IN (11, 12, 13)")


def test_database_of_schema_10_gets_the_index_for_its_schools(db: str) -> None:
    from workflow.audit import verify_chain

    _back_to_schema_10()
    campaign_id = _campaign()  # schools written by a starcampus that had no index
    assert migrate(database.obj) == [11, 12, 13]
    report = verify_chain()  # the index is no fact of the audit log: the migration changed none
    assert report.ok, report.message("en")
    _assert_filters_read_as_plain(campaign_id)
    _add_rename_delete(campaign_id)  # (its deletions are behind the doors' back: verify would say so)
    _assert_filters_read_as_plain(campaign_id)
    _assert_index_in_step()


def test_without_the_index_the_migration_succeeds_and_filters_read_as_before(
        db: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """An SQLite without the trigram tokenizer, a PostgreSQL without pg_trgm (or an owner who may not
    create it): the failure is logged, the rest of the migration holds, the filter still filters."""
    campaign_id = _campaign()
    _back_to_schema_10()
    monkeypatch.setattr(trigram, "SQLITE_TOKENIZER", "no_such_tokenizer")
    monkeypatch.setattr(trigram, "POSTGRES_EXTENSION", "no_such_extension")
    with caplog.at_level(logging.WARNING, logger="starcampus.db"):
        assert migrate(database.obj) == [11, 12, 13]
    assert "school filter" in caplog.text and "no_such" in caplog.text
    assert migrate(database.obj) == []
    _assert_filters_read_as_plain(campaign_id)
    _add_rename_delete(campaign_id)
    _assert_filters_read_as_plain(campaign_id)


def test_version_1_database_finds_its_school_by_the_index(tmp_path: Path) -> None:
    """The committed schema-1 file (tests/reliability/test_upgrade.py) migrates through 12: its
    schools are in the index, the chain verifies."""
    from models.db import close_database, open_database
    from workflow.audit import verify_chain

    copy = tmp_path / "old.sqlite3"
    shutil.copyfile(Path(__file__).resolve().parents[1] / "fixtures" / "schema_v1.sqlite3", copy)
    open_database(str(copy))
    try:
        campaign_id = queries.campaigns()[0].id
        assert [r.name for r in queries.school_rows(campaign_id, text="城关第一")] == ["泾源县城关第一小学"]
        assert queries.count_rows(campaign_id, text="640424") == 13
        database.obj.execute_sql(f"INSERT INTO {trigram.SEARCH_TABLE} ({trigram.SEARCH_TABLE}, rank) "
                                 "VALUES ('integrity-check', 1)")
        report = verify_chain()
        assert report.ok, report.message("en")
    finally:
        close_database()


def _plain_scan(campaign_id: int, text: str) -> list[str]:
    """The round's schools the filter finds, read one school at a time with the database's own LIKE
    (SQLite: ASCII letters folded, ``%`` and ``_`` wildcards in the name and township; PostgreSQL:
    ILIKE), no index anywhere: in the list's order."""
    conn = database.obj
    like = "ILIKE" if isinstance(conn, pw.PostgresqlDatabase) else "LIKE"
    p = conn.param
    escaped = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    in_round = School.select().join(Assessment).where(Assessment.round == queries.round_id_of(campaign_id))
    found = []
    for s in in_round.order_by(School.display_order, School.code):
        row = conn.execute_sql(f"SELECT {p} {like} {p} ESCAPE '\\', {p} {like} {p}, {p} {like} {p}",
                               (s.code, escaped, s.name, f"%{text}%", s.township, f"%{text}%")).fetchone()
        if any(row):
            found.append(s.code)
    return found


DENSE_AND_SHORT = ["城关镇", "城关", "城", "一", "1", "0", "a", "Y0", "学", "镇", "e", "关镇第", "zz", "鑫"]


@pytest.mark.parametrize("few_terms", [False, True])
def test_dense_and_short_filters_list_and_count_as_a_plain_scan(db: str, monkeypatch: pytest.MonkeyPatch,
                                                                few_terms: bool) -> None:
    """A dense filter (城关镇: a quarter of the schools) and filters of one and two characters: its count
    is read from the index alone when the round holds the whole register, from the index and the
    round when it does not (a school added and not enrolled), and from a scan when a short text
    starts more trigrams than the index is asked for (``few_terms``); always the plain scan's."""
    monkeypatch.setattr(queries, "FEW_CANDIDATES", 5)
    monkeypatch.setattr(queries, "WHOLE_REGISTER_CHECK", 5)
    if few_terms:
        monkeypatch.setattr(trigram, "MAX_TERMS", 2)
    campaign_id = _campaign()

    def check() -> None:
        for text in DENSE_AND_SHORT:
            want = _plain_scan(campaign_id, text)
            assert queries.count_rows(campaign_id, text=text) == len(want), text
            assert [r.code for r in queries.school_rows(campaign_id, text=text, limit=1000)] == want, text
            assert [r.code for r in queries.school_rows(campaign_id, text=text, limit=3, offset=2)] == want[2:5], text
            state = str(Assessment.select().first().state)  # every enrolled school's: the count with a state filter
            assert queries.count_rows(campaign_id, text=text, state=state) == len(want), text

    assert len(_plain_scan(campaign_id, "城关镇")) == 75
    check()
    import_schools(ADMIN, [SchoolRow("Jy7777", "城关第一小学分校", "城关镇", "小学", 3)])  # not enrolled
    check()
    enrol(ADMIN, campaign_id, ["Jy7777"])
    check()


def test_index_counts_fold_as_the_like_does(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite's LIKE folds ASCII letters only: the index's count does too, where Unicode case folding
    (migration 11's tokenizer) would also have counted Ä for ä, ſ for s, the Kelvin sign for k and a
    full-width Ｐ for ｐ. PostgreSQL's ILIKE folds what lower() folds: its stored lowered text
    (migration 13) finds the same schools. ``%`` and ``_`` stay wildcards in the name and township and
    literal in the code, a backslash escapes there; no text spans two columns (code, name and township
    lie side by side in the lowered text) and the separator between them finds nothing."""
    monkeypatch.setattr(queries, "WHOLE_REGISTER_CHECK", 0)
    campaign_id = _campaign()
    odd = [SchoolRow("XK01", "\u212a12学校", "Ä镇"), SchoolRow("XK02", "k12学校", "ä镇"),
           SchoolRow("XK03", "Ｐ01学校", "ſun"), SchoolRow("XK04", "ｐ01学校", "sun"),
           SchoolRow("XK05", "百分之百%学校", "下_划"), SchoolRow("XK06", "\\反斜线学校", ""),
           SchoolRow("X_%7", "ΣΑΣ学校", "İstanbul"), SchoolRow("XK08", "ǅemal学校", "Straße")]
    import_schools(ADMIN, odd)
    enrol(ADMIN, campaign_id, [r.code for r in odd])
    for text in ("k12", "K1", "k", "\u212a", "ä镇", "Ä", "ä", "ｐ01", "Ｐ", "sun", "ſ", "s", "%", "_", "城_镇", "百%",
                 "下_", "\\", "\\反", "xk0", "x_%", "X_%7", "_%", "k%学", "σας", "Σ", "ς", "i̇", "İ", "i", "ǆ", "ǅ",
                 "ß", "SS", "02k", "校ä", "7σ", "\x01", "学校\x01", "%\x01%", "一%第"):
        want = _plain_scan(campaign_id, text)
        assert queries.count_rows(campaign_id, text=text) == len(want), text
        assert [r.code for r in queries.school_rows(campaign_id, text=text, limit=1000)] == want, text
    assert queries.count_rows(campaign_id, text="02k") == 0 and queries.count_rows(campaign_id, text="校ä") == 0
    assert queries.count_rows(campaign_id, text="\x01") == 0
    assert queries.count_rows(campaign_id, text="x_%") == 1  # the code's own _ and %: literal there
    if not isinstance(database.obj, pw.PostgresqlDatabase):
        assert queries.count_rows(campaign_id, text="k12") == 1 and queries.count_rows(campaign_id, text="ä") == 1


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_postgres_filter_reads_one_lowered_text(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL, migration 13: a count and a page of a one- or two-character filter (no trigram to look
    up) read the stored lowered text with LIKE instead of lowering three columns per school for ILIKE,
    and a longer filter finds it through the one GIN index on that text (migration 11's three are gone);
    what they find is the plain scan's. A text with a wildcard keeps the columns' ILIKE as well."""
    campaign_id = _campaign()
    conn = database.obj
    indexes = {r[0] for r in conn.execute_sql("SELECT indexname FROM pg_indexes WHERE tablename = 'school'")}
    assert trigram.SEARCH_INDEX in indexes and not any(f"school_{c}_trgm" in indexes for c in trigram.COLUMNS)
    seen: list[tuple[str, tuple[object, ...]]] = []
    execute = conn.execute_sql

    def recording(sql: str, params: tuple[object, ...] | None = None, *args: object, **kwargs: object) -> object:
        seen.append((sql, tuple(params or ())))
        return execute(sql, params, *args, **kwargs)

    counted: dict[str, tuple[str, tuple[object, ...]]] = {}
    for text, wildcard in (("城", False), ("Y0", False), ("城关第一", False), ("城_", True)):
        monkeypatch.setattr(conn, "execute_sql", recording)
        seen.clear()
        count = queries.count_rows(campaign_id, text=text)
        rows = queries.school_rows(campaign_id, text=text, limit=100)
        monkeypatch.setattr(conn, "execute_sql", execute)
        want = _plain_scan(campaign_id, text)
        assert count == len(want) and [r.code for r in rows] == want[:100], text
        reads = [(sql, params) for sql, params in seen if '"school"' in sql and "LIKE" in sql]
        assert len(reads) == 2, (text, seen)  # the count and the page
        for sql, _params in reads:
            assert f'"{trigram.SEARCH_COLUMN}" LIKE lower(' in sql, (text, sql)
            assert ("ILIKE" in sql) == wildcard, (text, sql)
        counted[text] = reads[0]
    sql, params = counted["城关第一"]
    conn.execute_sql("SET enable_seqscan = off")  # 300 schools: only a forced plan shows the index can serve it
    plan = "\n".join(r[0] for r in conn.execute_sql("EXPLAIN " + sql, params))
    conn.execute_sql("RESET enable_seqscan")
    assert trigram.SEARCH_INDEX in plan, plan
