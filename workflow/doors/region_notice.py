"""The trace a region notice (区域通报) leaves: who wrote which city's or province's notice of which
year, where. An export changes nothing, but every one is recorded (as notice_texts.record_export
records a campaign's documents); this one belongs to a region, not to one campaign."""

from __future__ import annotations

from workflow import audit
from workflow.door import write
from workflow.permissions import Actor, export_action, require, require_region

ACTION = "export.region_notice"


def record_region_notice(actor: Actor, region_code: str, year: int, path: str) -> None:
    require(actor, export_action(actor.role, "notice"))
    require_region(actor, region_code)

    def body() -> None:
        audit.append(actor=actor.name, action=ACTION, payload={"path": path, "region": region_code, "year": year})

    write(body)
