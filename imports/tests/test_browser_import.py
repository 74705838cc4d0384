"""OPCC staff import minutes they already have, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from actions.models import Action, Post
from imports.tests import contract
from meetings.models import Meeting
from meetings.tests.samples import APRIL_2021

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# Required fields' labels end with an asterisk.
DATE = re.compile(r"^Date\W*$")


def test_opcc_staff_import_a_word_document_after_checking_it(
    page, sign_in, audit_accessibility
):
    sign_in("opcc")

    page.get_by_role("link", name="Import minutes").click()
    expect(page.get_by_role("heading", name="Import minutes")).to_be_visible()
    audit_accessibility("import-upload")
    page.get_by_label("Minutes file").set_input_files(APRIL_2021)
    page.get_by_role("button", name="Read the minutes").click()

    expect(
        page.get_by_role("heading", name="Check the minutes before importing")
    ).to_be_visible()
    expect(page.get_by_role("textbox", name=DATE)).to_have_value("2021-04-27")
    expect(page.get_by_label("Start time")).to_have_value("14:00")
    owner = page.get_by_label("Owner of action 3")
    expect(owner).to_have_value("CC")
    audit_accessibility("import-preview")
    assert not Meeting.objects.filter(date="2021-04-27").exists()
    owner.select_option(label=str(Post.objects.get(abbreviation="ACC")))
    page.get_by_role("button", name="Import these minutes").click()

    expect(page.get_by_role("status")).to_contain_text(
        "Imported Performance Review with 3 actions."
    )
    meeting = Meeting.objects.get(date="2021-04-27")
    assert page.url.endswith(f"/meetings/{meeting.pk}/")
    survey = Action.objects.get(description__contains="victim satisfaction survey")
    assert survey.owner.abbreviation == "ACC"
    assert Meeting.objects.get(date="2021-03-23").next_meeting == meeting


def test_undated_minutes_get_a_date_a_new_post_and_a_title_before_import(
    page, sign_in, audit_accessibility, monkeypatch, tmp_path
):
    hollis = contract.person("Jane Hollis", "Director of Estates", initials="JH")
    undated = contract.minutes(
        contract.action("JH", [hollis]),
        attendees=[
            contract.attendee("Jane Hollis", "Director of Estates", initials="JH")
        ],
        date=None,
    )
    # The parser is another piece of work: this test drives the preview with
    # minutes shaped as the contract says an undated document reads.
    monkeypatch.setattr("imports.forms.read_minutes", lambda *args, **kw: undated)
    upload = tmp_path / "board.docx"
    upload.write_bytes(b"minutes")
    sign_in("opcc")
    page.get_by_role("link", name="Import minutes").click()
    page.get_by_label("Minutes file").set_input_files(upload)
    page.get_by_role("button", name="Read the minutes").click()

    expect(
        page.get_by_text("These minutes give no meeting date: enter it.")
    ).to_be_visible()
    expect(
        page.get_by_text("As written: JH (Jane Hollis, Director of Estates)")
    ).to_be_visible()
    audit_accessibility("import-preview-undated")
    page.get_by_role("textbox", name=DATE).fill("2022-07-14")
    page.get_by_label("Organisation of Director of Estates").select_option("OPCC")
    page.get_by_role("button", name="Create post Director of Estates").click()

    expect(page.get_by_role("status").first).to_contain_text(
        "Created the post Director of Estates (JH), OPCC"
    )
    expect(page.get_by_role("textbox", name=DATE)).to_have_value("2022-07-14")
    expect(page.get_by_label("Owner of action 1")).to_have_value("JH")
    audit_accessibility("import-preview-post-created")
    page.get_by_role("textbox", name=re.compile(r"^Title")).fill(
        "Police Accountability Board 14 July 2022"
    )
    page.get_by_label("Approved").check()
    page.get_by_role("button", name="Import these minutes").click()

    expect(
        page.get_by_role("heading", name="Police Accountability Board 14 July 2022")
    ).to_be_visible()
    meeting = Meeting.objects.get(title="Police Accountability Board 14 July 2022")
    assert meeting.status == Meeting.Status.APPROVED
    action = Action.objects.get(agenda_item__meeting=meeting)
    assert action.owner.name == "Director of Estates"
