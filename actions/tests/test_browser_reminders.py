"""Reminder emails in a real browser: the demo's overdue action reaches the force,
who sees them on the action page and stops due-soon emails from the email's link."""

import datetime
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from actions.models import Action
from actions.reminders import send_due_reminders
from actions.tests.reminder_support import at_seven

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

THE_DAY_AFTER = datetime.date(2021, 4, 28)
ONE_DAY = datetime.timedelta(days=1)


def test_the_force_reads_its_reminder_and_stops_due_soon_emails(
    page, live_server, sign_in, audit_accessibility, settings
):
    settings.SITE_URL = live_server.url
    # The demo's force action has no due date; agree one: the next meeting.
    Action.objects.filter(reference="2021-03/1").update(
        due_date=THE_DAY_AFTER - ONE_DAY
    )
    send_due_reminders(today=THE_DAY_AFTER, now=at_seven(THE_DAY_AFTER))
    (to_force,) = [m for m in mail.outbox if "force@example.org" in m.to[0]]
    action_link = re.search(rf"{live_server.url}/actions/\d+/", to_force.body)[0]
    opt_out_link = re.search(rf"{live_server.url}/reminders/stop/\S+/", to_force.body)[
        0
    ]

    page.goto(opt_out_link)
    expect(page.get_by_role("heading", name="Stop due-soon reminders")).to_be_visible()
    audit_accessibility("reminders-opt-out")
    page.get_by_role("button", name="Stop due-soon reminders").click()
    expect(page.get_by_role("status")).to_contain_text("will no longer be emailed")
    audit_accessibility("reminders-opted-out")

    sign_in("force")
    page.goto(action_link)
    reminders = page.get_by_role("region", name="Reminder emails")
    expect(reminders).to_contain_text("Overdue, 28 Apr 2021")
    expect(reminders).to_contain_text("Tom Hughes")

    page.get_by_role("link", name="Reminders and calendar").click()
    checkbox = page.get_by_label("Email me before an action I own is due")
    expect(checkbox).not_to_be_checked()
    audit_accessibility("reminder-settings")
    checkbox.check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("You will be emailed before")
    expect(checkbox).to_be_checked()

    page.get_by_role("button", name="Make my calendar address").click()
    address = page.get_by_label("Your calendar address").input_value()
    assert address.startswith(f"{live_server.url}/calendar/")
    audit_accessibility("calendar-address")
    feed = page.request.get(address)
    assert "SUMMARY:Due: 2021-03/1" in feed.text()
