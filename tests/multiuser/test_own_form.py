"""A school user exports its own self-evaluation form (自评表) and nothing else (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from tests.workflow.helpers import SCHOOL_A, setup_campaign
from tui.export_jobs import run_export
from workflow.errors import PermissionDenied


def test_a_school_prints_its_own_form_only(db: str, tmp_path: Path) -> None:
    campaign = setup_campaign(schools=2)
    out = tmp_path / "exports"
    out.mkdir()
    written = run_export(SCHOOL_A, "forms", out / "own.docx", campaign_id=campaign.id)
    text = "\n".join(p.text for p in Document(str(written)).paragraphs)
    assert text.count("学校名称：") == 1 and "学校名称：第1小学" in text
    with pytest.raises(PermissionDenied):
        run_export(SCHOOL_A, "forms", out / "other.docx", campaign_id=campaign.id, schools=["S002"])
    for kind, suffix in (("notice", "docx"), ("publicity", "docx"), ("workbook", "xlsx")):
        with pytest.raises(PermissionDenied):
            run_export(SCHOOL_A, kind, out / f"{kind}.{suffix}", campaign_id=campaign.id)
    assert sorted(p.name for p in out.iterdir()) == ["own.docx"]
