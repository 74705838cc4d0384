"""OPCC staff record a meeting's attendance in one go, in a real browser."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from meetings.tests.factories import MeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PEOPLE = [
    "John Campion",
    "Anthony Bangham",
    "Amanda Blakeman",
    "Geoff Wessell",
    "Jack Taylor",
    "Natasha Noorbakhsh",
    "Charity Pearce",
]


def test_opcc_staff_add_seven_people_at_once(
    page, live_server, sign_in, audit_accessibility
):
    meeting = MeetingFactory(title="Audit Committee May 2021")
    sign_in("opcc")
    page.goto(live_server.url + reverse("meetings:attendance", args=[meeting.pk]))

    add = page.get_by_role("button", name="Add another person")
    add.click()
    add.click()
    expect(page.get_by_label("Name of person 7", exact=True)).to_be_focused()
    for number, name in enumerate(PEOPLE, start=1):
        page.get_by_label(f"Name of person {number}", exact=True).fill(name)
        page.get_by_label(f"Capacity of person {number}", exact=True).fill("Guest")
    page.get_by_label("Capacity of person 2", exact=True).fill("Chief Constable")
    expect(page.get_by_label("Abbreviation of person 2", exact=True)).to_have_value(
        "CC"
    )
    audit_accessibility("attendance-seven")
    page.get_by_role("button", name="Save the attendance").click()

    expect(page.get_by_role("status")).to_contain_text("The attendance is saved.")
    for name in PEOPLE:
        expect(page.get_by_role("row", name=name)).to_be_visible()
    assert meeting.attendees.count() == 7
