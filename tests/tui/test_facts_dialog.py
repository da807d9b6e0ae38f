"""The campaign facts in the app (the palette's 活动信息): the saved texts shown, a malformed 发文字号
refused inside the form naming what is wrong, the changed facts saved through the CLI's door."""

from __future__ import annotations

from textual.widgets import Button, Input, Static, TextArea

from tests.tui.helpers import run_async, settle
from tui.app import StarCampusApp
from tui.screens.dialogs.facts import FactsDialog
from workflow.doors.demo import ADMIN
from workflow.doors.notice_facts import FACT_KEYS
from workflow.doors.notice_texts import set_notice_text
from workflow.reads.notice_facts import saved_texts

SIZE = (120, 40)


@run_async
async def test_facts_are_shown_checked_and_saved(demo: int) -> None:
    set_notice_text(ADMIN, demo, "contact_telephone", "0954-5011234")
    app = StarCampusApp(ADMIN, campaign_id=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_campaign_facts()
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FactsDialog)
        assert dialog.query_one("#f-contact_telephone", Input).value == "0954-5011234"
        assert dialog.query_one("#f-addressee", Input).value == ""

        dialog.query_one("#f-document_number", Input).value = "泾教发〔2023〕第12号"
        dialog.query_one("#ok", Button).press()
        await settle(pilot)
        error = str(dialog.query_one("#form-error", Static).render())
        assert "发文字号" in error and "不加“第”字" in error
        assert app.screen is dialog and saved_texts(ADMIN, demo, FACT_KEYS) == [("contact_telephone", "0954-5011234")]

        dialog.query_one("#f-document_number", Input).value = "泾教发〔2023〕12号"
        dialog.query_one("#f-addressee", Input).value = "各学校"
        dialog.query_one("#f-basis_documents", TextArea).text = "《指南》（宁教发〔2022〕33号）\n《通知》（宁教办函〔2023〕92号）"
        dialog.query_one("#ok", Button).press()
        await settle(pilot)
        assert not isinstance(app.screen, FactsDialog)
    assert dict(saved_texts(ADMIN, demo, FACT_KEYS)) == {
        "addressee": "各学校", "document_number": "泾教发〔2023〕12号",
        "basis_documents": "《指南》（宁教发〔2022〕33号）\n《通知》（宁教办函〔2023〕92号）",
        "contact_telephone": "0954-5011234",
    }


@run_async
async def test_only_admins_get_the_facts_form(demo: int) -> None:
    from workflow.permissions import Actor

    app = StarCampusApp(Actor("demo-expert", "expert"), campaign_id=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.check_action("campaign_facts", ()) is False
