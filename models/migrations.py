"""Numbered schema migrations, recorded in ``schema_version``.

A migration is a function taking the database; append new ones to ``MIGRATIONS`` and never
edit one that has shipped: databases in the field have already run it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime

import peewee as pw

from models import trigram
from models.db import DatabaseUnavailable
from models.schema import (
    Assessment,
    Assignment,
    AuditEvent,
    Campaign,
    Narrative,
    NoticeText,
    Objection,
    Problem,
    Region,
    Responsibility,
    Round,
    SchemaVersion,
    School,
    Score,
    User,
    Verification,
    WebToken,
)

# The tables as migration 1 shipped them; later tables belong to later migrations.
# Round is here because migration 1 creates today's Assessment, whose round_id refers to it.
_V1_MODELS = [School, User, Campaign, Round, Assessment, Score, Problem, Narrative, Responsibility, Verification,
              Objection, AuditEvent]

_APPEND_ONLY_SQLITE = [
    "CREATE TRIGGER IF NOT EXISTS audit_event_no_update BEFORE UPDATE ON audit_event "
    "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_event_no_delete BEFORE DELETE ON audit_event "
    "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END",
]

_APPEND_ONLY_POSTGRES = [
    "CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$ "
    "BEGIN RAISE EXCEPTION 'audit_event is append-only'; END; $$ LANGUAGE plpgsql",
    "DROP TRIGGER IF EXISTS audit_event_no_change ON audit_event",
    "CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event "
    "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()",
]


def _m001_initial(db: pw.Database) -> None:
    db.create_tables(_V1_MODELS, safe=True)
    statements = _APPEND_ONLY_POSTGRES if isinstance(db, pw.PostgresqlDatabase) else _APPEND_ONLY_SQLITE
    for sql in statements:
        db.execute_sql(sql)


def _m002_search_indexes(db: pw.Database) -> None:
    # The dashboard filters and sorts 100,000 schools in SQL; these keep it index-backed.
    for sql in (
        "CREATE INDEX IF NOT EXISTS school_name ON school (name)",
        "CREATE INDEX IF NOT EXISTS school_township ON school (township)",
        "CREATE INDEX IF NOT EXISTS assessment_campaign_state ON assessment (campaign_id, state)",
        "CREATE INDEX IF NOT EXISTS audit_event_assessment ON audit_event (assessment_id)",
    ):
        db.execute_sql(sql)


def _m003_notice_texts(db: pw.Database) -> None:
    db.create_tables([NoticeText], safe=True)


def _m004_audit_seal(db: pw.Database) -> None:
    columns = {c.name for c in db.get_columns("audit_event")}
    if "seal" not in columns:
        db.execute_sql("ALTER TABLE audit_event ADD COLUMN seal VARCHAR(64) NOT NULL DEFAULT ''")


def _m005_record_versions(db: pw.Database) -> None:
    # Narratives, problems and notice texts get the optimistic lock assessments have (two people
    # edit them); users get the authorized_keys line they should have, applied after the commit.
    boolean = "BOOLEAN NOT NULL DEFAULT FALSE" if isinstance(db, pw.PostgresqlDatabase) else "INTEGER NOT NULL DEFAULT 0"
    wanted = {
        "narrative": [("version", "INTEGER NOT NULL DEFAULT 1"), ("updated_by", "VARCHAR(64) NOT NULL DEFAULT ''"),
                      ("updated_at", "VARCHAR(40) NOT NULL DEFAULT ''")],
        "problem": [("version", "INTEGER NOT NULL DEFAULT 1")],
        "notice_text": [("version", "INTEGER NOT NULL DEFAULT 1")],
        "user": [("key_line", "TEXT NOT NULL DEFAULT ''"), ("keys_file", "TEXT NOT NULL DEFAULT ''"),
                 ("keys_pending", boolean)],
    }
    for table, columns in wanted.items():
        present = {c.name for c in db.get_columns(table)}
        for name, ddl in columns:
            if name not in present:  # a database created since has them from create_tables
                db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN {name} {ddl}')


def _m006_web_tokens(db: pw.Database) -> None:
    # `starcampus serve` signs each officer in with a personal link; the table keeps only hashes.
    db.create_tables([WebToken], safe=True)


def _add_columns(db: pw.Database, wanted: dict[str, list[tuple[str, str]]]) -> None:
    for table, columns in wanted.items():
        present = {c.name for c in db.get_columns(table)}
        for name, ddl in columns:
            if name not in present:  # a database created since has them from create_tables
                db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN {name} {ddl}')


def _m007_rounds(db: pw.Database) -> None:
    # Years stop overwriting each other: each campaign's existing assessments become its initial
    # round (初评), and later years get rounds of their own. The audit chain is not touched.
    postgres = isinstance(db, pw.PostgresqlDatabase)
    boolean = "BOOLEAN NOT NULL DEFAULT FALSE" if postgres else "INTEGER NOT NULL DEFAULT 0"
    with Round.bind_ctx(db):
        db.create_tables([Round], safe=True)
    _add_columns(db, {
        "campaign": [("review_publicity", boolean)],
        "assessment": [
            ("round_id", "INTEGER REFERENCES campaign_round (id)"),
            ("entry", "VARCHAR(16) NOT NULL DEFAULT 'initial'"),
            ("prior_level", "INTEGER"),
            ("application", "TEXT NOT NULL DEFAULT ''"),
            ("improved", "TEXT NOT NULL DEFAULT ''"),
            ("upward_level", "INTEGER"),
            ("upward_granted", "BOOLEAN" if postgres else "INTEGER"),
            ("upward_authority", "VARCHAR(100) NOT NULL DEFAULT ''"),
            ("upward_doc_no", "VARCHAR(100) NOT NULL DEFAULT ''"),
            ("upward_date", "DATE"),
            ("upward_by", "VARCHAR(64) NOT NULL DEFAULT ''"),
        ],
        "score": [("carried", boolean)],
    })
    campaigns = db.execute_sql("SELECT id, year, created_at FROM campaign ORDER BY id").fetchall()
    for campaign_id, year, created_at in campaigns:
        exists = db.execute_sql("SELECT id FROM campaign_round WHERE campaign_id = %s AND year = %s"
                                .replace("%s", db.param), (campaign_id, year)).fetchone()
        if exists is None:
            db.execute_sql(
                "INSERT INTO campaign_round (campaign_id, year, kind, opened_at, opened_by) "
                "VALUES (%s, %s, 'initial', %s, 'migration')".replace("%s", db.param),
                (campaign_id, year, created_at))
        db.execute_sql(
            "UPDATE assessment SET round_id = (SELECT id FROM campaign_round r WHERE r.campaign_id = "
            "assessment.campaign_id AND r.kind = 'initial') WHERE round_id IS NULL AND campaign_id = %s"
            .replace("%s", db.param), (campaign_id,))
    # One school per round now, not per campaign.
    db.execute_sql("DROP INDEX IF EXISTS assessment_campaign_id_school_id")
    for sql in (
        "CREATE UNIQUE INDEX IF NOT EXISTS assessment_round_id_school_id ON assessment (round_id, school_id)",
        "CREATE INDEX IF NOT EXISTS assessment_round_state ON assessment (round_id, state)",
        "CREATE INDEX IF NOT EXISTS assessment_school_round ON assessment (school_id, round_id)",
        # A school's history reads its audit rows by index, not by a walk of the whole log.
        "CREATE INDEX IF NOT EXISTS audit_event_school_seq ON audit_event (school_code, seq)",
    ):
        db.execute_sql(sql)


def _m008_summary_indexes(db: pw.Database) -> None:
    # `status` and the dashboard count a round's schools per level and list its upward decisions:
    # covering indexes make those index-only scans (0.7 s became 0.1 s at 500,000 schools on SQLite).
    for sql in (
        "CREATE INDEX IF NOT EXISTS assessment_round_level ON assessment (round_id, star_level, verified_total)",
        "CREATE INDEX IF NOT EXISTS assessment_round_upward ON assessment (round_id, upward_granted)",
    ):
        db.execute_sql(sql)


# Regions made by migration 9 for the names campaigns had: 99 is no province in GB/T 2260, so a
# placeholder can never collide with a real code an officer adds later.
PLACEHOLDER_PREFIX = "99"


def _m009_regions(db: pw.Database) -> None:
    # Jurisdictions: the region tree, experts' assignments, and a region on schools, campaigns, users.
    db.create_tables([Region, Assignment], safe=True)
    for table in ("school", "campaign", "user"):
        present = {c.name for c in db.get_columns(table)}
        if "region_code" not in present:  # a database created since has it from create_tables
            db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN region_code VARCHAR(6) NOT NULL DEFAULT \'\'')
    for sql in ("CREATE INDEX IF NOT EXISTS school_region_code ON school (region_code)",
                "CREATE INDEX IF NOT EXISTS campaign_region_code ON campaign (region_code)"):
        db.execute_sql(sql)
    p = db.param
    # One region per distinct region name the campaigns carry, in the order they were first used.
    names = [name for (name,) in db.execute_sql(
        "SELECT region FROM campaign WHERE region_code = '' GROUP BY region ORDER BY MIN(id)").fetchall()]
    taken = {code for (code,) in db.execute_sql("SELECT code FROM region").fetchall()}
    number = 0
    for name in names:
        number += 1
        code = f"{PLACEHOLDER_PREFIX}{number:04d}"
        while code in taken:
            number += 1
            code = f"{PLACEHOLDER_PREFIX}{number:04d}"
        taken.add(code)
        db.execute_sql(f"INSERT INTO region (code, name, parent_code) VALUES ({p}, {p}, '')", (code, name))
        db.execute_sql(f"UPDATE campaign SET region_code = {p} WHERE region = {p} AND region_code = ''",
                       (code, name))
    # A school takes the region of the first campaign it was enrolled in.
    db.execute_sql(
        "UPDATE school SET region_code = (SELECT c.region_code FROM assessment a JOIN campaign c "
        "ON c.id = a.campaign_id WHERE a.school_id = school.id ORDER BY a.id LIMIT 1) "
        "WHERE region_code = '' AND EXISTS (SELECT 1 FROM assessment a WHERE a.school_id = school.id)")
    regions = [code for (code,) in db.execute_sql("SELECT code FROM region").fetchall()]
    if len(regions) == 1:  # one county's laptop: its schools not enrolled yet are that county's too
        db.execute_sql(f"UPDATE school SET region_code = {p} WHERE region_code = ''", (regions[0],))


def _m010_upward_review(db: pw.Database) -> None:
    # The upward review in the system: a higher tier's campaign marks the year it reviews, and each
    # of its assessments the county's it was pulled from (its decision is written back there).
    _add_columns(db, {"campaign": [("upward_of", "INTEGER")], "assessment": [("upward_from", "INTEGER")]})
    db.execute_sql("CREATE UNIQUE INDEX IF NOT EXISTS assessment_upward_from ON assessment (upward_from)")


def _m011_school_trigrams(db: pw.Database) -> None:
    # A specific dashboard filter ("城关第一", a code fragment) is found by a trigram index instead of
    # a walk of the whole register (0.3-0.6 s at 500,000 schools). Without FTS5's trigram tokenizer
    # or pg_trgm the migration still succeeds (logged) and the filter reads as before.
    trigram.install(db)


def _m012_exact_school_search(db: pw.Database) -> None:
    # Migration 11's index folded case as LIKE does not (Ä for ä, the Kelvin sign for k) and could not
    # find one or two characters, so every count had to pass the LIKE over its candidates or over the
    # whole register (0.3-0.7 s for 城关镇's 62,500 or any one-character filter at 500,000 schools). Its
    # replacement matches exactly what the LIKE does, at any length (models/trigram.py): counts are read
    # from the index. PostgreSQL keeps its GIN indexes.
    trigram.install_search(db)


def _m013_pg_search_text(db: pw.Database) -> None:
    # PostgreSQL's filter lowered every school's three columns for its ILIKE, and pg_trgm cannot look
    # up one or two characters: a count of "城" or "P0" at 500,000 schools scanned them all (0.36-0.46 s).
    # A stored lowered text, read with LIKE, scans about four times faster; one GIN index on it
    # replaces migration 11's three (models/trigram.py). SQLite has migration 12's exact index.
    trigram.install_pg_search(db)


def _m014_web_token_audit_seq(db: pw.Database) -> None:
    # A sign-in link is honoured only if the audit row that issued it says so: a web_token row inserted by
    # SQL signed its user in (officer/attacker trial, session 8). Links issued before have no such row and
    # are refused: an administrator issues new ones (`user web-token NAME`).
    _add_columns(db, {"web_token": [("audit_seq", "INTEGER")]})


# The audit rows that start a school's publicity (公示), the declaration's ``start_publicity`` effect: here, not
# read from workflow (models sits below it); workflow/publicity_log.py holds its own list to this one.
PUBLICIZE_ACTION = "event.publicize"


def _m015_audit_publicize(db: pw.Database) -> None:
    # Whether a campaign's publicity has begun, as the log says it (workflow.doors.campaigns.set_publicity_days):
    # the publicize rows of one campaign, found without reading the whole log. Partial: only those rows are
    # indexed, so an audit append writes no more than before.
    db.execute_sql("CREATE INDEX IF NOT EXISTS audit_event_publicize ON audit_event (campaign_id, seq) "
                   f"WHERE action = '{PUBLICIZE_ACTION}'")


# The states a school's round ends in, as migration 16 shipped them (workflow's SETTLED_STATES then).
_M016_SETTLED = ("certified", "recommended", "not_rated")


def _school_facts_when_settled(db: pw.Database, missing: str) -> dict[int, list[object]]:
    """Each settled assessment whose ``missing`` column is still empty: the log's school facts for its school
    (school.import and checkpoint rows' "sc": [name, township, stage, order, ...]) as of the last event that
    settled it; an assessment the log holds none for before that is left out (the register's row fills it)."""
    p = db.param
    marks = ", ".join([p] * len(_M016_SETTLED))
    settled = db.execute_sql(
        f"SELECT a.id, s.code FROM assessment a JOIN school s ON s.id = a.school_id WHERE a.state IN ({marks}) "
        f"AND a.{missing} IS NULL", _M016_SETTLED).fetchall()
    if not settled:
        return {}
    code_of = {int(aid): str(code) for aid, code in settled}
    # The seq of each one's last settling event (an event.* row moving it into a settled state).
    last: dict[int, int] = {}
    for seq, aid in db.execute_sql(
            f"SELECT seq, assessment_id FROM audit_event WHERE assessment_id IS NOT NULL AND action LIKE {p} "
            f"AND to_state IN ({marks}) ORDER BY seq", ("event.%", *_M016_SETTLED)):
        if int(aid) in code_of:
            last[int(aid)] = int(seq)
    # The log's school facts in order: (seq, {code: [name, township, stage, order, ...]}).
    facts: list[tuple[int, dict[str, list[object]]]] = []
    for seq, payload in db.execute_sql(
            "SELECT seq, payload FROM audit_event WHERE action IN ('school.import', 'audit.checkpoint') ORDER BY seq"):
        try:
            data = json.loads(payload or "{}")
        except ValueError:
            continue
        schools = ((data.get("facts") or {}).get("sc") if isinstance(data, dict) else None) or {}
        if isinstance(schools, dict) and schools:
            facts.append((int(seq), schools))
    # Walk both in seq order, holding each school's newest entry so far.
    held: dict[str, list[object]] = {}
    found: dict[int, list[object]] = {}
    at = 0
    for seq, aid in sorted((seq, aid) for aid, seq in last.items()):
        while at < len(facts) and facts[at][0] < seq:
            held.update(facts[at][1])
            at += 1
        entry = held.get(code_of[aid])
        if isinstance(entry, list):
            found[aid] = entry
    return found


def _m016_settled_school_names(db: pw.Database) -> None:
    # A frozen round's papers print each school as it was settled there, not as the register has it now
    # (a 2023 notice re-exported after a 2025 rename printed the new name). Every school already settled
    # gets the name, township and stage it had when the event that settled it last fired: the audit log's
    # school facts (school.import and checkpoint rows' "sc") as of that row, else, where the log holds none
    # from before it, the register's row as it is now (audit verify replays the same rule: workflow/audit_replay.py).
    _add_columns(db, {"assessment": [("school_name", "VARCHAR(200)"), ("school_township", "VARCHAR(100)"),
                                     ("school_stage", "VARCHAR(16)")]})
    p = db.param
    marks = ", ".join([p] * len(_M016_SETTLED))
    names = {aid: (entry[0], entry[1], entry[2]) for aid, entry in _school_facts_when_settled(db, "school_name").items()
             if len(entry) >= 3}
    for aid, (name, township, stage) in names.items():
        db.execute_sql(f"UPDATE assessment SET school_name = {p}, school_township = {p}, school_stage = {p} "
                       f"WHERE id = {p}", (name, township, stage, aid))
    # The rest: the register's row now (no school facts in the log from before it settled).
    db.execute_sql(
        "UPDATE assessment SET school_name = (SELECT name FROM school WHERE school.id = assessment.school_id), "
        "school_township = (SELECT township FROM school WHERE school.id = assessment.school_id), "
        "school_stage = (SELECT stage FROM school WHERE school.id = assessment.school_id) "
        f"WHERE school_name IS NULL AND state IN ({marks})", _M016_SETTLED)


# The audit rows that settle a school's round, and the corrections (workflow/reads/history.py reads them for
# every round line: the 历年记录 sheet, a school's rounds). Here, not read from workflow (models sits below it);
# history.py writes its query's condition with ``settling_condition`` so that both backends use the index.
SETTLING_ACTIONS = ("event.certify", "event.recommend_upward", "event.mark_not_rated", "event.raise_level",
                    "event.keep_level", "event.lower_level", "event.grant_upward", "event.refuse_upward",
                    "event.upward_grant", "event.upward_refuse")
CORRECTION_PREFIX = "correction."


def settling_condition(db: pw.Database) -> str:
    """The partial index's condition, in the words a query must repeat for the planner to use it
    (constants, not parameters; no "%", which psycopg2 would read as a placeholder). The prefix is
    compared as Python's ``startswith`` does, case and all, the same text on both backends."""
    del db  # one text for both: kept a parameter so a backend may differ
    actions = ", ".join(f"'{a}'" for a in SETTLING_ACTIONS)
    return f"(action IN ({actions}) OR substr(action, 1, {len(CORRECTION_PREFIX)}) = '{CORRECTION_PREFIX}')"


def _m017_audit_settling(db: pw.Database) -> None:
    # A campaign's round lines read its settling and correction rows from the log: with 50 audit rows a school
    # (5 M at 100,000 schools) that was a scan of the whole log on every workbook export (0.7 s CPU, more from
    # disk). Partial, as migration 15's: only those rows are indexed, so an ordinary audit append writes no more.
    db.execute_sql(f"CREATE INDEX IF NOT EXISTS audit_event_settling ON audit_event (campaign_id, seq) "
                   f"WHERE {settling_condition(db)}")


def _m018_round_notice_texts(db: pw.Database) -> None:
    # Notice texts belong to a round, not its campaign. Which round did each campaign text serve? The one
    # open when it was set. The audit log read each campaign's texts back at every campaign event (facts "t",
    # keyed by campaign, beside the event's rounds "r"): a frozen round keeps the texts the last event of its
    # time read back, that is as its notice exported before a later round's texts were set over them; a
    # frozen round the log never read texts for keeps the campaign's texts as they are (as it exports now).
    # The newest round keeps today's rows. The same rule is the replay's (workflow/audit_replay.py).
    p = db.param
    if "round_id" not in {c.name for c in db.get_columns("notice_text")}:
        db.execute_sql("ALTER TABLE notice_text ADD COLUMN round_id INTEGER REFERENCES campaign_round (id) "
                       "ON DELETE CASCADE")
    db.execute_sql("DROP INDEX IF EXISTS notice_text_campaign_id_key")
    rounds: dict[int, list[tuple[int, int]]] = {}  # campaign -> [(year, round id)], oldest first
    for rid, cid, year in db.execute_sql("SELECT id, campaign_id, year FROM campaign_round ORDER BY year, id"):
        rounds.setdefault(int(cid), []).append((int(year), int(rid)))
    current: dict[int, list[tuple[str, str, str, str, int]]] = {}
    for cid, key, text, by, at, version in db.execute_sql(
            "SELECT campaign_id, key, text, updated_by, updated_at, version FROM notice_text WHERE round_id IS NULL"):
        current.setdefault(int(cid), []).append((str(key), str(text), str(by), str(at), int(version)))
    if current:
        served = _texts_served(db, rounds)
        for cid, rows in current.items():
            mine = rounds.get(cid) or []
            if not mine:
                continue
            newest = mine[-1][1]
            db.execute_sql(f"UPDATE notice_text SET round_id = {p} WHERE campaign_id = {p} AND round_id IS NULL",
                           (newest, cid))
            for _year, rid in mine[:-1]:
                logged = served.get(rid)
                kept = ([(key, text, by, at, version) for key, text, by, at, version in rows] if logged is None
                        else [(key, str(text or ""), "", logged[1], 1) for key, text in sorted(logged[0].items())])
                for key, text, by, at, version in kept:
                    db.execute_sql("INSERT INTO notice_text (campaign_id, round_id, key, text, updated_by, updated_at, "
                                   f"version) VALUES ({p}, {p}, {p}, {p}, {p}, {p}, {p})",
                                   (cid, rid, key, text, by, at, version))
    db.execute_sql("CREATE UNIQUE INDEX IF NOT EXISTS notice_text_round_id_key ON notice_text (round_id, key)")
    # A campaign made with `campaign create --like` is the next cycle of its source, whose rounds are then all
    # frozen: the log's campaign.create rows name the source ("like").
    if "succeeds" not in {c.name for c in db.get_columns("campaign")}:
        db.execute_sql("ALTER TABLE campaign ADD COLUMN succeeds INTEGER")
    db.execute_sql("CREATE INDEX IF NOT EXISTS campaign_succeeds ON campaign (succeeds)")
    for cid, payload in db.execute_sql(f"SELECT campaign_id, payload FROM audit_event WHERE action = {p} "
                                       f"AND payload LIKE {p}", ("campaign.create", '%"like"%')):
        try:
            source = (json.loads(payload or "{}") or {}).get("like")
        except (ValueError, AttributeError):
            continue
        if cid is not None and isinstance(source, int):
            db.execute_sql(f"UPDATE campaign SET succeeds = {p} WHERE id = {p} AND succeeds IS NULL", (source, cid))


def _texts_served(db: pw.Database, rounds: dict[int, list[tuple[int, int]]]
                  ) -> dict[int, tuple[dict[str, object], str]]:
    """Each round's campaign texts as the log last read them back while it was its campaign's newest
    (``logged_texts_round``), and when."""
    served: dict[int, tuple[dict[str, object], str]] = {}
    known: dict[int, tuple[int, int]] = {}
    for at, payload in db.execute_sql(f"SELECT at, payload FROM audit_event WHERE payload LIKE {db.param} "
                                      "ORDER BY seq", ('%"t"%',)):
        try:
            facts = (json.loads(payload or "{}") or {}).get("facts")
        except (ValueError, AttributeError):
            continue
        if not isinstance(facts, dict) or not isinstance(facts.get("t"), dict):
            continue
        for cid, entry in facts["t"].items():
            rid = logged_texts_round(known, facts.get("r"), int(cid), rounds.get(int(cid)) or [])
            if rid is not None and isinstance(entry, dict):
                served[rid] = (entry, str(at))
    return served


def logged_texts_round(known: dict[int, tuple[int, int]], logged_rounds: object, campaign_id: int,
                       rounds: list[tuple[int, int]]) -> int | None:
    """The round an audit row's campaign texts (facts "t", by campaign) were for: the newest round of the
    campaign the log has shown so far, this row's rounds ("r") included, ``known`` kept up to date as it
    goes; where the log has shown none yet, the campaign's first round (``rounds``, oldest first)."""
    for rid, entry in (logged_rounds.items() if isinstance(logged_rounds, dict) else ()):
        if isinstance(entry, list) and len(entry) >= 2:
            cid, year = int(entry[0]), int(entry[1])
            if cid not in known or (year, int(rid)) > known[cid]:
                known[cid] = (year, int(rid))
    if campaign_id in known:
        return known[campaign_id][1]
    return rounds[0][1] if rounds else None


def _m019_settled_school_order(db: pw.Database) -> None:
    # A frozen round lists its schools in the order they had when settled, not as a later import's 排序 has them
    # (a 2023 notice re-exported after an import with 排序 reordered its schools and its first sentence). Each
    # school already settled gets the display order the log's school facts ("sc": [name, township, stage, order,
    # ...]) held as of the last event settling it, else the register's now: migration 16's rule (audit verify
    # replays it: workflow/audit_replay.py).
    _add_columns(db, {"assessment": [("school_order", "INTEGER")]})
    p = db.param
    marks = ", ".join([p] * len(_M016_SETTLED))
    orders = {aid: entry[3] for aid, entry in _school_facts_when_settled(db, "school_order").items()
              if len(entry) >= 4 and isinstance(entry[3], int)}
    for aid, order in orders.items():
        db.execute_sql(f"UPDATE assessment SET school_order = {p} WHERE id = {p}", (order, aid))
    db.execute_sql(
        "UPDATE assessment SET school_order = (SELECT display_order FROM school WHERE school.id = assessment.school_id) "
        f"WHERE school_order IS NULL AND state IN ({marks})", _M016_SETTLED)


MIGRATIONS: list[tuple[int, str, Callable[[pw.Database], None]]] = [
    (1, "initial tables and append-only audit triggers", _m001_initial),
    (2, "indexes for filtering at province scale", _m002_search_indexes),
    (3, "editable notice texts per campaign", _m003_notice_texts),
    (4, "audit seal: keyed HMAC beside the public hash chain", _m004_audit_seal),
    (5, "versions on narratives, problems, notice texts; users' authorized_keys state", _m005_record_versions),
    (6, "web sign-in tokens, kept as SHA-256 only", _m006_web_tokens),
    (7, "review rounds: each year its own assessments; the old ones become the initial round", _m007_rounds),
    (8, "covering indexes for a round's level counts and upward decisions", _m008_summary_indexes),
    (9, "regions: the jurisdiction tree, a region on schools, campaigns and users; experts' assignments",
     _m009_regions),
    (10, "upward review: a higher tier's campaign reviews a year's recommendations; the county row each came from",
     _m010_upward_review),
    (11, "trigram index of school codes, names and townships for the dashboard filter", _m011_school_trigrams),
    (12, "the school filter's index matches exactly what its LIKE does, from one character on", _m012_exact_school_search),
    (13, "PostgreSQL: one stored lowered search text of each school, read by the filter with LIKE",
     _m013_pg_search_text),
    (14, "web sign-in links name the audit row that issued them", _m014_web_token_audit_seq),
    (15, "the publicize rows of the audit log by campaign (whether its publicity has begun)", _m015_audit_publicize),
    (16, "each settled school keeps the name, township and stage its round settled it under",
     _m016_settled_school_names),
    (17, "the settling and correction rows of the audit log by campaign (a campaign's round lines)",
     _m017_audit_settling),
    (18, "notice texts belong to a round, a frozen round keeping the texts it exported; a campaign copied "
         "--like is its source's next cycle, which freezes the source's rounds", _m018_round_notice_texts),
    (19, "each settled school keeps the display order its round settled it under", _m019_settled_school_order),
]

CURRENT_VERSION = MIGRATIONS[-1][0]


def applied_versions(db: pw.Database) -> set[int]:
    with SchemaVersion.bind_ctx(db):
        if not SchemaVersion.table_exists():
            return set()
        return {version for (version,) in SchemaVersion.select(SchemaVersion.version).tuples()}


class SchemaTooNew(DatabaseUnavailable):
    """The database was migrated by a newer program: this one would misread it, or write rows the
    newer one then calls tampered. ``found`` and ``supported`` name both versions."""


def check_not_newer(db: pw.Database, applied: set[int] | None = None) -> None:
    """Refuse a database whose schema is newer than ``CURRENT_VERSION``, before anything is read or written.
    ``applied``: the versions read from ``db`` just now (``applied_versions``), not read again."""
    found = max(applied_versions(db) if applied is None else applied, default=0)
    if found > CURRENT_VERSION:
        db.close()
        raise SchemaTooNew("db.too_new", found=found, supported=CURRENT_VERSION)


def is_initialised(db: pw.Database) -> bool:
    """Whether a starcampus ever set this database up (it has a schema version)."""
    return bool(applied_versions(db))


def migrate(db: pw.Database, versions: set[int] | None = None) -> list[int]:
    """Apply pending migrations, each in its own transaction; return those applied.

    A database newer than this program is refused (``check_not_newer``), never half-migrated.
    ``versions``: the versions read from ``db`` just now (``models.db.open_database`` reads them once).
    """
    done = applied_versions(db) if versions is None else versions
    check_not_newer(db, done)
    if not done:
        # Only when there is no version table yet: even CREATE TABLE IF NOT EXISTS is refused
        # by a database opened read-only (sqlite:///...?mode=ro), which has nothing to migrate.
        with SchemaVersion.bind_ctx(db):
            db.create_tables([SchemaVersion], safe=True)
    applied: list[int] = []
    for version, _title, step in MIGRATIONS:
        if version in done:
            continue
        with db.atomic():
            step(db)
            with SchemaVersion.bind_ctx(db):
                SchemaVersion.insert(
                    version=version, applied_at=datetime.now(UTC).isoformat(timespec="seconds")
                ).on_conflict_ignore().execute()
        applied.append(version)
    return applied
