"""Issue 3's journey: the April 2021 Performance Review minuted in the browser."""

import re

import pytest
from playwright.sync_api import expect

from actions.models import Action
from meetings.models import Meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ATTENDEES = [
    ("John Campion", "Police and Crime Commissioner", "PCC"),
    ("Anthony Bangham", "Chief Constable", "CC"),
    ("Amanda Blakeman", "Deputy Chief Constable", "DCC"),
    ("Natasha Noorbakhsh", "Policy Officer", "PO"),
]


def add_item(page, number, title, discussion, parent=None):
    page.get_by_role("link", name="Add an agenda item").click()
    page.get_by_label("Number, as written").fill(number)
    page.get_by_label("Title").fill(title)
    if parent:
        page.get_by_label("Sub-item of").select_option(label=parent)
    page.get_by_label("Discussion").fill(discussion)
    page.get_by_role("button", name="Save the item").click()
    expect(page.get_by_role("status")).to_contain_text(f"Item {number} is saved.")


def raise_action(page, number, description, owner, phrase):
    page.get_by_role("link", name=f"Raise an action at item {number}").click()
    page.get_by_role("textbox", name=re.compile(r"^Action")).fill(description)
    page.get_by_label("Owner post").select_option(label=owner)
    page.get_by_label("Or when, as minuted").fill(phrase)
    page.get_by_role("button", name="Raise the action").click()
    expect(page.get_by_role("status")).to_contain_text("is raised.")


def test_opcc_staff_minute_the_april_performance_review(page, sign_in):
    sign_in("opcc")

    page.get_by_role("link", name="Meetings").click()
    page.get_by_role("link", name="New meeting").click()
    page.get_by_label("Board").select_option(label="Performance Review Board")
    page.get_by_label("Type of meeting").select_option(label="Performance Review")
    page.get_by_label("Title").fill("Performance Review April 2021")
    page.get_by_role("textbox", name=re.compile(r"^Date\W*$")).fill("2021-04-27")
    page.get_by_label("Start time", exact=True).fill("14:00")
    page.get_by_label("Venue").fill("Virtual")
    page.get_by_label("Chair").fill("John Campion")
    page.get_by_role("button", name="Create the meeting").click()

    page.get_by_role("link", name="Edit the attendance").click()
    for n, (name, capacity, abbreviation) in enumerate(ATTENDEES, start=1):
        page.get_by_label(f"Name of person {n}", exact=True).fill(name)
        page.get_by_label(f"Capacity of person {n}", exact=True).fill(capacity)
        page.get_by_label(f"Abbreviation of person {n}", exact=True).fill(abbreviation)
    page.get_by_role("button", name="Save the attendance").click()

    add_item(
        page, "1", "Performance of the year 2021", "The PCC asked about 999 calls."
    )
    add_item(
        page,
        "1.1",
        "Call handling",
        "Abandoned calls rose in March.\n\nThe DCC explained the new rota.",
        parent="1 Performance of the year 2021",
    )
    add_item(page, "2", "AOB", "None.")
    raise_action(
        page,
        "1.1",
        "Report the 999 abandonment figures.",
        "Deputy Chief Constable (DCC)",
        "in 6 months",
    )
    raise_action(
        page, "2", "Share the victim survey.", "Chief Constable (CC)", "by 31 May 2021"
    )
    page.get_by_role("link", name="Approve the minutes").click()
    page.get_by_role("button", name="Approve the minutes").click()

    expect(page.get_by_role("status")).to_contain_text("The minutes are approved.")
    expect(page.get_by_role("link", name="Edit the attendance")).to_have_count(0)
    meeting = Meeting.objects.get(title="Performance Review April 2021")
    assert meeting.status == "approved"
    assert meeting.attendees.count() == 4
    assert [i.number for i in meeting.items.all()] == ["1", "1.1", "2"]
    assert meeting.items.get(number="1.1").parent.number == "1"
    actions = Action.objects.filter(agenda_item__meeting=meeting).order_by("reference")
    assert [(a.reference, a.due_date.isoformat(), a.due_phrase) for a in actions] == [
        ("2021-04/1", "2021-10-27", "in 6 months"),
        ("2021-04/2", "2021-05-31", "by 31 May 2021"),
    ]
