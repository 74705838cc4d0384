"""OPCC staff start the next meeting of a series in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from meetings.models import Meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_opcc_staff_start_the_april_meeting_from_march(
    page, sign_in, audit_accessibility
):
    sign_in("opcc")
    page.get_by_role("link", name="Meetings").click()
    page.get_by_role("link", name="Monthly Assurance Meeting March 2021").click()

    page.get_by_role("link", name="Start the next meeting of this series").click()
    expect(page.get_by_label("Venue")).to_have_value("Virtual")
    audit_accessibility("meeting-new")
    page.get_by_label("Title").fill("Monthly Assurance Meeting April 2021")
    page.get_by_role("textbox", name=re.compile(r"^Date\W*$")).fill("2021-04-20")
    page.get_by_label("Start time", exact=True).fill("10:30")
    page.get_by_role("button", name="Create the meeting").click()

    expect(page.get_by_role("status")).to_contain_text("is created as a draft")
    page.get_by_role("link", name="Edit the attendance").click()
    expect(page.get_by_label("Name of person 1", exact=True)).to_have_value(
        "John Campion"
    )
    audit_accessibility("attendance")
    page.get_by_label("Attendance of person 6", exact=True).select_option(
        label="Apologies"
    )
    page.get_by_role("button", name="Save the attendance").click()

    expect(page.get_by_role("row", name="Jack Taylor")).to_contain_text("Apologies")
    april = Meeting.objects.get(title="Monthly Assurance Meeting April 2021")
    assert april.attendees.count() == 6

    page.get_by_role("link", name="Add an agenda item").click()
    audit_accessibility("item-new")
    page.get_by_label("Number, as written").fill("2")
    page.get_by_label("Title").fill("Holding to account – Neighbourhood policing")
    page.get_by_label("Discussion").fill(
        "The PCC asked about rural crime.\n\nThe ACC replied."
    )
    page.get_by_role("button", name="Save the item").click()
    page.get_by_role("link", name="Raise an action at item 2").click()
    audit_accessibility("action-raise")
    page.get_by_role("textbox", name=re.compile(r"^Action")).fill(
        "Revisit rural crime staffing."
    )
    page.get_by_label("Owner post").select_option(
        label="Assistant Chief Constable (ACC)"
    )
    page.get_by_label("Or when, as minuted").fill("in 6 months")
    page.get_by_role("button", name="Raise the action").click()

    expect(page.get_by_role("status")).to_contain_text("Action 2021-04/1 is raised.")
    expect(page.get_by_text("Revisit rural crime staffing.")).to_be_visible()
    expect(page.get_by_text("20 Oct 2021")).to_be_visible()
