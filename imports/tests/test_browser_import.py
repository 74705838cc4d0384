"""OPCC staff import minutes they already have, in a real browser."""

import pytest
from playwright.sync_api import expect

from actions.models import Action, Post
from meetings.models import Meeting
from meetings.tests.samples import APRIL_2021

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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
    expect(page.get_by_text("27 Apr 2021, 14:00")).to_be_visible()
    owner = page.get_by_label("Owner of action 3")
    expect(owner).to_have_value("CC")
    audit_accessibility("import-preview")
    assert not Meeting.objects.filter(date="2021-04-27").exists()
    owner.select_option(label=str(Post.objects.get(abbreviation="ACC")))
    page.get_by_role("button", name="Import these minutes").click()

    expect(page.get_by_role("status")).to_contain_text(
        "Imported Performance Review with 3 actions."
    )
    survey = Action.objects.get(description__contains="victim satisfaction survey")
    assert survey.owner.abbreviation == "ACC"
    assert Meeting.objects.get(date="2021-03-23").next_meeting.date.isoformat() == (
        "2021-04-27"
    )


def test_a_bad_file_is_explained_at_the_field(page, sign_in, tmp_path):
    broken = tmp_path / "minutes.docx"
    broken.write_bytes(b"not a zip")
    sign_in("opcc")
    page.get_by_role("link", name="Import minutes").click()

    page.get_by_label("Minutes file").set_input_files(broken)
    page.get_by_role("button", name="Read the minutes").click()

    expect(page.get_by_text("minutes.docx is not a Word document")).to_be_visible()
