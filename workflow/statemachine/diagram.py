"""docs/workflow.md, generated from the declaration: `python -m workflow.statemachine.diagram > docs/workflow.md`.

A test compares the committed file with this output, so a change to the workflow is a
deliberate change to its documentation too.
"""

from __future__ import annotations

from workflow.permissions import MATRIX, SCHOOL_SCOPED, markdown_table, region_markdown
from workflow.statemachine.declaration import ENTRY_STATES, EVENTS, PHASES, SCORE_STATES, STATES
from workflow.statemachine.machine import mermaid


def _labels(names: list[str], table: list[dict]) -> str:  # type: ignore[type-arg]
    by_name = {entry["name"]: entry["zh"] for entry in table}
    return "、".join(by_name[n] for n in names)


def workflow_markdown() -> str:
    lines = [
        "# 评定流程 / The workflow",
        "",
        "Generated from `workflow/statemachine/declaration.py` by `python -m workflow.statemachine.diagram > docs/workflow.md`.",
        "Do not edit by hand: `tests/test_architecture.py` fails when this file and the declaration differ.",
        "",
        "`workflow/statemachine/machine.py` builds one transitions Machine from this table: each event's phases and",
        "conditions are its transition's conditions (what the screens offer is what they allow); an event",
        "whose reason is 必填 is offered all the same and refused when fired without one; roles are checked",
        "first, by the permission table.",
        "",
        "Each year is a round (轮次) of its own: the initial rating (初评) in the campaign's year, then one",
        "annual review (年度复核) per later year, opened by `starcampus round open YEAR`. A round holds its own",
        "assessments (school states, scores, problems, records); only the newest round is open, earlier ones",
        "are frozen (a correction is its own audited event with a reason). An event's *review phases*, where",
        "given, replace its phases for a school in an annual review. An event with a *door* carries facts",
        "only that door gathers (the upward decision: `starcampus school decide`) and is not offered among",
        "a school's events.",
        "",
        "The upward review (上级复核): a school a county recommends upward (已报上级) can be reviewed in the",
        "system by a city or province. Its admin takes the year's recommendations from below into a campaign of",
        "its own (`starcampus round pull YEAR --campaign ID`: entry `upward`, state 核定中, the county's verified",
        "scores carried until its assigned experts confirm or change them); after 完成核定 (or its own 公示,",
        "once run without an open objection) it decides (`upward_grant` / `upward_refuse`, door `upward_review`,",
        "through `starcampus school decide` on that campaign, or Ctrl+O in the TUI); such a campaign enrols no",
        "school itself. The same decision lands on the county's row as `grant_upward` / `refuse_upward`, in one",
        "transaction (workflow/doors/upward.py), so the county's history, status and next notice show it as a",
        "decision recorded by hand.",
        "",
        "## 阶段 / Campaign phases",
        "",
        "| # | phase | 阶段 |",
        "|---|---|---|",
    ]
    lines += [f"| {i} | `{p['name']}` | {p['zh']} |" for i, p in enumerate(PHASES, 1)]
    lines += ["", "## 学校状态 / School states", "", "```mermaid", mermaid().rstrip(), "```", "",
              "| state | 状态 | English |", "|---|---|---|"]
    lines += [f"| `{s['name']}` | {s['zh']} | {s['en']} |" for s in STATES]
    lines += ["", "## 进入轮次 / Where a school starts a round", "", "| entry | state |", "|---|---|"]
    lines += [f"| `{entry}` | {_labels([name], STATES)} |" for entry, name in ENTRY_STATES.items()]
    lines += ["", "## 操作 / Events", "",
              "| event | 操作 | from | to | phases | review phases | roles | conditions | reason | door |",
              "|---|---|---|---|---|---|---|---|---|---|"]
    for e in EVENTS:
        review = _labels(e["review_phases"], PHASES) if "review_phases" in e else ""
        lines.append(
            f"| `{e['trigger']}` | {e['zh']} | {_labels(e['source'], STATES)} | {_labels([e['dest']], STATES)} | "
            f"{_labels(e['phases'], PHASES)} | {review} | {', '.join(e['roles'])} | "
            f"{', '.join(e.get('conditions', [])) or '—'} | {'必填' if e.get('reason') else ''} | {e.get('door', '')} |")
    lines += ["", "## 评分状态 / Where scores may be entered", ""]
    lines += [f"- {kind}: {_labels(states, STATES)}" for kind, states in SCORE_STATES.items()]
    lines += ["", "## 权限 / Permissions (role × action)", "", markdown_table(), ""]
    return "\n".join(lines)


def permissions_markdown() -> str:
    roles = "\n".join(f"- `{role}`: {', '.join(sorted(actions))}" for role, actions in MATRIX.items())
    return "\n".join([
        "# 权限 / Permissions",
        "",
        "Generated from `workflow/permissions.py` by `python -m workflow.statemachine.diagram permissions > docs/permissions.md`.",
        "",
        "权限只在 `workflow/` 中检查（命令行、终端界面、网页版都经过同一扇门）。学校用户只能处理本校的数据：",
        f"受此限制的操作：{', '.join(f'`{a}`' for a in sorted(SCHOOL_SCOPED))}。",
        "流程操作（提交、核定、认定……）各自在 docs/workflow.md 的 roles 列中规定由哪些角色执行。",
        "",
        "Permissions are checked in `workflow/` only, so the CLI, the terminal app and the web app agree.",
        "A school user is confined to its own school for the school-scoped actions listed above; workflow",
        "events carry their own roles (see the roles column in docs/workflow.md).",
        "",
        markdown_table(),
        "",
        "## By role",
        "",
        roles,
        "",
        region_markdown(),
        "",
    ])


if __name__ == "__main__":
    import sys

    print(permissions_markdown() if sys.argv[1:] == ["permissions"] else workflow_markdown(), end="")
