"""Properties through the workflow (hypothesis): stored totals, and parsers that fail politely."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability.helpers import ADMIN, build_campaign_db, copy_db

LEAVES = {"1.1": 8, "1.2": 5, "2.1": 6, "3.4": 4, "5.4": 3, "6.2": 2}
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("props") / "template.sqlite3"
    build_campaign_db(path, schools=1, scored=False)
    return path


half_points = {code: st.integers(0, 2 * top).map(lambda n: Decimal(n) / 2) for code, top in LEAVES.items()}
batches = st.lists(st.dictionaries(st.sampled_from(sorted(LEAVES)), st.integers(0, 16).map(lambda n: Decimal(n) / 2),
                                   min_size=1, max_size=4), min_size=1, max_size=5)


@SETTINGS
@given(batches=batches, vetoed=st.booleans())
def test_stored_total_is_the_rubric_score_of_the_stored_leaves(template: Path, batches, vetoed) -> None:
    from models.db import close_database, open_database
    from models.schema import Assessment, Score
    from rubrics.scoring import score
    from workflow.doors.scores import set_scores, set_veto
    from workflow.errors import InvalidInput
    from workflow.permissions import Actor
    from workflow.rubric_cache import rubric_of

    with tempfile.TemporaryDirectory() as tmp:
        db = copy_db(template, Path(tmp) / "p.sqlite3")
        open_database(str(db))
        try:
            actor = Actor(ADMIN, "admin")
            row = Assessment.get()
            rubric = rubric_of(row.campaign)
            if vetoed and rubric.vetoes:
                set_veto(actor, row.id, rubric.vetoes[0].code, True, reason="test")
            for batch in batches:
                clipped = {c: v for c, v in batch.items() if v <= LEAVES[c]}
                if len(clipped) != len(batch):
                    with pytest.raises(InvalidInput):  # one bad leaf refuses the whole batch
                        set_scores(actor, row.id, batch)
                if clipped:
                    set_scores(actor, row.id, clipped)
                stored = Assessment.get_by_id(row.id)
                leaves = {s.code: s.value for s in Score.select().where(
                    (Score.assessment == row.id) & (Score.kind == "self"))}
                expected = score(rubric, leaves, vetoes=[v for v in stored.vetoes.split(",") if v]).total
                assert stored.self_total == (expected if leaves else None)
        finally:
            close_database()


text_or_bytes = st.one_of(
    st.text(max_size=300),
    st.binary(max_size=300),
    st.lists(st.lists(st.text(max_size=12), max_size=5), max_size=6).map(
        lambda rows: "\n".join(",".join(r) for r in rows)),
    st.sampled_from(["学校代码,学校名称\n", "学校代码,指标代码,分值\n", "code,name,stage,order\n"]).flatmap(
        lambda head: st.text(max_size=200).map(lambda body: head + body)),
)


def _write(data: str | bytes, encoding: str) -> Path:
    handle = tempfile.NamedTemporaryFile(suffix=".csv", delete=False)
    with handle:
        if isinstance(data, bytes):
            handle.write(data)
        else:
            handle.write(data.encode(encoding, errors="replace"))
    return Path(handle.name)


@SETTINGS
@given(data=text_or_bytes, encoding=st.sampled_from(["utf-8", "utf-8-sig", "gbk", "utf-16"]))
def test_school_parser_raises_only_workflow_errors(data: str | bytes, encoding: str) -> None:
    from workflow.doors.schools import parse_school_file
    from workflow.errors import WorkflowError

    path = _write(data, encoding)
    try:
        parse_school_file(path)
    except WorkflowError as exc:
        assert str(exc)
    finally:
        path.unlink()


@pytest.fixture(scope="module")
def opened_template(template: Path, tmp_path_factory: pytest.TempPathFactory):
    from models.db import close_database, open_database

    db = copy_db(template, tmp_path_factory.mktemp("props-open") / "o.sqlite3")
    open_database(str(db))
    yield db
    close_database()


@SETTINGS
@given(data=text_or_bytes, encoding=st.sampled_from(["utf-8", "gbk", "utf-16"]))
def test_score_import_raises_only_workflow_errors(opened_template: Path, data: str | bytes, encoding: str) -> None:
    from workflow.doors.score_import import import_scores
    from workflow.errors import WorkflowError
    from workflow.permissions import Actor

    path = _write(data, encoding)
    try:
        import_scores(Actor(ADMIN, "admin"), 1, path)
    except WorkflowError as exc:
        assert str(exc)
    finally:
        path.unlink()


@SETTINGS
@given(value=st.one_of(st.text(max_size=40), st.from_regex(r"\A\s*\d{0,5}[-/.年]\d{0,3}[-/.月]\d{0,3}日?\s*\Z"),
                       st.binary(max_size=20).map(lambda b: b.decode("latin-1"))),
       year=st.one_of(st.none(), st.integers(-5, 10_000)))
def test_parse_date_raises_only_workflow_errors(value: str, year: int | None) -> None:
    from workflow.errors import WorkflowError
    from workflow.statemachine.phases import parse_date

    try:
        parse_date(value, field="f", default_year=year)
    except WorkflowError as exc:
        assert str(exc)
